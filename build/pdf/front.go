package pdf

import (
	"strings"

	"octavo/build"
	"octavo/layout"
)

// The pages before the first section: half-title (i), a blank (ii), the
// title page (iii), the copyright page (iv) and the contents (v…).

const contentsTitle = "Contents"

// frontSpecs are the paragraphs of the fixed front pages.
type frontSpecs struct {
	halfTitle []*paraSpec
	title     []*paraSpec // title and subtitle
	byline    []*paraSpec // authors, translator or editor
	foot      []*paraSpec // source and publisher, at the foot of the title page
	copyright []*paraSpec
	copyGap   []float64 // space before each copyright paragraph
	contents  *paraSpec
	entries   []*paraSpec // one per section
}

func (t *typesetter) spec(spans []layout.Span, align layout.Align, size, lead float64) *paraSpec {
	return &paraSpec{p: layout.Paragraph{Spans: spans, Align: align}, size: size, lead: lead, sec: -1, word: -1, entry: -1}
}

// frontSpecs builds (stage one) every paragraph of the front pages.
func (t *typesetter) frontSpecs() {
	b, g, pos := t.book, t.geo, t.metaPos()
	f := &t.front
	text := func(what, s string, st style, size float64) []layout.Span {
		return t.sp.plain(pos, what, s, st, length(size))
	}
	center := func(spans []layout.Span, size, lead float64) *paraSpec {
		return t.spec(spans, layout.Center, size, lead)
	}

	f.halfTitle = []*paraSpec{center(text("title", b.Meta.Title, style{}, g.size*1.5), g.size*1.5, g.lead*1.6)}
	f.title = append(f.title, center(text("title", b.Meta.Title, style{}, g.size*2.2), g.size*2.2, g.lead*2.3))
	if b.Meta.Subtitle != "" {
		f.title = append(f.title, center(text("subtitle", b.Meta.Subtitle, style{italic: true}, g.size*1.3), g.size*1.3, g.lead*1.4))
	}
	var names []string
	for _, a := range b.Meta.Authors {
		names = append(names, a.Name)
	}
	if len(names) > 0 {
		f.byline = append(f.byline, center(text("author", joinNames(names), style{}, g.size*1.3), g.size*1.3, g.lead*1.4))
	}
	for _, r := range []build.Role{build.Translator, build.Editor, build.Illustrator} {
		if c := credit(b.Meta.Contributors, r); c != "" {
			f.byline = append(f.byline, center(text("contributor", c, style{italic: true}, g.size), g.size, g.lead))
		}
	}
	if src := b.Meta.Source; src != nil && len(src.Title) > 0 {
		spans := t.sp.spans(pos, "source", src.Title, style{}, length(g.size))
		f.foot = append(f.foot, center(spans, g.size, g.lead))
	}
	if b.Meta.Publisher != "" {
		f.foot = append(f.foot, center(text("publisher", b.Meta.Publisher, style{}, g.size), g.size, g.lead))
	}

	// The copyright page: small, ragged right, set at the foot.
	size, lead := g.size*0.85, g.lead*0.85
	small := func(gap float64, spans []layout.Span) {
		ps := t.spec(spans, layout.Left, size, lead)
		f.copyright = append(f.copyright, ps)
		f.copyGap = append(f.copyGap, gap)
	}
	first := true
	gap := func() float64 {
		if first {
			first = false
			return 0
		}
		return lead * 0.5
	}
	for _, blk := range b.Rights {
		pos := blockPos(blk)
		build.WalkContainers([]build.Block{blk}, func(ins []build.Inline) {
			small(gap(), t.sp.spans(pos, "rights", ins, style{}, length(size)))
		})
	}
	sect := lead
	if src := b.Meta.Source; src != nil {
		spans := text("source", "Source: ", style{}, size)
		spans = append(spans, t.sp.spans(pos, "source", src.Title, style{}, length(size))...)
		if src.URL != "" {
			spans = append(spans, text("source", ", ", style{}, size)...)
			spans = append(spans, text("source URL", src.URL, style{link: src.URL}, size)...)
		}
		spans = append(spans, text("source", ".", style{}, size)...)
		small(sect, spans)
		sect = lead * 0.5
	}
	// A credit the rights notice already gives word for word is not
	// printed twice.
	var notice strings.Builder
	build.WalkContainers(b.Rights, func(ins []build.Inline) { notice.WriteString(build.InlineText(ins) + " ") })
	for _, r := range []build.Role{build.Translator, build.Transcriber, build.Editor, build.Proofreader, build.Illustrator} {
		if c := credit(b.Meta.Contributors, r); c != "" && !strings.Contains(notice.String(), strings.TrimSuffix(c, ".")) {
			small(sect, text("contributor", sentence(c), style{}, size))
			sect = 0
		}
	}
	sect = lead
	if b.Meta.Publisher != "" {
		small(sect, text("publisher", sentence("Published by "+b.Meta.Publisher), style{}, size))
		sect = 0
	}
	if !b.Meta.Modified.IsZero() {
		small(sect, text("date", "This edition: "+b.Meta.Modified.Format("2 January 2006")+".", style{}, size))
		sect = 0
	}
	if b.Meta.Identifier != "" {
		small(sect, text("identifier", "Identifier: "+b.Meta.Identifier, style{}, size))
		sect = 0
	}
	small(lead, text("colophon", "Set in "+"Gentium Book Plus"+".", style{}, size))

	// The contents: one entry per section, room for the folio at the right.
	f.contents = t.spec(text("contents", contentsTitle, style{}, g.size*1.45), layout.Center, g.size*1.45, g.lead*1.5)
	f.contents.keepAll, f.contents.keepLast, f.contents.keepNext = true, true, 1
	for i, s := range t.secs {
		ps := t.spec(t.sp.plain(s.Pos, "contents entry", s.Title, style{}, length(g.size)), layout.Left, g.size, g.lead)
		ps.p.Right = length(g.size * 3)
		ps.p.Left = length(g.size * 1.5)
		ps.p.Indent = -length(g.size * 1.5)
		ps.keepAll = true
		ps.entry = i
		f.entries = append(f.entries, ps)
	}
}

// credit is "Translated by A and B." for the contributors with role r.
func credit(cs []build.Contributor, r build.Role) string {
	var names []string
	for _, c := range cs {
		if c.Role == r {
			names = append(names, c.Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	verb := map[build.Role]string{
		build.Translator:  "Translated by ",
		build.Transcriber: "Transcribed by ",
		build.Editor:      "Edited by ",
		build.Proofreader: "Proofread by ",
		build.Illustrator: "Illustrated by ",
	}[r]
	return verb + joinNames(names)
}

// sentence ends s with a full stop unless it ends with one.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func blockPos(b build.Block) build.Pos {
	switch b := b.(type) {
	case *build.Paragraph:
		return b.Pos
	case *build.Heading:
		return b.Pos
	case *build.BlockQuote:
		return b.Pos
	case *build.List:
		return b.Pos
	case *build.Table:
		return b.Pos
	case *build.SceneBreak:
		return b.Pos
	}
	return build.Pos{}
}

// contentsItems is the flow of the contents pages.
func (t *typesetter) contentsItems() []item {
	g := t.geo
	items := []item{
		{kind: itemSink, h: g.lead * 5, sec: -1},
		{kind: itemPara, sec: -1, para: t.front.contents},
		{kind: itemSpace, h: g.lead * 2, sec: -1},
	}
	for i, ps := range t.front.entries {
		if i > 0 && t.secs[i].Kind != t.secs[i-1].Kind {
			items = append(items, item{kind: itemSpace, h: g.lead * 0.5, sec: -1})
		}
		items = append(items, item{kind: itemPara, sec: -1, para: ps})
	}
	return items
}

// breakSpec breaks a front-page paragraph, once.
func (t *typesetter) breakSpec(ps *paraSpec) []layout.Line {
	if ps.lines == nil {
		ps.lines = layout.BreakParagraph(ps.p, length(t.geo.measure), t.m, t.settings)
	}
	return ps.lines
}

// stackHeight is the height of paragraphs set one after another.
func (t *typesetter) stackHeight(specs []*paraSpec, gaps []float64) float64 {
	var h float64
	for i, ps := range specs {
		if gaps != nil {
			h += gaps[i]
		}
		h += float64(len(t.breakSpec(ps))) * ps.lead
	}
	return h
}

// stack paints paragraphs one after another from y down; it returns the
// y below them.
func (t *typesetter) stack(pg *page, y float64, specs []*paraSpec, gaps []float64) float64 {
	x0 := t.geo.left(pg.recto)
	for i, ps := range specs {
		if gaps != nil {
			y += gaps[i]
		}
		lines := t.breakSpec(ps)
		for k, ln := range lines {
			t.lineRuns(pg, x0, y, &linePay{line: ln, spec: ps, idx: k, n: len(lines), word: -1, lead: ps.lead, size: ps.size})
			y += ps.lead
		}
	}
	return y
}

// fixedPages paints pages i–iv.
func (t *typesetter) fixedPages() {
	g, f := t.geo, &t.front
	// i: half-title
	pg := t.newPage(roman(1))
	pg.section = build.PageTitle // and the two pages after it
	t.stack(pg, g.top+g.height*0.18, f.halfTitle, nil)
	// ii: blank
	t.blankPage(roman(2))
	// iii: title page
	pg = t.newPage(roman(3))
	y := t.stack(pg, g.top+g.height*0.1, f.title[:1], nil)
	if len(f.title) > 1 {
		t.stack(pg, y+g.lead*0.5, f.title[1:], nil)
	}
	gaps := make([]float64, len(f.byline))
	for i := 1; i < len(gaps); i++ {
		gaps[i] = g.lead * 0.75
	}
	t.stack(pg, g.top+g.height*0.42, f.byline, gaps)
	t.stack(pg, g.top+g.height-t.stackHeight(f.foot, nil), f.foot, nil)
	// iv: copyright
	pg = t.newPage(roman(4))
	pg.section = build.PageCopyright
	t.stack(pg, g.top+g.height-t.stackHeight(f.copyright, f.copyGap), f.copyright, f.copyGap)
}

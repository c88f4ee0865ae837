package pdf

import (
	"strconv"
	"strings"

	"octavo/build"
	"octavo/fonts"
	"octavo/layout"
)

// typesetter holds the state of one Typeset call.
type typesetter struct {
	book     *build.Book
	geo      geometry
	m        *fonts.Metrics
	sp       *spanner
	settings layout.Settings
	secs     []*build.Section

	// stage one
	items    []item
	word     int // running word index in the current section
	heads    []string
	bookHead string
	front    frontSpecs

	// stage two
	flow    []layout.Element
	pending int
	qlines  map[questionKey]int
	stats   layout.Stats
	folios  []string // each section's opening folio
	doc     *Doc
	widows  int
	orphans int
}

// Typeset lays out the whole book. It checks every character to be printed
// against the fonts first and returns build.Problems, all of them, for those
// that cannot be printed. Typeset uses no PDF library and no clock.
func Typeset(b *build.Book) (*Doc, error) {
	m, err := fonts.NewMetrics()
	if err != nil {
		return nil, err
	}
	t := &typesetter{
		book: b, geo: newGeometry(b.Print), m: m, sp: &spanner{m: m},
		settings: bookSettings(), secs: b.Sections(),
		qlines: make(map[questionKey]int),
	}

	// Stage one: the model as items, every character checked.
	var frontItems, bodyItems []item
	for i, s := range t.secs {
		t.items = nil
		t.sectionItems(i, s)
		if s.Kind == build.FrontMatter {
			frontItems = append(frontItems, t.items...)
		} else {
			bodyItems = append(bodyItems, t.items...)
		}
	}
	t.frontSpecs()
	t.heads = make([]string, len(t.secs))
	for i, s := range t.secs {
		t.heads[i] = s.Title
		t.sp.check(s.Pos, "running head", t.heads[i], headFont)
	}
	t.bookHead = b.Meta.Title
	t.sp.check(t.metaPos(), "running head", t.bookHead+"…", headFont)
	for _, r := range "0123456789ivxlcdm." {
		t.sp.check(t.metaPos(), "folio", string(r), layout.Regular)
	}
	if len(t.sp.probs) > 0 {
		t.sp.probs.Sort()
		return nil, t.sp.probs
	}

	// Stage two: lines, pages.
	contents := layout.Paginate(t.elements(t.contentsItems()), length(t.geo.height), 5)
	firstFront := 4 + len(contents) + 1
	frontPages := t.paginate(t.elements(frontItems), firstFront)
	bodyPages := t.paginate(t.elements(bodyItems), 1)

	nFront := 4 + len(contents) + len(frontPages)
	blankAfterFront := nFront%2 == 1
	// The sections' folios, for the contents.
	t.folios = make([]string, len(t.secs))
	for k, p := range frontPages {
		t.noteOpeners(p, roman(firstFront+k))
	}
	for k, p := range bodyPages {
		t.noteOpeners(p, arabic(k+1))
	}

	t.doc = &Doc{book: b, geo: t.geo}
	t.fixedPages()
	for k, p := range contents {
		t.flowPage(p, roman(5+k), true)
	}
	for k, p := range frontPages {
		t.flowPage(p, roman(firstFront+k), false)
	}
	if blankAfterFront {
		t.blankPage(roman(nFront + 1))
	}
	for k, p := range bodyPages {
		t.flowPage(p, arabic(k+1), false)
	}
	t.doc.report = Report{
		Pages: len(t.doc.pages), Lines: t.stats.Lines, Hyphenated: t.stats.Hyphenated, Loose: t.stats.Loose, Tight: t.stats.Tight,
		MaxRatio: t.stats.MaxRatio, MeanRatio: t.stats.MeanRatio, Widows: t.widows, Orphans: t.orphans,
	}
	return t.doc, nil
}

// metaPos is the place given to problems in the metadata: the manifest.
func (t *typesetter) metaPos() build.Pos {
	for _, s := range t.secs {
		if s.Pos.File != "" {
			return build.Pos{File: s.Pos.File}
		}
	}
	return build.Pos{}
}

func (t *typesetter) noteOpeners(p layout.Page, folio string) {
	for _, e := range p.Elements {
		if s, ok := e.Payload.(*sinkPay); ok && s.sec >= 0 {
			t.folios[s.sec] = folio
		}
	}
}

// newPage appends a page and returns it.
func (t *typesetter) newPage(folio string) *page {
	n := len(t.doc.pages) + 1
	pg := &page{folio: folio, recto: n%2 == 1, word: -1}
	if n > 1 {
		pg.section = t.doc.pages[n-2].section
	}
	t.doc.pages = append(t.doc.pages, pg)
	return pg
}

func (t *typesetter) blankPage(folio string) {
	t.newPage(folio).blank = true
}

// flowPage paints a page of a flow: its elements, then the running head
// and folio unless it is blank or opens a section.
func (t *typesetter) flowPage(lp layout.Page, folio string, contents bool) {
	g := t.geo
	pg := t.newPage(folio)
	if lp.Blank || len(lp.Elements) == 0 {
		pg.blank = true
		return
	}
	x0 := g.left(pg.recto)
	opener := false
	sec := -1
	for _, pl := range lp.Elements {
		y := g.top + pts(pl.Y)
		switch p := pl.Payload.(type) {
		case *linePay:
			if sec < 0 && p.spec.sec >= 0 {
				sec = p.spec.sec
			}
			if pg.word < 0 && p.word >= 0 {
				pg.word = p.word
			}
			if contents && pg.word < 0 && p.spec.entry >= 0 {
				pg.word = p.spec.entry // build.PageContents: the first entry
			}
			t.lineRuns(pg, x0, y, p)
		case *sinkPay:
			opener = true
			if p.sec < 0 { // the contents
				pg.marks = append(pg.marks, mark{title: contentsTitle, y: y})
				continue
			}
			if sec < 0 {
				sec = p.sec
			}
			pg.marks = append(pg.marks, mark{title: t.secs[p.sec].Title, y: y})
		case *breakPay:
			if sec < 0 {
				sec = p.sec
			}
			star := pts(t.m.Width(layout.Regular, length(g.size), "*"))
			mid := x0 + g.measure/2
			for k := -1; k <= 1; k++ {
				x := mid + float64(k)*2*g.size - star/2
				pg.runs = append(pg.runs, run{x: x, y: y + pts(pl.Height)/2 + 0.3*g.size, text: "*", font: layout.Regular, size: g.size})
			}
		case *rowPay:
			if sec < 0 {
				sec = p.sec
			}
			if pg.word < 0 && p.word >= 0 {
				pg.word = p.word
			}
			t.rowRuns(pg, x0, y, p)
		}
	}
	if contents {
		sec = -1
		pg.section = build.PageContents
	}
	if sec >= 0 {
		pg.section = t.secs[sec].ID
	}
	t.countWidows(lp)
	if opener {
		return
	}
	head := t.bookHead
	if pg.recto {
		switch {
		case contents:
			head = contentsTitle
		case sec >= 0:
			head = t.heads[sec]
		}
	}
	t.runningHead(pg, head)
}

// countWidows inspects a paginated page for a paragraph's last line alone
// at its top (a widow) or its first line alone at its foot (an orphan).
func (t *typesetter) countWidows(lp layout.Page) {
	if e := firstContent(lp); e != nil {
		if p, ok := e.Payload.(*linePay); ok && p.n > 1 && p.idx == p.n-1 {
			t.widows++
		}
	}
	if e := lastContent(lp); e != nil {
		if p, ok := e.Payload.(*linePay); ok && p.n > 1 && p.idx == 0 {
			t.orphans++
		}
	}
}

// lineRuns paints a set line whose box has its top at y.
func (t *typesetter) lineRuns(pg *page, x0, y float64, p *linePay) {
	base := baseline(y, p.lead, p.size)
	var end float64
	texts := t.spaced(p.line.Items)
	for i, it := range p.line.Items {
		w := pts(t.m.Width(it.Font, it.Size, it.Text))
		x := x0 + pts(it.X)
		pg.runs = append(pg.runs, run{x: x, y: base, text: texts[i], font: it.Font, size: pts(it.Size), link: it.Link, w: w})
		end = max(end, x+w)
	}
	ps := p.spec
	if ps.marker != "" && p.idx == 0 {
		w := pts(t.m.Width(ps.markerFont, length(p.size), ps.marker))
		x := x0 + pts(ps.p.Left) - 0.5*p.size - w
		pg.runs = append(pg.runs, run{x: x, y: base, text: ps.marker, font: ps.markerFont, size: p.size})
	}
	if ps.entry >= 0 && p.idx == p.n-1 {
		t.leaders(pg, x0, base, end, t.folios[ps.entry], p.size)
	}
}

// spaced returns the texts to paint for a line's items: an item that a word
// space follows gets a space character at its end. The space is not seen —
// the next item is placed at its own position — but it makes the text layer
// hold the word spaces, so that extraction, search, copying and screen
// readers find the words apart however tightly the line is set.
func (t *typesetter) spaced(items []layout.Item) []string {
	texts := make([]string, len(items))
	for i, it := range items {
		texts[i] = it.Text
		if i+1 < len(items) && !strings.HasSuffix(it.Text, " ") {
			end := it.X + t.m.Width(it.Font, it.Size, it.Text)
			if items[i+1].X-end > it.Size/20 {
				texts[i] += " "
			}
		}
	}
	return texts
}

// leaders draws dot leaders from end to the folio, flush right. The dots
// stand on a grid counted from the right edge, so that they line up from
// entry to entry whatever the folio's width.
func (t *typesetter) leaders(pg *page, x0, base, end float64, folio string, size float64) {
	g := t.geo
	fw := pts(t.m.Width(layout.Regular, length(size), folio))
	right := x0 + g.measure
	pg.runs = append(pg.runs, run{x: right - fw, y: base, text: folio, font: layout.Regular, size: size})
	step := size * 0.8
	room := size * 2.2 // the widest folio and a gap
	for k := 0; ; k++ {
		x := right - room - float64(k)*step
		if x < end+size*0.6 {
			break
		}
		pg.runs = append(pg.runs, run{x: x, y: base, text: ".", font: layout.Regular, size: size})
	}
}

// rowRuns paints a table row whose top is at y, with its rules.
func (t *typesetter) rowRuns(pg *page, x0, y float64, p *rowPay) {
	tl := p.table
	ts := tl.spec
	for _, c := range p.cells {
		for i, ln := range c.lines {
			base := baseline(y+tl.padY+float64(i)*ts.lead, ts.lead, ts.size)
			texts := t.spaced(ln.Items)
			for k, it := range ln.Items {
				w := pts(t.m.Width(it.Font, it.Size, it.Text))
				pg.runs = append(pg.runs, run{x: x0 + c.x + pts(it.X), y: base, text: texts[k], font: it.Font, size: pts(it.Size), link: it.Link, w: w})
			}
		}
	}
	left, right := x0+tl.x, x0+tl.x+tl.w
	if p.header {
		pg.rules = append(pg.rules, rule{left, y, right, y, 0.8})
		pg.rules = append(pg.rules, rule{left, y + p.h, right, y + p.h, 0.4})
	}
	if p.last {
		pg.rules = append(pg.rules, rule{left, y + p.h, right, y + p.h, 0.8})
	}
}

// runningHead sets the head (small italics, centred) and the folio at the
// outer edge, above the text block.
func (t *typesetter) runningHead(pg *page, head string) {
	g := t.geo
	size := g.size * 0.9
	base := g.top - g.lead*1.25
	x0 := g.left(pg.recto)
	w := pts(t.m.Width(headFont, length(size), head))
	for w > g.measure*0.75 && strings.Contains(head, " ") {
		head = strings.TrimRight(head[:strings.LastIndex(head, " ")], " ,;:.—–") + "…"
		w = pts(t.m.Width(headFont, length(size), head))
	}
	pg.runs = append(pg.runs, run{x: x0 + (g.measure-w)/2, y: base, text: head, font: headFont, size: size})
	fw := pts(t.m.Width(layout.Regular, length(g.size), pg.folio))
	fx := x0
	if pg.recto {
		fx = x0 + g.measure - fw
	}
	pg.runs = append(pg.runs, run{x: fx, y: base, text: pg.folio, font: layout.Regular, size: g.size})
}

// headFont is the face of the running heads.
const headFont = layout.Italic

func arabic(n int) string { return strconv.Itoa(n) }

// roman returns n in lower-case roman numerals.
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var sb strings.Builder
	for i, v := range vals {
		for n >= v {
			sb.WriteString(syms[i])
			n -= v
		}
	}
	return sb.String()
}

// bookSettings are the line breaker's settings for the book. Gentium's
// space is narrow, 0.22 em against Computer Modern's 0.33, so layout's
// default glue (stretch 1/2, shrink 1/3 of the space) gives it little room:
// the first book then needed 60 hyphens in 411 lines, 24 loose lines and
// 100 spaces under 0.15 em. Measured on that book (interword spaces from
// the PDF, in em):
//
//	stretch shrink  hyphens  loose  median  95th pct  >0.4 em  <0.15 em
//	0.5     1/3     60       24     0.223   0.339     78       100
//	0.75    0.3     49       4      0.242   0.358     43       10
//	1       1/4     29       0      0.265   0.390     175      0
//
// Three quarters of a space to stretch and 0.3 to shrink keep the texture
// even — few spaces very wide or very tight — for a moderate number of
// hyphens (12% of lines; TeX sets 17% of this text with its defaults).
func bookSettings() layout.Settings {
	s := layout.DefaultSettings()
	s.SpaceStretch = 0.75
	s.SpaceShrink = 0.3
	return s
}

package pdf

import (
	"strconv"

	"octavo/build"
	"octavo/layout"
)

// The flow is built in two stages. Stage one (this file) walks the model
// and turns it into items: paragraphs as spans, spaces, section openers,
// tables. Every character is checked on the way, so problems are known
// before any line is broken. Stage two (set.go) breaks the paragraphs into
// lines and makes the layout.Elements that Paginate divides into pages.

type itemKind int

const (
	itemPara itemKind = iota
	itemSpace
	itemNewRecto
	itemSink  // the space above a section's title; marks where it opens
	itemBreak // a scene break
	itemTable
)

type item struct {
	kind  itemKind
	para  *paraSpec
	h     float64 // spaces, sinks and breaks
	sec   int     // the section it belongs to (index into typesetter.secs)
	table *tableSpec
}

// paraSpec is a paragraph before line breaking, with what the paginator
// must know about it.
type paraSpec struct {
	p          layout.Paragraph
	size, lead float64
	sec        int
	word       int  // model word index of its first word; -1 when its words are not the section's
	skip       int  // leading words that are not model words (the label)
	keepAll    bool // never break inside it
	keepLast   bool // keep its last line with what follows
	keepNext   int  // content elements after it that are also kept with it
	stats      bool // count its lines in the report
	question   int  // exchange number + 1 for question paragraphs, else 0
	marker     string
	markerFont layout.Font
	entry      int // for contents entries: the section it lists; else -1
	opener     bool
	lines      []layout.Line // set in stage two
}

// tableSpec is a table before layout.
type tableSpec struct {
	align  []layout.Align
	header []cellSpec
	rows   [][]cellSpec
	size   float64
	lead   float64
	sec    int
}

type cellSpec struct {
	spans []layout.Span
	word  int // model word index of the cell's first word
	words int // how many words it has
}

// ctx is the setting of the blocks being walked.
type ctx struct {
	base        style
	size, lead  float64
	left, right float64
	indent      bool   // the next paragraph gets a first-line indent
	label       string // printed in bold before the next paragraph, then cleared
	question    int
	stats       bool
}

// sectionItems turns one section into items.
func (t *typesetter) sectionItems(i int, s *build.Section) {
	g := t.geo
	t.word = 0
	t.items = append(t.items, item{kind: itemNewRecto, sec: i})
	t.items = append(t.items, item{kind: itemSink, h: g.lead * 5, sec: i})
	title := t.sp.plain(s.Pos, "section title", s.Title, style{}, length(g.size*1.45))
	t.items = append(t.items, item{kind: itemPara, sec: i, para: &paraSpec{
		p:    layout.Paragraph{Spans: title, Align: layout.Center, Left: length(g.size), Right: length(g.size)},
		size: g.size * 1.45, lead: g.lead * 1.5, sec: i, word: -1, keepAll: true, keepLast: true, keepNext: 1, entry: -1, opener: true,
	}})
	t.space(i, g.lead*2)
	c := &ctx{size: g.size, lead: g.lead, stats: true}
	t.blocks(i, s.Blocks, c)
	for n, ex := range s.Exchanges {
		if n > 0 || len(s.Blocks) > 0 {
			t.space(i, g.lead*0.75)
		}
		q := &ctx{size: g.size, lead: g.lead, stats: true, base: style{italic: true}, label: t.book.Labels.Question, question: n + 1}
		t.blocks(i, ex.Question, q)
		t.flushLabel(i, ex.Pos, q)
		t.space(i, g.lead*0.25)
		a := &ctx{size: g.size, lead: g.lead, stats: true, label: t.book.Labels.Answer}
		t.blocks(i, ex.Answer, a)
		t.flushLabel(i, ex.Pos, a)
	}
}

func (t *typesetter) space(sec int, h float64) {
	t.items = append(t.items, item{kind: itemSpace, h: h, sec: sec})
}

// flushLabel prints a label that found no paragraph to stand in (a question
// made only of a list, say) as a paragraph of its own.
func (t *typesetter) flushLabel(sec int, pos build.Pos, c *ctx) {
	if c.label == "" {
		return
	}
	spans := t.sp.plain(pos, "label", c.label, style{bold: true}, length(c.size))
	t.items = append(t.items, item{kind: itemPara, sec: sec, para: &paraSpec{
		p:    layout.Paragraph{Spans: spans, Align: layout.Left, Left: length(c.left), Right: length(c.right)},
		size: c.size, lead: c.lead, sec: sec, word: -1, skip: countWords(spans), question: c.question, entry: -1,
	}})
	c.label = ""
}

// blocks walks blocks in the order build.WalkContainers does, so that the
// running word count matches build.SectionWords.
func (t *typesetter) blocks(sec int, blocks []build.Block, c *ctx) {
	g := t.geo
	for _, b := range blocks {
		switch b := b.(type) {
		case *build.Paragraph:
			t.paragraph(sec, b.Pos, "paragraph", b.Inlines, c, "", 0)
			c.indent = true
		case *build.Heading:
			st := style{bold: true}
			if b.Level > 2 {
				st = style{italic: true}
			}
			t.space(sec, g.lead)
			spans := t.sp.spans(b.Pos, "heading", b.Inlines, st, length(c.size))
			t.items = append(t.items, item{kind: itemPara, sec: sec, para: &paraSpec{
				p:    layout.Paragraph{Spans: spans, Align: layout.Left, Left: length(c.left), Right: length(c.right)},
				size: c.size, lead: c.lead, sec: sec, word: t.word, keepAll: true, keepLast: true, keepNext: 1, entry: -1,
			}})
			t.word += countWords(spans)
			t.space(sec, g.lead*0.5)
			c.indent = false
		case *build.BlockQuote:
			t.space(sec, g.lead*0.5)
			q := *c
			q.left += g.size * 1.5
			q.right += g.size * 1.5
			q.size = c.size * 0.92
			q.lead = c.lead * 0.92
			q.indent = false
			t.blocks(sec, b.Blocks, &q)
			c.label = q.label
			t.space(sec, g.lead*0.5)
			c.indent = false
		case *build.List:
			t.space(sec, g.lead*0.25)
			for k, it := range b.Items {
				marker := "•"
				if b.Ordered {
					marker = strconv.Itoa(b.Start+k) + "."
				}
				l := *c
				l.left += g.size * 1.5
				l.indent = false
				l.stats = false
				t.sp.check(b.Pos, "list marker", marker, layout.Regular)
				t.listItem(sec, it, &l, marker)
				c.label = l.label
			}
			t.space(sec, g.lead*0.25)
			c.indent = false
		case *build.Table:
			t.space(sec, g.lead*0.5)
			t.items = append(t.items, item{kind: itemTable, sec: sec, table: t.tableSpec(sec, b, c)})
			t.space(sec, g.lead*0.5)
			c.indent = false
		case *build.SceneBreak:
			t.items = append(t.items, item{kind: itemBreak, sec: sec, h: g.lead * 2})
			c.indent = false
		}
	}
}

// listItem walks one list item's blocks, the marker on its first line.
func (t *typesetter) listItem(sec int, blocks []build.Block, c *ctx, marker string) {
	for _, b := range blocks {
		if p, ok := b.(*build.Paragraph); ok && marker != "" {
			t.paragraph(sec, p.Pos, "list item", p.Inlines, c, marker, layout.Regular)
			marker = ""
			c.indent = false
			continue
		}
		t.blocks(sec, []build.Block{b}, c)
	}
}

// paragraph adds a paragraph of running text.
func (t *typesetter) paragraph(sec int, pos build.Pos, what string, ins []build.Inline, c *ctx, marker string, mf layout.Font) {
	size := length(c.size)
	spans := t.sp.spans(pos, what, ins, c.base, size)
	skip := 0
	if c.label != "" {
		label := t.sp.plain(pos, "label", c.label+" ", style{bold: true}, size)
		skip = countWords(label)
		spans = append(label, spans...)
		c.label = ""
	}
	var indent layout.Length
	if c.indent && skip == 0 && marker == "" {
		indent = length(c.size)
	}
	ps := &paraSpec{
		p: layout.Paragraph{Spans: spans, Align: layout.Justify, Indent: indent,
			Left: length(c.left), Right: length(c.right), Hyphenate: true},
		size: c.size, lead: c.lead, sec: sec, word: t.word, skip: skip, stats: c.stats,
		question: c.question, entry: -1, marker: marker, markerFont: mf,
	}
	t.word += countWords(spans) - skip
	t.items = append(t.items, item{kind: itemPara, sec: sec, para: ps})
}

func (t *typesetter) tableSpec(sec int, b *build.Table, c *ctx) *tableSpec {
	ts := &tableSpec{size: c.size * 0.92, lead: c.lead * 0.92, sec: sec}
	for _, a := range b.Align {
		switch a {
		case build.AlignCenter:
			ts.align = append(ts.align, layout.Center)
		case build.AlignRight:
			ts.align = append(ts.align, layout.Right)
		default:
			ts.align = append(ts.align, layout.Left)
		}
	}
	cell := func(ins []build.Inline, st style) cellSpec {
		spans := t.sp.spans(b.Pos, "table cell", ins, st, length(ts.size))
		cs := cellSpec{spans: spans, word: t.word, words: countWords(spans)}
		t.word += cs.words
		return cs
	}
	for _, h := range b.Header {
		ts.header = append(ts.header, cell(h, style{bold: true}))
	}
	for _, r := range b.Rows {
		var row []cellSpec
		for _, h := range r {
			row = append(row, cell(h, style{}))
		}
		ts.rows = append(ts.rows, row)
	}
	// Every row has a cell for every column; pad short ones.
	n := len(ts.align)
	for len(ts.header) < n {
		ts.header = append(ts.header, cellSpec{word: -1})
	}
	for i := range ts.rows {
		for len(ts.rows[i]) < n {
			ts.rows[i] = append(ts.rows[i], cellSpec{word: -1})
		}
	}
	return ts
}

package pdf

import (
	"octavo/layout"
)

// Stage two: lines and elements.

// Payloads of the flow's elements, handed back by Paginate on the pages.
type linePay struct {
	line       layout.Line
	spec       *paraSpec
	idx, n     int // the line's index in its paragraph and the paragraph's line count
	word       int // model word index of the first word beginning on the line, or -1
	lead, size float64
}

type sinkPay struct{ sec int }

type breakPay struct{ sec int }

type rowPay struct {
	table          *tableLayout
	cells          []cellLines
	header, repeat bool // the header row; a repetition of it on a continued page
	last           bool // the table's last row
	h              float64
	word           int
	sec            int
}

type cellLines struct {
	x     float64 // from the text block's left edge
	lines []layout.Line
}

type tableLayout struct {
	spec   *tableSpec
	x, w   float64 // the table's left edge (from the text block's) and width
	padX   float64
	padY   float64
	header *rowPay
}

// maxKeptQuestion is the most lines a question may have and still be kept
// whole with its answer's first lines; a longer one may break, its last
// two lines still kept with the answer.
const maxKeptQuestion = 8

type questionKey struct{ sec, q int }

// breakLines breaks every paragraph of items.
func (t *typesetter) breakLines(items []item) {
	for _, it := range items {
		if it.kind != itemPara {
			continue
		}
		ps := it.para
		ps.lines = layout.BreakParagraph(ps.p, length(t.geo.measure), t.m, t.settings)
		if ps.stats && ps.p.Align == layout.Justify {
			t.stats.Add(ps.lines)
		}
		if ps.question > 0 {
			t.qlines[questionKey{ps.sec, ps.question}] += len(ps.lines)
		}
	}
}

// emit appends an element to the flow, applying the pending keep.
func (t *typesetter) emit(e layout.Element) {
	n := len(t.flow)
	switch e.Kind {
	case layout.Space:
		if n > 0 && t.flow[n-1].Keep {
			e.Keep = true
		}
	case layout.NewPage, layout.NewRecto:
		if n > 0 {
			t.flow[n-1].Keep = false
		}
		t.pending = 0
	case layout.Content:
		if t.pending > 0 {
			e.Keep = true
			t.pending--
		}
	}
	t.flow = append(t.flow, e)
}

// elements turns items into the flow for Paginate.
func (t *typesetter) elements(items []item) []layout.Element {
	t.flow = nil
	t.pending = 0
	t.breakLines(items)
	for _, it := range items {
		switch it.kind {
		case itemPara:
			t.paraElements(it.para)
		case itemSpace:
			t.emit(layout.Element{Kind: layout.Space, Height: length(it.h)})
		case itemNewRecto:
			t.emit(layout.Element{Kind: layout.NewRecto})
		case itemSink:
			t.emit(layout.Element{Kind: layout.Content, Height: length(it.h), Keep: true, Payload: &sinkPay{sec: it.sec}})
		case itemBreak:
			t.emit(layout.Element{Kind: layout.Content, Height: length(it.h), Payload: &breakPay{sec: it.sec}})
		case itemTable:
			t.tableElements(it.table)
		}
	}
	if n := len(t.flow); n > 0 {
		t.flow[n-1].Keep = false
	}
	return t.flow
}

func (t *typesetter) paraElements(ps *paraSpec) {
	n := len(ps.lines)
	keepAll, keepLast := ps.keepAll, ps.keepLast
	if ps.question > 0 {
		keepLast = true
		if t.qlines[questionKey{ps.sec, ps.question}] <= maxKeptQuestion {
			keepAll = true
		}
	}
	for i, ln := range ps.lines {
		keep := ln.Hyphenated ||
			(i == 0 && n > 1) || // no orphan: the first two lines together
			(i == n-2) || // no widow: the last two lines together
			(keepAll && i < n-1) ||
			(keepLast && i == n-1)
		word := -1
		if ps.word >= 0 && ln.FirstWord+ln.Words > ps.skip {
			word = ps.word + max(ln.FirstWord-ps.skip, 0)
		}
		t.emit(layout.Element{Kind: layout.Content, Height: length(ps.lead), Keep: keep, Payload: &linePay{
			line: ln, spec: ps, idx: i, n: n, word: word, lead: ps.lead, size: ps.size,
		}})
	}
	t.pending = ps.keepNext
}

// tableElements lays out a table: column widths from the content, each
// row one element, all rows kept together unless the table is longer than
// a page (then the header row is repeated where it breaks; see paginate).
func (t *typesetter) tableElements(ts *tableSpec) {
	cols := len(ts.align)
	if cols == 0 {
		return
	}
	size := length(ts.size)
	tl := &tableLayout{spec: ts, padX: ts.size * 0.6, padY: ts.lead * 0.2}
	// natural (one-line) and minimal (widest word) widths per column
	nat := make([]float64, cols)
	minw := make([]float64, cols)
	measureCell := func(j int, c cellSpec) {
		var line float64
		for _, s := range c.spans {
			line += pts(t.m.Width(s.Font, size, s.Text))
		}
		nat[j] = max(nat[j], line)
		for _, w := range wordsWidths(t.m, c.spans, size) {
			minw[j] = max(minw[j], w)
		}
	}
	for j, c := range ts.header {
		measureCell(j, c)
	}
	for _, r := range ts.rows {
		for j, c := range r {
			measureCell(j, c)
		}
	}
	avail := t.geo.measure - float64(cols)*2*tl.padX
	var sumNat, sumMin float64
	for j := range nat {
		sumNat += nat[j]
		sumMin += minw[j]
	}
	widths := make([]float64, cols)
	switch {
	case sumNat <= avail:
		copy(widths, nat)
	case sumMin < avail && sumNat > sumMin:
		for j := range widths {
			widths[j] = minw[j] + (avail-sumMin)*(nat[j]-minw[j])/(sumNat-sumMin)
		}
	default:
		for j := range widths {
			widths[j] = avail / float64(cols)
		}
	}
	for _, w := range widths {
		tl.w += w + 2*tl.padX
	}
	tl.x = (t.geo.measure - tl.w) / 2
	row := func(cells []cellSpec, header bool) *rowPay {
		rp := &rowPay{table: tl, header: header, word: -1, sec: ts.sec}
		x := tl.x
		nl := 1
		for j, c := range cells {
			var lines []layout.Line
			if len(c.spans) > 0 {
				p := layout.Paragraph{Spans: c.spans, Align: ts.align[j]}
				lines = layout.BreakParagraph(p, length(widths[j]+0.01), t.m, t.settings)
			}
			rp.cells = append(rp.cells, cellLines{x: x + tl.padX, lines: lines})
			nl = max(nl, len(lines))
			if rp.word < 0 && c.words > 0 {
				rp.word = c.word
			}
			x += widths[j] + 2*tl.padX
		}
		rp.h = float64(nl)*ts.lead + 2*tl.padY
		return rp
	}
	tl.header = row(ts.header, true)
	rows := []*rowPay{tl.header}
	for _, r := range ts.rows {
		rows = append(rows, row(r, false))
	}
	rows[len(rows)-1].last = true
	for i, rp := range rows {
		t.emit(layout.Element{Kind: layout.Content, Height: length(rp.h), Keep: i < len(rows)-1, Payload: rp})
	}
}

// wordsWidths returns the width of every word of spans (a word may run
// over several spans).
func wordsWidths(m layout.Measurer, spans []layout.Span, size layout.Length) []float64 {
	var out []float64
	var cur float64
	in := false
	for _, s := range spans {
		start := -1
		flush := func(end int) {
			if start >= 0 {
				cur += pts(m.Width(s.Font, size, s.Text[start:end]))
				start = -1
			}
		}
		for i, r := range s.Text {
			if r == ' ' || r == '\t' || r == '\n' || r == '\u00a0' {
				flush(i)
				if in {
					out = append(out, cur)
					cur, in = 0, false
				}
				continue
			}
			if start < 0 {
				start = i
			}
			in = true
		}
		flush(len(s.Text))
	}
	if in {
		out = append(out, cur)
	}
	return out
}

// paginate divides a flow into pages, repeating a table's header row at
// the top of every page a table continues on.
func (t *typesetter) paginate(flow []layout.Element, first int) []layout.Page {
	h := length(t.geo.height)
	for range len(flow) + 1 {
		pages := layout.Paginate(flow, h, first)
		at := -1
		for _, p := range pages {
			e := firstContent(p)
			if e == nil {
				continue
			}
			rp, ok := e.Payload.(*rowPay)
			if !ok || rp.header {
				continue
			}
			for i := range flow {
				if flow[i].Payload == rp {
					at = i
					break
				}
			}
			break
		}
		if at < 0 {
			return pages
		}
		hdr := *rp0(flow[at].Payload).table.header
		hdr.repeat, hdr.word = true, -1
		ins := []layout.Element{
			{Kind: layout.NewPage},
			{Kind: layout.Content, Height: length(hdr.h), Keep: true, Payload: &hdr},
		}
		flow[at-1].Keep = false
		flow = append(flow[:at:at], append(ins, flow[at:]...)...)
	}
	return layout.Paginate(flow, h, first)
}

func rp0(p any) *rowPay { return p.(*rowPay) }

func firstContent(p layout.Page) *layout.Placed {
	for i := range p.Elements {
		if p.Elements[i].Kind == layout.Content {
			return &p.Elements[i]
		}
	}
	return nil
}

func lastContent(p layout.Page) *layout.Placed {
	for i := len(p.Elements) - 1; i >= 0; i-- {
		if p.Elements[i].Kind == layout.Content {
			return &p.Elements[i]
		}
	}
	return nil
}

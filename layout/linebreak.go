package layout

import (
	"math"
	"strings"
)

// Pass is the pass of the line breaker that set a paragraph.
type Pass int

// The passes, tried in this order until one finds a solution.
const (
	PassFirst     Pass = iota + 1 // within Pretolerance, no automatic hyphenation
	PassSecond                    // within Tolerance, with hyphenation
	PassEmergency                 // within Tolerance counting EmergencyStretch
	PassRagged                    // set ragged, any badness, overlong words split anywhere
	PassOverfull                  // the measure is narrower than a letter: first fit, overfull lines
)

// BreakParagraph sets p in lines of the given width (the measure, before
// p's indents) with the Knuth–Plass total-fit algorithm, and positions each
// line's items. See BreakParagraphPass.
func BreakParagraph(p Paragraph, width Length, m Measurer, s Settings) []Line {
	lines, _ := BreakParagraphPass(p, width, m, s)
	return lines
}

// BreakParagraphPass is BreakParagraph that also says which pass set the
// paragraph.
//
// The paragraph is tried first without automatic hyphenation within
// s.Pretolerance, then with hyphenation within s.Tolerance, then with
// s.EmergencyStretch. If all fail, it is set ragged right (Left; Center and
// Right stay as they are) accepting any badness, with words wider than the
// measure broken at their hyphenation points and, if still too wide,
// between any two letters. No line is ever wider than its measure, unless a
// single letter and its hyphen are.
//
// Interword spaces are the width of " " in their span's font and size, with
// s.SpaceStretch and s.SpaceShrink of it; in ragged paragraphs they are
// fixed. No-break spaces (U+00A0, U+2007, U+202F) are never break points;
// "\n" forces a line break (the line before it is set like a last line).
// Breaks are also allowed after a hyphen between letters and after an en or
// em dash. Automatic hyphenation (if p.Hyphenate) applies to runs of at
// least s.MinWordLength letters, never in the paragraph's last word, with no
// more than s.MaxHyphenLines consecutive hyphenated lines.
//
// Line.Ratio is the share of the line's interword stretch (>0) or shrink
// (<0) that was used. It is 0 for lines at their natural width: the lines
// of ragged paragraphs, last lines, lines before a forced break, and a
// justified line with no space in it, which is set flush left when short.
// Soft hyphens (U+00AD) in a word replace its pattern points and are not
// printed.
//
// Item X is measured from the left edge of the measure: the first line's
// content starts at p.Left+p.Indent, the others' at p.Left, and justified
// lines end exactly at width-p.Right. A paragraph with no words has no
// lines.
//
// The lines of a centered paragraph are balanced: it is set in the
// narrowest measure that gives it no more lines (found by bisection), and
// then centered in the full one.
func BreakParagraphPass(p Paragraph, width Length, m Measurer, s Settings) ([]Line, Pass) {
	lines, pass := breakParagraph(p, width, m, s)
	if p.Align != Center || len(lines) < 2 || pass >= PassRagged {
		return lines, pass
	}
	// Bisect the extra right indent: the largest that keeps the count of
	// lines and the pass.
	lo, hi := Length(0), width-p.Left-p.Right-max(0, p.Indent)
	best, bestExtra := lines, Length(0)
	q := p
	for hi-lo > Pt/4 {
		mid := lo + (hi-lo)/2
		q.Right = p.Right + mid
		l, ps := breakParagraph(q, width, m, s)
		if len(l) == len(lines) && ps <= pass {
			best, bestExtra, lo = l, mid, mid
		} else {
			hi = mid
		}
	}
	half := bestExtra / 2
	for i := range best {
		best[i].Width += bestExtra
		for j := range best[i].Items {
			best[i].Items[j].X += half
		}
	}
	return best, pass
}

// breakParagraph is BreakParagraphPass without the balancing.
func breakParagraph(p Paragraph, width Length, m Measurer, s Settings) ([]Line, Pass) {
	toks := tokenize(p.Spans)
	if len(toks) == 0 {
		return nil, PassFirst
	}
	first := width - p.Left - p.Right - p.Indent
	rest := width - p.Left - p.Right
	em := p.Spans[toks[0].pieces[0].span].Size
	ragged := p.Align != Justify
	k := &breaker{
		s:      &s,
		first:  first,
		rest:   rest,
		ragged: Length(s.RaggedStretch * float64(em)),
	}
	b := builder{p: &p, m: m, s: &s, limit: min(first, rest), nodes: make([]node, 0, 2*len(toks)+8)}
	try := func(mode passMode, tol int, emergency Length) ([]node, []int) {
		b.mode, b.nodes = mode, b.nodes[:0] // only the last try's nodes are used
		nodes := b.build(toks)
		k.tolerance, k.emergency, k.maxHyph = tol, emergency, s.MaxHyphenLines
		k.useRagged = mode.ragged
		if mode.lastDitch {
			k.maxHyph = 0
		}
		return nodes, k.run(nodes)
	}
	if s.Pretolerance >= 0 {
		if nodes, brks := try(passMode{ragged: ragged}, s.Pretolerance, 0); brks != nil {
			return k.lines(&p, nodes, brks, p.Align), PassFirst
		}
	}
	if nodes, brks := try(passMode{ragged: ragged, hyphenate: true}, s.Tolerance, 0); brks != nil {
		return k.lines(&p, nodes, brks, p.Align), PassSecond
	}
	if es := Length(s.EmergencyStretch * float64(em)); es > 0 {
		if nodes, brks := try(passMode{ragged: ragged, hyphenate: true}, s.Tolerance, es); brks != nil {
			return k.lines(&p, nodes, brks, p.Align), PassEmergency
		}
	}
	align := p.Align
	if align == Justify {
		align = Left
	}
	nodes, brks := try(passMode{ragged: true, hyphenate: true, lastDitch: true}, infBad, 0)
	if brks != nil {
		return k.lines(&p, nodes, brks, align), PassRagged
	}
	return k.lines(&p, nodes, k.firstFit(nodes), align), PassOverfull
}

// breaker finds the best breaks in a node list.
type breaker struct {
	s           *Settings
	first, rest Length // line widths: the first line, the others
	ragged      Length // per-line stretch of ragged paragraphs
	useRagged   bool
	tolerance   int
	emergency   Length
	maxHyph     int
}

// active is a feasible break: the end of a line from which the next line
// may start.
type active struct {
	pos      int // index of the break node; -1 for the paragraph start
	line     int // lines before it
	fitness  int // 0 tight, 1 decent, 2 loose, 3 very loose
	hyph     int // consecutive lines ending in a flagged break
	w, y, z  Length
	f        int // totals of width, stretch, shrink, fills after the break
	demerits float64
	prev     *active
}

func (k *breaker) lineWidth(line int) Length {
	if line == 0 {
		return k.first
	}
	return k.rest
}

func badness(r float64) int {
	if r > 10 {
		return infBad
	}
	b := 100 * r * r * r
	if b < 0 {
		b = -b
	}
	if b > infBad {
		return infBad
	}
	return int(b + 0.5)
}

// run returns the break node indices of the best solution, or nil.
func (k *breaker) run(nodes []node) []int {
	var sumW, sumY, sumZ Length
	var sumF int
	actives := []*active{{pos: -1, fitness: 1}}
	hslots := k.maxHyph + 1
	if k.maxHyph <= 0 {
		hslots = 2
	}
	type cand struct {
		a        *active
		demerits float64
	}
	cands := make([]cand, 4*hslots)
	var next []*active
	try := func(i int, pen int, flagged bool, penWidth Length) {
		for c := range cands {
			cands[c] = cand{}
		}
		found := false
		next = next[:0]
		for _, a := range actives {
			lw := k.lineWidth(a.line)
			nat := sumW - a.w + penWidth
			str, shr, fil := sumY-a.y, sumZ-a.z, sumF-a.f
			if k.useRagged && fil == 0 {
				str += k.ragged
			}
			overfull := nat-lw > shr
			var b int
			var r float64
			switch {
			case nat < lw:
				if fil > 0 {
					b = 0
				} else if s := str + k.emergency; s > 0 {
					r = float64(lw-nat) / float64(s)
					b = badness(r)
				} else {
					b, r = infBad, 100
				}
			case nat > lw && !overfull:
				r = float64(lw-nat) / float64(shr)
				b = badness(r)
			}
			if !overfull && pen != ejectPenalty {
				next = append(next, a)
			}
			if overfull || b > k.tolerance {
				continue
			}
			h := 0
			if flagged {
				h = a.hyph + 1
				if k.maxHyph > 0 && h > k.maxHyph {
					continue
				}
				h = min(h, hslots-1)
			}
			fit := 1
			switch {
			case r < 0 && b > 12:
				fit = 0
			case r > 0 && b > 99:
				fit = 3
			case r > 0 && b > 12:
				fit = 2
			}
			l := float64(k.s.LinePenalty + b)
			d := l * l
			switch {
			case pen > 0:
				d += float64(pen) * float64(pen)
			case pen > ejectPenalty:
				d -= float64(pen) * float64(pen)
			}
			if flagged && a.hyph > 0 {
				d += float64(k.s.DoubleHyphenDemerits)
			}
			if i == len(nodes)-1 && a.hyph > 0 {
				d += float64(k.s.FinalHyphenDemerits)
			}
			if fit-a.fitness > 1 || a.fitness-fit > 1 {
				d += float64(k.s.FitnessDemerits)
			}
			d += a.demerits
			c := &cands[fit*hslots+h]
			if c.a == nil || d < c.demerits {
				*c = cand{a, d}
				found = true
			}
		}
		actives, next = next, actives
		if !found {
			return
		}
		// Totals after the break: skip the glue and penalties that a break
		// discards.
		w, y, z, f := sumW, sumY, sumZ, sumF
		for j := i; j < len(nodes); j++ {
			n := &nodes[j]
			if n.kind == boxNode || n.kind == penaltyNode && n.penalty == ejectPenalty && j > i {
				break
			}
			if n.kind == glueNode {
				w, y, z = w+n.width, y+n.stretch, z+n.shrink
				if n.fill {
					f++
				}
			}
		}
		for c, cd := range cands {
			if cd.a == nil {
				continue
			}
			actives = append(actives, &active{
				pos: i, line: cd.a.line + 1, fitness: c / hslots, hyph: c % hslots,
				w: w, y: y, z: z, f: f, demerits: cd.demerits, prev: cd.a,
			})
		}
	}
	for i := range nodes {
		n := &nodes[i]
		switch n.kind {
		case boxNode:
			sumW += n.width
		case glueNode:
			if i > 0 && nodes[i-1].kind == boxNode {
				try(i, 0, false, 0)
			}
			sumW, sumY, sumZ = sumW+n.width, sumY+n.stretch, sumZ+n.shrink
			if n.fill {
				sumF++
			}
		case penaltyNode:
			if n.penalty < infPenalty {
				try(i, n.penalty, n.flagged, n.width)
			}
		}
		if len(actives) == 0 {
			return nil
		}
	}
	var best *active
	for _, a := range actives {
		if a.pos == len(nodes)-1 && (best == nil || a.demerits < best.demerits) {
			best = a
		}
	}
	if best == nil {
		return nil
	}
	var brks []int
	for a := best; a.pos >= 0; a = a.prev {
		brks = append(brks, a.pos)
	}
	for i, j := 0, len(brks)-1; i < j; i, j = i+1, j-1 {
		brks[i], brks[j] = brks[j], brks[i]
	}
	return brks
}

// firstFit breaks lines as late as each line allows, and where a line
// cannot hold even its first box, after that box: the last resort, which
// overfills lines only when the measure is narrower than one letter.
func (k *breaker) firstFit(nodes []node) []int {
	var brks []int
	var sumW Length
	start := Length(0) // sumW at the start of the current line
	lastOK := -1       // the last break that fits the current line
	lastOKW := Length(0)
	line := 0
	skipTo := func(i int) Length { // sumW after discarding what follows break i
		w := sumW
		for j := i; j < len(nodes); j++ {
			n := &nodes[j]
			if n.kind == boxNode || n.kind == penaltyNode && n.penalty == ejectPenalty && j > i {
				break
			}
			if n.kind == glueNode {
				w += n.width
			}
		}
		return w
	}
	consider := func(i int, pen int, penWidth Length) {
		fits := sumW-start+penWidth <= k.lineWidth(line)
		if fits && pen != ejectPenalty {
			lastOK, lastOKW = i, skipTo(i)
			return
		}
		if fits || lastOK < 0 {
			brks = append(brks, i)
			start, lastOK, line = skipTo(i), -1, line+1
			return
		}
		brks = append(brks, lastOK)
		start, lastOK, line = lastOKW, -1, line+1
		// Reconsider this break on the new line.
		if sumW-start+penWidth <= k.lineWidth(line) && pen != ejectPenalty {
			lastOK, lastOKW = i, skipTo(i)
		} else {
			brks = append(brks, i)
			start, line = skipTo(i), line+1
		}
	}
	for i := range nodes {
		n := &nodes[i]
		switch n.kind {
		case boxNode:
			sumW += n.width
		case glueNode:
			if i > 0 && nodes[i-1].kind == boxNode {
				consider(i, 0, 0)
			}
			sumW += n.width
		case penaltyNode:
			if n.penalty < infPenalty {
				consider(i, n.penalty, n.width)
			}
		}
	}
	return brks
}

// lines builds the set lines from the chosen breaks.
func (k *breaker) lines(p *Paragraph, nodes []node, brks []int, align Align) []Line {
	out := make([]Line, 0, len(brks))
	start := 0
	nextWord := 0
	for li, end := range brks {
		lw := k.lineWidth(li)
		base := p.Left
		if li == 0 {
			base += p.Indent
		}
		brk := &nodes[end]
		hyphen := brk.kind == penaltyNode && brk.hyphen
		// The line's nodes are [start, end); penalties inside it are not
		// taken and are ignored.
		var nat, str, shr Length
		fill := false
		for j := start; j < end; j++ {
			n := &nodes[j]
			switch n.kind {
			case boxNode:
				nat += n.width
			case glueNode:
				if n.fill {
					fill = true
					continue
				}
				nat += n.width
				str += n.stretch
				shr += n.shrink
			}
		}
		if hyphen {
			nat += brk.width
		}
		if brk.kind == penaltyNode && brk.penalty == ejectPenalty {
			fill = true
		}
		last := li == len(brks)-1
		adj := Length(0)
		switch {
		case align == Justify && !fill && (nat < lw && str > 0 || nat > lw && shr > 0):
			adj = lw - nat
		case nat > lw && shr > 0:
			adj = max(lw-nat, -shr)
		}
		var ratio float64
		var total Length // the stretch or shrink adj is shared by
		switch {
		case adj > 0:
			total, ratio = str, float64(adj)/float64(str)
		case adj < 0:
			total, ratio = shr, float64(adj)/float64(shr)
		}
		x := base
		switch align {
		case Right:
			x += max(0, lw-nat-adj)
		case Center:
			x += max(0, (lw-nat-adj)/2)
		}
		line := Line{Width: lw, Natural: nat, Ratio: ratio, Hyphenated: hyphen, Last: last, FirstWord: -1}
		var cum, done Length // stretch or shrink passed; adjustment given
		prevBox := false
		for j := start; j < end; j++ {
			n := &nodes[j]
			switch n.kind {
			case boxNode:
				sp := &p.Spans[n.span]
				if n.start {
					if line.FirstWord < 0 {
						line.FirstWord = n.word
					}
					line.Words++
					nextWord = n.word + 1
				}
				if it := len(line.Items) - 1; prevBox && it >= 0 && line.Items[it].Font == sp.Font &&
					line.Items[it].Size == sp.Size && line.Items[it].Link == sp.Link {
					line.Items[it].Text += n.text
				} else {
					line.Items = append(line.Items, Item{X: x, Text: n.text, Font: sp.Font, Size: sp.Size, Link: sp.Link})
				}
				x += n.width
				prevBox = true
			case glueNode:
				x += n.width
				if total != 0 && !n.fill {
					if adj > 0 {
						cum += n.stretch
					} else {
						cum += n.shrink
					}
					var to Length
					if cum == total {
						to = adj
					} else {
						to = Length(math.Round(float64(adj) * float64(cum) / float64(total)))
					}
					x += to - done
					done = to
				}
				prevBox = false
			}
		}
		if line.FirstWord < 0 {
			line.FirstWord = nextWord
		}
		if hyphen && len(line.Items) > 0 {
			it := &line.Items[len(line.Items)-1]
			sp := &p.Spans[brk.span]
			if it.Font == sp.Font && it.Size == sp.Size && it.Link == sp.Link {
				it.Text += "-"
			} else {
				line.Items = append(line.Items, Item{X: x, Text: "-", Font: sp.Font, Size: sp.Size, Link: sp.Link})
			}
		}
		out = append(out, line)
		// The next line starts after what the break discards.
		start = end + 1
		if brk.kind == glueNode || brk.kind == penaltyNode {
			for start < len(nodes) && nodes[start].kind != boxNode &&
				!(nodes[start].kind == penaltyNode && nodes[start].penalty == ejectPenalty) {
				start++
			}
		}
	}
	return out
}

// lineText returns a line's text as painted, items separated by a space
// where there is a gap (for dumps and tests).
func lineText(l Line, m Measurer) string {
	var sb strings.Builder
	var end Length
	for i, it := range l.Items {
		if i > 0 && it.X > end {
			sb.WriteByte(' ')
		}
		sb.WriteString(it.Text)
		end = it.X + m.Width(it.Font, it.Size, it.Text)
	}
	return sb.String()
}

package layout

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The line breaker works on Knuth and Plass's boxes, glue and penalties.

type nodeKind uint8

const (
	boxNode nodeKind = iota
	glueNode
	penaltyNode
)

const (
	infPenalty   = 10000  // a penalty that forbids a break
	ejectPenalty = -10000 // a penalty that forces one
	infBad       = 10000  // the badness of a line that cannot stretch enough

	// emergencyPenalty is the penalty of a break inside an overlong word
	// where no hyphenation point is.
	emergencyPenalty = 1000
)

// node is a box (text in one span), a glue (a space) or a penalty (a
// possible break that is not at a space).
type node struct {
	kind    nodeKind
	width   Length
	stretch Length // glue
	shrink  Length // glue
	fill    bool   // glue of infinite stretch (end of paragraph, forced break)
	penalty int    // penalty
	flagged bool   // penalty: a break here ends the line with a hyphen
	hyphen  bool   // penalty: a break here inserts "-" in span
	text    string // box
	span    int    // box; penalty: the span of the inserted hyphen
	word    int    // box: index of its word (strings.Fields)
	start   bool   // box: the first box of its word
}

// passMode says what a pass of the line breaker may do.
type passMode struct {
	hyphenate bool // automatic hyphenation where the paragraph allows it
	ragged    bool // spaces neither stretch nor shrink
	lastDitch bool // hyphenate and split overlong words anywhere; no hyphen limit
}

// breakKind is the kind of a break point inside a word.
type breakKind uint8

const (
	brkExplicit  breakKind = iota // after a hyphen in the text
	brkDash                       // after an en or em dash
	brkAuto                       // a pattern, exception or soft hyphen
	brkEmergency                  // anywhere, in the last-resort pass
)

type wordBreak struct {
	off      int // byte offset in the word's text
	kind     breakKind
	noHyphen bool // brkEmergency: insert no hyphen (in a URL)
}

// isURL reports whether a word looks like a URL or an e-mail address:
// never hyphenated, broken if need be after a slash or anywhere, without
// a hyphen.
func isURL(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(s, "www.") ||
		strings.Contains(s, "@") && strings.Contains(s, ".")
}

// slashBreaks returns the points after each slash and before each period
// inside a URL.
func slashBreaks(text string) []wordBreak {
	var out []wordBreak
	for i := 1; i < len(text)-1; i++ {
		switch {
		case text[i] == '/' && text[i+1] != '/':
			out = append(out, wordBreak{off: i + 1, kind: brkDash})
		case text[i] == '.' && text[i-1] != '.':
			out = append(out, wordBreak{off: i, kind: brkDash})
		}
	}
	return out
}

// builder turns tokens into nodes.
type builder struct {
	p     *Paragraph
	m     Measurer
	s     *Settings
	mode  passMode
	limit Length // the narrowest line
	nodes []node
}

func (b *builder) width(span int, s string) Length {
	sp := &b.p.Spans[span]
	return b.m.Width(sp.Font, sp.Size, s)
}

// pieceWidth returns the width of a whole piece, measuring it once.
func (b *builder) pieceWidth(pc *piece) Length {
	if pc.width < 0 {
		pc.width = b.width(pc.span, pc.text)
	}
	return pc.width
}

func (b *builder) build(toks []token) []node {
	nwords := 0
	for i := range toks {
		if !toks[i].space {
			nwords++
		}
	}
	w := 0
	for i := range toks {
		t := &toks[i]
		if t.space {
			b.space(t)
			continue
		}
		b.word(t, w, w == nwords-1)
		w++
	}
	b.nodes = append(b.nodes,
		node{kind: penaltyNode, penalty: infPenalty},
		node{kind: glueNode, fill: true},
		node{kind: penaltyNode, penalty: ejectPenalty})
	return b.nodes
}

func (b *builder) space(t *token) {
	switch t.kind {
	case spaceNewline:
		b.nodes = append(b.nodes,
			node{kind: penaltyNode, penalty: infPenalty},
			node{kind: glueNode, fill: true},
			node{kind: penaltyNode, penalty: ejectPenalty})
		return
	case spaceNoBreak:
		b.nodes = append(b.nodes, node{kind: penaltyNode, penalty: infPenalty})
		if t.r != '\u00a0' {
			// Figure and narrow no-break spaces keep their own width.
			b.nodes = append(b.nodes, node{kind: glueNode, width: b.width(t.span, string(t.r))})
			return
		}
	}
	if t.width < 0 {
		t.width = b.width(t.span, " ")
	}
	w := t.width
	g := node{kind: glueNode, width: w}
	if !b.mode.ragged {
		g.stretch = Length(float64(w)*b.s.SpaceStretch + 0.5)
		g.shrink = Length(float64(w)*b.s.SpaceShrink + 0.5)
	}
	b.nodes = append(b.nodes, g)
}

// word appends the boxes and penalties of word number wi.
func (b *builder) word(t *token, wi int, last bool) {
	text := wordText(t)
	// Piece boundaries as byte offsets in text.
	ends := make([]int, len(t.pieces))
	off := 0
	for i, pc := range t.pieces {
		off += len(pc.text)
		ends[i] = off
	}
	spanAt := func(o int) int { // the span of the byte at o
		for i, e := range ends {
			if o < e {
				return t.pieces[i].span
			}
		}
		return t.pieces[len(t.pieces)-1].span
	}
	var total Length
	overlong := false
	if b.mode.lastDitch {
		for i := range t.pieces {
			total += b.pieceWidth(&t.pieces[i])
		}
		overlong = total > b.limit
	}
	url := isURL(text)
	var brks []wordBreak
	if !last || overlong {
		brks = explicitBreaks(text)
		switch {
		case url && overlong:
			brks = append(brks, slashBreaks(text)...)
		case url:
		case b.mode.hyphenate && b.p.Hyphenate || overlong:
			brks = append(brks, b.autoBreaks(text)...)
		}
	}
	if overlong {
		brks = append(brks, b.emergencyBreaks(text, brks, spanAt, url)...)
	}
	sort.SliceStable(brks, func(i, j int) bool { return brks[i].off < brks[j].off })
	// Emit segments between breaks, split at piece boundaries.
	first := true
	prev := 0
	emit := func(a, z int) {
		for i, pc := range t.pieces {
			ps := ends[i] - len(pc.text)
			lo, hi := max(a, ps), min(z, ends[i])
			if lo >= hi {
				continue
			}
			s := strings.ReplaceAll(text[lo:hi], "\u00ad", "")
			if s == "" {
				continue
			}
			var w Length
			if lo == ps && hi == ends[i] && len(s) == len(pc.text) {
				w = b.pieceWidth(&t.pieces[i])
			} else {
				w = b.width(pc.span, s)
			}
			b.nodes = append(b.nodes, node{kind: boxNode, text: s, span: pc.span,
				width: w, word: wi, start: first})
			first = false
		}
	}
	for k, br := range brks {
		if br.off <= prev || br.off >= len(text) || k > 0 && br.off == brks[k-1].off {
			continue
		}
		emit(prev, br.off)
		prev = br.off
		pn := node{kind: penaltyNode}
		switch br.kind {
		case brkExplicit:
			pn.penalty, pn.flagged = b.s.ExHyphenPenalty, true
		case brkDash:
			pn.penalty = b.s.ExHyphenPenalty
		case brkAuto:
			pn.penalty, pn.flagged, pn.hyphen = b.s.HyphenPenalty, true, true
		case brkEmergency:
			r1, _ := utf8.DecodeLastRuneInString(text[:br.off])
			r2, _ := utf8.DecodeRuneInString(text[br.off:])
			pn.penalty = emergencyPenalty
			pn.hyphen = !br.noHyphen && unicode.IsLetter(r1) && unicode.IsLetter(r2)
			pn.flagged = pn.hyphen
		}
		if pn.hyphen {
			pn.span = spanAt(br.off - 1)
			pn.width = b.width(pn.span, "-")
		}
		b.nodes = append(b.nodes, pn)
	}
	emit(prev, len(text))
}

// explicitBreaks returns the break points after hyphens between letters
// and after dashes inside a word.
func explicitBreaks(text string) []wordBreak {
	var out []wordBreak
	var prev rune
	for i, r := range text {
		j := i + utf8.RuneLen(r)
		if j >= len(text) || i == 0 {
			prev = r
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[j:])
		switch r {
		case '-', '\u2010':
			if unicode.IsLetter(prev) && unicode.IsLetter(next) {
				out = append(out, wordBreak{off: j, kind: brkExplicit})
			}
		case '\u2013', '\u2014':
			out = append(out, wordBreak{off: j, kind: brkDash})
		}
		prev = r
	}
	return out
}

// autoBreaks returns the hyphenation points of a word: its soft hyphens if
// it has any, else the pattern points of each run of letters of at least
// MinWordLength letters (punctuation around or inside the word is not
// hyphenated).
func (b *builder) autoBreaks(text string) []wordBreak {
	var out []wordBreak
	if strings.ContainsRune(text, '\u00ad') {
		for i, r := range text {
			if r == '\u00ad' && i > 0 {
				out = append(out, wordBreak{off: i, kind: brkAuto})
			}
		}
		return out
	}
	start, n := -1, 0
	flush := func(end int) {
		if start >= 0 && n >= b.s.MinWordLength {
			run := text[start:end]
			pts := HyphenationPoints(run, b.s.LeftHyphenMin, b.s.RightHyphenMin)
			k, o := 0, start
			for _, p := range pts {
				for k < p {
					_, size := utf8.DecodeRuneInString(text[o:])
					o += size
					k++
				}
				out = append(out, wordBreak{off: o, kind: brkAuto})
			}
		}
		start, n = -1, 0
	}
	for i, r := range text {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			n++
			continue
		}
		flush(i)
	}
	flush(len(text))
	return out
}

// emergencyBreaks returns a break before every rune (except combining
// marks) of each stretch of an overlong word, between the given breaks,
// that is still wider than the narrowest line.
func (b *builder) emergencyBreaks(text string, brks []wordBreak, spanAt func(int) int, url bool) []wordBreak {
	offs := []int{0}
	for _, br := range brks {
		offs = append(offs, br.off)
	}
	sort.Ints(offs)
	offs = append(offs, len(text))
	hyph := b.width(spanAt(0), "-")
	var out []wordBreak
	for k := 0; k+1 < len(offs); k++ {
		a, z := offs[k], offs[k+1]
		if a >= z {
			continue
		}
		var w Length
		for o := a; o < z; {
			r, size := utf8.DecodeRuneInString(text[o:])
			w += b.width(spanAt(o), string(r))
			o += size
		}
		if w+hyph <= b.limit {
			continue
		}
		for o := a; o < z; {
			r, size := utf8.DecodeRuneInString(text[o:])
			if o > a && !unicode.Is(unicode.Mn, r) {
				out = append(out, wordBreak{o, brkEmergency, url})
			}
			o += size
		}
	}
	return out
}

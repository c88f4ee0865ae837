// Package layout typesets text with no PDF library in it: exact lengths,
// Knuth–Plass line breaking with Liang hyphenation, and pagination with
// widow, orphan and keep rules. It measures text through Measurer and
// returns positioned lines and pages; a painter (build/pdf) draws them.
//
// This file is the package's contract with its callers: the types below are
// shared by the line breaker, the paginator and the PDF builder.
package layout

// Length is a distance in scaled points, 1/65536 of a PostScript point.
// Integer lengths keep layout exact and deterministic.
type Length int64

// Pt is one PostScript point (1/72 in).
const Pt Length = 65536

// Points converts points to a Length, rounding to the nearest scaled point.
func Points(p float64) Length {
	if p < 0 {
		return -Length(-p*float64(Pt) + 0.5)
	}
	return Length(p*float64(Pt) + 0.5)
}

// Points returns the length in PostScript points.
func (l Length) Points() float64 { return float64(l) / float64(Pt) }

// Font names one of the faces of the text family.
type Font int

// The faces.
const (
	Regular Font = iota
	Italic
	Bold
	BoldItalic
)

// Measurer measures text. Implementations must be deterministic.
type Measurer interface {
	// Width returns the advance width of s set in font f at size.
	Width(f Font, size Length, s string) Length
}

// Align is how a paragraph's lines are set.
type Align int

// Paragraph alignments.
const (
	Justify Align = iota // both edges flush; the last line flush left
	Left                 // ragged right
	Center
	Right
)

// Span is a run of text in one font. Spaces inside Text are interword
// spaces; a Span may begin or end inside a word ("*Don*’t").
type Span struct {
	Text string
	Font Font
	Size Length
	Link string // URL the run links to, or ""
}

// Paragraph is the input to the line breaker.
type Paragraph struct {
	Spans     []Span
	Align     Align
	Indent    Length // first-line indent (negative for a hanging indent)
	Left      Length // indent of every line from the left edge of the measure
	Right     Length // indent from the right edge
	Hyphenate bool   // allow hyphenation (words of 6+ letters, 2 before, 3 after)
}

// Item is a piece of a set line: text placed at X from the left edge of the
// measure, in one font. The painter draws Text at X and nothing else.
type Item struct {
	X    Length
	Text string
	Font Font
	Size Length
	Link string
}

// Line is one set line of a paragraph.
type Line struct {
	Items      []Item
	Width      Length  // the measure the line was set to (after indents)
	Natural    Length  // natural width of its content
	Ratio      float64 // adjustment ratio: >0 stretched, <0 shrunk, 0 natural
	Hyphenated bool    // ends with a hyphen that the break inserted
	Last       bool    // the paragraph's last line
	// FirstWord is the index, among the paragraph's words (strings.Fields of
	// its spans' text concatenated), of the first word that begins on this
	// line. A word broken by a hyphen begins on the line where its first part
	// stands.
	FirstWord int
	// Words is the number of words that begin on this line.
	Words int
}

// Kind is what a flow element is.
type Kind int

// Element kinds.
const (
	Content  Kind = iota // a line, a rule, a table row: printed
	Space                // vertical space; dropped at the top and bottom of a page
	NewPage              // forced page break: the next content starts a new page
	NewRecto             // forced break to a right-hand (odd) page; a blank verso is inserted when needed
)

// Element is one item of the vertical flow that Paginate divides into pages.
type Element struct {
	Kind   Kind
	Height Length // the space it takes (for lines: the leading)
	// Keep forbids a page break between this element and the next one. The
	// caller expresses widows, orphans, headings, a question kept with its
	// answer and unsplit table rows through it. Where a chain of kept
	// elements is taller than a page, Paginate breaks it at its last
	// possible place rather than overflow the page.
	Keep    bool
	Payload any // the caller's data, handed back on the page
}

// Placed is an element on a page, Y from the top of the text area to the
// element's top.
type Placed struct {
	Y Length
	Element
}

// Page is one page of the paginated flow.
type Page struct {
	Number   int  // 1-based position in the sequence given to Paginate
	Blank    bool // a verso inserted to make the next page a recto
	Elements []Placed
}

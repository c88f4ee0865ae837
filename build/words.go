package build

import "strings"

// PageBreak records where a printed page of the print edition begins, so
// that the e-book can carry the same page numbers.
//
// A page of running text names the section its first line belongs to and
// the index, in SectionWords, of the first word it prints. A page that
// prints no word of its section (a blank verso, an opener whose section has
// no text) has Word -1 and the section of the page before it, or, for an
// opener, its own. The pages before the first section print no section's
// text: they carry one of the reserved Section values below.
type PageBreak struct {
	Folio   string // the page's printed number: "iii", "12"
	Section string // ID of the section whose text the page starts in, or PageTitle, PageCopyright, PageContents
	Word    int    // index into SectionWords of the page's first word; -1 when the page begins no text
}

// Reserved values of PageBreak.Section for the pages before the first
// section. They begin with "#", which no section ID can. The e-book has one
// document for each (its title page, copyright page and contents page, in
// this order, which is also the order of the printed pages), so a reader
// can place their page breaks at the top of it.
const (
	// PageTitle: the half-title, its blank verso and the title page.
	// Word is -1.
	PageTitle = "#title"
	// PageCopyright: the copyright page, on the title page's verso.
	// Word is -1.
	PageCopyright = "#copyright"
	// PageContents: the contents pages and the blank verso that may
	// follow them. Word is the index, in Book.Sections(), of the first
	// contents entry the page prints, or -1 when it prints none.
	PageContents = "#contents"
)

// PageMap lists the printed pages in order: the pages of PageTitle, then
// PageCopyright, then PageContents, then the sections' pages in the order
// of Book.Sections(), their words never going back.
type PageMap []PageBreak

// SectionWords returns the words of a section's running text in reading
// order: its blocks, then each exchange's question and answer. Labels and the
// section title are not part of it. A word is a maximal run of non-space
// characters in the text of one text container (a paragraph, a heading, a
// table cell), so inline boundaries do not split words ("*Don*’t" is one
// word). Editorial text counts as the builders print it, in brackets.
//
// Both builders count words with this function, which is what lets a page
// break found by the print layout be placed at the same word in the e-book.
func SectionWords(s *Section) []string {
	var words []string
	add := func(ins []Inline) { words = append(words, strings.Fields(InlineText(ins))...) }
	walk := func(blocks []Block) { WalkContainers(blocks, add) }
	walk(s.Blocks)
	for _, ex := range s.Exchanges {
		walk(ex.Question)
		walk(ex.Answer)
	}
	return words
}

// WalkContainers calls fn with the inlines of every text container under
// blocks, in reading order: paragraphs, headings, table cells (header row
// first, then row by row), list items' and block quotes' contents.
func WalkContainers(blocks []Block, fn func([]Inline)) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *Paragraph:
			fn(b.Inlines)
		case *Heading:
			fn(b.Inlines)
		case *BlockQuote:
			WalkContainers(b.Blocks, fn)
		case *List:
			for _, item := range b.Items {
				WalkContainers(item, fn)
			}
		case *Table:
			for _, c := range b.Header {
				fn(c)
			}
			for _, row := range b.Rows {
				for _, c := range row {
					fn(c)
				}
			}
		case *SceneBreak:
		}
	}
}

// InlineText returns the text of inlines as printed, without markup: a line
// break is a space, editorial text stands in square brackets.
func InlineText(ins []Inline) string {
	var sb strings.Builder
	var walk func([]Inline)
	walk = func(ins []Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *Text:
				sb.WriteString(in.Text)
			case *Code:
				sb.WriteString(in.Text)
			case *Emph:
				walk(in.Inlines)
			case *Strong:
				walk(in.Inlines)
			case *Link:
				walk(in.Inlines)
			case *LineBreak:
				sb.WriteByte(' ')
			case *Editorial:
				sb.WriteString("[" + in.Text + "]")
			}
		}
	}
	walk(ins)
	return sb.String()
}

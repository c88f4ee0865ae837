// Package pdf builds the print edition: it turns the content model into
// paragraphs and a vertical flow for package layout, which breaks the lines
// and divides the flow into pages, then paints the pages with gofpdf.
//
// Typeset does all the layout and touches no PDF library; Write only paints
// what Typeset decided, so a Doc can be written any number of times, also
// concurrently, and always gives the same bytes.
//
// The book's design, in brief:
//
//   - Pages: the trim from the model (6 × 9 in by default), mirrored
//     margins in proportion to it (the inner one larger), a text block of a
//     whole number of lines. Gentium Book Plus at the model's size (10.5 pt
//     by default) on a leading of 9/7 of it (13.5 pt).
//   - Text: justified and hyphenated, a one-em first-line indent except
//     after a title, heading, quotation, list, table or scene break. In an
//     exchange the label stands in bold at the start of the first paragraph;
//     the question is in italics, the answer in roman; a little space
//     separates the exchanges.
//   - Keeps: a paragraph's first two and last two lines stay together (no
//     orphans, no widows), a line ending with a hyphen is never the last of
//     a page, a heading and a section's title stay with the next two lines,
//     a question (up to eight lines; a longer one by its last two) stays
//     with the first two lines of its answer, and a table's rows stay
//     together unless the table is longer than a page, when it breaks and
//     its header row is repeated.
//   - Front matter: half-title (i), blank (ii), title page (iii), copyright
//     page (iv), contents (v) with dot leaders, then the front sections; roman
//     folios. The chapters and back matter follow on arabic folios from 1,
//     which always falls on a recto. Every section opens on a recto (a blank
//     verso is inserted when needed) with its title sunk from the top.
//   - Running heads in italics, centred: the book's title on versos, the
//     section's title on rectos, the folio at the outer edge of the same
//     line. None on blank pages, openers or the pages before the contents.
//   - PDF: the media box is the trim plus the bleed on every side, with one
//     TrimBox giving the trim (gofpdf writes several boxes in map order, so
//     a BleedBox would make the output differ between runs). Crop marks,
//     when asked for, stand outside the bleed: the media box then grows by a
//     slug of 24 pt more on every side to hold them, and the TrimBox still
//     marks the trim. Fonts are embedded as subsets; every section (and the
//     contents) has an outline entry; the dates are the edition's, never the
//     clock's.
//
// The page map (Doc.PageMap) gives the e-book the print pages: for every
// page its folio, the section and word its text begins with, and for the
// pages before the first section the reserved sections of package build:
// build.PageTitle for pages i–iii, build.PageCopyright for iv, and
// build.PageContents for the contents pages (with their first entry) and
// the blank that may follow them. Doc.TextArea gives each page's text block,
// for tests that read the PDF's text without its running heads.
package pdf

import (
	"fmt"

	"octavo/build"
	"octavo/layout"
)

// Doc is a typeset book, ready to be written.
type Doc struct {
	book   *build.Book
	geo    geometry
	pages  []*page
	report Report
}

// Report is the layout's statistics for the book.
type Report struct {
	Pages      int     // pages in the PDF
	Lines      int     // lines of justified text
	Hyphenated int     // of them, lines ending with an inserted hyphen
	Loose      int     // of them, lines stretched beyond their spaces' stretch (ratio > 1)
	Tight      int     // of them, lines shrunk by more than half their spaces' shrink
	MaxRatio   float64 // the largest adjustment ratio of a justified line
	MeanRatio  float64 // the mean adjustment ratio of justified lines
	Widows     int     // paragraphs whose last line alone begins a page
	Orphans    int     // paragraphs whose first line alone ends a page
}

// String formats the report for printing, one figure a line, ending with a
// newline.
func (r Report) String() string {
	return fmt.Sprintf("pages\t%d\njustified lines\t%d\nhyphenated lines\t%d\nloose lines\t%d\ntight lines\t%d\nadjustment ratio\tmax %.2f, mean %.2f\nwidows\t%d\norphans\t%d\n",
		r.Pages, r.Lines, r.Hyphenated, r.Loose, r.Tight, r.MaxRatio, r.MeanRatio, r.Widows, r.Orphans)
}

// Pages returns the number of pages of the PDF.
func (d *Doc) Pages() int { return len(d.pages) }

// Report returns the layout statistics.
func (d *Doc) Report() Report { return d.report }

// PageMap returns, for every page in order, its printed folio and where its
// running text begins.
func (d *Doc) PageMap() build.PageMap {
	pm := make(build.PageMap, len(d.pages))
	for i, p := range d.pages {
		pm[i] = build.PageBreak{Folio: p.folio, Section: p.section, Word: p.word}
	}
	return pm
}

// TextArea returns the text block of page i (counted from 0) in points
// from the top-left corner of the PDF page (the media box): the rectangle
// that holds the page's text (running text, titles, labels, list markers,
// the front pages' lines) and leaves out the running head, the folio and
// the crop marks. Cropping a text extraction to it (pdftotext -x -y -W -H)
// reads a page's text without its furniture.
func (d *Doc) TextArea(i int) (x, y, w, h float64) {
	g := d.geo
	recto := i%2 == 0
	if i >= 0 && i < len(d.pages) {
		recto = d.pages[i].recto
	}
	return g.off() + g.left(recto), g.off() + g.top, g.measure, g.height
}

// page is one page, ready to paint. Coordinates are in points from the
// top-left corner of the trim.
type page struct {
	folio   string
	recto   bool
	blank   bool
	section string // build.PageBreak.Section
	word    int    // build.PageBreak.Word
	runs    []run
	rules   []rule
	marks   []mark
}

// run is text drawn at one place in one face.
type run struct {
	x, y  float64 // left end of the baseline
	text  string
	font  layout.Font
	size  float64
	track float64 // extra space after every character (letterspacing)
	link  string  // URL of a link over the run, or ""
	w     float64 // width of the run, for the link's rectangle
}

// rule is a straight line.
type rule struct {
	x0, y0, x1, y1, w float64
}

// mark is an outline entry pointing at a place on the page.
type mark struct {
	title string
	level int
	y     float64
}

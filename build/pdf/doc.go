// Package pdf builds the print edition: it turns the content model into
// paragraphs and a vertical flow for package layout, which breaks the lines
// and divides the flow into pages, then paints the pages with gofpdf.
//
// Typeset does all the layout and touches no PDF library; Write only paints
// what Typeset decided, so a Doc can be written any number of times, also
// concurrently, and always gives the same bytes.
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

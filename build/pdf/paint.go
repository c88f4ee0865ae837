package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"octavo/fonts"
	"octavo/layout"
)

// fontStyles are gofpdf's style names for the faces, in layout.Font order.
var fontStyles = [...]string{layout.Regular: "", layout.Italic: "I", layout.Bold: "B", layout.BoldItalic: "BI"}

const family = "gentium"

// Write paints the typeset book as a PDF to w. It may be called more than
// once and concurrently; the same Doc always gives the same bytes.
func (d *Doc) Write(w io.Writer) error {
	g := d.geo
	b := d.book
	pdf := gofpdf.NewCustom(&gofpdf.InitType{
		UnitStr: "pt",
		Size:    gofpdf.SizeType{Wd: g.mediaW(), Ht: g.mediaH()},
	})
	pdf.SetCatalogSort(true)
	date := b.Meta.Modified
	if date.IsZero() {
		date = time.Unix(0, 0).UTC() // never the clock
	}
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetTitle(b.Meta.Title, true)
	var authors []string
	for _, a := range b.Meta.Authors {
		authors = append(authors, a.Name)
	}
	pdf.SetAuthor(strings.Join(authors, "; "), true)
	if b.Meta.Description != "" {
		pdf.SetSubject(b.Meta.Description, true)
	}
	if len(b.Meta.Subjects) > 0 {
		pdf.SetKeywords(strings.Join(b.Meta.Subjects, "; "), true)
	}
	pdf.SetCreator("octavo", true)
	pdf.SetProducer("octavo with gofpdf 1.16.2", true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetDisplayMode("real", "TwoPageRight")
	for _, f := range fonts.Faces {
		// gofpdf keeps the bytes; give it its own copy.
		pdf.AddUTF8FontFromBytes(family, fontStyles[f.Font], append([]byte(nil), f.TTF...))
	}
	// Only one box besides the media box: gofpdf writes several in map
	// order, which would make the output differ from run to run.
	off := g.off()
	pdf.SetPageBox("trim", off, off, g.trimW, g.trimH)

	p := painter{pdf: pdf, off: off}
	for _, pg := range d.pages {
		pdf.AddPage()
		p.font, p.size = -1, 0
		if g.cropMarks {
			p.cropMarks(g)
		}
		for _, r := range pg.rules {
			pdf.SetLineWidth(r.w)
			pdf.Line(off+r.x0, off+r.y0, off+r.x1, off+r.y1)
		}
		for _, r := range pg.runs {
			p.run(r)
		}
		for _, m := range pg.marks {
			// Bookmark encodes the title as UTF-16 only when a UTF-8
			// font is current.
			p.setFont(layout.Regular, 10)
			pdf.Bookmark(m.title, m.level, off+m.y)
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return pdf.Output(w)
}

type painter struct {
	pdf  *gofpdf.Fpdf
	off  float64
	font layout.Font
	size float64
}

func (p *painter) setFont(f layout.Font, size float64) {
	if f == p.font && size == p.size {
		return
	}
	p.pdf.SetFont(family, fontStyles[f], size)
	p.font, p.size = f, size
}

func (p *painter) run(r run) {
	p.setFont(r.font, r.size)
	x, y := p.off+r.x, p.off+r.y
	if r.track != 0 {
		// letterspacing: the PDF's character spacing for this run only
		p.pdf.RawWriteStr(fmt.Sprintf("%.3f Tc\n", r.track))
		p.pdf.Text(x, y, r.text)
		p.pdf.RawWriteStr("0 Tc\n")
	} else {
		p.pdf.Text(x, y, r.text)
	}
	if r.link != "" && r.w > 0 {
		p.pdf.LinkString(x, y-r.size*0.8, r.w, r.size*1.05, r.link)
	}
}

// cropMarks draws the marks at the trim's corners, outside the bleed.
func (p *painter) cropMarks(g geometry) {
	pdf := p.pdf
	pdf.SetLineWidth(markWidth)
	o := p.off
	l, r, t, b := o, o+g.trimW, o, o+g.trimH
	d0 := g.bleed + markGap
	d1 := d0 + markLen
	for _, x := range []float64{l, r} {
		pdf.Line(x, t-d0, x, t-d1)
		pdf.Line(x, b+d0, x, b+d1)
	}
	for _, y := range []float64{t, b} {
		pdf.Line(l-d0, y, l-d1, y)
		pdf.Line(r+d0, y, r+d1, y)
	}
}

package pdf

import (
	"math"

	"octavo/build"
	"octavo/layout"
)

// Defaults for settings the model leaves at zero.
const (
	defaultWidth    = 6 * 72 // trade, 6 × 9 in
	defaultHeight   = 9 * 72
	defaultFontSize = 10.5
)

// Crop marks stand outside the bleed: markGap from the bleed's edge, markLen
// long. When they are asked for, the media box grows by the slug on every
// side (see geometry.slug); the TrimBox still gives the trim.
const (
	markGap   = 3.0
	markLen   = 18.0
	markWidth = 0.25
)

// geometry is the page design, in points.
type geometry struct {
	trimW, trimH float64
	bleed        float64
	slug         float64 // room for crop marks outside the bleed; 0 without them
	cropMarks    bool

	size float64 // body font size
	lead float64 // body leading (baseline to baseline)

	inner, outer float64 // margins at the binding and at the fore-edge
	top          float64 // from the trim's top to the text block's top
	lines        int     // body lines a page holds
	measure      float64 // width of the text block
	height       float64 // height of the text block: lines × lead
}

func newGeometry(p build.Print) geometry {
	g := geometry{trimW: p.Width, trimH: p.Height, bleed: math.Max(p.Bleed, 0), cropMarks: p.CropMarks, size: p.FontSize}
	if g.trimW <= 0 || g.trimH <= 0 {
		g.trimW, g.trimH = defaultWidth, defaultHeight
	}
	if g.size <= 0 {
		g.size = defaultFontSize
	}
	if g.cropMarks {
		g.slug = markGap + markLen + 3
	}
	// Leading 9/7 of the size: 13.5 pt for 10.5 pt type, rounded to a
	// quarter point so the grid is exact in the PDF's coordinates.
	g.lead = math.Round(g.size*9/7*4) / 4
	// Margins in proportion to the trim: the inner (binding) margin larger
	// than the outer, the foot larger than the head. For 6 × 9 in: 58.3 pt
	// inside, 47.5 pt outside, 61.6 pt above, about 87 pt below.
	g.inner = round2(g.trimW * 0.135)
	g.outer = round2(g.trimW * 0.11)
	g.top = round2(g.trimH * 0.095)
	g.measure = g.trimW - g.inner - g.outer
	minFoot := g.trimH * 0.115
	g.lines = int((g.trimH - g.top - minFoot) / g.lead)
	if g.lines < 8 {
		g.lines = 8
	}
	g.height = float64(g.lines) * g.lead
	return g
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// off is where the trim's top-left corner stands on the media box.
func (g geometry) off() float64 { return g.bleed + g.slug }

// mediaW and mediaH are the size of the PDF page.
func (g geometry) mediaW() float64 { return g.trimW + 2*g.off() }
func (g geometry) mediaH() float64 { return g.trimH + 2*g.off() }

// left is the text block's left edge on a recto or a verso page.
func (g geometry) left(recto bool) float64 {
	if recto {
		return g.inner
	}
	return g.outer
}

// baseline is the baseline of a line whose box (of height lead, text at
// size) has its top at y.
func baseline(y, lead, size float64) float64 { return y + lead - 0.25*size }

func pts(l layout.Length) float64    { return l.Points() }
func length(p float64) layout.Length { return layout.Points(p) }

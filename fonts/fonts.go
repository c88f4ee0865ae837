// Package fonts holds the text family of the printed book, Gentium Book
// Plus (SIL, OFL-1.1), embedded in the binary, with the metrics the layout
// needs: advance widths and character coverage, read once from the files.
//
// The faces are indexed by layout.Font. The files are shipped unmodified;
// see README.md and OFL.txt beside them.
package fonts

import (
	_ "embed"
	"fmt"
	"sort"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"octavo/layout"
)

// Family is the family name of the faces.
const Family = "Gentium Book Plus"

var (
	//go:embed GentiumBookPlus-Regular.ttf
	regularTTF []byte
	//go:embed GentiumBookPlus-Italic.ttf
	italicTTF []byte
	//go:embed GentiumBookPlus-Bold.ttf
	boldTTF []byte
	//go:embed GentiumBookPlus-BoldItalic.ttf
	boldItalicTTF []byte

	//go:embed GentiumBookPlus-Regular.woff2
	regularWOFF2 []byte
	//go:embed GentiumBookPlus-Italic.woff2
	italicWOFF2 []byte
	//go:embed GentiumBookPlus-Bold.woff2
	boldWOFF2 []byte
	//go:embed GentiumBookPlus-BoldItalic.woff2
	boldItalicWOFF2 []byte

	// License is the text of the fonts' licence (SIL Open Font License 1.1,
	// with the reserved font names "Gentium" and "SIL").
	//go:embed OFL.txt
	License []byte
)

// Face is one face of the family.
type Face struct {
	Font   layout.Font
	Family string // "Gentium Book Plus"
	Style  string // "Regular", "Italic", "Bold", "Bold Italic"
	File   string // the file name, e.g. "GentiumBookPlus-Regular.ttf"
	TTF    []byte // the TrueType file as shipped; callers must not modify it
	// WOFF2 is the same face as SIL ships it for the web (WOFF 2.0, Brotli
	// compressed, about 40% of the TrueType file): what e-books embed.
	WOFF2     []byte
	WOFF2File string // e.g. "GentiumBookPlus-Regular.woff2"
}

// Faces lists the four faces in layout.Font order: Faces[layout.Bold] is
// the bold face.
var Faces = [...]Face{
	layout.Regular:    {layout.Regular, Family, "Regular", "GentiumBookPlus-Regular.ttf", regularTTF, regularWOFF2, "GentiumBookPlus-Regular.woff2"},
	layout.Italic:     {layout.Italic, Family, "Italic", "GentiumBookPlus-Italic.ttf", italicTTF, italicWOFF2, "GentiumBookPlus-Italic.woff2"},
	layout.Bold:       {layout.Bold, Family, "Bold", "GentiumBookPlus-Bold.ttf", boldTTF, boldWOFF2, "GentiumBookPlus-Bold.woff2"},
	layout.BoldItalic: {layout.BoldItalic, Family, "Bold Italic", "GentiumBookPlus-BoldItalic.ttf", boldItalicTTF, boldItalicWOFF2, "GentiumBookPlus-BoldItalic.woff2"},
}

// Lookup returns the face for f, or false when f is not one of the faces.
func Lookup(f layout.Font) (Face, bool) {
	if f < 0 || int(f) >= len(Faces) {
		return Face{}, false
	}
	return Faces[f], true
}

// FaceMetrics are the metrics of one face, in font units.
type FaceMetrics struct {
	UnitsPerEm int
	Ascent     int // typographic ascender (hhea), positive
	Descent    int // typographic descender (hhea), positive below the baseline
	advance    map[rune]int
	runes      []rune // covered characters, sorted
}

// Advance returns the advance width of r in font units and whether the
// face has a glyph for r.
func (m *FaceMetrics) Advance(r rune) (int, bool) {
	a, ok := m.advance[r]
	return a, ok
}

// Has reports whether the face has a glyph for r.
func (m *FaceMetrics) Has(r rune) bool {
	_, ok := m.advance[r]
	return ok
}

// Runes returns the characters the face covers, in ascending order.
func (m *FaceMetrics) Runes() []rune { return append([]rune(nil), m.runes...) }

// PDFWidth returns the advance of r in thousandths of an em, rounded as a
// PDF writer rounds it into the font's width array (gofpdf does exactly
// this), so that text measured with it lines up with the printed glyphs.
// Characters the face lacks have width 0.
func (m *FaceMetrics) PDFWidth(r rune) int {
	a, ok := m.advance[r]
	if !ok {
		return 0
	}
	return pdfWidth(a, m.UnitsPerEm)
}

func pdfWidth(adv, upem int) int {
	// round half away from zero, as math.Round does in gofpdf
	return (adv*1000*2 + upem) / (2 * upem)
}

var (
	loadOnce sync.Once
	loaded   [len(Faces)]*FaceMetrics
	loadErr  error
)

// Load parses the metrics of every face, once; later calls return the same
// values. It fails only if an embedded file is damaged.
func Load() ([len(Faces)]*FaceMetrics, error) {
	loadOnce.Do(func() {
		for i, f := range Faces {
			m, err := parse(f.TTF)
			if err != nil {
				loadErr = fmt.Errorf("fonts: %s: %w", f.File, err)
				return
			}
			loaded[i] = m
		}
	})
	return loaded, loadErr
}

// parse reads the cmap, hmtx and hhea tables through sfnt.
func parse(ttf []byte) (*FaceMetrics, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	upem := int(f.UnitsPerEm())
	// At ppem = upem (in 26.6), sfnt returns advances in font units × 64.
	ppem := fixed.Int26_6(upem << 6)
	m := &FaceMetrics{UnitsPerEm: upem, advance: make(map[rune]int)}
	fm, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, err
	}
	m.Ascent, m.Descent = fm.Ascent.Round(), fm.Descent.Round()
	// The Basic Multilingual Plane is all the PDF writer can print; the
	// planes above are reported as unprintable by the callers.
	for r := rune(0); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			continue
		}
		adv, err := f.GlyphAdvance(&buf, g, ppem, font.HintingNone)
		if err != nil {
			return nil, err
		}
		m.advance[r] = adv.Round()
		m.runes = append(m.runes, r)
	}
	sort.Slice(m.runes, func(i, j int) bool { return m.runes[i] < m.runes[j] })
	return m, nil
}

// Metrics measures text set in the faces; it implements layout.Measurer.
// Widths are sums of the advance widths of the characters as the PDF
// records them (thousandths of an em, rounded), with no kerning, which is
// how gofpdf sets text. A character a face lacks measures 0; check coverage
// with Has before layout. Metrics is safe for concurrent use.
type Metrics struct {
	faces [len(Faces)]*FaceMetrics
	mu    sync.RWMutex
	cache map[key]layout.Length
}

type key struct {
	font layout.Font
	size layout.Length
	s    string
}

// NewMetrics returns a measurer over the embedded faces.
func NewMetrics() (*Metrics, error) {
	faces, err := Load()
	if err != nil {
		return nil, err
	}
	return &Metrics{faces: faces, cache: make(map[key]layout.Length)}, nil
}

// Face returns the metrics of face f (Regular when f is out of range).
func (m *Metrics) Face(f layout.Font) *FaceMetrics {
	if f < 0 || int(f) >= len(m.faces) {
		f = layout.Regular
	}
	return m.faces[f]
}

// Has reports whether face f has a glyph for r.
func (m *Metrics) Has(f layout.Font, r rune) bool { return m.Face(f).Has(r) }

// Width returns the advance width of s set in font f at size.
func (m *Metrics) Width(f layout.Font, size layout.Length, s string) layout.Length {
	k := key{f, size, s}
	m.mu.RLock()
	w, ok := m.cache[k]
	m.mu.RUnlock()
	if ok {
		return w
	}
	fm := m.Face(f)
	units := 0
	for _, r := range s {
		units += fm.PDFWidth(r)
	}
	// size × units / 1000, rounded to the nearest scaled point
	w = layout.Length((int64(size)*int64(units)*2 + 1000) / 2000)
	m.mu.Lock()
	m.cache[k] = w
	m.mu.Unlock()
	return w
}

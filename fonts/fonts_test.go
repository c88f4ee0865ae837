package fonts

import (
	"bytes"
	"os"
	"sync"
	"testing"

	"octavo/layout"
)

func TestEmbeddedFilesUnmodified(t *testing.T) {
	for _, f := range Faces {
		disk, err := os.ReadFile(f.File)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(disk, f.TTF) {
			t.Errorf("%s: embedded bytes differ from the file", f.File)
		}
		if len(f.TTF) < 4 || !bytes.Equal(f.TTF[:4], []byte{0, 1, 0, 0}) {
			t.Errorf("%s: not a TrueType-outline font", f.File)
		}
		web, err := os.ReadFile(f.WOFF2File)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(web, f.WOFF2) {
			t.Errorf("%s: embedded bytes differ from the file", f.WOFF2File)
		}
		if !bytes.HasPrefix(f.WOFF2, []byte("wOF2")) {
			t.Errorf("%s: not a WOFF 2.0 file", f.WOFF2File)
		}
	}
	if !bytes.Contains(License, []byte("SIL OPEN FONT LICENSE Version 1.1")) {
		t.Error("OFL text missing")
	}
}

func TestCoverage(t *testing.T) {
	faces, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	// What the books need: Latin-1, curly quotes, dashes, ellipsis, NBSP, Cyrillic.
	need := "AZaz09 éÉçñüß‘’“”–—…\u00a0Жж-[]*"
	for i, fm := range faces {
		for _, r := range need {
			if !fm.Has(r) {
				t.Errorf("%s lacks %U", Faces[i].File, r)
			}
		}
		for _, r := range "\u0007\uFFFF\U0001F600" {
			if fm.Has(r) {
				t.Errorf("%s claims %U", Faces[i].File, r)
			}
		}
		if fm.UnitsPerEm <= 0 || fm.Ascent <= 0 || fm.Descent <= 0 {
			t.Errorf("%s: odd metrics %+v", Faces[i].File, fm)
		}
	}
}

func TestWidth(t *testing.T) {
	m, err := NewMetrics()
	if err != nil {
		t.Fatal(err)
	}
	size := layout.Points(10)
	a := m.Width(layout.Regular, size, "a")
	b := m.Width(layout.Regular, size, "b")
	ab := m.Width(layout.Regular, size, "ab")
	if a <= 0 || ab != a+b && (ab-a-b > 1 || a+b-ab > 1) {
		t.Errorf("widths a=%d b=%d ab=%d", a, b, ab)
	}
	// Width is proportional to size (within rounding).
	if w20 := m.Width(layout.Regular, 2*size, "ab"); w20-2*ab > 1 || 2*ab-w20 > 1 {
		t.Errorf("width at 20pt %d, at 10pt %d", w20, ab)
	}
	// The em dash of a book face is about an em wide.
	if em := m.Width(layout.Regular, size, "—").Points(); em < 7 || em > 11 {
		t.Errorf("em dash at 10pt is %.2fpt", em)
	}
	// Bold is wider than regular for the same text.
	s := "The Soviet Citizen"
	if m.Width(layout.Bold, size, s) <= m.Width(layout.Regular, size, s) {
		t.Error("bold not wider than regular")
	}
	// Matches the PDF width array: sum of rounded thousandths.
	fm := m.Face(layout.Italic)
	units := 0
	for _, r := range s {
		units += fm.PDFWidth(r)
	}
	want := layout.Points(float64(units) * 10 / 1000)
	if got := m.Width(layout.Italic, size, s); got-want > 1 || want-got > 1 {
		t.Errorf("italic width %d, want %d", got, want)
	}
}

func TestWidthConcurrent(t *testing.T) {
	m, err := NewMetrics()
	if err != nil {
		t.Fatal(err)
	}
	want := m.Width(layout.Bold, layout.Points(9), "concurrent")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				if got := m.Width(layout.Bold, layout.Points(9), "concurrent"); got != want {
					t.Errorf("got %d, want %d", got, want)
				}
				m.Width(layout.Regular, layout.Points(9), string(rune('a'+j%26)))
			}
		}()
	}
	wg.Wait()
}

package build

import (
	"testing"
	"testing/fstest"
)

// TestUnprintable: with Options.Unprintable, every character the print
// edition cannot set is reported at its exact place, in plain, quoted and
// block values and in Markdown files; without it, the same book loads.
func TestUnprintable(t *testing.T) {
	// A stand-in for the fonts' coverage: Greek is "missing".
	why := func(r rune) string {
		if r >= 0x370 && r <= 0x3FF {
			return "is not in the test font"
		}
		return ""
	}
	manifest := []byte(`title: Plain λ title
subtitle: "Quoted μ"
language: en
identifier: urn:uuid:0b9a3f8e-5d0c-4c1e-9a61-2f3b7a1c9d10
authors: [A. N. Author]
chapters:
  - title: First
    body: |
      A paragraph.

        An indented line with π in it, and π again.
  - title: Second
    file: second.md
rights: Public domain; Ω.
`)
	files := fstest.MapFS{"second.md": {Data: []byte("Line one.\n\nSigma σ here.\n")}}
	_, err := Decode(manifest, "book.yaml", files, Options{Unprintable: why})
	want := `book.yaml:1:14: title: character U+03BB ‘λ’ is not in the test font
book.yaml:2:19: subtitle: character U+03BC ‘μ’ is not in the test font
book.yaml:11:31: chapter "First": character U+03C0 ‘π’ is not in the test font
book.yaml:14:24: rights: character U+03A9 ‘Ω’ is not in the test font
second.md:3:7: chapter "Second": character U+03C3 ‘σ’ is not in the test font`
	if err == nil || err.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", err, want)
	}
	if _, err := Decode(manifest, "book.yaml", files, Options{}); err != nil {
		t.Errorf("without Unprintable: %v", err)
	}
}

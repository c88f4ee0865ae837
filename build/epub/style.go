package epub

import (
	_ "embed"
	"strings"

	"octavo/fonts"
)

//go:embed style.css
var baseCSS string

// fontFile is a font embedded in the EPUB.
type fontFile struct {
	name   string // file name under fonts/
	data   []byte
	weight string // CSS font-weight
	style  string // CSS font-style
}

// embeddedFonts returns the text family's faces, the one place this
// package reaches the fonts package. E-books get SIL's WOFF2 files: the
// same faces at about 40% of the TrueType size, a core media type of
// EPUB 3.2 and later.
func embeddedFonts() []fontFile {
	var out []fontFile
	for _, f := range fonts.Faces {
		ff := fontFile{name: f.WOFF2File, data: f.WOFF2, weight: "normal", style: "normal"}
		if strings.Contains(f.Style, "Bold") {
			ff.weight = "bold"
		}
		if strings.Contains(f.Style, "Italic") {
			ff.style = "italic"
		}
		out = append(out, ff)
	}
	return out
}

// fontFamily is the family name of the embedded faces.
const fontFamily = fonts.Family

// stylesheet returns the book's CSS; with embedded fonts, their faces are
// declared and set as the body's first choice (the reader's own font
// setting still overrides them).
func stylesheet(ffs []fontFile) string {
	if len(ffs) == 0 {
		return baseCSS
	}
	var sb strings.Builder
	for _, f := range ffs {
		sb.WriteString("@font-face {\n\tfont-family: \"" + fontFamily + "\";\n")
		sb.WriteString("\tfont-weight: " + f.weight + ";\n\tfont-style: " + f.style + ";\n")
		sb.WriteString("\tsrc: url(\"../fonts/" + f.name + "\") format(\"woff2\");\n}\n\n")
	}
	sb.WriteString("body {\n\tfont-family: \"" + fontFamily + "\", serif;\n}\n\n")
	sb.WriteString(baseCSS)
	return sb.String()
}

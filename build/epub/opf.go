package epub

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"octavo/build"
)

// The accessibility conformance claim (EPUB Accessibility 1.1, §5.2).
const conformsTo = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"

// modifiedFormat is the form of dcterms:modified.
const modifiedFormat = "2006-01-02T15:04:05Z"

// packageDocument writes package.opf: the metadata from the model, the
// manifest (every file, sorted by name) and the spine.
func packageDocument(b *build.Book, pub *publication, hrefs []string) (string, error) {
	ids, err := manifestIDs(hrefs)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	m := b.Meta
	w := func(format string, args ...any) { fmt.Fprintf(&sb, format, args...) }
	t := escapeText

	sb.WriteString(opfXMLHead)
	w(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="%s">`+"\n", escapeAttr(m.Language))
	sb.WriteString(`  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	w("    <dc:identifier id=\"pub-id\">%s</dc:identifier>\n", t(m.Identifier))
	w("    <dc:title id=\"title\">%s</dc:title>\n", t(m.Title))
	w("    <meta refines=\"#title\" property=\"title-type\">main</meta>\n")
	if m.Subtitle != "" {
		w("    <dc:title id=\"subtitle\">%s</dc:title>\n", t(m.Subtitle))
		w("    <meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n")
	}
	for i, a := range m.Authors {
		id := "author-" + strconv.Itoa(i+1)
		w("    <dc:creator id=\"%s\">%s</dc:creator>\n", id, t(a.Name))
		if a.FileAs != "" {
			w("    <meta refines=\"#%s\" property=\"file-as\">%s</meta>\n", id, t(a.FileAs))
		}
		w("    <meta refines=\"#%s\" property=\"role\" scheme=\"marc:relators\">aut</meta>\n", id)
	}
	for i, c := range m.Contributors {
		id := "contributor-" + strconv.Itoa(i+1)
		w("    <dc:contributor id=\"%s\">%s</dc:contributor>\n", id, t(c.Name))
		if c.FileAs != "" {
			w("    <meta refines=\"#%s\" property=\"file-as\">%s</meta>\n", id, t(c.FileAs))
		}
		if code := c.Role.MARC(); code != "" {
			w("    <meta refines=\"#%s\" property=\"role\" scheme=\"marc:relators\">%s</meta>\n", id, code)
		}
	}
	w("    <dc:language>%s</dc:language>\n", t(m.Language))
	if m.Publisher != "" {
		w("    <dc:publisher>%s</dc:publisher>\n", t(m.Publisher))
	}
	if m.Date != "" {
		w("    <dc:date>%s</dc:date>\n", t(m.Date))
	}
	if src := sourceText(m.Source); src != "" {
		w("    <dc:source>%s</dc:source>\n", t(src))
	}
	if rights := plainText(b.Rights); rights != "" {
		w("    <dc:rights>%s</dc:rights>\n", t(rights))
	}
	for _, s := range m.Subjects {
		w("    <dc:subject>%s</dc:subject>\n", t(s))
	}
	if m.Description != "" {
		w("    <dc:description>%s</dc:description>\n", t(m.Description))
	}
	w("    <meta property=\"dcterms:modified\">%s</meta>\n", m.Modified.UTC().Format(modifiedFormat))

	// Accessibility metadata (EPUB Accessibility 1.1, schema.org terms).
	w("    <meta property=\"schema:accessMode\">textual</meta>\n")
	if b.Cover != nil {
		w("    <meta property=\"schema:accessMode\">visual</meta>\n")
	}
	w("    <meta property=\"schema:accessModeSufficient\">textual</meta>\n")
	features := []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"}
	if b.Cover != nil {
		features = append(features, "alternativeText")
	}
	if len(pub.pages.order) > 0 {
		features = append(features, "printPageNumbers", "pageBreakMarkers", "pageNavigation")
	}
	for _, f := range features {
		w("    <meta property=\"schema:accessibilityFeature\">%s</meta>\n", f)
	}
	w("    <meta property=\"schema:accessibilityHazard\">none</meta>\n")
	w("    <meta property=\"schema:accessibilitySummary\">%s</meta>\n", t(pub.ui.summary))
	w("    <meta property=\"dcterms:conformsTo\">%s</meta>\n", conformsTo)
	if len(pub.pages.order) > 0 {
		// The page source, the EPUB 3.3 way (see the package comment:
		// EPUBCheck 4.2.6 refuses pageBreakSource).
		w("    <dc:source id=\"page-source\">%s</dc:source>\n", t(pageBreakSource(b)))
		w("    <meta refines=\"#page-source\" property=\"source-of\">pagination</meta>\n")
	}
	if b.Cover != nil {
		w("    <meta name=\"cover\" content=\"%s\"/>\n", ids[path.Join("images", b.Cover.Name)])
	}
	sb.WriteString("  </metadata>\n  <manifest>\n")
	for _, h := range hrefs {
		w("    <item id=\"%s\" href=\"%s\" media-type=\"%s\"", ids[h], escapeAttr(h), mediaType(h))
		switch {
		case h == "nav.xhtml":
			sb.WriteString(` properties="nav"`)
		case b.Cover != nil && h == path.Join("images", b.Cover.Name):
			sb.WriteString(` properties="cover-image"`)
		}
		sb.WriteString("/>\n")
	}
	sb.WriteString("  </manifest>\n  <spine toc=\"ncx\">\n")
	for _, d := range pub.docs {
		w("    <itemref idref=\"%s\"/>\n", ids[xhtmlDir+d.file])
	}
	sb.WriteString("  </spine>\n</package>\n")
	return sb.String(), nil
}

// manifestIDs gives each file a manifest id: a content document its base
// name ("ch01"), toc.ncx "ncx", any other file its name with the dot made
// a hyphen ("style-css").
func manifestIDs(hrefs []string) (map[string]string, error) {
	ids := map[string]string{}
	used := map[string]string{}
	for _, h := range hrefs {
		base := path.Base(h)
		ext := path.Ext(base)
		var id string
		switch {
		case h == "toc.ncx":
			id = "ncx"
		case ext == ".xhtml":
			id = strings.TrimSuffix(base, ext)
		default:
			id = strings.ReplaceAll(base, ".", "-")
		}
		if mediaType(h) == "" || !idPattern.MatchString(id) {
			return nil, fmt.Errorf("epub: no manifest entry can be made for %s", h)
		}
		if other, dup := used[id]; dup {
			return nil, fmt.Errorf("epub: %s and %s would have the same manifest id", other, h)
		}
		used[id] = h
		ids[h] = id
	}
	return ids, nil
}

// sourceText returns dc:source: the source's URL, or its title as text.
func sourceText(s *build.Source) string {
	if s == nil {
		return ""
	}
	if s.URL != "" {
		return s.URL
	}
	return strings.Join(strings.Fields(build.InlineText(s.Title)), " ")
}

// pageBreakSource names the print edition whose pages the markers follow:
// the book's identifier, the trim and the type size, which decide the
// pagination, e.g. "urn:uuid:… (print edition, trade, 10.5 pt)".
func pageBreakSource(b *build.Book) string {
	s := b.Meta.Identifier + " (print edition"
	if b.Print.TrimName != "" {
		s += ", " + b.Print.TrimName
	}
	if b.Print.FontSize > 0 {
		s += ", " + strconv.FormatFloat(b.Print.FontSize, 'f', -1, 64) + " pt"
	}
	return s + ")"
}

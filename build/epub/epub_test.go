package epub

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"octavo/build"
	"octavo/internal/testtool"
)

func write(t *testing.T, b *build.Book, pages build.PageMap) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, b, pages); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// unzip returns the container's files by name, in zip order.
func unzip(t *testing.T, data []byte) (*zip.Reader, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = b
	}
	return zr, files
}

// opf is the part of the package document the tests read.
type opf struct {
	Lang     string `xml:"lang,attr"`
	UID      string `xml:"unique-identifier,attr"`
	Metadata struct {
		Identifiers []struct {
			ID    string `xml:"id,attr"`
			Value string `xml:",chardata"`
		} `xml:"identifier"`
		Titles       []idValue `xml:"title"`
		Creators     []idValue `xml:"creator"`
		Contributors []idValue `xml:"contributor"`
		Language     []string  `xml:"language"`
		Publisher    string    `xml:"publisher"`
		Date         string    `xml:"date"`
		Sources      []idValue `xml:"source"`
		Rights       string    `xml:"rights"`
		Subjects     []string  `xml:"subject"`
		Description  string    `xml:"description"`
		Metas        []struct {
			Property string `xml:"property,attr"`
			Refines  string `xml:"refines,attr"`
			Name     string `xml:"name,attr"`
			Content  string `xml:"content,attr"`
			Value    string `xml:",chardata"`
		} `xml:"meta"`
	} `xml:"metadata"`
	Items []struct {
		ID         string `xml:"id,attr"`
		Href       string `xml:"href,attr"`
		MediaType  string `xml:"media-type,attr"`
		Properties string `xml:"properties,attr"`
	} `xml:"manifest>item"`
	Spine []struct {
		IDRef string `xml:"idref,attr"`
	} `xml:"spine>itemref"`
}

type idValue struct {
	ID    string `xml:"id,attr"`
	Value string `xml:",chardata"`
}

// meta returns the values of the meta elements with property p refining r.
func (o *opf) meta(p, r string) []string {
	var vs []string
	for _, m := range o.Metadata.Metas {
		if m.Property == p && m.Refines == r {
			vs = append(vs, m.Value)
		}
	}
	return vs
}

func readOPF(t *testing.T, files map[string][]byte) (*opf, string) {
	t.Helper()
	var c struct {
		Rootfiles []struct {
			Path string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := xml.Unmarshal(files["META-INF/container.xml"], &c); err != nil || len(c.Rootfiles) != 1 {
		t.Fatalf("container.xml: %v %v", err, c)
	}
	p := c.Rootfiles[0].Path
	var o opf
	if err := xml.Unmarshal(files[p], &o); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return &o, path.Dir(p)
}

// wellFormed parses data as strict XML and returns the root element.
func wellFormed(t *testing.T, name string, data []byte) xml.StartElement {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var root xml.StartElement
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && root.Name.Local == "" {
			root = se
		}
	}
	return root
}

func attr(se xml.StartElement, space, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func TestContainer(t *testing.T) {
	for _, tc := range []struct {
		name  string
		book  *build.Book
		pages bool
	}{
		{"plain", fixture(), false},
		{"cover-fonts-pages", func() *build.Book { b := withCover(fixture()); b.EPUB.EmbedFonts = true; return b }(), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var pm build.PageMap
			if tc.pages {
				pm = pageMap(tc.book)
			}
			data := write(t, tc.book, pm)

			// mimetype first, stored, no extra field, at the fixed offset.
			if !bytes.HasPrefix(data[30:], []byte("mimetypeapplication/epub+zip")) {
				t.Errorf("the container does not begin with a stored mimetype: %q", data[:60])
			}
			if extra := binary.LittleEndian.Uint16(data[28:30]); extra != 0 {
				t.Errorf("mimetype has %d bytes of extra field", extra)
			}
			zr, files := unzip(t, data)
			if f := zr.File[0]; f.Name != "mimetype" || f.Method != zip.Store {
				t.Errorf("first entry %s, method %d", f.Name, f.Method)
			}

			o, root := readOPF(t, files)
			listed := map[string]bool{}
			ids := map[string]string{}
			for _, it := range o.Items {
				name := path.Join(root, it.Href)
				if _, ok := files[name]; !ok {
					t.Errorf("manifest item %s is not in the container", it.Href)
				}
				listed[name] = true
				ids[it.ID] = it.Href
			}
			for name := range files {
				if name == "mimetype" || strings.HasPrefix(name, "META-INF/") || name == path.Join(root, "package.opf") {
					continue
				}
				if !listed[name] {
					t.Errorf("%s is in the container but not in the manifest", name)
				}
			}

			// Spine, in the print edition's order: cover, title page,
			// copyright page, contents, the sections in order.
			var want []string
			if tc.book.Cover != nil {
				want = append(want, "xhtml/cover.xhtml")
			}
			want = append(want, "xhtml/titlepage.xhtml", "xhtml/copyright.xhtml", "xhtml/contents.xhtml")
			for _, s := range tc.book.Sections() {
				want = append(want, "xhtml/"+s.ID+".xhtml")
			}
			var got []string
			for _, ir := range o.Spine {
				got = append(got, ids[ir.IDRef])
			}
			if !slices.Equal(got, want) {
				t.Errorf("spine\n got %q\nwant %q", got, want)
			}

			// Every XHTML file: well-formed, lang and xml:lang on the root.
			n := 0
			for name, data := range files {
				if !strings.HasSuffix(name, ".xhtml") {
					continue
				}
				n++
				rootEl := wellFormed(t, name, data)
				lang, ok1 := attr(rootEl, "", "lang")
				xl, ok2 := attr(rootEl, "http://www.w3.org/XML/1998/namespace", "lang")
				if !ok1 || !ok2 || lang != "en" || xl != "en" {
					t.Errorf("%s: html lang=%q xml:lang=%q", name, lang, xl)
				}
				if bytes.Contains(data, []byte("&nbsp;")) {
					t.Errorf("%s: has an HTML entity", name)
				}
			}
			if n != len(want)+1 { // the spine and nav.xhtml
				t.Errorf("%d XHTML files, want %d", n, len(want))
			}
			for _, name := range []string{"EPUB/toc.ncx", "EPUB/package.opf", "EPUB/nav.xhtml"} {
				wellFormed(t, name, files[name])
			}

			// The cover image is marked; fonts are there only when asked for.
			hasFonts := false
			for _, it := range o.Items {
				if strings.HasPrefix(it.Href, "fonts/") {
					hasFonts = true
					if !strings.HasSuffix(it.Href, ".woff2") || it.MediaType != "font/woff2" || !bytes.HasPrefix(files["EPUB/"+it.Href], []byte("wOF2")) {
						t.Errorf("font %s (%s) is not a WOFF2 file declared as font/woff2", it.Href, it.MediaType)
					}
				}
				if it.Href == "images/cover.png" && it.Properties != "cover-image" {
					t.Errorf("cover image properties %q", it.Properties)
				}
			}
			if hasFonts != tc.book.EPUB.EmbedFonts {
				t.Errorf("fonts in the manifest: %v, EmbedFonts %v", hasFonts, tc.book.EPUB.EmbedFonts)
			}
			css := string(files["EPUB/css/style.css"])
			if strings.Contains(css, "@font-face") != tc.book.EPUB.EmbedFonts || strings.Contains(css, "-webkit-hyphens") {
				t.Errorf("stylesheet font faces or vendor hyphens wrong")
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	b := fixture()
	_, files := unzip(t, write(t, b, pageMap(b)))
	o, _ := readOPF(t, files)
	m := b.Meta
	md := o.Metadata
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	if len(md.Identifiers) != 1 {
		t.Fatalf("%d identifiers", len(md.Identifiers))
	}
	check("unique-identifier", o.UID, md.Identifiers[0].ID)
	check("identifier", md.Identifiers[0].Value, m.Identifier)
	if len(md.Titles) != 2 {
		t.Fatalf("titles %v", md.Titles)
	}
	check("title", md.Titles[0].Value, m.Title)
	check("title-type", strings.Join(o.meta("title-type", "#"+md.Titles[0].ID), ","), "main")
	check("subtitle", md.Titles[1].Value, m.Subtitle)
	check("subtitle type", strings.Join(o.meta("title-type", "#"+md.Titles[1].ID), ","), "subtitle")
	if len(md.Creators) != len(m.Authors) {
		t.Fatalf("creators %v", md.Creators)
	}
	for i, a := range m.Authors {
		c := md.Creators[i]
		check("creator", c.Value, a.Name)
		check("creator role", strings.Join(o.meta("role", "#"+c.ID), ","), "aut")
		check("creator file-as", strings.Join(o.meta("file-as", "#"+c.ID), ","), a.FileAs)
	}
	if len(md.Contributors) != len(m.Contributors) {
		t.Fatalf("contributors %v", md.Contributors)
	}
	for i, p := range m.Contributors {
		c := md.Contributors[i]
		check("contributor", c.Value, p.Name)
		check("contributor role", strings.Join(o.meta("role", "#"+c.ID), ","), p.Role.MARC())
		check("contributor file-as", strings.Join(o.meta("file-as", "#"+c.ID), ","), p.FileAs)
	}
	check("language", strings.Join(md.Language, ","), m.Language)
	check("package xml:lang", o.Lang, m.Language)
	check("publisher", md.Publisher, m.Publisher)
	check("date", md.Date, m.Date)
	if len(md.Sources) != 2 {
		t.Fatalf("sources %v", md.Sources)
	}
	check("source", md.Sources[0].Value, m.Source.URL)
	check("page source of", strings.Join(o.meta("source-of", "#"+md.Sources[1].ID), ","), "pagination")
	check("rights", md.Rights, plainText(b.Rights))
	check("subjects", strings.Join(md.Subjects, "|"), strings.Join(m.Subjects, "|"))
	check("description", md.Description, m.Description)
	check("modified", strings.Join(o.meta("dcterms:modified", ""), ","), "2026-11-26T12:30:00Z")
	check("conformsTo", strings.Join(o.meta("dcterms:conformsTo", ""), ","), "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")
	features := o.meta("schema:accessibilityFeature", "")
	for _, f := range []string{"structuralNavigation", "tableOfContents", "readingOrder", "printPageNumbers"} {
		if !slices.Contains(features, f) {
			t.Errorf("no accessibilityFeature %s in %v", f, features)
		}
	}
	for _, p := range []string{"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityHazard", "schema:accessibilitySummary"} {
		if len(o.meta(p, "")) == 0 {
			t.Errorf("no %s", p)
		}
	}

	// Without a page map: no page list, no print page numbers, one source.
	_, files = unzip(t, write(t, b, nil))
	o, _ = readOPF(t, files)
	if slices.Contains(o.meta("schema:accessibilityFeature", ""), "printPageNumbers") || len(o.Metadata.Sources) != 1 ||
		bytes.Contains(files["EPUB/nav.xhtml"], []byte("page-list")) || bytes.Contains(files["EPUB/toc.ncx"], []byte("pageList")) {
		t.Errorf("page navigation declared without a page map")
	}

	// toc.ncx names the book's identifier.
	var ncx struct {
		Metas []struct {
			Name    string `xml:"name,attr"`
			Content string `xml:"content,attr"`
		} `xml:"head>meta"`
		NavPoints []struct {
			Label string `xml:"navLabel>text"`
		} `xml:"navMap>navPoint"`
	}
	if err := xml.Unmarshal(files["EPUB/toc.ncx"], &ncx); err != nil {
		t.Fatal(err)
	}
	for _, mt := range ncx.Metas {
		if mt.Name == "dtb:uid" && mt.Content != m.Identifier || mt.Name == "dtb:depth" && mt.Content != "1" {
			t.Errorf("ncx %s = %q", mt.Name, mt.Content)
		}
	}
	var labels, titles []string
	for _, np := range ncx.NavPoints {
		labels = append(labels, np.Label)
	}
	for _, s := range b.Sections() {
		titles = append(titles, s.Title)
	}
	if !slices.Equal(labels, titles) {
		t.Errorf("ncx navMap %q, want %q", labels, titles)
	}
}

// textOf returns the character data of the elements of doc whose name is
// local, and the names of all elements.
func textOf(t *testing.T, doc []byte, local string) (texts []string, elements []string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	depth := 0
	var cur strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			elements = append(elements, tok.Name.Local)
			if tok.Name.Local == local || depth > 0 {
				depth++
			}
		case xml.EndElement:
			if depth > 0 {
				depth--
				if depth == 0 {
					texts = append(texts, cur.String())
					cur.Reset()
				}
			}
		case xml.CharData:
			if depth > 0 {
				cur.Write(tok)
			}
		}
	}
	return texts, elements
}

func TestEscaping(t *testing.T) {
	b := fixture()
	b.Meta.Title = "Title " + nasty
	_, files := unzip(t, write(t, b, nil))
	doc := files["EPUB/xhtml/ch03.xhtml"]
	h1, elements := textOf(t, doc, "h1")
	if len(h1) != 1 || h1[0] != "Escaping "+nasty {
		t.Errorf("h1 %q", h1)
	}
	ps, _ := textOf(t, doc, "p")
	if len(ps) != 1 || ps[0] != "Text with "+nasty+" inside." {
		t.Errorf("p %q", ps)
	}
	if slices.Contains(elements, "script") {
		t.Errorf("a script element came through")
	}
	titles, _ := textOf(t, doc, "title")
	if len(titles) != 1 || titles[0] != "Escaping "+nasty {
		t.Errorf("document title %q", titles)
	}
	tp, elements := textOf(t, files["EPUB/xhtml/titlepage.xhtml"], "h1")
	if len(tp) != 1 || tp[0] != b.Meta.Title || slices.Contains(elements, "script") {
		t.Errorf("title page h1 %q", tp)
	}
	o, _ := readOPF(t, files)
	if o.Metadata.Titles[0].Value != b.Meta.Title {
		t.Errorf("dc:title %q", o.Metadata.Titles[0].Value)
	}
	nav, _ := textOf(t, files["EPUB/nav.xhtml"], "a")
	if !slices.Contains(nav, "Escaping "+nasty) {
		t.Errorf("nav entries %q", nav)
	}
}

// docWords reads a section's document back: its running-text words, as
// SectionWords counts them (text containers: p, h2–h6, th, td; the section
// title and the labels left out), and for each page-break marker the index
// of the word it stands before. A marker inside a word is an error.
func docWords(t *testing.T, doc []byte) (words []string, marks map[string]int) {
	t.Helper()
	marks = map[string]int{}
	d := xml.NewDecoder(bytes.NewReader(doc))
	type pending struct {
		folio string
		at    int // byte offset in the container's text
	}
	var (
		in    int // depth inside a container
		skip  int // depth inside a label or the section title
		text  strings.Builder
		pends []pending
		stack []int
	)
	containers := map[string]bool{"p": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "th": true, "td": true}
	flush := func() {
		s := text.String()
		base := len(words)
		for _, p := range pends {
			// (Space may follow a marker that stands before a label.)
			if p.at > 0 && p.at < len(s) && !unicode.IsSpace(lastRune(s[:p.at])) {
				t.Errorf("page %s is not at the start of a word: %q|%q", p.folio, s[:p.at], s[p.at:])
			}
			marks[p.folio] = base + len(strings.Fields(s[:p.at]))
		}
		words = append(words, strings.Fields(s)...)
		text.Reset()
		pends = nil
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			typ, _ := attr(tok, "http://www.idpf.org/2007/ops", "type")
			class, _ := attr(tok, "", "class")
			kind := 0 // 0 other, 1 container, 2 skipped, 3 marker
			switch {
			case typ == "pagebreak":
				kind = 3
				id, _ := attr(tok, "", "id")
				folio := strings.TrimPrefix(id, "page-")
				if label, _ := attr(tok, "", "aria-label"); label != folio {
					t.Errorf("marker %s has aria-label %q", id, label)
				}
				if in > 0 {
					pends = append(pends, pending{folio, text.Len()})
				} else {
					marks[folio] = len(words)
				}
			case class == "label" || tok.Name.Local == "h1":
				kind = 2
				skip++
			case in == 0 && containers[tok.Name.Local]:
				kind = 1
				in = 1
			case tok.Name.Local == "br" && in > 0:
				text.WriteByte(' ')
			}
			stack = append(stack, kind)
		case xml.EndElement:
			kind := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch kind {
			case 1:
				in = 0
				flush()
			case 2:
				skip--
			}
		case xml.CharData:
			if in > 0 && skip == 0 {
				text.Write(tok)
			}
		}
	}
	return words, marks
}

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

func TestPageMarkers(t *testing.T) {
	b := fixture()
	pm := pageMap(b)
	_, files := unzip(t, write(t, b, pm))
	found := map[string]bool{}
	for _, s := range b.Sections() {
		doc := files["EPUB/xhtml/"+s.ID+".xhtml"]
		words, marks := docWords(t, doc)
		if want := build.SectionWords(s); !slices.Equal(words, want) {
			t.Errorf("%s: words read back differ from SectionWords\n got %q\nwant %q", s.ID, words, want)
		}
		for i, p := range pm {
			if p.Section != s.ID {
				continue
			}
			found[p.Folio] = true
			// Where the page's marker belongs: at its first word; a page
			// with no text at the section's start when it is the
			// section's first page, else before the next text page of
			// the section, else after the section's last word.
			first := i == 0 || pm[i-1].Section != p.Section
			want := p.Word
			if want < 0 {
				want = len(words)
				if first {
					want = 0
				}
				for _, q := range pm[i+1:] {
					if !first && q.Section == p.Section && q.Word >= 0 {
						want = q.Word
						break
					}
				}
			}
			at, ok := marks[p.Folio]
			if !ok || at != want {
				t.Errorf("page %s: marker before word %d (present %v), want word %d", p.Folio, at, ok, want)
			}
			// The page that prints the title (the section's first) has
			// its marker before it.
			if (p.Word == 0 || p.Word == -1 && first) && bytes.Index(doc, []byte(`id="page-`+p.Folio+`"`)) > bytes.Index(doc, []byte("<h1")) {
				t.Errorf("page %s: marker after the section title", p.Folio)
			}
		}
	}
	// The pages before the first section: at the top of the title page and
	// the copyright page; in the contents before the entry each begins
	// with, the first before the heading, the blank at the end.
	front := map[string]string{build.PageTitle: "titlepage", build.PageCopyright: "copyright", build.PageContents: "contents"}
	for i, p := range pm {
		name, ok := front[p.Section]
		if !ok {
			continue
		}
		doc := string(files["EPUB/xhtml/"+name+".xhtml"])
		at := strings.Index(doc, `<span epub:type="pagebreak" role="doc-pagebreak" id="page-`+p.Folio+`"`)
		found[p.Folio] = at >= 0
		before := ""
		switch {
		case p.Section == build.PageCopyright:
			before = "<p>" // the rights notice
		case p.Section == build.PageTitle || p.Word == 0:
			before = "<h1"
		case p.Word > 0:
			before = `<a href="` + b.Sections()[p.Word].ID + `.xhtml"`
		case i+1 == len(pm) || pm[i+1].Section != p.Section:
			before = "</nav>"
		}
		if at < 0 || before == "" || !markerJustBefore(doc, at, before) {
			t.Errorf("page %s: marker not where it belongs in %s.xhtml (before %q)", p.Folio, name, before)
		}
	}
	for _, p := range pm {
		if !found[p.Folio] {
			t.Errorf("page %s has no marker", p.Folio)
		}
	}

	// The page list names every page, in order, at its marker.
	links, _ := textOf(t, files["EPUB/nav.xhtml"], "a")
	var folios []string
	for _, p := range pm {
		folios = append(folios, p.Folio)
	}
	if i := slices.Index(links, "i"); i < 0 || !slices.Equal(links[i:], folios) {
		t.Errorf("page list %q, want %q", links, folios)
	}
}

func TestPageMapErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		pm   build.PageMap
	}{
		{"unknown section", build.PageMap{{Folio: "1", Section: "nope", Word: 0}}},
		{"word past the end", build.PageMap{{Folio: "1", Section: "ch01", Word: len(build.SectionWords(fixture().Chapters[0]))}}},
		{"word before the start", build.PageMap{{Folio: "1", Section: "ch01", Word: -2}}},
		{"duplicate folio", build.PageMap{{Folio: "1", Section: "ch01", Word: 0}, {Folio: "1", Section: "ch01", Word: 2}}},
		{"out of order", build.PageMap{{Folio: "1", Section: "ch02", Word: 0}, {Folio: "2", Section: "ch01", Word: 2}}},
		{"front page after text", build.PageMap{{Folio: "1", Section: "ch01", Word: 0}, {Folio: "2", Section: build.PageContents, Word: -1}}},
		{"copyright after contents", build.PageMap{{Folio: "i", Section: build.PageContents, Word: -1}, {Folio: "ii", Section: build.PageCopyright, Word: -1}}},
		{"no section", build.PageMap{{Folio: "i", Section: "", Word: -1}}},
		{"word on the title page", build.PageMap{{Folio: "i", Section: build.PageTitle, Word: 0}}},
		{"contents entry past the end", build.PageMap{{Folio: "i", Section: build.PageContents, Word: len(fixture().Sections())}}},
		{"bad folio", build.PageMap{{Folio: `1"x`, Section: "ch01", Word: 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := Write(io.Discard, fixture(), tc.pm); err == nil {
				t.Errorf("no error")
			}
		})
	}
	b := fixture()
	b.Chapters[1].ID = "titlepage"
	if err := Write(io.Discard, b, nil); err == nil {
		t.Errorf("a reserved section ID was accepted")
	}
	b = fixture()
	b.Chapters[1].ID = "ch01"
	if err := Write(io.Discard, b, nil); err == nil {
		t.Errorf("a duplicate section ID was accepted")
	}
}

func TestDeterministic(t *testing.T) {
	b := withCover(fixture())
	b.EPUB.EmbedFonts = true
	first := write(t, b, pageMap(b))
	second := write(t, b, pageMap(b))
	if !bytes.Equal(first, second) {
		t.Errorf("two writes of the same book differ")
	}
}

// TestEPUBCheck runs EPUBCheck on the books; any error or warning fails.
func TestEPUBCheck(t *testing.T) {
	const jar = testtool.EPUBCheck
	testtool.Need(t, "java")
	testtool.NeedFile(t, jar, "EPUBCheck")
	full := withCover(fixture())
	full.EPUB.EmbedFonts = true
	for name, tc := range map[string]struct {
		b     *build.Book
		pages bool
	}{"plain-russian": {russian(), false}, "full": {full, true}} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var pm build.PageMap
			if tc.pages {
				pm = pageMap(tc.b)
			}
			file := filepath.Join(t.TempDir(), name+".epub")
			if err := os.WriteFile(file, write(t, tc.b, pm), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("java", "-jar", jar, file).CombinedOutput()
			if err != nil || !bytes.Contains(out, []byte("No errors or warnings detected")) {
				t.Errorf("EPUBCheck: %v\n%s", err, out)
			}
		})
	}
}

// TestPandoc has a reader no one here wrote, pandoc, read the book back:
// every word of the running text must come out, in order.
func TestPandoc(t *testing.T) {
	testtool.Need(t, "pandoc")
	b := withCover(fixture())
	file := filepath.Join(t.TempDir(), "book.epub")
	if err := os.WriteFile(file, write(t, b, pageMap(b)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pandoc", "-f", "epub", "-t", "plain", "--wrap=none", file).Output()
	if err != nil {
		t.Fatalf("pandoc: %v", err)
	}
	got := strings.Fields(string(out))
	var want []string
	for _, s := range b.Sections() {
		want = append(want, build.SectionWords(s)...)
	}
	i := 0
	for _, w := range got {
		if i < len(want) && w == want[i] {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("pandoc's text lacks word %d %q of the book, or has it out of order:\n%s", i, want[i], out)
	}
}

// russian returns the fixture as a Russian book with its own labels.
func russian() *build.Book {
	b := fixture()
	b.Meta.Language = "ru"
	b.Labels = build.Labels{Question: "Вопрос:", Answer: "Ответ:"}
	return b
}

// TestOtherLanguage checks a book in a language whose words for "question"
// and "answer" the builder does not know: the groups are named by their
// printed labels, and the English words the builder adds are marked so.
func TestOtherLanguage(t *testing.T) {
	_, files := unzip(t, write(t, russian(), nil))
	for name, data := range files {
		if strings.HasSuffix(name, ".xhtml") {
			if root := wellFormed(t, name, data); !strings.Contains(fmt.Sprint(root.Attr), "ru") {
				t.Errorf("%s: root attributes %v", name, root.Attr)
			}
		}
	}
	ch := string(files["EPUB/xhtml/ch01.xhtml"])
	for _, want := range []string{
		`role="group" aria-labelledby="ch01-x1-q-label"`,
		`<b class="label" id="ch01-x1-q-label">Вопрос:</b>`,
		`role="group" aria-labelledby="ch01-x1-a-label"`,
	} {
		if !strings.Contains(ch, want) {
			t.Errorf("ch01.xhtml lacks %s", want)
		}
	}
	if strings.Contains(ch, `aria-label="Question"`) {
		t.Errorf("an English accessible name in a Russian book")
	}
	if !strings.Contains(string(files["EPUB/xhtml/titlepage.xhtml"]), `<p class="contributors" lang="en" xml:lang="en">`) ||
		!strings.Contains(string(files["EPUB/xhtml/contents.xhtml"]), `<h1 id="contents-title" lang="en" xml:lang="en">`) {
		t.Errorf("the builder's English words are not marked as English")
	}
}

// markerJustBefore reports whether the page-break span at index at of doc
// is followed, past other markers and white space only, by next.
func markerJustBefore(doc string, at int, next string) bool {
	rest := doc[at:]
	for {
		end := strings.Index(rest, "</span>")
		if !strings.HasPrefix(rest, `<span epub:type="pagebreak"`) || end < 0 {
			break
		}
		rest = strings.TrimLeft(rest[end+len("</span>"):], " \n")
	}
	return strings.HasPrefix(rest, next)
}

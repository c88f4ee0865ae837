// Package epub writes the content model as an EPUB 3 publication.
//
// go-epub assembles the container: the content documents this package
// renders, the stylesheet, fonts and images. A finishing pass then does
// what go-epub cannot: it rebuilds the package document's metadata
// (Dublin Core, refinements, accessibility, a fixed dcterms:modified),
// sorts the manifest, writes nav.xhtml (table of contents, landmarks, page
// list) and toc.ncx anew, puts lang and xml:lang on every document, and
// re-zips the files in a fixed order with a fixed date, so that the same
// book gives the same bytes.
//
// Print page numbers. Write takes the print edition's page map
// (build.PageMap) and marks the start of every printed page with an empty
// span (epub:type="pagebreak", role="doc-pagebreak", id="page-FOLIO",
// aria-label="FOLIO"): before the first word the page prints, or before the
// label or the section title it begins with; a page without text of its own
// (a blank verso) where it stands between the pages with text. The pages
// before the first section have theirs at the top of the title page and of
// the copyright page, and in the contents before the entry each begins
// with. nav.xhtml's page-list and toc.ncx's pageList list every page in print
// order, and the package declares printPageNumbers, pageBreakMarkers and
// pageNavigation.
//
// The source of the pagination is a dc:source (the book's identifier, the
// trim and the type size: the print edition octavo makes from the same
// manifest) refined with source-of "pagination", as EPUB 3.3 defines it
// (Package Document vocabulary, source-of) and the EPUB Accessibility 1.1
// techniques accept. The newer single property, pageBreakSource (Page
// Source Identification, W3C Publishing Community Group, 2023), which the
// DAISY Knowledge Base now prefers, is refused by EPUBCheck 4.2.6 as an
// undefined property (OPF-027, with or without the a11y: prefix), and this
// project validates with that EPUBCheck; move to it with EPUBCheck 5.
//
// This is the one package that imports go-epub.
package epub

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"sync"

	goepub "github.com/go-shiori/go-epub"

	"octavo/build"
)

// goepubMu serialises go-epub: its in-memory file system is a package
// global without locks.
var (
	goepubMu   sync.Mutex
	goepubOnce sync.Once
	goepubErr  error
)

// noNetwork is the HTTP client given to go-epub, which tries a media
// source as a URL when it is not a file: nothing is ever fetched.
var noNetwork = &http.Client{Transport: refuse{}}

type refuse struct{}

func (refuse) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("epub: no network access while building")
}

// Write writes b as an EPUB 3 file to w. pages, when not empty, is the
// print edition's page map: each page's start is marked in the text and
// listed in the navigation.
func Write(w io.Writer, b *build.Book, pages build.PageMap) error {
	pub, err := prepare(b, pages)
	if err != nil {
		return err
	}
	raw, err := assemble(b, pub)
	if err != nil {
		return err
	}
	out, err := finish(raw, b, pub)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// publication is everything rendered from the model before assembly.
type publication struct {
	ui    uiText
	docs  []*doc // the spine: the content documents in reading order
	css   string
	fonts []fontFile
	pages *placedPages
}

var idPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)
var fileNamePattern = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*\.(jpg|jpeg|png)$`)

// prepare checks what the EPUB depends on and renders every document.
func prepare(b *build.Book, pages build.PageMap) (*publication, error) {
	if b == nil {
		return nil, errors.New("epub: no book")
	}
	m := b.Meta
	switch {
	case m.Title == "":
		return nil, errors.New("epub: the book has no title")
	case m.Language == "":
		return nil, errors.New("epub: the book has no language")
	case m.Identifier == "":
		return nil, errors.New("epub: the book has no identifier")
	case m.Modified.IsZero():
		return nil, errors.New("epub: the book has no modification date (Meta.Modified)")
	case len(b.Chapters) == 0:
		return nil, errors.New("epub: the book has no chapters")
	}
	seen := map[string]bool{}
	for _, s := range b.Sections() {
		if !idPattern.MatchString(s.ID) {
			return nil, fmt.Errorf("epub: section %q: the ID is not usable as a file name and XML id", s.ID)
		}
		if seen[s.ID] || slices.Contains(reserved, s.ID) {
			return nil, fmt.Errorf("epub: section %q: the ID is used twice or reserved", s.ID)
		}
		seen[s.ID] = true
	}
	if c := b.Cover; c != nil {
		if !fileNamePattern.MatchString(c.Name) || (c.MediaType != "image/jpeg" && c.MediaType != "image/png") || len(c.Data) == 0 {
			return nil, fmt.Errorf("epub: cover %q: need a JPEG or PNG with a plain file name", c.Name)
		}
	}
	placed, err := placePages(b, pages)
	if err != nil {
		return nil, err
	}
	u := ui(m.Language)
	pub := &publication{ui: u, pages: placed}
	if b.EPUB.EmbedFonts {
		pub.fonts = embeddedFonts()
	}
	pub.css = stylesheet(pub.fonts)

	if b.Cover != nil {
		pub.docs = append(pub.docs, &doc{file: coverName + ".xhtml", title: m.Title, matter: "cover",
			body: renderCover(b, u), landmark: "cover"})
	}
	// The title page, the rights and the contents, as in print; each holds
	// the markers of its printed pages.
	titleMarks := placed.docs[build.PageTitle]
	body, err := renderTitlePage(b, folios(titleMarks), u)
	if err != nil {
		return nil, err
	}
	pub.docs = append(pub.docs, &doc{file: titlePageName + ".xhtml", title: m.Title, matter: "frontmatter",
		body: body, pages: folios(titleMarks), landmark: "titlepage"})
	copyMarks := placed.docs[build.PageCopyright]
	body, err = renderCopyright(b, folios(copyMarks), u)
	if err != nil {
		return nil, err
	}
	pub.docs = append(pub.docs, &doc{file: copyrightName + ".xhtml", title: m.Title + " — " + u.copyright,
		matter: "frontmatter", body: body, pages: folios(copyMarks), landmark: "copyright-page"})
	contMarks := placed.docs[build.PageContents]
	pub.docs = append(pub.docs, &doc{file: contentsName + ".xhtml", title: m.Title + " — " + u.contents,
		matter: "frontmatter", body: renderContents(b, contMarks, u), pages: folios(contMarks), landmark: "toc"})
	firstChapter := true
	for _, s := range b.Sections() {
		marks := placed.docs[s.ID]
		body, err := renderSection(b, s, slices.Clone(marks), u)
		if err != nil {
			return nil, fmt.Errorf("section %q: %w", s.ID, err)
		}
		d := &doc{file: s.ID + ".xhtml", title: s.Title, tocTitle: s.Title, body: body}
		switch s.Kind {
		case build.FrontMatter:
			d.matter = "frontmatter"
		case build.Chapter:
			d.matter = "bodymatter"
			if firstChapter {
				d.landmark = "bodymatter"
				firstChapter = false
			}
		default:
			d.matter = "backmatter"
		}
		d.pages = folios(marks)
		pub.docs = append(pub.docs, d)
	}
	return pub, nil
}

// assemble has go-epub build the container in memory.
func assemble(b *build.Book, pub *publication) ([]byte, error) {
	goepubMu.Lock()
	defer goepubMu.Unlock()
	goepubOnce.Do(func() { goepubErr = goepub.Use(goepub.MemoryFS) })
	if goepubErr != nil {
		return nil, fmt.Errorf("epub: go-epub: %w", goepubErr)
	}
	e, err := goepub.NewEpub(b.Meta.Title)
	if err != nil {
		return nil, fmt.Errorf("epub: go-epub: %w", err)
	}
	e.Client = noNetwork
	e.SetIdentifier(b.Meta.Identifier)
	e.SetLang(b.Meta.Language)
	e.SetDescription(b.Meta.Description)
	if len(b.Meta.Authors) > 0 {
		e.SetAuthor(b.Meta.Authors[0].Name)
	}
	cssPath, err := e.AddCSS(dataURL("text/css", []byte(pub.css)), "style.css")
	if err != nil {
		return nil, mediaError("stylesheet", err)
	}
	for _, f := range pub.fonts {
		// go-epub refuses font media types in data URLs; the manifest
		// gets the right one in the finishing pass.
		if _, err := e.AddFont(dataURL("application/octet-stream", f.data), f.name); err != nil {
			return nil, mediaError("font "+f.name, err)
		}
	}
	if c := b.Cover; c != nil {
		if _, err := e.AddImage(dataURL(c.MediaType, c.Data), c.Name); err != nil {
			return nil, mediaError("cover "+c.Name, err)
		}
	}
	for _, d := range pub.docs {
		if _, err := e.AddSection(d.body, d.tocTitle, d.file, cssPath); err != nil {
			return nil, fmt.Errorf("epub: go-epub: %s: %w", d.file, err)
		}
	}
	var buf bytes.Buffer
	if _, err := e.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("epub: go-epub: %w", err)
	}
	return buf.Bytes(), nil
}

func dataURL(mediaType string, data []byte) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// mediaError reports a media file go-epub refused without repeating its
// message, which holds the whole data URL.
func mediaError(what string, err error) error {
	var fre *goepub.FileRetrievalError
	if errors.As(err, &fre) {
		return fmt.Errorf("epub: go-epub refused the %s", what)
	}
	var used *goepub.FilenameAlreadyUsedError
	if errors.As(err, &used) {
		return fmt.Errorf("epub: go-epub: the %s's file name is used twice", what)
	}
	return fmt.Errorf("epub: go-epub refused the %s", what)
}

package epub_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"time"

	"octavo/build"
	"octavo/build/epub"
)

// A book of one chapter with one exchange, and a print edition of two
// pages: the title page (i) and page 1, which begins at the chapter's
// first word. The container holds go-epub's files, rewritten in order.
func ExampleWrite() {
	b := &build.Book{
		Meta: build.Meta{
			Title:      "Questions",
			Language:   "en",
			Identifier: "urn:uuid:00000000-0000-4000-8000-000000000000",
			Modified:   time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
			Authors:    []build.Person{{Name: "A. Writer"}},
		},
		Labels: build.Labels{Question: "Q.", Answer: "A."},
		Chapters: []*build.Section{{
			ID: "ch01", Kind: build.Chapter, Title: "The Only Chapter",
			Exchanges: []build.Exchange{{
				Question: []build.Block{&build.Paragraph{Inlines: []build.Inline{&build.Text{Text: "Why?"}}}},
				Answer:   []build.Block{&build.Paragraph{Inlines: []build.Inline{&build.Text{Text: "Because."}}}},
			}},
		}},
		Rights: []build.Block{&build.Paragraph{Inlines: []build.Inline{&build.Text{Text: "Public domain."}}}},
	}
	pages := build.PageMap{{Folio: "i", Section: build.PageTitle, Word: -1}, {Folio: "1", Section: "ch01", Word: 0}}
	var buf bytes.Buffer
	if err := epub.Write(&buf, b, pages); err != nil {
		fmt.Println(err)
		return
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range zr.File {
		fmt.Println(f.Name, f.Modified.Format(time.DateTime))
	}
	// Output:
	// mimetype 2026-01-02 03:04:04
	// META-INF/container.xml 2026-01-02 03:04:04
	// EPUB/package.opf 2026-01-02 03:04:04
	// EPUB/css/style.css 2026-01-02 03:04:04
	// EPUB/nav.xhtml 2026-01-02 03:04:04
	// EPUB/toc.ncx 2026-01-02 03:04:04
	// EPUB/xhtml/ch01.xhtml 2026-01-02 03:04:04
	// EPUB/xhtml/contents.xhtml 2026-01-02 03:04:04
	// EPUB/xhtml/copyright.xhtml 2026-01-02 03:04:04
	// EPUB/xhtml/titlepage.xhtml 2026-01-02 03:04:04
}

package epub

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"time"

	"octavo/build"
)

// nasty holds the characters that break a book whose writer does not escape.
const nasty = `<script>alert("x")</script> & "quoted" ]]> 'apos'`

func txt(s string) *build.Text { return &build.Text{Text: s} }

func para(ins ...build.Inline) *build.Paragraph { return &build.Paragraph{Inlines: ins} }

// fixture returns a book that uses every part of the model: metadata with
// several authors and contributors, front matter with a block quote, chapters
// with exchanges, lists, a table with lost labels, headings, links, line
// breaks, code, words split across inline boundaries, non-Latin words,
// markup characters in a title and a paragraph, back matter, the rights.
func fixture() *build.Book {
	return &build.Book{
		Meta: build.Meta{
			Title:      "A Soviet Citizen Speaks",
			Subtitle:   "Questions & answers, 1945",
			Language:   "en",
			Identifier: "urn:uuid:4f0b7a5e-2d1c-4c11-9a1e-3c5b2f7d9e10",
			Date:       "1945-06",
			Modified:   time.Date(2026, 11, 26, 12, 30, 0, 0, time.UTC),
			Output:     "fixture",
			Authors: []build.Person{
				{Name: "A Soviet Citizen", FileAs: "Citizen, A Soviet"},
				{Name: "Second Author"},
			},
			Contributors: []build.Contributor{
				{Person: build.Person{Name: "G.G."}, Role: build.Translator},
				{Person: build.Person{Name: "Ted Crawford", FileAs: "Crawford, Ted"}, Role: build.Transcriber},
				{Person: build.Person{Name: "David Walters"}, Role: build.Transcriber},
			},
			Publisher: "Octavo Test Press",
			Source: &build.Source{
				Title: []build.Inline{&build.Emph{Inlines: []build.Inline{txt("Fourth International")}}, txt(", vol. 6 no. 6, June 1945")},
				URL:   "http://www.marxists.org/history/etol/newspape/fi/vol06/no06/soviet.htm?a=1&b=2",
			},
			Description: "Seventeen questions put to a Soviet citizen & answered.",
			Subjects:    []string{"Soviet Union", "Interviews"},
		},
		Labels: build.Labels{Question: "Q.", Answer: "A."},
		Front: []*build.Section{{
			ID: "introduction", Kind: build.FrontMatter, Role: "introduction", Title: "Introduction",
			Blocks: []build.Block{
				para(txt("The questions below were put to a citizen of the USSR. "),
					&build.Emph{Inlines: []build.Inline{txt("Don")}}, txt("’t miss the "),
					&build.Strong{Inlines: []build.Inline{txt("editors’")}}, txt(" comment.")),
				&build.BlockQuote{Blocks: []build.Block{
					para(txt("We print this document as it reached us."), &build.LineBreak{}, txt("— The Editors")),
				}},
			},
		}},
		Chapters: []*build.Section{
			{
				ID: "ch01", Kind: build.Chapter, Title: "Life and Work",
				Blocks: []build.Block{para(txt("First the working day."))},
				Exchanges: []build.Exchange{
					{
						Question: []build.Block{para(txt("How long is the working day in the factories?"))},
						Answer: []build.Block{
							para(txt("Eleven hours, and sometimes twelve; the "), &build.Emph{Inlines: []build.Inline{txt("Stakhanovite")}}, txt(" norm is higher.")),
							para(txt("There are three kinds of days:")),
							&build.List{Ordered: true, Start: 1, Items: [][]build.Block{
								{para(txt("a) ordinary;"))},
								{para(txt("b) holiday;"))},
								{para(txt("c) war-time."))},
							}},
						},
					},
					{
						Question: []build.Block{
							&build.List{Items: [][]build.Block{{para(txt("A question that opens with a list."))}}},
						},
						Answer: []build.Block{para(txt("Слово по-русски: "), &build.Code{Text: "правда"}, txt(" and "), &build.Link{URL: "https://example.org/a?b=1&c=2", Inlines: []build.Inline{txt("a link")}}, txt("."))},
					},
				},
			},
			{
				ID: "ch02", Kind: build.Chapter, Title: "Wages",
				Blocks: []build.Block{
					para(txt("The wages are as follows.")),
					&build.Heading{Level: 2, Inlines: []build.Inline{txt("Average wages")}},
					&build.Table{
						Align:  []build.Align{build.AlignLeft, build.AlignRight},
						Header: [][]build.Inline{{txt("Category")}, {txt("Rubles a month")}},
						Rows: [][][]build.Inline{
							{{txt("Unskilled workers")}, {txt("150–200")}},
							{{&build.Editorial{Text: "label lost"}}, {txt("300")}},
							{{&build.Editorial{Text: "label lost"}}, {txt("1,000 and more")}},
						},
					},
					&build.SceneBreak{},
					&build.Heading{Level: 4, Inlines: []build.Inline{txt("A deeper heading")}},
					para(txt("After the break.")),
				},
				Exchanges: []build.Exchange{{
					Question: []build.Block{para(txt("Is that enough to live on?"))},
					Answer:   []build.Block{para(txt("No."))},
				}},
			},
			{
				ID: "ch03", Kind: build.Chapter, Title: "Escaping " + nasty,
				Blocks: []build.Block{para(txt("Text with " + nasty + " inside."))},
			},
		},
		Back: []*build.Section{{
			ID: "transcriber-note", Kind: build.BackMatter, Role: "transcriber-note", Title: "Transcriber’s Note",
			Blocks: []build.Block{
				para(txt("The following corrections have been made to the source text.")),
				&build.List{Items: [][]build.Block{{para(txt("“Betweenthe” reads “Between the”. A typing error."))}}},
			},
		}},
		Rights: []build.Block{
			para(txt("Transcription: Ted Crawford & David Walters.")),
			para(txt("Translated by G.G. Last updated: 12 May 2006.")),
		},
		Print: build.Print{TrimName: "6in x 9in", Width: 432, Height: 648, FontSize: 10.5},
	}
}

// withCover adds a small PNG cover to b.
func withCover(b *build.Book) *build.Book {
	img := image.NewRGBA(image.Rect(0, 0, 60, 90))
	for y := 0; y < 90; y++ {
		for x := 0; x < 60; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 4), 40, uint8(y * 2), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	b.Cover = &build.Image{Name: "cover.png", MediaType: "image/png", Data: buf.Bytes(), Width: 60, Height: 90}
	return b
}

// pageMap returns a synthetic page map with pages beginning before the first
// section, at a section's start, at word 0, in the middle of paragraphs and
// exchanges, at a word split across inlines, in a table cell, and pages
// with no text (Word -1) after a section's text and between text pages.
func pageMap(b *build.Book) build.PageMap {
	words := map[string][]string{}
	for _, s := range b.Sections() {
		words[s.ID] = build.SectionWords(s)
	}
	find := func(sec, w string) int {
		for i, x := range words[sec] {
			if x == w {
				return i
			}
		}
		panic("no word " + w + " in " + sec)
	}
	return build.PageMap{
		{Folio: "i", Section: build.PageTitle, Word: -1},
		{Folio: "ii", Section: build.PageTitle, Word: -1},
		{Folio: "iii", Section: build.PageTitle, Word: -1},
		{Folio: "iv", Section: build.PageCopyright, Word: -1},
		{Folio: "v", Section: build.PageContents, Word: 0},
		{Folio: "vi", Section: build.PageContents, Word: 2},   // contents over two pages
		{Folio: "vii", Section: build.PageContents, Word: -1}, // and a blank verso
		{Folio: "viii", Section: "introduction", Word: -1},
		{Folio: "ix", Section: "introduction", Word: find("introduction", "Don’t")},
		{Folio: "1", Section: "ch01", Word: 0},
		{Folio: "2", Section: "ch01", Word: find("ch01", "twelve;")},
		{Folio: "3", Section: "ch01", Word: find("ch01", "b)")},
		{Folio: "4", Section: "ch02", Word: find("ch02", "[label")},
		{Folio: "5", Section: "ch02", Word: find("ch02", "No.")},
		{Folio: "6", Section: "ch03", Word: find("ch03", "&")},
		{Folio: "7", Section: "ch03", Word: -1}, // a blank verso after the chapter
		{Folio: "8", Section: "transcriber-note", Word: 0},
		{Folio: "9", Section: "transcriber-note", Word: -1}, // a page of space between text pages
		{Folio: "10", Section: "transcriber-note", Word: find("transcriber-note", "“Betweenthe”")},
	}
}

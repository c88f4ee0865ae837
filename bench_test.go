package main

import (
	"io"
	"testing"

	"octavo/build"
	"octavo/build/epub"
	"octavo/build/pdf"
)

// The stages of a build of the first book, each measured alone, and the
// whole build as `octavo build` does it (both books, written concurrently,
// to temporary files renamed into place). Run with `make bench`.

func loadBook(b *testing.B) *build.Book {
	b.Helper()
	book, err := build.Load("book.yaml", build.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return book
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		loadBook(b)
	}
}

func BenchmarkTypeset(b *testing.B) {
	book := loadBook(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pdf.Typeset(book); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWritePDF(b *testing.B) {
	doc, err := pdf.Typeset(loadBook(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := doc.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteEPUB(b *testing.B) {
	book := loadBook(b)
	doc, err := pdf.Typeset(book)
	if err != nil {
		b.Fatal(err)
	}
	pm := doc.PageMap()
	b.ReportAllocs()
	for b.Loop() {
		if err := epub.Write(io.Discard, book, pm); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	out := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"build", "-o", out, "book.yaml"}, io.Discard, io.Discard, func(string) string { return "" }); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

package build_test

import (
	"fmt"
	"testing/fstest"

	"octavo/build"
)

func ExampleDecode() {
	manifest := []byte(`title: "The Book's Title"
language: en
identifier: urn:uuid:0b9a3f8e-5d0c-4c1e-9a61-2f3b7a1c9d10
authors: [A. N. Author]
chapters:
  - title: First
    body: |
      Some "quoted" text -- and *more*.
    qa:
      - q: What is it?
        a: A book.
  - title: Second
    file: second.md
rights: Public domain.
`)
	files := fstest.MapFS{"second.md": {Data: []byte("Prose from a file.\n")}}
	b, err := build.Decode(manifest, "book.yaml", files, build.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.Meta.Title)
	for _, s := range b.Sections() {
		fmt.Printf("%s %q %d exchanges: %q\n", s.ID, s.Title, len(s.Exchanges), build.SectionWords(s))
	}
	// Output:
	// The Book’s Title
	// chapter01 "First" 1 exchanges: ["Some" "“quoted”" "text" "–" "and" "more." "What" "is" "it?" "A" "book."]
	// chapter02 "Second" 0 exchanges: ["Prose" "from" "a" "file."]
}

func ExampleDecode_problems() {
	manifest := []byte(`title: A Book
langauge: en
identifier: urn:uuid:0b9a3f8e-5d0c-4c1e-9a61-2f3b7a1c9d10
authors: [A. N. Author]
chapters:
  - title: First
    qa:
      - q: A question without an answer?
rights: Public domain.
`)
	_, err := build.Decode(manifest, "book.yaml", fstest.MapFS{}, build.Options{})
	fmt.Println(err)
	// Output:
	// book.yaml:1:1: manifest: missing required key "language"
	// book.yaml:2:1: manifest: unknown key "langauge" (did you mean "language"?)
	// book.yaml:8:9: chapter "First": exchange 1 has no answer (a)
}

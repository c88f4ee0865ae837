package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// The fuzz targets run as ordinary tests over their seeds (f.Add and
// testdata/fuzz/NAME/); `make fuzz` runs each for a bounded time:
//
//	go test ./build -run '^$' -fuzz FuzzLoad -fuzztime 3m
//	go test ./build -run '^$' -fuzz FuzzMarkdown -fuzztime 3m

// fuzzFS holds the files a fuzzed manifest may name.
func fuzzFS(extra map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"one.md":          {Data: []byte("# One\n\nA *first* chapter -- with \"quotes\".\n")},
		"chapters/two.md": {Data: []byte("| a | b |\n|---|--:|\n| 1 | 2 |\n")},
		"chapters":        {Mode: os.ModeDir | 0o755},
	}
	for name, text := range extra {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// checkResult checks what every Decode must give: Problems with places, or
// a book with a title and at least one chapter whose words can be counted.
func checkResult(t *testing.T, book *Book, err error) {
	t.Helper()
	if err != nil {
		var ps Problems
		if !errors.As(err, &ps) {
			t.Fatalf("error %T is not Problems: %v", err, err)
		}
		if len(ps) == 0 {
			t.Fatal("an empty Problems")
		}
		for _, p := range ps {
			if p.Pos.File == "" {
				t.Fatalf("problem without a file: %q", p.Msg)
			}
			if p.Pos.Line < 1 {
				t.Fatalf("problem without a line: %v", p)
			}
			if p.Msg == "" || !utf8.ValidString(p.Msg) {
				t.Fatalf("bad message: %q", p.Msg)
			}
		}
		if book != nil {
			t.Fatal("both a book and problems")
		}
		return
	}
	if book == nil {
		t.Fatal("no book and no error")
	}
	if strings.TrimSpace(book.Meta.Title) == "" {
		t.Fatal("a book without a title")
	}
	if len(book.Chapters) == 0 {
		t.Fatal("a book without chapters")
	}
	ids := map[string]bool{}
	for _, s := range book.Sections() {
		if ids[s.ID] {
			t.Fatalf("section id %q twice", s.ID)
		}
		ids[s.ID] = true
		SectionWords(s)
		checkBlocks(t, s.Blocks)
		for _, ex := range s.Exchanges {
			checkBlocks(t, ex.Question)
			checkBlocks(t, ex.Answer)
		}
	}
	checkBlocks(t, book.Rights)
}

// checkBlocks checks the invariants of the model's text: known block and
// inline types only, valid UTF-8 without control characters, safe links,
// tables with a cell per column.
func checkBlocks(t *testing.T, blocks []Block) {
	t.Helper()
	for _, b := range blocks {
		switch b := b.(type) {
		case *Paragraph:
			checkInlines(t, b.Inlines)
		case *Heading:
			if b.Level < 1 || b.Level > 6 {
				t.Fatalf("heading level %d", b.Level)
			}
			checkInlines(t, b.Inlines)
		case *BlockQuote:
			checkBlocks(t, b.Blocks)
		case *List:
			for _, it := range b.Items {
				checkBlocks(t, it)
			}
		case *Table:
			for _, c := range b.Header {
				checkInlines(t, c)
			}
			for _, r := range b.Rows {
				if len(r) != len(b.Align) {
					t.Fatalf("a row of %d cells in a table of %d columns", len(r), len(b.Align))
				}
				for _, c := range r {
					checkInlines(t, c)
				}
			}
		case *SceneBreak:
		default:
			t.Fatalf("unknown block %T", b)
		}
	}
}

func checkInlines(t *testing.T, ins []Inline) {
	t.Helper()
	text := func(s string) {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in the model: %q", s)
		}
		if r := badRune(s); r >= 0 && r != '\n' {
			t.Fatalf("control character %U in the model: %q", r, s)
		}
	}
	for _, in := range ins {
		switch in := in.(type) {
		case *Text:
			text(in.Text)
		case *Code:
			text(in.Text)
		case *Editorial:
			text(in.Text)
		case *Emph:
			checkInlines(t, in.Inlines)
		case *Strong:
			checkInlines(t, in.Inlines)
		case *Link:
			if !isWebURL(in.URL) && !strings.HasPrefix(in.URL, "mailto:") {
				t.Fatalf("unsafe link %q in the model", in.URL)
			}
			checkInlines(t, in.Inlines)
		case *LineBreak:
		default:
			t.Fatalf("unknown inline %T", in)
		}
	}
}

// lowerLimits lowers the limits on expansion while fuzzing: a small alias
// bomb reaches them, and instrumented code takes seconds to get there, long
// enough to count as a hang while an input is minimized.
func lowerLimits(f *testing.F) {
	mt, mn := maxText, maxNodes
	maxText, maxNodes = 256<<10, 20_000
	f.Cleanup(func() { maxText, maxNodes = mt, mn })
}

// addBadCases adds the manifests of ../testdata/bad as seeds.
func addBadCases(f *testing.F) {
	names, _ := filepath.Glob("../testdata/bad/*.yaml")
	more, _ := filepath.Glob("../testdata/bad/*/book.yaml")
	for _, name := range append(names, more...) {
		if data, err := os.ReadFile(name); err == nil && len(data) < 8<<10 {
			f.Add(data)
		}
	}
}

func FuzzLoad(f *testing.F) {
	lowerLimits(f)
	f.Add([]byte(goodManifest))
	f.Add([]byte(strings.Replace(goodManifest, "file: one.md", "file: chapters/two.md", 1)))
	f.Add([]byte(`title: T
language: en-GB
identifier: urn:isbn:9780000000000
date: 1945-06-01
modified: 2026-11-26T12:00:00Z
authors: [{name: A, file_as: "A, B"}]
contributors: [{name: G.G., role: translator}]
source: {title: "*X*", url: "https://example.org"}
labels: {question: "Q:", answer: "A:"}
front: [{title: Intro, body: "Some *text*."}]
chapters:
  - title: One
    id: one
    body: |
      Text [[lost]] -- "quoted".

      ---
    qa:
      - q: Why?
        a: |
          > quoted
          1. a
          2. b
back: [{title: Notes, file: one.md}]
rights: Public domain.
emendations: [{original: a, corrected: b, note: c}]
print: {trim: 5.5in x 8.5in, bleed: 3mm, crop_marks: true, font_size: 11pt}
epub: {embed_fonts: true}
`))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("title: &t x\nchapters: [*t, *t]\n"))
	f.Add([]byte("\ufeff\r\ntitle: x\r"))
	addBadCases(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		book, err := Decode(data, "book.yaml", fuzzFS(nil), Options{})
		checkResult(t, book, err)
		if err != nil {
			for _, p := range err.(Problems) {
				if p.Pos.File != "book.yaml" && p.Pos.File != "one.md" && p.Pos.File != "chapters/two.md" {
					t.Fatalf("problem in an unknown file: %v", p)
				}
			}
		}
	})
}

// FuzzMarkdown decodes fuzzed Markdown both as a file beside the manifest
// and as a YAML block scalar in it.
func FuzzMarkdown(f *testing.F) {
	lowerLimits(f)
	for _, s := range []string{
		"A *first* chapter -- with \"quotes\"...",
		"# Heading\n\n> quote\n> more\n\n- a\n- b\n\n1. one\n2. two\n\n---\n\n[[lost]]",
		"| a | b |\n|:--|--:|\n| 1 | 2 |\n| 3 |\n",
		"[link](https://example.org) <https://example.org> <a@b.org> [bad](javascript:x)",
		"<b>html</b>\n\n<div>\nblock\n</div>",
		"`code` and\n\n    indented\n\n```\nfenced\n```",
		"line  \nbreak\\\nhere",
		"&amp; &nbsp; &#0; &#x1F600; \\<script>",
		"![image](x.png)",
		"*a **b *c* d** e*",
		"\ufeffBOM\r\nCRLF\r\n",
		"\x00\x01\x7f\u0085",
		"[[\n]] [[[a]]] [[ ]]",
		"\"'\"'--...---'\"",
		"- [[a]]\n  - *b*\n    > c\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		book, err := Decode([]byte(goodManifest), "book.yaml", fuzzFS(map[string]string{"one.md": md}), Options{})
		checkResult(t, book, err)

		// The block scalar: each line indented by six spaces (the indicator
		// fixes the indentation, so leading spaces stay part of the text).
		lines := strings.Split(md, "\n")
		var body strings.Builder
		for _, l := range lines {
			body.WriteString("      " + l + "\n")
		}
		m := strings.Replace(goodManifest, "file: one.md\n", "body: |2\n"+body.String(), 1)
		book, err = Decode([]byte(m), "book.yaml", fstest.MapFS{}, Options{})
		checkResult(t, book, err)
	})
}

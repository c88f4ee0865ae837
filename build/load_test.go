package build

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// badCase is one case of ../testdata/bad: NAME.yaml, or NAME/book.yaml when
// the case needs companion files, with the messages it must give in
// NAME.want (empty when the manifest is sound). See testdata/bad/README.md.
type badCase struct {
	name string
	path string // relative to the repository root, as main's tests pass it
	want string
}

func badCases(t *testing.T, root string) []badCase {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(root, "testdata/bad"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []badCase
	for _, e := range ents {
		c := badCase{}
		switch {
		case e.IsDir():
			c.name, c.path = e.Name(), "testdata/bad/"+e.Name()+"/book.yaml"
		case strings.HasSuffix(e.Name(), ".yaml"):
			c.name, c.path = strings.TrimSuffix(e.Name(), ".yaml"), "testdata/bad/"+e.Name()
		default:
			continue
		}
		want, err := os.ReadFile(filepath.Join(root, "testdata/bad", c.name+".want"))
		if err != nil {
			t.Fatalf("case %s has no .want file: %v", c.name, err)
		}
		c.want = string(want)
		cases = append(cases, c)
	}
	if len(cases) < 40 {
		t.Fatalf("only %d cases in testdata/bad", len(cases))
	}
	return cases
}

// TestBadManifests loads every case of testdata/bad and compares the
// problems with the .want file. Cases named font-* are sound for the loader;
// the print layout finds what the fonts cannot print, and main's tests check
// those messages.
func TestBadManifests(t *testing.T) {
	for _, c := range badCases(t, "..") {
		t.Run(c.name, func(t *testing.T) {
			book, err := Load(filepath.Join("..", c.path), Options{})
			got := ""
			if err != nil {
				var ps Problems
				if !errors.As(err, &ps) {
					t.Fatalf("error is %T, not Problems: %v", err, err)
				}
				for _, p := range ps {
					if p.Pos.File == "" || p.Pos.Line < 1 {
						t.Errorf("problem without a place: %v", p)
					}
				}
				got = strings.ReplaceAll(err.Error(), "../testdata/", "testdata/") + "\n"
			}
			switch {
			case strings.HasPrefix(c.name, "font-"):
				if err != nil {
					t.Fatalf("the loader refuses a case meant for the typesetter:\n%s", got)
				}
				if c.want == "" {
					t.Fatal("a font- case with an empty .want")
				}
			case got != c.want:
				t.Errorf("problems differ\n got: %s\nwant: %s", got, c.want)
			case err == nil && (book == nil || len(book.Chapters) == 0):
				t.Errorf("a sound manifest gave no chapters")
			}
		})
	}
}

const goodManifest = `title: A Small Book
language: en
identifier: urn:uuid:00000000-0000-4000-8000-000000000001
date: 1945-06
authors:
  - A. Writer
chapters:
  - title: One
    file: one.md
rights: |
  Public domain.
`

// load decodes a manifest with the given companion files.
func load(t *testing.T, manifest string, files map[string]string) (*Book, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return Decode([]byte(manifest), "book.yaml", fsys, Options{})
}

func wantProblems(t *testing.T, err error, want ...string) {
	t.Helper()
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("got %v, want Problems", err)
	}
	got := strings.Split(ps.Error(), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLimits builds inputs just over each size limit in memory, rather
// than committing megabytes.
func TestLimits(t *testing.T) {
	t.Run("manifest", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "book.yaml")
		big := goodManifest + "description: " + strings.Repeat("word ", MaxManifestSize/5) + "\n"
		if err := os.WriteFile(path, []byte(big), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(path, Options{})
		wantProblems(t, err, path+": manifest is larger than 8 MiB; no book is that large")
	})
	t.Run("file", func(t *testing.T) {
		body := strings.Repeat("A line of the chapter.\n", MaxFileSize/23+1)
		_, err := load(t, goodManifest, map[string]string{"one.md": body})
		wantProblems(t, err, `book.yaml:9:11: chapter "One" file "one.md" is larger than 8 MiB`)
	})
	t.Run("file-just-under", func(t *testing.T) {
		if testing.Short() {
			t.Skip("parses 8 MiB")
		}
		body := strings.Repeat("A line of the chapter.\n", MaxFileSize/23)
		if _, err := load(t, goodManifest, map[string]string{"one.md": body}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("text", func(t *testing.T) {
		if testing.Short() {
			t.Skip("parses 28 MiB")
		}
		// Five chapters naming the same 7 MiB file: each file is within its
		// limit, the whole is not.
		m := strings.Replace(goodManifest, "chapters:\n", "chapters:\n"+strings.Repeat("  - {title: Again, file: one.md}\n", 4), 1)
		body := strings.Repeat("A line of the chapter.\n", (7<<20)/23)
		_, err := load(t, m, map[string]string{"one.md": body})
		wantProblems(t, err, `book.yaml:13:11: the book's text comes to more than 32 MiB (aliases and files counted each time they are used); no book is that large`)
	})
	t.Run("bad-characters", func(t *testing.T) {
		body := "Text.\n" + strings.Repeat("\x01", 25) + "\n"
		_, err := load(t, goodManifest, map[string]string{"one.md": body})
		var want []string
		for col := 1; col <= 10; col++ {
			want = append(want, "one.md:2:"+strconv.Itoa(col)+": control character U+0001 is not allowed in text")
		}
		want = append(want, "one.md:2:11: 15 more bad characters in the file from here on (the first 10 are listed above)")
		wantProblems(t, err, want...)
	})
}

// TestUnreadable checks a file that exists but cannot be read. Root reads
// every file whatever its mode, so the test cannot run as root.
func TestUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which can read a file of mode 000")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(goodManifest), 0o644); err != nil {
		t.Fatal(err)
	}
	md := filepath.Join(dir, "one.md")
	if err := os.WriteFile(md, []byte("Text.\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err := Load(filepath.Join(dir, "book.yaml"), Options{})
	wantProblems(t, err, filepath.Join(dir, "book.yaml")+`:9:11: chapter "One" file "one.md": permission denied`)
}

// TestBOMAndCRLF checks that a byte-order mark and CRLF line ends give the
// same book as the plain file, and the same places in messages.
func TestBOMAndCRLF(t *testing.T) {
	md := "One *line*.\n\nAnother -- with \"quotes\".\n"
	plain, err := load(t, goodManifest, map[string]string{"one.md": md})
	if err != nil {
		t.Fatal(err)
	}
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	for name, in := range map[string][2]string{
		"bom":      {"\ufeff" + goodManifest, "\ufeff" + md},
		"crlf":     {crlf(goodManifest), crlf(md)},
		"bom+crlf": {"\ufeff" + crlf(goodManifest), "\ufeff" + crlf(md)},
	} {
		b, err := load(t, in[0], map[string]string{"one.md": in[1]})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if b.Meta.Title != plain.Meta.Title || InlineText(b.Chapters[0].Blocks[1].(*Paragraph).Inlines) != InlineText(plain.Chapters[0].Blocks[1].(*Paragraph).Inlines) {
			t.Errorf("%s: the book differs from the plain one", name)
		}
		if strings.Join(SectionWords(b.Chapters[0]), " ") != strings.Join(SectionWords(plain.Chapters[0]), " ") {
			t.Errorf("%s: words differ", name)
		}
		if got, want := b.Chapters[0].Blocks[1].(*Paragraph).Pos, plain.Chapters[0].Blocks[1].(*Paragraph).Pos; got != want {
			t.Errorf("%s: paragraph at %v, want %v", name, got, want)
		}
		// A problem after the BOM or a CRLF is at the same place.
		bad := strings.Replace(in[0], "Public domain.", "Public <b>domain</b>.", 1)
		_, err = load(t, bad, map[string]string{"one.md": in[1]})
		wantProblems(t, err,
			`book.yaml:11:10: rights: raw HTML "<b>" is not allowed in Markdown; write the text in Markdown (escape a literal < as \<)`,
			`book.yaml:11:19: rights: raw HTML "</b>" is not allowed in Markdown; write the text in Markdown (escape a literal < as \<)`)
	}
}

// TestMarkdownPositions checks the places given for problems inside
// Markdown in each way YAML can hold it.
func TestMarkdownPositions(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"body: A <b>x</b>", "book.yaml:9:13"},
		{`body: "A <b>x</b>"`, "book.yaml:9:14"},
		{`body: 'A <b>x</b>'`, "book.yaml:9:14"},
		{"body: |\n      First.\n\n        - a <b>x</b>", "book.yaml:12:13"},
		{"body: |2\n        A <b>x</b>", "book.yaml:10:11"},
		{"body: |-\n      A <b>x</b>", "book.yaml:10:9"},
	} {
		m := strings.Replace(goodManifest, "file: one.md", c.body, 1)
		_, err := load(t, m, nil)
		var ps Problems
		if !errors.As(err, &ps) || len(ps) == 0 {
			t.Errorf("%q: got %v", c.body, err)
			continue
		}
		if got := ps[0].Pos.String(); got != c.want {
			t.Errorf("%q: problem at %s, want %s (%v)", c.body, got, c.want, ps[0])
		}
	}
}

// TestEpoch checks that SOURCE_DATE_EPOCH sets the revision date and
// nothing else.
func TestEpoch(t *testing.T) {
	md := map[string]string{"one.md": "Text.\n"}
	a, err := load(t, goodManifest, md)
	if err != nil {
		t.Fatal(err)
	}
	epoch := time.Unix(1e9, 0)
	b, err := Decode([]byte(goodManifest), "book.yaml", fstest.MapFS{"one.md": {Data: []byte("Text.\n")}}, Options{Epoch: &epoch})
	if err != nil {
		t.Fatal(err)
	}
	if !b.Meta.Modified.Equal(epoch) || a.Meta.Modified.Equal(epoch) {
		t.Errorf("modified: %v and %v", a.Meta.Modified, b.Meta.Modified)
	}
	b.Meta.Modified = a.Meta.Modified
	if a.Meta.Title != b.Meta.Title || a.Meta.Date != b.Meta.Date || !bytes.Equal([]byte(InlineText(a.Chapters[0].Blocks[0].(*Paragraph).Inlines)), []byte(InlineText(b.Chapters[0].Blocks[0].(*Paragraph).Inlines))) {
		t.Error("the epoch changed more than the date")
	}
}

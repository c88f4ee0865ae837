package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"octavo/build"
	"octavo/fonts"
	"octavo/internal/testtool"
)

// The test book is built in Go so that the tests depend on nothing but the
// model. Its text is generated: many paragraphs of varied words, long ones
// among them so that the line breaker hyphenates, and every construct the
// model has.

var vocabulary = strings.Fields(`the workers of a factory council met every evening to discuss
production and distribution questions; comrades argued about bureaucratic
establishment, revolutionary consciousness, internationalism, administration,
collectivisation and the responsibilities of representatives — “without
hesitation” said the secretary, while others’ objections were recorded in
notebooks café résumé naïve déjà–vu 1945 tractors, schools, hospitals and
railways unquestionably transformed circumstances extraordinarily`)

// prose returns n words of text starting at seed.
func prose(seed, n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = vocabulary[(seed*7+i*13+i*i)%len(vocabulary)]
	}
	return strings.Join(words, " ")
}

func para(line int, ins ...build.Inline) *build.Paragraph {
	return &build.Paragraph{Inlines: ins, Pos: build.Pos{File: "book.yaml", Line: line, Col: 5}}
}

func text(s string) *build.Text { return &build.Text{Text: s} }

func testBook() *build.Book {
	b := &build.Book{
		Meta: build.Meta{
			Title:      "A Test of the Print Edition",
			Subtitle:   "With Questions and Answers",
			Language:   "en",
			Identifier: "urn:uuid:00000000-0000-4000-8000-000000000001",
			Date:       "1945-06",
			Modified:   time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC),
			Output:     "test",
			Authors:    []build.Person{{Name: "A Soviet Citizen"}},
			Contributors: []build.Contributor{
				{Person: build.Person{Name: "G.G."}, Role: build.Translator},
				{Person: build.Person{Name: "Ted Crawford"}, Role: build.Transcriber},
			},
			Publisher:   "Test Press",
			Source:      &build.Source{Title: []build.Inline{&build.Emph{Inlines: []build.Inline{text("Fourth International")}}, text(", June 1945")}, URL: "https://example.org/source.htm"},
			Description: "A book made for the tests.",
			Subjects:    []string{"Testing", "Typography"},
		},
		Labels: build.Labels{Question: "Q.", Answer: "A."},
		Rights: []build.Block{para(900, text("This work is in the public domain. Transcribed for the tests."))},
		Print:  build.Print{Width: 432, Height: 648, FontSize: 10.5},
	}
	intro := &build.Section{ID: "intro", Kind: build.FrontMatter, Role: "introduction", Title: "Introduction", Pos: build.Pos{File: "book.yaml", Line: 10, Col: 3}}
	intro.Blocks = []build.Block{
		para(11, text("The “first” paragraph — with dashes – and an é, a café résumé. "+prose(1, 60))),
		&build.BlockQuote{Pos: build.Pos{File: "book.yaml", Line: 12}, Blocks: []build.Block{para(13, text(prose(2, 50)))}},
		para(14, text(prose(3, 80))),
	}
	b.Front = []*build.Section{intro}
	for c := 0; c < 3; c++ {
		line := 100 * (c + 1)
		s := &build.Section{ID: fmt.Sprintf("ch%02d", c+1), Kind: build.Chapter, Title: fmt.Sprintf("Chapter Title Number %d", c+1), Pos: build.Pos{File: "book.yaml", Line: line, Col: 3}}
		s.Blocks = []build.Block{
			para(line+1, text(prose(c*10, 90)+" "), &build.Emph{Inlines: []build.Inline{text("Don")}}, text("’t stop "+prose(c*10+1, 40))),
			para(line+2, text(prose(c*10+2, 120)), &build.LineBreak{}, text(prose(c*10+3, 20))),
		}
		if c == 1 {
			s.Blocks = append(s.Blocks,
				&build.Heading{Level: 2, Inlines: []build.Inline{text("A Heading Inside")}, Pos: build.Pos{File: "book.yaml", Line: line + 3}},
				para(line+4, text(prose(40, 70))),
				&build.Table{Pos: build.Pos{File: "book.yaml", Line: line + 5},
					Align:  []build.Align{build.AlignLeft, build.AlignRight},
					Header: [][]build.Inline{{text("Profession")}, {text("Average wage")}},
					Rows: [][][]build.Inline{
						{{&build.Editorial{Text: "label lost"}}, {text("200 to 300 rubles")}},
						{{text("Household Servants")}, {text("120 to 150 rubles")}},
						{{text("Professors of Medicine")}, {text("3,000 rubles and more")}},
					}},
				para(line+6, text(prose(41, 50))),
				&build.SceneBreak{Pos: build.Pos{File: "book.yaml", Line: line + 7}},
				&build.List{Ordered: true, Start: 1, Pos: build.Pos{File: "book.yaml", Line: line + 8}, Items: [][]build.Block{
					{para(line+8, text(prose(42, 25)))}, {para(line+9, text("see "), &build.Link{URL: "https://example.org/", Inlines: []build.Inline{text("the source")}})},
				}},
			)
		}
		for q := 0; q < 6; q++ {
			s.Exchanges = append(s.Exchanges, build.Exchange{
				Pos:      build.Pos{File: "book.yaml", Line: line + 20 + q*3},
				Question: []build.Block{para(line+20+q*3, text(prose(c*100+q, 15+q*9)+"?"))},
				Answer: []build.Block{
					para(line+21+q*3, text(prose(c*100+q+50, 40+q*25))),
					para(line+22+q*3, &build.Strong{Inlines: []build.Inline{text("b)")}}, text(" "+prose(c*100+q+60, 30+q*7))),
				},
			})
		}
		b.Chapters = append(b.Chapters, s)
	}
	b.Back = []*build.Section{{ID: "transcriber-note", Kind: build.BackMatter, Role: "transcriber-note", Title: "Transcriber’s Note", Pos: build.Pos{File: "book.yaml", Line: 800},
		Blocks: []build.Block{para(801, text("The following corrections have been made: “Betweenthe” reads “Between the”."))}}}
	return b
}

func typeset(t *testing.T, b *build.Book) *Doc {
	t.Helper()
	d, err := Typeset(b)
	if err != nil {
		t.Fatalf("Typeset: %v", err)
	}
	return d
}

func write(t *testing.T, d *Doc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// writeFile writes the test book's PDF to a temporary file, once per test.
func writeFile(t *testing.T, b *build.Book) (string, *Doc) {
	t.Helper()
	d := typeset(t, b)
	path := filepath.Join(t.TempDir(), "book.pdf")
	if err := os.WriteFile(path, write(t, d), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, d
}

// tool runs a validator, skipping the test when it is not installed.
func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	testtool.Need(t, name)
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestSameBytes(t *testing.T) {
	a := write(t, typeset(t, testBook()))
	d := typeset(t, testBook())
	// Write may run concurrently with other work, and more than once.
	outs := make([][]byte, 4)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := d.Write(&buf); err != nil {
				t.Error(err)
			}
			outs[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i, o := range outs {
		if !bytes.Equal(a, o) {
			t.Fatalf("build %d differs from the first (%d vs %d bytes)", i, len(o), len(a))
		}
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if !bytes.Contains(a, []byte("D:20010203040506")) {
		t.Error("the output lacks the edition's date")
	}
	if now := time.Now().UTC(); now.Year() != 2001 && bytes.Contains(a, []byte("D:"+now.Format("2006"))) {
		t.Error("the output holds this year's date: the clock was read")
	}
}

func TestQPDFCheck(t *testing.T) {
	path, _ := writeFile(t, testBook())
	out := tool(t, "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

func TestFontsEmbedded(t *testing.T) {
	path, _ := writeFile(t, testBook())
	out := tool(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("no fonts listed:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type… encoding emb sub uni object ID
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	if n := len(lines) - 2; n != 4 {
		t.Errorf("%d fonts, want the 4 faces (regular, italic, bold, bold italic):\n%s", n, out)
	}
}

func TestPageSizeAndTrimBox(t *testing.T) {
	cases := []struct {
		name         string
		print        build.Print
		media, trimX float64
	}{
		{"no bleed", build.Print{Width: 432, Height: 648}, 0, 0},
		{"bleed", build.Print{Width: 396, Height: 612, Bleed: 9}, 9, 9},
		{"crop marks", build.Print{Width: 432, Height: 648, Bleed: 9, CropMarks: true}, 9 + markGap + markLen + 3, 9 + markGap + markLen + 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := testBook()
			b.Print = c.print
			path, d := writeFile(t, b)
			out := tool(t, "pdfinfo", "-box", path)
			wantSize := fmt.Sprintf("Page size:       %g x %g pts", c.print.Width+2*c.media, c.print.Height+2*c.media)
			if !strings.Contains(out, wantSize) {
				t.Errorf("want %q in:\n%s", wantSize, out)
			}
			wantTrim := fmt.Sprintf("TrimBox: %.2f %.2f %.2f %.2f", c.trimX, c.trimX, c.trimX+c.print.Width, c.trimX+c.print.Height)
			got := regexp.MustCompile(`TrimBox:.*`).FindString(out)
			if got = strings.Join(strings.Fields(got), " "); got != wantTrim {
				t.Errorf("got %q, want %q", got, wantTrim)
			}
			if !strings.Contains(out, fmt.Sprintf("Pages:           %d\n", d.Pages())) {
				t.Errorf("pdfinfo disagrees with Pages() = %d:\n%s", d.Pages(), out)
			}
		})
	}
}

// pdfText returns pdftotext's text of pages first to last (0: to the end).
func pdfText(t *testing.T, path string, first, last int) string {
	args := []string{"-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", fmt.Sprint(first), "-l", fmt.Sprint(last))
	}
	return tool(t, "pdftotext", append(args, path, "-")...)
}

// tokens splits pdftotext output into words, joining a word broken at the
// end of a line (after a hyphen or a dash) with its second part. For a
// hyphen, both the word without it and with it are offered, for words
// that have a hyphen of their own.
func tokens(txt string) [][]string {
	var out [][]string
	lines := strings.Split(txt, "\n")
	carry := ""
	for _, l := range lines {
		f := strings.Fields(l)
		for i, w := range f {
			if carry != "" {
				alts := []string{carry + w}
				if strings.HasSuffix(carry, "-") {
					alts = append(alts, carry[:len(carry)-1]+w)
				}
				out = append(out, alts)
				carry = ""
				continue
			}
			if i == len(f)-1 && len([]rune(w)) > 1 && strings.ContainsRune("-–—", []rune(w)[len([]rune(w))-1]) {
				carry = w
				continue
			}
			out = append(out, []string{w})
		}
	}
	if carry != "" {
		out = append(out, []string{carry})
	}
	return out
}

func TestTextInOrder(t *testing.T) {
	b := testBook()
	path, _ := writeFile(t, b)
	txt := pdfText(t, path, 0, 0)
	for _, s := range []string{"“first”", "—", "–", "é", "café résumé", "’t", "[label lost]", "Transcriber’s Note"} {
		if !strings.Contains(txt, s) {
			t.Errorf("pdftotext lacks %q", s)
		}
	}
	checkWordsInOrder(t, b, txt)
}

// checkWordsInOrder checks that pdftotext's text holds every word of every
// section in order.
func checkWordsInOrder(t *testing.T, b *build.Book, txt string) {
	toks := tokens(txt)
	// Every word of every section, in order; in between may stand only
	// running heads, folios, titles, labels, list markers and the like.
	const maxSkip = 25
	k := 0
	for _, s := range b.Sections() {
		words := build.SectionWords(s)
		for wi, w := range words {
			found := false
			limit := k + maxSkip
			if wi == 0 {
				limit = len(toks) // after the front matter, the contents
			}
			for j := k; j < len(toks) && j <= limit; j++ {
				found = true
				// A section's first word is found where its first words
				// stand together, not where a title page has it.
				for n := 0; found && (n == 0 || wi == 0 && n < 4 && n < len(words) && j+n < len(toks)); n++ {
					found = slices.Contains(toks[j+n], words[wi+n])
				}
				if found {
					k = j + 1
					break
				}
			}
			if !found {
				near := toks[k:min(k+8, len(toks))]
				t.Fatalf("section %s word %d %q not found in order; the PDF has %v", s.ID, wi, w, near)
			}
		}
	}
}

func TestOutlineAndContents(t *testing.T) {
	b := testBook()
	path, d := writeFile(t, b)
	checkOutlineAndContents(t, b, path, d)
}

func checkOutlineAndContents(t *testing.T, b *build.Book, path string, d *Doc) {
	out := tool(t, "mutool", "show", path, "outline")
	var titles []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		// e.g. `|	"Chapter Title Number 1"	#page=13&view=XYZ,0,590`
		m := regexp.MustCompile(`"(.*)"`).FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("odd outline line %q", l)
		}
		titles = append(titles, m[1])
	}
	want := []string{contentsTitle}
	for _, s := range b.Sections() {
		want = append(want, s.Title)
	}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("outline %q, want %q", titles, want)
	}
	// The contents page lists every section with the folio of its opening page.
	pm := d.PageMap()
	contents := tool(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", "5", "-l", "5", path, "-")
	for _, s := range b.Sections() {
		folio := ""
		for _, p := range pm {
			if p.Section == s.ID {
				folio = p.Folio
				break
			}
		}
		re := regexp.MustCompile(regexp.QuoteMeta(s.Title) + ` +[ .]* ` + regexp.QuoteMeta(folio) + `\n`)
		if folio == "" || !re.MatchString(contents) {
			t.Errorf("contents lacks %q … %s:\n%s", s.Title, folio, contents)
		}
	}
}

func TestPageMap(t *testing.T) {
	b := testBook()
	path, d := writeFile(t, b)
	if n := checkPageMap(t, b, path, d); n < 8 {
		t.Errorf("only %d pages with text checked", n)
	}
}

// checkPageMap checks the page map against the PDF and returns the number
// of pages whose first word it compared.
func checkPageMap(t *testing.T, b *build.Book, path string, d *Doc) int {
	pm := d.PageMap()
	if len(pm) != d.Pages() {
		t.Fatalf("page map has %d pages, the PDF %d", len(pm), d.Pages())
	}
	for i, want := range []build.PageBreak{
		{Folio: "i", Section: build.PageTitle, Word: -1},
		{Folio: "ii", Section: build.PageTitle, Word: -1},
		{Folio: "iii", Section: build.PageTitle, Word: -1},
		{Folio: "iv", Section: build.PageCopyright, Word: -1},
		{Folio: "v", Section: build.PageContents, Word: 0},
	} {
		if pm[i] != want {
			t.Errorf("page %d: %+v, want %+v", i+1, pm[i], want)
		}
	}
	// The contents pages, and the blank that may follow them, come next;
	// each page's first entry follows the last page's.
	i := 5
	for ; i < len(pm) && pm[i].Section == build.PageContents; i++ {
		if p := pm[i]; p.Word >= 0 && p.Word <= pm[i-1].Word || p.Word >= len(b.Sections()) {
			t.Errorf("contents page %d (%s): first entry %d after %d", i+1, p.Folio, p.Word, pm[i-1].Word)
		}
	}
	if i == len(pm) || pm[i].Section != b.Sections()[0].ID {
		t.Errorf("page %d: the first section does not follow the contents", i+1)
	}
	words := map[string][]string{}
	titles := map[string]bool{}
	for _, s := range b.Sections() {
		words[s.ID] = build.SectionWords(s)
		for _, w := range strings.Fields(s.Title) {
			titles[w] = true
		}
	}
	arabic1 := -1
	seen := 0
	last := map[string]int{}
	for i, p := range pm {
		if p.Folio == "1" && arabic1 < 0 {
			arabic1 = i
		}
		if p.Word < 0 || strings.HasPrefix(p.Section, "#") {
			continue
		}
		ws := words[p.Section]
		if ws == nil || p.Word >= len(ws) {
			t.Errorf("page %d: %+v points at no word", i+1, p)
			continue
		}
		if p.Word < last[p.Section] {
			t.Errorf("page %d: word %d goes back from %d", i+1, p.Word, last[p.Section])
		}
		last[p.Section] = p.Word
		// The page's first word of text, after the running head (folio
		// and title), a section's title and a label.
		toks := tokens(pdfText(t, path, i+1, i+1))
		j := 0
		skip := func(w string) bool {
			return w == p.Folio || titles[w] || w == b.Labels.Question || w == b.Labels.Answer ||
				strings.Contains(b.Meta.Title, w) || listMarker.MatchString(w)
		}
		for j < len(toks) && skip(toks[j][0]) && toks[j][0] != ws[p.Word] {
			j++
		}
		if j == len(toks) {
			t.Errorf("page %d has no text", i+1)
			continue
		}
		if got := toks[j]; got[0] != ws[p.Word] && got[len(got)-1] != ws[p.Word] {
			t.Errorf("page %d (%s): page map says %s word %d %q, pdftotext starts with %q", i+1, p.Folio, p.Section, p.Word, ws[p.Word], got)
		}
		seen++
	}
	if arabic1 < 0 || arabic1%2 != 0 {
		t.Errorf("page 1 is physical page %d, want a recto", arabic1+1)
	}
	// Blank pages carry no text.
	for i, pg := range d.pages {
		if pg.blank && (len(pg.runs) > 0 || pm[i].Word >= 0) {
			t.Errorf("blank page %d has content", i+1)
		}
	}
	return seen
}

var listMarker = regexp.MustCompile(`^(\d+\.|•)$`)

// The books of the repository, when they are there: the first book and the
// manifest that uses every feature of the format.
func TestRepositoryBooks(t *testing.T) {
	for _, name := range []string{"../../book.yaml", "../../testdata/full/book.yaml"} {
		t.Run(name, func(t *testing.T) {
			if _, err := os.Stat(name); err != nil {
				t.Skipf("%s: %v", name, err)
			}
			b, err := build.Load(name, build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			path, d := writeFile(t, b)
			checkWordsInOrder(t, b, pdfText(t, path, 0, 0))
			checkOutlineAndContents(t, b, path, d)
			if checkPageMap(t, b, path, d) == 0 {
				t.Error("no page with text")
			}
			if r := d.Report(); r.Widows != 0 || r.Orphans != 0 {
				t.Errorf("report: %+v", r)
			}
		})
	}
}

func TestReport(t *testing.T) {
	d := typeset(t, testBook())
	r := d.Report()
	if r.Pages != d.Pages() || r.Lines == 0 || r.Widows != 0 || r.Orphans != 0 {
		t.Errorf("report %+v", r)
	}
	if r.Hyphenated == 0 {
		t.Errorf("no hyphenated lines in a text full of long words: %+v", r)
	}
	if r.MaxRatio < r.MeanRatio {
		t.Errorf("max ratio below the mean: %+v", r)
	}
	if !strings.Contains(r.String(), "widows\t0\n") {
		t.Errorf("String: %q", r.String())
	}
}

// The running word count of the layout follows build.SectionWords.
func TestWordCountMatchesModel(t *testing.T) {
	b := testBook()
	ts := &typesetter{book: b, geo: newGeometry(b.Print), sp: &spanner{}}
	m, err := fonts.NewMetrics()
	if err != nil {
		t.Fatal(err)
	}
	ts.m, ts.sp.m = m, m
	for i, s := range b.Sections() {
		ts.items = nil
		ts.sectionItems(i, s)
		if want := len(build.SectionWords(s)); ts.word != want {
			t.Errorf("section %s: layout counts %d words, the model %d", s.ID, ts.word, want)
		}
	}
}

func TestUnprintable(t *testing.T) {
	b := testBook()
	b.Chapters[1].Blocks = append(b.Chapters[1].Blocks, para(777, text("A Chinese 中 and a bell \u0007 and an emoji 😀.")))
	b.Chapters[2].Title = "Title with 😀"
	b.Chapters[0].Exchanges[1].Answer = append(b.Chapters[0].Exchanges[1].Answer, para(555, &build.Emph{Inlines: []build.Inline{text("ǂ 中")}}))
	_, err := Typeset(b)
	var ps build.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("want build.Problems, got %v", err)
	}
	msgs := err.Error()
	for _, want := range []string{
		"book.yaml:777:5: paragraph: character U+4E2D ‘中’ is not in the font Gentium Book Plus Regular",
		"book.yaml:777:5: paragraph: character U+0007 (unprintable) is not in the font",
		"book.yaml:777:5: paragraph: character U+1F600 ‘😀’ is above U+FFFF",
		"book.yaml:300:3: section title: character U+1F600",
		"book.yaml:555:5: paragraph: character U+4E2D ‘中’ is not in the font Gentium Book Plus Italic",
	} {
		if !strings.Contains(msgs, want) {
			t.Errorf("problems lack %q:\n%s", want, msgs)
		}
	}
	for _, p := range ps {
		if p.Pos.File == "" || p.Pos.Line == 0 {
			t.Errorf("problem without a place: %v", p)
		}
	}
}

func TestMetadataAboveBMP(t *testing.T) {
	b := testBook()
	b.Meta.Title = "Emoji 😀 Book"
	_, err := Typeset(b)
	if err == nil || !strings.Contains(err.Error(), "U+1F600") || !strings.Contains(err.Error(), "book.yaml: title") {
		t.Fatalf("want a problem for the title, got %v", err)
	}
}

func TestLongTableRepeatsHeader(t *testing.T) {
	b := testBook()
	tb := &build.Table{Pos: build.Pos{File: "book.yaml", Line: 600}, Align: []build.Align{build.AlignLeft, build.AlignCenter},
		Header: [][]build.Inline{{text("Heading")}, {text("Value")}}}
	for i := 0; i < 90; i++ {
		tb.Rows = append(tb.Rows, [][]build.Inline{{text(fmt.Sprintf("row%d", i))}, {text(prose(i, 3))}})
	}
	b.Chapters[0].Blocks = append(b.Chapters[0].Blocks, tb)
	path, _ := writeFile(t, b)
	txt := pdfText(t, path, 0, 0)
	if n := strings.Count(txt, "Heading"); n < 3 {
		t.Errorf("header printed %d times for a table of three pages", n)
	}
	k := 0
	for i := 0; i < 90; i++ {
		j := strings.Index(txt[k:], fmt.Sprintf("row%d\n", i))
		if j < 0 {
			j = strings.Index(txt[k:], fmt.Sprintf("row%d ", i))
		}
		if j < 0 {
			t.Fatalf("row %d missing or out of order", i)
		}
		k += j
	}
}

// TestLongContents checks the page map of contents that run over several
// pages: each contents page names the first entry it prints.
func TestLongContents(t *testing.T) {
	b := testBook()
	for i := 0; i < 70; i++ {
		b.Chapters = append(b.Chapters, &build.Section{
			ID: fmt.Sprintf("extra%02d", i), Kind: build.Chapter, Title: fmt.Sprintf("An Extra Chapter Number %d", i+1),
			Pos:    build.Pos{File: "book.yaml", Line: 900 + i},
			Blocks: []build.Block{para(900+i, text(prose(i, 12)))},
		})
	}
	path, d := writeFile(t, b)
	pm := d.PageMap()
	secs := b.Sections()
	var contents []int
	for i, p := range pm {
		if p.Section == build.PageContents && p.Word >= 0 {
			contents = append(contents, i)
		}
	}
	if len(contents) < 2 {
		t.Fatalf("contents on %d pages, want several", len(contents))
	}
	for _, i := range contents {
		// The page's first line is the title of its first entry, unless
		// it is the first contents page, which begins with the heading.
		lines := strings.Fields(strings.SplitN(strings.TrimSpace(areaText(t, path, d, i)), "\n", 2)[0])
		want := strings.Fields(secs[pm[i].Word].Title)
		if pm[i].Word == 0 {
			want = []string{contentsTitle}
		}
		if len(lines) < len(want) || strings.Join(lines[:len(want)], " ") != strings.Join(want, " ") {
			t.Errorf("contents page %d (%s) begins %q, the page map says entry %d %q", i+1, pm[i].Folio, lines, pm[i].Word, want)
		}
	}
	checkPageMap(t, b, path, d)
}

// areaText returns pdftotext's text of page i (from 0) cropped to its text
// area.
func areaText(t *testing.T, path string, d *Doc, i int) string {
	x, y, w, h := d.TextArea(i)
	// Half a point of slack, so that rounding keeps the outermost glyphs.
	crop := []string{"-x", fmt.Sprint(int(x - 0.5)), "-y", fmt.Sprint(int(y - 0.5)), "-W", fmt.Sprint(int(w + 2)), "-H", fmt.Sprint(int(h + 2))}
	return tool(t, "pdftotext", append(append([]string{"-enc", "UTF-8", "-f", fmt.Sprint(i + 1), "-l", fmt.Sprint(i + 1)}, crop...), path, "-")...)
}

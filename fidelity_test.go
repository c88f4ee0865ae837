package main_test

// The fidelity test: the book says what the source says, word for word.
//
// The words of the source text, less the website's navigation and the
// question and answer labels, with the manifest's emendations applied, must
// equal the words of the book in reading order: front matter, chapters, back
// matter, then the rights notice. What the editors add is left out of the
// comparison because it is marked as theirs: editorial text ([…]), section
// titles, the table's header row and the generated Transcriber's Note. The
// boundaries between questions and answers are compared too, as marker
// words, so no sentence can slip from an answer into the next question.

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"octavo/build"
)

const (
	manifestPath = "book.yaml"
	sourcePath   = "source/soviet-citizen-1945.txt"
)

// sourceTitle is the source's title line; it is the book's title, not
// running text.
const sourceTitle = "The Soviet Union Through the Eyes of a Soviet Citizen"

// chrome lists the source's lines that belong to the website or its page
// layout, not to the work: navigation, the page header, and the rule
// between the introduction and the interview (the book's chapter break
// stands in its place).
var chrome = []string{
	"Main FI Index | Main Newspaper Index",
	"Encyclopedia of Trotskyism | Marxists’ Internet Archive",
	"Top of page",
	"Fourth International, June 1945",
	"* * *",
}

// The credit lines stand under the title in the source; the book prints
// them with the rights notice, before the colophon line.
var (
	movedCredits = []string{
		"From Fourth International, vol.6 No.6, June 1945, pp.177-181.",
		"Transcribed, marked up & formatted by Ted Crawford & David Walters in 2008 for ETOL.",
	}
	colophon = "Translated by G.G."
)

// The source's labels for questions and answers. The builders print their
// own labels, so the book's text has none; both sides mark the boundaries
// with these marker words instead.
var (
	questionLabels = []string{"Question: ", "Q. – "}
	answerLabels   = []string{"Answer: ", "A. – "}
)

const (
	qMark = "‹Q›"
	aMark = "‹A›"
)

// editorialHeaders are the table header rows the editors supplied: the
// source's table has none.
var editorialHeaders = [][]string{{"Profession", "Average wage"}}

// word is one word of either text with where it stands.
type word struct {
	text  string
	where string // "line 57" in the source, a section ID in the book
}

func TestFidelity(t *testing.T) {
	src := readSource(t)
	book, err := build.Load(manifestPath, build.Options{})
	if err != nil {
		t.Fatalf("loading %s: %v", manifestPath, err)
	}
	if got := fold(book.Meta.Title); got != fold(sourceTitle) {
		t.Errorf("title: book has %q, source has %q", book.Meta.Title, sourceTitle)
	}
	want, err := sourceWords(src, book.Emendations)
	if err != nil {
		t.Fatal(err)
	}
	got, err := bookWords(book)
	if err != nil {
		t.Fatal(err)
	}
	if err := compare(want, got); err != nil {
		t.Error(err)
	}
	t.Logf("%d words compared; %d emendations applied", len(want), len(book.Emendations))
}

// TestSourceHasNoBrackets: the book marks editorial text with brackets, so
// the source must have none of its own.
func TestSourceHasNoBrackets(t *testing.T) {
	src := readSource(t)
	for i, line := range strings.Split(src, "\n") {
		if j := strings.IndexAny(line, "[]"); j >= 0 {
			t.Errorf("%s:%d:%d: the source has a square bracket; brackets are kept for editorial text", sourcePath, i+1, j+1)
		}
	}
}

// TestFidelityCatchesChanges shows that the comparison fails when the book
// changes a word, loses an emendation or declares one that is ambiguous.
func TestFidelityCatchesChanges(t *testing.T) {
	src := readSource(t)
	load := func() *build.Book {
		b, err := build.Load(manifestPath, build.Options{})
		if err != nil {
			t.Fatalf("loading %s: %v", manifestPath, err)
		}
		return b
	}

	t.Run("changed word", func(t *testing.T) {
		b := load()
		txt := firstText(b.Chapters[0].Exchanges[0].Answer)
		if txt == nil {
			t.Fatal("the first answer has no text")
		}
		txt.Text = strings.Replace(txt.Text, "normal", "usual", 1)
		want, err := sourceWords(src, b.Emendations)
		if err != nil {
			t.Fatal(err)
		}
		got, err := bookWords(b)
		if err != nil {
			t.Fatal(err)
		}
		err = compare(want, got)
		if err == nil || !strings.Contains(err.Error(), `"normal"`) || !strings.Contains(err.Error(), `"usual"`) {
			t.Errorf("changing a word gave %v; want a difference naming both words", err)
		}
	})

	t.Run("lost emendation", func(t *testing.T) {
		b := load()
		if len(b.Emendations) == 0 {
			t.Skip("the book declares no emendations")
		}
		want, err := sourceWords(src, b.Emendations[:len(b.Emendations)-1])
		if err != nil {
			t.Fatal(err)
		}
		got, err := bookWords(b)
		if err != nil {
			t.Fatal(err)
		}
		if compare(want, got) == nil {
			t.Error("dropping an emendation went unnoticed")
		}
	})

	t.Run("ambiguous emendation", func(t *testing.T) {
		_, err := sourceWords(src, []build.Emendation{{Original: "rubles a month", Corrected: "roubles a month"}})
		if err == nil || !strings.Contains(err.Error(), "times") {
			t.Errorf("an original found many times gave %v; want an error", err)
		}
		_, err = sourceWords(src, []build.Emendation{{Original: "not in the source", Corrected: "x"}})
		if err == nil || !strings.Contains(err.Error(), "not found") {
			t.Errorf("an original not found gave %v; want an error", err)
		}
	})

	t.Run("moved boundary", func(t *testing.T) {
		b := load()
		ex := &b.Chapters[0].Exchanges[0]
		// The answer's first paragraph moves into the question: the same
		// words in the same order, but across the boundary.
		ex.Question = append(ex.Question, ex.Answer[0])
		ex.Answer = ex.Answer[1:]
		want, err := sourceWords(src, b.Emendations)
		if err != nil {
			t.Fatal(err)
		}
		got, err := bookWords(b)
		if err != nil {
			t.Fatal(err)
		}
		if compare(want, got) == nil {
			t.Error("moving a paragraph from an answer into its question went unnoticed")
		}
	})
}

func readSource(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(sourcePath)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(data), "\r\n", "\n")
}

// sourceWords returns the words of the source in the book's order, with
// the emendations applied. An emendation whose original does not occur
// exactly once in the source is an error.
func sourceWords(src string, ems []build.Emendation) ([]word, error) {
	text := fold(src)
	for _, em := range ems {
		orig := fold(em.Original)
		if orig == "" {
			return nil, fmt.Errorf("%s: an emendation has an empty original", posText(em.Pos))
		}
		switch n := strings.Count(fold(src), orig); n {
		case 0:
			return nil, fmt.Errorf("%s: emendation original %q not found in the source", posText(em.Pos), em.Original)
		case 1:
		default:
			return nil, fmt.Errorf("%s: emendation original %q occurs %d times in the source; it must occur once", posText(em.Pos), em.Original, n)
		}
		if strings.Count(text, orig) != 1 {
			return nil, fmt.Errorf("%s: emendation original %q overlaps an earlier emendation", posText(em.Pos), em.Original)
		}
		text = strings.Replace(text, orig, fold(em.Corrected), 1)
	}

	var body, credits, tail []word
	seen := map[string]int{}
	part := &body
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		where := fmt.Sprintf("line %d", i+1)
		switch {
		case line == "" || isChrome(line):
			continue
		case line == fold(sourceTitle):
			seen[sourceTitle]++
			continue
		case line == fold(colophon):
			seen[colophon]++
			part = &tail
		}
		moved := false
		for _, c := range movedCredits {
			if line == fold(c) {
				seen[c]++
				credits = append(credits, wordsOf(line, where)...)
				moved = true
			}
		}
		if moved {
			continue
		}
		if rest, ok := cutLabel(line, questionLabels); ok {
			*part = append(*part, word{qMark, where})
			line = rest
		} else if rest, ok := cutLabel(line, answerLabels); ok {
			*part = append(*part, word{aMark, where})
			line = rest
		}
		*part = append(*part, wordsOf(line, where)...)
	}
	for _, l := range append([]string{sourceTitle, colophon}, movedCredits...) {
		if seen[l] != 1 {
			return nil, fmt.Errorf("%s: the line %q occurs %d times; the test expects it once", sourcePath, l, seen[l])
		}
	}
	words := append(body, credits...)
	return append(words, tail...), nil
}

func isChrome(line string) bool {
	for _, c := range chrome {
		if fold(line) == fold(c) {
			return true
		}
	}
	return false
}

func cutLabel(line string, labels []string) (string, bool) {
	for _, l := range labels {
		if rest, ok := strings.CutPrefix(line, fold(l)); ok {
			return rest, true
		}
	}
	return line, false
}

// bookWords returns the words of the book's text in reading order, with
// the editors' additions left out and marker words at the start of every
// question and answer.
func bookWords(b *build.Book) ([]word, error) {
	var words []word
	add := func(where string, blocks []build.Block) error {
		for _, h := range tableHeaders(blocks) {
			if !isEditorialHeader(h) {
				return fmt.Errorf("%s: table header %q is not a declared editorial header; source words belong in the rows", where, h)
			}
		}
		s := &build.Section{Blocks: withoutHeaders(blocks)}
		words = append(words, wordsOf(dropEditorial(build.SectionWords(s)), where)...)
		return nil
	}
	for _, s := range b.Sections() {
		if s.Role == "transcriber-note" {
			continue
		}
		if err := add(s.ID, s.Blocks); err != nil {
			return nil, err
		}
		for i, ex := range s.Exchanges {
			where := fmt.Sprintf("%s exchange %d", s.ID, i+1)
			words = append(words, word{qMark, where + " question"})
			if err := add(where+" question", ex.Question); err != nil {
				return nil, err
			}
			words = append(words, word{aMark, where + " answer"})
			if err := add(where+" answer", ex.Answer); err != nil {
				return nil, err
			}
		}
	}
	if err := add("rights", b.Rights); err != nil {
		return nil, err
	}
	return words, nil
}

// editorialRE matches editorial text as SectionWords prints it. The source
// has no brackets (TestSourceHasNoBrackets), so every bracket is the
// editors'.
var editorialRE = regexp.MustCompile(`\[[^\[\]]*\]`)

func dropEditorial(words []string) string {
	return editorialRE.ReplaceAllString(strings.Join(words, " "), "")
}

// tableHeaders returns the text of every table header row under blocks.
func tableHeaders(blocks []build.Block) [][]string {
	var hs [][]string
	for _, b := range blocks {
		switch b := b.(type) {
		case *build.Table:
			var h []string
			for _, c := range b.Header {
				h = append(h, build.InlineText(c))
			}
			hs = append(hs, h)
		case *build.BlockQuote:
			hs = append(hs, tableHeaders(b.Blocks)...)
		case *build.List:
			for _, item := range b.Items {
				hs = append(hs, tableHeaders(item)...)
			}
		}
	}
	return hs
}

func isEditorialHeader(h []string) bool {
	for _, e := range editorialHeaders {
		if len(e) != len(h) {
			continue
		}
		same := true
		for i := range e {
			same = same && fold(e[i]) == fold(h[i])
		}
		if same {
			return true
		}
	}
	return false
}

// withoutHeaders returns blocks with every table's header row left out; the
// blocks themselves are copied, not changed.
func withoutHeaders(blocks []build.Block) []build.Block {
	out := make([]build.Block, len(blocks))
	for i, b := range blocks {
		switch b := b.(type) {
		case *build.Table:
			c := *b
			c.Header = nil
			out[i] = &c
		case *build.BlockQuote:
			c := *b
			c.Blocks = withoutHeaders(b.Blocks)
			out[i] = &c
		case *build.List:
			c := *b
			c.Items = make([][]build.Block, len(b.Items))
			for j, item := range b.Items {
				c.Items[j] = withoutHeaders(item)
			}
			out[i] = &c
		default:
			out[i] = b
		}
	}
	return out
}

func firstText(blocks []build.Block) *build.Text {
	var found *build.Text
	build.WalkContainers(blocks, func(ins []build.Inline) {
		for _, in := range ins {
			if t, ok := in.(*build.Text); ok && found == nil && strings.TrimSpace(t.Text) != "" {
				found = t
			}
		}
	})
	return found
}

func wordsOf(s, where string) []word {
	var ws []word
	for _, f := range strings.Fields(fold(s)) {
		ws = append(ws, word{f, where})
	}
	return ws
}

// fold undoes what is only typography, so that the source's characters and
// the loader's smart punctuation compare equal: curly and straight quotes
// are one character each, ASCII dashes and dots stand for the characters
// they are typeset as, and a no-break space is a space.
var fold = strings.NewReplacer(
	"---", "—",
	"--", "–",
	"...", "…",
	"‘", "'", "’", "'", "ʼ", "'",
	"“", `"`, "”", `"`,
	"\u00a0", " ", "\u202f", " ", "\u2009", " ",
	"\u00ad", "", // soft hyphen
).Replace

// compare reports the first place where the book's words differ from the
// source's, with context on both sides, or nil when they are equal.
func compare(want, got []word) error {
	n := min(len(want), len(got))
	i := 0
	for i < n && want[i].text == got[i].text {
		i++
	}
	if i == len(want) && i == len(got) {
		return nil
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "the book's text differs from the source at word %d (source has %d words, book %d)\n", i, len(want), len(got))
	fmt.Fprintf(&sb, "  source (%s): %s\n", whereAt(want, i), context(want, i))
	fmt.Fprintf(&sb, "  book   (%s): %s\n", whereAt(got, i), context(got, i))
	sb.WriteString("  " + guess(want, got, i))
	return fmt.Errorf("%s", sb.String())
}

func whereAt(ws []word, i int) string {
	switch {
	case i < len(ws):
		return ws[i].where
	case len(ws) > 0:
		return "after " + ws[len(ws)-1].where
	}
	return "empty"
}

// context shows the words around i with the one at i quoted.
func context(ws []word, i int) string {
	var parts []string
	for j := max(0, i-8); j < min(len(ws), i+9); j++ {
		if j == i {
			parts = append(parts, fmt.Sprintf("»%q«", ws[j].text))
		} else {
			parts = append(parts, ws[j].text)
		}
	}
	if i >= len(ws) {
		parts = append(parts, "»(end)«")
	}
	return strings.Join(parts, " ")
}

// guess names the likely kind of difference at i: words missing from one
// side, or a changed word.
func guess(want, got []word, i int) string {
	const look, run = 40, 5
	matches := func(a, b []word, ai, bi int) bool {
		for k := 0; k < run; k++ {
			if ai+k >= len(a) || bi+k >= len(b) {
				return ai+k >= len(a) && bi+k >= len(b)
			}
			if a[ai+k].text != b[bi+k].text {
				return false
			}
		}
		return true
	}
	for d := 1; d <= look; d++ {
		if i+d <= len(want) && matches(want, got, i+d, i) {
			return fmt.Sprintf("the book lacks %d source word(s): %s", d, joinWords(want[i:i+d]))
		}
		if i+d <= len(got) && matches(want, got, i, i+d) {
			return fmt.Sprintf("the book adds %d word(s): %s", d, joinWords(got[i:i+d]))
		}
	}
	if i < len(want) && i < len(got) {
		return fmt.Sprintf("the source's %q is %q in the book", want[i].text, got[i].text)
	}
	return "one text ends early"
}

func joinWords(ws []word) string {
	var s []string
	for _, w := range ws {
		s = append(s, w.text)
	}
	return strings.Join(s, " ")
}

func posText(p build.Pos) string {
	if p.File == "" {
		return manifestPath
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

package layout

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixed is a fixed-width Measurer: every rune is half an em wide and a
// space a third of an em. It stands for Gentium Book Plus, the book face,
// whose lower-case letters average about half an em and whose word space is
// a little under a third: wide enough to be realistic, simple enough that a
// dump can be checked by hand.
type fixed struct{}

var fx fixed

func (fixed) Width(f Font, size Length, s string) Length {
	var w Length
	for _, r := range s {
		if r == ' ' || r == '\u00a0' {
			w += size / 3
		} else {
			w += size / 2
		}
	}
	return w
}

const size = 10 * Pt // the text size of the tests; an em

// spans turns text into spans: "_" toggles italic, "*" toggles bold.
func spans(text string) []Span {
	var out []Span
	font := Regular
	var sb strings.Builder
	flush := func() {
		if sb.Len() > 0 {
			out = append(out, Span{Text: sb.String(), Font: font, Size: size})
			sb.Reset()
		}
	}
	for _, r := range text {
		switch r {
		case '_':
			flush()
			font ^= Italic
		case '*':
			flush()
			font ^= Bold
		default:
			sb.WriteRune(r)
		}
	}
	flush()
	return out
}

var fontName = [...]string{"R", "I", "B", "BI"}

// dump renders lines for golden files: a header per line, then the line
// drawn on a grid of half-em columns (one letter each) between bars
// marking the measure.
func dump(lines []Line, width Length, p Paragraph) string {
	var sb strings.Builder
	col := func(x Length) int { return int((x + size/4) / (size / 2)) }
	for i, l := range lines {
		flags := ""
		if l.Hyphenated {
			flags += " hyphenated"
		}
		if l.Last {
			flags += " last"
		}
		fmt.Fprintf(&sb, "%2d width=%.2fpt natural=%.2fpt ratio=%+.3f words=%d+%d%s\n",
			i+1, l.Width.Points(), l.Natural.Points(), l.Ratio, l.FirstWord, l.Words, flags)
		var row []rune
		for j, it := range l.Items {
			c := col(it.X)
			if j > 0 && c <= len(row) {
				c = len(row) + 1 // keep a visible gap
			}
			if j > 0 && it.X == l.Items[j-1].X+fx.Width(0, it.Size, l.Items[j-1].Text) {
				c = len(row) // no gap: same word, another font
			}
			for len(row) < c {
				row = append(row, ' ')
			}
			text := it.Text
			if it.Font != Regular {
				text = fontName[it.Font] + "{" + text + "}"
			}
			row = append(row, []rune(text)...)
		}
		end := col(width)
		for len(row) < end {
			row = append(row, ' ')
		}
		fmt.Fprintf(&sb, "   |%s|\n", string(row))
	}
	return sb.String()
}

// readCase reads a golden test input: "key value" lines, "--", the text.
func readCase(t *testing.T, path string) (Paragraph, Length) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, text, ok := strings.Cut(string(data), "\n--\n")
	if !ok {
		t.Fatalf("%s: no -- line", path)
	}
	p := Paragraph{Spans: spans(strings.TrimRight(text, "\n"))}
	width := 30 * size
	sc := bufio.NewScanner(strings.NewReader(head))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), " ")
		num := func() Length {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("%s: %s: %v", path, k, err)
			}
			return Length(f * float64(size))
		}
		switch k {
		case "width":
			width = num()
		case "indent":
			p.Indent = num()
		case "left":
			p.Left = num()
		case "right":
			p.Right = num()
		case "hyphenate":
			p.Hyphenate = v == "true"
		case "align":
			p.Align = map[string]Align{"justify": Justify, "left": Left, "center": Center, "right": Right}[v]
		default:
			t.Fatalf("%s: unknown key %q", path, k)
		}
	}
	return p, width
}

func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.input")
	if err != nil || len(inputs) == 0 {
		t.Fatal("no testdata/*.input", err)
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".input")
		t.Run(name, func(t *testing.T) {
			p, width := readCase(t, in)
			lines, pass := BreakParagraphPass(p, width, fixed{}, DefaultSettings())
			got := fmt.Sprintf("pass %d\n%s", pass, dump(lines, width, p))
			checkLines(t, p, width, lines)
			golden := strings.TrimSuffix(in, ".input") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (run go test -update and review the diff):\n%s", name, golden, got)
			}
		})
	}
}

// checkLines verifies the invariants every set paragraph keeps.
func checkLines(t *testing.T, p Paragraph, width Length, lines []Line) {
	t.Helper()
	m := fixed{}
	var text strings.Builder
	for _, s := range p.Spans {
		text.WriteString(s.Text)
	}
	want := strings.Fields(strings.ReplaceAll(text.String(), "\u00ad", ""))
	var words []string
	next := 0
	for i, l := range lines {
		left := p.Left
		if i == 0 {
			left += p.Indent
		}
		right := width - p.Right
		if l.FirstWord != next {
			t.Errorf("line %d: FirstWord %d, want %d", i+1, l.FirstWord, next)
		}
		next = l.FirstWord + l.Words
		if len(l.Items) == 0 {
			t.Errorf("line %d: no items", i+1)
			continue
		}
		first, last := l.Items[0], l.Items[len(l.Items)-1]
		end := last.X + m.Width(last.Font, last.Size, last.Text)
		if first.X < left {
			t.Errorf("line %d starts at %d, left of %d", i+1, first.X, left)
		}
		if end > right && l.Width >= size { // a letter and a hyphen fit

			t.Errorf("line %d overfull: ends at %d, measure ends at %d: %q", i+1, end, right, lineText(l, m))
		}
		if l.Width != right-left {
			t.Errorf("line %d: Width %d, want %d", i+1, l.Width, right-left)
		}
		if p.Align == Justify && !l.Last && l.Ratio != 0 && end != right {
			t.Errorf("justified line %d ends at %d, not flush at %d", i+1, end, right)
		}
		if l.Hyphenated != strings.HasSuffix(last.Text, "-") && l.Hyphenated {
			t.Errorf("line %d hyphenated without a hyphen", i+1)
		}
		if l.Last != (i == len(lines)-1) {
			t.Errorf("line %d: Last is %v", i+1, l.Last)
		}
		// Rebuild the words: items touching each other are one word; the
		// line's first item continues the previous line's last word when
		// the line begins fewer words than it has gaps.
		var segs []string
		var prevEnd Length
		for j, it := range l.Items {
			if j > 0 && it.X == prevEnd {
				segs[len(segs)-1] += it.Text
			} else {
				segs = append(segs, it.Text)
			}
			prevEnd = it.X + m.Width(it.Font, it.Size, it.Text)
		}
		if l.Hyphenated {
			segs[len(segs)-1] = strings.TrimSuffix(segs[len(segs)-1], "-")
		}
		switch len(segs) - l.Words {
		case 0:
		case 1:
			if len(words) == 0 {
				t.Errorf("line %d continues a word but is the first", i+1)
				break
			}
			words[len(words)-1] += segs[0]
			segs = segs[1:]
		default:
			t.Errorf("line %d: %d pieces but Words %d", i+1, len(segs), l.Words)
		}
		words = append(words, segs...)
	}
	if next != len(want) {
		t.Errorf("lines begin %d words, text has %d", next, len(want))
	}
	if strings.Join(words, " ") != strings.Join(want, " ") {
		t.Errorf("lines hold %q\nwant %q", strings.Join(words, " "), strings.Join(want, " "))
	}
}

func TestHyphenate(t *testing.T) {
	s := DefaultSettings()
	for _, c := range []struct{ word, want string }{
		{"hyphenation", "hy-phen-ation"},
		{"bureaucracy", "bu-reau-cracy"},
		{"collectivization", "col-lec-tiviza-tion"},
		{"Concerning", "Con-cern-ing"},
		{"project", "project"}, // an exception: no points
		{"projects", "projects"},
		{"table", "ta-ble"}, // an exception
		{"associate", "as-so-ciate"},
		{"a", "a"},
		{"", ""},
		{"don’t", "don’t"}, // not all letters
	} {
		if got := Hyphenate(c.word, s.LeftHyphenMin, s.RightHyphenMin); got != c.want {
			t.Errorf("Hyphenate(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

func TestJustifiedFlush(t *testing.T) {
	p := Paragraph{Spans: spans(sample), Hyphenate: true, Indent: 1 * size, Left: size / 2, Right: size / 3}
	for _, em := range []float64{12, 18, 25, 33, 40} {
		width := Length(em * float64(size))
		lines := BreakParagraph(p, width, fixed{}, DefaultSettings())
		if len(lines) < 3 {
			t.Fatalf("width %v em: %d lines", em, len(lines))
		}
		for i, l := range lines[:len(lines)-1] {
			it := l.Items[len(l.Items)-1]
			end := it.X + fx.Width(it.Font, it.Size, it.Text)
			if d := end - (width - p.Right); d < -1 || d > 1 {
				t.Errorf("width %v em, line %d ends %d sp from the right edge", em, i+1, d)
			}
		}
		checkLines(t, p, width, lines)
	}
}

// vocabulary for random paragraphs, with long words, compounds, dashes,
// punctuation and a no-break space.
var vocabulary = strings.Fields(`the of and a to in is was that for it as with be on not he I by
	this had are but from or have an they which one you were her all she there would their we him
	been has when who will more no if out so said what up its about into than them can only other
	bureaucracy collectivization hyphenation incomprehensibilities revolutionary “Soviet” citizens,
	interview. (political) education; well-known self-evident Party—the USSR 1945 p.` + "\u00a0" + `177
	antidisestablishmentarianism electroencephalographically internationale Quatrième`)

func randomParagraph(r *rand.Rand) (Paragraph, Length) {
	n := 1 + r.IntN(80)
	var sb strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			switch r.IntN(40) {
			case 0:
				sb.WriteString("\n")
			case 1:
				sb.WriteString("_ ")
			case 2:
				sb.WriteString(" *")
			default:
				sb.WriteString(" ")
			}
		}
		w := vocabulary[r.IntN(len(vocabulary))]
		if r.IntN(30) == 0 && len(w) > 2 {
			w = w[:2] + "_" + w[2:] // a font change inside a word
		}
		sb.WriteString(w)
	}
	p := Paragraph{
		Spans:     spans(sb.String()),
		Align:     Align(r.IntN(4)),
		Hyphenate: r.IntN(3) > 0,
	}
	if r.IntN(2) == 0 {
		p.Indent = Length(r.IntN(3)) * size / 2
	}
	width := Length(2+r.IntN(45)) * size / 2
	if r.IntN(10) == 0 {
		width = size/2 + size/2*Length(r.IntN(3)) // narrower than most words
	}
	return p, width
}

func TestNeverOverfull(t *testing.T) {
	r := rand.New(rand.NewPCG(1945, 6))
	s := DefaultSettings()
	for i := 0; i < 2000; i++ {
		p, width := randomParagraph(r)
		lines, pass := BreakParagraphPass(p, width, fixed{}, s)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkLines(t, p, width, lines)
			run := 0
			for j, l := range lines {
				if l.Ratio < -1 {
					t.Errorf("line %d shrunk beyond its shrink: ratio %v", j+1, l.Ratio)
				}
				if run = (run + 1) * b2i(l.Hyphenated); run > s.MaxHyphenLines && pass < PassRagged {
					t.Errorf("line %d: %d hyphenated lines in a row", j+1, run)
				}
			}
			last := lines[len(lines)-1]
			if pass < PassRagged && last.Words == 0 {
				t.Errorf("pass %d: the last word is broken", pass)
			}
		})
		if t.Failed() {
			t.Logf("paragraph %d, width %d: %+v", i, width, p)
			break
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

const sample = `The rarest type of information concerning the USSR consists of interviews with Soviet citizens. Such an interview, however, was made possible in France when a 33 year old Soviet physician was freed last year among a group of Russian prisoners, with the aid of comrades of the Fourth International. This interview was published in June-July-August issue of _Quatrième Internationale_ organ of the European Executive Committee of the Fourth International. In publishing this interview, the editors made the following comment about the bureaucratic regime and the absence of political life and consequently the absence of adequate political education.`

func TestHyphenLimits(t *testing.T) {
	s := DefaultSettings()
	// Long words with a few short ones: hyphens in most lines if allowed.
	words := strings.Repeat("an incomprehensibilities of collectivization bureaucratic internationale ", 12) + "internationalization"
	hyphens := 0
	for _, em := range []float64{11, 12, 13, 15, 17, 20, 24} {
		p := Paragraph{Spans: spans(words), Hyphenate: true}
		width := Length(em * float64(size))
		lines, pass := BreakParagraphPass(p, width, fixed{}, s)
		run := 0
		for i, l := range lines {
			if l.Hyphenated {
				run++
				hyphens++
			} else {
				run = 0
			}
			if run > s.MaxHyphenLines && pass < PassRagged {
				t.Errorf("width %v em: line %d is the %dth hyphenated line in a row", em, i+1, run)
			}
		}
		lastLine := lines[len(lines)-1]
		if f := strings.Fields(lineText(lastLine, fx)); f[len(f)-1] != "internationalization" {
			t.Errorf("width %v em: last word broken: last line %q", em, lineText(lastLine, fx))
		}
		checkLines(t, p, width, lines)
	}
	if hyphens < 10 {
		t.Errorf("only %d hyphenated lines", hyphens)
	}
}

func TestNarrowMeasure(t *testing.T) {
	// A measure of 8 em holds 16 letters; the word has 28.
	p := Paragraph{Spans: spans("An antidisestablishmentarianism debate"), Align: Justify}
	width := 8 * size
	lines, pass := BreakParagraphPass(p, width, fixed{}, DefaultSettings())
	if pass != PassRagged {
		t.Errorf("pass %d, want %d (ragged)", pass, PassRagged)
	}
	for _, l := range lines {
		if l.Ratio != 0 {
			t.Errorf("ragged fallback line stretched: %+v", l)
		}
	}
	checkLines(t, p, width, lines)
	// Narrower than a letter and its hyphen: overfull is unavoidable, but
	// every letter still comes out once.
	width = size / 2
	lines, pass = BreakParagraphPass(p, width, fixed{}, DefaultSettings())
	if pass != PassOverfull || len(lines) < 20 {
		t.Errorf("width of one letter: pass %d, %d lines", pass, len(lines))
	}
}

func TestNoBreakSpaceAndNewline(t *testing.T) {
	text := "See p.\u00a0177 and p.\u00a0181 for the full interview with the physician; see also p.\u00a0179.\nA new line."
	for _, em := range []float64{4, 6, 8, 11, 14, 20} {
		p := Paragraph{Spans: spans(text)}
		width := Length(em * float64(size))
		lines := BreakParagraph(p, width, fixed{}, DefaultSettings())
		checkLines(t, p, width, lines)
		for i, l := range lines {
			txt := lineText(l, fx)
			if strings.HasPrefix(txt, "177") || strings.HasPrefix(txt, "181") || strings.HasPrefix(txt, "179") {
				t.Errorf("width %v em: line %d begins after a no-break space: %q", em, i+1, txt)
			}
			if strings.HasPrefix(txt, "A new") && i > 0 && !strings.HasSuffix(lineText(lines[i-1], fx), "179.") {
				t.Errorf("width %v em: forced break lost", em)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	p := Paragraph{Spans: spans(sample), Hyphenate: true}
	a := dump(BreakParagraph(p, 20*size, fixed{}, DefaultSettings()), 20*size, p)
	for i := 0; i < 20; i++ {
		if b := dump(BreakParagraph(p, 20*size, fixed{}, DefaultSettings()), 20*size, p); b != a {
			t.Fatal("two runs differ")
		}
	}
	flow := testFlow()
	x := fmt.Sprint(Paginate(flow, 10*Pt, 1))
	if y := fmt.Sprint(Paginate(flow, 10*Pt, 1)); x != y {
		t.Fatal("two paginations differ")
	}
}

func TestEmpty(t *testing.T) {
	if l := BreakParagraph(Paragraph{Spans: spans("  \n ")}, 10*size, fixed{}, DefaultSettings()); l != nil {
		t.Errorf("blank paragraph: %v", l)
	}
	if p := Paginate(nil, 10*Pt, 1); p != nil {
		t.Errorf("empty flow: %v", p)
	}
}

func TestStats(t *testing.T) {
	var st Stats
	p := Paragraph{Spans: spans(sample), Hyphenate: true}
	lines, pass := BreakParagraphPass(p, 14*size, fixed{}, DefaultSettings())
	st.AddPass(lines, pass)
	if st.Lines != len(lines) || st.Paragraphs != 1 {
		t.Errorf("stats %+v for %d lines", st, len(lines))
	}
	h := 0
	for _, l := range lines {
		if l.Hyphenated {
			h++
		}
	}
	if st.Hyphenated != h || st.MaxRatio <= 0 || st.MeanRatio == 0 {
		t.Errorf("stats %v", &st)
	}
}

var sinkLines []Line

func BenchmarkBreakParagraph(b *testing.B) {
	// 120 words of the source text, justified on a 26-em measure.
	text := strings.Join(strings.Fields(sample + " " + sample)[:120], " ")
	p := Paragraph{Spans: spans(text), Hyphenate: true, Indent: size}
	s := DefaultSettings()
	b.ReportAllocs()
	for b.Loop() {
		sinkLines = BreakParagraph(p, 26*size, fixed{}, s)
	}
}

func BenchmarkHyphenate(b *testing.B) {
	words := strings.Fields("information concerning interviews physician prisoners comrades International published Executive Committee publishing following bureaucratic consequently adequate political education")
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			HyphenationPoints(w, 2, 3)
		}
	}
}

func BenchmarkHyphenateUncached(b *testing.B) {
	h := loadHyphenator()
	b.ReportAllocs()
	for b.Loop() {
		h.lang.Hyphenate("collectivization")
	}
}

func TestConcurrent(t *testing.T) {
	// The hyphenation cache is shared: break paragraphs from goroutines
	// (run with -race) and compare with a sequential run.
	r := rand.New(rand.NewPCG(6, 1945))
	type job struct {
		p     Paragraph
		width Length
		want  string
	}
	var jobs []job
	for i := 0; i < 40; i++ {
		p, w := randomParagraph(r)
		p.Hyphenate = true
		jobs = append(jobs, job{p: p, width: w})
	}
	done := make(chan int)
	got := make([]string, len(jobs))
	for i := range jobs {
		go func() {
			got[i] = dump(BreakParagraph(jobs[i].p, jobs[i].width, fx, DefaultSettings()), jobs[i].width, jobs[i].p)
			done <- i
		}()
	}
	for range jobs {
		<-done
	}
	for i, j := range jobs {
		if want := dump(BreakParagraph(j.p, j.width, fx, DefaultSettings()), j.width, j.p); got[i] != want {
			t.Errorf("paragraph %d: concurrent result differs", i)
		}
	}
}

type zero struct{}

func (zero) Width(Font, Length, string) Length { return 0 }

func TestDegenerate(t *testing.T) {
	// Nothing panics, and every word still comes out once.
	text := "An antidisestablishmentarianism debate, p.\u00a0177.\nhttps://www.marxists.org/ ­soft­hyphen"
	for _, width := range []Length{0, -5 * Pt, 1, size / 2, size} {
		for _, a := range []Align{Justify, Left, Center, Right} {
			p := Paragraph{Spans: spans(text), Align: a, Hyphenate: true}
			lines := BreakParagraph(p, width, fx, DefaultSettings())
			n := 0
			for _, l := range lines {
				n += l.Words
			}
			if n != len(strings.Fields(text)) {
				t.Errorf("width %d, align %d: %d words, want %d", width, a, n, len(strings.Fields(text)))
			}
		}
	}
	p := Paragraph{Spans: spans(text), Hyphenate: true}
	if lines := BreakParagraph(p, 10*size, zero{}, DefaultSettings()); len(lines) != 2 {
		t.Errorf("zero-width measurer: %d lines, want 2 (one forced break)", len(lines))
	}
	checkLines(t, p, 10*size, BreakParagraph(p, 10*size, fx, DefaultSettings()))
	p.Spans = append(p.Spans, Span{Text: "", Size: 0}, Span{Text: " tiny", Size: 0})
	if lines := BreakParagraph(p, 10*size, fx, DefaultSettings()); lines[len(lines)-1].FirstWord+lines[len(lines)-1].Words != len(strings.Fields(text))+1 {
		t.Errorf("zero-size span: %+v", lines[len(lines)-1])
	}
}

package main

// The cross-format test holds the two books of one build against each
// other: the EPUB's text and page markers against the PDF as pdftotext and
// mutool read it.
//
// What is compared, precisely:
//
//   - The EPUB's words: the text of the content documents in spine order,
//     without nav.xhtml and the cover, title, copyright and contents pages
//     (the print edition's title and copyright pages say other things: the
//     copyright page carries the source, the credits, the identifier and the
//     colophon that the EPUB keeps in its package metadata; the contents are
//     compared on their own, below). Words run across inline elements and
//     end at block boundaries and line breaks. The section titles, the
//     labels of questions and answers, the list markers (drawn by the
//     reading system from <ol>/<ul>) and the scene-break ornament (drawn from
//     <hr>) are tokens too, marked as such: the PDF prints them as text, so
//     they are matched in place, and only the other tokens, the running
//     text, are counted as words.
//   - The PDF's words: pdftotext -layout of every page from the first one
//     whose marker is in a section's document, each page cropped to its
//     text area (pdf.Doc.TextArea), which leaves out the running heads and
//     folios. A word broken at a line's end is joined with its rest, with or
//     without its hyphen, whichever gives the EPUB's word: the joined word
//     must equal the EPUB's word at that place.
//   - Then, the two token streams are equal, token for token.
//   - Every PDF page has a marker in the EPUB, in order (the page list, the
//     NCX pageList and the markers in spine order all follow the PDF's
//     pages). A marker stands exactly where its page begins: before the
//     token that the page's first line begins with (titles and labels
//     included, list markers and ornaments skipped); a page without text
//     stands before the next page's first token. The first running-text
//     word after each marker is the first running-text word of its PDF
//     page. The markers of the pages before the first section stand in the
//     title, copyright and contents pages, and the first word after each
//     is the first word printed on its page.
//   - The contents: the EPUB's table of contents, the PDF's outline (after
//     its entry for the contents page) and the printed contents list the
//     same titles in the same order; every printed folio is the folio of the
//     page the outline points to, and the page list's folio for a page is
//     the folio printed in its running head, where it has one.
//   - EPUBCheck reports nothing; the package declares printPageNumbers and
//     the page source; two builds give the same bytes.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"octavo/build"
	"octavo/build/pdf"
	"octavo/internal/testtool"
)

// The books the test builds: different trims and font sizes, one with
// bleed and crop marks.
var crossBooks = []string{"book.yaml", "testdata/full/book.yaml", "testdata/longtable/book.yaml"}

func TestCrossFormat(t *testing.T) {
	testtool.Need(t, "pdftotext", "pdfinfo", "mutool")
	for _, manifest := range crossBooks {
		t.Run(manifest, func(t *testing.T) {
			t.Parallel()
			if _, err := os.Stat(manifest); err != nil {
				t.Fatal(err)
			}
			crossCheck(t, manifest)
		})
	}
}

// token kinds
const (
	kWord    = iota // running text
	kTitle          // a section's title
	kLabel          // a question's or answer's label
	kFurnish        // a list marker or scene-break ornament, drawn by the reading system
)

type etoken struct {
	text string
	kind int
	doc  string
	head int // 1 + the number of the table whose header row holds it; 0 outside headers
}

type ptoken struct {
	text    string
	page    int // 0-based
	lineEnd bool
}

// emarker is a page-break marker in the EPUB.
type emarker struct {
	folio string
	doc   string
	pos   int    // index of the next token in the compared stream; -1 in a front document
	next  string // first word after it in its own document (front documents)
}

func crossCheck(t *testing.T, manifest string) {
	dir := t.TempDir()
	noEnv := func(string) string { return "" }
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-o", dir, manifest}, &stdout, &stderr, noEnv); code != exitOK {
		t.Fatalf("octavo build %s: exit %d\n%s", manifest, code, stderr.String())
	}
	book, err := build.Load(manifest, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdf.Typeset(book) // for the pages' text areas
	if err != nil {
		t.Fatal(err)
	}
	epubPath := filepath.Join(dir, book.Meta.Output+".epub")
	pdfPath := filepath.Join(dir, book.Meta.Output+".pdf")
	files := readZip(t, epubPath)

	// Determinism: a second build gives the same bytes.
	dir2 := t.TempDir()
	if code := run([]string{"build", "-o", dir2, manifest}, io.Discard, &stderr, noEnv); code != exitOK {
		t.Fatalf("second build: exit %d\n%s", code, stderr.String())
	}
	for _, f := range []string{epubPath, pdfPath} {
		a, _ := os.ReadFile(f)
		b, _ := os.ReadFile(filepath.Join(dir2, filepath.Base(f)))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: two builds differ", filepath.Base(f))
		}
	}

	// The EPUB: spine, page list, markers, words.
	opf := string(files["EPUB/package.opf"])
	spine := spineFiles(t, opf)
	nav := files["EPUB/nav.xhtml"]
	pageList := navList(t, nav, "page-list")
	tocList := navList(t, nav, "toc")

	front := map[string]bool{"cover.xhtml": true, "titlepage.xhtml": true, "copyright.xhtml": true, "contents.xhtml": true}
	var toks []etoken
	var marks []emarker
	for _, f := range spine {
		name := path.Base(f)
		data := files["EPUB/"+f]
		if data == nil {
			t.Fatalf("spine item %s missing", f)
		}
		ts, ms := readXHTML(t, name, data)
		if front[name] {
			for _, m := range ms {
				if m.pos < len(ts) { // the first word printed after it, a title too
					m.next = ts[m.pos].text
				}
				m.pos = -1
				marks = append(marks, m)
			}
			continue
		}
		for _, m := range ms {
			m.pos += len(toks)
			marks = append(marks, m)
		}
		toks = append(toks, ts...)
	}

	// The page list, the markers in spine order and the NCX agree, one
	// per PDF page.
	nPages := pdfPages(t, pdfPath)
	if nPages != doc.Pages() {
		t.Fatalf("the PDF has %d pages, the layout %d", nPages, doc.Pages())
	}
	var listed, marked []string
	for _, e := range pageList {
		listed = append(listed, e.text)
		if want := "xhtml/" + e.doc + "#page-" + e.text; e.href != want {
			t.Errorf("page list entry %s points at %s, want %s", e.text, e.href, want)
		}
	}
	for _, m := range marks {
		marked = append(marked, m.folio)
	}
	if !slices.Equal(listed, marked) || len(listed) != nPages {
		t.Fatalf("page list %q, markers in spine order %q, PDF pages %d", listed, marked, nPages)
	}
	ncx := ncxPages(t, files["EPUB/toc.ncx"])
	if !slices.Equal(ncx, listed) {
		t.Errorf("NCX pageList %q, nav page list %q", ncx, listed)
	}
	for _, want := range []string{
		`<meta property="schema:accessibilityFeature">printPageNumbers</meta>`,
		`<meta property="schema:accessibilityFeature">pageNavigation</meta>`,
		`<meta refines="#page-source" property="source-of">pagination</meta>`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("package.opf lacks %s", want)
		}
	}

	// The PDF: the pages from the first section's on, cropped to the text
	// area.
	firstText := slices.IndexFunc(marks, func(m emarker) bool { return m.pos >= 0 })
	if firstText < 1 {
		t.Fatalf("no front pages or no section pages (first section page %d)", firstText)
	}
	for k, m := range marks {
		if (k < firstText) != (m.pos < 0) {
			t.Fatalf("page %s: a front page among the sections' pages", m.folio)
		}
	}
	pageText := make([]string, nPages)
	for k := range nPages {
		pageText[k] = pdfArea(t, pdfPath, doc, k)
	}
	var ptoks []ptoken
	for k := firstText; k < nPages; k++ {
		for _, line := range strings.Split(pageText[k], "\n") {
			f := strings.Fields(line)
			for i, w := range f {
				ptoks = append(ptoks, ptoken{text: w, page: k, lineEnd: i == len(f)-1})
			}
		}
	}

	// (a) the words, token for token.
	align, starts := alignTokens(t, toks, ptoks)
	if align == nil {
		return
	}
	words := 0
	for _, e := range toks {
		if e.kind == kWord {
			words++
		}
	}

	// (b) every page's marker where the page begins.
	pageFirst := make([]int, nPages) // index of the page's first token in toks, or -1
	for k := range pageFirst {
		pageFirst[k] = -1
	}
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].kind != kFurnish {
			pageFirst[align[i]] = i
		}
	}
	textPages, blankPages := 0, 0
	for k := firstText; k < nPages; k++ {
		m := marks[k]
		want := len(toks)
		for j := k; j < nPages; j++ {
			if pageFirst[j] >= 0 {
				want = pageFirst[j]
				break
			}
		}
		pos := m.pos
		for pos < len(toks) && toks[pos].kind == kFurnish {
			pos++
		}
		if pos != want {
			t.Errorf("page %s: marker in %s before token %d %q, the page begins at token %d %q", m.folio, m.doc, pos, tokAt(toks, pos), want, tokAt(toks, want))
			continue
		}
		if pageFirst[k] < 0 {
			blankPages++
			continue
		}
		textPages++
		// The first running-text word after the marker is the PDF page's.
		pw := ""
		for i := pageFirst[k]; i < len(toks) && align[i] == k; i++ {
			if toks[i].kind == kWord {
				pw = ptoks[starts[i]].text
				break
			}
		}
		ew := firstWord(toks[m.pos:])
		if pw != "" && !joinedEqual(pw, ew) {
			t.Errorf("page %s: first word after the marker %q, on the PDF page %q", m.folio, ew, pw)
		}
	}
	for k := range firstText {
		m := marks[k]
		pw := ""
		if f := strings.Fields(pageText[k]); len(f) > 0 {
			pw = f[0]
		}
		switch {
		case pw == "":
			blankPages++
		case m.next != pw:
			t.Errorf("front page %s: first word after the marker in %s %q, on the PDF page %q", m.folio, m.doc, m.next, pw)
		default:
			textPages++
		}
	}

	// (c) the contents.
	var secTitles []string
	for _, s := range book.Sections() {
		secTitles = append(secTitles, s.Title)
	}
	var toc []string
	for _, e := range tocList {
		toc = append(toc, e.text)
	}
	outline := pdfOutline(t, pdfPath)
	var outTitles []string
	for _, o := range outline {
		outTitles = append(outTitles, o.title)
	}
	printed := printedContents(t, pageText, marks[:firstText])
	var printedTitles []string
	for _, p := range printed {
		printedTitles = append(printedTitles, p.title)
	}
	if len(outTitles) == 0 || !slices.Equal(toc, outTitles[1:]) || !slices.Equal(toc, printedTitles) || !slices.Equal(toc, secTitles) {
		t.Errorf("contents differ:\n EPUB nav %q\n outline  %q\n printed  %q\n sections %q", toc, outTitles, printedTitles, secTitles)
	} else {
		for i, p := range printed {
			page := outline[i+1].page
			if page < 1 || page > nPages || listed[page-1] != p.folio {
				t.Errorf("contents: %q printed at %s, the outline points at PDF page %d (%s)", p.title, p.folio, page, tokAtList(listed, page-1))
			}
		}
	}
	// The page list's folios are the printed ones.
	heads := 0
	for k := range nPages {
		if f := pdfHeadFolio(t, pdfPath, doc, k); f != "" {
			heads++
			if f != listed[k] {
				t.Errorf("PDF page %d prints folio %q, the page list has %q", k+1, f, listed[k])
			}
		}
	}

	// (d) EPUBCheck.
	epubcheck(t, epubPath)

	t.Logf("%s: %d PDF pages (%d with text, %d without), %d markers, %d tokens compared of which %d running-text words, %d contents entries, %d printed folios checked",
		manifest, nPages, textPages, blankPages, len(marks), len(toks), words, len(printed), heads)
}

func tokAt(toks []etoken, i int) string {
	if i < 0 || i >= len(toks) {
		return "(end)"
	}
	return toks[i].text
}

func tokAtList(l []string, i int) string {
	if i < 0 || i >= len(l) {
		return "none"
	}
	return l[i]
}

// firstWord returns the first running-text word of toks.
func firstWord(toks []etoken) string {
	for _, e := range toks {
		if e.kind == kWord {
			return e.text
		}
	}
	return ""
}

// joinedEqual: a PDF token that begins a word broken at the line's end
// is compared by its first part.
func joinedEqual(pdfWord, epubWord string) bool {
	return pdfWord == epubWord || strings.HasPrefix(epubWord, strings.TrimSuffix(pdfWord, "-"))
}

// repeatedHeader returns the number of PDF tokens at the start of ptoks
// that repeat the header row of the table the EPUB's tokens before are in,
// or 0.
func repeatedHeader(before []etoken, ptoks []ptoken) int {
	last := len(before) - 1
	for last >= 0 && before[last].head == 0 {
		last--
	}
	if last < 0 {
		return 0
	}
	first := last
	for first > 0 && before[first-1].head == before[last].head {
		first--
	}
	header := before[first : last+1]
	if len(ptoks) < len(header) {
		return 0
	}
	for k, e := range header {
		if ptoks[k].text != e.text {
			return 0
		}
	}
	return len(header)
}

// alignTokens matches the EPUB's tokens with the PDF's, one for one, a
// word broken across lines taking two or more PDF tokens. It returns, for
// every EPUB token, the PDF page it begins on and the index of its first
// PDF token, or nil after reporting the first difference.
func alignTokens(t *testing.T, toks []etoken, ptoks []ptoken) (pages, starts []int) {
	t.Helper()
	pages = make([]int, len(toks))
	starts = make([]int, len(toks))
	j := 0
	for i, e := range toks {
		if j >= len(ptoks) {
			t.Errorf("the PDF ends before the EPUB's token %d %q in %s", i, e.text, e.doc)
			return nil, nil
		}
		n := matchAt(e.text, ptoks, j)
		if n == 0 && (j == 0 || ptoks[j-1].page != ptoks[j].page) {
			// A table that runs over pages repeats its header row at the
			// top of each, in print only.
			if h := repeatedHeader(toks[:i], ptoks[j:]); h > 0 {
				j += h
				n = matchAt(e.text, ptoks, j)
			}
		}
		if n == 0 {
			var ectx, pctx []string
			for _, x := range toks[max(0, i-5):min(len(toks), i+6)] {
				ectx = append(ectx, x.text)
			}
			for _, x := range ptoks[max(0, j-5):min(len(ptoks), j+6)] {
				pctx = append(pctx, x.text)
			}
			t.Errorf("the words differ in %s at token %d: EPUB %q, PDF page %d %q\n EPUB …%q…\n PDF  …%q…", e.doc, i, e.text, ptoks[j].page+1, ptoks[j].text, ectx, pctx)
			return nil, nil
		}
		pages[i] = ptoks[j].page
		starts[i] = j
		j += n
	}
	if j != len(ptoks) {
		var rest []string
		for _, x := range ptoks[j:min(len(ptoks), j+10)] {
			rest = append(rest, x.text)
		}
		t.Errorf("the PDF has %d tokens more than the EPUB: %q", len(ptoks)-j, rest)
		return nil, nil
	}
	return pages, starts
}

// matchAt returns how many PDF tokens from j make the word w: 1 when the
// token is w, more when w was broken at the ends of lines (after a hyphen
// that the break inserted, dropped, or after one of the word's own, kept,
// or without a hyphen, as URLs break), 0 when they do not.
func matchAt(w string, ptoks []ptoken, j int) int {
	if ptoks[j].text == w {
		return 1
	}
	var try func(acc string, k int) int
	try = func(acc string, k int) int {
		if !ptoks[k-1].lineEnd || k >= len(ptoks) || k-j > 4 {
			return 0
		}
		next := ptoks[k].text
		cands := []string{acc + next}
		if strings.HasSuffix(acc, "-") {
			cands = append(cands, strings.TrimSuffix(acc, "-")+next)
		}
		for _, c := range cands {
			if c == w {
				return k - j + 1
			}
			if strings.HasPrefix(w, c) {
				if n := try(c, k+1); n > 0 {
					return n
				}
			}
		}
		return 0
	}
	return try(ptoks[j].text, j+1)
}

// readZip returns the files of an EPUB.
func readZip(t *testing.T, file string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = data
	}
	return files
}

// spineFiles returns the spine's documents, relative to the package
// document.
func spineFiles(t *testing.T, opf string) []string {
	t.Helper()
	items := map[string]string{}
	for _, m := range regexp.MustCompile(`<item id="([^"]+)" href="([^"]+)"`).FindAllStringSubmatch(opf, -1) {
		items[m[1]] = m[2]
	}
	var spine []string
	for _, m := range regexp.MustCompile(`<itemref idref="([^"]+)"`).FindAllStringSubmatch(opf, -1) {
		spine = append(spine, items[m[1]])
	}
	if len(spine) == 0 {
		t.Fatal("empty spine")
	}
	return spine
}

type navEntry struct {
	text, href, doc string
}

// navList returns the links of nav.xhtml's nav element of an epub:type.
func navList(t *testing.T, data []byte, typ string) []navEntry {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []navEntry
	in, depth := false, 0
	var cur *navEntry
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if tk.Name.Local == "nav" && attr(tk, "type") == typ {
				in, depth = true, 0
			}
			if in {
				depth++
				if tk.Name.Local == "a" {
					href := attr(tk, "href")
					out = append(out, navEntry{href: href, doc: path.Base(strings.SplitN(href, "#", 2)[0])})
					cur = &out[len(out)-1]
				}
			}
		case xml.EndElement:
			if in {
				depth--
				if tk.Name.Local == "a" {
					cur = nil
				}
				if depth == 0 {
					in = false
				}
			}
		case xml.CharData:
			if cur != nil {
				cur.text += string(tk)
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("nav.xhtml has no %s entries", typ)
	}
	return out
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// ncxPages returns the labels of toc.ncx's page targets, in play order.
func ncxPages(t *testing.T, data []byte) []string {
	t.Helper()
	var ncx struct {
		Targets []struct {
			PlayOrder int    `xml:"playOrder,attr"`
			Label     string `xml:"navLabel>text"`
		} `xml:"pageList>pageTarget"`
	}
	if err := xml.Unmarshal(data, &ncx); err != nil {
		t.Fatal(err)
	}
	var out []string
	last := 0
	for _, p := range ncx.Targets {
		if p.PlayOrder <= last {
			t.Errorf("NCX page %s: play order %d after %d", p.Label, p.PlayOrder, last)
		}
		last = p.PlayOrder
		out = append(out, p.Label)
	}
	return out
}

// inline elements continue a word; every other element ends one.
var inlineElems = map[string]bool{"a": true, "abbr": true, "b": true, "cite": true, "code": true, "em": true, "i": true,
	"q": true, "small": true, "span": true, "strong": true, "sub": true, "sup": true}

// readXHTML reads a content document's body: its tokens and its markers
// (pos: the index of the token after each).
func readXHTML(t *testing.T, name string, data []byte) ([]etoken, []emarker) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var (
		toks  []etoken
		marks []emarker
		word  strings.Builder
		kind  = kWord
		stack []xml.StartElement
		lists []int // the next number of each open list; -1 for bullets
		body  bool
		heads int // table header rows seen
		head  int // the header row the words are in, or 0
	)
	flush := func() {
		if word.Len() > 0 {
			toks = append(toks, etoken{text: word.String(), kind: kind, doc: name, head: head})
			word.Reset()
		}
	}
	kindNow := func() int {
		for _, e := range stack {
			switch {
			case e.Name.Local == "b" && attr(e, "class") == "label":
				return kLabel
			case e.Name.Local == "h1":
				return kTitle
			}
		}
		return kWord
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if tk.Name.Local == "body" {
				body = true
			}
			if !inlineElems[tk.Name.Local] {
				flush()
			}
			switch tk.Name.Local {
			case "span":
				if attr(tk, "type") == "pagebreak" {
					if word.Len() > 0 {
						t.Errorf("%s: marker %s inside the word %q", name, attr(tk, "aria-label"), word.String())
					}
					marks = append(marks, emarker{folio: attr(tk, "aria-label"), doc: name, pos: len(toks)})
					if id := attr(tk, "id"); id != "page-"+attr(tk, "aria-label") || attr(tk, "role") != "doc-pagebreak" {
						t.Errorf("%s: marker %q has id %q, role %q", name, attr(tk, "aria-label"), id, attr(tk, "role"))
					}
				}
			case "ol":
				n := 1
				if s := attr(tk, "start"); s != "" {
					n, _ = strconv.Atoi(s)
				}
				lists = append(lists, n)
			case "ul":
				lists = append(lists, -1)
			case "thead":
				heads++
				head = heads
			case "li":
				if len(lists) > 0 {
					n := lists[len(lists)-1]
					m := "•"
					if n >= 0 {
						m = strconv.Itoa(n) + "."
						lists[len(lists)-1]++
					}
					toks = append(toks, etoken{text: m, kind: kFurnish, doc: name})
				}
			case "hr":
				if attr(tk, "class") == "scene-break" {
					for range 3 {
						toks = append(toks, etoken{text: "*", kind: kFurnish, doc: name})
					}
				}
			}
			stack = append(stack, tk)
			kind = kindNow()
		case xml.EndElement:
			if !inlineElems[tk.Name.Local] {
				flush()
			}
			switch tk.Name.Local {
			case "ol", "ul":
				lists = lists[:len(lists)-1]
			case "thead":
				head = 0
			}
			stack = stack[:len(stack)-1]
			if word.Len() == 0 {
				kind = kindNow()
			}
		case xml.CharData:
			if !body {
				continue
			}
			for _, c := range string(tk) {
				if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
					flush()
					kind = kindNow()
					continue
				}
				if word.Len() == 0 {
					kind = kindNow()
				}
				word.WriteRune(c)
			}
		}
	}
	flush()
	return toks, marks
}

// pdfPages returns the number of pages of a PDF.
func pdfPages(t *testing.T, file string) int {
	out := crossTool(t, "pdfinfo", file)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo: no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// pdfArea returns pdftotext -layout's text of page k (from 0) cropped to
// its text area, with half a point of slack for rounding.
func pdfArea(t *testing.T, file string, doc *pdf.Doc, k int) string {
	x, y, w, h := doc.TextArea(k)
	return pdfCrop(t, file, k, x-0.5, y-0.5, w+1, h+1)
}

func pdfCrop(t *testing.T, file string, k int, x, y, w, h float64) string {
	i := func(f float64) string { return strconv.Itoa(int(f)) }
	p := strconv.Itoa(k + 1)
	return crossTool(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", p, "-l", p,
		"-x", i(x), "-y", i(y), "-W", i(w+1), "-H", i(h+1), file, "-")
}

// pdfHeadFolio returns the folio printed in page k's running head: the
// number at the outer end of the line above the text area, or "".
func pdfHeadFolio(t *testing.T, file string, doc *pdf.Doc, k int) string {
	x, y, w, _ := doc.TextArea(k)
	f := strings.Fields(pdfCrop(t, file, k, x-1, y-40, w+2, 39))
	if len(f) < 2 {
		return ""
	}
	if k%2 == 0 { // a recto: the folio at the right
		return f[len(f)-1]
	}
	return f[0]
}

type outlineEntry struct {
	title string
	page  int
}

func pdfOutline(t *testing.T, file string) []outlineEntry {
	out := crossTool(t, "mutool", "show", file, "outline")
	var es []outlineEntry
	re := regexp.MustCompile(`^[|+-]\t"(.*)"\t#page=(\d+)`)
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		m := re.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("mutool outline: odd line %q", l)
		}
		n, _ := strconv.Atoi(m[2])
		es = append(es, outlineEntry{m[1], n})
	}
	return es
}

type contentsEntry struct {
	title, folio string
}

// printedContents reads the printed contents: the front pages whose markers
// the EPUB puts in its contents page. An entry is a title, dot leaders and
// a folio; a long title runs over lines, the folio on its last.
func printedContents(t *testing.T, pageText []string, front []emarker) []contentsEntry {
	var es []contentsEntry
	entry := regexp.MustCompile(`^(.*?)[ .]*\s([0-9]+|[ivxlcdm]+)$`)
	heading := true
	for k, m := range front {
		if m.doc != "contents.xhtml" {
			continue
		}
		pending := ""
		for _, l := range strings.Split(pageText[k], "\n") {
			l = strings.Join(strings.Fields(l), " ")
			if l == "" {
				continue
			}
			if heading { // the page's heading
				heading = false
				continue
			}
			if mm := entry.FindStringSubmatch(l); mm != nil {
				title := strings.TrimSpace(strings.TrimSpace(pending + " " + mm[1]))
				es = append(es, contentsEntry{title, mm[2]})
				pending = ""
				continue
			}
			pending = strings.TrimSpace(pending + " " + l)
		}
		if pending != "" {
			t.Errorf("printed contents: %q has no folio", pending)
		}
	}
	return es
}

// epubcheck runs EPUBCheck on file: nothing may be reported.
func epubcheck(t *testing.T, file string) {
	testtool.Need(t, "java")
	testtool.NeedFile(t, testtool.EPUBCheck, "EPUBCheck")
	out, err := exec.Command("java", "-jar", testtool.EPUBCheck, file).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("Messages: 0 fatals / 0 errors / 0 warnings / 0 infos")) {
		t.Errorf("EPUBCheck: %v\n%s", err, out)
	}
}

func crossTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out)
}

package epub

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"octavo/build"
)

// renderer writes the XHTML of one content document's body. It counts the
// words of the running text exactly as build.SectionWords does (per text
// container, strings.Fields over build.InlineText, inline boundaries not
// splitting words) so that a page-break marker lands before the word the
// print layout put first on its page, also in the middle of a Text inline.
type renderer struct {
	sb      strings.Builder
	ui      uiText
	labels  build.Labels
	idBase  string   // the section's ID, prefix of the ids made here
	marks   []marker // page-break markers still to place, in reading order
	word    int      // index, in the section's words, of the next word to begin
	inWord  bool     // the last character written in this container was not a space
	heads   []int    // the distinct body heading levels, ascending
	nHead   int      // headings written so far
	nTable  int      // tables written so far
	nExch   int      // exchanges written so far
	lastID  string   // id given to the last heading written, for a following table
	lastEnd int      // sb.Len() when that heading was closed
	err     error
}

// marker is a printed page's start inside one content document.
type marker struct {
	folio string
	word  int // index into the section's words; -1: the document's start
}

func (r *renderer) raw(s string) { r.sb.WriteString(s) }

func (r *renderer) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

// container starts a new text container: the next non-space character
// begins a word.
func (r *renderer) container() { r.inWord = false }

// text writes s escaped, counting words and placing page-break markers
// before the words that begin pages.
func (r *renderer) text(s string) {
	for _, c := range s {
		space := unicode.IsSpace(c)
		if !space && !r.inWord {
			r.placeMarks(r.word)
			r.word++
		}
		r.inWord = !space
		writeEscapedRune(&r.sb, c)
	}
}

// space records a line break: a space between words that writes nothing.
func (r *renderer) space() { r.inWord = false }

// placeMarks writes the markers of pages that begin at word w (or, for
// markers left behind by a bad order, before it).
func (r *renderer) placeMarks(w int) {
	for len(r.marks) > 0 && r.marks[0].word <= w {
		r.raw(pageBreak(r.marks[0].folio))
		r.marks = r.marks[1:]
	}
}

// restMarks writes the markers not yet placed: pages beginning after the
// section's last word.
func (r *renderer) restMarks() {
	for _, m := range r.marks {
		r.raw(pageBreak(m.folio))
	}
	r.marks = nil
}

func pageBreak(folio string) string {
	return `<span epub:type="pagebreak" role="doc-pagebreak" id="` + pageID(folio) +
		`" aria-label="` + escapeAttr(folio) + `"></span>`
}

func pageID(folio string) string { return "page-" + folio }

// inlines writes a container's inlines.
func (r *renderer) inlines(ins []build.Inline) {
	for _, in := range ins {
		switch in := in.(type) {
		case *build.Text:
			r.text(in.Text)
		case *build.Code:
			r.raw("<code>")
			r.text(in.Text)
			r.raw("</code>")
		case *build.Emph:
			r.raw("<em>")
			r.inlines(in.Inlines)
			r.raw("</em>")
		case *build.Strong:
			r.raw("<strong>")
			r.inlines(in.Inlines)
			r.raw("</strong>")
		case *build.Link:
			href, ok := safeURL(in.URL)
			if !ok {
				r.raw(`<span class="link">`)
				r.inlines(in.Inlines)
				r.raw("</span>")
				continue
			}
			r.raw(`<a href="` + escapeAttr(href) + `">`)
			r.inlines(in.Inlines)
			r.raw("</a>")
		case *build.LineBreak:
			r.raw("<br/>")
			r.space()
		case *build.Editorial:
			r.raw(`<span class="editorial">`)
			r.text("[" + in.Text + "]")
			r.raw("</span>")
		default:
			r.fail("epub: unknown inline type %T", in)
		}
	}
}

// blocks writes blocks.
func (r *renderer) blocks(bs []build.Block) {
	for _, b := range bs {
		r.block(b, "")
	}
}

// block writes one block; lead, when not empty, is raw XHTML put at the
// start of a paragraph (an exchange's label).
func (r *renderer) block(b build.Block, lead string) {
	switch b := b.(type) {
	case *build.Paragraph:
		r.raw("<p>")
		if lead != "" {
			// A page that begins with the paragraph's first word
			// begins with the label printed before it.
			r.placeMarks(r.word)
		}
		r.raw(lead)
		r.container()
		r.inlines(b.Inlines)
		r.raw("</p>\n")
	case *build.Heading:
		r.nHead++
		id := r.idBase + "-h" + strconv.Itoa(r.nHead)
		lvl := strconv.Itoa(r.headingLevel(b.Level))
		r.raw("<h" + lvl + ` id="` + id + `">`)
		r.container()
		r.inlines(b.Inlines)
		r.raw("</h" + lvl + ">\n")
		r.lastID, r.lastEnd = id, r.sb.Len()
	case *build.BlockQuote:
		r.raw("<blockquote>\n")
		r.blocks(b.Blocks)
		r.raw("</blockquote>\n")
	case *build.List:
		if b.Ordered {
			if b.Start != 1 {
				r.raw(`<ol start="` + strconv.Itoa(b.Start) + `">` + "\n")
			} else {
				r.raw("<ol>\n")
			}
		} else {
			r.raw("<ul>\n")
		}
		for _, item := range b.Items {
			r.raw("<li>")
			r.blocks(item)
			r.raw("</li>\n")
		}
		if b.Ordered {
			r.raw("</ol>\n")
		} else {
			r.raw("</ul>\n")
		}
	case *build.Table:
		r.table(b)
	case *build.SceneBreak:
		r.raw(`<hr class="scene-break"/>` + "\n")
	default:
		r.fail("epub: unknown block type %T", b)
	}
}

// headingLevel maps a body heading's level to an XHTML level below the
// section title (h1): the distinct levels used in the section become h2,
// h3, … in order, so that no level is skipped.
func (r *renderer) headingLevel(level int) int {
	rank := 0
	for i, l := range r.heads {
		if l == level {
			rank = i
			break
		}
	}
	return min(2+rank, 6)
}

// table writes a table with its header row as column headers and, when it
// has more than one column, each row's first cell as the row's header. A
// table directly after a heading is labelled by it; otherwise it is named
// by number.
func (r *renderer) table(t *build.Table) {
	r.nTable++
	label := ` aria-label="` + escapeAttr(r.ui.table+" "+strconv.Itoa(r.nTable)) + `"`
	if r.lastID != "" && r.lastEnd == r.sb.Len() {
		label = ` aria-labelledby="` + r.lastID + `"`
	}
	r.raw("<table" + label + ">\n<thead>\n<tr>")
	for i, c := range t.Header {
		r.raw(`<th scope="col"` + alignClass(t.Align, i) + ">")
		r.container()
		r.inlines(c)
		r.raw("</th>")
	}
	r.raw("</tr>\n</thead>\n<tbody>\n")
	rowHeads := len(t.Align) > 1
	for _, row := range t.Rows {
		r.raw("<tr>")
		for i, c := range row {
			tag := "td"
			attr := ""
			if i == 0 && rowHeads {
				tag, attr = "th", ` scope="row"`
			}
			r.raw("<" + tag + attr + alignClass(t.Align, i) + ">")
			r.container()
			r.inlines(c)
			r.raw("</" + tag + ">")
		}
		r.raw("</tr>\n")
	}
	r.raw("</tbody>\n</table>\n")
}

func alignClass(as []build.Align, i int) string {
	if i >= len(as) {
		return ""
	}
	switch as[i] {
	case build.AlignLeft:
		return ` class="left"`
	case build.AlignCenter:
		return ` class="center"`
	case build.AlignRight:
		return ` class="right"`
	}
	return ""
}

// exchanges writes a section's exchanges as a question-and-answer series
// (epub:type qna, role doc-qna). Each question and each answer is a group
// whose accessible name says which it is, so that a screen reader announces
// "question" and "answer" and not only the printed label.
func (r *renderer) exchanges(exs []build.Exchange) {
	if len(exs) == 0 {
		return
	}
	r.raw(`<div class="qna" epub:type="qna" role="doc-qna">` + "\n")
	for _, ex := range exs {
		r.nExch++
		id := r.idBase + "-x" + strconv.Itoa(r.nExch)
		r.raw(`<div class="exchange" id="` + id + `">` + "\n")
		r.part("question", r.ui.question, r.labels.Question, id+"-q", ex.Question)
		r.part("answer", r.ui.answer, r.labels.Answer, id+"-a", ex.Answer)
		r.raw("</div>\n")
	}
	r.raw("</div>\n")
}

// part writes a question or an answer. The printed label runs into its
// first paragraph; when the part begins with something else, the label
// stands in a paragraph of its own.
func (r *renderer) part(class, name, label, id string, bs []build.Block) {
	labelID := id + "-label"
	if name == "" && label == "" {
		name = class
	}
	named := ` aria-label="` + escapeAttr(name) + `"`
	if name == "" {
		named = ` aria-labelledby="` + labelID + `"`
	}
	r.raw(`<div class="` + class + `" id="` + id + `" role="group"` + named + ">\n")
	lead := `<b class="label" id="` + labelID + `">` + escapeText(label) + "</b>"
	switch {
	case label == "":
		r.blocks(bs)
	case len(bs) == 0 || !isParagraph(bs[0]):
		r.raw(`<p class="label-only">`)
		r.placeMarks(r.word)
		r.raw(lead + "</p>\n")
		r.blocks(bs)
	default:
		r.block(bs[0], lead+" ")
		r.blocks(bs[1:])
	}
	r.raw("</div>\n")
}

func isParagraph(b build.Block) bool {
	_, ok := b.(*build.Paragraph)
	return ok
}

// collectHeadingLevels returns the distinct levels of the headings in a
// section's running text, ascending.
func collectHeadingLevels(s *build.Section) []int {
	seen := [7]bool{}
	var visit func([]build.Block)
	visit = func(bs []build.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *build.Heading:
				if b.Level >= 1 && b.Level <= 6 {
					seen[b.Level] = true
				}
			case *build.BlockQuote:
				visit(b.Blocks)
			case *build.List:
				for _, it := range b.Items {
					visit(it)
				}
			}
		}
	}
	visit(s.Blocks)
	for _, ex := range s.Exchanges {
		visit(ex.Question)
		visit(ex.Answer)
	}
	var levels []int
	for l := 1; l <= 6; l++ {
		if seen[l] {
			levels = append(levels, l)
		}
	}
	return levels
}

// safeURL returns the link target to write, or false when the URL is not
// one a book should link to (only http, https and mailto are; fragments
// and relative references have nothing to point to in this book).
func safeURL(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
	case "mailto":
	default:
		return "", false
	}
	return u.String(), true
}

// writeEscapedRune writes c as XML character data or attribute text: the
// markup characters as the predefined entities or numeric references,
// characters XML forbids as U+FFFD. No HTML entity is ever written.
func writeEscapedRune(sb *strings.Builder, c rune) {
	switch c {
	case '&':
		sb.WriteString("&amp;")
	case '<':
		sb.WriteString("&lt;")
	case '>':
		sb.WriteString("&gt;")
	case '"':
		sb.WriteString("&#34;")
	case '\'':
		sb.WriteString("&#39;")
	default:
		if !xmlChar(c) {
			c = utf8.RuneError
		}
		sb.WriteRune(c)
	}
}

// xmlChar reports whether c may appear in an XML 1.0 document.
func xmlChar(c rune) bool {
	switch {
	case c == utf8.RuneError:
		return true // already the replacement
	case c == 0x09 || c == 0x0A || c == 0x0D:
		return true
	case c < 0x20:
		return false
	case c >= 0xD800 && c <= 0xDFFF:
		return false
	case c == 0xFFFE || c == 0xFFFF:
		return false
	}
	return c <= 0x10FFFF
}

// escapeText escapes s for character data.
func escapeText(s string) string {
	var sb strings.Builder
	for _, c := range s {
		writeEscapedRune(&sb, c)
	}
	return sb.String()
}

// escapeAttr escapes s for a double-quoted attribute value; tabs and line
// ends become numeric references so they survive attribute normalisation.
func escapeAttr(s string) string {
	var sb strings.Builder
	for _, c := range s {
		switch c {
		case '\t':
			sb.WriteString("&#9;")
		case '\n':
			sb.WriteString("&#10;")
		case '\r':
			sb.WriteString("&#13;")
		default:
			writeEscapedRune(&sb, c)
		}
	}
	return sb.String()
}

package build

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"gopkg.in/yaml.v3"
)

// md is the Markdown parser: CommonMark with GFM tables. It is safe for
// concurrent use.
var md = goldmark.New(goldmark.WithExtensions(extension.Table))

// markdown parses a Markdown body given as the YAML value v.
func (d *decoder) markdown(src string, v *yaml.Node, label string) []Block {
	base := d.pos(v)
	if v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		base.Col++ // the text starts after the quote
	}
	return d.parseMarkdown(src, base, v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0, label)
}

// inlineMarkdown parses a one-paragraph Markdown text into inlines.
func (d *decoder) inlineMarkdown(src string, v *yaml.Node, label string) []Inline {
	blocks := d.markdown(src, v, label)
	if len(blocks) == 1 {
		if p, ok := blocks[0].(*Paragraph); ok {
			return p.Inlines
		}
	}
	if len(blocks) > 0 {
		d.errs.add(d.pos(v), "%s must be one line of text", label)
	}
	return nil
}

// mdConv converts one goldmark tree into the model.
type mdConv struct {
	d       *decoder
	src     []byte
	base    Pos
	inBlock bool // the text is a YAML block scalar: its lines start on the line after base
	indent  int  // the block scalar's indentation in the manifest
	label   string
	lines   []int // byte offset of each line start in src
}

// parseMarkdown parses src. base is where the text starts: for a YAML block
// scalar the indicator's place (the text begins on the next line); for a
// file, line 1 column 1 of that file.
func (d *decoder) parseMarkdown(src string, base Pos, block bool, label string) []Block {
	c := d.conv(src, base, block, label)
	c.printable()
	doc := md.Parser().Parse(text.NewReader(c.src))
	return c.blocks(doc)
}

// conv prepares the mapping from offsets in src to places in the input.
func (d *decoder) conv(src string, base Pos, block bool, label string) *mdConv {
	c := &mdConv{d: d, src: []byte(src), base: base, inBlock: block, label: label}
	c.lines = append(c.lines, 0)
	for i, b := range c.src {
		if b == '\n' {
			c.lines = append(c.lines, i+1)
		}
	}
	if block {
		c.indent = d.blockIndent(base)
	}
	return c
}

// printable reports, at its place, every character of the text that the
// print edition cannot set (Options.Unprintable), once per character and
// text.
func (c *mdConv) printable() {
	why := c.d.opt.Unprintable
	if why == nil {
		return
	}
	seen := map[rune]bool{}
	for off, r := range string(c.src) {
		if r < 0x80 || seen[r] {
			continue
		}
		if w := why(r); w != "" {
			seen[r] = true
			c.d.errs.add(c.pos(off), "%s: character %U %s %s", c.label, r, QuoteRune(r), w)
		}
	}
}

// QuoteRune shows a character in a message: in quotes where it can be
// seen, else as "(unprintable)".
func QuoteRune(r rune) string {
	if unicode.IsPrint(r) && !unicode.IsMark(r) {
		return "‘" + string(r) + "’"
	}
	return "(unprintable)"
}

// printableValue checks a plain text value (a title, a name, a label).
func (d *decoder) printableValue(v *yaml.Node, s, label string) {
	if d.opt.Unprintable == nil {
		return
	}
	base := d.pos(v)
	if v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		base.Col++ // the text starts after the quote
	}
	d.conv(s, base, v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0, label).printable()
}

// pos maps a byte offset in the Markdown text to a place in the input file.
func (c *mdConv) pos(off int) Pos {
	// The last line starting at or before off.
	line := sort.Search(len(c.lines), func(i int) bool { return c.lines[i] > off }) - 1
	col := utf8.RuneCount(c.src[c.lines[line]:off]) + 1
	p := c.base
	switch {
	case c.inBlock:
		p.Line += 1 + line
		p.Col = col + c.indent
	case line == 0 && p.Line > 0 && p.File == c.d.file:
		p.Col += col - 1
	default:
		p.Line += line
		p.Col = col
	}
	return p
}

// indent returns the indentation of a manifest line (for block scalars).
func (d *decoder) indent(line int) int {
	if line-1 < len(d.lines) && line >= 1 {
		return len(d.lines[line-1]) - len(bytes.TrimLeft(d.lines[line-1], " "))
	}
	return 0
}

// blockIndent returns the indentation of the block scalar whose indicator
// ("|", ">-", "|2") is at p: given by the indicator's digit, else that of
// the block's first line with text.
func (d *decoder) blockIndent(p Pos) int {
	if p.Line >= 1 && p.Line <= len(d.lines) {
		l := d.lines[p.Line-1]
		if i := p.Col - 1; i >= 0 && i < len(l) {
			for _, b := range l[i+1:] {
				if b >= '1' && b <= '9' {
					return d.indent(p.Line) + int(b-'0')
				}
				if b != '-' && b != '+' {
					break
				}
			}
		}
	}
	for l := p.Line + 1; l <= len(d.lines); l++ {
		if len(bytes.TrimSpace(d.lines[l-1])) > 0 {
			return d.indent(l)
		}
	}
	return 0
}

func (c *mdConv) nodePos(n ast.Node) Pos {
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		// Point at the opening fence, the line before the code.
		if f.Info != nil {
			return c.pos(f.Info.Segment.Start)
		}
		if f.Lines().Len() > 0 {
			off := f.Lines().At(0).Start
			for i := len(c.lines) - 1; i > 0; i-- {
				if c.lines[i] <= off {
					start := c.lines[i-1]
					for start < len(c.src) && c.src[start] == ' ' {
						start++
					}
					return c.pos(start)
				}
			}
		}
	}
	for n != nil {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return c.pos(n.Lines().At(0).Start)
		}
		if t, ok := n.(*ast.Text); ok {
			return c.pos(t.Segment.Start)
		}
		if n.FirstChild() == nil {
			break
		}
		n = n.FirstChild()
	}
	return c.base
}

func (c *mdConv) problem(n ast.Node, format string, args ...any) {
	c.problemAt(c.nodePos(n), format, args...)
}

func (c *mdConv) problemAt(pos Pos, format string, args ...any) {
	c.d.errs.add(pos, c.label+": "+format, args...)
}

func (c *mdConv) blocks(parent ast.Node) []Block {
	var out []Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if b := c.block(n); b != nil {
			out = append(out, b)
		}
	}
	return out
}

func (c *mdConv) block(n ast.Node) Block {
	pos := c.nodePos(n)
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return &Paragraph{Inlines: c.inlines(n), Pos: pos}
	case *ast.Heading:
		return &Heading{Level: n.Level, Inlines: c.inlines(n), Pos: pos}
	case *ast.Blockquote:
		return &BlockQuote{Blocks: c.blocks(n), Pos: pos}
	case *ast.List:
		l := &List{Ordered: n.IsOrdered(), Start: n.Start, Pos: pos}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, c.blocks(it))
		}
		return l
	case *ast.ThematicBreak:
		return &SceneBreak{Pos: pos}
	case *extast.Table:
		return c.table(n, pos)
	case *ast.HTMLBlock:
		c.problem(n, "raw HTML is not allowed in Markdown; write the text in Markdown (escape a literal < as \\<)")
	case *ast.FencedCodeBlock:
		c.problem(n, "code blocks are not supported in a book's text")
	case *ast.CodeBlock:
		c.problem(n, "text indented by four or more spaces is a code block, which books do not have; remove the indentation")
	default:
		c.problem(n, "unsupported Markdown element %s", n.Kind())
	}
	return nil
}

func (c *mdConv) table(t *extast.Table, pos Pos) Block {
	tb := &Table{Pos: pos}
	for _, a := range t.Alignments {
		tb.Align = append(tb.Align, map[extast.Alignment]Align{
			extast.AlignLeft: AlignLeft, extast.AlignCenter: AlignCenter, extast.AlignRight: AlignRight,
		}[a])
	}
	cells := func(row ast.Node) [][]Inline {
		var out [][]Inline
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			out = append(out, c.inlines(cell))
		}
		for len(out) < len(tb.Align) {
			out = append(out, nil)
		}
		return out[:len(tb.Align)]
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		switch r.(type) {
		case *extast.TableHeader:
			tb.Header = cells(r)
		case *extast.TableRow:
			tb.Rows = append(tb.Rows, cells(r))
		}
	}
	return tb
}

// inlines converts a text container's children, then applies editorial
// marks and typography across the whole container.
func (c *mdConv) inlines(parent ast.Node) []Inline {
	ins := c.inlineList(parent)
	ins = editorial(mergeText(ins))
	t := typo{}
	t.apply(ins)
	return trimSpace(ins)
}

func (c *mdConv) inlineList(parent ast.Node) []Inline {
	var out []Inline
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			out = append(out, &Text{Text: c.unescape(n.Segment.Value(c.src), parent)})
			if n.HardLineBreak() {
				out = append(out, &LineBreak{})
			} else if n.SoftLineBreak() {
				out = append(out, &Text{Text: " "})
			}
		case *ast.String:
			out = append(out, &Text{Text: c.unescape(n.Value, parent)})
		case *ast.Emphasis:
			if n.Level >= 2 {
				out = append(out, &Strong{Inlines: c.inlineList(n)})
			} else {
				out = append(out, &Emph{Inlines: c.inlineList(n)})
			}
		case *ast.CodeSpan:
			var sb strings.Builder
			for t := n.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					sb.Write(tx.Segment.Value(c.src))
				}
			}
			out = append(out, &Code{Text: sb.String()})
		case *ast.Link:
			url := string(n.Destination)
			if !isWebURL(url) && !strings.HasPrefix(url, "mailto:") {
				c.problem(n, "link %q: only http, https and mailto links are allowed", url)
			}
			out = append(out, &Link{URL: url, Inlines: c.inlineList(n)})
		case *ast.AutoLink:
			url := string(n.URL(c.src))
			if n.AutoLinkType == ast.AutoLinkEmail {
				url = "mailto:" + url
			} else if !isWebURL(url) {
				c.problem(parent, "link %q: only http, https and mailto links are allowed", url)
			}
			out = append(out, &Link{URL: url, Inlines: []Inline{&Text{Text: string(n.Label(c.src))}}})
		case *ast.RawHTML:
			pos := c.nodePos(parent)
			if n.Segments.Len() > 0 {
				pos = c.pos(n.Segments.At(0).Start)
			}
			c.problemAt(pos, "raw HTML %q is not allowed in Markdown; write the text in Markdown (escape a literal < as \\<)", rawHTML(n, c.src))
		case *ast.Image:
			c.problem(n, "images are not supported in a book's text yet")
		default:
			c.problem(parent, "unsupported Markdown element %s", n.Kind())
		}
	}
	return out
}

func rawHTML(n *ast.RawHTML, src []byte) string {
	var sb strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		sb.Write(seg.Value(src))
	}
	return sb.String()
}

// unescape resolves backslash escapes and character references; one that
// gives a control character is a problem, and the character is dropped.
func (c *mdConv) unescape(b []byte, parent ast.Node) string {
	s := string(util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(b))))
	if r := badRune(s); r >= 0 {
		c.problem(parent, "a character reference gives control character U+%04X, which is not allowed in text", r)
		s = strings.Map(func(r rune) rune {
			if badRune(string(r)) >= 0 {
				return -1
			}
			return r
		}, s)
	}
	return s
}

// mergeText joins adjacent Text inlines, recursively. It builds each run
// once, so that a paragraph of many thousands of lines stays linear.
func mergeText(ins []Inline) []Inline {
	var out []Inline
	var run []*Text
	flush := func() {
		switch len(run) {
		case 0:
			return
		case 1:
			out = append(out, run[0])
		default:
			var sb strings.Builder
			for _, t := range run {
				sb.WriteString(t.Text)
			}
			out = append(out, &Text{Text: sb.String()})
		}
		run = run[:0]
	}
	for _, in := range ins {
		switch in := in.(type) {
		case *Text:
			run = append(run, in)
			continue
		case *Emph:
			in.Inlines = mergeText(in.Inlines)
		case *Strong:
			in.Inlines = mergeText(in.Inlines)
		case *Link:
			in.Inlines = mergeText(in.Inlines)
		}
		flush()
		out = append(out, in)
	}
	flush()
	return out
}

var editorialRE = regexp.MustCompile(`\[\[([^\[\]]+)\]\]`)

// editorial turns "[[…]]" in text into Editorial inlines.
func editorial(ins []Inline) []Inline {
	var out []Inline
	for _, in := range ins {
		switch in := in.(type) {
		case *Text:
			s := in.Text
			for {
				loc := editorialRE.FindStringSubmatchIndex(s)
				if loc == nil {
					break
				}
				if loc[0] > 0 {
					out = append(out, &Text{Text: s[:loc[0]]})
				}
				out = append(out, &Editorial{Text: strings.TrimSpace(s[loc[2]:loc[3]])})
				s = s[loc[1]:]
			}
			if s != "" {
				out = append(out, &Text{Text: s})
			}
			continue
		case *Emph:
			in.Inlines = editorial(in.Inlines)
		case *Strong:
			in.Inlines = editorial(in.Inlines)
		case *Link:
			in.Inlines = editorial(in.Inlines)
		}
		out = append(out, in)
	}
	return out
}

// trimSpace removes white space at the ends of a container's text.
func trimSpace(ins []Inline) []Inline {
	for len(ins) > 0 {
		t, ok := ins[0].(*Text)
		if !ok {
			break
		}
		if t.Text = strings.TrimLeftFunc(t.Text, unicode.IsSpace); t.Text != "" {
			break
		}
		ins = ins[1:]
	}
	for len(ins) > 0 {
		t, ok := ins[len(ins)-1].(*Text)
		if !ok {
			break
		}
		if t.Text = strings.TrimRightFunc(t.Text, unicode.IsSpace); t.Text != "" {
			break
		}
		ins = ins[:len(ins)-1]
	}
	return ins
}

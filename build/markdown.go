package build

import (
	"bytes"
	"regexp"
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
	return d.parseMarkdown(src, d.pos(v), v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0, label)
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
	label   string
	lines   []int // byte offset of each line start in src
}

// parseMarkdown parses src. base is where the text starts: for a YAML block
// scalar the indicator's place (the text begins on the next line); for a
// file, line 1 column 1 of that file.
func (d *decoder) parseMarkdown(src string, base Pos, block bool, label string) []Block {
	c := &mdConv{d: d, src: []byte(src), base: base, inBlock: block, label: label}
	c.lines = append(c.lines, 0)
	for i, b := range c.src {
		if b == '\n' {
			c.lines = append(c.lines, i+1)
		}
	}
	doc := md.Parser().Parse(text.NewReader(c.src))
	return c.blocks(doc)
}

// pos maps a byte offset in the Markdown text to a place in the input file.
func (c *mdConv) pos(off int) Pos {
	line := 0
	for line+1 < len(c.lines) && c.lines[line+1] <= off {
		line++
	}
	col := utf8.RuneCount(c.src[c.lines[line]:off]) + 1
	p := c.base
	switch {
	case c.inBlock:
		p.Line += 1 + line
		p.Col = col + c.d.indent(p.Line)
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

func (c *mdConv) nodePos(n ast.Node) Pos {
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
	c.d.errs.add(c.nodePos(n), c.label+": "+format, args...)
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
			out = append(out, &Text{Text: unescape(n.Segment.Value(c.src))})
			if n.HardLineBreak() {
				out = append(out, &LineBreak{})
			} else if n.SoftLineBreak() {
				out = append(out, &Text{Text: " "})
			}
		case *ast.String:
			out = append(out, &Text{Text: unescape(n.Value)})
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
			}
			out = append(out, &Link{URL: url, Inlines: []Inline{&Text{Text: string(n.Label(c.src))}}})
		case *ast.RawHTML:
			c.problem(parent, "raw HTML %q is not allowed in Markdown; write the text in Markdown (escape a literal < as \\<)", rawHTML(n, c.src))
		case *ast.Image:
			c.problem(parent, "images are not supported in a book's text yet")
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

func unescape(b []byte) string {
	return string(util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(b))))
}

// mergeText joins adjacent Text inlines, recursively.
func mergeText(ins []Inline) []Inline {
	var out []Inline
	for _, in := range ins {
		switch in := in.(type) {
		case *Text:
			if len(out) > 0 {
				if prev, ok := out[len(out)-1].(*Text); ok {
					prev.Text += in.Text
					continue
				}
			}
		case *Emph:
			in.Inlines = mergeText(in.Inlines)
		case *Strong:
			in.Inlines = mergeText(in.Inlines)
		case *Link:
			in.Inlines = mergeText(in.Inlines)
		}
		out = append(out, in)
	}
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

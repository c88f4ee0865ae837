package pdf

import (
	"fmt"
	"strings"
	"unicode"

	"octavo/build"
	"octavo/fonts"
	"octavo/layout"
)

// style is the face state while inlines are turned into spans.
type style struct {
	italic, bold bool
	link         string
}

func (s style) font() layout.Font {
	switch {
	case s.italic && s.bold:
		return layout.BoldItalic
	case s.italic:
		return layout.Italic
	case s.bold:
		return layout.Bold
	}
	return layout.Regular
}

// spanner turns inlines into layout spans and checks, as it goes, that every
// character can be printed in the face it is set in. Problems are collected,
// not returned one by one, so that Typeset reports them all at once.
type spanner struct {
	m     *fonts.Metrics
	probs build.Problems
	seen  map[problemKey]bool
}

type problemKey struct {
	pos build.Pos
	r   rune
}

// Unprintable says why the print edition cannot set r in any of its faces
// ("is not in the font Gentium Book Plus Bold"), or "" when every face can.
// main hands it to build.Load, which then reports such characters at their
// exact place in the manifest; Typeset checks again, face by face, as it
// sets the text.
func Unprintable(r rune) string {
	faces, err := fonts.Load() // parsed once
	if err != nil {
		return "" // Typeset reports the fonts' fault
	}
	for i, fm := range faces {
		if why := unprintableIn(fm, fonts.Faces[i].Style, r); why != "" {
			return why
		}
	}
	return ""
}

// unprintableIn says why face fm (of the given style) cannot set r, or "".
func unprintableIn(fm *fonts.FaceMetrics, style string, r rune) string {
	switch {
	case unicode.IsSpace(r):
		return "" // spaces are glue, never printed as glyphs
	case r > 0xFFFF:
		return "is above U+FFFF; the PDF writer cannot print it"
	case !fm.Has(r):
		return "is not in the font " + fonts.Family + " " + style
	}
	return ""
}

// check records a problem for every character of s that the face f cannot
// print. what names the text for the message ("title", "paragraph").
func (sp *spanner) check(pos build.Pos, what, s string, f layout.Font) {
	for _, r := range s {
		why := unprintableIn(sp.m.Face(f), fonts.Faces[f].Style, r)
		if why == "" {
			continue
		}
		k := problemKey{pos, r}
		if sp.seen[k] {
			continue
		}
		if sp.seen == nil {
			sp.seen = make(map[problemKey]bool)
		}
		sp.seen[k] = true
		sp.probs = append(sp.probs, build.Problem{Pos: pos, Msg: fmt.Sprintf("%s: character %U %s %s", what, r, build.QuoteRune(r), why)})
	}
}

// spans converts inlines set at size in base style to spans. A hard line
// break is a "\n" (layout's forced break); any newline inside text is a
// plain space. Every character is checked.
func (sp *spanner) spans(pos build.Pos, what string, ins []build.Inline, base style, size layout.Length) []layout.Span {
	var out []layout.Span
	add := func(text string, st style) {
		if text == "" {
			return
		}
		f := st.font()
		sp.check(pos, what, text, f)
		if n := len(out); n > 0 && out[n-1].Font == f && out[n-1].Link == st.link {
			out[n-1].Text += text
			return
		}
		out = append(out, layout.Span{Text: text, Font: f, Size: size, Link: st.link})
	}
	text := func(s string) string { return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s) }
	var walk func([]build.Inline, style)
	walk = func(ins []build.Inline, st style) {
		for _, in := range ins {
			switch in := in.(type) {
			case *build.Text:
				add(text(in.Text), st)
			case *build.Code:
				add(text(in.Text), st)
			case *build.Emph:
				s := st
				s.italic = !s.italic
				walk(in.Inlines, s)
			case *build.Strong:
				s := st
				s.bold = true
				walk(in.Inlines, s)
			case *build.Link:
				s := st
				s.link = in.URL
				walk(in.Inlines, s)
			case *build.LineBreak:
				if n := len(out); n > 0 {
					out[n-1].Text += "\n"
				}
			case *build.Editorial:
				s := st
				s.italic = !s.italic
				add("["+text(in.Text)+"]", s)
			}
		}
	}
	walk(ins, base)
	return out
}

// plain is a single span of text in one style, checked.
func (sp *spanner) plain(pos build.Pos, what, text string, st style, size layout.Length) []layout.Span {
	sp.check(pos, what, text, st.font())
	return []layout.Span{{Text: text, Font: st.font(), Size: size, Link: st.link}}
}

// countWords is the number of words in spans, as layout counts them.
func countWords(spans []layout.Span) int {
	var sb strings.Builder
	for _, s := range spans {
		sb.WriteString(s.Text)
	}
	return len(strings.Fields(sb.String()))
}

package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A paragraph's text is read as a sequence of words and spaces. A word is a
// maximal run of non-space runes (unicode.IsSpace), as strings.Fields
// splits, so word indices agree with build.SectionWords; it may be made of
// pieces from several spans. A space is a maximal run of space runes.

// spaceKind is how a run of space characters behaves.
type spaceKind uint8

const (
	spaceNormal  spaceKind = iota // an interword space: a break point
	spaceNoBreak                  // only no-break spaces (U+00A0, U+2007, U+202F): no break
	spaceNewline                  // contains "\n": a forced line break
)

// piece is the part of a word that stands in one span.
type piece struct {
	text  string
	span  int
	width Length // measured once, by the first pass that needs it; -1 before
}

// token is a word or a space.
type token struct {
	space  bool
	pieces []piece   // a word's pieces
	kind   spaceKind // a space's kind
	span   int       // the span of a space's first rune
	r      rune      // a space's first rune
	width  Length    // a space's width, measured once; -1 before
}

// isNoBreakSpace reports whether r is a space that must not be a break point.
func isNoBreakSpace(r rune) bool {
	return r == '\u00a0' || r == '\u2007' || r == '\u202f'
}

// tokenize splits spans into words and spaces. Leading and trailing spaces
// are dropped; so are empty spans.
func tokenize(spans []Span) []token {
	var toks []token
	for si, sp := range spans {
		text := sp.Text
		for len(text) > 0 {
			// The next run of spaces or non-spaces within this span.
			i := 0
			r0, _ := utf8.DecodeRuneInString(text)
			isSp := unicode.IsSpace(r0)
			for i < len(text) {
				r, size := utf8.DecodeRuneInString(text[i:])
				if unicode.IsSpace(r) != isSp {
					break
				}
				i += size
			}
			chunk := text[:i]
			text = text[i:]
			last := len(toks) - 1
			if isSp {
				kind := spaceNoBreak
				for _, r := range chunk {
					switch {
					case r == '\n':
						kind = spaceNewline
					case !isNoBreakSpace(r) && kind == spaceNoBreak:
						kind = spaceNormal
					}
				}
				if last >= 0 && toks[last].space {
					if kind == spaceNewline || kind == spaceNormal && toks[last].kind == spaceNoBreak {
						toks[last].kind = kind
					}
					continue
				}
				toks = append(toks, token{space: true, kind: kind, span: si, r: r0, width: -1})
				continue
			}
			if last >= 0 && !toks[last].space {
				toks[last].pieces = append(toks[last].pieces, piece{chunk, si, -1})
				continue
			}
			toks = append(toks, token{pieces: []piece{{chunk, si, -1}}})
		}
	}
	for len(toks) > 0 && toks[0].space {
		toks = toks[1:]
	}
	for len(toks) > 0 && toks[len(toks)-1].space {
		toks = toks[:len(toks)-1]
	}
	return toks
}

// wordText returns the text of a word token.
func wordText(t *token) string {
	if len(t.pieces) == 1 {
		return t.pieces[0].text
	}
	var sb strings.Builder
	for _, p := range t.pieces {
		sb.WriteString(p.text)
	}
	return sb.String()
}

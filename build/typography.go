package build

import (
	"regexp"
	"strings"
	"unicode"
)

// Typogrify applies the book's typography to plain text: straight quotes
// become curly ones, "---" an em dash, "--" an en dash and "..." an
// ellipsis. Text that is already typographic is left as it is. Both
// builders print the result, so the EPUB and the PDF show the same
// characters.
func Typogrify(s string) string {
	t := typo{}
	return t.text(s)
}

// typo carries the previous character across the inlines of one text
// container, so that a quote after an emphasised word closes correctly.
type typo struct {
	prev rune // 0 at the start of the container
}

func (t *typo) apply(ins []Inline) {
	for _, in := range ins {
		switch in := in.(type) {
		case *Text:
			in.Text = t.text(in.Text)
		case *Emph:
			t.apply(in.Inlines)
		case *Strong:
			t.apply(in.Inlines)
		case *Link:
			t.apply(in.Inlines)
		case *Code:
			if r := []rune(in.Text); len(r) > 0 {
				t.prev = r[len(r)-1]
			}
		case *Editorial:
			t.prev = ']'
		case *LineBreak:
			t.prev = ' '
		}
	}
}

var dashes = strings.NewReplacer("---", "—", "--", "–", "...", "…")

// numberAbbrev matches an abbreviation that belongs with the number after
// it ("pp. 177", "vol. 6", "No. 6"): the space becomes a no-break space, so
// that no line ends between them.
var numberAbbrev = regexp.MustCompile(`\b(pp?|vols?|[Nn]os?|ch|fig|art)\. ([0-9])`)

func (t *typo) text(s string) string {
	if strings.Contains(s, ". ") {
		s = numberAbbrev.ReplaceAllString(s, "$1.\u00a0$2")
	}
	if !strings.ContainsAny(s, `"'-.`) {
		if r := []rune(s); len(r) > 0 {
			t.prev = r[len(r)-1]
		}
		return s
	}
	s = dashes.Replace(s)
	var sb strings.Builder
	for _, r := range s {
		switch r {
		case '"':
			if t.opens() {
				r = '“'
			} else {
				r = '”'
			}
		case '\'':
			if t.opens() {
				r = '‘'
			} else {
				r = '’'
			}
		}
		sb.WriteRune(r)
		t.prev = r
	}
	return sb.String()
}

// opens tells whether a quote after the previous character opens.
func (t *typo) opens() bool {
	return t.prev == 0 || unicode.IsSpace(t.prev) || strings.ContainsRune("([{—–-/‘“", t.prev)
}

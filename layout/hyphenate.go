package layout

import (
	"bytes"
	"embed"
	"strings"
	"sync"
	"unicode"

	"github.com/speedata/hyphenation"
)

// The English (US) patterns and exceptions of Knuth's hyphen.tex; see
// hyphen/README.md for their origin and notice.
//
//go:embed hyphen/knuth-hyphen-en-us.pat.txt hyphen/knuth-hyphen-en-us.hyp.txt
var hyphenFiles embed.FS

// hyphenator holds the loaded patterns, the exception list and a cache of
// the break points of every word seen. It is safe for concurrent use.
type hyphenator struct {
	lang       *hyphenation.Lang
	exceptions map[string][]int // lower-case word → break points
	cache      sync.Map         // lower-case word → []int (all points, no minima)
}

var loadHyphenator = sync.OnceValue(func() *hyphenator {
	h := &hyphenator{exceptions: map[string][]int{}}
	pat, err := hyphenFiles.ReadFile("hyphen/knuth-hyphen-en-us.pat.txt")
	if err == nil {
		// Minima are applied by Hyphenate; the package's own 0/0 returns
		// every point the patterns allow.
		h.lang, err = hyphenation.New(bytes.NewReader(pat))
	}
	if err != nil {
		h.lang = nil // no hyphenation rather than a panic
	}
	exc, err := hyphenFiles.ReadFile("hyphen/knuth-hyphen-en-us.hyp.txt")
	if err == nil {
		for _, w := range strings.Fields(string(exc)) {
			var points []int
			n := 0
			for _, r := range w {
				if r == '-' {
					points = append(points, n)
					continue
				}
				n++
			}
			h.exceptions[strings.ToLower(strings.ReplaceAll(w, "-", ""))] = points
		}
	}
	return h
})

// points returns every hyphenation point of a lower-case word, as rune
// counts before the break, from the exceptions or else the patterns.
func (h *hyphenator) points(lower string) []int {
	if v, ok := h.cache.Load(lower); ok {
		return v.([]int)
	}
	p, ok := h.exceptions[lower]
	if !ok && h.lang != nil {
		p = h.lang.Hyphenate(lower)
	}
	v, _ := h.cache.LoadOrStore(lower, p)
	return v.([]int)
}

// HyphenationPoints returns where word may be hyphenated, as counts of
// runes before each break, with at least left runes before and right runes
// after every break. It uses Knuth's English patterns and exceptions
// ("project" has no points, "table" is ta-ble). The word must be letters
// only; it is not stripped of punctuation and no minimum length applies
// (BreakParagraph does both). Results are cached per word.
func HyphenationPoints(word string, left, right int) []int {
	if word == "" {
		return nil
	}
	for _, r := range word {
		if !unicode.IsLetter(r) {
			return nil
		}
	}
	n := 0
	for range word {
		n++
	}
	var out []int
	for _, p := range loadHyphenator().points(strings.ToLower(word)) {
		if p >= left && p >= 1 && n-p >= right && p < n {
			out = append(out, p)
		}
	}
	return out
}

// Hyphenate returns word with its hyphenation points (see
// HyphenationPoints) marked by "-": Hyphenate("hyphenation", 2, 3) is
// "hy-phen-ation".
func Hyphenate(word string, left, right int) string {
	pts := HyphenationPoints(word, left, right)
	if len(pts) == 0 {
		return word
	}
	var sb strings.Builder
	n := 0
	for _, r := range word {
		if len(pts) > 0 && pts[0] == n {
			sb.WriteByte('-')
			pts = pts[1:]
		}
		sb.WriteRune(r)
		n++
	}
	return sb.String()
}

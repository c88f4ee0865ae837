package epub

import (
	"fmt"

	"octavo/build"
)

// placedPages is the page map divided among the content documents.
type placedPages struct {
	front    []string            // folios of pages before the first section: on the title page
	sections map[string][]marker // section ID → its markers, in order
	order    []string            // all folios in reading order
}

// placePages checks the page map against the book and divides it among the
// documents. A page starts at a word of a section (PageBreak.Word), holds no
// text of its section (Word -1), or comes before the first section
// (Section "", on the title page).
// The map must follow reading order; every folio must be distinct and
// usable in an XML id.
func placePages(b *build.Book, pages build.PageMap) (*placedPages, error) {
	p := &placedPages{sections: map[string][]marker{}}
	if len(pages) == 0 {
		return p, nil
	}
	index := map[string]int{}
	words := map[string]int{}
	for i, s := range b.Sections() {
		index[s.ID] = i
		words[s.ID] = len(build.SectionWords(s))
	}
	seen := map[string]bool{}
	lastSec := -1
	for i, pb := range pages {
		if !validFolio(pb.Folio) {
			return nil, fmt.Errorf("epub: page map entry %d: folio %q is not a page number", i+1, pb.Folio)
		}
		if seen[pb.Folio] {
			return nil, fmt.Errorf("epub: page map entry %d: folio %q appears twice", i+1, pb.Folio)
		}
		seen[pb.Folio] = true
		p.order = append(p.order, pb.Folio)
		if pb.Section == "" {
			if lastSec >= 0 {
				return nil, fmt.Errorf("epub: page %s: placed before the first section but follows a page of section %q", pb.Folio, b.Sections()[lastSec].ID)
			}
			p.front = append(p.front, pb.Folio)
			continue
		}
		si, ok := index[pb.Section]
		if !ok {
			return nil, fmt.Errorf("epub: page %s: no section %q in the book", pb.Folio, pb.Section)
		}
		if w := pb.Word; w < -1 || w >= words[pb.Section] {
			return nil, fmt.Errorf("epub: page %s: word %d is outside section %q (%d words)", pb.Folio, w, pb.Section, words[pb.Section])
		}
		if si < lastSec {
			return nil, fmt.Errorf("epub: page %s: section %q comes before the previous page's", pb.Folio, pb.Section)
		}
		lastSec = si
		p.sections[pb.Section] = append(p.sections[pb.Section], marker{folio: pb.Folio, word: pb.Word})
	}
	// A page that begins no text (Word -1: a blank verso, a page of
	// space) is placed where it stands between the text pages: at the
	// section's start when no page of the section precedes it, else before
	// the next page's first word in the section, else after the section's
	// last word. Then the markers must follow the words.
	for _, s := range b.Sections() {
		id, ms := s.ID, p.sections[s.ID]
		for k := range ms {
			if ms[k].word >= 0 || k == 0 {
				continue
			}
			ms[k].word = words[id]
			for _, next := range ms[k+1:] {
				if next.word >= 0 {
					ms[k].word = next.word
					break
				}
			}
		}
		for k := 1; k < len(ms); k++ {
			if ms[k].word < ms[k-1].word {
				return nil, fmt.Errorf("epub: page %s: out of reading order in section %q", ms[k].folio, id)
			}
		}
	}
	return p, nil
}

// validFolio reports whether a folio can follow "page-" in an XML id and
// stand as a page number: letters and digits, at most 32 of them.
func validFolio(f string) bool {
	if f == "" || len(f) > 32 {
		return false
	}
	for _, c := range f {
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		default:
			return false
		}
	}
	return true
}

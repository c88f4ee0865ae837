package epub

import (
	"fmt"
	"slices"

	"octavo/build"
)

// placedPages is the page map divided among the content documents.
type placedPages struct {
	// docs: a section's ID, or build.PageTitle, build.PageCopyright or
	// build.PageContents → its markers, in order. The words of the
	// contents are its entries.
	docs  map[string][]marker
	order []string // all folios in reading order
}

// frontDocs are the reserved page-map sections in reading order, and the
// index each has before the first section's 0.
var frontDocs = []string{build.PageTitle, build.PageCopyright, build.PageContents}

// placePages checks the page map against the book and divides it among the
// documents. A page starts at a word of a section (PageBreak.Word), holds no
// text of its section (Word -1), or comes before the first section (one of
// the reserved sections, whose pages the title page, the copyright page and
// the contents page hold). The map must follow reading order; every folio
// must be distinct and usable in an XML id.
func placePages(b *build.Book, pages build.PageMap) (*placedPages, error) {
	p := &placedPages{docs: map[string][]marker{}}
	if len(pages) == 0 {
		return p, nil
	}
	secs := b.Sections()
	index := map[string]int{}
	words := map[string]int{build.PageTitle: 0, build.PageCopyright: 0, build.PageContents: len(secs)}
	for i, id := range frontDocs {
		index[id] = i - len(frontDocs)
	}
	for i, s := range secs {
		index[s.ID] = i
		words[s.ID] = len(build.SectionWords(s))
	}
	seen := map[string]bool{}
	last := -len(frontDocs) - 1
	for i, pb := range pages {
		if !validFolio(pb.Folio) {
			return nil, fmt.Errorf("epub: page map entry %d: folio %q is not a page number", i+1, pb.Folio)
		}
		if seen[pb.Folio] {
			return nil, fmt.Errorf("epub: page map entry %d: folio %q appears twice", i+1, pb.Folio)
		}
		seen[pb.Folio] = true
		p.order = append(p.order, pb.Folio)
		si, ok := index[pb.Section]
		if !ok {
			return nil, fmt.Errorf("epub: page %s: no section %q in the book", pb.Folio, pb.Section)
		}
		if w := pb.Word; w < -1 || w >= words[pb.Section] {
			return nil, fmt.Errorf("epub: page %s: word %d is outside section %q (%d words)", pb.Folio, w, pb.Section, words[pb.Section])
		}
		if si < last {
			return nil, fmt.Errorf("epub: page %s: section %q comes before the previous page's", pb.Folio, pb.Section)
		}
		last = si
		p.docs[pb.Section] = append(p.docs[pb.Section], marker{folio: pb.Folio, word: pb.Word})
	}
	// A page that begins no text (Word -1: a blank verso, a page of
	// space) is placed where it stands between the text pages: at the
	// document's start when no page of it precedes, else before the next
	// page's first word in it, else after its last word. The title and
	// copyright pages have no words: their markers all stand at the top.
	// Then the markers must follow the words.
	for _, id := range append(slices.Clone(frontDocs), sectionIDs(secs)...) {
		ms := p.docs[id]
		for k := range ms {
			if ms[k].word >= 0 || k == 0 || words[id] == 0 {
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

func sectionIDs(secs []*build.Section) []string {
	ids := make([]string, len(secs))
	for i, s := range secs {
		ids[i] = s.ID
	}
	return ids
}

// folios returns the folios of markers.
func folios(ms []marker) []string {
	fs := make([]string, len(ms))
	for i, m := range ms {
		fs[i] = m.folio
	}
	return fs
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

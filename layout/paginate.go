package layout

// Paginate divides a vertical flow into pages of the given height. first is
// the number of the first page; odd numbers are rectos.
//
// Pages are filled top to bottom. Space elements are dropped at the top and
// the bottom of a page. A page may break between two elements only where
// the first of them has Keep false; a Space passes on the Keep of the
// element before it, so a heading kept with what follows stays kept across
// the space between them. NewPage ends the page (it never makes an empty
// one); NewRecto also inserts a Blank page when the next page would be even.
//
// When an element does not fit, the page ends at the last allowed break on
// it, and what follows moves to the next page; but where the kept chain
// that would move is taller than a page by itself, or there is no allowed
// break on the page, the page is filled and the chain broken just before
// the element that does not fit. An element taller than a page stands alone
// on its page. Page.Number is first plus the page's index.
func Paginate(flow []Element, height Length, first int) []Page {
	pg := paginator{flow: flow, height: height, first: first}
	pg.run()
	return pg.pages
}

type paginator struct {
	flow   []Element
	height Length
	first  int
	pages  []Page
	cur    []Placed
	curIdx []int // flow index of each element of cur
}

// breakAfter reports whether a page may break between flow[i] and the next
// element.
func (pg *paginator) breakAfter(i int) bool {
	for ; i >= 0; i-- {
		e := &pg.flow[i]
		if e.Keep {
			return false
		}
		if e.Kind != Space {
			return true
		}
	}
	return true
}

// chainHeight returns the height of the elements from i up to and
// including the first after which a page may break (leading Spaces not
// counted), stopping at forced breaks.
func (pg *paginator) chainHeight(i int) Length {
	var h Length
	for ; i < len(pg.flow); i++ {
		e := &pg.flow[i]
		if e.Kind == NewPage || e.Kind == NewRecto {
			break
		}
		if !(e.Kind == Space && h == 0) {
			h += e.Height
		}
		if pg.breakAfter(i) {
			break
		}
	}
	return h
}

// flush ends the current page, dropping Spaces at its bottom.
func (pg *paginator) flush() {
	n := len(pg.cur)
	for n > 0 && pg.cur[n-1].Kind == Space {
		n--
	}
	if n == 0 {
		pg.cur, pg.curIdx = nil, nil
		return
	}
	pg.pages = append(pg.pages, Page{Number: pg.first + len(pg.pages), Elements: pg.cur[:n:n]})
	pg.cur, pg.curIdx = nil, nil
}

func (pg *paginator) run() {
	var y Length
	for i := 0; i < len(pg.flow); i++ {
		e := pg.flow[i]
		switch e.Kind {
		case NewPage, NewRecto:
			pg.flush()
			y = 0
			if e.Kind == NewRecto && (pg.first+len(pg.pages))%2 == 0 {
				pg.pages = append(pg.pages, Page{Number: pg.first + len(pg.pages), Blank: true})
			}
			continue
		case Space:
			if len(pg.cur) == 0 {
				continue // dropped at the top of a page
			}
		}
		if y+e.Height > pg.height && len(pg.cur) > 0 {
			if e.Kind == Space {
				// The space is dropped at the bottom of this page or at the
				// top of the next; break here if the break is allowed.
				if pg.breakAfter(i - 1) {
					pg.flush()
					y = 0
					continue
				}
			}
			// The last allowed break on the page.
			k := -1
			for j := len(pg.cur) - 1; j >= 0; j-- {
				if pg.breakAfter(pg.curIdx[j]) {
					k = j
					break
				}
			}
			if k >= 0 && k < len(pg.cur)-1 && pg.chainHeight(pg.curIdx[k]+1) <= pg.height {
				// Move the kept chain after it to the next page.
				i = pg.curIdx[k]
				pg.cur, pg.curIdx = pg.cur[:k+1], pg.curIdx[:k+1]
				pg.flush()
				y = 0
				continue
			}
			// Break at the last possible place: before this element.
			pg.flush()
			y = 0
			if e.Kind == Space {
				continue
			}
		}
		pg.cur = append(pg.cur, Placed{Y: y, Element: e})
		pg.curIdx = append(pg.curIdx, i)
		y += e.Height
	}
	pg.flush()
}

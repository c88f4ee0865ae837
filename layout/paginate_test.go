package layout

import (
	"fmt"
	"strings"
	"testing"
)

// testFlow is a small flow of 1pt lines with a kept heading.
func testFlow() []Element {
	var f []Element
	for i := 0; i < 25; i++ {
		f = append(f, Element{Kind: Content, Height: Pt, Payload: fmt.Sprint("l", i)})
		if i%7 == 6 {
			f = append(f, Element{Kind: Space, Height: Pt / 2})
			f = append(f, Element{Kind: Content, Height: Pt, Keep: true, Payload: "head"})
		}
	}
	return f
}

// pageDump lists each page's payloads.
func pageDump(pages []Page) string {
	var sb strings.Builder
	for _, p := range pages {
		fmt.Fprintf(&sb, "%d:", p.Number)
		if p.Blank {
			sb.WriteString(" blank")
		}
		for _, e := range p.Elements {
			switch e.Kind {
			case Space:
				sb.WriteString(" _")
			default:
				fmt.Fprintf(&sb, " %v", e.Payload)
			}
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

func lines(n int, keep bool, name string) []Element {
	var f []Element
	for i := 0; i < n; i++ {
		f = append(f, Element{Height: Pt, Keep: keep, Payload: fmt.Sprint(name, i)})
	}
	return f
}

func checkPages(t *testing.T, pages []Page, height Length, first int) {
	t.Helper()
	for i, p := range pages {
		if p.Number != first+i {
			t.Errorf("page %d numbered %d", i, p.Number)
		}
		if p.Blank != (len(p.Elements) == 0) {
			t.Errorf("page %d: blank %v with %d elements", p.Number, p.Blank, len(p.Elements))
		}
		var y Length
		for j, e := range p.Elements {
			if e.Y != y {
				t.Errorf("page %d element %d at %d, want %d", p.Number, j, e.Y, y)
			}
			y += e.Height
			if (j == 0 || j == len(p.Elements)-1) && e.Kind == Space {
				t.Errorf("page %d: space at top or bottom", p.Number)
			}
			if e.Kind == NewPage || e.Kind == NewRecto {
				t.Errorf("page %d: a page break element placed", p.Number)
			}
		}
		if y > height && len(p.Elements) > 1 {
			t.Errorf("page %d overfull: %d > %d", p.Number, y, height)
		}
	}
}

func TestPaginateKeeps(t *testing.T) {
	// A page of 5 lines. A heading (kept) and a space (passing the keep
	// on) must move with the two kept lines after it.
	var f []Element
	f = append(f, lines(3, false, "a")...)
	f = append(f, Element{Height: Pt, Keep: true, Payload: "H"}, Element{Kind: Space, Height: Pt / 2})
	f = append(f, lines(1, true, "b")...)
	f = append(f, lines(3, false, "c")...)
	pages := Paginate(f, 5*Pt, 1)
	checkPages(t, pages, 5*Pt, 1)
	got := pageDump(pages)
	want := "1: a0 a1 a2\n2: H _ b0 c0 c1\n3: c2\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

func TestPaginateLongChain(t *testing.T) {
	// A kept chain of 8 lines on 5-line pages: fill the page, break it at
	// the last possible place.
	f := append(lines(2, false, "a"), lines(8, true, "k")...)
	f = append(f, lines(2, false, "z")...)
	pages := Paginate(f, 5*Pt, 1)
	checkPages(t, pages, 5*Pt, 1)
	got := pageDump(pages)
	want := "1: a0 a1 k0 k1 k2\n2: k3 k4 k5 k6 k7\n3: z0 z1\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

func TestPaginateSpaceAtTop(t *testing.T) {
	f := append(lines(5, false, "a"), Element{Kind: Space, Height: Pt})
	f = append(f, lines(2, false, "b")...)
	f = append(f, Element{Kind: NewPage}, Element{Kind: Space, Height: Pt})
	f = append(f, lines(1, false, "c")...)
	f = append(f, Element{Kind: Space, Height: Pt})
	pages := Paginate(f, 5*Pt, 3)
	checkPages(t, pages, 5*Pt, 3)
	got := pageDump(pages)
	want := "3: a0 a1 a2 a3 a4\n4: b0 b1\n5: c0\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

func TestPaginateNewRecto(t *testing.T) {
	f := append(lines(2, false, "a"), Element{Kind: NewRecto})
	f = append(f, lines(1, false, "b")...)
	f = append(f, Element{Kind: NewRecto})
	f = append(f, lines(6, false, "c")...)
	f = append(f, Element{Kind: NewPage}, Element{Kind: NewPage})
	f = append(f, lines(1, false, "d")...)
	pages := Paginate(f, 5*Pt, 1)
	checkPages(t, pages, 5*Pt, 1)
	got := pageDump(pages)
	want := "1: a0 a1\n2: blank\n3: b0\n4: blank\n5: c0 c1 c2 c3 c4\n6: c5\n7: d0\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	// Starting on a verso, a leading NewRecto inserts a blank.
	got = pageDump(Paginate(append([]Element{{Kind: NewRecto}}, lines(1, false, "x")...), 5*Pt, 2))
	if want := "2: blank\n3: x0\n"; got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

func TestPaginateTallElement(t *testing.T) {
	f := append(lines(1, false, "a"), Element{Height: 7 * Pt, Payload: "T"})
	f = append(f, lines(1, false, "b")...)
	got := pageDump(Paginate(f, 5*Pt, 1))
	if want := "1: a0\n2: T\n3: b0\n"; got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

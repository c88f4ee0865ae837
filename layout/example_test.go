package layout_test

import (
	"fmt"

	"octavo/layout"
)

// mono is a fixed-width Measurer standing in for a book face: every letter
// half an em, the space a third of an em.
type mono struct{}

func (mono) Width(f layout.Font, size layout.Length, s string) layout.Length {
	var w layout.Length
	for _, r := range s {
		if r == ' ' {
			w += size / 3
		} else {
			w += size / 2
		}
	}
	return w
}

func ExampleBreakParagraph() {
	p := layout.Paragraph{
		Spans: []layout.Span{{
			Text: "The rarest type of information concerning the USSR consists of interviews with Soviet citizens.",
			Size: 10 * layout.Pt,
		}},
		Hyphenate: true,
	}
	width := 170 * layout.Pt // 34 letters
	for _, l := range layout.BreakParagraph(p, width, mono{}, layout.DefaultSettings()) {
		last := l.Items[len(l.Items)-1]
		end := last.X + mono{}.Width(last.Font, last.Size, last.Text)
		fmt.Printf("%-5.3g %5.1fpt", l.Ratio, end.Points())
		for _, it := range l.Items {
			fmt.Printf(" %s", it.Text)
		}
		fmt.Println()
	}
	// Output:
	// 0.4   170.0pt The rarest type of information con-
	// 0.4   170.0pt cerning the USSR consists of inter-
	// 0     130.0pt views with Soviet citizens.
}

func ExamplePaginate() {
	line := func(s string, keep bool) layout.Element {
		return layout.Element{Kind: layout.Content, Height: 12 * layout.Pt, Keep: keep, Payload: s}
	}
	flow := []layout.Element{
		line("para 1, line 1", false),
		line("para 1, line 2", false),
		{Kind: layout.Space, Height: 6 * layout.Pt},
		line("heading", true), // kept with the next line
		line("para 2, line 1", false),
		{Kind: layout.NewRecto},
		line("chapter 2", false),
	}
	for _, pg := range layout.Paginate(flow, 36*layout.Pt, 1) {
		fmt.Printf("page %d blank=%v:", pg.Number, pg.Blank)
		for _, e := range pg.Elements {
			fmt.Printf(" [%v at %gpt]", e.Payload, e.Y.Points())
		}
		fmt.Println()
	}
	// Output:
	// page 1 blank=false: [para 1, line 1 at 0pt] [para 1, line 2 at 12pt]
	// page 2 blank=false: [heading at 0pt] [para 2, line 1 at 12pt]
	// page 3 blank=false: [chapter 2 at 0pt]
}

package build

import (
	"reflect"
	"testing"
)

func TestSectionWords(t *testing.T) {
	s := &Section{
		Blocks: []Block{
			&Heading{Level: 2, Inlines: []Inline{&Text{Text: "A head"}}},
			&Paragraph{Inlines: []Inline{&Emph{Inlines: []Inline{&Text{Text: "Don"}}}, &Text{Text: "’t stop"}, &LineBreak{}, &Text{Text: "here "}, &Editorial{Text: "label lost"}}},
			&Table{Align: []Align{AlignNone, AlignRight},
				Header: [][]Inline{{&Text{Text: "Who"}}, {&Text{Text: "Pay"}}},
				Rows:   [][][]Inline{{{&Editorial{Text: "lost"}}, {&Text{Text: "200 rubles"}}}}},
			&BlockQuote{Blocks: []Block{&List{Items: [][]Block{{&Paragraph{Inlines: []Inline{&Strong{Inlines: []Inline{&Text{Text: "one"}}}}}}}}}},
			&SceneBreak{},
		},
		Exchanges: []Exchange{{
			Question: []Block{&Paragraph{Inlines: []Inline{&Text{Text: "Why?"}}}},
			Answer:   []Block{&Paragraph{Inlines: []Inline{&Link{URL: "https://example.org", Inlines: []Inline{&Text{Text: "Be"}}}, &Text{Text: "cause."}}}},
		}},
	}
	got := SectionWords(s)
	want := []string{"A", "head", "Don’t", "stop", "here", "[label", "lost]", "Who", "Pay", "[lost]", "200", "rubles", "one", "Why?", "Because."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SectionWords:\n got %q\nwant %q", got, want)
	}
}

func TestTypogrify(t *testing.T) {
	for in, want := range map[string]string{
		`"Hello," she said -- 'twas --- so...`: "“Hello,” she said – ‘twas — so…",
		`it's the workers' "state"`:            "it’s the workers’ “state”",
		`(“already” typographic)`:              `(“already” typographic)`,
		`("quoted")`:                           "(“quoted”)",
		"vol. 6 no. 6, pp. 177--181":           "vol.\u00a06 no.\u00a06, pp.\u00a0177–181",
		"see p. 5. Then":                       "see p.\u00a05. Then",
	} {
		if got := Typogrify(in); got != want {
			t.Errorf("Typogrify(%q) = %q, want %q", in, got, want)
		}
	}
}

package build

// transcriberNote makes the back section that lists the emendations, so
// that both builders print the same Transcriber's Note.
func transcriberNote(ems []Emendation, e *errs, ids map[string]Pos) *Section {
	s := &Section{
		ID:    "transcriber-note",
		Kind:  BackMatter,
		Role:  "transcriber-note",
		Title: "Transcriber’s Note",
		Pos:   ems[0].Pos,
	}
	if prev, dup := ids[s.ID]; dup {
		e.add(prev, "section id %q is reserved for the transcriber's note that the emendations make", s.ID)
	}
	s.Blocks = append(s.Blocks, &Paragraph{Inlines: []Inline{&Text{Text: "The following corrections have been made to the source text."}}})
	list := &List{}
	for _, em := range ems {
		list.Items = append(list.Items, []Block{&Paragraph{Pos: em.Pos, Inlines: []Inline{
			&Text{Text: "“" + Typogrify(em.Original) + "” reads “" + Typogrify(em.Corrected) + "”. " + em.Note},
		}}})
	}
	s.Blocks = append(s.Blocks, list)
	return s
}

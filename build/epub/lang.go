package epub

import "strings"

// uiText holds the few words the EPUB writes itself: navigation headings,
// accessible names and the title page's credit lines. They follow the
// book's language where a translation is known, English otherwise.
type uiText struct {
	contents, landmarks, pages  string
	titlePage, start, copyright string
	cover, coverOf              string
	question, answer            string // "" when unknown: the printed label names the part
	table                       string
	by                          string            // "by" before authors: unused when empty
	and                         string            // joins the last two names
	roles                       map[string]string // build.Role → "Translated by"
	summary                     string
	edition, identifier         string // the copyright page's "This edition:", "Identifier:"
	foreign                     bool   // the words are not in the book's language
}

// langAttr returns the attributes that mark an element holding these words
// as English when the book is in another language (WCAG 3.1.2).
func (t uiText) langAttr() string {
	if t.foreign {
		return ` lang="en" xml:lang="en"`
	}
	return ""
}

var uiEnglish = uiText{
	contents:   "Contents",
	landmarks:  "Landmarks",
	pages:      "Pages",
	titlePage:  "Title page",
	start:      "Start of text",
	copyright:  "Copyright",
	cover:      "Cover",
	coverOf:    "Cover of ",
	question:   "Question",
	answer:     "Answer",
	table:      "Table",
	and:        "and",
	edition:    "This edition:",
	identifier: "Identifier:",
	roles: map[string]string{
		"translator":  "Translated by",
		"transcriber": "Transcribed by",
		"editor":      "Edited by",
		"proofreader": "Proofread by",
		"illustrator": "Illustrated by",
	},
	summary: "This publication meets WCAG 2.1 Level AA. Its text is structured with headings, " +
		"a table of contents and landmarks; questions and answers are marked as such; " +
		"tables have header cells; no content depends on colour, images or sound.",
}

// ui returns the words for the book's language.
func ui(lang string) uiText {
	// Only English is written out; other languages get English navigation
	// words, and questions and answers named by their printed labels.
	t := uiEnglish
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if base != "en" {
		t.question, t.answer = "", ""
		t.foreign = true
	}
	return t
}

// joinNames joins names as "A", "A and B", "A, B and C".
func (t uiText) joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + t.and + " " + names[len(names)-1]
}

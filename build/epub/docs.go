package epub

import (
	"strings"

	"octavo/build"
)

// doc is one XHTML content document of the spine.
type doc struct {
	file     string // file name under xhtml/, e.g. "ch01.xhtml"
	title    string // the document's <title>, plain text
	tocTitle string // its entry in the table of contents; "" for none
	matter   string // epub:type of its body: frontmatter, bodymatter, backmatter
	body     string // the XHTML between <body> and </body>
	pages    []string
	landmark string // epub:type of its landmark entry, or ""
}

// The file names the builder uses for its own documents. A section whose ID
// takes one of these names is refused.
const (
	coverName     = "cover"
	titlePageName = "titlepage"
	copyrightName = "copyright"
	contentsName  = "contents"
	navName       = "nav"
)

var reserved = []string{coverName, titlePageName, copyrightName, contentsName, navName, "toc", "style"}

// sectionSemantics returns the epub:type and DPUB-ARIA role of a section.
// A front or back section whose Role has no match in the vocabularies is a
// plain section in front or back matter (the transcriber's note is one:
// neither vocabulary has a term for it, and "errata" would misname it).
func sectionSemantics(s *build.Section) (epubType, role string) {
	if s.Kind == build.Chapter {
		return "chapter", "doc-chapter"
	}
	switch s.Role {
	case "introduction", "preface", "foreword", "prologue", "epilogue",
		"afterword", "conclusion", "appendix", "acknowledgments",
		"epigraph", "dedication", "glossary", "bibliography", "colophon":
		return s.Role, "doc-" + s.Role
	}
	return "", ""
}

// renderSection writes a section's document body.
func renderSection(b *build.Book, s *build.Section, marks []marker, u uiText) (string, error) {
	r := &renderer{ui: u, labels: b.Labels, idBase: s.ID, marks: marks, heads: collectHeadingLevels(s)}
	typ, role := sectionSemantics(s)
	r.raw(`<section id="` + s.ID + `"`)
	if typ != "" {
		r.raw(` epub:type="` + typ + `"`)
	}
	if role != "" {
		r.raw(` role="` + role + `"`)
	}
	r.raw(` aria-labelledby="` + s.ID + `-title">` + "\n")
	// The page that prints the section's first word prints its title too
	// (a title is kept with the lines after it), so its marker, like that
	// of an opener without text, comes before the title.
	for len(r.marks) > 0 && r.marks[0].word <= 0 {
		r.raw(pageBreak(r.marks[0].folio))
		r.marks = r.marks[1:]
	}
	r.raw(`<h1 id="` + s.ID + `-title">` + escapeText(s.Title) + "</h1>\n")
	r.blocks(s.Blocks)
	r.exchanges(s.Exchanges)
	r.restMarks()
	r.raw("</section>")
	return r.sb.String(), r.err
}

// renderTitlePage writes the title page: title, subtitle, authors,
// contributors with their roles, the source and the publisher. Pages of the
// print edition that come before the first section have their markers here.
func renderTitlePage(b *build.Book, folios []string, u uiText) (string, error) {
	r := &renderer{ui: u, labels: b.Labels, idBase: titlePageName}
	m := b.Meta
	r.raw(`<section id="titlepage" class="titlepage" epub:type="titlepage" aria-labelledby="titlepage-title">` + "\n")
	for _, f := range folios {
		r.raw(pageBreak(f))
	}
	r.raw(`<h1 id="titlepage-title" epub:type="title">` + escapeText(m.Title) + "</h1>\n")
	if m.Subtitle != "" {
		r.raw(`<p class="subtitle" epub:type="subtitle" role="doc-subtitle">` + escapeText(m.Subtitle) + "</p>\n")
	}
	if len(m.Authors) > 0 {
		names := make([]string, len(m.Authors))
		for i, a := range m.Authors {
			names[i] = a.Name
		}
		r.raw(`<p class="author">` + escapeText(u.joinNames(names)) + "</p>\n")
	}
	if lines := contributorLines(m.Contributors, u); len(lines) > 0 {
		r.raw(`<p class="contributors"` + u.langAttr() + `>`)
		for i, l := range lines {
			if i > 0 {
				r.raw("<br/>")
			}
			r.raw(escapeText(l))
		}
		r.raw("</p>\n")
	}
	if src := m.Source; src != nil && (len(src.Title) > 0 || src.URL != "") {
		r.raw(`<p class="source">`)
		r.inlines(src.Title)
		if href, ok := safeURL(src.URL); ok {
			if len(src.Title) > 0 {
				r.raw("<br/>")
			}
			r.raw(`<a class="url" href="` + escapeAttr(href) + `">` + escapeText(src.URL) + "</a>")
		}
		r.raw("</p>\n")
	}
	if m.Publisher != "" {
		r.raw(`<p class="publisher">` + escapeText(m.Publisher) + "</p>\n")
	}
	r.raw("</section>")
	return r.sb.String(), r.err
}

// contributorLines returns "Translated by G.G." and the like, one line per
// role in the order roles first appear.
func contributorLines(cs []build.Contributor, u uiText) []string {
	var roles []build.Role
	names := map[build.Role][]string{}
	for _, c := range cs {
		if _, ok := names[c.Role]; !ok {
			roles = append(roles, c.Role)
		}
		names[c.Role] = append(names[c.Role], c.Name)
	}
	var lines []string
	for _, role := range roles {
		lead := u.roles[string(role)]
		if lead == "" {
			lead = string(role) + ":"
		}
		lines = append(lines, lead+" "+u.joinNames(names[role]))
	}
	return lines
}

// renderCopyright writes the rights notice as the copyright page, with
// the markers of its printed pages at the top.
func renderCopyright(b *build.Book, folios []string, u uiText) (string, error) {
	r := &renderer{ui: u, labels: b.Labels, idBase: copyrightName}
	r.raw(`<section id="copyright" class="copyright" epub:type="copyright-page" aria-label="` + escapeAttr(u.copyright) + `">` + "\n")
	for _, f := range folios {
		r.raw(pageBreak(f))
	}
	r.blocks(b.Rights)
	// The edition's date and identifier, as the printed copyright page
	// gives them.
	r.raw(`<p class="edition"` + u.langAttr() + `>`)
	if !b.Meta.Modified.IsZero() {
		r.raw(escapeText(u.edition+" "+b.Meta.Modified.Format("2 January 2006")+".") + "<br/>")
	}
	r.raw(escapeText(u.identifier+" "+b.Meta.Identifier) + "</p>\n")
	r.raw("</section>")
	return r.sb.String(), r.err
}

// renderContents writes the contents page: the sections, as the navigation
// document and the printed contents list them. It is a page of the reading
// order, as in print; nav.xhtml stays out of the spine so that its hidden
// landmarks and page list are not read as text. The markers of the printed
// contents pages stand before the entries they begin with (the first page's
// before the heading), a blank page's after the last entry.
func renderContents(b *build.Book, marks []marker, u uiText) string {
	var sb strings.Builder
	place := func(entry int) {
		for len(marks) > 0 && marks[0].word <= entry {
			sb.WriteString(pageBreak(marks[0].folio))
			marks = marks[1:]
		}
	}
	sb.WriteString(`<nav id="contents" class="contents" epub:type="toc" role="doc-toc" aria-labelledby="contents-title">` + "\n")
	place(0)
	sb.WriteString(`<h1 id="contents-title"` + u.langAttr() + `>` + escapeText(u.contents) + "</h1>\n<ol>\n")
	for i, s := range b.Sections() {
		sb.WriteString("<li>")
		place(i)
		sb.WriteString(`<a href="` + s.ID + `.xhtml">` + escapeText(s.Title) + "</a></li>\n")
	}
	sb.WriteString("</ol>\n")
	place(len(b.Sections()))
	sb.WriteString("</nav>")
	return sb.String()
}

// renderCover writes the cover page around the cover image.
func renderCover(b *build.Book, u uiText) string {
	return `<section class="cover" epub:type="cover">` + "\n" +
		`<img role="doc-cover" src="../images/` + escapeAttr(b.Cover.Name) +
		`" alt="` + escapeAttr(u.coverOf+b.Meta.Title) + `"/>` + "\n</section>"
}

// plainText returns the text of blocks without markup, one space between
// containers, runs of spaces collapsed.
func plainText(bs []build.Block) string {
	var parts []string
	build.WalkContainers(bs, func(ins []build.Inline) {
		parts = append(parts, build.InlineText(ins))
	})
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

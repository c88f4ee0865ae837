package epub

import (
	"fmt"
	"strconv"
	"strings"

	"octavo/build"
)

// pageTarget is one entry of the page list.
type pageTarget struct {
	folio string
	href  string // relative to the package document
}

// pageTargets lists the page markers in reading order.
func pageTargets(pub *publication) []pageTarget {
	var ts []pageTarget
	for _, d := range pub.docs {
		for _, f := range d.pages {
			ts = append(ts, pageTarget{f, xhtmlDir + d.file + "#" + pageID(f)})
		}
	}
	return ts
}

// navDocument writes nav.xhtml: the table of contents (the sections, as
// the PDF's outline lists them), the landmarks and, when the book has
// print pages, the page list. The reading order has its own contents page
// (contents.xhtml), which the toc landmark points to.
func navDocument(b *build.Book, pub *publication) string {
	u := pub.ui
	lang := escapeAttr(b.Meta.Language)
	var sb strings.Builder
	w := func(s ...string) {
		for _, x := range s {
			sb.WriteString(x)
		}
	}
	w(opfXMLHead, "<!DOCTYPE html>\n")
	w(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="`, lang, `" xml:lang="`, lang, `">`, "\n")
	w("<head>\n<title>", escapeText(b.Meta.Title+" — "+u.contents), "</title>\n")
	w(`<link rel="stylesheet" type="text/css" href="css/style.css"/>`, "\n</head>\n")
	w(`<body epub:type="frontmatter">`, "\n")

	w(`<nav id="toc" epub:type="toc" role="doc-toc" aria-labelledby="toc-title">`, "\n")
	w(`<h1 id="toc-title"`, u.langAttr(), `>`, escapeText(u.contents), "</h1>\n<ol>\n")
	for _, d := range pub.docs {
		if d.tocTitle != "" {
			w(`<li><a href="`, xhtmlDir, d.file, `">`, escapeText(d.tocTitle), "</a></li>\n")
		}
	}
	w("</ol>\n</nav>\n")

	w(`<nav id="landmarks" epub:type="landmarks" aria-labelledby="landmarks-title" hidden="hidden">`, "\n")
	w(`<h2 id="landmarks-title"`, u.langAttr(), `>`, escapeText(u.landmarks), "</h2>\n<ol>\n")
	for _, d := range pub.docs {
		if d.landmark != "" {
			w(`<li><a epub:type="`, d.landmark, `" href="`, xhtmlDir, d.file, `">`, escapeText(landmarkName(d.landmark, u)), "</a></li>\n")
		}
	}
	w("</ol>\n</nav>\n")

	if ts := pageTargets(pub); len(ts) > 0 {
		w(`<nav id="page-list" epub:type="page-list" role="doc-pagelist" aria-labelledby="page-list-title" hidden="hidden">`, "\n")
		w(`<h2 id="page-list-title"`, u.langAttr(), `>`, escapeText(u.pages), "</h2>\n<ol>\n")
		for _, t := range ts {
			w(`<li><a href="`, escapeAttr(t.href), `">`, escapeText(t.folio), "</a></li>\n")
		}
		w("</ol>\n</nav>\n")
	}
	w("</body>\n</html>\n")
	return sb.String()
}

func landmarkName(typ string, u uiText) string {
	switch typ {
	case "cover":
		return u.cover
	case "titlepage":
		return u.titlePage
	case "bodymatter":
		return u.start
	case "copyright-page":
		return u.copyright
	case "toc":
		return u.contents
	}
	return typ
}

// ncxDocument writes toc.ncx for EPUB 2 reading systems: the identifier
// as dtb:uid, the real depth, the navigation map and the page list, with
// play orders following the reading order.
func ncxDocument(b *build.Book, pub *publication) string {
	u := pub.ui
	var sb strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&sb, format, args...) }
	ts := pageTargets(pub)
	maxPage := 0
	for _, t := range ts {
		if n, err := strconv.Atoi(t.folio); err == nil && n > maxPage {
			maxPage = n
		}
	}
	sb.WriteString(opfXMLHead)
	w("<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"%s\">\n", escapeAttr(b.Meta.Language))
	sb.WriteString("  <head>\n")
	w("    <meta name=\"dtb:uid\" content=\"%s\"/>\n", escapeAttr(b.Meta.Identifier))
	w("    <meta name=\"dtb:depth\" content=\"1\"/>\n")
	w("    <meta name=\"dtb:totalPageCount\" content=\"%d\"/>\n", len(ts))
	w("    <meta name=\"dtb:maxPageNumber\" content=\"%d\"/>\n", maxPage)
	sb.WriteString("  </head>\n")
	w("  <docTitle><text>%s</text></docTitle>\n", escapeText(fullTitle(b.Meta)))
	for _, a := range b.Meta.Authors {
		w("  <docAuthor><text>%s</text></docAuthor>\n", escapeText(a.Name))
	}
	order := 0
	var nav, pages strings.Builder
	for _, d := range pub.docs {
		if d.tocTitle != "" {
			order++
			fmt.Fprintf(&nav, "    <navPoint id=\"navpoint-%d\" playOrder=\"%d\">\n      <navLabel><text>%s</text></navLabel>\n      <content src=\"%s\"/>\n    </navPoint>\n",
				order, order, escapeText(d.tocTitle), xhtmlDir+d.file)
		}
		for _, f := range d.pages {
			order++
			typ := "normal"
			value := ""
			if _, err := strconv.Atoi(f); err == nil {
				value = ` value="` + f + `"`
			} else if isRoman(f) {
				typ = "front"
			} else {
				typ = "special"
			}
			fmt.Fprintf(&pages, "    <pageTarget id=\"pagetarget-%s\" type=\"%s\"%s playOrder=\"%d\">\n      <navLabel><text>%s</text></navLabel>\n      <content src=\"%s\"/>\n    </pageTarget>\n",
				f, typ, value, order, escapeText(f), escapeAttr(xhtmlDir+d.file+"#"+pageID(f)))
		}
	}
	w("  <navMap>\n%s  </navMap>\n", nav.String())
	if len(ts) > 0 {
		w("  <pageList>\n    <navLabel><text>%s</text></navLabel>\n%s  </pageList>\n", escapeText(u.pages), pages.String())
	}
	sb.WriteString("</ncx>\n")
	return sb.String()
}

func fullTitle(m build.Meta) string {
	if m.Subtitle == "" {
		return m.Title
	}
	return m.Title + ": " + m.Subtitle
}

func isRoman(s string) bool {
	return s != "" && strings.Trim(strings.ToLower(s), "ivxlcdm") == ""
}

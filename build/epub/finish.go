package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"octavo/build"
)

// Where go-epub puts things.
const (
	rootDir    = "EPUB/"
	xhtmlDir   = "xhtml/"
	opfPath    = rootDir + "package.opf"
	navPath    = rootDir + "nav.xhtml"
	ncxPath    = rootDir + "toc.ncx"
	mimeType   = "application/epub+zip"
	opfXMLHead = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
)

// finish rewrites go-epub's container: see the package comment.
func finish(raw []byte, b *build.Book, pub *publication) ([]byte, error) {
	files, err := readZip(raw)
	if err != nil {
		return nil, err
	}
	listed, err := goepubManifest(files[opfPath])
	if err != nil {
		return nil, err
	}
	// go-epub's manifest, its nav and ncx, and the files it wrote must agree.
	for name := range files {
		if name == "mimetype" || strings.HasPrefix(name, "META-INF/") || name == opfPath {
			continue
		}
		if !slices.Contains(listed, strings.TrimPrefix(name, rootDir)) {
			return nil, fmt.Errorf("epub: go-epub wrote %s without listing it", name)
		}
	}
	for _, href := range listed {
		if _, ok := files[rootDir+href]; !ok {
			return nil, fmt.Errorf("epub: go-epub listed %s without writing it", href)
		}
	}

	lang := b.Meta.Language
	for _, d := range pub.docs {
		name := rootDir + xhtmlDir + d.file
		patched, err := patchDocument(files[name], d, lang)
		if err != nil {
			return nil, fmt.Errorf("epub: %s: %w", d.file, err)
		}
		files[name] = patched
	}
	files[navPath] = []byte(navDocument(b, pub))
	files[ncxPath] = []byte(ncxDocument(b, pub))

	var hrefs []string
	for name := range files {
		if name == "mimetype" || strings.HasPrefix(name, "META-INF/") || name == opfPath {
			continue
		}
		if !strings.HasPrefix(name, rootDir) {
			return nil, fmt.Errorf("epub: unexpected file %s", name)
		}
		hrefs = append(hrefs, strings.TrimPrefix(name, rootDir))
	}
	slices.Sort(hrefs)
	opf, err := packageDocument(b, pub, hrefs)
	if err != nil {
		return nil, err
	}
	files[opfPath] = []byte(opf)
	return writeZip(files, b.Meta.Modified)
}

func readZip(raw []byte) (map[string][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, fmt.Errorf("epub: reading go-epub's output: %w", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("epub: reading go-epub's output: %w", err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("epub: reading go-epub's output: %w", err)
		}
		files[f.Name] = data
	}
	for _, need := range []string{"mimetype", "META-INF/container.xml", opfPath, navPath, ncxPath} {
		if _, ok := files[need]; !ok {
			return nil, fmt.Errorf("epub: go-epub wrote no %s", need)
		}
	}
	if string(files["mimetype"]) != mimeType {
		return nil, fmt.Errorf("epub: go-epub's mimetype is %q", files["mimetype"])
	}
	return files, nil
}

// goepubManifest returns the hrefs of go-epub's manifest.
func goepubManifest(opf []byte) ([]string, error) {
	var p struct {
		Items []struct {
			Href string `xml:"href,attr"`
		} `xml:"manifest>item"`
	}
	if err := xml.Unmarshal(opf, &p); err != nil {
		return nil, fmt.Errorf("epub: go-epub's package document: %w", err)
	}
	var hrefs []string
	for _, it := range p.Items {
		hrefs = append(hrefs, it.Href)
	}
	return hrefs, nil
}

var (
	htmlStart = []byte(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">`)
	bodyStart = []byte(`<body dir="auto">`)
	titleRE   = regexp.MustCompile(`<title dir="auto">[^<]*</title>`)
)

// patchDocument gives a go-epub content document its language, its title
// and its body's structural semantics, after checking that the body is
// the one rendered here.
func patchDocument(data []byte, d *doc, lang string) ([]byte, error) {
	if !bytes.Contains(data, []byte(d.body)) {
		return nil, fmt.Errorf("go-epub changed the document's body")
	}
	if bytes.Count(data, htmlStart) != 1 || bytes.Count(data, bodyStart) != 1 || len(titleRE.FindAllIndex(data, -1)) != 1 {
		return nil, fmt.Errorf("go-epub's document does not have the expected form")
	}
	l := escapeAttr(lang)
	data = bytes.Replace(data, htmlStart, []byte(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="`+l+`" xml:lang="`+l+`">`), 1)
	data = bytes.Replace(data, bodyStart, []byte(`<body dir="auto" epub:type="`+d.matter+`">`), 1)
	loc := titleRE.FindIndex(data)
	title := []byte(`<title dir="auto">` + escapeText(d.title) + `</title>`)
	return slices.Concat(data[:loc[0]], title, data[loc[1]:]), nil
}

// writeZip writes the container: mimetype first and stored with no extra
// field, then META-INF, the package document and the rest in name order,
// all with the same date in the legacy MS-DOS fields only (setting
// FileHeader.Modified adds an extended timestamp field, which EPUBCheck
// refuses on mimetype).
func writeZip(files map[string][]byte, modified time.Time) ([]byte, error) {
	var names []string
	for name := range files {
		if name != "mimetype" {
			names = append(names, name)
		}
	}
	rank := func(n string) int {
		switch {
		case strings.HasPrefix(n, "META-INF/"):
			return 0
		case n == opfPath:
			return 1
		}
		return 2
	}
	slices.SortFunc(names, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	date, tim := dosDateTime(modified)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	mt := []byte(mimeType)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               "mimetype",
		Method:             zip.Store,
		ModifiedDate:       date,
		ModifiedTime:       tim,
		CRC32:              crc32.ChecksumIEEE(mt),
		CompressedSize64:   uint64(len(mt)),
		UncompressedSize64: uint64(len(mt)),
	})
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(mt); err != nil {
		return nil, err
	}
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{
			Name:         name,
			Method:       zip.Deflate,
			ModifiedDate: date,
			ModifiedTime: tim,
		})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(files[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// dosDateTime returns t (UTC) in MS-DOS date and time form, clamped to the
// years the form can hold.
func dosDateTime(t time.Time) (date, tim uint16) {
	t = t.UTC()
	switch {
	case t.Year() < 1980:
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	case t.Year() > 2107:
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tim = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tim
}

// mediaType returns the media type of a file in the container by its name.
func mediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".xhtml":
		return "application/xhtml+xml"
	case ".ncx":
		return "application/x-dtbncx+xml"
	case ".css":
		return "text/css"
	case ".ttf":
		return "font/ttf"
	case ".woff":
		return "font/woff"
	case ".woff2":
		return "font/woff2"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	}
	return ""
}

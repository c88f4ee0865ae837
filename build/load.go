package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Limits on what Load reads. A book is far smaller; the limits keep a
// mistaken or hostile input from exhausting memory.
const (
	MaxManifestSize = 8 << 20  // bytes in book.yaml
	MaxFileSize     = 8 << 20  // bytes in one Markdown file
	MaxCoverSize    = 20 << 20 // bytes in a cover image
	MaxNodes        = 200_000  // YAML nodes visited, aliases expanded
	// MaxText is the bytes of text decoded in all: the manifest's values and
	// the files it names, counted each time they are used (an alias, a file
	// named twice), so that a small manifest cannot expand into gigabytes.
	MaxText = 32 << 20
)

// maxText and maxNodes are MaxText and MaxNodes; the fuzz targets lower
// them (instrumented for fuzzing, expanding an alias bomb to the limits takes
// seconds, and minimizing one takes minutes).
var maxText, maxNodes = MaxText, MaxNodes

// maxTextProblems is how many bad characters one file reports before the
// rest are summed up in one line.
const maxTextProblems = 10

// Options are the loader's inputs from the environment, read by main.
type Options struct {
	// Epoch, when set, is the edition's revision time (SOURCE_DATE_EPOCH);
	// it wins over the manifest's `modified`.
	Epoch *time.Time
	// Unprintable, when set, says why the print edition cannot set a
	// character (e.g. "is not in the font …"), or "" when it can. Load
	// then reports every such character of the book's text at its exact
	// place. main passes the PDF builder's answer.
	Unprintable func(r rune) string
}

// Load reads the manifest at path and every file it names, validates all of
// it, and returns the content model. Bad input gives Problems, listing every
// problem found with its place.
func Load(path string, opt Options) (*Book, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Problems{{Pos: Pos{File: path}, Msg: describeOpenError(err)}}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, Problems{{Pos: Pos{File: path}, Msg: "is a folder, not a manifest"}}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxManifestSize+1))
	if err != nil {
		return nil, Problems{{Pos: Pos{File: path}, Msg: "cannot read: " + errText(err)}}
	}
	if len(data) > MaxManifestSize {
		return nil, Problems{{Pos: Pos{File: path}, Msg: fmt.Sprintf("manifest is larger than %d MiB; no book is that large", MaxManifestSize>>20)}}
	}
	dir := filepath.Dir(path)
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, Problems{{Pos: Pos{File: path}, Msg: "cannot open the manifest's folder: " + errText(err)}}
	}
	defer root.Close()
	return Decode(data, path, root.FS(), opt)
}

// Decode is Load for a manifest already in memory: name is used in
// messages and for the default output name; files named by the manifest
// are read from fsys (the manifest's folder).
func Decode(data []byte, name string, fsys fs.FS, opt Options) (*Book, error) {
	d := &decoder{file: name, fsys: fsys, opt: opt}
	b := d.decode(data)
	if err := d.errs.err(); err != nil {
		return nil, err
	}
	return b, nil
}

func describeOpenError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return errText(err)
}

// errText is an error's text without the path Go's os errors repeat.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// checkText reports invalid UTF-8 and control characters in raw input,
// with their line and column, and strips a byte-order mark. It returns the
// text with CRLF line ends made LF, or ok=false when the text is unusable.
func checkText(data []byte, file string, e *errs) ([]byte, bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	n := 0
	var more Pos // where the first unlisted problem is
	add := func(line, col int, format string, args ...any) {
		n++
		switch {
		case n <= maxTextProblems:
			e.add(Pos{file, line, col}, format, args...)
		case n == maxTextProblems+1:
			more = Pos{file, line, col}
		}
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			add(line, col, "invalid UTF-8 (byte 0x%02x); save the file as UTF-8", data[i])
		case r == '\n':
			line, col = line+1, 0
		case r == '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				break
			}
			add(line, col, "a carriage return (U+000D) without a line feed; save the file with LF or CRLF line ends")
		case r == '\t':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			add(line, col, "control character U+%04X is not allowed in text", r)
		case r == 0xFEFF:
			add(line, col, "a byte-order mark (U+FEFF) inside the text; remove it")
		}
		i += size
		col++
	}
	if n > maxTextProblems {
		e.add(more, "%d more bad characters in the file from here on (the first %d are listed above)", n-maxTextProblems, maxTextProblems)
	}
	return bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), n == 0
}

// badRune returns the first character of decoded text that a book may not
// hold (a control character, a byte-order mark, invalid UTF-8), or -1. It
// catches what YAML escapes ("\x1b", "\0") put into a value.
func badRune(s string) rune {
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return r
			}
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xFEFF:
			return r
		}
	}
	return -1
}

// decoder holds the state of one Decode.
type decoder struct {
	file  string
	fsys  fs.FS
	opt   Options
	errs  errs
	nodes int
	text  int // bytes of text decoded, against MaxText
	ids   map[string]Pos
	lines [][]byte // the manifest's lines, for positions inside block scalars
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Col: n.Column} }

func (d *decoder) decode(data []byte) *Book {
	data, ok := checkText(data, d.file, &d.errs)
	if !ok {
		return nil
	}
	d.lines = bytes.Split(data, []byte("\n"))
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.errs.add(Pos{File: d.file, Line: 1, Col: 1}, "the manifest is empty; it needs at least title, language, identifier, authors, chapters and rights")
			return nil
		}
		d.yamlError(data, err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.errs.add(d.pos(&extra), "a second YAML document; a manifest is one document")
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		d.errs.add(Pos{File: d.file, Line: 1, Col: 1}, "not a YAML mapping")
		return nil
	}
	return d.book(doc.Content[0])
}

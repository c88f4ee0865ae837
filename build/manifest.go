package build

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// field is one key a mapping may have and what decodes its value.
type field struct {
	name string
	fn   func(key, val *yaml.Node)
}

// resolve follows aliases and counts nodes against MaxNodes, so that an
// alias bomb is refused instead of expanded. It returns nil past the limit.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	d.nodes++
	if d.nodes == maxNodes+1 {
		d.errs.stop(d.pos(n), "the manifest expands to more than %d YAML nodes (aliases counted each time they are used); no book needs that many", maxNodes)
	}
	if d.nodes > maxNodes {
		return nil
	}
	return n
}

// mapping decodes a mapping with the given keys; unknown and repeated keys
// are problems. It returns the key nodes seen, by name.
func (d *decoder) mapping(n *yaml.Node, what string, fields []field) map[string]*yaml.Node {
	seen := map[string]*yaml.Node{}
	if n = d.resolve(n); n == nil {
		return seen
	}
	if n.Kind != yaml.MappingNode {
		d.errs.add(d.pos(n), "%s must be a mapping of keys to values, not %s", what, kindName(n))
		return seen
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errs.add(d.pos(k), "%s: a key must be a plain name", what)
			continue
		}
		if k.Value == "<<" {
			d.errs.add(d.pos(k), "%s: YAML merge keys (<<) are not supported; write the keys out", what)
			continue
		}
		var f *field
		for j := range fields {
			if fields[j].name == k.Value {
				f = &fields[j]
			}
		}
		if f == nil {
			msg := fmt.Sprintf("%s: unknown key %q", what, k.Value)
			if s := closest(k.Value, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += " (known keys: " + strings.Join(names, ", ") + ")"
			}
			d.errs.add(d.pos(k), "%s", msg)
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			d.errs.add(d.pos(k), "%s: key %q given twice (first at line %d)", what, k.Value, prev.Line)
			continue
		}
		seen[k.Value] = k
		f.fn(k, v)
	}
	return seen
}

// require reports the required keys missing from a mapping.
func (d *decoder) require(n *yaml.Node, what string, seen map[string]*yaml.Node, keys ...string) {
	if n = derefNode(n); n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for _, k := range keys {
		if seen[k] == nil {
			d.errs.add(d.pos(n), "%s: missing required key %q", what, k)
		}
	}
}

// spend counts size bytes of decoded text against MaxText; past the limit
// it reports the problem once and returns false.
func (d *decoder) spend(size int, n *yaml.Node) bool {
	d.text += size
	if d.text > maxText {
		if d.text-size <= maxText {
			pos := Pos{File: d.file, Line: 1, Col: 1}
			if n != nil {
				pos = d.pos(n)
			}
			d.errs.stop(pos, "the book's text comes to more than %d MiB (aliases and files counted each time they are used); no book is that large", maxText>>20)
		}
		return false
	}
	return true
}

func derefNode(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// str decodes a scalar as text. Numbers are accepted as their text; null,
// lists and mappings are problems.
func (d *decoder) str(n *yaml.Node, what string) (string, bool) {
	if n = d.resolve(n); n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		d.errs.add(d.pos(n), "%s must be text, not %s", what, kindName(n))
		return "", false
	}
	if n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
		d.errs.add(d.pos(n), "%s is empty", what)
		return "", false
	}
	if n.Tag == "!!binary" {
		d.errs.add(d.pos(n), "%s must be text, not binary data", what)
		return "", false
	}
	if r := badRune(n.Value); r == utf8.RuneError {
		d.errs.add(d.pos(n), "%s holds invalid UTF-8", what)
		return "", false
	} else if r >= 0 {
		d.errs.add(d.pos(n), "%s: control character U+%04X is not allowed in text", what, r)
		return "", false
	}
	if !d.spend(len(n.Value), n) {
		return "", false
	}
	return n.Value, true
}

// line decodes a one-line text: typography applied, white space folded.
func (d *decoder) line(n *yaml.Node, what string) (string, bool) {
	s, ok := d.str(n, what)
	if !ok {
		return "", false
	}
	d.printableValue(derefNode(n), s, what)
	return Typogrify(strings.Join(strings.Fields(s), " ")), true
}

func (d *decoder) boolean(n *yaml.Node, what string) (bool, bool) {
	if n = d.resolve(n); n == nil {
		return false, false
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.errs.add(d.pos(n), "%s must be true or false", what)
		return false, false
	}
	return n.Value == "true", true
}

func (d *decoder) seq(n *yaml.Node, what string) []*yaml.Node {
	if n = d.resolve(n); n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errs.add(d.pos(n), "%s must be a list, not %s", what, kindName(n))
		return nil
	}
	return n.Content
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

var (
	dateRE   = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	langRE   = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|\d{3}))?(-([A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*$`)
	outputRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	idRE     = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
)

func (d *decoder) book(root *yaml.Node) *Book {
	b := &Book{Labels: Labels{Question: "Q.", Answer: "A."}, Print: defaultPrint()}
	m := &b.Meta
	var modified *time.Time
	var rightsNode *yaml.Node
	d.ids = map[string]Pos{}
	seen := d.mapping(root, "manifest", []field{
		{"title", func(_, v *yaml.Node) { m.Title, _ = d.line(v, "title") }},
		{"subtitle", func(_, v *yaml.Node) { m.Subtitle, _ = d.line(v, "subtitle") }},
		{"language", func(_, v *yaml.Node) {
			if s, ok := d.str(v, "language"); ok {
				if !langRE.MatchString(s) {
					d.errs.add(d.pos(v), "language %q is not a BCP 47 language tag such as en, en-GB or fr", s)
				}
				m.Language = s
			}
		}},
		{"identifier", func(_, v *yaml.Node) {
			if s, ok := d.str(v, "identifier"); ok {
				if strings.ContainsAny(s, " \t\n") {
					d.errs.add(d.pos(v), "identifier %q must not contain spaces (use e.g. urn:uuid:… or urn:isbn:…)", s)
				}
				m.Identifier = s
			}
		}},
		{"date", func(_, v *yaml.Node) {
			if s, ok := d.str(v, "date"); ok {
				if _, err := parseDate(s); err != nil {
					d.errs.add(d.pos(v), "date %q: %v", s, err)
				}
				m.Date = s
			}
		}},
		{"modified", func(_, v *yaml.Node) {
			if s, ok := d.str(v, "modified"); ok {
				t, err := parseInstant(s)
				if err != nil {
					d.errs.add(d.pos(v), "modified %q: %v", s, err)
				} else {
					modified = &t
				}
			}
		}},
		{"output", func(_, v *yaml.Node) {
			if s, ok := d.str(v, "output"); ok {
				if !outputRE.MatchString(s) || strings.HasSuffix(s, ".") {
					d.errs.add(d.pos(v), "output %q must be a plain file name without folders: letters, digits, '.', '-' and '_'", s)
				}
				m.Output = s
			}
		}},
		{"authors", func(_, v *yaml.Node) {
			for _, a := range d.seq(v, "authors") {
				if p, ok := d.person(a, "author"); ok {
					m.Authors = append(m.Authors, p)
				}
			}
			if n := derefNode(v); n != nil && n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
				d.errs.add(d.pos(v), "authors: the list is empty; name at least one author")
			}
		}},
		{"contributors", func(_, v *yaml.Node) {
			for _, c := range d.seq(v, "contributors") {
				if p, ok := d.contributor(c); ok {
					m.Contributors = append(m.Contributors, p)
				}
			}
		}},
		{"publisher", func(_, v *yaml.Node) { m.Publisher, _ = d.line(v, "publisher") }},
		{"source", func(_, v *yaml.Node) { m.Source = d.source(v) }},
		{"description", func(_, v *yaml.Node) { m.Description, _ = d.line(v, "description") }},
		{"subjects", func(_, v *yaml.Node) {
			for _, s := range d.seq(v, "subjects") {
				if t, ok := d.line(s, "subject"); ok {
					m.Subjects = append(m.Subjects, t)
				}
			}
		}},
		{"labels", func(_, v *yaml.Node) {
			d.mapping(v, "labels", []field{
				{"question", func(_, v *yaml.Node) {
					if s, ok := d.line(v, "labels.question"); ok {
						b.Labels.Question = s
					}
				}},
				{"answer", func(_, v *yaml.Node) {
					if s, ok := d.line(v, "labels.answer"); ok {
						b.Labels.Answer = s
					}
				}},
			})
		}},
		{"front", func(_, v *yaml.Node) { b.Front = d.sections(v, "front", FrontMatter) }},
		{"chapters", func(_, v *yaml.Node) {
			b.Chapters = d.sections(v, "chapters", Chapter)
			if n := derefNode(v); n != nil && n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
				d.errs.add(d.pos(v), "chapters: the list is empty; a book needs at least one chapter")
			}
		}},
		{"back", func(_, v *yaml.Node) { b.Back = d.sections(v, "back", BackMatter) }},
		{"rights", func(_, v *yaml.Node) {
			rightsNode = v
			if s, ok := d.str(v, "rights"); ok {
				b.Rights = d.markdown(s, v, "rights")
			}
		}},
		{"emendations", func(_, v *yaml.Node) {
			for _, e := range d.seq(v, "emendations") {
				if em, ok := d.emendation(e); ok {
					b.Emendations = append(b.Emendations, em)
				}
			}
		}},
		{"print", func(_, v *yaml.Node) { d.print(v, &b.Print) }},
		{"epub", func(_, v *yaml.Node) {
			d.mapping(v, "epub", []field{
				{"embed_fonts", func(_, v *yaml.Node) { b.EPUB.EmbedFonts, _ = d.boolean(v, "epub.embed_fonts") }},
			})
		}},
		{"cover", func(_, v *yaml.Node) { b.Cover = d.cover(v) }},
	})
	d.require(root, "manifest", seen, "title", "language", "identifier", "authors", "chapters", "rights")
	_ = rightsNode

	if m.Output == "" {
		base := filepath.Base(d.file)
		m.Output = strings.TrimSuffix(base, filepath.Ext(base))
	}
	switch {
	case d.opt.Epoch != nil:
		m.Modified = d.opt.Epoch.UTC()
	case modified != nil:
		m.Modified = *modified
	case m.Date != "":
		if t, err := parseDate(m.Date); err == nil {
			m.Modified = t
		}
	}
	if len(b.Emendations) > 0 {
		b.Back = append(b.Back, transcriberNote(b.Emendations, &d.errs, d.ids))
	}
	return b
}

// parseDate reads YYYY, YYYY-MM or YYYY-MM-DD.
func parseDate(s string) (time.Time, error) {
	if !dateRE.MatchString(s) {
		return time.Time{}, fmt.Errorf("write the date as YYYY, YYYY-MM or YYYY-MM-DD")
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(s)]
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("no such date")
	}
	return t, nil
}

// parseInstant reads a revision date: YYYY-MM-DD or an RFC 3339 time.
func parseInstant(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("write it as YYYY-MM-DD or as an RFC 3339 time (2026-11-26T12:00:00Z)")
}

func (d *decoder) person(n *yaml.Node, what string) (Person, bool) {
	if r := derefNode(n); r != nil && r.Kind == yaml.ScalarNode {
		s, ok := d.line(n, what)
		return Person{Name: s}, ok
	}
	var p Person
	seen := d.mapping(n, what, []field{
		{"name", func(_, v *yaml.Node) { p.Name, _ = d.line(v, what+" name") }},
		{"file_as", func(_, v *yaml.Node) { p.FileAs, _ = d.line(v, what+" file_as") }},
	})
	d.require(n, what, seen, "name")
	return p, p.Name != ""
}

var roles = []string{string(Translator), string(Transcriber), string(Editor), string(Proofreader), string(Illustrator)}

func (d *decoder) contributor(n *yaml.Node) (Contributor, bool) {
	var c Contributor
	seen := d.mapping(n, "contributor", []field{
		{"name", func(_, v *yaml.Node) { c.Name, _ = d.line(v, "contributor name") }},
		{"file_as", func(_, v *yaml.Node) { c.FileAs, _ = d.line(v, "contributor file_as") }},
		{"role", func(_, v *yaml.Node) {
			if s, ok := d.str(v, "contributor role"); ok {
				c.Role = Role(s)
				if c.Role.MARC() == "" {
					msg := fmt.Sprintf("contributor role %q is not one of %s", s, strings.Join(roles, ", "))
					if g := closest(s, roles); g != "" {
						msg += fmt.Sprintf(" (did you mean %q?)", g)
					}
					d.errs.add(d.pos(v), "%s", msg)
				}
			}
		}},
	})
	d.require(n, "contributor", seen, "name", "role")
	return c, c.Name != "" && c.Role.MARC() != ""
}

func (d *decoder) source(n *yaml.Node) *Source {
	s := &Source{}
	seen := d.mapping(n, "source", []field{
		{"title", func(_, v *yaml.Node) {
			if t, ok := d.str(v, "source title"); ok {
				s.Title = d.inlineMarkdown(t, v, "source title")
			}
		}},
		{"url", func(_, v *yaml.Node) {
			if u, ok := d.str(v, "source url"); ok {
				if !isWebURL(u) {
					d.errs.add(d.pos(v), "source url %q must be an http or https address", u)
				}
				s.URL = u
			}
		}},
	})
	d.require(n, "source", seen, "title")
	return s
}

func isWebURL(u string) bool {
	return (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")) && !strings.ContainsAny(u, " \t\n<>\"") && badRune(u) < 0
}

func (d *decoder) emendation(n *yaml.Node) (Emendation, bool) {
	e := Emendation{Pos: d.pos(derefNode(n))}
	seen := d.mapping(n, "emendation", []field{
		{"original", func(_, v *yaml.Node) { e.Original, _ = d.str(v, "emendation original") }},
		{"corrected", func(_, v *yaml.Node) { e.Corrected, _ = d.str(v, "emendation corrected") }},
		{"note", func(_, v *yaml.Node) { e.Note, _ = d.line(v, "emendation note") }},
	})
	d.require(n, "emendation", seen, "original", "corrected", "note")
	if e.Original != "" && e.Original == e.Corrected {
		d.errs.add(e.Pos, "emendation: original and corrected are the same text")
	}
	return e, e.Original != "" && e.Corrected != "" && e.Note != ""
}

func (d *decoder) sections(n *yaml.Node, what string, kind SectionKind) []*Section {
	var out []*Section
	prefix := map[SectionKind]string{FrontMatter: "front", Chapter: "chapter", BackMatter: "back"}[kind]
	for i, sn := range d.seq(n, what) {
		s := &Section{Kind: kind, ID: fmt.Sprintf("%s%02d", prefix, i+1)}
		if r := derefNode(sn); r != nil {
			s.Pos = d.pos(r)
		}
		label := fmt.Sprintf("%s[%d]", what, i+1)
		var body, file, qa, idNode *yaml.Node
		seen := d.mapping(sn, label, []field{
			{"title", func(_, v *yaml.Node) {
				s.Title, _ = d.line(v, label+" title")
				if s.Title != "" {
					label = fmt.Sprintf("%s %q", prefix, s.Title)
				}
			}},
			{"id", func(_, v *yaml.Node) {
				idNode = v
				if id, ok := d.str(v, label+" id"); ok {
					if !idRE.MatchString(id) {
						d.errs.add(d.pos(v), "%s: id %q must start with a lower-case letter and hold only a-z, 0-9 and '-'", label, id)
					}
					s.ID = id
				}
			}},
			{"body", func(_, v *yaml.Node) { body = v }},
			{"file", func(_, v *yaml.Node) { file = v }},
			{"qa", func(_, v *yaml.Node) { qa = v }},
		})
		d.require(sn, label, seen, "title")
		idPos := s.Pos
		if idNode != nil {
			idPos = d.pos(derefNode(idNode))
		}
		if prev, dup := d.ids[s.ID]; dup {
			d.errs.add(idPos, "%s: section id %q is already used on line %d", label, s.ID, prev.Line)
		} else {
			d.ids[s.ID] = idPos
		}
		if body != nil && file != nil {
			d.errs.add(d.pos(file), "%s: give either body or file, not both", label)
		}
		if body != nil {
			if t, ok := d.str(body, label+" body"); ok {
				s.Blocks = d.markdown(t, body, label)
			}
		}
		if file != nil && body == nil {
			s.Blocks = d.markdownFile(file, label)
		}
		if qa != nil {
			for j, en := range d.seq(qa, label+" qa") {
				s.Exchanges = append(s.Exchanges, d.exchange(en, fmt.Sprintf("%s: exchange %d", label, j+1)))
			}
			if r := derefNode(qa); r != nil && r.Kind == yaml.SequenceNode && len(r.Content) == 0 {
				d.errs.add(d.pos(qa), "%s: qa is an empty list", label)
			}
		}
		if body == nil && file == nil && qa == nil && derefNode(sn) != nil && derefNode(sn).Kind == yaml.MappingNode {
			d.errs.add(s.Pos, "%s has no content: give body, file or qa", label)
		}
		out = append(out, s)
	}
	return out
}

func (d *decoder) exchange(n *yaml.Node, label string) Exchange {
	ex := Exchange{}
	if r := derefNode(n); r != nil {
		ex.Pos = d.pos(r)
	}
	seen := d.mapping(n, label, []field{
		{"q", func(_, v *yaml.Node) {
			if t, ok := d.str(v, label+" question"); ok {
				ex.Question = d.markdown(t, v, label)
			}
		}},
		{"a", func(_, v *yaml.Node) {
			if t, ok := d.str(v, label+" answer"); ok {
				ex.Answer = d.markdown(t, v, label)
			}
		}},
	})
	if r := derefNode(n); r != nil && r.Kind == yaml.MappingNode {
		if seen["q"] == nil {
			d.errs.add(ex.Pos, "%s has no question (q)", label)
		}
		if seen["a"] == nil {
			d.errs.add(ex.Pos, "%s has no answer (a)", label)
		}
	}
	return ex
}

// closest returns the known name nearest to s when it is a plausible
// misspelling (edit distance at most 2, or a third of its length).
func closest(s string, names []string) string {
	best, bestD := "", 3
	if l := len(s) / 3; l > bestD {
		bestD = l
	}
	for _, n := range names {
		if dist := editDistance(strings.ToLower(s), n); dist < bestD {
			best, bestD = n, dist
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// yamlError turns a yaml.v3 syntax error into a problem at the line where
// the text stops being YAML. yaml.v3 only gives the line of the construct
// the error was found in (a mapping, a flow list), zero-based for parser
// errors and one-based for scanner errors; the line at fault is found by
// parsing ever longer beginnings of the text from there on until one fails
// with the same message.
func (d *decoder) yamlError(data []byte, err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	ctx := 0 // the construct's line, one-based; 0 when not known
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if j := strings.Index(rest, ": "); j > 0 {
			if n, e := strconv.Atoi(rest[:j]); e == nil {
				ctx, msg = n, rest[j+2:]
				if parserErrors[msg] {
					ctx++
				}
			}
		}
	}
	line := d.failingLine(data, msg, max(ctx, 1))
	text := "not valid YAML: " + msg
	if ctx > 0 && ctx < line {
		text += fmt.Sprintf(" (in the part that begins on line %d; check the indentation and brackets)", ctx)
	}
	col := 1
	if line-1 < len(d.lines) {
		l := d.lines[line-1]
		if i := bytes.IndexByte(l, '\t'); i >= 0 && len(bytes.TrimLeft(l[:i], " ")) == 0 {
			col = i + 1
		} else {
			col = utf8.RuneCount(l) - utf8.RuneCount(bytes.TrimLeft(l, " ")) + 1
		}
	}
	d.errs.add(Pos{File: d.file, Line: line, Col: col}, "%s", text)
}

// parserErrors are yaml.v3's parser (not scanner) problems, whose line
// numbers it gives zero-based.
var parserErrors = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// failingLine returns the first line from start on such that the text up to
// and including it fails to parse with msg. It gives up (returning start)
// after a bounded amount of work.
func (d *decoder) failingLine(data []byte, msg string, start int) int {
	const budget = 4 << 20 // bytes parsed in the search
	spent := 0
	off := 0 // byte offset of the end of line `line`
	for line := 1; line <= len(d.lines); line++ {
		off += len(d.lines[line-1]) + 1
		if line < start {
			continue
		}
		end := min(off, len(data))
		if spent += end; spent > budget {
			break
		}
		var n yaml.Node
		err := yaml.Unmarshal(data[:end], &n)
		if err != nil && strings.HasSuffix(err.Error(), msg) {
			return line
		}
	}
	return start
}

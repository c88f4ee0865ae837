package build

import "time"

// Book is the content model: everything a builder needs, decoded and
// validated once by Load. Builders read it and never change it; they never
// see YAML or Markdown.
type Book struct {
	Meta        Meta
	Labels      Labels       // the labels printed before questions and answers
	Front       []*Section   // sections before the chapters (introduction, …)
	Chapters    []*Section   // body matter, at least one
	Back        []*Section   // sections after the chapters
	Rights      []Block      // the rights notice
	Emendations []Emendation // editorial corrections made to the source
	Print       Print
	EPUB        EPUB
	Cover       *Image // the cover image, or nil
}

// Sections returns all sections in reading order: front, chapters, back.
// The rights notice is not a Section; builders place it themselves.
func (b *Book) Sections() []*Section {
	all := make([]*Section, 0, len(b.Front)+len(b.Chapters)+len(b.Back))
	all = append(all, b.Front...)
	all = append(all, b.Chapters...)
	return append(all, b.Back...)
}

// Meta is the book's bibliographic metadata.
type Meta struct {
	Title        string
	Subtitle     string
	Language     string    // BCP 47 tag, e.g. "en"
	Identifier   string    // e.g. "urn:uuid:…"; stable across rebuilds
	Date         string    // first publication: YYYY, YYYY-MM or YYYY-MM-DD
	Modified     time.Time // this edition's revision instant, UTC; from `modified` or SOURCE_DATE_EPOCH
	Output       string    // base name of the files written
	Authors      []Person
	Contributors []Contributor
	Publisher    string
	Source       *Source // where the text comes from, or nil
	Description  string
	Subjects     []string
}

// Person is an author or contributor.
type Person struct {
	Name   string
	FileAs string // sort form, "Surname, Given"; empty when not given
}

// Role is a contributor's role.
type Role string

// The contributor roles a manifest may name.
const (
	Translator  Role = "translator"
	Transcriber Role = "transcriber"
	Editor      Role = "editor"
	Proofreader Role = "proofreader"
	Illustrator Role = "illustrator"
)

// MARC returns the MARC relator code for the role (trl, trc, edt, pfr, ill).
func (r Role) MARC() string {
	switch r {
	case Translator:
		return "trl"
	case Transcriber:
		return "trc"
	case Editor:
		return "edt"
	case Proofreader:
		return "pfr"
	case Illustrator:
		return "ill"
	}
	return ""
}

// Contributor is a person with a role other than author.
type Contributor struct {
	Person
	Role Role
}

// Source names where the text was taken from.
type Source struct {
	Title []Inline // may hold emphasis (a periodical's name)
	URL   string
}

// Labels are the words printed before questions and answers.
type Labels struct {
	Question string // default "Q."
	Answer   string // default "A."
}

// Emendation is a correction the editors made to the source text.
type Emendation struct {
	Original  string
	Corrected string
	Note      string
	Pos       Pos
}

// Print holds the print edition's settings (lengths in PostScript points).
type Print struct {
	TrimName  string  // the preset name or the manifest's text, for the record
	Width     float64 // trim width
	Height    float64 // trim height
	Bleed     float64
	CropMarks bool
	FontSize  float64
}

// EPUB holds the e-book's settings.
type EPUB struct {
	EmbedFonts bool
}

// Image is a picture file read from beside the manifest.
type Image struct {
	Name      string // file name inside the book, e.g. "cover.jpg"
	MediaType string // image/jpeg or image/png
	Data      []byte
	Width     int
	Height    int
}

// SectionKind tells where a section stands in the book.
type SectionKind int

// The kinds of section.
const (
	FrontMatter SectionKind = iota
	Chapter
	BackMatter
)

// Section is one unit of the book: an introduction, a chapter, a note.
type Section struct {
	ID        string // unique, stable, usable as a file name and XML id: "ch03"
	Kind      SectionKind
	Role      string     // finer role for front/back matter: "introduction", "transcriber-note", or ""
	Title     string     // plain text, typography applied
	Blocks    []Block    // body, before any exchanges
	Exchanges []Exchange // question-and-answer exchanges, after Blocks
	Pos       Pos        // where the section starts in the manifest
}

// Exchange is one question and its answer.
type Exchange struct {
	Question []Block
	Answer   []Block
	Pos      Pos
}

// Pos is a place in an input file.
type Pos struct {
	File string
	Line int
	Col  int
}

// Block is a block-level element. The concrete types are listed below; a
// builder switches over them and treats an unknown one as a bug.
type Block interface{ block() }

// Paragraph is a paragraph of running text.
type Paragraph struct {
	Inlines []Inline
	Pos     Pos
}

// Heading is a heading inside a section's body (level 1–6 as written; the
// section title itself is not a Heading).
type Heading struct {
	Level   int
	Inlines []Inline
	Pos     Pos
}

// BlockQuote is quoted matter.
type BlockQuote struct {
	Blocks []Block
	Pos    Pos
}

// List is an ordered or bulleted list.
type List struct {
	Ordered bool
	Start   int       // first number of an ordered list
	Items   [][]Block // each item's blocks
	Pos     Pos
}

// Align is a table column's alignment.
type Align int

// Column alignments.
const (
	AlignNone Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Table is a table with one header row.
type Table struct {
	Align  []Align      // one per column
	Header [][]Inline   // one cell per column
	Rows   [][][]Inline // rows of cells; every row has len(Align) cells
	Pos    Pos
}

// SceneBreak is a break in the text (a thematic break, "* * *").
type SceneBreak struct {
	Pos Pos
}

func (*Paragraph) block()  {}
func (*Heading) block()    {}
func (*BlockQuote) block() {}
func (*List) block()       {}
func (*Table) block()      {}
func (*SceneBreak) block() {}

// Inline is an inline element. The concrete types are listed below.
type Inline interface{ inline() }

// Text is a run of plain text, typography applied (curly quotes, dashes,
// ellipses); never markup.
type Text struct{ Text string }

// Emph is emphasis (italics), also used for titles of works.
type Emph struct{ Inlines []Inline }

// Strong is strong importance (bold).
type Strong struct{ Inlines []Inline }

// Link is a hyperlink.
type Link struct {
	URL     string
	Inlines []Inline
}

// Code is a code span, printed in the text face as written.
type Code struct{ Text string }

// LineBreak is a hard line break.
type LineBreak struct{}

// Editorial is text supplied by the editors, not found in the source, such
// as a mark for a lost word. Builders set it apart (brackets, italics).
type Editorial struct{ Text string }

func (*Text) inline()      {}
func (*Emph) inline()      {}
func (*Strong) inline()    {}
func (*Link) inline()      {}
func (*Code) inline()      {}
func (*LineBreak) inline() {}
func (*Editorial) inline() {}

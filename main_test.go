package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"octavo/internal/testtool"
)

// octavo runs the command in this process, with its own writers and
// environment, and turns a panic into a test failure.
func octavo(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errw bytes.Buffer
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("octavo %s panicked: %v\n%s", strings.Join(args, " "), r, debug.Stack())
			}
		}()
		code = run(args, &out, &errw, func(k string) string { return env[k] })
	}()
	if strings.Contains(errw.String(), "goroutine ") || strings.Contains(errw.String(), "panic") {
		t.Errorf("a Go stack trace on stderr:\n%s", errw.String())
	}
	return code, out.String(), errw.String()
}

// badCase is one case of testdata/bad: NAME.yaml, or NAME/book.yaml when it
// needs companion files; NAME.want holds the exact stderr, empty when the
// manifest is sound (a byte-order mark, CRLF line ends).
type badCase struct {
	name, path, want string
}

func badCases(t *testing.T) []badCase {
	t.Helper()
	ents, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	var cases []badCase
	for _, e := range ents {
		var c badCase
		switch {
		case e.IsDir():
			c.name, c.path = e.Name(), "testdata/bad/"+e.Name()+"/book.yaml"
		case strings.HasSuffix(e.Name(), ".yaml"):
			c.name, c.path = strings.TrimSuffix(e.Name(), ".yaml"), "testdata/bad/"+e.Name()
		default:
			continue
		}
		want, err := os.ReadFile("testdata/bad/" + c.name + ".want")
		if err != nil {
			t.Fatalf("case %s: %v", c.name, err)
		}
		c.want = string(want)
		cases = append(cases, c)
	}
	return cases
}

// generatedCases are bad inputs made at test time: too large to commit, or
// a file mode git does not keep.
func generatedCases(t *testing.T) []badCase {
	dir := t.TempDir()
	write := func(name, text string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const head = "title: T\nlanguage: en\nidentifier: urn:x:1\nauthors: [A]\nrights: Public domain.\nchapters:\n  - title: One\n    file: one.md\n"
	var cases []badCase
	p := write("huge/book.yaml", head+"description: "+strings.Repeat("word ", 2<<20)+"\n", 0o644)
	cases = append(cases, badCase{"generated-huge-manifest", p, p + ": manifest is larger than 8 MiB; no book is that large\n"})
	p = write("hugefile/book.yaml", head, 0o644)
	write("hugefile/one.md", strings.Repeat("A line.\n", 1<<20+1), 0o644)
	cases = append(cases, badCase{"generated-huge-file", p, p + ":8:11: chapter \"One\" file \"one.md\" is larger than 8 MiB\n"})
	if os.Geteuid() != 0 { // root reads a file of mode 000
		p = write("unreadable/book.yaml", head, 0o644)
		write("unreadable/one.md", "Text.\n", 0o000)
		cases = append(cases, badCase{"generated-unreadable", p, p + ":8:11: chapter \"One\" file \"one.md\": permission denied\n"})
	}
	p = filepath.Join(dir, "missing.yaml")
	cases = append(cases, badCase{"generated-no-manifest", p, p + ": no such file\n"})
	cases = append(cases, badCase{"generated-manifest-folder", dir, dir + ": is a folder, not a manifest\n"})
	return cases
}

// TestBadInput runs `build` and `check` on every bad manifest: exit status
// 2, exactly the expected messages, no output file, no panic; and on the
// sound ones (good-*): exit status 0, both books written.
func TestBadInput(t *testing.T) {
	cases := badCases(t)
	bad := 0
	for _, c := range cases {
		if c.want != "" {
			bad++
		}
	}
	if bad < 40 {
		t.Errorf("only %d bad cases in testdata/bad", bad)
	}
	for _, c := range append(cases, generatedCases(t)...) {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			code, stdout, stderr := octavo(t, nil, "build", "-o", out, c.path)
			files, _ := os.ReadDir(out)
			if c.want == "" {
				if code != 0 || stderr != "" || len(files) != 2 {
					t.Fatalf("build: exit %d, %d files, stderr:\n%s", code, len(files), stderr)
				}
			} else {
				if code != exitBadInput {
					t.Errorf("build: exit %d, want %d", code, exitBadInput)
				}
				if stderr != c.want {
					t.Errorf("build: stderr\n%s\nwant\n%s", stderr, c.want)
				}
				if stdout != "" {
					t.Errorf("build: stdout %q", stdout)
				}
				for _, f := range files {
					t.Errorf("build wrote %s", f.Name())
				}
			}
			code, _, stderr = octavo(t, nil, "check", c.path)
			want := exitBadInput
			if c.want == "" {
				want = exitOK
			}
			if code != want || stderr != c.want {
				t.Errorf("check: exit %d, stderr\n%s\nwant exit %d and\n%s", code, stderr, want, c.want)
			}
		})
	}
}

// textManifest puts markup characters everywhere text goes.
const textManifest = `title: "<script>alert(1)</script> & ]]> Title &amp; Co"
subtitle: "A < B > C"
language: en
identifier: urn:uuid:9b1f7a2e-4c3d-4e5f-8a6b-7c8d9e0f1a2b
date: "1999"
authors: ["Tom & Jerry <tj@example.org>"]
labels: {question: "Q<&>", answer: "A]]>"}
description: "<b>not bold</b> & more &lt;"
subjects: ["<i>x</i>"]
chapters:
  - title: "Chapter <i>one</i> & ]]>"
    body: |
      Para \<script>alert(2)\</script> & amp, ]]> end, &amp;amp; entity, <!-- -->

      | Head \<th> | B & C |
      |---|---|
      | ]]> | &amp;lt; |
    qa:
      - q: Why \<b>?
        a: Because & ]]>.
rights: |
  Rights & \<more>.
`

// TestTextIsText builds a book whose text holds markup characters and
// checks both outputs show them as characters, never as markup.
func TestTextIsText(t *testing.T) {
	dir := t.TempDir()
	manifest := strings.Replace(textManifest, ", <!-- -->", "", 1)
	path := filepath.Join(dir, "text.yaml")
	if err := os.WriteFile(path, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if code, _, stderr := octavo(t, nil, "build", "-o", out, path); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	wantText := []string{
		"<script>alert(1)</script> & ]]> Title &amp; Co", // title: plain text, kept as written
		"A < B > C",
		"Chapter <i>one</i> & ]]>",
		"Para <script>alert(2)</script> & amp, ]]> end, &amp; entity",
		"Head <th>", "B & C", "&lt;",
		"Why <b>?", "Because & ]]>.",
		"Rights & <more>.",
		"Q<&>", "A]]>",
	}

	// EPUB: every XML file parses, no element comes from the text, and the
	// characters are in the character data.
	zr, err := zip.OpenReader(filepath.Join(out, "text.epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var all strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") && !strings.HasSuffix(f.Name, ".opf") && !strings.HasSuffix(f.Name, ".ncx") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		dec := xml.NewDecoder(bytes.NewReader(data))
		dec.Strict = true
		dec.Entity = map[string]string{} // XHTML in EPUB may use no named entities
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XML: %v", f.Name, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				if n := tok.Name.Local; n == "script" || n == "more" {
					t.Errorf("%s: element <%s> made from text", f.Name, n)
				}
			case xml.CharData:
				all.Write(tok)
				all.WriteByte('\n')
			case xml.Comment:
				t.Errorf("%s: a comment made from text: %q", f.Name, tok)
			}
		}
	}
	text := strings.Join(strings.Fields(all.String()), " ")
	for _, w := range wantText {
		if !strings.Contains(text, w) {
			t.Errorf("EPUB: %q not in the text", w)
		}
	}

	// EPUBCheck, where installed, accepts the book.
	if !testing.Short() {
		testtool.Need(t, "java")
		testtool.NeedFile(t, testtool.EPUBCheck, "EPUBCheck")
		if out, err := exec.Command("java", "-jar", testtool.EPUBCheck, filepath.Join(out, "text.epub")).CombinedOutput(); err != nil {
			t.Errorf("EPUBCheck: %v\n%s", err, out)
		}
	}

	// PDF: the text layer holds the characters.
	testtool.Need(t, "pdftotext")
	pt, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(out, "text.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// pdftotext guesses spaces from the gaps between glyphs, so the text is
	// compared without them.
	nospace := func(s string) string { return strings.Join(strings.Fields(s), "") }
	ptext := nospace(string(pt))
	for _, w := range wantText {
		if !strings.Contains(ptext, nospace(w)) {
			t.Errorf("PDF: %q not in the text", w)
		}
	}
}

// TestDeterministic builds twice (same bytes), then with two values of
// SOURCE_DATE_EPOCH: only the dates differ.
func TestDeterministic(t *testing.T) {
	build := func(epoch string) (epubData, pdfData []byte) {
		out := t.TempDir()
		env := map[string]string{}
		if epoch != "" {
			env["SOURCE_DATE_EPOCH"] = epoch
		}
		if code, _, stderr := octavo(t, env, "build", "-o", out, "book.yaml"); code != 0 {
			t.Fatalf("exit %d:\n%s", code, stderr)
		}
		var err error
		if epubData, err = os.ReadFile(filepath.Join(out, "soviet-citizen.epub")); err != nil {
			t.Fatal(err)
		}
		if pdfData, err = os.ReadFile(filepath.Join(out, "soviet-citizen.pdf")); err != nil {
			t.Fatal(err)
		}
		return
	}
	e1, p1 := build("")
	e2, p2 := build("")
	if !bytes.Equal(e1, e2) || !bytes.Equal(p1, p2) {
		t.Fatal("two builds differ")
	}

	ea, pa := build("1000000000") // 2001-09-09T01:46:40Z
	eb, pb := build("1700000000") // 2023-11-14T22:13:20Z
	if bytes.Equal(ea, eb) || bytes.Equal(pa, pb) {
		t.Error("SOURCE_DATE_EPOCH changes nothing")
	}
	// The EPUB: every entry the same but package.opf, which differs only in
	// dcterms:modified.
	entries := func(data []byte) map[string]string {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			m[f.Name] = string(b)
		}
		return m
	}
	dates := regexp.MustCompile(`2001-09-09T01:46:40Z|2023-11-14T22:13:20Z|D:20010909014640|D:20231114221320|9 September 2001|14 November 2023|2001-09-09|2023-11-14`)
	mask := func(s string) string { return dates.ReplaceAllString(s, "DATE") }
	ma, mb := entries(ea), entries(eb)
	if len(ma) != len(mb) {
		t.Fatalf("EPUBs hold %d and %d files", len(ma), len(mb))
	}
	for name, a := range ma {
		if b := mb[name]; a != b && mask(a) != mask(b) {
			t.Errorf("EPUB %s differs in more than the dates", name)
		}
	}
	opf := ""
	for name, text := range ma {
		if strings.HasSuffix(name, ".opf") {
			opf += text
		}
	}
	if !strings.Contains(opf, "<meta property=\"dcterms:modified\">2001-09-09T01:46:40Z</meta>") {
		t.Error("the EPUB's dcterms:modified is not the epoch")
	}
	// The PDF prints the edition's date, so its compressed pages differ:
	// compare the text and the document dates.
	if !bytes.Contains(pa, []byte("D:20010909014640")) || !bytes.Contains(pb, []byte("D:20231114221320")) {
		t.Error("the PDF's dates are not the epoch's")
	}
	testtool.Need(t, "pdftotext")
	text := func(data []byte) string {
		f := filepath.Join(t.TempDir(), "book.pdf")
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	if ta, tb := text(pa), text(pb); ta == tb || mask(ta) != mask(tb) {
		t.Error("the PDFs' text differs in more than the dates (or not at all)")
	}
}

// TestUnwritable: an output folder that cannot be made or written is a
// clear error, exit status 1, and no panic.
func TestUnwritable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := octavo(t, nil, "build", "-o", filepath.Join(file, "out"), "book.yaml")
	if code != exitFailure || !strings.HasPrefix(stderr, "octavo: cannot create the output folder: ") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("under a file: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = octavo(t, nil, "build", "-o", file, "book.yaml")
	if code != exitFailure || !strings.HasPrefix(stderr, "octavo: ") {
		t.Errorf("a file as the folder: exit %d, stderr %q", code, stderr)
	}
	if os.Geteuid() == 0 {
		t.Log("running as root, which writes into a read-only folder: that case is skipped")
		return
	}
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = octavo(t, nil, "build", "-o", ro, "book.yaml")
	if code != exitFailure || !strings.Contains(stderr, "permission denied") {
		t.Errorf("read-only folder: exit %d, stderr %q", code, stderr)
	}
}

// TestFullDisk: a full output folder is a clear error, exit status 1; the
// previous books stay as they were and no temporary file is left. It needs
// a small file system of its own, which only root can mount (CI runs as
// root); elsewhere it is skipped.
func TestFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	dir := t.TempDir()
	// Room for the EPUB (about 30 KiB) but not for the PDF as well.
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	old := []byte("the previous book")
	for _, name := range []string{"soviet-citizen.epub", "soviet-citizen.pdf"} {
		if err := os.WriteFile(filepath.Join(dir, name), old, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr := octavo(t, nil, "build", "-o", dir, "book.yaml")
	if code != exitFailure || !strings.HasPrefix(stderr, "octavo: cannot write ") || !strings.Contains(stderr, "no space left on device") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Errorf("the folder holds %d files after the failed build, want the 2 previous books", len(entries))
	}
	for _, e := range entries {
		if data, err := os.ReadFile(filepath.Join(dir, e.Name())); err != nil || !bytes.Equal(data, old) {
			t.Errorf("%s was changed by the failed build", e.Name())
		}
	}
}

// TestStaleTemps: temporary files of a process that no longer runs are
// removed by the next build; those of a running one stay.
func TestStaleTemps(t *testing.T) {
	out := t.TempDir()
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true command")
	}
	stale := filepath.Join(out, tempPrefix("soviet-citizen.epub")+fmt.Sprint(dead.Process.Pid)+"-123")
	live := filepath.Join(out, tempPrefix("soviet-citizen.pdf")+fmt.Sprint(os.Getppid())+"-456")
	for _, p := range []string{stale, live} {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := octavo(t, nil, "build", "-o", out, "book.yaml"); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a dead build's temporary file is left")
	}
	if _, err := os.Stat(live); err != nil {
		t.Error("a running build's temporary file was removed")
	}
}

// TestKill kills a real build process at many moments and checks that the
// outputs are always whole: the previous books or the new ones, never a
// part, and that the next build leaves no temporary file.
func TestKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and runs it many times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "octavo")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src, err := os.ReadFile("book.yaml")
	if err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(dir, "book.yaml")
	out := filepath.Join(dir, "out")
	names := []string{"soviet-citizen.epub", "soviet-citizen.pdf"}
	buildOnce := func(text []byte) (map[string][]byte, time.Duration) {
		if err := os.WriteFile(manifest, text, 0o644); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if b, err := exec.Command(bin, "build", "-o", out, manifest).CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, b)
		}
		took := time.Since(start)
		m := map[string][]byte{}
		for _, n := range names {
			if m[n], err = os.ReadFile(filepath.Join(out, n)); err != nil {
				t.Fatal(err)
			}
		}
		return m, took
	}
	changed := bytes.Replace(src, []byte("\ntitle: "), []byte("\ntitle: Revised, "), 1)
	newBooks, _ := buildOnce(changed)
	var took time.Duration
	for range 3 {
		_, d := buildOnce(changed)
		took = max(took, d)
	}
	oldBooks, _ := buildOnce(src)
	for _, n := range names {
		if bytes.Equal(oldBooks[n], newBooks[n]) {
			t.Fatalf("%s is the same for both manifests", n)
		}
	}
	if err := os.WriteFile(manifest, changed, 0o644); err != nil {
		t.Fatal(err)
	}

	const moments = 30
	span := took * 3 / 2
	var kept, replaced, mixed, temps, kills int
	for i := 0; i < moments; i++ {
		kills++
		delay := span * time.Duration(i) / moments
		cmd := exec.Command(bin, "build", "-o", out, manifest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()
		state := ""
		for _, n := range names {
			got, err := os.ReadFile(filepath.Join(out, n))
			switch {
			case err != nil:
				t.Fatalf("after a kill at %v: %v", delay, err)
			case bytes.Equal(got, oldBooks[n]):
				state += "o"
			case bytes.Equal(got, newBooks[n]):
				state += "n"
			default:
				t.Fatalf("after a kill at %v: %s is neither the old nor the new book (%d bytes)", delay, n, len(got))
			}
		}
		switch state {
		case "oo":
			kept++
		case "nn":
			replaced++
		default:
			mixed++ // killed between the two renames: each file whole
		}
		if left, _ := filepath.Glob(filepath.Join(out, ".*.tmp-*")); len(left) > 0 {
			temps++
		}
		if i == moments-1 && replaced == 0 && span < 20*took {
			// No build finished: they run slower than the timed ones
			// (a busy machine). Go again over a longer span.
			span *= 2
			i = moments / 2
		}
		// Put the previous books back for the next moment.
		for _, n := range names {
			if err := os.WriteFile(filepath.Join(out, n), oldBooks[n], 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("build takes %v; %d kills over %v: %d kept the old books, %d found the new ones, %d one of each; %d left temporary files",
		took, kills, span, kept, replaced, mixed, temps)
	if kept == 0 || replaced == 0 {
		t.Errorf("the kills did not span the build: %d kept, %d replaced", kept, replaced)
	}
	// SIGTERM: the build removes its own temporary files before it ends.
	for i := range 10 {
		delay := span * time.Duration(i) / 10
		cmd := exec.Command(bin, "build", "-o", out, manifest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		for _, n := range names {
			got, _ := os.ReadFile(filepath.Join(out, n))
			if !bytes.Equal(got, oldBooks[n]) && !bytes.Equal(got, newBooks[n]) {
				t.Fatalf("after SIGTERM at %v: %s is neither the old nor the new book", delay, n)
			}
			if err := os.WriteFile(filepath.Join(out, n), oldBooks[n], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if left, _ := filepath.Glob(filepath.Join(out, fmt.Sprintf(".*.tmp-%d-*", cmd.Process.Pid))); len(left) > 0 {
			t.Errorf("SIGTERM at %v left %v", delay, left)
		}
	}
	buildOnce(changed)
	if left, _ := filepath.Glob(filepath.Join(out, ".*")); len(left) > 0 {
		t.Errorf("temporary files left after a successful build: %v", left)
	}
	files, _ := os.ReadDir(out)
	if len(files) != len(names) {
		t.Errorf("the output folder holds %d files", len(files))
	}
}

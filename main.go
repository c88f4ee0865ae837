// Command octavo builds an EPUB 3 and a print-ready PDF from one YAML
// manifest.
//
//	octavo build [-o DIR] [-format all|epub|pdf] [-report] [MANIFEST]
//	octavo check [MANIFEST]
//	octavo version
//
// main is the only place that reads the command line, the environment and
// the clock; everything else receives what it needs.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"octavo/build"
	"octavo/build/epub"
	"octavo/build/pdf"
)

// version is set at link time (-ldflags "-X main.version=…").
var version = "0.1.0-dev"

// Exit codes.
const (
	exitOK       = 0
	exitFailure  = 1 // anything that is not the input's fault
	exitBadInput = 2 // manifest, Markdown or files it names
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

const usage = `octavo turns a YAML book manifest into an EPUB 3 and a print-ready PDF.

Usage:
  octavo build [-o DIR] [-format all|epub|pdf] [-report] [MANIFEST]
        write DIR/NAME.epub and DIR/NAME.pdf (defaults: book.yaml, out/)
  octavo check [MANIFEST]
        decode and validate the manifest only; silent when it is sound
  octavo version
        print the version

Exit status: 0 success, 2 bad input (manifest, Markdown, files it names), 1 anything else.
Environment: SOURCE_DATE_EPOCH, when set, is the edition's revision time.
The manifest format is described in docs/manifest.md.
`

// run is the whole program, callable from tests with their own arguments,
// writers and environment.
func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitBadInput
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version", "-version", "--version":
		fmt.Fprintf(stdout, "octavo %s\n", version)
		return exitOK
	case "build":
		return cmdBuild(args[1:], stdout, stderr, getenv)
	case "check":
		return cmdCheck(args[1:], stderr, getenv)
	}
	fmt.Fprintf(stderr, "octavo: unknown command %q\n\n%s", args[0], usage)
	return exitBadInput
}

// report prints an error and returns its exit code: problems with the input
// one a line, anything else as one octavo: line.
func report(stderr io.Writer, err error) int {
	var ps build.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Fprintln(stderr, p.Error())
		}
		return exitBadInput
	}
	var p build.Problem
	if errors.As(err, &p) {
		fmt.Fprintln(stderr, p.Error())
		return exitBadInput
	}
	fmt.Fprintf(stderr, "octavo: %v\n", err)
	return exitFailure
}

func loadOptions(getenv func(string) string) (build.Options, error) {
	// The loader reports characters the print edition cannot set at their
	// exact place in the manifest.
	opt := build.Options{Unprintable: pdf.Unprintable}
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return opt, build.Problem{Pos: build.Pos{File: "SOURCE_DATE_EPOCH"}, Msg: fmt.Sprintf("%q is not a number of seconds since 1970", s)}
		}
		t := time.Unix(n, 0).UTC()
		opt.Epoch = &t
	}
	return opt, nil
}

func manifestArg(fs *flag.FlagSet, stderr io.Writer) (string, bool) {
	switch fs.NArg() {
	case 0:
		return "book.yaml", true
	case 1:
		return fs.Arg(0), true
	}
	fmt.Fprintf(stderr, "octavo: one manifest at a time, got %d: %s\n", fs.NArg(), strings.Join(fs.Args(), " "))
	return "", false
}

// typeset loads the manifest and lays out the print edition: everything a
// build does before it writes, and all that check does. The layout is where
// characters the fonts cannot print are found.
func typeset(path string, getenv func(string) string) (*build.Book, *pdf.Doc, error) {
	opt, err := loadOptions(getenv)
	if err != nil {
		return nil, nil, err
	}
	book, err := build.Load(path, opt)
	if err != nil {
		return nil, nil, err
	}
	doc, err := pdf.Typeset(book)
	if err != nil {
		return nil, nil, err
	}
	return book, doc, nil
}

func cmdCheck(args []string, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return exitBadInput
	}
	path, ok := manifestArg(fs, stderr)
	if !ok {
		return exitBadInput
	}
	if _, _, err := typeset(path, getenv); err != nil {
		return report(stderr, err)
	}
	return exitOK
}

func cmdBuild(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "out", "folder to write the books to")
	format := fs.String("format", "all", "which books to write: all, epub or pdf")
	showReport := fs.Bool("report", false, "print the print layout's statistics")
	if err := fs.Parse(args); err != nil {
		return exitBadInput
	}
	path, ok := manifestArg(fs, stderr)
	if !ok {
		return exitBadInput
	}
	wantEPUB, wantPDF := *format == "all" || *format == "epub", *format == "all" || *format == "pdf"
	if !wantEPUB && !wantPDF {
		fmt.Fprintf(stderr, "octavo: -format %q: use all, epub or pdf\n", *format)
		return exitBadInput
	}
	// One layout serves both books: the PDF paints it and the EPUB takes its
	// page map, so the e-book carries the print edition's page numbers.
	book, doc, err := typeset(path, getenv)
	if err != nil {
		return report(stderr, err)
	}

	var targets []*target
	if wantEPUB {
		targets = append(targets, &target{
			path: filepath.Join(*out, book.Meta.Output+".epub"),
			what: fmt.Sprintf("%d chapters", len(book.Chapters)),
			write: func(w io.Writer) error {
				return epub.Write(w, book, doc.PageMap())
			},
		})
	}
	if wantPDF {
		targets = append(targets, &target{
			path:  filepath.Join(*out, book.Meta.Output+".pdf"),
			what:  fmt.Sprintf("%d pages", doc.Pages()),
			write: doc.Write,
		})
	}
	if err := writeAll(*out, targets); err != nil {
		return report(stderr, err)
	}
	for _, t := range targets {
		fmt.Fprintf(stdout, "%s\t%s\t%s\n", t.path, size(t.size), t.what)
	}
	if *showReport {
		fmt.Fprint(stdout, doc.Report())
	}
	return exitOK
}

func size(n int64) string {
	if n < 10*1024 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%d KiB", (n+512)/1024)
}

// target is one output file.
type target struct {
	path  string
	what  string
	write func(io.Writer) error
	size  int64
	tmp   string
}

// writeAll writes every target concurrently, each to a temporary file in
// the output folder, and renames them into place only when all have
// succeeded: an error, an interrupt or a kill leaves the previous books as
// they were.
func writeAll(dir string, targets []*target) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create the output folder: %w", err)
	}
	for _, t := range targets {
		removeStale(t.path)
	}
	// An interrupt removes the temporary files before the process ends.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	var mu sync.Mutex
	cleanup := func() {
		mu.Lock()
		defer mu.Unlock()
		for _, t := range targets {
			if t.tmp != "" {
				os.Remove(t.tmp)
				t.tmp = ""
			}
			// A file created but not yet recorded in t.tmp.
			mine, _ := filepath.Glob(filepath.Join(dir, tempPrefix(t.path)+strconv.Itoa(os.Getpid())+"-*"))
			for _, m := range mine {
				os.Remove(m)
			}
		}
	}
	go func() {
		select {
		case s := <-sig:
			cleanup()
			signal.Stop(sig)
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				p.Signal(s)
			}
			os.Exit(128 + int(s.(syscall.Signal)))
		case <-done:
		}
	}()
	defer func() {
		signal.Stop(sig)
		close(done)
	}()

	errs := make([]error, len(targets))
	var wg sync.WaitGroup
	for i, t := range targets {
		f, err := os.CreateTemp(dir, tempPrefix(t.path)+strconv.Itoa(os.Getpid())+"-*")
		if err != nil {
			cleanup()
			return fmt.Errorf("cannot write to %s: %w", dir, err)
		}
		mu.Lock()
		t.tmp = f.Name()
		mu.Unlock()
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = writeFile(f, t)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		cleanup()
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	for _, t := range targets {
		if err := os.Rename(t.tmp, t.path); err != nil {
			for _, u := range targets {
				os.Remove(u.tmp)
			}
			return fmt.Errorf("cannot replace %s: %w", t.path, err)
		}
		t.tmp = ""
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

func writeFile(f *os.File, t *target) error {
	var buf bytes.Buffer
	if err := t.write(&buf); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", t.path, err)
	}
	t.size = int64(buf.Len())
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return fmt.Errorf("cannot write %s: %w", t.path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("cannot write %s: %w", t.path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("cannot write %s: %w", t.path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", t.path, err)
	}
	return nil
}

// tempPrefix names the temporary files of an output: hidden, beside it.
// The full name adds the writing process's id and a random part:
// ".NAME.epub.tmp-PID-RANDOM".
func tempPrefix(path string) string {
	return "." + filepath.Base(path) + ".tmp-"
}

// removeStale removes temporary files that a killed build left behind: those
// of a process that no longer runs. A file whose process still runs belongs
// to a build running now, and stays, unless it is a day old (the id may have
// been reused).
func removeStale(path string) {
	prefix := tempPrefix(path)
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), prefix+"*"))
	for _, m := range matches {
		st, err := os.Lstat(m)
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		rest := strings.TrimPrefix(filepath.Base(m), prefix)
		pid, err := strconv.Atoi(rest[:max(strings.IndexByte(rest, '-'), 0)])
		switch {
		case err != nil || pid <= 0: // not a name this program makes
			if time.Since(st.ModTime()) < time.Hour {
				continue
			}
		case pid != os.Getpid() && running(pid) && time.Since(st.ModTime()) < 24*time.Hour:
			continue
		}
		os.Remove(m)
	}
}

// running tells whether a process with the given id exists.
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

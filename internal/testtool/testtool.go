// Package testtool lets tests use outside programs (EPUBCheck, pandoc,
// poppler, mupdf). Where one is missing the test is skipped, so that
// `make test` passes on a machine with only Go; where OCTAVO_REQUIRE_TOOLS
// is set, as CI sets it after installing them, a missing program fails the
// test instead, so that a lost install step cannot pass unnoticed.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// EPUBCheck is where Debian's epubcheck package puts the jar.
const EPUBCheck = "/usr/share/java/epubcheck.jar"

// Need skips (or fails) the test unless every named program is on PATH.
func Need(t testing.TB, programs ...string) {
	t.Helper()
	for _, p := range programs {
		if _, err := exec.LookPath(p); err != nil {
			missing(t, p+" is not installed (make tools installs it)")
		}
	}
}

// NeedFile skips (or fails) the test unless the file exists.
func NeedFile(t testing.TB, path, what string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		missing(t, what+" is not installed (make tools installs it)")
	}
}

func missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("OCTAVO_REQUIRE_TOOLS") != "" {
		t.Fatal(msg + "; OCTAVO_REQUIRE_TOOLS is set")
	}
	t.Skip(msg)
}

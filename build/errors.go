package build

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is something wrong with the input, at a place in it.
type Problem struct {
	Pos Pos
	Msg string
}

// Error formats the problem as "file:line:col: message", the form editors
// and compilers use, so that an editor can jump to the place.
func (p Problem) Error() string {
	switch {
	case p.Pos.File == "":
		return p.Msg
	case p.Pos.Line == 0:
		return p.Pos.File + ": " + p.Msg
	case p.Pos.Col == 0:
		return fmt.Sprintf("%s:%d: %s", p.Pos.File, p.Pos.Line, p.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.Pos.File, p.Pos.Line, p.Pos.Col, p.Msg)
}

// String formats a position as "file:line:col".
func (p Pos) String() string {
	return strings.TrimSuffix(Problem{Pos: p}.Error(), ": ")
}

// Problems is every problem found in the input. It is the error Load and the
// builders return for bad input; callers print one problem a line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the problems by file, line and column, keeping the order of
// problems at the same place.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Pos, ps[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// errs collects problems while decoding.
type errs struct {
	list    Problems
	stopped bool // a limit was reached: what follows would only be its echoes
}

func (e *errs) add(pos Pos, format string, args ...any) {
	if e.stopped {
		return
	}
	e.list = append(e.list, Problem{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// stop adds a last problem and ignores any that follow.
func (e *errs) stop(pos Pos, format string, args ...any) {
	e.add(pos, format, args...)
	e.stopped = true
}

func (e *errs) err() error {
	if len(e.list) == 0 {
		return nil
	}
	e.list.Sort()
	// The same problem at the same place is reported once (an alias used
	// many times reaches the same node each time).
	var out Problems
	start := 0 // first problem in out at the current place
next:
	for _, p := range e.list {
		if len(out) > 0 && p.Pos != out[len(out)-1].Pos {
			start = len(out)
		}
		for _, q := range out[start:] {
			if q == p {
				continue next
			}
		}
		out = append(out, p)
	}
	e.list = out
	return e.list
}

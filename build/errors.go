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
	list Problems
}

func (e *errs) add(pos Pos, format string, args ...any) {
	e.list = append(e.list, Problem{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (e *errs) err() error {
	if len(e.list) == 0 {
		return nil
	}
	e.list.Sort()
	return e.list
}

package layout

import "fmt"

// Stats sums up the quality of set lines, for a build report.
type Stats struct {
	Paragraphs int
	Lines      int
	Hyphenated int // lines ending with an inserted hyphen
	// Loose counts lines stretched beyond their glue's stretch (Ratio > 1):
	// their spaces are more than half as wide again as normal.
	Loose int
	// Tight counts lines shrunk by more than half their glue's shrink
	// (Ratio < -0.5).
	Tight int
	// MaxRatio is the largest adjustment ratio of a line; MeanRatio the
	// mean over all lines but each paragraph's last.
	MaxRatio, MeanRatio float64
	// Emergency counts paragraphs that needed the emergency pass; Ragged
	// those set ragged (or overfull) as a last resort. AddPass fills them.
	Emergency, Ragged int

	sum float64
	n   int
}

// Add counts one paragraph's lines.
func (s *Stats) Add(lines []Line) {
	if len(lines) == 0 {
		return
	}
	s.Paragraphs++
	for _, l := range lines {
		s.Lines++
		if l.Hyphenated {
			s.Hyphenated++
		}
		if l.Ratio > 1 {
			s.Loose++
		}
		if l.Ratio < -0.5 {
			s.Tight++
		}
		if l.Ratio > s.MaxRatio {
			s.MaxRatio = l.Ratio
		}
		if !l.Last {
			s.sum += l.Ratio
			s.n++
			s.MeanRatio = s.sum / float64(s.n)
		}
	}
}

// AddPass counts a paragraph set by BreakParagraphPass: its lines and the
// pass that set it.
func (s *Stats) AddPass(lines []Line, p Pass) {
	s.Add(lines)
	switch p {
	case PassEmergency:
		s.Emergency++
	case PassRagged, PassOverfull:
		s.Ragged++
	}
}

// String formats the statistics on one line.
func (s *Stats) String() string {
	return fmt.Sprintf("%d paragraphs, %d lines, %d hyphenated, %d loose, %d tight, ratio max %.2f mean %.2f, %d emergency, %d ragged",
		s.Paragraphs, s.Lines, s.Hyphenated, s.Loose, s.Tight, s.MaxRatio, s.MeanRatio, s.Emergency, s.Ragged)
}

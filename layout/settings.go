package layout

// Settings are the line breaker's parameters. The names and defaults follow
// TeX's where TeX has one (\tolerance, \linepenalty, \hyphenpenalty, ...).
// Build them with DefaultSettings and change what you need.
type Settings struct {
	// Pretolerance is the badness limit of the first pass, tried without
	// automatic hyphenation. A negative value skips that pass.
	Pretolerance int
	// Tolerance is the badness limit of the second pass (with
	// hyphenation) and of the emergency pass.
	Tolerance int
	// LinePenalty is added to every line's badness before squaring: it
	// favours paragraphs with fewer lines.
	LinePenalty int
	// HyphenPenalty is the penalty of a break at an automatic hyphen (a
	// pattern, exception or soft hyphen).
	HyphenPenalty int
	// ExHyphenPenalty is the penalty of a break after an explicit hyphen or
	// dash in the text ("well-|known", "word—|word").
	ExHyphenPenalty int
	// DoubleHyphenDemerits are added when two consecutive lines end with a
	// hyphen.
	DoubleHyphenDemerits int
	// FinalHyphenDemerits are added when the next-to-last line ends with a
	// hyphen.
	FinalHyphenDemerits int
	// FitnessDemerits (TeX's \adjdemerits) are added when two adjacent
	// lines are of fitness classes that are not adjacent (a very loose line
	// next to a decent one, a tight one next to a loose one).
	FitnessDemerits int
	// MaxHyphenLines is the most consecutive lines that may end with a
	// hyphen; 0 means no limit. Only the last-resort pass ignores it.
	MaxHyphenLines int
	// EmergencyStretch, in ems of the paragraph's first span, is stretch
	// added to every line when badness is computed in the third pass (TeX's
	// \emergencystretch): it lets a paragraph with no solution within
	// Tolerance be set with looser lines rather than overfull ones.
	EmergencyStretch float64
	// SpaceStretch and SpaceShrink are the interword glue's stretch and
	// shrink as fractions of the space's width. The space is the width of
	// " " in the font and size of the span it stands in; no extra space
	// follows a sentence (French spacing).
	SpaceStretch, SpaceShrink float64
	// RaggedStretch, in ems of the paragraph's first span, is the stretch
	// each line of a Left, Center or Right paragraph may leave unfilled at
	// badness 100 (TeX's \raggedright uses 2em). Interword spaces of ragged
	// paragraphs neither stretch nor shrink.
	RaggedStretch float64
	// MinWordLength is the fewest letters a word needs to be hyphenated.
	MinWordLength int
	// LeftHyphenMin and RightHyphenMin are the fewest letters before and
	// after an automatic hyphen (TeX's \lefthyphenmin, \righthyphenmin).
	LeftHyphenMin, RightHyphenMin int
}

// DefaultSettings returns the defaults, those of Plain TeX except where noted:
//
//	Pretolerance 100, Tolerance 200, LinePenalty 10,
//	HyphenPenalty 50, ExHyphenPenalty 50,
//	DoubleHyphenDemerits 10000, FinalHyphenDemerits 5000, FitnessDemerits 10000,
//	MaxHyphenLines 2 (TeX has no such limit; book typography asks for it),
//	EmergencyStretch 3em (Plain TeX: 0; LaTeX's \sloppypar-like setting),
//	SpaceStretch 1/2 and SpaceShrink 1/3 of the space (Computer Modern's ratios),
//	RaggedStretch 2em, MinWordLength 6 letters,
//	LeftHyphenMin 2, RightHyphenMin 3.
func DefaultSettings() Settings {
	return Settings{
		Pretolerance:         100,
		Tolerance:            200,
		LinePenalty:          10,
		HyphenPenalty:        50,
		ExHyphenPenalty:      50,
		DoubleHyphenDemerits: 10000,
		FinalHyphenDemerits:  5000,
		FitnessDemerits:      10000,
		MaxHyphenLines:       2,
		EmergencyStretch:     3,
		SpaceStretch:         1.0 / 2,
		SpaceShrink:          1.0 / 3,
		RaggedStretch:        2,
		MinWordLength:        6,
		LeftHyphenMin:        2,
		RightHyphenMin:       3,
	}
}

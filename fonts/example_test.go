package fonts_test

import (
	"fmt"

	"octavo/fonts"
)

// The faces of the text family, indexed by layout.Font.
func Example() {
	for _, f := range fonts.Faces {
		fmt.Printf("%d %s %s: %s\n", f.Font, f.Family, f.Style, f.File)
	}
	// Output:
	// 0 Gentium Book Plus Regular: GentiumBookPlus-Regular.ttf
	// 1 Gentium Book Plus Italic: GentiumBookPlus-Italic.ttf
	// 2 Gentium Book Plus Bold: GentiumBookPlus-Bold.ttf
	// 3 Gentium Book Plus Bold Italic: GentiumBookPlus-BoldItalic.ttf
}

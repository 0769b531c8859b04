// Package fonts embeds the Noto Sans typefaces used in exported charts and
// reports. Noto Sans covers Latin, Cyrillic and Cyrillic Supplement, so
// Kazakh, Kyrgyz, Tajik and Uzbek names (Қ ү ң ө ҷ oʻ) render correctly.
// The fonts are licensed under the SIL Open Font License (OFL.txt).
package fonts

import _ "embed" // the font files

// Regular and Bold are the TrueType files of Noto Sans.
var (
	//go:embed NotoSans-Regular.ttf
	Regular []byte
	//go:embed NotoSans-Bold.ttf
	Bold []byte
)

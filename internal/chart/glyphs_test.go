package chart

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"catracker/data"
)

// TestCharactersOutsideTheFontDrawAsReplacements: an emoji and a Chinese
// character in an outlet, a series label and a timeline summary, which the
// embedded font lacks, never fail a chart in any format; they draw as
// U+FFFD, and an emoji's invisible variation selector is left out.
func TestCharactersOutsideTheFontDrawAsReplacements(t *testing.T) {
	const odd = "News 😀\uFE0F 中文"
	for _, family := range data.Families {
		for _, f := range []Format{PNG, SVG, PDF} {
			t.Run(fmt.Sprintf("%s/%s", family, f), func(t *testing.T) {
				c := hostileChart(family, false)
				c.Outlets = append([]string{odd}, c.Outlets...)
				if family == data.Timeline {
					c.Points[2].Summary = odd
				} else {
					c.Series[1].Label = odd
				}
				var buf bytes.Buffer
				if err := Render(&buf, f, c, testOptions(800, 450)); err != nil {
					t.Fatalf("%s with %q: %v", f, odd, err)
				}
				if f != SVG {
					return
				}
				// The description for screen readers keeps the text as it is.
				drawn := strings.Join(regexp.MustCompile(`<text[^>]*>([^<]*)</text>`).FindAllString(buf.String(), -1), "\n")
				if strings.ContainsAny(drawn, "😀中\uFE0F") || !strings.Contains(drawn, "News \uFFFD \uFFFD\uFFFD") {
					t.Errorf("the SVG draws characters outside the font or lacks their replacements:\n%s", drawn)
				}
			})
		}
	}
	if got := Drawable("Title 😀 中 Қазақ\n"); got != "Title \uFFFD \uFFFD Қазақ\n" {
		t.Errorf("Drawable = %q", got)
	}
}

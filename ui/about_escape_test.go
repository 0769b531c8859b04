package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/widget"

	"catracker/data"
)

// TestAboutEscapesOutletNames: an outlet named like Markdown shows as its
// literal name in the About window, never as a link, a heading or
// emphasis.
func TestAboutEscapesOutletNames(t *testing.T) {
	h := newHarness(t, nil)
	crafted := "Click [here](https://evil.example) <https://evil.example> *bold* `code` \\ \n# Heading | a_b_"
	var segs []widget.RichTextSegment
	do(func() { segs = h.u.aboutSegments(crafted) })
	var shown strings.Builder
	for _, seg := range segs {
		switch s := seg.(type) {
		case *widget.HyperlinkSegment:
			t.Errorf("the outlet became a link to %v", s.URL)
		case *widget.TextSegment:
			if strings.Contains(s.Text, "Click") && s.Style != widget.RichTextStyleParagraph {
				t.Errorf("the outlet is drawn as %+v", s.Style)
			}
			shown.WriteString(s.Text)
		}
	}
	want := "Click [here](https://evil.example) <https://evil.example> *bold* `code` \\  # Heading | a_b_"
	if !strings.Contains(shown.String(), want) {
		t.Errorf("the About window shows\n%s\nwithout the outlet as it is named:\n%s", shown.String(), want)
	}
}

// TestSourceChoiceCutsBetweenLetters: a long Cyrillic title is cut by
// letters, not bytes (which left Cyrillic half the room), at a space,
// never inside a letter or between a letter and its accent.
func TestSourceChoiceCutsBetweenLetters(t *testing.T) {
	title := strings.Repeat("Суд приговорил гражданина Кыргызстана к десяти годам ", 4)
	got := sourceChoice(data.Source{Outlet: "Азаттык", Title: title})
	if n := utf8.RuneCountInString(got); !utf8.ValidString(got) || !strings.HasSuffix(got, "…") || n > choiceLen || n < choiceLen-20 {
		t.Fatalf("sourceChoice = %q (%d letters): not valid UTF-8, not cut, too long or too short", got, n)
	}
	if cut := strings.TrimSuffix(got, "…"); !strings.HasPrefix("Азаттык — "+title, cut) || strings.HasSuffix(cut, " ") ||
		!strings.HasPrefix(("Азаттык — " + title)[len(cut):], " ") {
		t.Errorf("sourceChoice = %q is not the line cut at a space", got)
	}
	// A title of one long word is cut inside it, between letters, keeping
	// a decomposed "й" whole.
	word := strings.Repeat("и\u0306", 120)
	got = sourceChoice(data.Source{Outlet: "X", Title: word})
	if cut := strings.TrimSuffix(got, "…"); !utf8.ValidString(got) || strings.HasSuffix(cut, "и") || !strings.HasPrefix("X — "+word, cut) ||
		utf8.RuneCountInString(got) < choiceLen-2 {
		t.Errorf("sourceChoice of one long word = %q", got)
	}
	if short := sourceChoice(data.Source{Outlet: "Kloop", Title: "Суд"}); short != "Kloop — Суд" {
		t.Errorf("a short line was changed: %q", short)
	}
}

package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
)

// heading is a bold section label.
func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// hint is a small italic note that wraps.
func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle.Italic = true
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// setEnabled enables or disables w.
func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// setVisible shows or hides o.
func setVisible(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// stageLabel is how a prosecution stage is shown: "Sentence".
func stageLabel(s data.Stage) string { return capitalise(string(s)) }

// kindLabel is how a kind is shown: "Prosecution".
func kindLabel(k data.Kind) string { return capitalise(string(k)) }

// basisLabels explain the bases of a count in plain words.
var basisLabels = []struct {
	basis data.Basis
	label string
}{
	{data.Event, "New people in this event"},
	{data.Total, "Running total reported so far"},
	{data.AtLeast, "At least this many so far"},
}

// basisLabel explains a basis in plain words.
func basisLabel(b data.Basis) string {
	for _, l := range basisLabels {
		if l.basis == b {
			return l.label
		}
	}
	return string(b)
}

// sideLabel names a side; unknown is blank.
func sideLabel(s data.Side) string {
	switch s {
	case data.Russia:
		return "Russia's army"
	case data.Ukraine:
		return "Ukraine's army"
	}
	return ""
}

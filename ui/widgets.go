package ui

import (
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
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
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// basisLabel explains a basis in plain words in language l.
func basisLabel(l i18n.Language, b data.Basis) string { return l.T("basis." + string(b)) }

// sideLabel names a side in language l; unknown is blank.
func sideLabel(l i18n.Language, s data.Side) string {
	if s == data.SideUnknown {
		return ""
	}
	return l.T("side." + string(s))
}

// count writes n with its noun in language l, from a plural text such as
// count.sources: "1 source", "1,234 sources".
func count(l i18n.Language, key string, n int) string { return l.N(key, n, l.Number(n)) }

package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"catracker/i18n"
	"catracker/internal/chart"
)

// textSizes are the chart text sizes offered: normal, large and larger.
var textSizes = []float64{1, 1.25, 1.5}

// appSettings are the choices of the Settings dialog.
type appSettings struct {
	Language  string  // "en" or "ru"; empty follows the system
	TextScale float64 // text size of the chart on screen, one of textSizes
	Patterns  bool    // hatches, markers and dashes on screen and in exports
}

// language is the language the settings choose.
func (s appSettings) language() i18n.Language {
	if l, err := i18n.Parse(s.Language); err == nil {
		return l
	}
	return systemLanguage()
}

// systemLanguage is the catalogue's language for the system's locale, as
// Fyne reads it on every platform; English if the catalogue lacks it.
func systemLanguage() i18n.Language { return i18n.Match(lang.SystemLocale().String()) }

// chartStyle is how the app draws charts on screen.
func (u *App) chartStyle() chart.Options {
	return chart.Options{Lang: u.lang, TextScale: u.settings.TextScale, Patterns: u.settings.Patterns, Panels: u.panels}
}

// showSettings opens the Settings dialog: language, chart text size and
// pattern mode. Changes apply at once and are remembered.
func (u *App) showSettings() {
	l, s := u.lang, u.settings
	var d *dialog.CustomDialog

	codes := []string{""} // the system's language first
	names := []string{l.T("settings.system", systemLanguage().Name())}
	for _, k := range i18n.Languages {
		codes = append(codes, string(k))
		names = append(names, k.Name())
	}
	language := newSelect(names, nil)
	language.SetSelectedIndex(max(0, slices.Index(codes, s.Language)))
	language.OnChanged = func(string) {
		s := u.settings
		s.Language = codes[max(0, language.SelectedIndex())]
		if s.language() == u.lang {
			u.applySettings(s)
			return
		}
		d.Hide() // and show it again in the new language
		u.applySettings(s)
		u.showSettings()
	}

	var sizes []string
	for i := range textSizes {
		sizes = append(sizes, l.T(fmt.Sprintf("settings.size.%d", i+1)))
	}
	size := widget.NewRadioGroup(sizes, nil)
	size.Horizontal = true
	size.Required = true
	size.SetSelected(sizes[max(0, slices.Index(textSizes, s.TextScale))])
	size.OnChanged = func(string) {
		s := u.settings
		s.TextScale = textSizes[max(0, slices.Index(size.Options, size.Selected))]
		u.applySettings(s)
	}

	patterns := newCheck(l.T("settings.patterns"), nil)
	patterns.SetChecked(s.Patterns)
	patterns.OnChanged = func(on bool) {
		s := u.settings
		s.Patterns = on
		u.applySettings(s)
	}

	content := container.NewVBox(
		heading(l.T("settings.language")), language, hint(l.T("settings.languageHint")),
		widget.NewSeparator(),
		heading(l.T("settings.textSize")), size, hint(l.T("settings.textSizeHint")),
		widget.NewSeparator(),
		heading(l.T("settings.readers")), patterns, hint(l.T("settings.patternsHint")),
	)
	d = dialog.NewCustom(l.T("settings.title"), l.T("dialog.close"), content, u.win)
	d.Resize(dialogSize(u.win, 560, 0))
	u.showClosable(d)
}

// applySettings remembers s and applies it: a new language lays the
// window out again, a new text size or pattern mode redraws the chart.
func (u *App) applySettings(s appSettings) {
	u.prefs.setSettings(s)
	u.settings = s
	if l := s.language(); l != u.lang {
		u.lang = l
		u.speakFyne()
		u.rebuild()
		return
	}
	u.chart.setStyle(u.chartStyle())
}

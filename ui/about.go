package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

// showAbout shows the dataset, its sources, the counting method and the
// keyboard shortcuts.
func (u *App) showAbout() {
	l := u.lang
	text := widget.NewRichTextFromMarkdown(u.aboutText(""))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(l.T("about.title", AppName), l.T("dialog.close"), container.NewVScroll(text), u.win)
	d.Resize(dialogSize(u.win, 760, 640))
	u.showClosable(d)
	if st := u.store; st != nil {
		background(func() ([]string, error) { return st.Outlets(context.Background()) },
			func(outlets []string, err error) {
				if err != nil {
					return
				}
				text.ParseMarkdown(u.aboutText(strings.Join(outlets, ", ")))
			})
	}
}

// aboutText is the About window's Markdown, citing outlets if known.
func (u *App) aboutText(outlets string) string {
	return u.aboutDataset(outlets) + "\n\n" + methodText(u.lang) + "\n\n" + shortcutsText(u.lang, u.actions())
}

// aboutDataset describes the app and the open database in Markdown.
func (u *App) aboutDataset(outlets string) string {
	l := u.lang
	var b strings.Builder
	version := u.fyneApp.Metadata().Version
	if version == "" {
		version = l.T("about.devBuild")
	}
	b.WriteString(l.T("about.intro", AppName, version))
	if u.store == nil {
		b.WriteString(l.T("db.noneKept"))
		return b.String()
	}
	s := u.stats
	b.WriteString(l.T("about.db", filepath.Base(u.store.Path()),
		count(l, "count.incidents", s.Incidents), count(l, "count.sources", s.Sources)))
	if s.First > 0 {
		b.WriteString(l.T("about.dates", data.MonthString(s.First), data.MonthString(s.Last)))
	}
	b.WriteString(l.T("about.file", u.store.Path()))
	if outlets != "" {
		b.WriteString(l.T("about.outlets", outlets))
	}
	return b.String()
}

// methodText explains the counting rules in Markdown in language l.
func methodText(l i18n.Language) string {
	var b strings.Builder
	b.WriteString("## " + l.T("method.heading") + "\n\n")
	for _, r := range l.Method() {
		fmt.Fprintf(&b, "- **%s** %s\n", r.Head, r.Text)
	}
	return b.String()
}

// shortcutsText lists the keyboard shortcuts of actions in Markdown in
// language l.
func shortcutsText(l i18n.Language, actions []action) string {
	mod := "Ctrl"
	if runtime.GOOS == "darwin" {
		mod = "Cmd"
	}
	var b strings.Builder
	b.WriteString("## " + l.T("about.shortcuts") + "\n\n")
	for _, a := range actions {
		keys := mod + "+"
		if a.shortcut.Modifier&fyne.KeyModifierShift != 0 {
			keys += "Shift+"
		}
		fmt.Fprintf(&b, "- **%s%s** %s\n", keys, a.shortcut.KeyName, l.T(a.what))
	}
	fmt.Fprintf(&b, "- **%s** %s\n", aboutKey, l.T("about.key.about"))
	fmt.Fprintf(&b, "- **Esc** %s\n", l.T("about.key.close"))
	return b.String()
}

package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"unicode"

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
	text := widget.NewRichText(u.aboutSegments("")...)
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
				text.Segments = u.aboutSegments(strings.Join(outlets, ", "))
				text.Refresh()
			})
	}
}

// aboutSegments is the About window's text, citing outlets if known. The
// outlets come from the data, so they are a plain paragraph of their own,
// never Markdown: a crafted outlet name cannot become a link, a heading or
// emphasis.
func (u *App) aboutSegments(outlets string) []widget.RichTextSegment {
	segs := widget.NewRichTextFromMarkdown(u.aboutDataset()).Segments
	if outlets != "" && u.store != nil {
		segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph,
			Text: u.lang.T("about.outlets", strings.Join(strings.FieldsFunc(outlets, unicode.IsControl), " "))})
	}
	return append(segs, widget.NewRichTextFromMarkdown(methodText(u.lang)+"\n\n"+shortcutsText(u.lang, u.actions())).Segments...)
}

// aboutDataset describes the app and the open database in Markdown.
func (u *App) aboutDataset() string {
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
	b.WriteString(l.T("about.db", codeText(filepath.Base(u.store.Path())),
		count(l, "count.incidents", s.Incidents), count(l, "count.sources", s.Sources)))
	if s.First > 0 {
		b.WriteString(l.T("about.dates", data.MonthString(s.First), data.MonthString(s.Last)))
	}
	b.WriteString(l.T("about.file", codeText(u.store.Path())))
	return b.String()
}

// codeText returns s for a Markdown code span, which nothing inside can
// escape from but a backtick: line breaks and other control characters
// become spaces and backticks apostrophes.
func codeText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r):
			return ' '
		case r == '`':
			return '\''
		}
		return r
	}, s)
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

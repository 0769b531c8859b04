package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
)

// methodText explains the counting rules in plain words.
const methodText = `## How the numbers are counted

- **Every number is a confirmed minimum**: the smallest count that the cited reports support. The real numbers are likely higher.
- **One event is one row.** When several outlets report the same event, it is stored once with all of its sources, so it is counted once.
- **Overlapping reports are not added up.** New cases and reported running totals are combined by taking the larger: 4 burials reported in March and "10 deaths in total" reported in May give 10 by May, not 14.
- **Figures for Central Asia as a whole** are never split between countries. The part that no country's figures account for is shown as "Central Asia, not attributed to a country".
- **Prosecutions count cases.** One person's investigation, charge and sentence are one case, dated by its first stage unless you choose a stage in the filters.
- **Recruitment charts count reports** per channel, not people, because sources rarely count people there.
- A record dated only to a month or a year counts from the end of that month or year.

## Keyboard shortcuts

Ctrl+O open a database · Ctrl+I import a CSV file · Ctrl+E export the chart · Ctrl+N add an incident`

// showAbout shows the dataset, its sources and the counting method.
func (u *App) showAbout() {
	text := widget.NewRichTextFromMarkdown(u.aboutDataset("") + "\n\n" + methodText)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("About "+AppName, "Close", container.NewVScroll(text), u.win)
	d.Resize(dialogSize(u.win, 760, 640))
	d.Show()
	if st := u.store; st != nil {
		background(func() ([]data.SourceUse, error) { return st.Sources(context.Background()) },
			func(all []data.SourceUse, err error) {
				if err != nil {
					return
				}
				text.ParseMarkdown(u.aboutDataset(outletList(all)) + "\n\n" + methodText)
			})
	}
}

// aboutDataset describes the app and the open database in Markdown.
func (u *App) aboutDataset(outlets string) string {
	var b strings.Builder
	version := u.fyneApp.Metadata().Version
	if version == "" {
		version = "development build"
	}
	fmt.Fprintf(&b, "# %s\n\nVersion %s. Charts of how Central Asians are drawn into Russia's war in Ukraine: "+
		"deaths, prosecutions at home and recruitment, by country and over time.\n\n## Dataset\n\n", AppName, version)
	if u.store == nil {
		b.WriteString("No database is open.")
		return b.String()
	}
	s := u.stats
	fmt.Fprintf(&b, "`%s`: %s from %s", filepath.Base(u.store.Path()), plural(s.Incidents, "incident"), plural(s.Sources, "source"))
	if s.First > 0 {
		fmt.Fprintf(&b, ", %s to %s", data.MonthString(s.First), data.MonthString(s.Last))
	}
	fmt.Fprintf(&b, ".\n\nFile: `%s`\n\n", u.store.Path())
	if outlets != "" {
		fmt.Fprintf(&b, "Outlets cited: %s. Every source with its citation is listed in the Sources tab, "+
			"and each incident's sources in the Incidents tab.", outlets)
	}
	return b.String()
}

// outletList names the distinct outlets of the sources.
func outletList(all []data.SourceUse) string {
	seen := map[string]bool{}
	var names []string
	for _, s := range all {
		if !seen[s.Outlet] {
			seen[s.Outlet] = true
			names = append(names, s.Outlet)
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

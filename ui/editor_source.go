package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

// sourceForm is the editor's source part: the sources the incident already
// has, each with a Remove button, and one more to add, picked from the
// database or typed in.
type sourceForm struct {
	kept    []data.Source // the edited incident's sources still kept
	keptBox *fyne.Container

	mode    *widget.RadioGroup
	pick    *widget.Select
	choices map[string]data.Source // by picker line
	pickRow []fyne.CanvasObject    // label and picker

	outlet, title, author, date, url *widget.Entry
	newRows                          []fyne.CanvasObject // labels and entries
	cited                            *widget.Entry
	remove                           string // the Remove buttons' text
}

// rows creates the widgets and returns them as rows of the editor's form;
// they report changes to e's checks.
func (f *sourceForm) rows(e *editor) []fyne.CanvasObject {
	l := e.app.lang
	f.keptBox = container.NewVBox()
	f.pick = widget.NewSelect(nil, func(string) { e.check("source") })
	f.pick.PlaceHolder = l.T("source.loading")
	f.outlet = e.entry("source", l.T("source.hint.outlet"))
	f.title = e.entry("source", l.T("source.hint.title"))
	f.author = e.entry("source", l.T("source.hint.optional"))
	f.date = e.entry("source_date", l.T("source.hint.date"))
	f.url = e.entry("source", "https://…")
	f.cited = e.entry("source", l.T("source.hint.cited"))
	f.mode = widget.NewRadioGroup([]string{l.T("source.pick"), l.T("source.new")}, func(string) {
		f.modeChanged()
		e.check("source")
	})
	f.mode.Horizontal = true
	f.mode.Required = true
	f.pickRow = e.row(l.T("source.source"), "", f.pick)
	for _, r := range [][]fyne.CanvasObject{
		e.row(l.T("sources.outlet"), "", f.outlet), e.row(l.T("sources.title"), "", f.title),
		e.row(l.T("sources.author"), "", f.author), e.row(l.T("source.published"), "source_date", f.date),
		e.row(l.T("source.url"), "", f.url),
	} {
		f.newRows = append(f.newRows, r...)
	}
	f.remove = l.T("source.remove")
	rows := []fyne.CanvasObject{
		widget.NewSeparator(), widget.NewSeparator(),
		heading(l.T("tab.sources")), hint(l.T("source.needOne")),
		layout.NewSpacer(), f.keptBox,
		widget.NewLabel(l.T("source.add")), f.mode,
	}
	rows = append(rows, f.pickRow...)
	rows = append(rows, f.newRows...)
	return append(rows, append(e.row(l.T("source.cited"), "", f.cited), layout.NewSpacer(), e.errorLabel("source"))...)
}

// modeIs reports whether the source mode is m, pickSource or newSource.
func (f *sourceForm) modeIs(m int) bool { return indexOf(f.mode.Options, f.mode.Selected) == m }

// setMode chooses the source mode m, pickSource or newSource.
func (f *sourceForm) setMode(m int) { f.mode.SetSelected(f.mode.Options[m]) }

// fill shows the sources an edited incident has.
func (f *sourceForm) fill(sources []data.Source) {
	f.kept = append([]data.Source(nil), sources...)
	f.showKept()
	if len(f.kept) > 0 {
		f.setMode(pickSource)
	} else {
		f.setMode(newSource)
	}
}

// load fills the picker from the database, with its notes in language l.
func (f *sourceForm) load(l i18n.Language, st data.Store) {
	background(func() ([]data.SourceUse, error) { return st.Sources(context.Background()) },
		func(all []data.SourceUse, err error) {
			if err != nil {
				f.pick.PlaceHolder = l.T("source.readFailed")
				f.pick.Refresh()
				return
			}
			f.choices = map[string]data.Source{}
			var options []string
			for _, s := range all {
				line := sourceChoice(s.Source)
				for n := 2; f.choices[line] != (data.Source{}); n++ {
					line = fmt.Sprintf("%s (%d)", sourceChoice(s.Source), n)
				}
				f.choices[line] = s.Source
				options = append(options, line)
			}
			f.pick.PlaceHolder = l.T("source.choose")
			f.pick.SetOptions(options)
		})
}

// sourceChoice is a source's line in the picker.
func sourceChoice(s data.Source) string {
	text := s.Outlet
	if s.Title != "" {
		text += " — " + s.Title
	}
	if !s.Published.IsZero() {
		text += " (" + s.Published.String() + ")"
	}
	if len(text) > 110 {
		text = text[:strings.LastIndex(text[:107], " ")+1] + "…"
	}
	return text
}

// showKept lists the kept sources, each with a Remove button.
func (f *sourceForm) showKept() {
	f.keptBox.Objects = nil
	for i, s := range f.kept {
		remove := widget.NewButton(f.remove, func() {
			f.kept = append(f.kept[:i:i], f.kept[i+1:]...)
			f.showKept()
		})
		f.keptBox.Objects = append(f.keptBox.Objects,
			container.NewBorder(nil, nil, nil, remove, wrapLabel(s.Citation())))
	}
	f.keptBox.Refresh()
}

// modeChanged shows the picker or the new source's fields.
func (f *sourceForm) modeChanged() {
	pick := f.modeIs(pickSource)
	for _, o := range f.pickRow {
		setVisible(o, pick)
	}
	for _, o := range f.newRows {
		setVisible(o, !pick)
	}
}

// read returns the incident's sources: the kept ones, plus the one picked
// or typed in. It notes problems in p, in language l.
func (f *sourceForm) read(l i18n.Language, p map[string]string) []data.Source {
	sources := append([]data.Source(nil), f.kept...)
	cited := strings.TrimSpace(f.cited.Text)
	if f.modeIs(pickSource) {
		if s, ok := f.choices[f.pick.Selected]; ok {
			s.CitedAs = cited
			sources = append(sources, s)
		}
	} else if s, filled := f.typed(l, p); filled {
		s.CitedAs = cited
		sources = append(sources, s)
	}
	if len(sources) == 0 && p["source"] == "" {
		p["source"] = l.T(msgNoSource)
	}
	return sources
}

// typed reads the new source's fields; filled is false if all are blank.
func (f *sourceForm) typed(l i18n.Language, p map[string]string) (s data.Source, filled bool) {
	s = data.Source{
		Outlet: strings.TrimSpace(f.outlet.Text),
		Title:  strings.TrimSpace(f.title.Text),
		Author: strings.TrimSpace(f.author.Text),
		URL:    strings.TrimSpace(f.url.Text),
	}
	date := strings.TrimSpace(f.date.Text)
	if s == (data.Source{}) && date == "" {
		return s, false
	}
	if s.Outlet == "" {
		p["source"] = l.T(msgOutlet)
	}
	if date != "" {
		d, err := data.ParseDate(date)
		if err != nil {
			p["source_date"] = l.T(msgInvalid, sentence(err.Error()))
		}
		s.Published = d
	}
	return s, true
}

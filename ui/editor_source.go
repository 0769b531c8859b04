package ui

import (
	"image/color"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

// pickLimit is how many matching sources the editor's picker lists.
const pickLimit = 50

// sourceForm is the editor's source part: the sources the incident already
// has, each with a Remove button, and one more to add, picked from the
// database or typed in. The picker searches the database as the user
// types and lists at most pickLimit matches, so it stays small and quick
// with any number of sources.
type sourceForm struct {
	kept    []data.Source // the edited incident's sources still kept
	keptBox *fyne.Container

	mode    *widget.RadioGroup
	find    *keyEntry           // the picker's search text
	matches *keyList            // the sources in found
	found   []data.Source       // the first matches of the search
	note    *widget.Label       // how many match, or why none are listed
	picked  *data.Source        // the source chosen, nil if none
	chosen  *widget.Label       // the chosen source's citation
	onPick  func()              // checks the editor's source fields
	lang    i18n.Language       // of the notes
	store   data.Store          // searched by the picker
	lister  sourceLister        // runs the picker's searches
	pickRow []fyne.CanvasObject // label and picker

	outlet, title, author, date, url *keyEntry
	newRows                          []fyne.CanvasObject // labels and entries
	cited                            *keyEntry
	remove                           string         // the Remove buttons' text
	another                          *widget.Button // adds the source and clears the form for one more
}

// rows creates the widgets and returns them as rows of the editor's form;
// they report changes to e's checks.
func (f *sourceForm) rows(e *editor) []fyne.CanvasObject {
	l := e.app.lang
	f.keptBox = container.NewVBox()
	f.onPick = func() { e.check("source") }
	picker := f.picker(l)
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
	f.pickRow = e.row(l.T("source.source"), "", picker)
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
	f.another = widget.NewButtonWithIcon(l.T("source.addAnother"), theme.ContentAddIcon(), func() { f.addAnother(e) })
	rows = append(rows, e.row(l.T("source.cited"), "", f.cited)...)
	return append(rows, layout.NewSpacer(), container.NewVBox(e.errorLabel("source"), container.NewHBox(f.another)))
}

// addAnother moves the source picked or typed in to the kept ones and
// clears the form for one more, so that one save adds several sources. A
// source with a problem stays in the form with its message.
func (f *sourceForm) addAnother(e *editor) {
	p := map[string]string{}
	var s data.Source
	switch {
	case f.modeIs(pickSource) && f.picked != nil:
		s = *f.picked
	case !f.modeIs(pickSource):
		typed, filled := f.typed(e.app.lang, p)
		if !filled {
			p["source"] = e.app.lang.T("source.fillFirst")
		}
		s = typed
	default:
		p["source"] = e.app.lang.T("source.choose")
	}
	if p["source"] != "" || p["source_date"] != "" {
		e.setError("source", p["source"])
		e.setError("source_date", p["source_date"])
		e.updateStatus()
		return
	}
	s.CitedAs = strings.TrimSpace(f.cited.Text)
	f.kept = append(f.kept, s)
	f.showKept()
	f.clear()
	e.check("source", "source_date")
}

// clear empties the picker's choice and the new source's fields.
func (f *sourceForm) clear() {
	f.picked = nil
	f.matches.UnselectAll()
	f.chosen.SetText(f.lang.T("source.choose"))
	for _, w := range []*keyEntry{f.outlet, f.title, f.author, f.date, f.url, f.cited} {
		w.SetText("")
	}
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

// picker builds the search line, the list of matches under it and the
// notes in language l.
func (f *sourceForm) picker(l i18n.Language) fyne.CanvasObject {
	f.lang = l
	f.find = newEntry()
	f.find.SetPlaceHolder(l.T("source.search"))
	f.find.OnChanged = func(string) { f.searchLater() }
	f.matches = newList(func() int { return len(f.found) },
		func() fyne.CanvasObject {
			line := widget.NewLabel("")
			line.Truncation = fyne.TextTruncateEllipsis
			return line
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(sourceChoice(f.found[id])) })
	f.matches.OnSelected = func(id widget.ListItemID) {
		s := f.found[id]
		f.picked = &s
		f.chosen.SetText(l.T("source.chosen", l.Citation(s)))
		f.onPick()
	}
	f.note = hint(l.T("source.loading"))
	f.chosen = wrapLabel(l.T("source.choose"))
	// The list shows about five matches and scrolls for the rest.
	height := canvas.NewRectangle(color.Transparent)
	height.SetMinSize(fyne.NewSize(0, 5*widget.NewLabel("").MinSize().Height))
	return container.NewVBox(f.find, container.NewStack(height, f.matches), f.note, f.chosen)
}

// load makes the picker search st, and lists its first sources.
func (f *sourceForm) load(st data.Store) {
	f.store = st
	f.search()
}

// searchLater searches once the user has stopped typing for searchDelay.
func (f *sourceForm) searchLater() {
	f.lister.later(f.search)
}

// search lists the first sources that match the text typed, dropping the
// results of any search before it.
func (f *sourceForm) search() {
	f.lister.now()
	if f.store == nil {
		return
	}
	f.lister.list(f.store, data.SourceQuery{Search: f.find.Text, Limit: pickLimit},
		func(p data.SourcePage, err error) {
			f.found = f.found[:0]
			if err == nil {
				for _, u := range p.Sources {
					f.found = append(f.found, u.Source)
				}
			}
			f.matches.UnselectAll()
			f.matches.ScrollToTop()
			f.matches.Refresh()
			l := f.lang
			switch {
			case err != nil:
				f.note.SetText(l.T("source.readFailed"))
			case p.Matched == 0:
				f.note.SetText(l.T("source.noMatch"))
			case p.Matched > len(f.found):
				f.note.SetText(l.T("source.firstOf", l.Number(len(f.found)), count(l, "count.sources", p.Matched)))
			default:
				f.note.SetText(l.T("source.found", count(l, "count.sources", p.Matched)))
			}
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
	runes := []rune(text)
	if len(runes) <= choiceLen {
		return text
	}
	// Cut between letters, never between a letter and its accent, and at
	// the last space when that keeps more than half the line.
	k := choiceLen - 1
	for k > 0 && unicode.IsMark(runes[k]) {
		k--
	}
	cut := string(runes[:k])
	if i := strings.LastIndex(cut, " "); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ") + "…"
}

// choiceLen is the most characters of a source's line in the picker.
const choiceLen = 110

// showKept lists the kept sources, each with a Remove button.
func (f *sourceForm) showKept() {
	f.keptBox.Objects = nil
	for i, s := range f.kept {
		remove := widget.NewButton(f.remove, func() {
			f.kept = append(f.kept[:i:i], f.kept[i+1:]...)
			f.showKept()
		})
		f.keptBox.Objects = append(f.keptBox.Objects,
			container.NewBorder(nil, nil, nil, remove, wrapLabel(f.lang.Citation(s))))
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
		if f.picked != nil {
			s := *f.picked
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
		d, err := data.ParseUserDate(date)
		if err != nil {
			p["source_date"] = dateProblem(l, date, err)
		}
		s.Published = d
	}
	return s, true
}

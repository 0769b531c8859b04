package ui

import (
	"context"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

// sourceColumns are the Sources table's columns: the key of the header's
// text, the width and the cell text in a language.
var sourceColumns = []struct {
	title string
	width float32
	text  func(i18n.Language, *data.SourceUse) string
}{
	{"sources.outlet", 170, func(_ i18n.Language, s *data.SourceUse) string { return s.Outlet }},
	{"sources.title", 360, func(_ i18n.Language, s *data.SourceUse) string { return s.Title }},
	{"sources.author", 160, func(_ i18n.Language, s *data.SourceUse) string { return s.Author }},
	{"sources.published", 100, func(_ i18n.Language, s *data.SourceUse) string { return dateText(s.Published) }},
	{"sources.incidents", 110, func(l i18n.Language, s *data.SourceUse) string { return l.Number(s.Incidents) }},
	{"sources.link", 300, func(_ i18n.Language, s *data.SourceUse) string { return s.URL }},
}

// linkColumn is the index of the Link column.
const linkColumn = 5

// sourcesView is the Sources tab: every source in the database with how
// many incidents cite it, searchable by outlet, title or author.
type sourcesView struct {
	app *App

	table  *widget.Table
	search *widget.Entry
	total  *widget.Label
	cite   *widget.Label // the selected source's full citation
	link   *widget.Hyperlink

	stale bool
	all   []data.SourceUse
	shown []data.SourceUse
}

func newSourcesView(app *App) *sourcesView { return &sourcesView{app: app, stale: true} }

// buildUI lays out the search line above the table.
func (v *sourcesView) buildUI() fyne.CanvasObject {
	l := v.app.lang
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.shown), len(sourceColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			link := widget.NewHyperlink("", nil)
			link.Truncation = fyne.TextTruncateEllipsis
			return container.NewStack(l, link)
		},
		v.updateCell)
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject { return heading("") }
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(l.T(sourceColumns[id.Col].title))
	}
	for i, c := range sourceColumns {
		v.table.SetColumnWidth(i, c.width)
	}
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder(l.T("sources.search"))
	v.search.OnChanged = func(string) { v.applySearch() }
	v.total = widget.NewLabel("")
	v.cite = wrapLabel(l.T("sources.selectHint"))
	v.link = widget.NewHyperlink(l.T("link.open"), nil)
	v.link.Hide()
	v.table.OnSelected = func(id widget.TableCellID) { v.showCitation(id.Row) }
	top := container.NewBorder(nil, nil, nil, v.total, v.search)
	bottom := container.NewVBox(widget.NewSeparator(), v.cite, container.NewHBox(v.link))
	return container.NewBorder(top, bottom, nil, nil, v.table)
}

// invalidate marks the list out of date; it reloads when next shown.
func (v *sourcesView) invalidate() { v.stale = true }

// load re-reads the sources if they are out of date.
func (v *sourcesView) load() {
	if !v.stale || v.app.store == nil {
		return
	}
	v.stale = false
	st := v.app.store
	background(func() ([]data.SourceUse, error) { return st.Sources(context.Background()) },
		func(all []data.SourceUse, err error) {
			if st != v.app.store {
				return
			}
			if err != nil {
				v.app.showError(v.app.lang.T("sources.listFailed"), err)
				return
			}
			v.all = all
			v.applySearch()
		})
}

// applySearch shows the sources that match the search text.
func (v *sourcesView) applySearch() {
	q := strings.ToLower(strings.TrimSpace(v.search.Text))
	v.shown = v.shown[:0]
	for _, s := range v.all {
		if q == "" || strings.Contains(strings.ToLower(s.Outlet+"\n"+s.Title+"\n"+s.Author), q) {
			v.shown = append(v.shown, s)
		}
	}
	l := v.app.lang
	if len(v.shown) == len(v.all) {
		v.total.SetText(count(l, "count.sources", len(v.all)))
	} else {
		v.total.SetText(l.T("sources.shownOf", l.Number(len(v.shown)), count(l, "count.sources", len(v.all))))
	}
	v.table.Refresh()
}

func (v *sourcesView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	l, link := stack.Objects[0].(*widget.Label), stack.Objects[1].(*widget.Hyperlink)
	s := &v.shown[id.Row]
	text := sourceColumns[id.Col].text(v.app.lang, s)
	if u := webURL(s.URL); id.Col == linkColumn && u != nil {
		l.Hide()
		link.SetText(text)
		link.SetURL(u)
		link.Show()
		return
	}
	link.Hide()
	l.SetText(text)
	l.Show()
}

// showCitation shows the full citation of the source in row.
func (v *sourcesView) showCitation(row int) {
	if row < 0 || row >= len(v.shown) {
		return
	}
	s := v.shown[row]
	v.cite.SetText(v.app.lang.T("sources.citedBy", s.Citation(), count(v.app.lang, "count.citing", s.Incidents)))
	if u := webURL(s.URL); u != nil {
		v.link.SetURL(u)
		v.link.Show()
	} else {
		v.link.Hide()
	}
}

// webURL parses an http or https address; it returns nil for anything
// else, so that links only ever open web pages.
func webURL(s string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// dateText writes a date, blank if unknown.
func dateText(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

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

// sourcesView is the Sources tab: the sources in the database with how
// many incidents cite each, searchable by outlet, title or author. The
// table reads only the pages on screen, and the search runs in the
// database, so the tab's memory does not grow with the number of sources.
type sourcesView struct {
	app *App

	table  *keyTable
	search *keyEntry
	total  *widget.Label
	cite   *widget.Label // the selected source's full citation
	// citing lists the incidents citing the selected source; open opens
	// its web address in the browser.
	citing, open *widget.Button
	selected     data.SourceUse

	stale  bool
	lister sourceLister // reads the first page of each search
	rows   int          // sources that match the search
	pages  *pageCache[data.SourceUse]
}

func newSourcesView(app *App) *sourcesView {
	v := &sourcesView{app: app, stale: true}
	v.pages = newPageCache[data.SourceUse](func() { v.table.Refresh() },
		func(err error) { app.showError(app.lang.T("sources.listFailed"), err) })
	return v
}

// buildUI lays out the search line above the table.
func (v *sourcesView) buildUI() fyne.CanvasObject {
	l := v.app.lang
	v.table = newTable(
		func() (int, int) { return v.rows, len(sourceColumns) },
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
	v.search = newEntry()
	v.search.SetPlaceHolder(l.T("sources.search"))
	v.search.OnChanged = func(string) { v.searchLater() }
	v.total = widget.NewLabel("")
	v.cite = wrapLabel(l.T("sources.selectHint"))
	v.citing = widget.NewButton("", func() { v.app.showCiting(v.selected) })
	v.citing.Hide()
	v.open = widget.NewButton(l.T("sources.openBrowser"), func() { v.app.openLink(v.selected.URL) })
	v.open.Hide()
	v.table.OnSelected = func(id widget.TableCellID) { v.showCitation(id.Row) }
	top := container.NewBorder(nil, nil, nil, v.total, v.search)
	bottom := container.NewVBox(widget.NewSeparator(), v.cite, container.NewHBox(v.citing, v.open))
	return container.NewBorder(top, bottom, nil, nil, v.table)
}

// invalidate marks the list out of date; it reloads when next shown.
func (v *sourcesView) invalidate() {
	v.stale = true
	v.drop()
}

// drop forgets the list and stops its reads; results still on their way
// are ignored.
func (v *sourcesView) drop() {
	v.lister.drop()
	v.pages.reset(nil)
}

// load re-reads the list if it is out of date.
func (v *sourcesView) load() {
	if !v.stale || v.app.store == nil {
		return
	}
	v.stale = false
	v.query()
}

// searchLater runs the search once the user has stopped typing for
// searchDelay.
func (v *sourcesView) searchLater() { v.lister.later(v.searchNow) }

// searchNow runs the search typed, starting at the top of the list.
func (v *sourcesView) searchNow() {
	if v.app.store == nil {
		return
	}
	v.lister.now()
	v.stale = false
	v.table.UnselectAll()
	v.clearCitation()
	v.table.ScrollToTop()
	v.query()
}

// clearCitation shows the hint again in place of a citation: the selected
// source may not be among the new rows.
func (v *sourcesView) clearCitation() {
	v.cite.SetText(v.app.lang.T("sources.selectHint"))
	v.citing.Hide()
	v.open.Hide()
}

// query reads the first page of the sources that match the search, with
// how many match; the table then reads the other pages as they scroll
// into view.
func (v *sourcesView) query() {
	v.pages.reset(nil)
	st := v.app.store
	q := data.SourceQuery{Search: v.search.Text, Limit: pageSize}
	v.lister.list(st, q,
		func(p data.SourcePage, err error) {
			if err != nil {
				v.app.showError(v.app.lang.T("sources.listFailed"), err)
				return
			}
			v.pages.reset(func(ctx context.Context, offset, limit int) ([]data.SourceUse, error) {
				page, err := st.ListSources(ctx, data.SourceQuery{Search: q.Search, Offset: offset, Limit: limit})
				return page.Sources, err
			})
			v.pages.put(0, p.Sources)
			v.setRows(p.Matched, p.Total)
		})
}

// setRows shows a table of the matched sources of total.
func (v *sourcesView) setRows(matched, total int) {
	l := v.app.lang
	v.rows = matched
	if matched == total {
		v.total.SetText(count(l, "count.sources", total))
	} else {
		v.total.SetText(l.T("sources.shownOf", l.Number(matched), count(l, "count.sources", total)))
	}
	v.table.Refresh()
}

func (v *sourcesView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	l, link := stack.Objects[0].(*widget.Label), stack.Objects[1].(*widget.Hyperlink)
	s := v.pages.row(id.Row)
	if s == nil { // its page is being read
		link.Hide()
		l.SetText("")
		if id.Col == 0 {
			l.SetText("…")
		}
		l.Show()
		return
	}
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
	s := v.pages.row(row)
	if s == nil {
		return
	}
	l := v.app.lang
	v.selected = *s
	v.cite.SetText(l.Citation(s.Source)) // the button below says how many incidents cite it
	v.citing.SetText(count(l, "sources.citingButton", s.Incidents))
	v.citing.Show()
	if webURL(s.URL) != nil {
		v.open.Show()
	} else {
		v.open.Hide()
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

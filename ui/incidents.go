package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

// incidentColumns are the table's columns: the sort column of
// data.IncidentColumns (whose text "column."+sort heads the column), the
// width and the cell text in a language.
var incidentColumns = []struct {
	sort  string
	width float32
	text  func(i18n.Language, *data.Incident) string
}{
	{"date", 100, func(_ i18n.Language, i *data.Incident) string { return i.Date.String() }},
	{"area", 115, func(l i18n.Language, i *data.Incident) string { return l.Area(i.Area) }},
	{"kind", 100, func(l i18n.Language, i *data.Incident) string { return l.Kind(i.Kind) }},
	{"stage", 105, func(l i18n.Language, i *data.Incident) string { return l.Stage(i.Stage) }},
	{"count", 70, func(l i18n.Language, i *data.Incident) string { return countText(l, i.Count) }},
	{"basis", 95, func(l i18n.Language, i *data.Incident) string { return l.T("basis.short." + string(i.Basis)) }},
	{"channel", 150, func(l i18n.Language, i *data.Incident) string { return l.Channel(i.Channel) }},
	{"summary", 640, func(_ i18n.Language, i *data.Incident) string { return i.Summary }},
}

// incidentsView is the Incidents tab: a sortable table of the incidents,
// read a page at a time so that it stays smooth with a million rows, and a
// details pane with every source of the selected incident.
type incidentsView struct {
	app *App

	table     *keyTable
	total     *widget.Label
	matchOnly *keyCheck
	details   *incidentDetails

	stale    bool
	gen      uint64    // bumped whenever the list becomes invalid
	selected int       // the selected row, whose summary is shown in full; -1 for none
	widths   []float32 // of the columns, wide enough for their headers
	query    data.IncidentQuery
	rows     int
	pages    *pageCache[data.Incident]
}

func newIncidentsView(app *App) *incidentsView {
	v := &incidentsView{app: app, stale: true, selected: -1, query: data.IncidentQuery{Sort: data.Sort{Column: "date"}}}
	v.pages = newPageCache[data.Incident](func() { v.table.Refresh() },
		func(err error) { app.showError(app.lang.T("incidents.listFailed"), err) })
	return v
}

// buildUI lays out the table above the details pane.
func (v *incidentsView) buildUI() fyne.CanvasObject {
	v.table = newTable(
		func() (int, int) { return v.rows, len(incidentColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		v.updateCell)
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	v.table.UpdateHeader = v.updateHeader
	v.widths = make([]float32, len(incidentColumns))
	for i, c := range incidentColumns {
		v.widths[i] = max(c.width, headerWidth(v.app.lang.T("column."+c.sort)))
		v.table.SetColumnWidth(i, v.widths[i])
	}
	v.table.OnSelected = func(id widget.TableCellID) { v.selectRow(id.Row) }
	v.table.OnUnselected = func(widget.TableCellID) { v.unselect() }
	v.total = widget.NewLabel("")
	v.matchOnly = newCheck(v.app.lang.T("incidents.matchOnly"), func(bool) {
		v.invalidate()
		v.load()
	})
	v.matchOnly.Checked = true
	v.details = newIncidentDetails(v.app)
	top := container.NewBorder(container.NewHBox(v.total, v.matchOnly), nil, nil, nil, v.table)
	split := container.NewVSplit(top, v.details.buildUI())
	split.Offset = 0.55
	return split
}

// invalidate marks the table out of date; it reloads when next shown.
func (v *incidentsView) invalidate() {
	v.stale = true
	v.gen++
	v.pages.reset(nil) // pages still being read are dropped
}

// load re-reads the table if it is out of date.
func (v *incidentsView) load() {
	if !v.stale || v.app.store == nil {
		return
	}
	v.stale = false
	v.gen++
	v.query.Filter = data.Filter{}
	if v.matchOnly.Checked {
		v.query.Filter = v.app.filter
	}
	gen, st, q := v.gen, v.app.store, v.query
	v.pages.reset(func(ctx context.Context, offset, limit int) ([]data.Incident, error) {
		page := q
		page.Offset, page.Limit = offset, limit
		return st.Incidents(ctx, page)
	})
	if f := v.query.Filter; f.Areas != nil && len(f.Areas) == 0 {
		v.setRows(0)
		return
	}
	background(func() (int, error) { return st.CountIncidents(context.Background(), q) },
		func(n int, err error) {
			if gen != v.gen {
				return
			}
			if err != nil {
				v.app.showError(v.app.lang.T("incidents.listFailed"), err)
				return
			}
			v.setRows(n)
		})
	v.details.reload()
}

// setRows shows a table of n rows.
func (v *incidentsView) setRows(n int) {
	v.rows = n
	v.total.SetText(count(v.app.lang, "count.incidents", n))
	v.table.Refresh()
}

func (v *incidentsView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	inc := v.pages.row(id.Row)
	// The selected row shows its summary in full, wrapped; the others one
	// line each.
	if full := id.Row == v.selected && incidentColumns[id.Col].sort == "summary"; full {
		l.Truncation, l.Wrapping = fyne.TextTruncateOff, fyne.TextWrapWord
	} else {
		l.Truncation, l.Wrapping = fyne.TextTruncateEllipsis, fyne.TextWrapOff
	}
	switch {
	case inc == nil && id.Col == 0:
		l.SetText("…")
	case inc == nil:
		l.SetText("")
	default:
		l.SetText(incidentColumns[id.Col].text(v.app.lang, inc))
	}
}

func (v *incidentsView) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	col := incidentColumns[id.Col]
	text := v.app.lang.T("column." + col.sort)
	if v.query.Sort.Column == col.sort {
		text += map[bool]string{false: " ▲", true: " ▼"}[v.query.Sort.Desc]
	}
	b.SetText(text)
	b.OnTapped = func() { v.sortBy(col.sort) }
}

// sortBy sorts the table by column, or reverses the order if it is
// already sorted by it.
func (v *incidentsView) sortBy(column string) {
	if v.query.Sort.Column == column {
		v.query.Sort.Desc = !v.query.Sort.Desc
	} else {
		v.query.Sort = data.Sort{Column: column}
	}
	v.table.UnselectAll()
	v.invalidate()
	v.load()
	v.table.ScrollToTop()
}

// selectRow shows the details of the incident in row, and its summary in
// full: the row grows to the wrapped summary's height.
func (v *incidentsView) selectRow(row int) {
	v.unselect()
	inc := v.pages.row(row)
	if inc == nil {
		return
	}
	v.selected = row
	v.details.show(inc.ID)
	v.table.SetRowHeight(row, summaryHeight(inc.Summary, v.summaryWidth()))
	v.table.RefreshItem(widget.TableCellID{Row: row, Col: len(incidentColumns) - 1})
}

// unselect gives the selected row back its one-line height.
func (v *incidentsView) unselect() {
	if v.selected < 0 {
		return
	}
	v.table.SetRowHeight(v.selected, widget.NewLabel("").MinSize().Height)
	v.selected = -1
}

// summaryWidth is the width of the summary column.
func (v *incidentsView) summaryWidth() float32 { return v.widths[len(v.widths)-1] }

// summaryHeight is the height of a label showing s wrapped to width.
func summaryHeight(s string, width float32) float32 {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	l.Resize(fyne.NewSize(width, l.MinSize().Height))
	return max(l.MinSize().Height, widget.NewLabel("").MinSize().Height)
}

// headerWidth is the width a column needs for its header text with the
// sort arrow, so that no language's header is clipped.
func headerWidth(text string) float32 {
	b := widget.NewButton(text+" ▼", nil)
	return b.MinSize().Width + theme.Padding()*2
}

// countText shows a count in language l; nil means unknown.
func countText(l i18n.Language, n *int) string {
	if n == nil {
		return l.T("count.unknown")
	}
	return l.Number(*n)
}

// describeCount says in language l what a count means: "3 (new people in
// this event)"; an estimate says that it is not counted in confirmed
// figures.
func describeCount(l i18n.Language, inc *data.Incident) string {
	if inc.Count == nil {
		return l.T("count.unknownLong")
	}
	if inc.Basis == data.Estimate {
		return l.T("details.estimate", l.Number(*inc.Count))
	}
	return fmt.Sprintf("%s (%s)", l.Number(*inc.Count), i18n.LowerFirst(basisLabel(l, inc.Basis)))
}

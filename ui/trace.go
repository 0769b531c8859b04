package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

// traceList is a dialog listing incidents with their sources: those
// behind a number of the chart, or those citing a source. Each incident
// opens in the Incidents tab, and each source with a web address in the
// browser.
type traceList struct {
	app *App
	dlg dialog.Dialog
}

// showTrace lists the incidents behind mark m of chart c.
func (u *App) showTrace(c *data.Chart, m data.Mark) {
	q, ok := c.Behind(m)
	st := u.store
	if !ok || st == nil {
		return
	}
	l := u.lang
	background(func() (data.Trace, error) {
		incs, partial, err := st.Trace(context.Background(), q)
		if err != nil {
			return data.Trace{}, err
		}
		return c.Account(m, incs, partial), nil
	}, func(tr data.Trace, err error) {
		if err != nil {
			u.showError(l.T("trace.failed"), err)
			return
		}
		intro := l.T("trace.intro", markName(l, c, m), markValue(l, c, m))
		if tr.Partial {
			intro += "\n\n" + l.T("trace.partial", l.Number(data.MaxTrace))
		}
		u.showTraceList(l.T("trace.title"), intro, tr.Entries)
	})
}

// showCiting lists the incidents that cite source s.
func (u *App) showCiting(s data.SourceUse) {
	st := u.store
	if st == nil {
		return
	}
	l := u.lang
	background(func() ([]data.Incident, error) { return st.Citing(context.Background(), s.ID) },
		func(incs []data.Incident, err error) {
			if err != nil {
				u.showError(l.T("trace.failed"), err)
				return
			}
			entries := make([]data.TraceEntry, len(incs))
			for i, inc := range incs {
				entries[i] = data.TraceEntry{Incident: inc, Role: data.Unaccounted}
			}
			u.showTraceList(l.T("trace.citingTitle"), l.Citation(s.Source), entries)
		})
}

// showTraceList shows the dialog of the entries under intro.
func (u *App) showTraceList(title, intro string, entries []data.TraceEntry) {
	t := &traceList{app: u}
	items := []fyne.CanvasObject{wrapLabel(intro)}
	if len(entries) == 0 {
		items = append(items, hint(u.lang.T("trace.none")))
	}
	for _, e := range entries {
		items = append(items, widget.NewSeparator(), t.entry(e))
	}
	t.dlg = dialog.NewCustom(title, u.lang.T("dialog.close"), container.NewVScroll(container.NewVBox(items...)), u.win)
	t.dlg.Resize(dialogSize(u.win, 760, 560))
	u.showClosable(t.dlg)
}

// entry shows one incident: when and where, with the button that opens
// it in the Incidents tab, what it added, its summary and its sources.
func (t *traceList) entry(e data.TraceEntry) fyne.CanvasObject {
	l := t.app.lang
	inc := e.Incident
	head := fmt.Sprintf("%s · %s · %s · %s", inc.Date, l.Area(inc.Area), l.Kind(inc.Kind), describeCount(l, &inc))
	id := inc.ID
	show := widget.NewButton(l.T("trace.show"), func() {
		t.dlg.Hide()
		t.app.openIncident(id)
	})
	title := heading(head)
	title.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, show, title)}
	if role := roleText(l, e); role != "" {
		objs = append(objs, widget.NewLabelWithStyle(role, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}
	objs = append(objs, wrapLabel(inc.Summary))
	for _, s := range inc.Sources {
		cite := wrapLabel(l.Citation(s))
		if u := webURL(s.URL); u != nil {
			open := widget.NewButton(l.T("trace.open"), func() { t.app.openLink(u.String()) })
			objs = append(objs, container.NewBorder(nil, nil, nil, open, cite))
			continue
		}
		objs = append(objs, cite)
	}
	return container.NewVBox(objs...)
}

// roleText says what an incident added to the number it is behind.
func roleText(l i18n.Language, e data.TraceEntry) string {
	switch e.Role {
	case data.Counted:
		if e.Adds < 0 {
			return l.T("trace.takesBack", l.Number(-e.Adds))
		}
		return l.T("trace.adds", l.Number(e.Adds))
	case data.Superseded:
		return l.T("trace.superseded")
	case data.Estimated:
		return l.T("trace.estimate")
	}
	return ""
}

// openLink opens a web address in the browser, or says why it could not.
func (u *App) openLink(address string) {
	if w := webURL(address); w != nil {
		if err := u.openURL(w); err != nil {
			u.showError(u.lang.T("trace.openFailed"), err)
		}
	}
}

// openIncident shows incident id in the Incidents tab.
func (u *App) openIncident(id int64) {
	u.tabs.SelectIndex(1)
	u.incidents.table.UnselectAll()
	u.incidents.unselect()
	u.incidents.details.show(id)
}

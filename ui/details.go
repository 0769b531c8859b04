package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
)

// incidentDetails is the pane under the incidents table: every field of
// the selected incident and the citation of each of its sources, with Edit
// and Delete buttons.
type incidentDetails struct {
	app *App

	title     *widget.Label
	body      *fyne.Container
	scroll    *container.Scroll
	edit, del *widget.Button
	shown     int64 // the incident whose details were last filled in

	id  int64          // the incident shown, 0 for none
	inc *data.Incident // with its sources, once read
}

func newIncidentDetails(app *App) *incidentDetails { return &incidentDetails{app: app} }

// buildUI lays out the pane.
func (d *incidentDetails) buildUI() fyne.CanvasObject {
	l := d.app.lang
	d.title = heading("")
	d.title.Truncation = fyne.TextTruncateEllipsis
	d.body = container.NewVBox()
	d.edit = widget.NewButtonWithIcon(l.T("details.edit"), theme.DocumentCreateIcon(), func() {
		if d.inc != nil {
			d.app.editIncident(d.inc)
		}
	})
	d.del = widget.NewButtonWithIcon(l.T("details.delete"), theme.DeleteIcon(), d.confirmDelete)
	d.del.Importance = widget.DangerImportance
	d.clear()
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(d.edit, d.del), d.title)
	d.scroll = container.NewVScroll(d.body)
	return container.NewBorder(bar, nil, nil, nil, d.scroll)
}

// clear shows the pane's hint and disables its buttons.
func (d *incidentDetails) clear() {
	d.id, d.inc = 0, nil
	d.title.SetText(d.app.lang.T("details.none"))
	d.body.Objects = []fyne.CanvasObject{hint(d.app.lang.T("details.hint"))}
	d.body.Refresh()
	d.edit.Disable()
	d.del.Disable()
}

// show reads incident id with its sources and shows it.
func (d *incidentDetails) show(id int64) {
	d.id = id
	st := d.app.store
	background(func() (*data.Incident, error) { return st.Incident(context.Background(), id) },
		func(inc *data.Incident, err error) {
			if d.id != id || d.app.store != st {
				return
			}
			if data.ErrorCode(err) == data.ENOTFOUND {
				d.clear()
				return
			}
			if err != nil {
				d.app.showError(d.app.lang.T("details.readFailed"), err)
				return
			}
			d.fill(inc)
		})
}

// reload shows the current incident again after the data changed.
func (d *incidentDetails) reload() {
	if d.id != 0 {
		d.show(d.id)
	}
}

// fill shows inc.
func (d *incidentDetails) fill(inc *data.Incident) {
	l := d.app.lang
	d.inc = inc
	d.title.SetText(fmt.Sprintf("%s · %s · %s", l.Kind(inc.Kind), l.Area(inc.Area), inc.Date))
	form := func(pairs ...string) fyne.CanvasObject {
		var rows []fyne.CanvasObject
		for i := 0; i < len(pairs); i += 2 {
			if pairs[i+1] != "" {
				rows = append(rows, widget.NewLabelWithStyle(l.T(pairs[i]), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
					wrapLabel(pairs[i+1]))
			}
		}
		return container.New(layout.NewFormLayout(), rows...)
	}
	objs := []fyne.CanvasObject{
		form("field.summary", inc.Summary, "field.count", describeCount(l, inc), "field.stage", l.Stage(inc.Stage),
			"field.channel", l.Channel(inc.Channel), "editor.group", detailsGroup(l, inc.Group),
			"filter.side", sideLabel(l, inc.Side), "field.person", inc.Person),
		heading(l.T("details.sources", len(inc.Sources))),
	}
	for i, s := range inc.Sources {
		objs = append(objs, wrapLabel(fmt.Sprintf("%d. %s", i+1, l.Citation(s))))
		if u := webURL(s.URL); u != nil {
			objs = append(objs, container.NewHBox(widget.NewHyperlink(l.T("link.open"), u)))
		}
	}
	objs = append(objs, widget.NewSeparator(), form("field.notes", inc.Notes, "field.ref", inc.Ref))
	d.body.Objects = objs
	d.body.Refresh()
	if d.shown != inc.ID {
		d.scroll.ScrollToTop() // another incident starts at its top
	}
	d.shown = inc.ID
	d.edit.Enable()
	d.del.Enable()
}

// detailsGroup names the group of people an incident is about; blank
// when the source does not say.
func detailsGroup(l i18n.Language, g data.Group) string {
	if g == data.GroupUnstated {
		return ""
	}
	return l.Group(g)
}

// confirmDelete asks before deleting the incident shown.
func (d *incidentDetails) confirmDelete() {
	inc := d.inc
	if inc == nil {
		return
	}
	l := d.app.lang
	msg := l.T("details.confirmDelete", inc.Ref, l.Area(inc.Area), inc.Date.String())
	c := dialog.NewConfirm(l.T("details.deleteTitle"), msg, func(ok bool) {
		if ok {
			d.app.deleteIncident(inc)
		}
	}, d.app.win)
	c.SetConfirmText(l.T("details.delete"))
	c.SetDismissText(l.T("dialog.cancel"))
	c.SetConfirmImportance(widget.DangerImportance)
	d.app.showClosable(c)
}

// deleteIncident deletes inc in the background and reloads every screen.
func (u *App) deleteIncident(inc *data.Incident) {
	st := u.store
	background(func() (struct{}, error) { return struct{}{}, st.DeleteIncident(context.Background(), inc.ID) },
		func(_ struct{}, err error) {
			if err != nil {
				u.showError(u.lang.T("details.deleteFailed"), err, u.lang.T("note.nothingChanged"))
				return
			}
			u.incidents.details.clear()
			u.reload()
			u.say(u.lang.T("status.deleted", inc.Ref))
		})
}

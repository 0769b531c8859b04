package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
)

// Choices of the editor's source mode, by position.
const (
	pickSource = iota // a source already in the database
	newSource         // a new source
)

// editor is the form that adds an incident or edits one. Every field has
// a validator with a plain-language message shown under it; a source is
// required; saving is one transaction in the store.
type editor struct {
	app  *App
	orig *data.Incident // nil when adding
	dlg  *dialog.CustomDialog

	ref, date, count, person, summary, notes *keyEntry
	headline                                 *keyEntry
	area, kind, stage, basis, side, group    *keySelect
	channel                                  *keySelectEntry

	src *sourceForm

	errs   map[string]*widget.Label // by field: the CSV column names, and "source"
	save   *widget.Button
	status *widget.Label  // says how many fields need fixing
	next   *widget.Button // takes the user to each field with a problem in turn

	order  []string                  // the fields with a message, in the form's order
	inputs map[string]fyne.Focusable // the widget to focus for each field
	at     int                       // the index in order of the last field gone to
	scroll *container.Scroll
}

// editIncident opens the editor: for a new incident if inc is nil, else
// for inc, which must carry its sources.
func (u *App) editIncident(inc *data.Incident) *editor {
	l := u.lang
	if u.store == nil {
		u.showError(l.T("error.noDatabase"), errors.New(l.T("editor.needDatabase")))
		return nil
	}
	e := &editor{app: u, orig: inc, errs: map[string]*widget.Label{}, inputs: map[string]fyne.Focusable{}, at: -1}
	title := l.T("editor.addTitle")
	if inc != nil {
		title = l.T("editor.editTitle", inc.Ref)
	}
	e.dlg = dialog.NewCustomWithoutButtons(title, e.buildUI(), u.win)
	e.fill()
	e.src.load(u.store)
	e.dlg.Resize(dialogSize(u.win, 780, 700))
	u.showClosable(e.dlg)
	u.win.Canvas().Focus(e.date)
	return e
}

// buildUI creates the form: the incident's fields, then its source, then
// the Save and Cancel buttons.
func (e *editor) buildUI() fyne.CanvasObject {
	l := e.app.lang
	e.ref = e.entry("ref", l.T("editor.hint.ref"))
	e.date = e.entry("date", l.T("editor.hint.date"))
	e.count = e.entry("count", l.T("editor.hint.count"))
	e.person = e.entry("person", l.T("editor.hint.person"))
	e.summary = e.multiline("summary", l.T("editor.hint.summary"), 3)
	e.notes = e.multiline("notes", l.T("editor.hint.notes"), 2)
	e.headline = e.entry("headline", l.T("editor.hint.headline"))
	var areas, kinds, stages, bases, channels []string
	for _, a := range data.Areas {
		areas = append(areas, l.Area(a))
	}
	e.area = e.choice("area", areas)
	for _, k := range data.Kinds {
		kinds = append(kinds, l.Kind(k))
	}
	e.kind = e.choice("kind", kinds)
	e.kind.OnChanged = func(string) { e.kindChanged(); e.check("kind", "stage", "channel") }
	for _, s := range data.Stages {
		stages = append(stages, l.Stage(s))
	}
	e.stage = e.choice("stage", stages)
	for _, b := range data.Bases {
		bases = append(bases, basisLabel(l, b))
	}
	e.basis = e.choice("basis", bases)
	groups := []string{l.T("editor.group.unstated")}
	for _, g := range data.Groups {
		groups = append(groups, l.Group(g))
	}
	e.group = e.choice("group", groups)
	e.side = e.choice("side", []string{l.T("editor.side.unknown"), sideLabel(l, data.Russia), sideLabel(l, data.Ukraine)})
	for _, c := range data.Channels {
		channels = append(channels, l.Channel(c.Code))
	}
	e.channel = newSelectEntry(channels)
	e.channel.SetPlaceHolder(l.T("editor.hint.channel"))
	e.channel.OnChanged = func(string) { e.check("channel") }

	e.src = &sourceForm{}
	form := container.New(layout.NewFormLayout())
	for _, r := range [][]fyne.CanvasObject{
		e.row(l.T("field.ref"), "ref", e.ref),
		e.row(l.T("column.date"), "date", e.date),
		e.row(l.T("column.area"), "area", e.area),
		e.row(l.T("column.kind"), "kind", e.kind),
		e.row(l.T("editor.stage"), "stage", e.stage),
		e.row(l.T("field.count"), "count", e.count),
		e.row(l.T("editor.basis"), "basis", e.basis),
		e.row(l.T("editor.group"), "group", e.group),
		e.row(l.T("editor.channel"), "channel", e.channel),
		e.row(l.T("filter.side"), "side", e.side),
		e.row(l.T("field.person"), "person", e.person),
		e.row(l.T("field.summary"), "summary", e.summary),
		e.row(l.T("field.headline"), "headline", e.headline),
		e.row(l.T("field.notes"), "notes", e.notes),
		e.src.rows(e),
	} {
		form.Objects = append(form.Objects, r...)
	}
	e.save = widget.NewButton(l.T("dialog.save"), e.submit)
	e.save.Importance = widget.HighImportance
	e.status = widget.NewLabel("")
	e.status.Importance = widget.DangerImportance
	e.status.Truncation = fyne.TextTruncateEllipsis
	e.next = widget.NewButtonWithIcon(l.T("editor.nextProblem"), theme.NavigateNextIcon(), e.nextProblem)
	e.next.Hide()
	e.inputs["source"] = e.src.outlet
	e.inputs["source_date"] = e.src.date
	buttons := container.NewBorder(nil, nil, e.next,
		container.NewHBox(widget.NewButton(l.T("dialog.cancel"), func() { e.dlg.Hide() }), e.save), e.status)
	// The right padding keeps the scroll bar off the fields.
	body := container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.Padding()*2), form)
	e.scroll = container.NewVScroll(body)
	return container.NewBorder(nil, buttons, nil, nil, e.scroll)
}

// entry is a one-line entry that checks field as the user types.
func (e *editor) entry(field, placeholder string) *keyEntry {
	w := newEntry()
	w.SetPlaceHolder(placeholder)
	w.OnChanged = func(string) { e.check(field) }
	return w
}

// multiline is a wrapping entry of rows lines that checks field.
func (e *editor) multiline(field, placeholder string, rows int) *keyEntry {
	w := e.entry(field, placeholder)
	w.MultiLine = true
	w.Wrapping = fyne.TextWrapWord
	w.SetMinRowsVisible(rows)
	return w
}

// choice is a drop-down that checks field when it changes.
func (e *editor) choice(field string, options []string) *keySelect {
	s := newSelect(options, func(string) { e.check(field) })
	s.PlaceHolder = e.app.lang.T("editor.choose")
	return s
}

// row is a form row: the label, and the widget above its error message.
func (e *editor) row(label, field string, w fyne.CanvasObject) []fyne.CanvasObject {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{})
	if f, ok := w.(fyne.Focusable); ok && field != "" && e.inputs[field] == nil {
		e.inputs[field] = f
	}
	if field == "" || field == "source" {
		return []fyne.CanvasObject{l, w}
	}
	return []fyne.CanvasObject{l, container.NewVBox(w, e.errorLabel(field))}
}

// errorLabel is the hidden red message of field.
func (e *editor) errorLabel(field string) *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	e.errs[field] = l
	e.order = append(e.order, field)
	return l
}

// nextProblem focuses the next field, in the form's order, that shows a
// problem, and scrolls it into view; after the last it starts again.
func (e *editor) nextProblem() {
	for i := 1; i <= len(e.order); i++ {
		k := (e.at + i) % len(e.order)
		f := e.order[k]
		if l := e.errs[f]; l == nil || !l.Visible() {
			continue
		}
		e.at = k
		w := e.inputs[f]
		if f == "source" && e.src.modeIs(pickSource) {
			w = e.src.find
		}
		if w != nil {
			e.app.win.Canvas().Focus(w)
			if o, ok := w.(fyne.CanvasObject); ok {
				e.scrollTo(o)
			}
		}
		return
	}
}

// scrollTo scrolls the form so that o is in view.
func (e *editor) scrollTo(o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(e.scroll.Content).Y
	e.scroll.Offset.Y = max(0, min(y-theme.Padding()*4, e.scroll.Content.MinSize().Height-e.scroll.Size().Height))
	e.scroll.Refresh()
}

// fill puts the edited incident, or a new one's defaults, in the form.
func (e *editor) fill() {
	inc := e.orig
	if inc == nil {
		inc = &data.Incident{Ref: "user-" + e.app.now().Format("2006-01-02-150405"), Kind: data.Death,
			Basis: data.Event, Area: data.KG}
	}
	e.ref.SetText(inc.Ref)
	if !inc.Date.IsZero() {
		e.date.SetText(inc.Date.String())
	}
	e.area.SetSelectedIndex(indexOf(codes(data.Areas), string(inc.Area)))
	e.kind.SetSelectedIndex(indexOf(codes(data.Kinds), string(inc.Kind)))
	if inc.Stage != "" {
		e.stage.SetSelectedIndex(indexOf(codes(data.Stages), string(inc.Stage)))
	}
	if inc.Count != nil {
		e.count.SetText(strconv.Itoa(*inc.Count))
	}
	e.basis.SetSelectedIndex(indexOf(codes(data.Bases), string(inc.Basis)))
	if inc.Channel != "" {
		e.channel.SetText(e.app.lang.Channel(inc.Channel))
	}
	e.side.SetSelectedIndex(indexOf([]string{"", string(data.Russia), string(data.Ukraine)}, string(inc.Side)))
	e.group.SetSelectedIndex(max(0, indexOf(codes(panelGroups), string(inc.Group))))
	e.person.SetText(inc.Person)
	e.summary.SetText(inc.Summary)
	e.notes.SetText(inc.Notes)
	e.headline.SetText(inc.Headline)
	e.src.fill(inc.Sources)
	e.kindChanged()
	e.clearErrors()
}

// kindChanged enables the stage only for prosecutions and the channel only
// for recruitment, clearing them otherwise.
func (e *editor) kindChanged() {
	k := e.kindValue()
	if k != data.Prosecution {
		e.stage.ClearSelected()
	}
	if k != data.Recruitment {
		e.channel.SetText("")
	}
	setEnabled(e.stage, k == data.Prosecution)
	setEnabled(e.channel, k == data.Recruitment)
}

func (e *editor) kindValue() data.Kind {
	if i := e.kind.SelectedIndex(); i >= 0 {
		return data.Kinds[i]
	}
	return ""
}

// submit checks every field and saves the incident if all are valid.
func (e *editor) submit() {
	inc, ok := e.incident()
	if !ok {
		return
	}
	if e.orig != nil {
		inc.ID = e.orig.ID
	}
	st := e.app.store
	typed := strings.TrimSpace(e.date.Text)
	e.save.Disable()
	background(func() (*data.Incident, error) { return inc, st.SaveIncident(context.Background(), inc) },
		func(inc *data.Incident, err error) {
			e.save.Enable()
			if err != nil {
				e.saveFailed(err)
				return
			}
			e.dlg.Hide()
			e.app.saved(inc)
			if typed != inc.Date.String() {
				// Say how a date written as people write it was stored.
				e.app.say(e.app.lang.T("status.savedIncidentDate", inc.Ref, typed, inc.Date.String()))
			}
		})
}

// saveFailed shows why the store refused the incident.
func (e *editor) saveFailed(err error) {
	var ve *data.ValidationError
	switch {
	case errors.As(err, &ve):
		e.setError(fieldOf(ve.Field), fieldProblem(e.app.lang, ve.FieldError))
	case data.ErrorCode(err) == data.ECONFLICT:
		e.setError("ref", e.app.lang.T("editor.refTaken", errorText(e.app.lang, err)))
	default:
		e.app.showError(e.app.lang.T("editor.saveFailed"), err, e.app.lang.T("note.nothingChanged"))
	}
}

// saved reloads every screen after an incident was saved.
func (u *App) saved(inc *data.Incident) {
	u.reload()
	u.say(u.lang.T("status.savedIncident", inc.Ref, u.lang.Area(inc.Area), inc.Date.String()))
}

// codes writes enumeration values as strings, in their order.
func codes[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

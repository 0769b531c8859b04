package ui

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"catracker/data"
	"catracker/i18n"
)

// Messages of the editor's field checks, in plain words: their keys in
// the catalogue.
const (
	msgRef       = "editor.msg.ref"
	msgDate      = "editor.msg.date"
	msgArea      = "editor.msg.area"
	msgKind      = "editor.msg.kind"
	msgStage     = "editor.msg.stage"
	msgNoStage   = "editor.msg.noStage"
	msgCount     = "editor.msg.count"
	msgChannel   = "editor.msg.channel"
	msgNoChannel = "editor.msg.noChannel"
	msgSummary   = "editor.msg.summary"
	msgHeadline  = "editor.msg.headline"
	msgOutlet    = "editor.msg.outlet"
	msgNoSource  = "editor.msg.noSource"
	// msgInvalid wraps a problem of the data layer.
	msgInvalid = "editor.msg.invalid"
)

// read builds the incident from the form and lists the problems of its
// fields, keyed by field, in the app's language.
func (e *editor) read() (*data.Incident, map[string]string) {
	l := e.app.lang
	p := map[string]string{}
	inc := &data.Incident{
		Ref:     strings.TrimSpace(e.ref.Text),
		Person:  strings.TrimSpace(e.person.Text),
		Summary: strings.TrimSpace(e.summary.Text),
		Notes:   strings.TrimSpace(e.notes.Text),
		Basis:   data.Event,
		// a headline pasted with a line break is still one line
		Headline: strings.Join(strings.Fields(e.headline.Text), " "),
	}
	if inc.Ref == "" {
		p["ref"] = l.T(msgRef)
	}
	if d := strings.TrimSpace(e.date.Text); d == "" {
		p["date"] = l.T(msgDate)
	} else if parsed, err := data.ParseUserDate(d); err != nil {
		p["date"] = dateProblem(l, d, err)
	} else {
		inc.Date = parsed
	}
	if i := e.area.SelectedIndex(); i >= 0 {
		inc.Area = data.Areas[i]
	} else {
		p["area"] = l.T(msgArea)
	}
	if inc.Kind = e.kindValue(); inc.Kind == "" {
		p["kind"] = l.T(msgKind)
	}
	if i := e.stage.SelectedIndex(); i >= 0 {
		inc.Stage = data.Stages[i]
	}
	switch {
	case inc.Kind == data.Prosecution && inc.Stage == "":
		p["stage"] = l.T(msgStage)
	case inc.Kind != data.Prosecution && inc.Stage != "":
		p["stage"] = l.T(msgNoStage)
	}
	if c := strings.TrimSpace(e.count.Text); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 0 {
			p["count"] = l.T(msgCount)
		} else {
			inc.Count = &n
		}
	}
	if i := e.basis.SelectedIndex(); i >= 0 {
		inc.Basis = data.Bases[i]
	}
	if msg := e.readChannel(inc); msg != "" {
		p["channel"] = msg
	}
	inc.Side = []data.Side{data.SideUnknown, data.Russia, data.Ukraine}[max(0, e.side.SelectedIndex())]
	inc.Group = panelGroups[max(0, e.group.SelectedIndex())]
	if inc.Summary == "" {
		p["summary"] = l.T(msgSummary)
	}
	if n := utf8.RuneCountInString(inc.Headline); n > data.MaxHeadlineLen {
		p["headline"] = l.T(msgHeadline, data.MaxHeadlineLen, n)
	}
	inc.Sources = e.src.read(l, p)
	// The rules of the data model, as an import applies them to a CSV
	// row, with the same words; a field the form already finds a problem
	// with keeps that one.
	for _, pr := range inc.Problems() {
		if f := fieldOf(pr.Field); p[f] == "" {
			p[f] = fieldProblem(l, pr)
		}
	}
	return inc, p
}

// readChannel sets inc.Channel from the form and returns its problem.
func (e *editor) readChannel(inc *data.Incident) string {
	l := e.app.lang
	text := strings.TrimSpace(e.channel.Text)
	if text != "" {
		inc.Channel = channelOf(l, text)
		if inc.Channel == "" {
			_, err := data.ParseChannel(text)
			return errorProblem(l, err)
		}
	}
	switch {
	case inc.Kind == data.Recruitment && inc.Channel == "":
		return l.T(msgChannel)
	case inc.Kind != data.Recruitment && inc.Channel != "":
		return l.T(msgNoChannel)
	}
	return ""
}

// channelOf returns the channel a label in language l or a code names, or
// "" if text is neither a known label nor a valid code.
func channelOf(l i18n.Language, text string) data.Channel {
	for _, c := range data.Channels {
		if strings.EqualFold(l.Channel(c.Code), text) {
			return c.Code
		}
	}
	c, err := data.ParseChannel(text)
	if err != nil {
		return ""
	}
	return c
}

// dateProblem says in language l why typed is not a date, as err, the
// refusal of data.ParseUserDate, tells, and how to write a date.
func dateProblem(l i18n.Language, typed string, err error) string {
	var d *data.DateError
	if !errors.As(err, &d) {
		return errorProblem(l, err)
	}
	switch d.Problem {
	case data.DateAmbiguous:
		return l.T("editor.msg.dateAmbiguous", typed)
	case data.DateYearOutOfRange:
		return l.T("editor.msg.dateYear", typed)
	case data.DateNoSuchDay:
		return l.N("editor.msg.dateDays", d.Days, typed, d.Days)
	}
	return l.T("editor.msg.dateUnread", typed)
}

// fieldProblem says in language l what the problem p of a field is.
func fieldProblem(l i18n.Language, p data.FieldError) string {
	return l.T(msgInvalid, sentence(l.Problem(p.Code, p.Args, p.Message)))
}

// errorProblem says in language l what the data layer's refusal err is,
// as a problem of a field.
func errorProblem(l i18n.Language, err error) string {
	return l.T(msgInvalid, sentence(errorText(l, err)))
}

// errorText says in language l what the data layer's error err is: in l
// when its *data.Error gives the problem's reason, else as err says.
func errorText(l i18n.Language, err error) string {
	var e *data.Error
	if errors.As(err, &e) {
		return l.Problem(e.Reason, e.Args, e.Message)
	}
	return err.Error()
}

// fieldOf maps a field of data.ValidationError to the form's field.
func fieldOf(field string) string {
	if field == "source_date" {
		return field
	}
	if strings.HasPrefix(field, "source_") || field == "cited_as" {
		return "source"
	}
	return field
}

// check updates the messages of fields that already show one, as the user
// types: a fixed problem's message goes away at once. New problems show
// when the user saves.
func (e *editor) check(fields ...string) {
	if e.save == nil { // still building the form
		return
	}
	_, p := e.read()
	for _, f := range fields {
		if l := e.errs[f]; l != nil && l.Visible() {
			e.setError(f, p[f])
		}
	}
	e.updateStatus()
}

// updateStatus says next to Save how many fields show a problem.
func (e *editor) updateStatus() {
	n := 0
	for _, l := range e.errs {
		if l.Visible() {
			n++
		}
	}
	if n == 0 {
		e.status.SetText("")
		e.next.Hide()
		return
	}
	e.status.SetText(e.app.lang.N("editor.toFix", n, n))
	e.next.Show()
}

// incident returns the form's incident, or shows every problem and
// returns ok false.
func (e *editor) incident() (inc *data.Incident, ok bool) {
	inc, p := e.read()
	for f := range e.errs {
		e.setError(f, p[f])
	}
	for f, msg := range p {
		if e.errs[f] == nil {
			e.app.showError(e.app.lang.T("editor.cannotSave"), errors.New(msg))
		}
	}
	e.updateStatus()
	return inc, len(p) == 0
}

// setError shows msg under field, or hides the message if msg is empty.
func (e *editor) setError(field, msg string) {
	l := e.errs[field]
	if l == nil {
		return
	}
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// clearErrors hides every message.
func (e *editor) clearErrors() {
	for f := range e.errs {
		e.setError(f, "")
	}
}

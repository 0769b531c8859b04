package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"catracker/data"
)

// Messages of the editor's field checks, in plain words.
const (
	msgRef       = "Give the incident a reference: a short id that no other incident has."
	msgDate      = "Enter the date of the incident: YYYY-MM-DD, YYYY-MM or YYYY."
	msgArea      = "Choose the country."
	msgKind      = "Choose what happened."
	msgStage     = "Choose the stage the prosecution had reached."
	msgNoStage   = "Only prosecutions have a stage."
	msgCount     = "Write a whole number of people, 0 or more, or leave it blank if the count is unknown."
	msgChannel   = "Choose the recruitment channel, or type a new short code."
	msgNoChannel = "Only recruitment reports have a channel. Clear it, or change the kind to Recruitment."
	msgSummary   = "Write a short summary in your own words."
	msgOutlet    = "Name the outlet (the publication) of the new source."
	msgNoSource  = "Add a source: choose one already in the database, or fill in a new one."
)

// read builds the incident from the form and lists the problems of its
// fields, keyed by field.
func (e *editor) read() (*data.Incident, map[string]string) {
	p := map[string]string{}
	inc := &data.Incident{
		Ref:     strings.TrimSpace(e.ref.Text),
		Person:  strings.TrimSpace(e.person.Text),
		Summary: strings.TrimSpace(e.summary.Text),
		Notes:   strings.TrimSpace(e.notes.Text),
		Basis:   data.Event,
	}
	if inc.Ref == "" {
		p["ref"] = msgRef
	}
	if d := strings.TrimSpace(e.date.Text); d == "" {
		p["date"] = msgDate
	} else if parsed, err := data.ParseDate(d); err != nil {
		p["date"] = capitalise(err.Error()) + "."
	} else {
		inc.Date = parsed
	}
	if i := e.area.SelectedIndex(); i >= 0 {
		inc.Area = data.Areas[i]
	} else {
		p["area"] = msgArea
	}
	if inc.Kind = e.kindValue(); inc.Kind == "" {
		p["kind"] = msgKind
	}
	if i := e.stage.SelectedIndex(); i >= 0 {
		inc.Stage = data.Stages[i]
	}
	switch {
	case inc.Kind == data.Prosecution && inc.Stage == "":
		p["stage"] = msgStage
	case inc.Kind != data.Prosecution && inc.Stage != "":
		p["stage"] = msgNoStage
	}
	if c := strings.TrimSpace(e.count.Text); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 0 {
			p["count"] = msgCount
		} else {
			inc.Count = &n
		}
	}
	if i := e.basis.SelectedIndex(); i >= 0 {
		inc.Basis = basisLabels[i].basis
	}
	if msg := e.readChannel(inc); msg != "" {
		p["channel"] = msg
	}
	inc.Side = []data.Side{data.SideUnknown, data.Russia, data.Ukraine}[max(0, e.side.SelectedIndex())]
	if inc.Summary == "" {
		p["summary"] = msgSummary
	}
	inc.Sources = e.src.read(p)
	if len(p) == 0 {
		var ve *data.ValidationError
		if err := inc.Validate(); errors.As(err, &ve) {
			p[fieldOf(ve.Field)] = capitalise(ve.Message) + "."
		}
	}
	return inc, p
}

// readChannel sets inc.Channel from the form and returns its problem.
func (e *editor) readChannel(inc *data.Incident) string {
	text := strings.TrimSpace(e.channel.Text)
	if text != "" {
		inc.Channel = channelOf(text)
		if inc.Channel == "" {
			_, err := data.ParseChannel(text)
			return capitalise(err.Error()) + "."
		}
	}
	switch {
	case inc.Kind == data.Recruitment && inc.Channel == "":
		return msgChannel
	case inc.Kind != data.Recruitment && inc.Channel != "":
		return msgNoChannel
	}
	return ""
}

// channelOf returns the channel a label or code names, or "" if text is
// neither a known label nor a valid code.
func channelOf(text string) data.Channel {
	for _, c := range data.Channels {
		if strings.EqualFold(c.Label, text) {
			return c.Code
		}
	}
	c, err := data.ParseChannel(text)
	if err != nil {
		return ""
	}
	return c
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
	switch n {
	case 0:
		e.status.SetText("")
	case 1:
		e.status.SetText("One field needs fixing; it is marked in red.")
	default:
		e.status.SetText(fmt.Sprintf("%d fields need fixing; they are marked in red.", n))
	}
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
			e.app.showError("The incident cannot be saved yet", errors.New(msg))
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

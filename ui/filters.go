package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
)

// familyLabels name the chart families in the filter panel.
var familyLabels = []struct {
	family data.Family
	label  string
}{
	{data.Deaths, "Deaths"},
	{data.Prosecutions, "Prosecutions"},
	{data.RecruitmentReports, "Recruitment channels"},
	{data.Timeline, "Recruitment timeline"},
}

// panelAreas are the areas with a checkbox: the five countries and CA.
var panelAreas = append(append([]data.Area{}, data.Countries...), data.CA)

// sideLabels name the sides in the filter panel; the first keeps both.
var sideLabels = []struct {
	side  data.Side
	label string
}{
	{data.SideUnknown, "Both sides"},
	{data.Russia, "Russia's army"},
	{data.Ukraine, "Ukraine's army"},
}

// firstStage is the stage choice that dates cases by their first stage.
const firstStage = "First stage (default)"

// filterPanel is the left-hand panel that chooses what the chart shows.
type filterPanel struct {
	onChange func(f data.Filter, from, to string)

	family     *widget.RadioGroup
	areas      []*widget.Check // in panelAreas order
	all, none  *widget.Button
	from, to   *widget.Entry
	dateNote   *widget.Label
	period     *widget.RadioGroup
	cumulative *widget.Check
	side       *widget.Select
	stage      *widget.Select

	quiet bool // set while the panel is filled in by code
}

// newFilterPanel returns a panel that calls onChange with every valid
// filter the user picks, and the date range as typed.
func newFilterPanel(onChange func(f data.Filter, from, to string)) *filterPanel {
	return &filterPanel{onChange: onChange}
}

// buildUI creates the panel's widgets inside a vertical scroll, so it never
// clips on a small screen.
func (p *filterPanel) buildUI() fyne.CanvasObject {
	changed := func() { p.changed() }
	families := make([]string, len(familyLabels))
	for i, f := range familyLabels {
		families[i] = f.label
	}
	p.family = widget.NewRadioGroup(families, func(string) { p.changed() })
	p.family.Required = true
	var checks []fyne.CanvasObject
	for _, a := range panelAreas {
		c := widget.NewCheck(a.Name(), func(bool) { p.changed() })
		p.areas = append(p.areas, c)
		checks = append(checks, c)
	}
	p.all = widget.NewButton("All", func() { p.setAreas(true) })
	p.none = widget.NewButton("None", func() { p.setAreas(false) })
	p.from = monthEntry(changed)
	p.to = monthEntry(changed)
	p.dateNote = widget.NewLabel("")
	p.dateNote.Wrapping = fyne.TextWrapWord
	p.dateNote.Importance = widget.DangerImportance
	p.dateNote.Hide()
	p.period = widget.NewRadioGroup([]string{"Month", "Quarter", "Year"}, func(string) { p.changed() })
	p.period.Horizontal = true
	p.period.Required = true
	p.cumulative = widget.NewCheck("Running total (cumulative)", func(bool) { p.changed() })
	sides := make([]string, len(sideLabels))
	for i, s := range sideLabels {
		sides[i] = s.label
	}
	p.side = widget.NewSelect(sides, func(string) { p.changed() })
	stages := []string{firstStage}
	for _, s := range data.Stages {
		stages = append(stages, stageLabel(s))
	}
	p.stage = widget.NewSelect(stages, func(string) { p.changed() })
	reset := widget.NewButton("Reset filters", func() {
		p.set(data.Filter{}.WithDefaults(), "", "")
		p.changed()
	})
	countries := container.NewVBox(container.NewGridWithColumns(2, checks[:len(data.Countries)]...), checks[len(data.Countries)])
	inline := func(label string, w fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(label), nil, w)
	}
	box := container.NewVBox(
		heading("Chart"), p.family,
		widget.NewSeparator(),
		container.NewHBox(heading("Countries"), layout.NewSpacer(), p.all, p.none),
		countries,
		widget.NewSeparator(),
		heading("Dates"),
		container.NewGridWithColumns(2, inline("From", p.from), inline("To", p.to)),
		p.dateNote,
		hint("Months as YYYY-MM, or a year. Leave blank for all dates."),
		widget.NewSeparator(),
		heading("Count per"), p.period, p.cumulative,
		widget.NewSeparator(),
		container.New(layout.NewFormLayout(),
			widget.NewLabel("Fighting for"), p.side,
			widget.NewLabel("Cases dated by"), p.stage),
		reset,
	)
	// The right padding keeps the scroll bar off the buttons.
	return container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.Padding()*2), box))
}

// monthEntry is a YYYY-MM entry for one end of the date range. The panel
// checks it and explains problems under the entries, which leaves the
// narrow entries room for the text.
func monthEntry(changed func()) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("YYYY-MM")
	e.OnChanged = func(string) { changed() }
	return e
}

// set fills the panel in from f without reporting a change. from and to
// are the date range as the user typed it.
func (p *filterPanel) set(f data.Filter, from, to string) {
	p.quiet = true
	defer func() { p.quiet = false }()
	for _, fl := range familyLabels {
		if fl.family == f.Family {
			p.family.SetSelected(fl.label)
		}
	}
	for i, a := range panelAreas {
		p.areas[i].SetChecked(f.Areas == nil || f.Has(a))
	}
	p.from.SetText(from)
	p.to.SetText(to)
	p.period.SetSelected(periodLabel(f.Period))
	p.cumulative.SetChecked(f.Cumulative)
	for _, s := range sideLabels {
		if s.side == f.Side {
			p.side.SetSelected(s.label)
		}
	}
	p.stage.SetSelected(firstStage)
	if f.Stage != "" {
		p.stage.SetSelected(stageLabel(f.Stage))
	}
	p.enable()
}

// setRange shows the database's first and last months as the date
// entries' placeholders.
func (p *filterPanel) setRange(first, last int) {
	if first == 0 || last == 0 {
		p.from.SetPlaceHolder("YYYY-MM")
		p.to.SetPlaceHolder("YYYY-MM")
		return
	}
	p.from.SetPlaceHolder(data.MonthString(first))
	p.to.SetPlaceHolder(data.MonthString(last))
}

// setAreas ticks or unticks every area, reporting one change.
func (p *filterPanel) setAreas(on bool) {
	p.quiet = true
	for _, c := range p.areas {
		c.SetChecked(on)
	}
	p.quiet = false
	p.changed()
}

// changed reports the panel's filter if it is valid.
func (p *filterPanel) changed() {
	if p.quiet {
		return
	}
	p.enable()
	f, ok := p.filter()
	if ok {
		p.onChange(f, p.from.Text, p.to.Text)
	}
}

// enable greys out the choices that do not apply to the chart family.
func (p *filterPanel) enable() {
	f := p.familyValue()
	setEnabled(p.stage, f == data.Prosecutions)
	setEnabled(p.period, f != data.Timeline)
	setEnabled(p.cumulative, f != data.Timeline)
}

// familyValue is the selected chart family.
func (p *filterPanel) familyValue() data.Family {
	for _, fl := range familyLabels {
		if fl.label == p.family.Selected {
			return fl.family
		}
	}
	return data.Deaths
}

// filter reads the panel. ok is false while the date range is invalid;
// the panel then says what is wrong. Areas is nil when every area is
// ticked, as on the command line, and empty when none is.
func (p *filterPanel) filter() (f data.Filter, ok bool) {
	f.Family = p.familyValue()
	f.Areas = []data.Area{}
	for i, a := range panelAreas {
		if p.areas[i].Checked {
			f.Areas = append(f.Areas, a)
		}
	}
	if len(f.Areas) == len(panelAreas) {
		f.Areas = nil
	}
	var errFrom, errTo error
	if p.from.Text != "" {
		f.From, errFrom = data.ParseMonth(p.from.Text, true)
	}
	if p.to.Text != "" {
		f.To, errTo = data.ParseMonth(p.to.Text, false)
	}
	switch {
	case errFrom != nil:
		p.showDateNote("From: " + errFrom.Error())
	case errTo != nil:
		p.showDateNote("To: " + errTo.Error())
	case f.From > 0 && f.To > 0 && f.To < f.From:
		p.showDateNote("The To month is before the From month.")
	default:
		p.showDateNote("")
	}
	f.Period = data.Periods[max(0, indexOf(p.period.Options, p.period.Selected))]
	f.Cumulative = p.cumulative.Checked
	for _, s := range sideLabels {
		if s.label == p.side.Selected {
			f.Side = s.side
		}
	}
	if f.Family == data.Prosecutions {
		for _, s := range data.Stages {
			if stageLabel(s) == p.stage.Selected {
				f.Stage = s
			}
		}
	}
	return f, p.dateNote.Hidden
}

// showDateNote shows a problem with the date range, or hides the note.
func (p *filterPanel) showDateNote(msg string) {
	p.dateNote.SetText(msg)
	if msg == "" {
		p.dateNote.Hide()
	} else {
		p.dateNote.Show()
	}
}

// periodLabel is the panel's label of a period.
func periodLabel(pd data.Period) string {
	switch pd {
	case data.PerQuarter:
		return "Quarter"
	case data.PerYear:
		return "Year"
	}
	return "Month"
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

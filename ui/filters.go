package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/i18n"
	"catracker/internal/chart"
)

// panelAreas are the areas with a checkbox: the five countries and CA.
var panelAreas = append(append([]data.Area{}, data.Countries...), data.CA)

// panelSides are the side choices; the first keeps both.
var panelSides = []data.Side{data.SideUnknown, data.Russia, data.Ukraine}

// panelGroups are the group-of-people choices; the first keeps every group.
var panelGroups = append([]data.Group{data.GroupUnstated}, data.Groups...)

// filterPanel is the left-hand panel that chooses what the chart shows.
// Its choices are labelled in language l and read back by position.
type filterPanel struct {
	l        i18n.Language
	onChange func(f data.Filter, from, to string)
	// onLayout, if set, is called with true when the user chooses one
	// panel per country and false for one chart.
	onLayout func(panels bool)

	family     *widget.RadioGroup
	layout     *widget.RadioGroup // one chart, or one panel per country
	measure    *widget.RadioGroup // in data.Measures order; maps only
	measureBox fyne.CanvasObject  // the measure and its heading, shown for maps
	areas      []*keyCheck        // in panelAreas order
	all, none  *widget.Button
	from, to   *keyEntry
	dateNote   *widget.Label
	period     *widget.RadioGroup
	cumulative *keyCheck
	side       *keySelect
	stage      *keySelect
	// by and group apply to deaths, prosecutions and captures, latest to
	// prosecutions only (it is hidden for the other charts).
	by     *widget.RadioGroup // in data.Bys order
	group  *keySelect         // in panelGroups order
	latest *keyCheck
	// events shows the policies and warnings on the time axis.
	events *keyCheck

	quiet bool // set while the panel is filled in by code
}

// newFilterPanel returns a panel in language l that calls onChange with
// every valid filter the user picks, and the date range as typed.
func newFilterPanel(l i18n.Language, onChange func(f data.Filter, from, to string)) *filterPanel {
	return &filterPanel{l: l, onChange: onChange}
}

// familyLabel names a chart family in the panel.
func (p *filterPanel) familyLabel(f data.Family) string { return p.l.T("family." + string(f)) }

// periodLabel names a period in the panel.
func (p *filterPanel) periodLabel(pd data.Period) string { return p.l.T("filter.period." + string(pd)) }

// sideLabel names a side choice in the panel.
func (p *filterPanel) sideLabel(s data.Side) string {
	if s == data.SideUnknown {
		return p.l.T("filter.side.both")
	}
	return sideLabel(p.l, s)
}

// groupLabel names a group-of-people choice in the panel; the unstated
// group stands for all of them.
func (p *filterPanel) groupLabel(g data.Group) string {
	if g == data.GroupUnstated {
		return p.l.T("filter.group.all")
	}
	return p.l.Group(g)
}

// buildUI creates the panel's widgets inside a vertical scroll, so it never
// clips on a small screen.
func (p *filterPanel) buildUI() fyne.CanvasObject {
	l := p.l
	changed := func() { p.changed() }
	var families []string
	for _, f := range data.Families {
		families = append(families, p.familyLabel(f))
	}
	p.family = widget.NewRadioGroup(families, func(string) { p.changed() })
	p.family.Required = true
	p.layout = widget.NewRadioGroup([]string{l.T("filter.layout.single"), l.T("filter.layout.panels")}, func(string) {
		if !p.quiet && p.onLayout != nil {
			p.onLayout(p.panels())
		}
	})
	p.layout.Required = true
	p.layout.SetSelected(p.layout.Options[0])
	var measures []string
	for _, m := range data.Measures {
		measures = append(measures, l.T("filter.measure."+string(m)))
	}
	p.measure = widget.NewRadioGroup(measures, func(string) { p.changed() })
	p.measure.Required = true
	p.measureBox = container.NewVBox(widget.NewLabel(l.T("filter.measure")), p.measure)
	var checks []fyne.CanvasObject
	for _, a := range panelAreas {
		c := newCheck(l.T("filter.area."+string(a)), func(bool) { p.changed() })
		p.areas = append(p.areas, c)
		checks = append(checks, c)
	}
	p.all = widget.NewButton(l.T("filter.all"), func() { p.setAreas(true) })
	p.none = widget.NewButton(l.T("filter.none"), func() { p.setAreas(false) })
	p.from = monthEntry(l, changed)
	p.to = monthEntry(l, changed)
	p.dateNote = widget.NewLabel("")
	p.dateNote.Wrapping = fyne.TextWrapWord
	p.dateNote.Importance = widget.DangerImportance
	p.dateNote.Hide()
	var periods []string
	for _, pd := range data.Periods {
		periods = append(periods, p.periodLabel(pd))
	}
	p.period = widget.NewRadioGroup(periods, func(string) { p.changed() })
	p.period.Horizontal = true
	p.period.Required = true
	p.cumulative = newCheck(l.T("filter.cumulative"), func(bool) { p.changed() })
	var sides []string
	for _, s := range panelSides {
		sides = append(sides, p.sideLabel(s))
	}
	p.side = newSelect(sides, func(string) { p.changed() })
	stages := []string{l.T("filter.firstStage")}
	for _, s := range data.Stages {
		stages = append(stages, l.Stage(s))
	}
	p.stage = newSelect(stages, func(string) { p.changed() })
	p.by = widget.NewRadioGroup([]string{l.T("filter.by.area"), l.T("filter.by.group")}, func(string) { p.changed() })
	p.by.Required = true
	var groups []string
	for _, g := range panelGroups {
		groups = append(groups, p.groupLabel(g))
	}
	p.group = newSelect(groups, func(string) { p.changed() })
	p.latest = newCheck(l.T("filter.latestStage"), func(bool) { p.changed() })
	p.events = newCheck(l.T("filter.events"), func(bool) { p.changed() })
	reset := widget.NewButton(l.T("filter.reset"), func() {
		p.set(data.Filter{}.WithDefaults(), "", "")
		p.changed()
	})
	countries := container.NewVBox(container.NewGridWithColumns(2, checks[:len(data.Countries)]...), checks[len(data.Countries)])
	inline := func(label string, w fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(label), nil, w)
	}
	box := container.NewVBox(
		heading(l.T("filter.chart")), p.family, p.measureBox,
		widget.NewLabel(l.T("filter.layout")), p.layout,
		widget.NewSeparator(),
		container.NewHBox(heading(l.T("filter.countries")), layout.NewSpacer(), p.all, p.none),
		countries,
		widget.NewSeparator(),
		heading(l.T("filter.dates")),
		container.NewGridWithColumns(2, inline(l.T("filter.from"), p.from), inline(l.T("filter.to"), p.to)),
		p.dateNote,
		hint(l.T("filter.datesHint")),
		widget.NewSeparator(),
		heading(l.T("filter.countPer")), p.period, p.cumulative,
		p.events, hint(l.T("filter.eventsHint")),
		widget.NewSeparator(),
		heading(l.T("filter.series")), p.by,
		widget.NewLabel(l.T("filter.group")), p.group,
		widget.NewSeparator(),
		widget.NewLabel(l.T("filter.side")), p.side,
		widget.NewLabel(l.T("filter.stage")), p.stage,
		p.latest,
		widget.NewSeparator(),
		reset,
	)
	// The right padding keeps the scroll bar off the buttons.
	return container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.Padding()*2), box))
}

// monthEntry is a YYYY-MM entry for one end of the date range. The panel
// checks it and explains problems under the entries, which leaves the
// narrow entries room for the text.
func monthEntry(l i18n.Language, changed func()) *keyEntry {
	e := newEntry()
	e.SetPlaceHolder(l.T("filter.monthPlaceholder"))
	e.OnChanged = func(string) { changed() }
	return e
}

// set fills the panel in from f without reporting a change. from and to
// are the date range as the user typed it.
func (p *filterPanel) set(f data.Filter, from, to string) {
	p.quiet = true
	defer func() { p.quiet = false }()
	p.family.SetSelected(p.familyLabel(f.Family))
	p.measure.SetSelected(p.measure.Options[max(0, indexOf(codes(data.Measures), string(f.Measure)))])
	for i, a := range panelAreas {
		p.areas[i].SetChecked(f.Areas == nil || f.Has(a))
	}
	p.from.SetText(from)
	p.to.SetText(to)
	p.period.SetSelected(p.periodLabel(f.Period))
	p.cumulative.SetChecked(f.Cumulative)
	p.side.SetSelected(p.sideLabel(f.Side))
	p.stage.SetSelectedIndex(0)
	if f.Stage != "" {
		p.stage.SetSelected(p.l.Stage(f.Stage))
	}
	p.by.SetSelected(p.by.Options[max(0, indexOf(codes(data.Bys), string(f.By)))])
	p.group.SetSelectedIndex(max(0, indexOf(codes(panelGroups), string(f.Group))))
	p.latest.SetChecked(f.LatestStage)
	p.events.SetChecked(!f.NoEvents)
	p.enable()
}

// setRange shows the database's first and last months as the date
// entries' placeholders.
func (p *filterPanel) setRange(first, last int) {
	if first == 0 || last == 0 {
		p.from.SetPlaceHolder(p.l.T("filter.monthPlaceholder"))
		p.to.SetPlaceHolder(p.l.T("filter.monthPlaceholder"))
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

// enable greys out the choices that do not apply to the chart family, and
// shows the latest-stage choice for prosecutions only. Cases by latest
// stage are drawn one series per stage, dated by no single stage.
func (p *filterPanel) enable() {
	f := p.familyValue()
	groups := f.Counted()
	latest := f == data.Prosecutions && p.latest.Checked
	isMap := f == data.Map
	m := p.measureValue()
	setEnabled(p.stage, f == data.Prosecutions && !latest || isMap && m == data.MeasureCases)
	setEnabled(p.period, f != data.Timeline && !isMap)
	setEnabled(p.cumulative, f != data.Timeline && !isMap)
	setEnabled(p.by, groups && !latest)
	setEnabled(p.group, groups || isMap && m != data.MeasureRecruitment)
	setVisible(p.latest, f == data.Prosecutions)
	setVisible(p.measureBox, isMap)
	// a map always shows the five countries, and CA and RU apart
	for _, c := range p.areas {
		setEnabled(c, !isMap)
	}
	setEnabled(p.all, !isMap)
	setEnabled(p.none, !isMap)
	setEnabled(p.layout, chart.HasPanels(f))
}

// panels reports whether one panel per country is chosen.
func (p *filterPanel) panels() bool { return p.layout.Selected == p.layout.Options[1] }

// setPanels chooses one panel per country, or one chart, without
// reporting a change.
func (p *filterPanel) setPanels(on bool) {
	p.quiet = true
	defer func() { p.quiet = false }()
	choice := p.layout.Options[0]
	if on {
		choice = p.layout.Options[1]
	}
	p.layout.SetSelected(choice)
}

// measureValue is the selected measure of a map.
func (p *filterPanel) measureValue() data.Measure {
	return data.Measures[max(0, indexOf(p.measure.Options, p.measure.Selected))]
}

// familyValue is the selected chart family.
func (p *filterPanel) familyValue() data.Family {
	return data.Families[max(0, indexOf(p.family.Options, p.family.Selected))]
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
	l := p.l
	switch {
	case errFrom != nil:
		p.showDateNote(l.T("filter.notMonth", l.T("filter.from"), strings.TrimSpace(p.from.Text)))
	case errTo != nil:
		p.showDateNote(l.T("filter.notMonth", l.T("filter.to"), strings.TrimSpace(p.to.Text)))
	case f.From > 0 && f.To > 0 && f.To < f.From:
		p.showDateNote(l.T("filter.toBeforeFrom"))
	default:
		p.showDateNote("")
	}
	f.Period = data.Periods[max(0, indexOf(p.period.Options, p.period.Selected))]
	f.Cumulative = p.cumulative.Checked
	f.Side = panelSides[max(0, p.side.SelectedIndex())]
	f.Measure = p.measureValue()
	if i := p.stage.SelectedIndex(); (f.Family == data.Prosecutions || f.Family == data.Map) && i > 0 {
		f.Stage = data.Stages[i-1]
	}
	f.By = data.Bys[max(0, indexOf(p.by.Options, p.by.Selected))]
	f.Group = panelGroups[max(0, p.group.SelectedIndex())]
	f.LatestStage = p.latest.Checked
	f.NoEvents = !p.events.Checked
	return suited(f), p.dateNote.Hidden
}

// suited returns f without the choices that do not apply to its chart
// family: series by group and one group of people apply to deaths,
// prosecutions and captures, cases by latest stage to prosecutions only, and those are
// drawn one series per stage, dated by no single stage; a map has a
// measure, shows every country, is never cumulative, and keeps one group
// of people for deaths and cases. By is never blank.
func suited(f data.Filter) data.Filter {
	if f.Family == data.Map {
		if f.Measure == "" {
			f.Measure = data.MeasureDeaths
		}
		// a map shows every country's figure over the whole of its dates;
		// it keeps one group of people for deaths and cases, and the
		// stage that dates cases
		f.Areas, f.Cumulative = nil, false
		if f.Measure != data.MeasureCases {
			f.Stage = ""
		}
		if f.Measure != data.MeasureRecruitment {
			f.By, f.LatestStage = data.ByArea, false
			return f
		}
	} else {
		f.Measure = ""
	}
	if !f.Family.Counted() {
		f.By, f.Group = data.ByArea, data.GroupUnstated
	}
	if f.By == "" {
		f.By = data.ByArea
	}
	if f.Family != data.Prosecutions {
		f.LatestStage = false
	}
	if f.LatestStage {
		f.Stage, f.By = "", data.ByArea
	}
	return f
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

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

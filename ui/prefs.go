package ui

import (
	"os"
	"slices"
	"strings"

	"fyne.io/fyne/v2"

	"catracker/data"
	"catracker/i18n"
)

// Preference keys.
const (
	prefLastDB       = "db.last"
	prefRecentDBs    = "db.recent"
	prefDialogFolder = "dialog.folder"
	prefFamily       = "filter.family"
	prefAreas        = "filter.areas"
	prefFrom         = "filter.from"
	prefTo           = "filter.to"
	prefPeriod       = "filter.period"
	prefCumulative   = "filter.cumulative"
	prefStage        = "filter.stage"
	prefSide         = "filter.side"
	prefBy           = "filter.by"
	prefGroup        = "filter.group"
	prefLatestStage  = "filter.latestStage"
	prefPanels       = "chart.panels"
	prefNoEvents     = "filter.noEvents"
	prefMeasure      = "filter.measure"
	prefExportFormat = "export.format"
	prefExportFolder = "export.folder"
	// The size, preset and scale are remembered per format, under
	// export.<format>.<name>.
	prefExportPreset = "preset"
	prefExportWidth  = "width"
	prefExportHeight = "height"
	prefExportScale  = "scale"
	prefLanguage     = "settings.language"
	prefTextScale    = "settings.textScale"
	prefPatterns     = "settings.patterns"
)

// allAreas is how the preferences write "every area", the default.
const allAreas = "all"

// prefs reads and writes what the app remembers between runs: the last
// database, the filters, the export settings and the Settings dialog's
// choices. Values that no longer parse fall back to the defaults.
type prefs struct{ p fyne.Preferences }

func (p prefs) lastDB() string { return p.p.String(prefLastDB) }

// maxRecent is how many recently opened databases the Open database menu
// lists.
const maxRecent = 8

// setLastDB remembers path as the database used last and puts it first
// among the recent ones.
func (p prefs) setLastDB(path string) {
	p.p.SetString(prefLastDB, path)
	recent := slices.DeleteFunc(p.p.StringList(prefRecentDBs), func(r string) bool { return r == path || r == "" })
	recent = append([]string{path}, recent...)
	p.p.SetStringList(prefRecentDBs, recent[:min(len(recent), maxRecent)])
}

// recentDBs returns the databases opened recently, newest first, leaving
// out those that no longer exist.
func (p prefs) recentDBs() []string {
	var recent []string
	for _, r := range p.p.StringList(prefRecentDBs) {
		if fi, err := os.Stat(r); err == nil && fi.Mode().IsRegular() {
			recent = append(recent, r)
		}
	}
	return recent
}

// dialogFolder is the folder a file was last chosen in, or "".
func (p prefs) dialogFolder() string { return p.p.String(prefDialogFolder) }

// setDialogFolder remembers the folder a file was chosen in.
func (p prefs) setDialogFolder(dir string) { p.p.SetString(prefDialogFolder, dir) }

// filter returns the remembered filter. Its Areas are nil for every area
// and empty, not nil, when the user unticked them all.
func (p prefs) filter() data.Filter {
	var f data.Filter
	f.Family, _ = data.ParseFamily(p.p.StringWithFallback(prefFamily, string(data.Deaths)))
	if areas := p.p.StringWithFallback(prefAreas, allAreas); areas != allAreas {
		f.Areas = []data.Area{}
		for _, s := range strings.Split(areas, ",") {
			if a, err := data.ParseArea(s); err == nil && s != "" {
				f.Areas = append(f.Areas, a)
			}
		}
	}
	from, to := p.dateText()
	f.From, _ = data.ParseMonth(from, true)
	f.To, _ = data.ParseMonth(to, false)
	f.Period, _ = data.ParsePeriod(p.p.StringWithFallback(prefPeriod, string(data.PerMonth)))
	f.Cumulative = p.p.Bool(prefCumulative)
	f.Stage, _ = data.ParseStage(p.p.String(prefStage))
	f.Side, _ = data.ParseSide(p.p.String(prefSide))
	if f.Family == "" {
		f.Family = data.Deaths
	}
	if f.Period == "" {
		f.Period = data.PerMonth
	}
	f.By, _ = data.ParseBy(p.p.String(prefBy))
	f.Group, _ = data.ParseGroup(p.p.String(prefGroup))
	f.LatestStage = p.p.Bool(prefLatestStage)
	f.NoEvents = p.p.Bool(prefNoEvents)
	f.Measure, _ = data.ParseMeasure(p.p.String(prefMeasure))
	return suited(f)
}

// dateText returns the date range as the user typed it.
func (p prefs) dateText() (from, to string) {
	from, to = p.p.String(prefFrom), p.p.String(prefTo)
	if _, err := data.ParseMonth(from, true); err != nil {
		from = ""
	}
	if _, err := data.ParseMonth(to, false); err != nil {
		to = ""
	}
	return from, to
}

// setFilter remembers f and the date range as typed.
func (p prefs) setFilter(f data.Filter, from, to string) {
	p.p.SetString(prefFamily, string(f.Family))
	if f.Areas == nil {
		p.p.SetString(prefAreas, allAreas)
	} else {
		codes := make([]string, len(f.Areas))
		for i, a := range f.Areas {
			codes[i] = string(a)
		}
		p.p.SetString(prefAreas, strings.Join(codes, ","))
	}
	p.p.SetString(prefFrom, from)
	p.p.SetString(prefTo, to)
	p.p.SetString(prefPeriod, string(f.Period))
	p.p.SetBool(prefCumulative, f.Cumulative)
	p.p.SetString(prefStage, string(f.Stage))
	p.p.SetString(prefSide, string(f.Side))
	p.p.SetString(prefBy, string(f.By))
	p.p.SetString(prefGroup, string(f.Group))
	p.p.SetBool(prefLatestStage, f.LatestStage)
	p.p.SetBool(prefNoEvents, f.NoEvents)
	if f.Family == data.Map { // the panel keeps the measure while other charts show
		p.p.SetString(prefMeasure, string(f.Measure))
	}
}

// panels reports whether charts are drawn one panel per country.
func (p prefs) panels() bool { return p.p.Bool(prefPanels) }

// setPanels remembers whether charts are drawn one panel per country.
func (p prefs) setPanels(on bool) { p.p.SetBool(prefPanels, on) }

// exportSettings are the choices of the export dialog.
type exportSettings struct {
	Format        string // png, svg, pdf or csv
	Preset        string // a chart.Presets name, or customPreset
	Width, Height int
	Scale         float64
	Folder        string // where the last export was saved
}

// export returns the remembered export settings: the format used last
// with that format's own size and scale.
func (p prefs) export() exportSettings {
	return p.exportAs(p.p.StringWithFallback(prefExportFormat, "png"))
}

// exportAs returns the size and scale remembered for format, so that an
// A4 PDF does not make the next PNG A4 too, with the last format's folder.
func (p prefs) exportAs(format string) exportSettings {
	key := func(name string) string { return "export." + format + "." + name }
	return exportSettings{
		Format: format,
		Preset: p.p.String(key(prefExportPreset)),
		Width:  p.p.IntWithFallback(key(prefExportWidth), 1200),
		Height: p.p.IntWithFallback(key(prefExportHeight), 675),
		Scale:  p.p.FloatWithFallback(key(prefExportScale), 1),
		Folder: p.p.String(prefExportFolder),
	}
}

// setExport remembers the export settings, the size and scale for their
// format only.
func (p prefs) setExport(s exportSettings) {
	key := func(name string) string { return "export." + s.Format + "." + name }
	p.p.SetString(prefExportFormat, s.Format)
	p.p.SetString(key(prefExportPreset), s.Preset)
	p.p.SetInt(key(prefExportWidth), s.Width)
	p.p.SetInt(key(prefExportHeight), s.Height)
	p.p.SetFloat(key(prefExportScale), s.Scale)
	p.p.SetString(prefExportFolder, s.Folder)
}

// settings returns the remembered choices of the Settings dialog.
func (p prefs) settings() appSettings {
	s := appSettings{
		Language:  p.p.String(prefLanguage),
		TextScale: p.p.FloatWithFallback(prefTextScale, 1),
		Patterns:  p.p.Bool(prefPatterns),
	}
	if _, err := i18n.Parse(s.Language); err != nil {
		s.Language = ""
	}
	if !slices.Contains(textSizes, s.TextScale) {
		s.TextScale = 1
	}
	return s
}

// setSettings remembers the choices of the Settings dialog.
func (p prefs) setSettings(s appSettings) {
	p.p.SetString(prefLanguage, s.Language)
	p.p.SetFloat(prefTextScale, s.TextScale)
	p.p.SetBool(prefPatterns, s.Patterns)
}

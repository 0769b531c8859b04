package export_test

import (
	"errors"
	"strings"
	"testing"

	"catracker/data"
	"catracker/internal/chart"
	"catracker/internal/export"
)

// TestValidate checks each rule of a request on its own: a request that
// breaks it is refused with its reason, and the same request without the
// offending setting passes.
func TestValidate(t *testing.T) {
	slide := chart.Options{Width: 1200, Height: 675, Scale: 1}
	req := func(f data.Filter, edit ...func(*export.Request)) export.Request {
		if f.Period == "" {
			f.Period = data.PerMonth
		}
		r := export.Request{Filter: f, Format: "png", Options: slide}
		for _, e := range edit {
			e(&r)
		}
		return r
	}
	size := func(w, h int, scale float64) func(*export.Request) {
		return func(r *export.Request) { r.Options.Width, r.Options.Height, r.Options.Scale = w, h, scale }
	}
	panels := func(r *export.Request) { r.Options.Panels = true }
	format := func(f string) func(*export.Request) { return func(r *export.Request) { r.Format = f } }
	deaths, pros, timeline, maps := data.Filter{Family: data.Deaths}, data.Filter{Family: data.Prosecutions},
		data.Filter{Family: data.Timeline}, data.Filter{Family: data.Map, Measure: data.MeasureDeaths}
	with := func(f data.Filter, edit func(*data.Filter)) data.Filter { edit(&f); return f }

	for _, tc := range []struct {
		name string
		req  export.Request
		want string // "" for a valid request
	}{
		{"a slide of deaths", req(deaths), ""},
		{"every format", req(deaths, format("csv")), ""},
		{"an unknown format", req(deaths, format("gif")), `--format must be png, svg, pdf or csv, not "gif"`},
		{"dates in order", req(with(deaths, func(f *data.Filter) { f.From, f.To = 2022*12, 2023*12 })), ""},
		{"to before from", req(with(deaths, func(f *data.Filter) { f.From, f.To = 2024*12, 2022*12 })),
			"--to 2022-01 is before --from 2024-01"},
		{"the smallest size", req(deaths, size(export.MinWidth, export.MinHeight, 1)), ""},
		{"the largest size", req(deaths, size(export.MaxSide, export.MaxSide, 1)), ""},
		{"too narrow", req(deaths, size(export.MinWidth-1, 675, 1)), "--width and --height must be between 300x200 and 10000x10000 pixels"},
		{"too short", req(deaths, size(1200, export.MinHeight-1, 1)), "--width and --height must be between 300x200 and 10000x10000 pixels"},
		{"too tall", req(deaths, size(1200, export.MaxSide+1, 1)), "--width and --height must be between 300x200 and 10000x10000 pixels"},
		{"scale 3", req(deaths, size(1200, 675, 3)), "--scale must be 1, 2 or 4"},
		{"too many pixels", req(deaths, size(4097, 675, 4)),
			"the image would be 16388 pixels wide; at most 16384 fit in memory, so use a smaller size or scale"},
		{"just enough pixels", req(deaths, size(4096, 675, 4)), ""},
		{"a map of one group's cases", req(with(maps, func(f *data.Filter) { f.Measure, f.Group = data.MeasureCases, data.Prisoners })), ""},
		{"a measure on deaths", req(with(deaths, func(f *data.Filter) { f.Measure = data.MeasureCases })), "--measure is for the map only, not deaths"},
		{"areas on a map", req(with(maps, func(f *data.Filter) { f.Areas = []data.Area{data.KG} })), "--areas does not apply to the map"},
		{"a cumulative map", req(with(maps, func(f *data.Filter) { f.Cumulative = true })), "--cumulative does not apply to the map"},
		{"prosecutions by group", req(with(pros, func(f *data.Filter) { f.By = data.ByGroup })), ""},
		{"a timeline by group", req(with(timeline, func(f *data.Filter) { f.By = data.ByGroup })),
			"--by group is for the deaths, prosecutions and captured charts, not timeline"},
		{"one group on a timeline", req(with(timeline, func(f *data.Filter) { f.Group = data.Migrants })),
			"--group is for the deaths, prosecutions and captured charts and maps of deaths or cases, not timeline"},
		{"one group on a map of recruitment", req(with(maps, func(f *data.Filter) { f.Measure, f.Group = data.MeasureRecruitment, data.Migrants })),
			"--group is for the deaths, prosecutions and captured charts and maps of deaths or cases, not map"},
		{"prosecutions by latest stage", req(with(pros, func(f *data.Filter) { f.LatestStage, f.Group = true, data.Migrants })), ""},
		{"deaths by latest stage", req(with(deaths, func(f *data.Filter) { f.LatestStage = true })),
			"--latest-stage is for the prosecutions chart only, not deaths"},
		{"latest stage and a stage", req(with(pros, func(f *data.Filter) { f.LatestStage, f.Stage = true, data.Stages[0] })),
			"--latest-stage shows every case by the stage it has reached, so it cannot be used with --stage"},
		{"latest stage by group", req(with(pros, func(f *data.Filter) { f.LatestStage, f.By = true, data.ByGroup })),
			"--latest-stage draws one series per stage, so it cannot be used with --by group"},
		{"recruitment in panels", req(data.Filter{Family: data.RecruitmentReports}, panels), ""},
		{"a timeline in panels", req(timeline, panels), "--panels is for the deaths, prosecutions, recruitment and captured charts, not timeline"},
		{"a map in panels", req(maps, panels), "--panels is for the deaths, prosecutions, recruitment and captured charts, not map"},
	} {
		err := tc.req.Validate()
		var inv *export.Invalid
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v, want a valid request", tc.name, err)
		case tc.want == "":
		case !errors.As(err, &inv):
			t.Errorf("%s: %v, want an *export.Invalid saying %q", tc.name, err, tc.want)
		case !strings.HasPrefix(inv.Reason, tc.want):
			t.Errorf("%s: %q, want it to start %q", tc.name, inv.Reason, tc.want)
		}
	}
}

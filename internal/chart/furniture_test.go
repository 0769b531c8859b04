package chart

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"catracker/data"
	"catracker/i18n"
)

func TestTitles(t *testing.T) {
	for _, tc := range []struct {
		f    data.Filter
		want string
	}{
		{data.Filter{Family: data.Deaths, Cumulative: true}, "Deaths of Central Asian nationals, cumulative"},
		{data.Filter{Family: data.Deaths, Period: data.PerQuarter}, "Deaths of Central Asian nationals per quarter"},
		{data.Filter{}, "Deaths of Central Asian nationals per month"},
		{data.Filter{Family: data.Prosecutions}, "Prosecutions in Central Asia over the war: cases per month"},
		{data.Filter{Family: data.RecruitmentReports, Period: data.PerYear}, "Reports of recruitment of Central Asians by channel, per year"},
		{data.Filter{Family: data.Timeline}, "Recruitment of Central Asians: reports by channel over time"},
	} {
		if got := Title(&data.Chart{Filter: tc.f}, i18n.English); got != tc.want {
			t.Errorf("Title(%+v) = %q, want %q", tc.f, got, tc.want)
		}
	}
}

func TestSubtitleStatesTheFilters(t *testing.T) {
	c := &data.Chart{Filter: data.Filter{
		Family: data.Prosecutions, Areas: []data.Area{data.KG, data.TJ},
		From: month(2022, 3), To: month(2023, 6), Period: data.PerQuarter,
		Cumulative: true, Stage: data.Sentence, Side: data.Russia,
	}}
	got := Subtitle(c, i18n.English)
	for _, want := range []string{"Kyrgyzstan and Tajikistan", "Mar 2022 – Jun 2023", "cumulative totals at the end of each quarter", "stage: sentence", "fighting for Russia"} {
		if !strings.Contains(got, want) {
			t.Errorf("Subtitle = %q, lacks %q", got, want)
		}
	}
	if strings.Contains(got, "Kazakhstan") {
		t.Errorf("Subtitle = %q names an unselected country", got)
	}
	all := Subtitle(realisticRecruitment(false), i18n.English)
	for _, want := range []string{"All five countries", "Russia (all countries)", "Feb 2022 – Oct 2024", "new in each month"} {
		if !strings.Contains(all, want) {
			t.Errorf("Subtitle = %q, lacks %q", all, want)
		}
	}
	open := Subtitle(&data.Chart{Filter: data.Filter{From: month(2023, 1)}}, i18n.English)
	if !strings.Contains(open, "from Jan 2023") {
		t.Errorf("Subtitle = %q, lacks the open range", open)
	}
}

func TestFooter(t *testing.T) {
	c := &data.Chart{Outlets: []string{"Radio Azattyk", "Eurasianet"}, Incidents: 1}
	o := Options{Dataset: "catracker.db", Generated: time.Date(2025, 3, 9, 23, 30, 0, 0, time.UTC)}
	want := "Source: Radio Azattyk, Eurasianet. Counts are confirmed minimums. Dataset: catracker.db · 1 incident · generated 2025-03-09"
	if got := Footer(c, o); got != want {
		t.Errorf("Footer = %q, want %q", got, want)
	}
}

func TestLongSourceListsWrapThenCount(t *testing.T) {
	c := realisticDeaths(false)
	c.Outlets = nil
	for i := range 60 {
		c.Outlets = append(c.Outlets, fmt.Sprintf("Outlet number %d", i+1))
	}
	fr, err := newFrame(testOptions(600, 400), false)
	if err != nil {
		t.Fatal(err)
	}
	st := newStyles(mustFaces(t), fr.text, 1)
	const width = 560
	lines := footerLines(c, testOptions(600, 400), st.footer, width)
	if len(lines) > 4 {
		t.Errorf("%d footer lines, want at most 4: %q", len(lines), lines)
	}
	for _, l := range lines {
		if w := st.footer.width(l); w > width {
			t.Errorf("footer line %q is %.0f px wide, more than %d", l, w, width)
		}
	}
	more := regexp.MustCompile(`and (\d+) more\.$`).FindStringSubmatch(lines[1])
	if more == nil {
		t.Fatalf("the second line %q does not count the other outlets", lines[1])
	}
	cited := strings.Count(lines[0]+lines[1], "Outlet number")
	if fmt.Sprint(60-cited) != more[1] {
		t.Errorf("cites %d outlets and counts %s more, want 60 in all", cited, more[1])
	}
}

func TestDescribe(t *testing.T) {
	bars := Describe(realisticDeaths(false), i18n.English)
	for _, want := range []string{
		"Deaths of Central Asian nationals per month.", "Feb 2022 – Oct 2024",
		"Tajikistan: 12 deaths in total.", "Central Asia, not attributed to a country: 25 deaths in total.",
		"The largest month was Feb 2023, with 20 deaths.", "Counts are confirmed minimums.",
	} {
		if !strings.Contains(bars, want) {
			t.Errorf("Describe = %q, lacks %q", bars, want)
		}
	}
	if strings.Contains(bars, "Turkmenistan") {
		t.Errorf("Describe = %q describes a series with no data", bars)
	}
	cum := Describe(realisticDeaths(true), i18n.English)
	for _, want := range []string{"Central Asia total: 47 deaths by Oct 2024.", "The total rose most in Feb 2023, by 20."} {
		if !strings.Contains(cum, want) {
			t.Errorf("Describe = %q, lacks %q", cum, want)
		}
	}
	tl := Describe(realisticTimeline(), i18n.English)
	for _, want := range []string{"24 reports on 12 channels", "Ministry of Defence contracts 4,", "The busiest month was Sep 2022, with 4 reports."} {
		if !strings.Contains(tl, want) {
			t.Errorf("Describe = %q, lacks %q", tl, want)
		}
	}
}

// TestWrapNeverCuts: wrap keeps every character of the text, breaking at
// spaces and after hyphens, and inside a word only when a part of it is
// wider than a line; no line is wider than asked unless it is one
// character.
func TestWrapNeverCuts(t *testing.T) {
	fc := mustFaces(t)
	ts := textStyle{face: fc.regular, size: 14, slack: 1}
	long := "Recruiters at metro stations and migration centres " + strings.Repeat("x", 200)
	for _, tc := range []struct {
		text string
		maxW float64
	}{
		{"Short", 300},
		{long, 120},
		{strings.Repeat("Қазақстан ", 40), 200},
		{"Обман рабочих-строителей", 90},
		{"", 100},
		{"x", 1},
	} {
		lines := ts.wrap(tc.text, tc.maxW)
		if got, want := squeeze(strings.Join(lines, "")), squeeze(tc.text); got != want {
			t.Errorf("wrap(%.20q, %v) = %q, lost text", tc.text, tc.maxW, lines)
		}
		for _, l := range lines {
			if ts.width(l) > tc.maxW && len([]rune(l)) > 1 {
				t.Errorf("wrap(%.20q, %v): line %q is %.1f wide", tc.text, tc.maxW, l, ts.width(l))
			}
		}
	}
	if got := ts.wrap("Kazakhstan", 1000); !slices.Equal(got, []string{"Kazakhstan"}) {
		t.Errorf("wrap broke a label that fits: %q", got)
	}
	if got := ts.wrap("Обман рабочих-строителей", ts.width("Обман рабочих-стр")); !slices.Equal(got, []string{"Обман рабочих-", "строителей"}) {
		t.Errorf("wrap broke a hyphenated word elsewhere than after its hyphen: %q", got)
	}
}

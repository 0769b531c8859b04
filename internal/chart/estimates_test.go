package chart

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"math"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"catracker/data"
	"catracker/i18n"
)

// missingGlyphs returns the runes of s that the embedded regular or bold
// font has no glyph for.
func missingGlyphs(t *testing.T, s string) []rune {
	t.Helper()
	var missing []rune
	for _, ttf := range [][]byte{regularTTF, boldTTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for _, r := range s {
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
				missing = append(missing, r)
			}
		}
	}
	return missing
}

// TestChartNumbersUseGlyphsTheFontHas checks every rune that charts draw
// for numbers, negative ones and thousands included, and the estimate
// labels, in every language: the embedded Noto Sans has no U+2212 minus
// sign and no U+2248 almost-equal sign, which would be drawn as boxes.
func TestChartNumbersUseGlyphsTheFontHas(t *testing.T) {
	for _, l := range i18n.Languages {
		for _, v := range []int{0, 7, -4, 1234, -12000, 1234567, -987654321} {
			for _, s := range []string{number(l, v), l.T("estimate.label", number(l, v))} {
				if m := missingGlyphs(t, s); len(m) > 0 {
					t.Errorf("%s: %q has runes the font lacks: %q", l, s, m)
				}
			}
		}
	}
	if got := number(i18n.English, -12000); got != "-12,000" {
		t.Errorf("number(-12000) = %q, want the ASCII hyphen-minus", got)
	}
}

// TestEveryDrawnTextHasGlyphs checks every text that the sample charts
// draw, in every language, against the embedded fonts.
func TestEveryDrawnTextHasGlyphs(t *testing.T) {
	charts := sampleCharts()
	charts["edge-negative"] = edgeCharts()["edge-negative"]
	for name, c := range charts {
		for _, l := range i18n.Languages {
			o := testOptions(1200, 675)
			o.Lang = l
			var b bytes.Buffer
			if err := Render(&b, SVG, c, o); err != nil {
				t.Fatal(err)
			}
			for _, text := range svgTexts(b.String()) {
				text = html.UnescapeString(text)
				if m := missingGlyphs(t, text); len(m) > 0 {
					t.Errorf("%s (%s): %q has runes the font lacks: %q", name, l, text, m)
				}
			}
		}
	}
}

// crowdedEstimates is the cumulative deaths chart with estimates piled up
// in one month and at the top of the axis.
func crowdedEstimates() *data.Chart {
	c := estimateDeaths(true)
	at := periodOf(c, month(2023, 3))
	for i, a := range []data.Area{data.KZ, data.KG, data.TJ, data.UZ, data.TM, data.CA} {
		c.Estimates = append(c.Estimates, data.EstimatedFigure{Area: a, Code: string(a), Period: at, Value: 30 + i})
	}
	c.Estimates = append(c.Estimates, data.EstimatedFigure{Area: data.CA, Code: string(data.CA), Period: len(c.Periods) - 1, Value: 80})
	return c
}

// TestEstimateLabelsStayInsideThePlotAndApart lays out line charts with
// estimates at several sizes, in both languages, with and without
// patterns: every estimate is either marked and labelled or listed in the
// notes; labels stay inside the plot, off each other and off the
// markers; and the y axis reaches every estimate.
func TestEstimateLabelsStayInsideThePlotAndApart(t *testing.T) {
	for _, tc := range []struct {
		name  string
		c     *data.Chart
		sizes [][2]int
		all   bool // every estimate must be labelled on the chart
	}{
		{"two estimates", estimateDeaths(true), [][2]int{{600, 400}, {1200, 675}, {1600, 900}}, true},
		{"crowded", crowdedEstimates(), [][2]int{{600, 400}, {1600, 900}, {320, 200}}, false},
	} {
		for _, size := range tc.sizes {
			for _, l := range i18n.Languages {
				for _, patterns := range []bool{false, true} {
					name := fmt.Sprintf("%s/%dx%d/%s/patterns=%v", tc.name, size[0], size[1], l, patterns)
					t.Run(name, func(t *testing.T) {
						o := testOptions(size[0], size[1])
						o.Lang, o.Patterns = l, patterns
						checkEstimateLayout(t, planOf(t, tc.c, o), tc.all)
					})
				}
			}
		}
	}
}

func checkEstimateLayout(t *testing.T, p *plan, all bool) {
	t.Helper()
	seen := map[data.EstimatedFigure]int{}
	for _, m := range p.marks {
		seen[m.e]++
	}
	for _, e := range p.noted {
		seen[e]++
	}
	for _, e := range p.c.Estimates {
		if seen[e] != 1 {
			t.Errorf("estimate %+v is shown %d times, want once (marked or noted)", e, seen[e])
		}
		if float64(e.Value) > p.yMax {
			t.Errorf("estimate %d is above the y axis (up to %v)", e.Value, p.yMax)
		}
	}
	if all && len(p.noted) > 0 {
		t.Errorf("%d estimates went to the notes, want every one labelled on the chart", len(p.noted))
	}
	if len(p.noted) > 0 {
		first := estimateItems(p.c, p.noted[:1], p.o.Lang)[0]
		if !strings.Contains(strings.Join(p.notes, " "), first) {
			t.Errorf("notes %q do not list %q, the first estimate without a label", p.notes, first)
		}
	}
	for i, m := range p.marks {
		if !m.box.within(p.plot) {
			t.Errorf("label %q at %+v leaves the plot %+v", m.label, m.box, p.plot)
		}
		if m.box.width() <= 0 || !strings.Contains(m.label, number(p.o.Lang, m.e.Value)) {
			t.Errorf("label %q of estimate %d is empty or wrong", m.label, m.e.Value)
		}
		if y := p.py(float64(m.e.Value)); m.y != y {
			t.Errorf("marker of %d at y %v, want %v", m.e.Value, m.y, y)
		}
		for j, o := range p.marks {
			if i == j {
				continue
			}
			if m.box.overlaps(o.box) {
				t.Errorf("labels %q and %q overlap", m.label, o.label)
			}
			if m.box.overlaps(rect{o.x - o.radius, o.y - o.radius, o.x + o.radius, o.y + o.radius}) {
				t.Errorf("label %q covers the marker of %q", m.label, o.label)
			}
			if math.Hypot(m.x-o.x, m.y-o.y) < m.radius+o.radius {
				t.Errorf("the markers of %q and %q overlap", m.label, o.label)
			}
		}
	}
}

// TestEstimateMarkerIsHollow checks the PNG: the Central Asia estimate's
// marker is white inside and outlined in the regional total's black, and
// no estimate enters a line.
func TestEstimateMarkerIsHollow(t *testing.T) {
	c := estimateDeaths(true)
	o := testOptions(1200, 675)
	p := planOf(t, c, o)
	img, err := Image(c, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range p.marks {
		if m.e.Area != data.CA {
			continue
		}
		if !isWhite(img.At(round(m.x), round(m.y))) {
			t.Errorf("the marker's middle is %v, want white", img.At(round(m.x), round(m.y)))
		}
		// the darkest pixel where the outline crosses the marker's row
		ring := color.Gray{255}
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				c := color.GrayModel.Convert(img.At(round(m.x+estimateRadius*p.fr.unit)+dx, round(m.y)+dy)).(color.Gray)
				ring.Y = min(ring.Y, c.Y)
			}
		}
		if ring.Y > 0x60 {
			t.Errorf("the marker's outline is %v, want the regional total's black", ring)
		}
	}
	var svg bytes.Buffer
	if err := Render(&svg, SVG, c, o); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">~35, estimate<", ">~15, estimate<", `fill="#ffffff" stroke="#000000"`, "<title>about 35 (Central Asia, Jun 2022)</title>"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("the SVG lacks %q", want)
		}
	}
}

// TestEstimateOfASeriesNotDrawnNamesIt checks that an estimate whose
// series has no line (Turkmenistan has no confirmed deaths here) says
// whose it is, since its colour is in no legend entry.
func TestEstimateOfASeriesNotDrawnNamesIt(t *testing.T) {
	c := estimateDeaths(true)
	c.Estimates = append(c.Estimates, data.EstimatedFigure{Area: data.TM, Code: string(data.TM), Period: 20, Value: 3})
	for l, want := range map[i18n.Language][]string{
		i18n.English: {"~35, estimate", "~15, estimate", "~3, estimate: Turkmenistan"},
		i18n.Russian: {"~35, оценка", "~15, оценка", "~3, оценка: Туркменистан"},
	} {
		o := testOptions(1600, 900)
		o.Lang = l
		var got []string
		for _, m := range planOf(t, c, o).marks {
			got = append(got, m.label)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s labels %q, want %q", l, got, want)
		}
	}
}

// TestPatternModeMarksEstimatesWithTheSeriesShape checks that in pattern
// mode an estimate takes its series' marker shape, hollow, so that it
// can be told from the filled markers of the lines and tied to its
// series without colour.
func TestPatternModeMarksEstimatesWithTheSeriesShape(t *testing.T) {
	o := testOptions(1200, 675)
	o.Patterns = true
	p := planOf(t, estimateDeaths(true), o)
	for _, m := range p.marks {
		want := shapeCircle
		for _, l := range p.layers {
			if l.code == m.e.Code {
				want = l.shape
			}
		}
		if m.shape != want {
			t.Errorf("estimate of %s drawn as shape %d, want its series' %d", m.e.Code, m.shape, want)
		}
	}
}

func TestNotesUnderTheChart(t *testing.T) {
	twoPeriods := reattributedDeaths()
	twoPeriods.Reattributed[periodOf(twoPeriods, month(2023, 3))] = 3
	noGrey := reattributedDeaths()
	noGrey.Series = noGrey.Series[:len(noGrey.Series)-1] // no unattributed bars
	cases := realisticProsecutions(false)
	cases.Reattributed = make([]int, len(cases.Periods))
	cases.Reattributed[periodOf(cases, month(2023, 5))] = 1
	cumulative := estimateDeaths(true)
	cumulative.Reattributed = make([]int, len(cumulative.Periods)) // ignored
	cumulative.Reattributed[3] = 1
	for _, tc := range []struct {
		name string
		c    *data.Chart
		l    i18n.Language
		want []string
	}{
		{"estimate and reattributed", reattributedDeaths(), i18n.English, []string{
			"Not in the bars: an estimate of about 35 (Central Asia, Jun 2022).",
			"Sep 2023: 2 of the new deaths were already inside an earlier Central Asia figure, so the grey bar does not go below zero.",
		}},
		{"in Russian", reattributedDeaths(), i18n.Russian, []string{
			"Не входит в столбцы: оценка около 35 (Центральная Азия, июн 2022).",
			"Сен 2023: 2 из новых погибших уже были учтены в более ранней цифре по Центральной Азии, поэтому серый столбец не уходит ниже нуля.",
		}},
		{"two periods", twoPeriods, i18n.English, []string{
			"Not in the bars: an estimate of about 35 (Central Asia, Jun 2022).",
			"Mar 2023 (3) and Sep 2023 (2): 5 of the new deaths were already inside an earlier Central Asia figure, so the grey bar does not go below zero.",
		}},
		{"no grey bar", noGrey, i18n.English, []string{
			"Not in the bars: an estimate of about 35 (Central Asia, Jun 2022).",
			"Sep 2023: 2 of the new deaths were already inside an earlier Central Asia figure.",
		}},
		{"by group", groupDeaths(false), i18n.English, []string{
			"Jun 2023: 3 of the new deaths were already inside an earlier figure whose group was not stated, so the grey bar does not go below zero.",
		}},
		{"one case", cases, i18n.English, []string{
			"May 2023: 1 of the new cases was already inside an earlier Central Asia figure.",
		}},
		{"one case in Russian", cases, i18n.Russian, []string{
			"Май 2023: 1 из новых дел уже было учтено в более ранней цифре по Центральной Азии.",
		}},
		{"cumulative", cumulative, i18n.English, nil},
		{"no notes", realisticDeaths(false), i18n.English, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := testOptions(1600, 900)
			o.Lang = tc.l
			p := planOf(t, tc.c, o)
			if got := strings.Join(p.notes, "\n"); got != strings.Join(tc.want, "\n") {
				t.Errorf("notes\n%s\nwant\n%s", got, strings.Join(tc.want, "\n"))
			}
			var svg bytes.Buffer
			if err := Render(&svg, SVG, tc.c, o); err != nil {
				t.Fatal(err)
			}
			for _, line := range p.notes {
				if !strings.Contains(svg.String(), ">"+xmlEscape(line)+"<") {
					t.Errorf("the SVG lacks the note %q", line)
				}
			}
		})
	}
}

// TestLongNotesNameWhatFitsAndCountTheRest checks that many estimates and
// periods fill at most two lines each, naming the first and counting the
// rest.
func TestLongNotesNameWhatFitsAndCountTheRest(t *testing.T) {
	c := reattributedDeaths()
	for i := range c.Periods {
		c.Reattributed[i] = 1 + i%3
		c.Estimates = append(c.Estimates, data.EstimatedFigure{Area: data.TJ, Code: "TJ", Period: i, Value: 10 + i})
	}
	p := planOf(t, c, testOptions(600, 400))
	if len(p.notes) != 2*maxNoteLines {
		t.Fatalf("notes %q, want two notes of %d lines", p.notes, maxNoteLines)
	}
	text := strings.Join(p.notes, " ")
	for _, want := range []string{"Not in the bars: estimates of about 35 (Central Asia, Jun 2022), about 10 (Tajikistan, Feb 2022)", " more.", "Feb 2022 (1), Mar 2022 (2)", " more months: "} {
		if !strings.Contains(text, want) {
			t.Errorf("notes %q lack %q", text, want)
		}
	}
	if strings.Contains(text, ellipsisMark) {
		t.Errorf("notes %q are cut short", text)
	}
}

func TestDescribeNamesEstimatesAndReattributedFigures(t *testing.T) {
	d := Describe(reattributedDeaths(), i18n.English)
	for _, want := range []string{
		"An estimate of about 35 (Central Asia, Jun 2022) is shown apart and not counted.",
		"Sep 2023: 2 of the new deaths were already inside an earlier Central Asia figure.",
	} {
		if !strings.Contains(d, want) {
			t.Errorf("Describe = %q, lacks %q", d, want)
		}
	}
	d = Describe(estimateDeaths(true), i18n.Russian)
	if want := "Оценки около 35 (Центральная Азия, июн 2022) и около 15 (Таджикистан, сен 2023) показаны отдельно и не входят в подсчёт."; !strings.Contains(d, want) {
		t.Errorf("Describe = %q, lacks %q", d, want)
	}
	d = Describe(latestStageProsecutions(), i18n.English)
	for _, want := range []string{"Sentence: 5 cases by Q3 2024.", "Investigation: 2 cases by Q3 2024."} {
		if !strings.Contains(d, want) {
			t.Errorf("Describe = %q, lacks %q (cases by latest stage are counted at the end of each period)", d, want)
		}
	}
}

func TestTitlesAndSubtitlesStateGroupsAndStages(t *testing.T) {
	for _, tc := range []struct {
		f     data.Filter
		l     i18n.Language
		title string
		has   []string
		lacks []string
	}{
		{data.Filter{Family: data.Deaths, By: data.ByGroup}, i18n.English,
			"Deaths of Central Asian nationals per month", []string{"new in each month · by group of people"}, nil},
		{data.Filter{Family: data.Deaths, Group: data.Prisoners, Cumulative: true}, i18n.English,
			"Deaths of Central Asian nationals, cumulative", []string{"· prisoners only"}, []string{"by group"}},
		{data.Filter{Family: data.Prosecutions, LatestStage: true, Period: data.PerQuarter}, i18n.English,
			"Prosecution cases in Central Asia by latest stage", []string{"cases by latest stage at the end of each quarter"}, []string{"first stage", "new in each"}},
		{data.Filter{Family: data.Deaths, By: data.ByGroup, Group: data.Migrants}, i18n.Russian,
			"Гибель граждан стран Центральной Азии по месяцам", []string{"по группам людей", "только мигранты"}, nil},
		{data.Filter{Family: data.Prosecutions, LatestStage: true}, i18n.Russian,
			"Уголовные дела в Центральной Азии по последней стадии", []string{"дела по последней стадии на конец каждого месяца"}, nil},
		{data.Filter{Family: data.RecruitmentReports, By: data.ByGroup, Group: data.Prisoners}, i18n.English,
			"Reports of recruitment of Central Asians by channel, per month", nil, []string{"group", "prisoners"}},
	} {
		c := &data.Chart{Filter: tc.f}
		if got := Title(c, tc.l); got != tc.title {
			t.Errorf("Title(%+v) = %q, want %q", tc.f, got, tc.title)
		}
		sub := Subtitle(c, tc.l)
		for _, want := range tc.has {
			if !strings.Contains(sub, want) {
				t.Errorf("Subtitle(%+v) = %q, lacks %q", tc.f, sub, want)
			}
		}
		for _, bad := range tc.lacks {
			if strings.Contains(sub, bad) {
				t.Errorf("Subtitle(%+v) = %q, says %q", tc.f, sub, bad)
			}
		}
	}
}

func TestGroupsAndStagesAreNamedAndColouredByCode(t *testing.T) {
	for _, tc := range []struct {
		c    *data.Chart
		want map[string]string
	}{
		{groupDeaths(false), map[string]string{"prisoners": "Prisoners", "migrants": "Migrants", "mobilised": "Mobilised",
			"volunteers": "Volunteers", data.UnstatedCode: "Group not stated"}},
		{latestStageProsecutions(), map[string]string{"investigation": "Investigation", "sentence": "Sentence", "acquittal": "Acquittal"}},
	} {
		p := planOf(t, tc.c, testOptions(1200, 675))
		labels := map[string]string{}
		for _, it := range p.items {
			labels[it.label] = ""
		}
		for _, l := range p.layers {
			if l.color != colorOf(l.code) {
				t.Errorf("%s drawn in %v, want its fixed colour", l.code, l.color)
			}
			if want, ok := tc.want[l.code]; ok && l.label != want {
				t.Errorf("%s labelled %q, want %q", l.code, l.label, want)
			}
		}
		for code, want := range tc.want {
			if _, ok := labels[want]; !ok {
				t.Errorf("the legend lacks %q for %s", want, code)
			}
		}
	}
}

// TestYAxisTitleWrapsRatherThanBeingCut checks a Russian bar chart with
// notes at 600x400, whose plot is too short for its y axis title in one
// line.
func TestYAxisTitleWrapsRatherThanBeingCut(t *testing.T) {
	o := testOptions(600, 400)
	o.Lang = i18n.Russian
	p := planOf(t, reattributedDeaths(), o)
	if len(p.yTitleLines) < 2 {
		t.Fatalf("y title %q in one line; the test wants a plot too short for it", p.yTitleLines)
	}
	if got := strings.Join(p.yTitleLines, " "); got != p.yTitle {
		t.Errorf("y title laid out as %q, want all of %q", p.yTitleLines, p.yTitle)
	}
	for _, line := range p.yTitleLines {
		if w := p.yTitleStyle.width(line); w > p.plot.height() {
			t.Errorf("y title line %q is %.0f pixels, longer than the plot's %.0f", line, w, p.plot.height())
		}
	}
}

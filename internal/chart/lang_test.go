package chart

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"catracker/data"
	"catracker/i18n"
)

// svgTexts returns the text elements of an SVG document.
func svgTexts(svg string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<text[^>]*>([^<]*)</text>`).FindAllStringSubmatch(svg, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestRussianChartsSpeakRussian(t *testing.T) {
	months := map[string]bool{}
	for m := range 12 {
		months[i18n.Russian.MonthAbbr(m)] = true
	}
	// English words that any untranslated chart text would show.
	english := regexp.MustCompile(`\b(Source|Counts|Dataset|incidents?|generated|Month|Deaths|Cases|Reports|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Kazakhstan|Kyrgyzstan|Tajikistan|Uzbekistan|Central Asia|Russia|Prison|Ministry)\b`)
	for name, c := range sampleCharts() {
		t.Run(name, func(t *testing.T) {
			o := testOptions(1200, 675)
			o.Lang = i18n.Russian
			var b bytes.Buffer
			if err := Render(&b, SVG, c, o); err != nil {
				t.Fatal(err)
			}
			svg := b.String()
			checkXML(t, b.Bytes())
			title := Title(c, i18n.Russian)
			if !strings.Contains(svg, ">"+xmlEscape(title)+"<") {
				t.Errorf("the SVG lacks the Russian title %q", title)
			}
			seen := 0
			for _, text := range svgTexts(svg) {
				if months[text] {
					seen++
				}
				// outlets are names, not words to translate
				if m := english.FindString(text); m != "" && !strings.Contains(text, "Radio") && !strings.Contains(text, "RFE/RL") {
					t.Errorf("the text %q has the English word %q", text, m)
				}
			}
			if seen < 3 && c.Filter.WithDefaults().Period == data.PerMonth {
				t.Errorf("the x axis shows %d Russian month names, want several", seen)
			}
		})
	}
}

func TestRussianTitlesAndFooter(t *testing.T) {
	for _, tc := range []struct {
		f    data.Filter
		want string
	}{
		{data.Filter{Family: data.Deaths, Cumulative: true}, "Гибель граждан стран Центральной Азии, нарастающим итогом"},
		{data.Filter{Family: data.Deaths, Period: data.PerQuarter}, "Гибель граждан стран Центральной Азии по кварталам"},
		{data.Filter{Family: data.Prosecutions}, "Уголовные преследования в Центральной Азии за время войны: дела по месяцам"},
	} {
		if got := Title(&data.Chart{Filter: tc.f}, i18n.Russian); got != tc.want {
			t.Errorf("Title(%+v) = %q, want %q", tc.f, got, tc.want)
		}
	}
	c := &data.Chart{Outlets: []string{"Радио Азаттык"}, Incidents: 1234}
	o := Options{Dataset: "catracker.db", Lang: i18n.Russian}
	want := "Источник: Радио Азаттык. Цифры — подтверждённый минимум. Набор данных: catracker.db · 1\u00a0234 инцидента"
	if got := Footer(c, o); got != want {
		t.Errorf("Footer = %q, want %q", got, want)
	}
	d := Describe(realisticDeaths(false), i18n.Russian)
	for _, want := range []string{"Таджикистан: всего 12 погибших.", "Пиковый месяц — фев 2023: 20 погибших.", "фев 2022 – окт 2024"} {
		if !strings.Contains(d, want) {
			t.Errorf("Describe = %q, lacks %q", d, want)
		}
	}
}

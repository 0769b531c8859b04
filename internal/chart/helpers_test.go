package chart

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"catracker/data"
)

// generated is the fixed generation time of test charts.
var generated = time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC)

func testOptions(w, h int) Options {
	return Options{Width: w, Height: h, Scale: 1, Dataset: "catracker.db", Generated: generated}
}

func month(y, m int) int { return y*12 + m - 1 }

var testOutlets = []string{"Radio Azattyk", "Radio Ozodi", "Eurasianet", "RFE/RL", "Vlast.kz", "Kloop", "Mediazona"}

// seriesChart builds a chart of family over the months from..to with
// per-period values given sparsely as month -> value for each code; the
// cumulative variant sums them and adds the regional total.
func seriesChart(family data.Family, from, to int, cumulative bool, values map[string]map[int]int, order []string) *data.Chart {
	periods := data.PeriodRange(data.PerMonth, from, to)
	c := &data.Chart{
		Filter:    data.Filter{Family: family, From: from, To: to, Period: data.PerMonth, Cumulative: cumulative},
		Periods:   periods,
		Outlets:   testOutlets,
		Incidents: 57,
	}
	region := make([]int, len(periods))
	for _, code := range order {
		vals := make([]int, len(periods))
		run := 0
		for i, p := range periods {
			v := values[code][p.N]
			run += v
			vals[i] = v
			if cumulative {
				vals[i] = run
			}
			region[i] += run
		}
		c.Series = append(c.Series, data.Series{Code: code, Label: label(code), Values: vals})
	}
	if cumulative && family == data.Deaths {
		c.Series = append(c.Series, data.Series{Code: data.RegionCode, Label: "Central Asia total", Values: region})
	}
	return c
}

func label(code string) string {
	switch code {
	case data.UnattributedCode:
		return "Central Asia, not attributed to a country"
	case data.RegionCode:
		return "Central Asia total"
	}
	if a := data.Area(code); a.IsCountry() {
		return a.Name()
	}
	if g, err := data.ParseGroup(code); err == nil {
		return g.Name()
	}
	return data.Channel(code).Label()
}

var countryOrder = []string{"KZ", "KG", "TJ", "UZ", "TM", data.UnattributedCode}

// realisticDeaths follows the seeds: 4 Tajik burials in March 2022, 10
// Tajik deaths in total by May 2022, KG 5, UZ 3, KZ 2 and 20 unattributed
// in February 2023.
func realisticDeaths(cumulative bool) *data.Chart {
	return seriesChart(data.Deaths, month(2022, 2), month(2024, 10), cumulative, map[string]map[int]int{
		"TJ":                  {month(2022, 3): 4, month(2022, 5): 6, month(2023, 9): 2},
		"KG":                  {month(2022, 6): 2, month(2022, 10): 1, month(2023, 4): 2},
		"UZ":                  {month(2022, 9): 1, month(2023, 1): 2},
		"KZ":                  {month(2022, 11): 1, month(2024, 2): 1},
		data.UnattributedCode: {month(2023, 2): 20, month(2024, 6): 5},
	}, countryOrder)
}

func realisticProsecutions(cumulative bool) *data.Chart {
	return seriesChart(data.Prosecutions, month(2022, 2), month(2024, 10), cumulative, map[string]map[int]int{
		"KG": {month(2022, 8): 1, month(2022, 12): 2, month(2023, 3): 3, month(2023, 7): 1, month(2024, 1): 4},
		"KZ": {month(2022, 10): 1, month(2023, 5): 2, month(2024, 3): 1},
		"TJ": {month(2023, 1): 2, month(2023, 11): 3, month(2024, 8): 2},
		"UZ": {month(2022, 12): 1, month(2023, 6): 5, month(2023, 10): 2, month(2024, 5): 3},
	}, []string{"KZ", "KG", "TJ", "UZ", "TM"})
}

var channelOrder = func() []string {
	out := make([]string, len(data.Channels))
	for i, ci := range data.Channels {
		out[i] = string(ci.Code)
	}
	return out
}()

func realisticRecruitment(cumulative bool) *data.Chart {
	return seriesChart(data.RecruitmentReports, month(2022, 2), month(2024, 10), cumulative, map[string]map[int]int{
		"prison":              {month(2022, 7): 2, month(2022, 9): 3, month(2022, 11): 1},
		"migration_centre":    {month(2023, 1): 1, month(2023, 6): 2, month(2023, 10): 1, month(2024, 2): 1},
		"social_media_ads":    {month(2023, 4): 1, month(2023, 9): 2, month(2024, 3): 2, month(2024, 7): 1},
		"summons_citizenship": {month(2022, 10): 1, month(2023, 3): 1},
		"citizenship_law":     {month(2022, 9): 1, month(2024, 1): 1},
		"mod_contract":        {month(2023, 8): 1, month(2024, 5): 2},
		"street_recruiters":   {month(2023, 2): 1, month(2023, 10): 1},
		"pmc_contract":        {month(2023, 5): 1},
	}, channelOrder)
}

func realisticTimeline() *data.Chart {
	from, to := month(2022, 2), month(2024, 10)
	c := &data.Chart{
		Filter:    data.Filter{Family: data.Timeline, From: from, To: to, Period: data.PerMonth},
		Periods:   data.PeriodRange(data.PerMonth, from, to),
		Outlets:   testOutlets,
		Incidents: 31,
	}
	add := func(y, m int, a data.Area, ch data.Channel, summary string) {
		c.Points = append(c.Points, data.Point{Month: month(y, m), Date: data.Date{Year: y, Month: m}, Area: a, Channel: ch, Summary: summary})
	}
	add(2022, 7, data.TJ, "prison", "Wagner recruiters visit a prison holding Tajik citizens")
	add(2022, 9, data.KG, "prison", "Kyrgyz inmates offered pardons for six months at the front")
	add(2022, 9, data.UZ, "prison", "Uzbek prisoners recruited in a colony near Moscow")
	add(2022, 9, data.TJ, "prison", "Second prison visit")
	add(2022, 9, data.RU, "citizenship_law", "Law on fast-track citizenship for contract soldiers")
	add(2022, 10, data.KG, "summons_citizenship", "Migrants handed summons with threats to their residence")
	add(2023, 1, data.UZ, "migration_centre", "Recruitment desk opens at the Sakharovo migration centre")
	add(2023, 1, data.TJ, "migration_centre", "Tajik migrants approached at Sakharovo")
	add(2023, 2, data.KZ, "street_recruiters", "Recruiters hand out leaflets at metro stations")
	add(2023, 4, data.CA, "social_media_ads", "Telegram job ads in Uzbek and Tajik promise high pay")
	add(2023, 5, data.KG, "pmc_contract", "Redut contracts offered to Kyrgyz workers")
	add(2023, 6, data.UZ, "migration_centre", "More recruitment at migration centres")
	add(2023, 8, data.TJ, "mod_contract", "Ministry of Defence contracts signed by Tajik migrants")
	add(2023, 9, data.UZ, "social_media_ads", "Ads on VKontakte")
	add(2023, 9, data.KG, "social_media_ads", "Ads in Kyrgyz-language groups")
	add(2023, 10, data.RU, "conscript_decree", "Decree allowing foreign conscripts")
	add(2023, 10, data.TJ, "construction_deception", "Construction workers in Mariupol sent to the front")
	add(2023, 11, data.UZ, "mosque_raids", "Raids on mosques after Friday prayers")
	add(2024, 1, data.RU, "citizenship_law", "Citizenship law extended to families")
	add(2024, 3, data.TM, "transport_ads", "Ads on buses in Moscow")
	add(2024, 5, data.KZ, "mod_contract", "Kazakh citizen signs a contract")
	add(2024, 5, data.TJ, "mod_contract", "Two Tajik men sign contracts")
	add(2024, 5, data.UZ, "mod_contract", "Uzbek man signs contract")
	add(2024, 7, data.CA, "social_media_ads", "Ads targeting Central Asian migrants")
	return c
}

// syntheticChart is a big chart for benchmarks: 48 months with every
// country (or every channel) reporting most months.
func syntheticChart(family data.Family, cumulative bool) *data.Chart {
	from, to := month(2021, 1), month(2024, 12)
	rng := rand.New(rand.NewPCG(1, 2))
	values := map[string]map[int]int{}
	order := countryOrder
	if family == data.RecruitmentReports {
		order = channelOrder
	}
	for _, code := range order {
		values[code] = map[int]int{}
		for m := from; m <= to; m++ {
			values[code][m] = rng.IntN(40)
		}
	}
	return seriesChart(family, from, to, cumulative, values, order)
}

// syntheticTimeline has n reports over 48 months and every channel.
func syntheticTimeline(n int) *data.Chart {
	return randomTimeline(n, month(2021, 1), month(2024, 12), data.Areas, nil, [2]uint64{3, 4}, "Synthetic report %d")
}

// randomTimeline has n reports between the months from and to, from the
// given areas, in every channel, drawn from a random source seeded with
// seed; the filter shows the areas shown, and summary formats each
// report's number.
func randomTimeline(n, from, to int, areas, shown []data.Area, seed [2]uint64, summary string) *data.Chart {
	rng := rand.New(rand.NewPCG(seed[0], seed[1]))
	c := &data.Chart{
		Filter:    data.Filter{Family: data.Timeline, Areas: shown, From: from, To: to, Period: data.PerMonth},
		Periods:   data.PeriodRange(data.PerMonth, from, to),
		Outlets:   testOutlets,
		Incidents: n,
	}
	for i := range n {
		m := from + rng.IntN(to-from+1)
		c.Points = append(c.Points, data.Point{
			Month:   m,
			Date:    data.Date{Year: m / 12, Month: m%12 + 1, Day: 1 + rng.IntN(28)},
			Area:    areas[rng.IntN(len(areas))],
			Channel: data.Channels[rng.IntN(len(data.Channels))].Code,
			Summary: fmt.Sprintf(summary, i),
		})
	}
	return c
}

func mustFaces(t testing.TB) faces {
	t.Helper()
	fc, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	return fc
}

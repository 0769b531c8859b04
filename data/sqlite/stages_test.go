package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"catracker/data"
)

// stageSeries charts prosecutions by latest stage and returns the values
// of each series by its code.
func stageSeries(t *testing.T, st data.Store, f data.Filter) (*data.Chart, map[string][]int) {
	t.Helper()
	f.Family, f.LatestStage = data.Prosecutions, true
	c, err := st.Chart(context.Background(), f)
	if err != nil {
		t.Fatalf("chart: %v", err)
	}
	out := map[string][]int{}
	for _, s := range c.Series {
		out[s.Code] = s.Values
	}
	return c, out
}

const stagesCSV = header +
	"kg-a-detention,2023-01,KG,prosecution,detention,,,,russia,Askar K,Detained,Kloop,T,2023-01-20,\n" +
	"kg-a-sentence,2023-05-02,KG,prosecution,sentence,,,,russia,Askar K,Sentenced,Kloop,T,2023-05-03,\n" +
	"kg-a-retrial,2023-05-20,KG,prosecution,retrial,,,,russia,Askar K,Sent for retrial,Azattyk,T,2023-05-21,\n" +
	"tj-d-retrial,2023-06-03,TJ,prosecution,retrial,,,,,Dilshod,Sent for retrial,Ozodi,T,2023-06-04,\n" +
	"tj-d-sentence,2023-06-25,TJ,prosecution,sentence,,,,,Dilshod,Sentenced again,Ozodi,T,2023-06-26,\n" +
	"kz-ten,2023-05,KZ,prosecution,investigation,10,total,,,,Investigating ten cases,Nikkei,T,2023-05-15,\n" +
	"kz-three,2023-07,KZ,prosecution,investigation,3,event,,,,Three more cases,Nikkei,T,2023-07-15,\n" +
	"kg-b-detention,2023-08,KG,prosecution,detention,,,,ukraine,Other Person,Detained,Nikkei,T,2023-08-15,\n" +
	"uz-e-charge,2023,UZ,prosecution,charge,,,,,Erlan,Charged that year,Gazeta,T,2023-12-30,\n" +
	"uz-e-sentence,2023-03-10,UZ,prosecution,sentence,,,,,Erlan,Sentenced,Gazeta,T,2023-03-11,\n" +
	"ca-five,2023-02,CA,prosecution,charge,5,at_least,,,,At least five charged,CABAR,T,2023-02-20,\n" +
	"kg-death,2023-02,KG,death,,1,event,,russia,,A death,Other,T,2023-02-10,\n"

func TestLatestStageChart(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, stagesCSV)

	c, got := stageSeries(t, st, data.Filter{Period: data.PerMonth})
	// January to December 2023: UZ's charge known only by its year counts
	// from December.
	want := map[string][]int{
		// KZ: a running total of ten, which three more events do not exceed.
		"investigation": {0, 0, 0, 0, 10, 10, 10, 10, 10, 10, 10, 10},
		// Askar until his sentence, then the other KG person.
		"detention": {1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1},
		// CA's five, which no country accounts for.
		"charge": {0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5},
		// Erlan from March (his charge that year changes nothing), Dilshod
		// from his new sentence on 25 June.
		"sentence": {0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2},
		// Askar's sentence of 2 May was sent for retrial on 20 May.
		"retrial": {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1},
	}
	if len(c.Periods) != 12 || c.Periods[0].String() != "2023-01" {
		t.Fatalf("periods %v, want the months of 2023", c.Periods)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("series = %v\nwant %v", got, want)
	}
	if c.Incidents != 11 {
		t.Errorf("incidents = %d, want the 11 prosecution records", c.Incidents)
	}
	if o := strings.Join(c.Outlets, ","); o != "Azattyk,CABAR,Gazeta,Kloop,Nikkei,Ozodi" {
		t.Errorf("outlets = %s", o)
	}

	c, got = stageSeries(t, st, data.Filter{Period: data.PerMonth, Side: data.Russia, Cumulative: true,
		From: 2023*12 + 3, To: 2023*12 + 5})
	want = map[string][]int{"detention": {1, 0, 0}, "retrial": {0, 1, 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("russia, April to June: series = %v, want %v", got, want)
	}
	if c.Incidents != 3 || strings.Join(c.Outlets, ",") != "Azattyk,Kloop" {
		t.Errorf("russia: incidents %d, outlets %v; want 3, Azattyk and Kloop", c.Incidents, c.Outlets)
	}

	_, got = stageSeries(t, st, data.Filter{Period: data.PerQuarter, Areas: []data.Area{data.KG, data.KZ},
		From: 2023*12 + 3, To: 2023*12 + 8})
	want = map[string][]int{"investigation": {10, 10}, "detention": {0, 1}, "retrial": {1, 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("KG and KZ by quarter: series = %v, want %v", got, want)
	}
}

// TestLatestStageChartRandom imports random prosecution records and checks
// the store's charts by latest stage under random filters against
// data.Chart.CountLatestStages given every record with its exact date:
// the store reads exact dates only where they matter, and sums the records
// that name no one in SQL.
func TestLatestStageChartRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	areas := []data.Area{data.KZ, data.KG, data.CA}
	sides := []data.Side{data.SideUnknown, data.Russia, data.Ukraine}
	bases := []data.Basis{data.Event, data.Event, data.Total, data.AtLeast}
	var csv strings.Builder
	csv.WriteString(header)
	var incs []data.Incident
	for i := range 400 {
		inc := data.Incident{Date: data.Date{Year: 2022 + rng.IntN(3), Month: 1 + rng.IntN(12), Day: 1 + rng.IntN(28)},
			Area: areas[rng.IntN(len(areas))], Stage: data.Stages[rng.IntN(len(data.Stages))],
			Side: sides[rng.IntN(len(sides))], Basis: bases[rng.IntN(len(bases))]}
		switch rng.IntN(4) {
		case 0:
			inc.Date.Day = 0
		case 1:
			inc.Date.Month, inc.Date.Day = 0, 0
		}
		if rng.IntN(5) < 3 {
			inc.Person = fmt.Sprint("Person ", rng.IntN(5))
		}
		count := ""
		if rng.IntN(4) > 0 || inc.Basis != data.Event { // only an event may have no count
			n := rng.IntN(15)
			inc.Count, count = &n, fmt.Sprint(n)
		}
		incs = append(incs, inc)
		fmt.Fprintf(&csv, "r%d,%s,%s,prosecution,%s,%s,%s,,%s,%s,Summary,Outlet %d,T,2025-01-01,\n",
			i, inc.Date, inc.Area, inc.Stage, count, inc.Basis, inc.Side, inc.Person, rng.IntN(3))
	}
	st := newStore(t)
	mustImport(t, st, csv.String())

	for i := range 200 {
		f := data.Filter{Period: data.Periods[rng.IntN(len(data.Periods))], Side: sides[rng.IntN(len(sides))]}
		for _, a := range data.Areas {
			if rng.IntN(3) == 0 {
				f.Areas = append(f.Areas, a)
			}
		}
		if rng.IntN(2) == 0 {
			f.From = 2022*12 + rng.IntN(24)
			f.To = f.From + rng.IntN(18)
		}
		c, _ := stageSeries(t, st, f)
		want := &data.Chart{Filter: c.Filter, Periods: c.Periods}
		var named []data.StageRecord
		var unnamed []data.StageBucket
		for _, inc := range incs {
			if inc.Person != "" {
				named = append(named, data.StageRecord{Area: inc.Area, Person: inc.Person, Stage: inc.Stage,
					Side: inc.Side, Date: inc.Date})
				continue
			}
			if inc.Date.MonthIndex() > c.Filter.To {
				continue
			}
			b := data.StageBucket{Area: inc.Area, Stage: inc.Stage, Side: inc.Side,
				Period: data.KeyOf(c.Filter.Period, inc.Date.MonthIndex()).N, Rows: 1}
			switch {
			case inc.Basis != data.Event && inc.Count != nil:
				b.Max = *inc.Count
			case inc.Basis == data.Event && inc.Count != nil:
				b.Cases = *inc.Count
			case inc.Basis == data.Event:
				b.Cases = 1
			}
			unnamed = append(unnamed, b)
		}
		want.CountLatestStages(named, unnamed)
		if !reflect.DeepEqual(c.Series, want.Series) || c.Incidents != want.Incidents {
			t.Fatalf("filter %d %+v:\nstore %v, %d incidents\nwant  %v, %d incidents",
				i, c.Filter, c.Series, c.Incidents, want.Series, want.Incidents)
		}
	}
}

// BenchmarkLatestStageChart measures a prosecutions chart by latest stage,
// query plus counting, at three sizes: it reads every named prosecution
// record up to the end of the range. With a side, the footer's outlets
// dominate: the synthetic prosecutions have no side, and finding that no
// report of an outlet is in the chart walks all of them, as it does for
// the chart dated by first stage.
func BenchmarkLatestStageChart(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		st := benchDB(b, n)
		for _, f := range []data.Filter{
			{Family: data.Prosecutions, LatestStage: true, Period: data.PerQuarter},
			{Family: data.Prosecutions, LatestStage: true, Period: data.PerMonth, Side: data.Russia},
			{Family: data.Prosecutions, LatestStage: true, Period: data.PerMonth, Areas: []data.Area{data.KG}},
		} {
			name := fmt.Sprintf("%s/side=%s/areas=%v/rows=%d", f.Period, f.Side, f.Areas, n)
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					if _, err := st.Chart(context.Background(), f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// A group filter keeps the cases about that group, named and unnamed.
func TestLatestStageChartOneGroup(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, "ref,date,area,kind,stage,count,basis,group,person,summary,source_outlet\n"+
		"kg-p,2023-01,KG,prosecution,charge,,,prisoners,Askar K,Charged,Kloop\n"+
		"kg-m,2023-01,KG,prosecution,detention,,,migrants,Other Person,Detained,Kloop\n"+
		"kz-p,2023-01,KZ,prosecution,investigation,4,total,prisoners,,Four cases,Nikkei\n"+
		"kz-u,2023-01,KZ,prosecution,investigation,2,event,,,Two cases,Nikkei\n")
	_, got := stageSeries(t, st, data.Filter{Period: data.PerMonth, Group: data.Prisoners})
	if want := map[string][]int{"investigation": {4}, "charge": {1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("prisoners = %v, want %v", got, want)
	}
	_, got = stageSeries(t, st, data.Filter{Period: data.PerMonth})
	if want := map[string][]int{"investigation": {6}, "detention": {1}, "charge": {1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("every group = %v, want %v", got, want)
	}
}

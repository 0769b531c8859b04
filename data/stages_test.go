package data

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// latestStages runs Chart.CountLatestStages for a filter over periods.
func latestStages(f Filter, periods []PeriodKey, named []StageRecord, unnamed []StageBucket) *Chart {
	c := &Chart{Filter: f.WithDefaults(), Periods: periods}
	c.CountLatestStages(named, unnamed)
	return c
}

// day, month and year are dates known to the day, the month or the year.
func day(y, m, d int) Date { return Date{Year: y, Month: m, Day: d} }
func month(y, m int) Date  { return Date{Year: y, Month: m} }
func year(y int) Date      { return Date{Year: y} }

func TestCountLatestStages(t *testing.T) {
	prosecutions := Filter{Family: Prosecutions, LatestStage: true}
	h1 := PeriodRange(PerMonth, mi(2023, 1), mi(2023, 6))
	rec := func(a Area, person string, s Stage, d Date) StageRecord {
		return StageRecord{Area: a, Person: person, Stage: s, Date: d}
	}
	tests := []struct {
		name      string
		f         Filter
		periods   []PeriodKey
		named     []StageRecord
		unnamed   []StageBucket
		want      map[string][]int
		incidents int
	}{
		{
			name:    "a case charged, sentenced, then sent to retrial is at one stage at a time",
			f:       prosecutions,
			periods: h1,
			named: []StageRecord{
				rec(KG, "Askar", Retrial, day(2023, 5, 20)),
				rec(KG, "Askar", Charge, day(2023, 1, 10)),
				rec(KG, "Askar", Sentence, month(2023, 3)),
			},
			want: map[string][]int{
				"charge":   {1, 1, 0, 0, 0, 0},
				"sentence": {0, 0, 1, 1, 0, 0},
				"retrial":  {0, 0, 0, 0, 1, 1},
			},
			incidents: 3,
		},
		{
			name:    "a case appears only from its first record on",
			f:       prosecutions,
			periods: h1,
			named:   []StageRecord{rec(TJ, "Dilshod", Detention, day(2023, 4, 1))},
			want:    map[string][]int{"detention": {0, 0, 0, 1, 1, 1}},
		},
		{
			name:    "a retrial on 20 May after a sentence on 2 May reads as a retrial",
			f:       prosecutions,
			periods: h1,
			named: []StageRecord{
				rec(KG, "Askar", Retrial, day(2023, 5, 20)),
				rec(KG, "Askar", Sentence, day(2023, 5, 2)),
			},
			want: map[string][]int{"retrial": {0, 0, 0, 0, 1, 1}},
		},
		{
			name:    "a new sentence after a retrial in the same month reads as a sentence",
			f:       prosecutions,
			periods: h1,
			named: []StageRecord{
				rec(KG, "Askar", Retrial, day(2023, 5, 2)),
				rec(KG, "Askar", Sentence, day(2023, 5, 20)),
			},
			want: map[string][]int{"sentence": {0, 0, 0, 0, 1, 1}},
		},
		{
			name:    "in the same month without both days, or on the same day, the later stage in legal order wins",
			f:       prosecutions,
			periods: h1,
			named: []StageRecord{
				rec(KG, "Askar", Retrial, month(2023, 5)),
				rec(KG, "Askar", Sentence, day(2023, 5, 20)),
				rec(KG, "Bolot", Acquittal, day(2023, 2, 7)),
				rec(KG, "Bolot", Charge, day(2023, 2, 7)),
			},
			want: map[string][]int{
				"retrial":   {0, 0, 0, 0, 1, 1},
				"acquittal": {0, 1, 1, 1, 1, 1},
			},
			incidents: 4,
		},
		{
			name:    "an acquittal annulled and sent for retrial is no longer an acquittal",
			f:       prosecutions,
			periods: h1,
			named: []StageRecord{
				rec(UZ, "Jasur", Acquittal, month(2023, 2)),
				rec(UZ, "Jasur", Retrial, month(2023, 4)),
			},
			want: map[string][]int{
				"acquittal": {0, 1, 1, 0, 0, 0},
				"retrial":   {0, 0, 0, 1, 1, 1},
			},
			incidents: 2,
		},
		{
			name:    "a record known only by its year counts from December and does not undo what came later in that year",
			f:       prosecutions,
			periods: PeriodRange(PerQuarter, mi(2023, 1), mi(2024, 3)),
			named: []StageRecord{
				rec(KZ, "Erlan", Charge, year(2023)),
				rec(KZ, "Erlan", Sentence, day(2023, 3, 10)),
				rec(KZ, "Farid", Investigation, month(2023, 5)),
				rec(KZ, "Farid", Sentence, year(2023)),
				rec(KZ, "Farid", Retrial, month(2024, 2)),
			},
			want: map[string][]int{
				"investigation": {0, 1, 1, 0, 0},
				"sentence":      {1, 1, 1, 2, 1},
				"retrial":       {0, 0, 0, 0, 1},
			},
			incidents: 5,
		},
		{
			name:    "two persons, and one name in two areas, are three cases",
			f:       prosecutions,
			periods: PeriodRange(PerMonth, mi(2023, 1), mi(2023, 3)),
			named: []StageRecord{
				rec(KG, "Askar", Charge, month(2023, 1)),
				rec(KG, "Bolot", Investigation, month(2023, 2)),
				rec(KG, "Askar", Sentence, month(2023, 3)),
				rec(TJ, "Askar", Detention, month(2023, 2)),
				rec(KG, "Bolot", Detention, month(2023, 3)),
			},
			want: map[string][]int{
				"investigation": {0, 1, 0},
				"detention":     {0, 1, 2},
				"charge":        {1, 1, 0},
				"sentence":      {0, 0, 1},
			},
			incidents: 5,
		},
		{
			name:    "an unnamed total of ten investigations may hold the named case: it stands until cases and events exceed it",
			f:       prosecutions,
			periods: PeriodRange(PerMonth, mi(2023, 5), mi(2023, 8)),
			named:   []StageRecord{rec(KZ, "Gulnara", Investigation, month(2023, 6))},
			unnamed: []StageBucket{
				{Area: KZ, Stage: Investigation, Period: mi(2023, 5), Max: 10, Rows: 1},
				{Area: KZ, Stage: Investigation, Period: mi(2023, 6), Cases: 4, Rows: 1},
				{Area: KZ, Stage: Investigation, Period: mi(2023, 7), Cases: 8, Rows: 2},
				{Area: KZ, Stage: Charge, Period: mi(2023, 8), Cases: 1, Rows: 1},
			},
			want: map[string][]int{
				"investigation": {10, 10, 13, 13},
				"charge":        {0, 0, 0, 1},
			},
			incidents: 6,
		},
		{
			name:    "records before the range count towards the first period; those after it are left out",
			f:       Filter{Family: Prosecutions, LatestStage: true, Cumulative: true},
			periods: PeriodRange(PerMonth, mi(2023, 1), mi(2023, 3)),
			named: []StageRecord{
				rec(KG, "Askar", Charge, month(2022, 11)),
				rec(KG, "Askar", Sentence, month(2023, 2)),
				rec(KG, "Askar", Retrial, month(2023, 4)),
			},
			unnamed: []StageBucket{
				{Area: KG, Stage: Detention, Period: mi(2022, 6), Cases: 2, Rows: 1},
				{Area: KG, Stage: Detention, Period: mi(2023, 4), Cases: 5, Rows: 1},
			},
			want: map[string][]int{
				"detention": {2, 2, 2},
				"charge":    {1, 0, 0},
				"sentence":  {0, 1, 1},
			},
			incidents: 3,
		},
		{
			name:    "a quarter shows where cases stand at its end",
			f:       prosecutions,
			periods: PeriodRange(PerQuarter, mi(2023, 1), mi(2023, 6)),
			named: []StageRecord{
				rec(KG, "Askar", Charge, month(2023, 1)),
				rec(KG, "Askar", Sentence, month(2023, 2)),
			},
			want:      map[string][]int{"sentence": {1, 1}},
			incidents: 2,
		},
		{
			name:    "records after the filter's end are left out, even within its last period",
			f:       Filter{Family: Prosecutions, LatestStage: true, To: mi(2023, 2)},
			periods: PeriodRange(PerQuarter, mi(2023, 1), mi(2023, 2)),
			named: []StageRecord{
				rec(KG, "Askar", Charge, month(2023, 1)),
				rec(KG, "Askar", Sentence, month(2023, 3)),
			},
			want:      map[string][]int{"charge": {1}},
			incidents: 1,
		},
		{
			name:    "the side keeps only that side's records",
			f:       Filter{Family: Prosecutions, LatestStage: true, Side: Russia},
			periods: PeriodRange(PerMonth, mi(2023, 1), mi(2023, 2)),
			named: []StageRecord{
				{Area: KG, Person: "Askar", Stage: Charge, Side: Russia, Date: month(2023, 1)},
				{Area: KG, Person: "Askar", Stage: Sentence, Date: month(2023, 2)},
				{Area: KG, Person: "Bolot", Stage: Investigation, Side: Ukraine, Date: month(2023, 1)},
			},
			unnamed: []StageBucket{
				{Area: TJ, Stage: Detention, Side: Russia, Period: mi(2023, 2), Cases: 3, Rows: 1},
				{Area: TJ, Stage: Detention, Side: Ukraine, Period: mi(2023, 2), Cases: 5, Rows: 1},
			},
			want: map[string][]int{
				"detention": {0, 3},
				"charge":    {1, 1},
			},
			incidents: 2,
		},
		{
			name:    "only the selected areas count, and RU never does",
			f:       Filter{Family: Prosecutions, LatestStage: true, Areas: []Area{KG, RU}},
			periods: PeriodRange(PerMonth, mi(2023, 1), mi(2023, 1)),
			named: []StageRecord{
				rec(KG, "Askar", Charge, month(2023, 1)),
				rec(TJ, "Dilshod", Charge, month(2023, 1)),
				rec(RU, "Ivan", Charge, month(2023, 1)),
			},
			unnamed:   []StageBucket{{Area: RU, Stage: Charge, Period: mi(2023, 1), Cases: 7, Rows: 1}},
			want:      map[string][]int{"charge": {1}},
			incidents: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := latestStages(tt.f, tt.periods, tt.named, tt.unnamed)
			if got := byCode(c.Series); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("series = %v, want %v", got, tt.want)
			}
			if !slices.IsSortedFunc(c.Series, func(a, b Series) int {
				return slices.Index(Stages, Stage(a.Code)) - slices.Index(Stages, Stage(b.Code))
			}) {
				t.Errorf("series not in legal order: %v", c.Series)
			}
			for _, s := range c.Series {
				if s.Label != Stage(s.Code).Name() {
					t.Errorf("series %s labelled %q", s.Code, s.Label)
				}
			}
			if tt.incidents == 0 {
				tt.incidents = len(tt.named)
			}
			if c.Incidents != tt.incidents {
				t.Errorf("incidents = %d, want %d", c.Incidents, tt.incidents)
			}
		})
	}
}

// A Central Asia figure covers the countries' figures of the same stage, as
// the regional rule of the other charts says: only its part that no country
// accounts for is added, measured against all five countries.
func TestCountLatestStagesRegion(t *testing.T) {
	periods := PeriodRange(PerMonth, mi(2023, 1), mi(2023, 2))
	named := []StageRecord{
		{Area: KG, Person: "Askar", Stage: Charge, Date: month(2023, 1)},
		{Area: KG, Person: "Bolot", Stage: Charge, Date: month(2023, 1)},
		{Area: TJ, Person: "Dilshod", Stage: Charge, Date: month(2023, 2)},
		{Area: TJ, Person: "Erkin", Stage: Charge, Date: month(2023, 2)},
		{Area: TJ, Person: "Farrukh", Stage: Charge, Date: month(2023, 2)},
		{Area: TJ, Person: "Gafur", Stage: Charge, Date: month(2023, 2)},
	}
	unnamed := []StageBucket{{Area: CA, Stage: Charge, Period: mi(2023, 1), Max: 5, Rows: 1}}
	for _, tt := range []struct {
		areas     []Area
		want      []int
		incidents int
	}{
		{nil, []int{5, 6}, 7},
		{[]Area{KG, CA}, []int{5, 2}, 3},
		{[]Area{CA}, []int{3, 0}, 1},
		{[]Area{KG}, []int{2, 2}, 2},
	} {
		f := Filter{Family: Prosecutions, LatestStage: true, Areas: tt.areas}
		c := latestStages(f, periods, named, unnamed)
		if got := byCode(c.Series)["charge"]; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("areas %v: charges = %v, want %v", tt.areas, got, tt.want)
		}
		if c.Incidents != tt.incidents {
			t.Errorf("areas %v: incidents = %d, want %d", tt.areas, c.Incidents, tt.incidents)
		}
	}
}

func TestNeedsExactDates(t *testing.T) {
	rec := func(s Stage, d Date) StageRecord { return StageRecord{Area: KG, Person: "Askar", Stage: s, Date: d} }
	for _, tt := range []struct {
		records []StageRecord
		want    bool
	}{
		{[]StageRecord{rec(Charge, month(2023, 5))}, false},
		{[]StageRecord{rec(Charge, month(2023, 5)), rec(Sentence, month(2023, 6))}, false},
		{[]StageRecord{rec(Charge, month(2023, 5)), rec(Charge, month(2023, 5))}, false},
		{[]StageRecord{rec(Charge, month(2023, 5)), rec(Sentence, month(2023, 5))}, true},
		{[]StageRecord{rec(Charge, month(2023, 3)), rec(Sentence, month(2023, 12))}, true},
		{[]StageRecord{rec(Charge, month(2023, 3)), rec(Sentence, year(2023))}, true},
		{[]StageRecord{rec(Charge, month(2022, 12)), rec(Sentence, month(2023, 3))}, false},
	} {
		if got := NeedsExactDates(tt.records); got != tt.want {
			t.Errorf("NeedsExactDates(%v) = %v, want %v", tt.records, got, tt.want)
		}
	}
}

// randomDate is a date in 2022-2024 known to the day, the month or the year.
func randomDate(rng *rand.Rand) Date {
	d := Date{Year: 2022 + rng.IntN(3), Month: 1 + rng.IntN(12), Day: 1 + rng.IntN(28)}
	switch rng.IntN(4) {
	case 0:
		d.Day = 0
	case 1:
		d.Month, d.Day = 0, 0
	}
	return d
}

// randomStageRecords makes named records of a few persons in every area,
// and unnamed buckets in the unit of periods.
func randomStageRecords(rng *rand.Rand, unit Period) ([]StageRecord, []StageBucket) {
	sides := []Side{SideUnknown, Russia, Ukraine}
	var named []StageRecord
	for range rng.IntN(60) {
		named = append(named, StageRecord{Area: Areas[rng.IntN(len(Areas))], Person: fmt.Sprint("p", rng.IntN(6)),
			Stage: Stages[rng.IntN(len(Stages))], Side: sides[rng.IntN(3)], Date: randomDate(rng)})
	}
	var unnamed []StageBucket
	for range rng.IntN(10) {
		b := StageBucket{Area: Areas[rng.IntN(len(Areas))], Stage: Stages[rng.IntN(len(Stages))],
			Side: sides[rng.IntN(3)], Period: KeyOf(unit, randomDate(rng).MonthIndex()).N, Rows: 1}
		if rng.IntN(3) == 0 {
			b.Max = rng.IntN(12)
		} else {
			b.Cases = 1 + rng.IntN(4)
		}
		unnamed = append(unnamed, b)
	}
	return named, unnamed
}

// randomStageFilter selects a random side, period, range and set of areas;
// CA when withCA.
func randomStageFilter(rng *rand.Rand, withCA bool) (Filter, []PeriodKey) {
	f := Filter{Family: Prosecutions, LatestStage: true, Period: Periods[rng.IntN(len(Periods))],
		Side: []Side{SideUnknown, Russia, Ukraine}[rng.IntN(3)]}
	candidates := append([]Area{}, Countries...)
	if withCA {
		candidates = append(candidates, CA)
	}
	for _, a := range candidates {
		if rng.IntN(2) == 0 {
			f.Areas = append(f.Areas, a)
		}
	}
	if len(f.Areas) == 0 {
		f.Areas = []Area{candidates[rng.IntN(len(candidates))]}
	}
	from := mi(2022, 1) + rng.IntN(30)
	return f, PeriodRange(f.Period, from, from+rng.IntN(14))
}

// latestStageOracle is the latest stage of the records of one case at the
// end of the month with index end, straight from its definition: of the
// records dated on or before it, those that no other record surely follows
// (begins after they end), the latest in legal order. -1 before the case's
// first record.
func latestStageOracle(records []StageRecord, end int) int {
	begin := func(d Date) time.Time {
		return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
	}
	stage := -1
	for _, r := range records {
		if r.Date.MonthIndex() > end {
			continue
		}
		followed := false
		for _, o := range records {
			if o.Date.MonthIndex() <= end && begin(o.Date).After(r.Date.End()) {
				followed = true
			}
		}
		if !followed {
			stage = max(stage, slices.Index(Stages, r.Stage))
		}
	}
	return stage
}

// TestCountLatestStagesRandom checks random records under random filters
// against counts made straight from the definitions: every started case at
// the stage latestStageOracle gives, one stage at a time, plus C = max(E,
// T) of the unnamed records of each area and stage. So at every period the
// stages add up to the cases started by then plus the unnamed figures.
func TestCountLatestStagesRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for i := range 2000 {
		f, periods := randomStageFilter(rng, false)
		named, unnamed := randomStageRecords(rng, f.Period)
		c := latestStages(f, periods, named, unnamed)

		want := map[Stage][]int{}
		add := func(s Stage, p, n int) {
			if want[s] == nil {
				want[s] = make([]int, len(periods))
			}
			want[s][p] += n
		}
		started := make([]int, len(periods))
		cases := map[[2]string][]StageRecord{}
		for _, r := range named {
			if f.Has(r.Area) && (f.Side == SideUnknown || r.Side == f.Side) {
				k := [2]string{string(r.Area), r.Person}
				cases[k] = append(cases[k], r)
			}
		}
		type cell struct {
			area  Area
			stage Stage
			p     int
		}
		namedAt := map[cell]int{}
		for _, records := range cases {
			for p, key := range periods {
				if s := latestStageOracle(records, key.LastMonth()); s >= 0 {
					namedAt[cell{records[0].Area, Stages[s], p}]++
					started[p]++
				}
			}
		}
		// Each area and stage: C = max(named cases there + unnamed
		// events, the largest unnamed total).
		figures := make([]int, len(periods))
		for _, a := range Countries {
			for _, s := range Stages {
				for p, key := range periods {
					e, most := 0, 0
					for _, b := range unnamed {
						if b.Area == a && b.Stage == s && b.Period <= key.N && (f.Side == SideUnknown || b.Side == f.Side) {
							e += b.Cases
							most = max(most, b.Max)
						}
					}
					if v := max(namedAt[cell{a, s, p}]+e, most); f.Has(a) && v > 0 {
						add(s, p, v)
						figures[p] += v
					}
				}
			}
		}
		got := map[Stage][]int{}
		for _, s := range c.Series {
			got[Stage(s.Code)] = s.Values
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d, filter %+v, periods %v..%v:\nnamed %v\nunnamed %v\ngot  %v\nwant %v",
				i, f, periods[0], periods[len(periods)-1], named, unnamed, got, want)
		}
		totals := c.Totals()
		for p := range periods {
			if totals[p] != figures[p] || totals[p] < started[p] {
				t.Fatalf("case %d: period %v adds up to %d, want %d (and at least the %d cases started)",
					i, periods[p], totals[p], figures[p], started[p])
			}
		}
	}
}

// TestCountLatestStagesByMonthWhenExactDatesDoNotMatter checks the promise
// that lets a store read dates only where NeedsExactDates says: a case
// whose records, dated to their month, do not need exact dates counts the
// same with its records' exact dates as with their months.
func TestCountLatestStagesByMonthWhenExactDatesDoNotMatter(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	checked := 0
	for range 20000 {
		f, periods := randomStageFilter(rng, true)
		var exact, byMonth []StageRecord
		for range 1 + rng.IntN(5) {
			r := StageRecord{Area: KG, Person: "Askar", Stage: Stages[rng.IntN(len(Stages))], Date: randomDate(rng)}
			exact = append(exact, r)
			m := r.Date.MonthIndex()
			r.Date = month(m/12, m%12+1)
			byMonth = append(byMonth, r)
		}
		if NeedsExactDates(byMonth) {
			continue
		}
		checked++
		f.Side, f.Areas = SideUnknown, nil
		got, want := latestStages(f, periods, byMonth, nil), latestStages(f, periods, exact, nil)
		if !reflect.DeepEqual(got.Series, want.Series) {
			t.Fatalf("records %v over %v..%v: by month %v, exact %v", exact, periods[0], periods[len(periods)-1],
				got.Series, want.Series)
		}
	}
	if checked < 5000 {
		t.Errorf("only %d cases checked", checked)
	}
}

// The counts do not depend on the order of the records.
func TestCountLatestStagesAnyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for range 200 {
		f, periods := randomStageFilter(rng, true)
		named, unnamed := randomStageRecords(rng, f.Period)
		sorted := slices.Clone(named)
		slices.SortFunc(sorted, byCase)
		if got, want := latestStages(f, periods, named, unnamed), latestStages(f, periods, sorted, unnamed); !reflect.DeepEqual(got, want) {
			t.Fatalf("unsorted %v, sorted %v", got.Series, want.Series)
		}
	}
}

// A stated group's figure adds to the cases at a stage, and the unstated
// total of the same stage stays its floor whatever order the groups come
// in.
func TestCountLatestStagesGroupsAndUnstatedTotal(t *testing.T) {
	periods := PeriodRange(PerMonth, mi(2023, 5), mi(2023, 6))
	f := Filter{Family: Prosecutions, LatestStage: true}.WithDefaults()
	for range 50 {
		c := latestStages(f, periods, nil, []StageBucket{
			{Area: KZ, Stage: Investigation, Period: mi(2023, 5), Max: 10, Rows: 1},
			{Area: KZ, Stage: Investigation, Group: Prisoners, Period: mi(2023, 5), Cases: 3, Rows: 1},
			{Area: KZ, Stage: Investigation, Group: Migrants, Period: mi(2023, 6), Max: 9, Rows: 1},
		})
		if len(c.Series) != 1 || !reflect.DeepEqual(c.Series[0].Values, []int{10, 12}) {
			t.Fatalf("series = %+v, want investigation 10 then 12 (3 prisoners and 9 migrants)", c.Series)
		}
	}
}

package data

import (
	"fmt"
	"testing"
)

// BenchmarkAccount replays the counting rules over MaxTrace incidents for
// a cumulative figure, the most a number is traced over.
func BenchmarkAccount(b *testing.B) {
	var incs []Incident
	areas := append(append([]Area{}, Countries...), CA)
	for i := range MaxTrace {
		n := 1 + i%7
		basis := Event
		if i%5 == 0 {
			basis, n = Total, 3*i
		}
		incs = append(incs, Incident{ID: int64(i + 1), Ref: fmt.Sprint("r", i), Kind: Death, Area: areas[i%len(areas)],
			Date: Date{Year: 2022 + i%3, Month: 1 + i%12}, Count: &n, Basis: basis, Group: Groups[i%2]})
	}
	c := &Chart{Filter: Filter{Family: Deaths, Cumulative: true, Period: PerMonth}.WithDefaults(),
		Periods: PeriodRange(PerMonth, 2022*12, 2024*12+11)}
	var buckets []Bucket
	var cc caseCounter
	for _, inc := range incs {
		buckets = append(buckets, cc.bucket(c.Filter, inc))
	}
	c.CountAreas(buckets)
	m := Mark{Series: string(KG), Period: len(c.Periods) - 1}
	b.ResetTimer()
	for b.Loop() {
		tr := c.Account(m, incs, false)
		sum := 0
		for _, e := range tr.Entries {
			sum += e.Adds
		}
		if sum != tr.Value {
			b.Fatalf("entries add to %d, the chart shows %d", sum, tr.Value)
		}
	}
}

package chart

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"catracker/data"
)

// TestTimelineOrder checks the dots' order against the definition: by
// row, month, area, the date as its string sorts, then summary, keeping
// the given order of equal reports. The dates mix days, months and years
// and the summaries repeat, so that every rule decides some pairs; a few
// reports have channels of their own or fall outside the chart's periods.
func TestTimelineOrder(t *testing.T) {
	c := syntheticTimeline(3000)
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range c.Points {
		p := &c.Points[i]
		switch rng.IntN(4) {
		case 0:
			p.Date.Day = 0
		case 1:
			p.Date.Month, p.Date.Day = 0, 0
		}
		p.Summary = []string{"a", "b", "c"}[rng.IntN(3)]
		p.Channel = data.Channels[rng.IntN(3)].Code
		switch rng.IntN(100) {
		case 0:
			p.Channel = "zz_custom"
		case 1:
			p.Channel = "aa_custom"
		case 2:
			p.Month -= 30
		case 3:
			p.Month += 70
		}
	}
	// unknown areas share a rank, so only their given order tells them apart
	for _, a := range []data.Area{"YY", "XX", "ZZ"} {
		c.Points = append(c.Points, data.Point{Month: c.Points[0].Month, Date: c.Points[0].Date, Area: a, Channel: "unknown_channel"})
	}
	tl := newTimeline(c)

	want := slices.Clone(c.Points)
	row := map[data.Channel]int{}
	for i, ch := range tl.channels {
		row[ch] = i
	}
	sort.SliceStable(want, func(i, j int) bool {
		a, b := want[i], want[j]
		switch {
		case row[a.Channel] != row[b.Channel]:
			return row[a.Channel] < row[b.Channel]
		case a.Month != b.Month:
			return a.Month < b.Month
		case areaRank(a.Area) != areaRank(b.Area):
			return areaRank(a.Area) < areaRank(b.Area)
		case a.Date != b.Date:
			return a.Date.String() < b.Date.String()
		}
		return a.Summary < b.Summary
	})
	got := make([]data.Point, len(tl.order))
	for i, k := range tl.order {
		got[i] = tl.points[k]
	}
	if !slices.Equal(got, want) {
		t.Error("timeline points are not in display order")
	}
	if slices.Equal(c.Points, want) {
		t.Error("the test's points were already in order")
	}
	wantRows := []data.Channel{data.Channels[0].Code, data.Channels[1].Code, data.Channels[2].Code, "aa_custom", "unknown_channel", "zz_custom"}
	if !slices.Equal(tl.channels, wantRows) {
		t.Errorf("rows %v, want %v", tl.channels, wantRows)
	}
	first := slices.MinFunc(c.Points, func(a, b data.Point) int { return a.Month - b.Month }).Month
	last := slices.MaxFunc(c.Points, func(a, b data.Point) int { return a.Month - b.Month }).Month
	if tl.first != first || tl.months[0].N != first || tl.months[len(tl.months)-1].N != last {
		t.Errorf("months %d..%d from %d, want %d..%d", tl.months[0].N, tl.months[len(tl.months)-1].N, tl.first, first, last)
	}
}

func TestCompareDatesSortsAsStrings(t *testing.T) {
	dates := []data.Date{
		{Year: 2022, Month: 0, Day: 0},
		{Year: 2022, Month: 5, Day: 0},
		{Year: 2022, Month: 5, Day: 14},
		{Year: 2022, Month: 5, Day: 2},
		{Year: 2022, Month: 6, Day: 0},
		{Year: 2021, Month: 12, Day: 31},
		{Year: 2023, Month: 1, Day: 1},
		{Year: 999, Month: 1, Day: 1},
	}
	for _, a := range dates {
		for _, b := range dates {
			got := compareDates(a, b)
			want := 0
			if a.String() < b.String() {
				want = -1
			} else if a.String() > b.String() {
				want = 1
			}
			if got != want {
				t.Errorf("compareDates(%v, %v) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// mostDots is the largest timeline drawn one dot per report:
// data.MaxPoints reports over two years, about 17 in a month and channel.
func mostDots() *data.Chart {
	return randomTimeline(data.MaxPoints, month(2023, 1), month(2024, 12), data.Areas, nil, [2]uint64{9, 10}, "Report %d")
}

// BenchmarkRenderMostDots draws the largest timeline drawn one dot per
// report, a 1200x675 PNG.
func BenchmarkRenderMostDots(b *testing.B) { benchmarkRender(b, mostDots()) }

// BenchmarkNewTimelineMostDots orders the dots of the largest timeline
// drawn one dot per report.
func BenchmarkNewTimelineMostDots(b *testing.B) {
	c := mostDots()
	for b.Loop() {
		newTimeline(c)
	}
}

package data

import "math"

// The counting rules add counts up in ints, which cannot overflow: the
// store bounds every count by MaxCount before it sums them, so n
// incidents add up to at most n × 10^7 and their figures (sums of
// per-group figures, each at most the sum of its event counts plus one
// largest total) to a small multiple of that, far below the 9.2 × 10^18 a
// 64-bit int holds for any number of incidents a database can hold. This
// constant stops the build where an int is smaller, so that the argument
// cannot silently fail.
const _ uint = math.MaxInt - math.MaxInt64

// Bucket is what the store's GROUP BY returns for one series, one group of
// people and one period: the sum of its event counts, the largest total or
// at-least count, and the largest estimate.
type Bucket struct {
	Code   string // area or channel code
	Group  Group  // whom the figures are about
	Period int    // PeriodKey.N
	Events int    // E: sum of event counts in the period
	Max    int    // largest total or at-least count in the period; 0 if none
	Est    int    // largest estimate in the period; 0 if none. Never counted
	Rows   int    // how many incidents the bucket holds
}

// running adds up the buckets of one series in the slots of periods: slot
// 0 is "before periods[0]", slot i the end of periods[i-1]. It returns E,
// the sum of event counts dated on or before each slot, and T, the largest
// total or at-least count dated on or before it. Buckets before the first
// period count towards every slot; buckets after the last are ignored.
func running(buckets []Bucket, periods []PeriodKey) (e, t []int) {
	e = make([]int, len(periods)+1)
	t = make([]int, len(periods)+1)
	if len(periods) == 0 {
		return e, t
	}
	first := periods[0].N
	for _, b := range buckets {
		i := max(b.Period-first+1, 0)
		if i > len(periods) {
			continue
		}
		e[i] += b.Events
		t[i] = max(t[i], b.Max)
	}
	for i := 1; i < len(e); i++ {
		e[i] += e[i-1]
		t[i] = max(t[i], t[i-1])
	}
	return e, t
}

// Cumulative applies the counting rule C(t) = max(E(t), T(t)) to the buckets
// of one series and one group: E(t) is the sum of event counts dated on or
// before t and T(t) the largest total or at-least count dated on or before
// t. It returns C at the end of the period before periods[0] followed by C
// at the end of each period. Buckets before the first period count towards
// every value; buckets after the last are ignored. Buckets must share
// periods' unit. Estimates never count.
func Cumulative(buckets []Bucket, periods []PeriodKey) []int {
	e, t := running(buckets, periods)
	for i := range e {
		e[i] = max(e[i], t[i])
	}
	return e
}

// Figure is the cumulative figure of one area (or of the region), as
// Cumulative returns them: C before the first period, then at the end of
// each period.
type Figure struct {
	// Total is the area's figure: the larger of its largest total about
	// every group and the sum of its groups' figures.
	Total []int
	// Groups holds the figure of each stated group that has records.
	Groups map[Group][]int
	// Unstated is the part of Total that no stated group accounts for.
	Unstated []int
	// events sums the event counts about no stated group; allTotal is the
	// largest total about every group. The region's rule needs both.
	events, allTotal []int
}

// AreaFigure applies the counting rules to the buckets of one area, every
// group of people together. Within one group, C = max(E, T). A total whose
// group is not stated may be about every group, so it is the area's
// all-groups total; event counts whose group is not stated are a group of
// their own. The area's figure is the larger of its largest all-groups
// total and the sum of its groups' figures. With no group stated anywhere
// this is C = max(E, T) over all the area's records.
func AreaFigure(buckets []Bucket, periods []PeriodKey) Figure {
	byGroup := map[Group][]Bucket{}
	for _, b := range buckets {
		byGroup[b.Group] = append(byGroup[b.Group], b)
	}
	f := Figure{Groups: map[Group][]int{}}
	f.events, f.allTotal = running(byGroup[GroupUnstated], periods)
	stated := make([]int, len(periods)+1)
	for g, bs := range byGroup {
		if g == GroupUnstated {
			continue
		}
		c := Cumulative(bs, periods)
		f.Groups[g] = c
		addTo(stated, c)
	}
	f.Total = make([]int, len(periods)+1)
	f.Unstated = make([]int, len(periods)+1)
	for i := range f.Total {
		f.Total[i] = max(f.allTotal[i], f.events[i]+stated[i])
		f.Unstated[i] = f.Total[i] - stated[i]
	}
	return f
}

// addingUp is the part of the figure that adds to other counts: the event
// counts whose group is not stated and the stated groups' figures, without
// the all-groups total that may already hold them.
func (f Figure) addingUp() []int {
	out := make([]int, len(f.Total))
	for i := range out {
		out[i] = f.events[i] + f.Total[i] - f.Unstated[i]
	}
	return out
}

// RegionFigure applies the regional rule group by group. A Central Asia
// figure covers several countries, so it already contains the countries'
// figures about the same group: the region's figure for a group is the
// larger of the sum of the countries' figures and the CA figure. The
// region's figure is the larger of CA's largest all-groups total and the
// sum of its groups' figures, the unstated part counting as one group
// (the larger of the countries' unstated parts and CA's own unstated
// event counts).
func RegionFigure(countries []Figure, ca Figure) Figure {
	n := len(ca.Total)
	r := Figure{Groups: map[Group][]int{}, Total: make([]int, n), Unstated: make([]int, n)}
	for _, c := range countries {
		for g := range c.Groups {
			r.Groups[g] = nil
		}
	}
	for g := range ca.Groups {
		r.Groups[g] = nil
	}
	stated := make([]int, n)
	for g := range r.Groups {
		sum := make([]int, n)
		for _, c := range countries {
			addTo(sum, c.Groups[g])
		}
		for i := range sum {
			if ca.Groups[g] != nil {
				sum[i] = max(sum[i], ca.Groups[g][i])
			}
		}
		r.Groups[g] = sum
		addTo(stated, sum)
	}
	unstated := make([]int, n)
	for _, c := range countries {
		addTo(unstated, c.Unstated)
	}
	for i := range r.Total {
		r.Total[i] = max(ca.allTotal[i], stated[i]+max(unstated[i], ca.events[i]))
		r.Unstated[i] = r.Total[i] - stated[i]
	}
	return r
}

// addTo adds v to sum element by element; a nil v adds nothing.
func addTo(sum, v []int) {
	for i := range v {
		sum[i] += v[i]
	}
}

// PerPeriod turns cumulative values as returned by Cumulative (C before the
// first period, then C at the end of each period) into the value of each
// period: C(end of the period) - C(end of the previous period).
func PerPeriod(cum []int) []int {
	if len(cum) == 0 {
		return nil
	}
	out := make([]int, len(cum)-1)
	for i := range out {
		out[i] = cum[i+1] - cum[i]
	}
	return out
}

// Rises splits the per-period changes of cumulative values into rises and
// falls, both zero or more: PerPeriod(cum) = up - down. Confirmed figures
// never fall; a part that no country or group accounts for falls when a
// country's or a group's new figure was already inside it.
func Rises(cum []int) (up, down []int) {
	up = PerPeriod(cum)
	down = make([]int, len(up))
	for i, v := range up {
		if v < 0 {
			up[i], down[i] = 0, -v
		}
	}
	return up, down
}

// Values returns the series values to plot from cumulative values: the
// figures at the end of each period when cumulative, else the per-period
// differences.
func Values(cum []int, cumulative bool) []int {
	if cumulative {
		return append([]int(nil), cum[1:]...)
	}
	return PerPeriod(cum)
}

package data

// Bucket is what the store's GROUP BY returns for one series in one period:
// the sum of its event counts and the largest total or at-least count.
type Bucket struct {
	Code   string // area or channel code
	Period int    // PeriodKey.N
	Events int    // E: sum of event counts in the period
	Max    int    // largest total or at_least count in the period; 0 if none
	Rows   int    // how many incidents the bucket holds
}

// Cumulative applies the counting rule C(t) = max(E(t), T(t)) to the buckets
// of one series: E(t) is the sum of event counts dated on or before t and
// T(t) the largest total or at-least count dated on or before t. It returns
// C at the end of the period before periods[0] followed by C at the end of
// each period. Buckets before the first period count towards every value;
// buckets after the last are ignored. Buckets must share periods' unit.
func Cumulative(buckets []Bucket, periods []PeriodKey) []int {
	out := make([]int, len(periods)+1)
	if len(periods) == 0 {
		return out
	}
	first := periods[0].N
	e := make([]int, len(periods)+1) // events in each slot; slot 0 is "before"
	t := make([]int, len(periods)+1)
	for _, b := range buckets {
		i := b.Period - first + 1
		if i < 0 {
			i = 0
		}
		if i > len(periods) {
			continue
		}
		e[i] += b.Events
		t[i] = max(t[i], b.Max)
	}
	var sumE, maxT int
	for i := range out {
		sumE += e[i]
		maxT = max(maxT, t[i])
		out[i] = max(sumE, maxT)
	}
	return out
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

// Region applies the regional rule to cumulative country figures and the
// cumulative CA figure (all as returned by Cumulative): the region's total
// is max(sum of the country figures, the CA figure), because a CA figure
// already contains the country figures. The unattributed part is the
// region's total minus the sum of the country figures; it is never split
// between countries.
func Region(countries [][]int, ca []int) (region, unattributed []int) {
	region = make([]int, len(ca))
	unattributed = make([]int, len(ca))
	for i := range ca {
		sum := 0
		for _, c := range countries {
			sum += c[i]
		}
		region[i] = max(sum, ca[i])
		unattributed[i] = region[i] - sum
	}
	return region, unattributed
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

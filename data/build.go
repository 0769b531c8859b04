package data

import "sort"

// AreaSeries builds the deaths or prosecutions series from buckets keyed by
// area code. It needs the buckets of every country, selected or not: when
// the filter selects CA, the unattributed part of the CA figures is the
// region's total minus all five countries' figures, since a CA figure
// covers all of them. Cumulative charts also get the REGION total.
func AreaSeries(f Filter, periods []PeriodKey, buckets []Bucket) []Series {
	by := groupByCode(buckets)
	var out []Series
	cums := make([][]int, 0, len(Countries))
	for _, a := range Countries {
		cum := Cumulative(by[string(a)], periods)
		cums = append(cums, cum)
		if f.Has(a) {
			out = append(out, Series{Code: string(a), Label: a.Name(), Values: Values(cum, f.Cumulative)})
		}
	}
	if !f.Has(CA) {
		return out
	}
	region, unattributed := Region(cums, Cumulative(by[string(CA)], periods))
	if allZero(unattributed) {
		return out
	}
	out = append(out, Series{Code: UnattributedCode, Label: "Central Asia, not attributed to a country",
		Values: Values(unattributed, f.Cumulative)})
	if f.Cumulative {
		out = append(out, Series{Code: RegionCode, Label: "Central Asia total", Values: Values(region, true)})
	}
	return out
}

// ChannelSeries builds the recruitment series from buckets keyed by channel
// code: known channels in their fixed order, then others by code.
func ChannelSeries(f Filter, periods []PeriodKey, buckets []Bucket) []Series {
	by := groupByCode(buckets)
	codes := make([]string, 0, len(by))
	for c := range by {
		codes = append(codes, c)
	}
	order := func(c string) int {
		for i, ci := range Channels {
			if string(ci.Code) == c {
				return i
			}
		}
		return len(Channels)
	}
	sort.Slice(codes, func(i, j int) bool {
		oi, oj := order(codes[i]), order(codes[j])
		if oi != oj {
			return oi < oj
		}
		return codes[i] < codes[j]
	})
	var out []Series
	for _, c := range codes {
		vals := Values(Cumulative(by[c], periods), f.Cumulative)
		if allZero(vals) {
			continue
		}
		out = append(out, Series{Code: c, Label: Channel(c).Label(), Values: vals})
	}
	return out
}

func groupByCode(buckets []Bucket) map[string][]Bucket {
	by := make(map[string][]Bucket)
	for _, b := range buckets {
		by[b.Code] = append(by[b.Code], b)
	}
	return by
}

func allZero(v []int) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

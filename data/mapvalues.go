package data

// MapValues returns what a map of deaths or cases shows, from c, the
// cumulative chart of that family by area and per month that starts at
// the first record (its filter selecting the five countries and CA): for
// each country, then for all of Central Asia (RegionCode) and for the
// part of it that no country accounts for (UnattributedCode), the rise of
// the confirmed minimum over the months from through c's last: its last
// value less its value at the end of month from-1, or its last value when
// from is at or before c's first month. The counting rules are those of
// the chart; a map only reads them at two dates. The region's figure is
// the sum of the countries' when the chart has no region of its own (no
// CA figure exceeds them), and the unattributed part is then zero. Over
// dates that start after a regional figure, the unattributed part is
// negative when the countries' new figures were already inside it.
func MapValues(c *Chart, from int) []MapValue {
	n := len(c.Periods)
	rise := func(v []int) int {
		if n == 0 || len(v) < n {
			return 0
		}
		last := v[n-1]
		i := from - 1 - c.Periods[0].FirstMonth()
		switch {
		case i < 0:
			return last
		case i >= n:
			return 0
		}
		return last - v[i]
	}
	byCode := map[string]int{}
	has := map[string]bool{}
	for _, s := range c.Series {
		byCode[s.Code], has[s.Code] = rise(s.Values), true
	}
	out := make([]MapValue, 0, len(Countries)+2)
	sum := 0
	for _, a := range Countries {
		out = append(out, MapValue{Code: string(a), Label: a.Name(), Value: byCode[string(a)]})
		sum += byCode[string(a)]
	}
	region := sum
	if has[RegionCode] {
		region = byCode[RegionCode]
	}
	return append(out,
		MapValue{Code: RegionCode, Label: "Central Asia total", Value: region},
		MapValue{Code: UnattributedCode, Label: "Central Asia, not attributed to a country", Value: byCode[UnattributedCode]})
}

// ReportValues counts the recruitment reports of cells (as the timeline
// counts them, by month, channel and area) for a map: one value for each
// country, then for CA (reports about several countries) and RU (Russian
// measures that concern every country).
func ReportValues(cells []Cell) []MapValue {
	per := map[Area]int{}
	for _, c := range cells {
		per[c.Area] += c.Reports
	}
	var out []MapValue
	for _, a := range append(append([]Area{}, Countries...), CA, RU) {
		out = append(out, MapValue{Code: string(a), Label: a.Name(), Value: per[a]})
	}
	return out
}

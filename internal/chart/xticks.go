package chart

import (
	"sort"
	"strconv"

	"catracker/data"
	"catracker/i18n"
)

// xLabel is one date label under the plot.
type xLabel struct {
	text string
	// tier 0 is the first row (months, quarters, or years when only years
	// are labelled); tier 1 the row of years under months or quarters.
	tier        int
	left, right float64 // the label's measured box
}

// dateAxis is the labelled x axis of consecutive periods.
type dateAxis struct {
	labels []xLabel
	marks  []float64 // x of short tick marks
	bounds []float64 // x of year boundaries: long tick marks and faint gridlines
	tiers  int
}

// labelOver reports whether a label in row tier spans the x position x.
func (a dateAxis) labelOver(x float64, tier int) bool {
	for _, l := range a.labels {
		if l.tier == tier && l.left < x && x < l.right {
			return true
		}
	}
	return false
}

// slotAxis maps period i to the slot from left+i*width to left+(i+1)*width.
type slotAxis struct {
	left, width float64
}

func (s slotAxis) start(i int) float64  { return s.left + float64(i)*s.width }
func (s slotAxis) centre(i int) float64 { return s.left + (float64(i)+0.5)*s.width }

// yearSpan is the run of periods i0..i1 that fall in one year.
type yearSpan struct{ year, i0, i1 int }

// candidate is one way of labelling the axis: required labels must all fit
// without overlapping; optional ones (partial years at the ends) are kept
// where they fit.
type candidate struct {
	required, optional []xLabel
	marks, bounds      []float64
	tiers              int
}

// layoutDateAxis labels consecutive periods shown in slots from left to
// right so that no two labels overlap: every month (quarter) if there is
// room, else every 2nd, 3rd or 6th month (2nd quarter) with the years in a
// second row, else every 1st, 2nd, 5th, 10th, ... year. Labels stay within
// minX..maxX. Month and quarter names are in language l.
func layoutDateAxis(periods []data.PeriodKey, left, right float64, t textStyle, l i18n.Language, minX, maxX float64) dateAxis {
	if len(periods) == 0 {
		return dateAxis{}
	}
	ax := slotAxis{left: left, width: (right - left) / float64(len(periods))}
	spans := yearSpans(periods)
	gap := t.size * 0.8
	cands := subYearCandidates(periods, spans, ax, t, l)
	cands = append(cands, yearCandidates(periods, spans, ax, t)...)
	for _, c := range cands {
		if labels, ok := place(c, gap, minX, maxX); ok {
			return dateAxis{labels: labels, marks: c.marks, bounds: c.bounds, tiers: c.tiers}
		}
	}
	last := cands[len(cands)-1]
	last.optional = append(last.required, last.optional...)
	last.required = nil
	labels, _ := place(last, gap, minX, maxX)
	return dateAxis{labels: labels, marks: last.marks, bounds: last.bounds, tiers: last.tiers}
}

// place clamps the labels into minX..maxX and accepts the required ones
// (failing if any two overlap) and then the optional ones that fit.
func place(c candidate, gap, minX, maxX float64) ([]xLabel, bool) {
	var out []xLabel
	fits := func(l xLabel) bool {
		for _, o := range out {
			if o.tier == l.tier && l.left < o.right+gap && o.left < l.right+gap {
				return false
			}
		}
		return true
	}
	for _, l := range c.required {
		l, ok := clamp(l, minX, maxX)
		if !ok || !fits(l) {
			return nil, false
		}
		out = append(out, l)
	}
	for _, l := range c.optional {
		if l, ok := clamp(l, minX, maxX); ok && fits(l) {
			out = append(out, l)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].left < out[j].left })
	return out, true
}

// clamp shifts a label inside minX..maxX; it fails if it is wider.
func clamp(l xLabel, minX, maxX float64) (xLabel, bool) {
	if l.right-l.left > maxX-minX {
		return l, false
	}
	if d := minX - l.left; d > 0 {
		l.left, l.right = l.left+d, l.right+d
	}
	if d := l.right - maxX; d > 0 {
		l.left, l.right = l.left-d, l.right-d
	}
	return l, true
}

func yearSpans(periods []data.PeriodKey) []yearSpan {
	var spans []yearSpan
	for i, p := range periods {
		y := p.FirstMonth() / 12
		if n := len(spans); n > 0 && spans[n-1].year == y {
			spans[n-1].i1 = i
			continue
		}
		spans = append(spans, yearSpan{year: y, i0: i, i1: i})
	}
	return spans
}

// centred returns a label of text centred on x.
func centred(t textStyle, text string, x float64, tier int) xLabel {
	w := t.width(text)
	return xLabel{text: text, tier: tier, left: x - w/2, right: x + w/2}
}

// subYearCandidates label months or quarters every k periods, with years
// centred under their periods in a second row.
func subYearCandidates(periods []data.PeriodKey, spans []yearSpan, ax slotAxis, t textStyle, l i18n.Language) []candidate {
	unit := periods[0].Unit
	var steps []int
	switch unit {
	case data.PerMonth:
		steps = []int{1, 2, 3, 6}
	case data.PerQuarter:
		steps = []int{1, 2}
	}
	perYear := 12 / unit.Months()
	var out []candidate
	for _, k := range steps {
		var c candidate
		c.tiers = 2
		for i, p := range periods {
			idx := p.FirstMonth() % 12 / unit.Months()
			if idx%k != 0 {
				continue
			}
			text := l.MonthAbbr(idx)
			if unit == data.PerQuarter {
				text = l.Quarter(idx + 1)
			}
			c.required = append(c.required, centred(t, text, ax.centre(i), 0))
			c.marks = append(c.marks, ax.centre(i))
		}
		for _, s := range spans {
			l := centred(t, strconv.Itoa(s.year), (ax.start(s.i0)+ax.start(s.i1+1))/2, 1)
			if s.i1-s.i0+1 == perYear {
				c.required = append(c.required, l)
			} else {
				c.optional = append(c.optional, l)
			}
			if s.i0 > 0 {
				c.bounds = append(c.bounds, ax.start(s.i0))
			}
		}
		out = append(out, c)
	}
	return out
}

// yearCandidates label every y-th year: centred under its periods when
// y is 1, else at the start of the year.
func yearCandidates(periods []data.PeriodKey, spans []yearSpan, ax slotAxis, t textStyle) []candidate {
	unit := periods[0].Unit
	perYear := 12 / unit.Months()
	var out []candidate
	for y := 1; y <= 1000; y = nextStep(y) {
		c := candidate{tiers: 1}
		for _, s := range spans {
			if s.year%y != 0 {
				continue
			}
			text := strconv.Itoa(s.year)
			switch {
			case unit == data.PerYear:
				c.required = append(c.required, centred(t, text, ax.centre(s.i0), 0))
				c.marks = append(c.marks, ax.centre(s.i0))
			case y == 1:
				l := centred(t, text, (ax.start(s.i0)+ax.start(s.i1+1))/2, 0)
				if s.i1-s.i0+1 == perYear {
					c.required = append(c.required, l)
				} else {
					c.optional = append(c.optional, l)
				}
			case periods[s.i0].FirstMonth()%12 == 0:
				c.required = append(c.required, centred(t, text, ax.start(s.i0), 0))
				c.marks = append(c.marks, ax.start(s.i0))
			}
		}
		if unit != data.PerYear && y == 1 {
			for _, s := range spans[1:] {
				c.bounds = append(c.bounds, ax.start(s.i0))
			}
		}
		out = append(out, c)
	}
	return out
}

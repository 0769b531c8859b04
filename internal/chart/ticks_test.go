package chart

import (
	"fmt"
	"strconv"
	"testing"

	"catracker/data"
	"catracker/i18n"
)

func isRoundStep(step int) bool {
	for step >= 10 && step%10 == 0 {
		step /= 10
	}
	return step == 1 || step == 2 || step == 5
}

func TestYTicksAreRoundFromZero(t *testing.T) {
	for _, hi := range []int{0, 1, 3, 7, 10, 14, 99, 250, 1234, 1e6} {
		for _, maxTicks := range []int{2, 3, 5, 6, 9} {
			t.Run(fmt.Sprintf("max%d/ticks%d", hi, maxTicks), func(t *testing.T) {
				ticks := yTicks(0, hi, maxTicks)
				if ticks[0] != 0 {
					t.Fatalf("first tick %d, want 0: %v", ticks[0], ticks)
				}
				if len(ticks) < 2 || len(ticks) > maxTicks {
					t.Fatalf("%d ticks, want 2..%d: %v", len(ticks), maxTicks, ticks)
				}
				step := ticks[1] - ticks[0]
				if step < 1 || !isRoundStep(step) {
					t.Fatalf("step %d is not 1, 2 or 5 times a power of ten: %v", step, ticks)
				}
				for i := 1; i < len(ticks); i++ {
					if ticks[i]-ticks[i-1] != step {
						t.Fatalf("uneven ticks %v", ticks)
					}
				}
				if last := ticks[len(ticks)-1]; last < hi || last-step >= max(hi, 1) {
					t.Fatalf("last tick %d does not just cover %d: %v", last, hi, ticks)
				}
			})
		}
	}
}

func TestYTicksCoverNegativeValuesAndZero(t *testing.T) {
	for _, tc := range []struct{ lo, hi int }{{-3, 20}, {-7, 0}, {-120, 35}} {
		ticks := yTicks(tc.lo, tc.hi, 7)
		first, last := ticks[0], ticks[len(ticks)-1]
		if first > tc.lo || last < tc.hi {
			t.Errorf("yTicks(%d, %d) = %v does not cover the values", tc.lo, tc.hi, ticks)
		}
		if !containsInt(ticks, 0) {
			t.Errorf("yTicks(%d, %d) = %v has no zero", tc.lo, tc.hi, ticks)
		}
	}
}

func containsInt(vs []int, v int) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

func TestDateLabelsNeverOverlap(t *testing.T) {
	for _, unit := range data.Periods {
		for _, n := range []int{1, 2, 12, 13, 24, 33, 48, 60, 100, 150, 250, 400} {
			periods := data.PeriodRange(unit, month(2010, 5), month(2010, 5)+(n-1)*unit.Months())
			for w := 600; w <= 4000; w += 175 {
				fr, err := newFrame(testOptions(w, w*9/16), false)
				if err != nil {
					t.Fatal(err)
				}
				st := newStyles(mustFaces(t), fr.text, 1)
				left, right := 0.12*float64(w), 0.96*float64(w)
				for _, l := range i18n.Languages {
					ax := layoutDateAxis(periods, left, right, st.tick, l, 0.02*float64(w), 0.98*float64(w))
					name := fmt.Sprintf("%s/%s/%d periods/%dpx", l, unit, n, w)
					checkDateAxis(t, name, ax, st.tick, 0.02*float64(w), 0.98*float64(w))
				}
			}
		}
	}
}

func checkDateAxis(t *testing.T, name string, ax dateAxis, ts textStyle, minX, maxX float64) {
	t.Helper()
	if len(ax.labels) == 0 {
		t.Errorf("%s: no labels", name)
		return
	}
	year := false
	last := map[int]xLabel{}
	for _, l := range ax.labels { // sorted by left edge
		if w := ts.width(l.text); l.right-l.left < w-0.01 {
			t.Errorf("%s: box of %q is %.1f wide, the text %.1f", name, l.text, l.right-l.left, w)
		}
		if l.left < minX-0.01 || l.right > maxX+0.01 {
			t.Errorf("%s: %q at %.1f..%.1f is outside %.1f..%.1f", name, l.text, l.left, l.right, minX, maxX)
		}
		if prev, ok := last[l.tier]; ok && prev.right > l.left {
			t.Errorf("%s: %q (%.1f..%.1f) overlaps %q (%.1f..%.1f)", name, prev.text, prev.left, prev.right, l.text, l.left, l.right)
		}
		last[l.tier] = l
		if _, err := strconv.Atoi(l.text); err == nil {
			year = true
		}
	}
	if !year {
		t.Errorf("%s: no year labelled: %v", name, ax.labels)
	}
}

func TestDateLabelsThinOut(t *testing.T) {
	fr, err := newFrame(testOptions(1200, 675), false)
	if err != nil {
		t.Fatal(err)
	}
	st := newStyles(mustFaces(t), fr.text, 1)
	periods := data.PeriodRange(data.PerMonth, month(2022, 1), month(2022, 12))
	wide := layoutDateAxis(periods, 100, 1100, st.tick, i18n.English, 0, 1200)
	if got := len(wide.labels); got != 13 { // 12 months and the year
		t.Errorf("12 months over 1000 px: %d labels, want 13: %v", got, wide.labels)
	}
	many := data.PeriodRange(data.PerMonth, month(1990, 1), month(2024, 12))
	narrow := layoutDateAxis(many, 100, 1100, st.tick, i18n.English, 0, 1200)
	if narrow.tiers != 1 || len(narrow.labels) > 35 {
		t.Errorf("35 years over 1000 px: %d tiers, %d labels; want years only", narrow.tiers, len(narrow.labels))
	}
}

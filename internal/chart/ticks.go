package chart

// yTicks returns at most maxTicks (at least 2) evenly spaced integer ticks
// that cover lo..hi and 0. The step is 1, 2 or 5 times a power of ten and
// never less than 1, so there is never a tick like 2.5 people; the first
// tick is 0 unless lo is negative.
func yTicks(lo, hi, maxTicks int) []int {
	lo, hi = min(lo, 0), max(hi, 0)
	if hi == lo {
		hi = lo + 1
	}
	maxTicks = max(maxTicks, 2)
	step := 1
	for {
		first, last := -ceilDiv(-lo, step)*step, ceilDiv(hi, step)*step
		if n := (last-first)/step + 1; n <= maxTicks {
			ticks := make([]int, 0, n)
			for v := first; v <= last; v += step {
				ticks = append(ticks, v)
			}
			return ticks
		}
		step = nextStep(step)
	}
}

// nextStep returns the round step after step: 1, 2, 5, 10, 20, 50, ...
func nextStep(step int) int {
	m := step
	for m >= 10 {
		m /= 10
	}
	if m == 2 {
		return step / 2 * 5
	}
	return step * 2
}

// ceilDiv divides a non-negative a by a positive b, rounding up.
func ceilDiv(a, b int) int { return (a + b - 1) / b }

package chart

import (
	"fmt"
	"testing"
)

func TestStackSegmentsSumToTotals(t *testing.T) {
	for i, values := range [][][]int{
		{{4, 0, 6}},
		{{1, 2, 3}, {4, 5, 6}, {0, 0, 1}},
		{{2, 0, 5}, {-3, 1, 0}, {20, 0, -2}},
		{{0, 0}, {0, 0}},
		{{1}, {2, 3}}, // a short layer
	} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			segs := stack(values)
			n := 0
			for _, vs := range values {
				n = max(n, len(vs))
			}
			for p := range n {
				total, sum := 0, 0
				up, down := 0, 0
				for l, vs := range values {
					if p >= len(vs) {
						continue
					}
					v, s := vs[p], segs[l][p]
					total += v
					sum += s.hi - s.lo
					if s.hi-s.lo != v {
						t.Errorf("layer %d period %d: segment %v, want height %d", l, p, s, v)
					}
					switch { // layers pile up from 0 without gaps or overlaps
					case v > 0:
						if s.lo != up {
							t.Errorf("layer %d period %d: starts at %d, want %d", l, p, s.lo, up)
						}
						up = s.hi
					case v < 0:
						if s.lo != down {
							t.Errorf("layer %d period %d: starts at %d, want %d", l, p, s.lo, down)
						}
						down = s.hi
					}
				}
				if sum != total {
					t.Errorf("period %d: segments sum to %d, want %d", p, sum, total)
				}
			}
		})
	}
}

func TestPackKeepsDotsInTheirCell(t *testing.T) {
	for _, k := range []int{1, 2, 3, 7, 40} {
		offs := pack(k, 20, 30, 9)
		seen := map[[2]float64]bool{}
		for _, o := range offs {
			if o[0] < -10 || o[0] > 10 || o[1] < -15 || o[1] > 15 {
				t.Errorf("pack(%d): offset %v leaves the 20x30 cell", k, o)
			}
			if seen[o] {
				t.Errorf("pack(%d): two dots at %v", k, o)
			}
			seen[o] = true
		}
	}
	if offs := pack(2, 40, 30, 9); offs[0][1] != offs[1][1] {
		t.Errorf("two dots in a wide cell should sit side by side: %v", offs)
	}
}

package chart

import (
	"math"
	"sort"
)

// pt is a point in output pixels.
type pt struct{ x, y float64 }

// clipRing cuts a closed ring to the rectangle r (Sutherland-Hodgman
// against each side). What is left may run along r's edges.
func clipRing(ring []pt, r rect) []pt {
	type side struct {
		in  func(pt) bool
		cut func(a, b pt) pt
	}
	atX := func(x float64) func(a, b pt) pt {
		return func(a, b pt) pt { return pt{x, a.y + (b.y-a.y)*(x-a.x)/(b.x-a.x)} }
	}
	atY := func(y float64) func(a, b pt) pt {
		return func(a, b pt) pt { return pt{a.x + (b.x-a.x)*(y-a.y)/(b.y-a.y), y} }
	}
	for _, s := range []side{
		{func(p pt) bool { return p.x >= r.left }, atX(r.left)},
		{func(p pt) bool { return p.x <= r.right }, atX(r.right)},
		{func(p pt) bool { return p.y >= r.top }, atY(r.top)},
		{func(p pt) bool { return p.y <= r.bottom }, atY(r.bottom)},
	} {
		if len(ring) == 0 {
			return nil
		}
		var out []pt
		prev := ring[len(ring)-1]
		for _, p := range ring {
			switch in, prevIn := s.in(p), s.in(prev); {
			case in && !prevIn:
				out = append(out, s.cut(prev, p), p)
			case in:
				out = append(out, p)
			case prevIn:
				out = append(out, s.cut(prev, p))
			}
			prev = p
		}
		ring = out
	}
	if len(ring) < 3 {
		return nil
	}
	return ring
}

// inside reports whether p lies inside the rings by the even-odd rule,
// so that holes are outside.
func inside(rings [][]pt, p pt) bool {
	in := false
	for _, ring := range rings {
		for i := range ring {
			a, b := ring[i], ring[(i+1)%len(ring)]
			if (a.y > p.y) != (b.y > p.y) && p.x < a.x+(p.y-a.y)*(b.x-a.x)/(b.y-a.y) {
				in = !in
			}
		}
	}
	return in
}

// segmentHitsRect reports whether the segment a-b meets the rectangle r.
func segmentHitsRect(a, b pt, r rect) bool { return r.crosses(segment2{a.x, a.y, b.x, b.y}) }

// edgesHit reports whether any edge of the rings meets r.
func edgesHit(rings [][]pt, r rect) bool {
	for _, ring := range rings {
		for i := range ring {
			if segmentHitsRect(ring[i], ring[(i+1)%len(ring)], r) {
				return true
			}
		}
	}
	return false
}

// boxInside reports whether the rectangle r lies wholly inside the rings.
func boxInside(rings [][]pt, r rect) bool {
	return inside(rings, pt{r.left, r.top}) && !edgesHit(rings, r)
}

// touches reports whether the rectangle r overlaps the area of the rings
// at all.
func touches(rings [][]pt, r rect) bool {
	return edgesHit(rings, r) || inside(rings, pt{r.left, r.top})
}

// boxAround returns the rectangle w by h centred on c.
func boxAround(c pt, w, h float64) rect { return rect{c.x - w/2, c.y - h/2, c.x + w/2, c.y + h/2} }

// bounds is the smallest rectangle holding the rings.
func bounds(rings [][]pt) rect {
	b := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, ring := range rings {
		for _, p := range ring {
			b = rect{min(b.left, p.x), min(b.top, p.y), max(b.right, p.x), max(b.bottom, p.y)}
		}
	}
	return b
}

// edgeDistance is the distance from p to the nearest edge of the rings.
func edgeDistance(rings [][]pt, p pt) float64 {
	best := math.Inf(1)
	for _, ring := range rings {
		for i := range ring {
			a, b := ring[i], ring[(i+1)%len(ring)]
			dx, dy := b.x-a.x, b.y-a.y
			t := 0.0
			if l2 := dx*dx + dy*dy; l2 > 0 {
				t = max(0, min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/l2))
			}
			best = min(best, math.Hypot(p.x-a.x-t*dx, p.y-a.y-t*dy))
		}
	}
	return best
}

// gridPoints are the points of a grid of about n by n over r that lie
// inside the rings, each with its distance to the nearest edge, the
// farthest from an edge first.
func gridPoints(rings [][]pt, r rect, n int) []spot {
	var out []spot
	step := max(r.width(), r.height()) / float64(n)
	if step <= 0 {
		return nil
	}
	for y := r.top + step/2; y < r.bottom; y += step {
		for x := r.left + step/2; x < r.right; x += step {
			p := pt{x, y}
			if inside(rings, p) {
				out = append(out, spot{p, edgeDistance(rings, p)})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].room > out[j].room })
	return out
}

// spot is a point inside a shape and its distance to the shape's edge.
type spot struct {
	p    pt
	room float64
}

// hatchSegments are the pieces, inside the rings, of the parallel lines
// x+y = k*step (rising to the right on screen), or horizontal lines y =
// k*step when flat.
func hatchSegments(rings [][]pt, step float64, flat bool) [][2]pt {
	u := func(p pt) float64 { return p.x + p.y }
	v := func(p pt) float64 { return p.x - p.y }
	back := func(u, v float64) pt { return pt{(u + v) / 2, (u - v) / 2} }
	if flat {
		u = func(p pt) float64 { return p.y }
		v = func(p pt) float64 { return p.x }
		back = func(u, v float64) pt { return pt{v, u} }
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, ring := range rings {
		for _, p := range ring {
			lo, hi = min(lo, u(p)), max(hi, u(p))
		}
	}
	var out [][2]pt
	for k := math.Ceil(lo/step) * step; k <= hi; k += step {
		var cuts []float64
		for _, ring := range rings {
			for i := range ring {
				a, b := ring[i], ring[(i+1)%len(ring)]
				ua, ub := u(a), u(b)
				if (ua <= k) == (ub <= k) {
					continue
				}
				t := (k - ua) / (ub - ua)
				cuts = append(cuts, v(a)+t*(v(b)-v(a)))
			}
		}
		sort.Float64s(cuts)
		for i := 0; i+1 < len(cuts); i += 2 {
			out = append(out, [2]pt{back(k, cuts[i]), back(k, cuts[i+1])})
		}
	}
	return out
}

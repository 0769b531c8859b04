//go:build ignore

// Mapgen makes assets/geo/atlas.json, the map of Central Asia the map chart
// draws, from Natural Earth's 1:50m countries (public domain) as the
// world-atlas 2.0.2 npm package publishes them (TopoJSON, ISC licence). It
// keeps the five Central Asian countries and every country that reaches
// into the region around them, simplifies each shared border once
// (Douglas-Peucker in the map's projection, to about a kilometre, finer
// than a pixel of a 3200-pixel-wide map), so that neighbours still meet,
// and cuts the outlines to the region.
//
// Usage, from the module root:
//
//	npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//	go run scripts/mapgen/main.go package/countries-50m.json > assets/geo/atlas.json
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"

	"catracker/assets/geo"
)

// The region kept, in degrees: wide enough for every shape of map the
// chart lays out around the five countries.
const (
	west, east   = 36.0, 100.0
	south, north = 25.0, 62.0
)

// tolerance is the largest distance, in kilometres, between a simplified
// border and the original.
const tolerance = 1.0

// codes are the ISO 3166-1 alpha-2 codes of the countries the chart names,
// by their ISO numeric id; other countries in the region are kept unnamed.
var codes = map[string]string{
	"398": "KZ", "417": "KG", "762": "TJ", "860": "UZ", "795": "TM",
	"643": "RU", "156": "CN", "004": "AF", "364": "IR", "496": "MN",
	"586": "PK", "356": "IN", "031": "AZ", "268": "GE", "051": "AM",
}

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]int `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type       string          `json:"type"`
				ID         string          `json:"id"`
				Arcs       json.RawMessage `json:"arcs"`
				Properties struct {
					Name string `json:"name"`
				} `json:"properties"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run scripts/mapgen/main.go countries-50m.json > assets/geo/atlas.json")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "mapgen:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	arcs := &arcSet{arcs: decodeArcs(&t), simplified: map[int][]geo.Point{}}
	atlas := geo.Atlas{Source: "Natural Earth 1:50m Admin 0 countries (public domain), " +
		"from world-atlas 2.0.2 countries-50m.json (ISC licence), cut and simplified by scripts/mapgen"}
	for _, g := range t.Objects.Countries.Geometries {
		polys, err := polygons(g.Type, g.Arcs)
		if err != nil {
			return fmt.Errorf("%s: %w", g.Properties.Name, err)
		}
		c := geo.Country{Code: codes[g.ID], Name: g.Properties.Name}
		for _, p := range polys {
			if poly := arcs.polygon(p); len(poly) > 0 {
				c.Polygons = append(c.Polygons, poly)
			}
		}
		if len(c.Polygons) == 0 {
			continue
		}
		if c.Code == "" {
			c.Code = "N" + g.ID // a neighbour the chart does not name
		}
		atlas.Countries = append(atlas.Countries, c)
	}
	out, err := geo.Encode(&atlas)
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(append(out, '\n'))
	return err
}

// polygons returns the polygons of a geometry, each a list of rings given
// as arc indexes; none for a geometry other than a Polygon or
// MultiPolygon.
func polygons(typ string, raw json.RawMessage) ([][][]int, error) {
	var polys [][][]int
	switch typ {
	case "Polygon":
		var p [][]int
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, err
		}
		polys = [][][]int{p}
	case "MultiPolygon":
		if err := json.Unmarshal(raw, &polys); err != nil {
			return nil, err
		}
	}
	return polys, nil
}

// arcSet holds the topology's arcs, simplifying each on first use.
type arcSet struct {
	arcs       [][]geo.Point
	simplified map[int][]geo.Point
}

// arc returns arc i simplified; a negative i is arc ^i reversed, as
// TopoJSON writes it.
func (a *arcSet) arc(i int) []geo.Point {
	k := i
	if k < 0 {
		k = ^k
	}
	s, ok := a.simplified[k]
	if !ok {
		s = simplify(a.arcs[k])
		a.simplified[k] = s
	}
	if i >= 0 {
		return s
	}
	r := make([]geo.Point, len(s))
	for j, p := range s {
		r[len(s)-1-j] = p
	}
	return r
}

// polygon builds a polygon from its rings of arcs, clipped to the region
// and oriented: the outer ring first, then its holes. A ring left with
// fewer than three points is dropped; an outer ring outside the region
// drops the whole polygon, holes and all.
func (a *arcSet) polygon(rings [][]int) geo.Polygon {
	var poly geo.Polygon
	for r, ringArcs := range rings {
		ring := clip(a.ring(ringArcs))
		if len(ring) < 3 {
			if r == 0 {
				break // the outer ring is outside the region: so are its holes
			}
			continue
		}
		orient(ring, r == 0)
		poly = append(poly, ring)
	}
	return poly
}

// ring joins the arcs of a ring, which share their end points.
func (a *arcSet) ring(arcs []int) []geo.Point {
	var ring []geo.Point
	for _, i := range arcs {
		pts := a.arc(i)
		if len(ring) > 0 {
			pts = pts[1:] // arcs share their end points
		}
		ring = append(ring, pts...)
	}
	return ring
}

// decodeArcs turns the quantised, delta-encoded arcs into degrees.
func decodeArcs(t *topology) [][]geo.Point {
	sc, tr := t.Transform.Scale, t.Transform.Translate
	out := make([][]geo.Point, len(t.Arcs))
	for i, a := range t.Arcs {
		x, y := 0, 0
		pts := make([]geo.Point, len(a))
		for j, d := range a {
			x, y = x+d[0], y+d[1]
			pts[j] = geo.Point{X: float64(x)*sc[0] + tr[0], Y: float64(y)*sc[1] + tr[1]}
		}
		out[i] = pts
	}
	return out
}

// simplify keeps the points of an arc that Douglas-Peucker keeps at the
// tolerance, measured in the map's projection; the ends always stay.
func simplify(pts []geo.Point) []geo.Point {
	if len(pts) < 3 {
		return pts
	}
	proj := make([]geo.Point, len(pts))
	for i, p := range pts {
		proj[i] = geo.Project(p)
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	var rec func(i, j int)
	rec = func(i, j int) {
		far, best := -1, tolerance
		for k := i + 1; k < j; k++ {
			if d := segDist(proj[k], proj[i], proj[j]); d > best {
				far, best = k, d
			}
		}
		if far >= 0 {
			keep[far] = true
			rec(i, far)
			rec(far, j)
		}
	}
	rec(0, len(pts)-1)
	var out []geo.Point
	for i, p := range pts {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// segDist is the distance from p to the segment a-b.
func segDist(p, a, b geo.Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = max(0, min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	}
	return math.Hypot(p.X-a.X-t*dx, p.Y-a.Y-t*dy)
}

// clip cuts a ring to the region (Sutherland-Hodgman against each side),
// dropping the closing point that repeats the first.
func clip(ring []geo.Point) []geo.Point {
	if n := len(ring); n > 1 && ring[0] == ring[n-1] {
		ring = ring[:n-1]
	}
	type side struct {
		inside func(geo.Point) bool
		cut    func(a, b geo.Point) geo.Point
	}
	atX := func(x float64) func(a, b geo.Point) geo.Point {
		return func(a, b geo.Point) geo.Point {
			return geo.Point{X: x, Y: a.Y + (b.Y-a.Y)*(x-a.X)/(b.X-a.X)}
		}
	}
	atY := func(y float64) func(a, b geo.Point) geo.Point {
		return func(a, b geo.Point) geo.Point {
			return geo.Point{X: a.X + (b.X-a.X)*(y-a.Y)/(b.Y-a.Y), Y: y}
		}
	}
	sides := []side{
		{func(p geo.Point) bool { return p.X >= west }, atX(west)},
		{func(p geo.Point) bool { return p.X <= east }, atX(east)},
		{func(p geo.Point) bool { return p.Y >= south }, atY(south)},
		{func(p geo.Point) bool { return p.Y <= north }, atY(north)},
	}
	for _, s := range sides {
		if len(ring) == 0 {
			return nil
		}
		var out []geo.Point
		prev := ring[len(ring)-1]
		for _, p := range ring {
			switch in, prevIn := s.inside(p), s.inside(prev); {
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
	return ring
}

// orient turns a ring counter-clockwise in the projection (x east, y
// north) if outer, clockwise if a hole.
func orient(ring []geo.Point, outer bool) {
	area := 0.0
	for i, p := range ring {
		a, b := geo.Project(p), geo.Project(ring[(i+1)%len(ring)])
		area += a.X*b.Y - b.X*a.Y
	}
	if (area > 0) != outer {
		for i, j := 0, len(ring)-1; i < j; i, j = i+1, j-1 {
			ring[i], ring[j] = ring[j], ring[i]
		}
	}
}

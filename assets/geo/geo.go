// Package geo holds the map of Central Asia that the map chart draws: the
// outlines of the five countries and of their neighbours, from Natural
// Earth's 1:50m countries (public domain) as the world-atlas 2.0.2 package
// publishes them, cut to the region and simplified (scripts/mapgen makes
// atlas.json), and the Lambert conformal conic projection the map is drawn
// in.
package geo

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sync"
)

// Point is a position: longitude and latitude in degrees in the atlas, or
// kilometres east and north of the projection's origin once projected.
type Point struct{ X, Y float64 }

// Polygon is an outer ring and the rings of its holes, each ring closed
// implicitly (its last point joins its first). Once projected, outer rings
// run counter-clockwise (x east, y north) and holes clockwise, so that
// either fill rule leaves the holes empty.
type Polygon [][]Point

// Country is one country's outline.
type Country struct {
	// Code is the ISO 3166-1 alpha-2 code: KZ, KG, TJ, UZ and TM for
	// Central Asia, RU, CN, AF, ... for neighbours.
	Code string `json:"code"`
	// Name is the country's English name in Natural Earth.
	Name string `json:"name"`
	// Polygons are the country's parts, in degrees.
	Polygons []Polygon `json:"-"`
	// Rings holds Polygons as the file stores them: each ring as a flat
	// list of longitude and latitude in hundredths of a degree.
	Rings [][][]int `json:"polygons"`
}

// Atlas is the embedded map.
type Atlas struct {
	// Source names where the outlines come from.
	Source string `json:"source"`
	// Countries are the five Central Asian countries and their neighbours.
	Countries []Country `json:"countries"`
}

// Country returns the country with the given code, or nil.
func (a *Atlas) Country(code string) *Country {
	for i := range a.Countries {
		if a.Countries[i].Code == code {
			return &a.Countries[i]
		}
	}
	return nil
}

//go:embed atlas.json
var atlasJSON []byte

var (
	loadOnce sync.Once
	loaded   *Atlas
	loadErr  error
)

// Load returns the embedded atlas, decoded once; callers must not change
// it.
func Load() (*Atlas, error) {
	loadOnce.Do(func() { loaded, loadErr = Decode(atlasJSON) })
	return loaded, loadErr
}

// Decode reads an atlas file as scripts/mapgen writes it.
func Decode(b []byte) (*Atlas, error) {
	var a Atlas
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("read map outlines: %w", err)
	}
	for i := range a.Countries {
		c := &a.Countries[i]
		for _, rings := range c.Rings {
			var poly Polygon
			for _, flat := range rings {
				if len(flat)%2 != 0 || len(flat) < 6 {
					return nil, fmt.Errorf("read map outlines: a ring of %s has %d numbers, not pairs of at least three points", c.Code, len(flat))
				}
				ring := make([]Point, len(flat)/2)
				for k := range ring {
					ring[k] = Point{float64(flat[2*k]) / 100, float64(flat[2*k+1]) / 100}
				}
				poly = append(poly, ring)
			}
			c.Polygons = append(c.Polygons, poly)
		}
		c.Rings = nil
	}
	return &a, nil
}

// Encode writes the atlas in the form Decode reads, its points rounded to
// hundredths of a degree (about a kilometre).
func Encode(a *Atlas) ([]byte, error) {
	out := Atlas{Source: a.Source}
	for _, c := range a.Countries {
		c.Rings = nil
		for _, poly := range c.Polygons {
			var rings [][]int
			for _, ring := range poly {
				flat := make([]int, 0, 2*len(ring))
				for _, p := range ring {
					flat = append(flat, int(math.Round(p.X*100)), int(math.Round(p.Y*100)))
				}
				rings = append(rings, flat)
			}
			c.Rings = append(c.Rings, rings)
		}
		c.Polygons = nil
		out.Countries = append(out.Countries, c)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("write map outlines: %w", err)
	}
	return b, nil
}

// The Lambert conformal conic projection of the map, on a sphere: standard
// parallels 38°N and 50°N, which bound most of the region, so that shapes
// keep their angles and areas stay within a few per cent of true across
// it; the central meridian is 67°E and the origin at 44°N.
const (
	earthRadius = 6371.0 // km
	parallel1   = 38.0
	parallel2   = 50.0
	originLat   = 44.0
	centralLon  = 67.0
)

var cone = func() (c struct{ n, f, rho0 float64 }) {
	rad := math.Pi / 180
	t := func(lat float64) float64 { return math.Tan(math.Pi/4 + lat*rad/2) }
	p1, p2 := parallel1*rad, parallel2*rad
	c.n = math.Log(math.Cos(p1)/math.Cos(p2)) / math.Log(t(parallel2)/t(parallel1))
	c.f = math.Cos(p1) * math.Pow(t(parallel1), c.n) / c.n
	c.rho0 = earthRadius * c.f / math.Pow(t(originLat), c.n)
	return c
}()

// Project returns the map position of a longitude and latitude in
// degrees, in kilometres east and north of 67°E 44°N.
func Project(p Point) Point {
	rad := math.Pi / 180
	rho := earthRadius * cone.f / math.Pow(math.Tan(math.Pi/4+p.Y*rad/2), cone.n)
	theta := cone.n * (p.X - centralLon) * rad
	return Point{rho * math.Sin(theta), cone.rho0 - rho*math.Cos(theta)}
}

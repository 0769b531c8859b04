package geo

import (
	"math"
	"testing"
)

// inside reports whether p (projected) lies in the polygon (projected),
// counting holes, by the even-odd rule.
func inside(p Point, poly Polygon) bool {
	in := false
	for _, ring := range poly {
		for i := range ring {
			a, b := Project(ring[i]), Project(ring[(i+1)%len(ring)])
			if (a.Y > p.Y) != (b.Y > p.Y) && p.X < a.X+(p.Y-a.Y)*(b.X-a.X)/(b.Y-a.Y) {
				in = !in
			}
		}
	}
	return in
}

func countryAt(a *Atlas, lon, lat float64) []string {
	p := Project(Point{lon, lat})
	var out []string
	for _, c := range a.Countries {
		for _, poly := range c.Polygons {
			if inside(p, poly) {
				out = append(out, c.Code)
				break
			}
		}
	}
	return out
}

// Capitals and large cities fall inside their own country and no other,
// after simplification and projection.
func TestCitiesInTheirCountry(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cities := []struct {
		name     string
		lon, lat float64
		code     string
	}{
		{"Almaty", 76.95, 43.24, "KZ"},
		{"Astana", 71.43, 51.13, "KZ"},
		{"Aktau", 51.20, 43.65, "KZ"},
		{"Bishkek", 74.59, 42.87, "KG"},
		{"Osh", 72.80, 40.53, "KG"},
		{"Dushanbe", 68.79, 38.56, "TJ"},
		{"Khujand", 69.62, 40.28, "TJ"},
		{"Tashkent", 69.24, 41.30, "UZ"},
		{"Samarkand", 66.97, 39.65, "UZ"},
		{"Nukus", 59.61, 42.46, "UZ"},
		{"Ashgabat", 58.38, 37.95, "TM"},
		{"Turkmenabat", 63.58, 39.07, "TM"},
		{"Omsk", 73.37, 54.98, "RU"},
		{"Kabul", 69.17, 34.53, "AF"},
		{"Tehran", 51.39, 35.69, "IR"},
		{"Urumqi", 87.62, 43.83, "CN"},
	}
	for _, c := range cities {
		if got := countryAt(a, c.lon, c.lat); len(got) != 1 || got[0] != c.code {
			t.Errorf("%s lies in %v, want [%s]", c.name, got, c.code)
		}
	}
	// The Caspian Sea is in no country.
	if got := countryAt(a, 51.0, 41.0); len(got) != 0 {
		t.Errorf("the Caspian Sea lies in %v", got)
	}
}

// The projection is conformal along its standard parallels: a small step
// east and a small step north have the same length there, and the central
// meridian is vertical.
func TestProjection(t *testing.T) {
	for _, lat := range []float64{parallel1, parallel2} {
		o := Project(Point{centralLon, lat})
		e := Project(Point{centralLon + 0.01, lat})
		n := Project(Point{centralLon, lat + 0.01})
		kx := math.Hypot(e.X-o.X, e.Y-o.Y) / (0.01 * math.Cos(lat*math.Pi/180))
		ky := math.Hypot(n.X-o.X, n.Y-o.Y) / 0.01
		if math.Abs(kx/ky-1) > 1e-3 {
			t.Errorf("at %g°N east and north scales differ: %g and %g", lat, kx, ky)
		}
		if math.Abs(ky-earthRadius*math.Pi/180) > 0.5 {
			t.Errorf("at %g°N the scale is %g km a degree, want true scale", lat, ky)
		}
	}
	if p := Project(Point{centralLon, 60}); math.Abs(p.X) > 1e-9 || p.Y <= 0 {
		t.Errorf("67°E 60°N projects to %v, want straight north of the origin", p)
	}
}

// Outer rings turn counter-clockwise and holes clockwise once projected.
func TestWinding(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	holes := 0
	for _, c := range a.Countries {
		for _, poly := range c.Polygons {
			for r, ring := range poly {
				area := 0.0
				for i := range ring {
					p, q := Project(ring[i]), Project(ring[(i+1)%len(ring)])
					area += p.X*q.Y - q.X*p.Y
				}
				if (area > 0) != (r == 0) {
					t.Errorf("%s: ring %d turns the wrong way", c.Code, r)
				}
				if r > 0 {
					holes++
				}
			}
		}
	}
	if holes == 0 {
		t.Error("no holes: the enclaves in Kyrgyzstan are missing")
	}
	for _, code := range []string{"KZ", "KG", "TJ", "UZ", "TM", "RU", "CN", "AF", "IR"} {
		if a.Country(code) == nil {
			t.Errorf("no outline of %s", code)
		}
	}
}

func TestEncodeDecode(t *testing.T) {
	a := &Atlas{Source: "test", Countries: []Country{{Code: "XX", Name: "X", Polygons: []Polygon{{{{1, 2}, {3, 4.005}, {5, 6}}}}}}}
	b, err := Encode(a)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if p := got.Countries[0].Polygons[0][0][1]; p.X != 3 || math.Abs(p.Y-4.01) > 1e-9 && math.Abs(p.Y-4) > 1e-9 {
		t.Errorf("point read back as %v", p)
	}
	if _, err := Decode([]byte(`{"countries":[{"code":"X","polygons":[[[1,2,3]]]}]}`)); err == nil {
		t.Error("an odd ring was read without an error")
	}
}

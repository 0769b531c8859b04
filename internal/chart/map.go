package chart

import (
	"cmp"
	"io"
	"math"
	"slices"
	"strings"
	"sync"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"catracker/assets/geo"
	"catracker/data"
	"catracker/i18n"
)

// The map chart (data.Map) shades the five countries by one measure over
// the chart's dates, in binned steps of one sequential blue (ColorBrewer's
// Blues, which readers with any colour vision tell apart by lightness),
// with a country whose figure is zero left white and dotted. Each country
// is labelled with its name and figure inside it, or, where the label
// does not fit (Kyrgyzstan and Tajikistan on small charts), beside it
// over a neighbour or the sea with a leader line; labels never overlap.
// Neighbours are grey with their names small, for orientation. The
// regional figures (all of Central Asia, the part no country accounts
// for; or for recruitment the CA and RU reports) sit in a box beside the
// map, never spread over the countries, above a key of the steps. The map
// is drawn in a Lambert conformal conic projection (package assets/geo)
// fitted to the five countries. In pattern mode each step also gets
// diagonal hatching, denser for higher steps.

// mapColors are the steps' colours, light to dark: ColorBrewer Blues
// without its two lightest, which are too close to the neighbours' grey.
var mapColors = []drawing.Color{
	toDrawing(rgb(0xC6DBEF)), toDrawing(rgb(0x9ECAE1)), toDrawing(rgb(0x6BAED6)),
	toDrawing(rgb(0x3182BD)), toDrawing(rgb(0x08519C)),
}

// Map colours beside the steps.
var (
	neighbourFill = toDrawing(rgb(0xE6E6E6))
	borderColor   = toDrawing(rgb(0x4D4D4D))
	zeroDots      = toDrawing(rgb(0x9A9A9A))
	seaInk        = toDrawing(rgb(0x5B7FA3))
	boxFill       = toDrawing(rgb(0xF4F4F4))
)

// maxSteps is the most steps a map's key has.
const maxSteps = 5

// mapStep is one step of the key: the figures lo to hi.
type mapStep struct {
	lo, hi int
	color  drawing.Color
	hatch  float64 // the hatching's spacing in reference pixels in pattern mode
}

// mapSteps divides 1..most into at most maxSteps steps of a round width
// (1, 2 or 5 times a power of ten), so that the key reads 1-5, 6-10, ...
func mapSteps(most int) []mapStep {
	if most <= 0 {
		return nil
	}
	width := 1
	for w := 0; width*maxSteps < most; w++ {
		width = []int{1, 2, 5}[w%3] * pow10(w/3)
	}
	n := (most + width - 1) / width
	steps := make([]mapStep, n)
	for i := range steps {
		k := len(mapColors) / 2
		if n > 1 {
			k = int(math.Round(float64(i) * float64(len(mapColors)-1) / float64(n-1)))
		}
		steps[i] = mapStep{lo: i*width + 1, hi: (i + 1) * width, color: mapColors[k],
			hatch: 12 - 8*float64(k)/float64(len(mapColors)-1)}
	}
	return steps
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}

// stepOf returns the index of the step that holds v, or -1 for zero or
// less.
func stepOf(steps []mapStep, v int) int {
	for i, s := range steps {
		if v >= s.lo && v <= s.hi {
			return i
		}
	}
	return -1
}

// mapCountries are the five countries in the order their labels are
// placed: the largest first, so that the small ones find room around
// them.
var mapCountries = []data.Area{data.KZ, data.TM, data.UZ, data.KG, data.TJ}

// neighbourAnchors are, for each neighbour the map names, places (lon,
// lat) where its name may go, tried in order.
var neighbourAnchors = []struct {
	code   string
	places [][2]float64
}{
	{"RU", [][2]float64{{62, 56.5}, {75, 56}, {52, 54}, {84, 54.5}, {68, 56}}},
	{"CN", [][2]float64{{86, 38.5}, {90, 42}, {82, 37}, {92, 39}}},
	{"MN", [][2]float64{{96, 47}, {93, 48.5}, {99, 45}}},
	{"AF", [][2]float64{{66, 33.5}, {64, 33}, {68, 34.5}}},
	{"IR", [][2]float64{{55, 33}, {57, 34.5}, {53, 35}}},
	{"PK", [][2]float64{{69.5, 30}, {71.5, 32}, {67, 28}}},
	{"IN", [][2]float64{{76.5, 31.5}, {78, 30}}},
	{"AZ", [][2]float64{{47.6, 40.4}, {48, 41}}},
}

// caspianAnchors are places for the sea's name, nearest its middle first.
var caspianAnchors = func() [][2]float64 {
	var out [][2]float64
	for lon := 48.0; lon <= 53.5; lon += 0.5 {
		for lat := 37.5; lat <= 46.5; lat += 0.5 {
			out = append(out, [2]float64{lon, lat})
		}
	}
	dist := func(p [2]float64) float64 { return math.Hypot(p[0]-50.8, p[1]-42) }
	slices.SortStableFunc(out, func(a, b [2]float64) int { return cmp.Compare(dist(a), dist(b)) })
	return out
}()

// projected is the atlas in the map's projection, made once.
var projected = sync.OnceValues(func() ([]projShape, error) {
	a, err := geo.Load()
	if err != nil {
		return nil, err
	}
	out := make([]projShape, 0, len(a.Countries))
	for _, c := range a.Countries {
		s := projShape{code: c.Code, focus: data.Area(c.Code).IsCountry()}
		for _, poly := range c.Polygons {
			for _, ring := range poly {
				r := make([]geo.Point, len(ring))
				for i, p := range ring {
					r[i] = geo.Project(p)
				}
				s.rings = append(s.rings, r)
			}
		}
		out = append(out, s)
	}
	return out, nil
})

// projShape is a country's rings in projected kilometres.
type projShape struct {
	code  string
	focus bool
	rings [][]geo.Point
}

// mapShape is a country as drawn: its rings in output pixels, cut to the
// map's frame.
type mapShape struct {
	code  string
	focus bool // one of the five
	rings [][]pt
}

// mapLabel is a text placed on the map.
type mapLabel struct {
	code   string // the country's, for the labels of the five
	lines  []string
	styles []textStyle
	box    rect // where the text goes, with its padding
	// leader, when set, runs from the box to anchor, a point inside the
	// country the label names.
	leader bool
	anchor pt
	onDark bool // inside a dark step: white text
}

// mapPlan is a map laid out at one output size.
type mapPlan struct {
	values   map[string]int
	steps    []mapStep
	frame    rect // the map's area
	shapes   []mapShape
	labels   []mapLabel
	side     []mapLabel // the regional box's heading and lines
	sideBox  rect
	keyTitle []string
	keyRows  []string
	// keyTitleText is the key's title before wrapping; keyCols the
	// columns its rows take, each keyColW wide.
	keyTitleText string
	keyCols      int
	keyColW      float64
	keyBox       rect // the key, below or beside the regional box
	swatch       float64
	keyStyle     textStyle
	keyTitleS    textStyle
	// project turns projected kilometres into output pixels.
	scale, ox, oy float64
}

// mapStyles are the map's own text styles.
type mapStyles struct {
	name, value, neighbour, sea, boxHead, boxText textStyle
}

func (p *plan) mapStyles() mapStyles {
	fc, _ := loadFaces() // loaded by newPlan already
	k, s := p.fr.text, p.fr.slack
	ts := func(f *face, size float64, c drawing.Color) textStyle {
		return textStyle{face: f, size: size * k, color: c, slack: s}
	}
	return mapStyles{
		name:      ts(fc.bold, 12.5, ink),
		value:     ts(fc.bold, 15, ink),
		neighbour: ts(fc.regular, 12, inkMuted),
		sea:       ts(fc.regular, 12, seaInk),
		boxHead:   ts(fc.bold, 13.5, ink),
		boxText:   ts(fc.regular, 13, ink),
	}
}

// prepareMap reads the map's figures.
func (p *plan) prepareMap() {
	p.empty = p.c.Empty()
	mp := &mapPlan{values: map[string]int{}}
	most := 0
	for _, v := range p.c.Values {
		mp.values[v.Code] = v.Value
		if data.Area(v.Code).IsCountry() {
			most = max(most, v.Value)
		}
	}
	mp.steps = mapSteps(most)
	p.mp = mp
}

// layoutMap places the furniture, the map, the regional box and the key:
// the box and key in a column right of the map on a landscape chart,
// side by side below it on a portrait one.
func (p *plan) layoutMap() {
	u, st := p.fr.unit, p.st
	w, h := float64(p.fr.w), float64(p.fr.h)
	content := p.placeFurniture()
	top := content.top + float64(len(p.titleLines))*st.title.lineHeight() + 0.3*p.gap +
		float64(len(p.subtitleLines))*st.subtitle.lineHeight() + 1.2*p.gap
	bottom := content.bottom - float64(len(p.footerLines))*st.footer.lineHeight() - p.gap
	p.plot = rect{content.left, top, content.right, bottom}
	if p.empty {
		return
	}
	mp := p.mp
	ms := p.mapStyles()
	l := p.o.Lang
	// the regional box and the key, measured at their natural width
	head, lines := p.regionalTexts()
	keyTitle := l.T("axis.y." + string(p.c.Filter.WithDefaults().Measure.Family()))
	mp.keyTitleText = keyTitle
	mp.keyRows = []string{"0"}
	for _, s := range mp.steps {
		if s.lo == s.hi {
			mp.keyRows = append(mp.keyRows, number(l, s.lo))
		} else {
			mp.keyRows = append(mp.keyRows, number(l, s.lo)+"–"+number(l, s.hi))
		}
	}
	mp.keyStyle, mp.keyTitleS = st.legend, ms.boxHead
	mp.swatch = 1.25 * st.legend.lineHeight()
	inner := 0.7 * p.gap // the box's padding
	natural := ms.boxHead.width(head)
	for _, line := range lines {
		natural = max(natural, ms.boxText.width(line))
	}
	natural = max(natural+2*inner, ms.boxHead.width(keyTitle))
	for _, r := range mp.keyRows {
		natural = max(natural, 1.4*mp.swatch+p.gap+st.legend.width(r))
	}
	// the box above the key right of the map, the key in as many columns
	// as it needs to fit; on a portrait chart, or when they do not fit,
	// side by side below the map
	portrait := w < 1.1*h
	if !portrait {
		sideW := min(natural, max(0.3*content.width(), 150*u))
		boxH := p.layoutRegionalBox(ms, head, lines, sideW, inner)
		for cols := 1; cols <= 3; cols++ {
			keyW, keyH := p.layoutKey(ms, sideW, cols)
			if keyW <= sideW && boxH+1.5*p.gap+keyH <= bottom-top {
				p.plot.right = content.right - sideW - 2*p.gap
				x := p.plot.right + 2*p.gap
				mp.sideBox = rect{x, top, x + sideW, top + boxH}
				mp.keyBox = rect{x, mp.sideBox.bottom + 1.5*p.gap, x + sideW, mp.sideBox.bottom + 1.5*p.gap + keyH}
				break
			}
		}
		// else the key alone right of the map, the box below it
		for cols := 1; cols <= 3 && mp.sideBox.width() == 0; cols++ {
			keyW, _ := p.layoutKey(ms, sideW, cols)
			keyW = max(sideW, keyW)
			keyW, keyH := p.layoutKey(ms, keyW, cols)
			if keyW > 0.4*content.width() || keyH > bottom-top {
				continue
			}
			sideW := max(sideW, keyW)
			p.plot.right = content.right - sideW - 2*p.gap
			boxH := p.layoutRegionalBox(ms, head, lines, p.plot.width(), inner)
			p.plot.bottom = bottom - boxH - p.gap
			mp.sideBox = rect{content.left, p.plot.bottom + p.gap, p.plot.right, bottom}
			x := p.plot.right + 2*p.gap
			mp.keyBox = rect{x, top, x + sideW, top + keyH}
		}
		portrait = mp.sideBox.width() == 0
	}
	if portrait {
		sideW := (content.width() - 2*p.gap) / 2
		boxH := p.layoutRegionalBox(ms, head, lines, sideW, inner)
		_, keyH := p.layoutKey(ms, sideW, 1)
		if keyH > boxH { // two columns, if they fit, to take less height
			if w2, h2 := p.layoutKey(ms, sideW, 2); w2 <= sideW {
				keyH = h2
			} else {
				p.layoutKey(ms, sideW, 1)
			}
		}
		p.plot.bottom = bottom - max(boxH, keyH) - p.gap
		mp.sideBox = rect{content.left, p.plot.bottom + p.gap, content.left + sideW, p.plot.bottom + p.gap + boxH}
		kx := content.left + sideW + 2*p.gap
		mp.keyBox = rect{kx, mp.sideBox.top, kx + sideW, mp.sideBox.top + keyH}
	}
	for i := range mp.side {
		b := &mp.side[i].box
		b.left, b.right = mp.sideBox.left+inner, mp.sideBox.right-inner
		b.top += mp.sideBox.top + inner
		b.bottom += mp.sideBox.top + inner
	}
	mp.frame = p.plot
	p.projectMap()
	p.placeMapLabels(ms)
}

// layoutRegionalBox wraps the box's heading and lines to fit sideW with
// padding inner and returns the box's height; the lines' boxes are
// relative to the box's top left corner until layoutMap moves them.
func (p *plan) layoutRegionalBox(ms mapStyles, head string, lines []string, sideW, inner float64) float64 {
	mp := p.mp
	y := 0.0
	mp.side = nil
	add := func(text string, t textStyle) {
		for _, line := range t.wrap(text, sideW-2*inner) {
			mp.side = append(mp.side, mapLabel{lines: []string{line}, styles: []textStyle{t}, box: rect{0, y, 0, y + t.lineHeight()}})
			y += t.lineHeight()
		}
	}
	add(head, ms.boxHead)
	y += 0.3 * p.gap
	for _, line := range lines {
		add(line, ms.boxText)
		y += 0.15 * p.gap
	}
	return y + 2*inner
}

// layoutKey lays the key out sideW wide with its rows in cols columns
// and returns its width and height.
func (p *plan) layoutKey(ms mapStyles, sideW float64, cols int) (w, h float64) {
	mp := p.mp
	mp.keyCols = cols
	mp.keyTitle = ms.boxHead.wrap(mp.keyTitleText, sideW)
	labelW := 0.0
	for _, r := range mp.keyRows {
		labelW = max(labelW, mp.keyStyle.width(r))
	}
	mp.keyColW = 1.4*mp.swatch + p.gap + labelW
	rows := (len(mp.keyRows) + cols - 1) / cols
	w = float64(cols)*mp.keyColW + float64(cols-1)*p.gap
	h = float64(len(mp.keyTitle))*ms.boxHead.lineHeight() + 0.4*p.gap + float64(rows)*(mp.swatch+0.3*p.gap)
	return w, h
}

// regionalTexts are the box's heading and lines: the region's figure and
// the part no country accounts for, or the reports about Central Asia as
// a whole and Russia's measures.
func (p *plan) regionalTexts() (string, []string) {
	l, v := p.o.Lang, p.mp.values
	if p.c.Filter.WithDefaults().Measure == data.MeasureRecruitment {
		return l.T("map.box.reports"), []string{
			l.T("map.box.CA", number(l, v[string(data.CA)])),
			l.T("map.box.RU", number(l, v[string(data.RU)])),
		}
	}
	lines := []string{l.T("map.box.region", number(l, v[data.RegionCode]))}
	switch u := v[data.UnattributedCode]; {
	case u > 0:
		lines = append(lines, l.T("map.box.unattributed", number(l, u)))
	case u < 0:
		lines = append(lines, l.T("map.box.reattributed", number(l, -u)))
	}
	return l.T("map.box.heading"), lines
}

// projectMap fits the five countries into the frame, with a margin, and
// cuts every country to it.
func (p *plan) projectMap() {
	mp := p.mp
	shapes, err := projected()
	if err != nil {
		return // the atlas is embedded and checked by its tests
	}
	lo := geo.Point{X: math.Inf(1), Y: math.Inf(1)}
	hi := geo.Point{X: math.Inf(-1), Y: math.Inf(-1)}
	for _, s := range shapes {
		if !s.focus {
			continue
		}
		for _, ring := range s.rings {
			for _, q := range ring {
				lo = geo.Point{X: min(lo.X, q.X), Y: min(lo.Y, q.Y)}
				hi = geo.Point{X: max(hi.X, q.X), Y: max(hi.Y, q.Y)}
			}
		}
	}
	f := mp.frame
	// room around them for the labels that go beside, most below, where
	// Kyrgyzstan and Tajikistan are
	margin := 0.06 * max(hi.X-lo.X, hi.Y-lo.Y)
	lo.X, lo.Y, hi.X, hi.Y = lo.X-margin, lo.Y-2*margin, hi.X+margin, hi.Y+margin
	mp.scale = min(f.width()/(hi.X-lo.X), f.height()/(hi.Y-lo.Y))
	cx, cy := (lo.X+hi.X)/2, (lo.Y+hi.Y)/2
	mp.ox = (f.left+f.right)/2 - cx*mp.scale
	mp.oy = (f.top+f.bottom)/2 + cy*mp.scale
	mp.shapes = mp.shapes[:0]
	for _, s := range shapes {
		ms := mapShape{code: s.code, focus: s.focus}
		for _, ring := range s.rings {
			r := make([]pt, len(ring))
			for i, q := range ring {
				r[i] = mp.at(q)
			}
			if r = clipRing(r, f); r != nil {
				ms.rings = append(ms.rings, r)
			}
		}
		if len(ms.rings) > 0 {
			mp.shapes = append(mp.shapes, ms)
		}
	}
}

// at is the output position of a projected point.
func (mp *mapPlan) at(q geo.Point) pt { return pt{mp.ox + q.X*mp.scale, mp.oy - q.Y*mp.scale} }

// lonLat is the output position of a longitude and latitude.
func (mp *mapPlan) lonLat(lon, lat float64) pt { return mp.at(geo.Project(geo.Point{X: lon, Y: lat})) }

// shape returns the drawn country with the code, or nil.
func (mp *mapPlan) shape(code string) *mapShape {
	for i := range mp.shapes {
		if mp.shapes[i].code == code {
			return &mp.shapes[i]
		}
	}
	return nil
}

// placeMapLabels labels the five countries, inside where the label fits
// (at its full size or a little smaller) and else beside with a leader
// line, then names the neighbours and the sea where there is room; no
// label overlaps another.
func (p *plan) placeMapLabels(ms mapStyles) {
	mp := p.mp
	l := p.o.Lang
	gap := 2 * p.fr.unit
	mp.labels = nil
	var outside []mapLabel
	for _, a := range mapCountries {
		s := mp.shape(string(a))
		if s == nil {
			continue
		}
		v := mp.values[string(a)]
		lab := mapLabel{code: string(a), lines: []string{l.Area(a), number(l, v)}, styles: []textStyle{ms.name, ms.value}}
		if step := stepOf(mp.steps, v); step >= 0 {
			lab.onDark = luminance(mp.steps[step].color) < 0.45
		}
		spots := gridPoints(s.rings, bounds(s.rings), 40)
		if insideLabel(&lab, s.rings, spots, gap, labelSizes[:2]) {
			mp.labels = append(mp.labels, lab)
			continue
		}
		lab.leader, lab.anchor, lab.onDark = true, bounds(s.rings).centre(), false
		if len(spots) > 0 {
			lab.anchor = spots[0].p
		}
		outside = append(outside, lab)
	}
	for i := range outside {
		var others []pt
		for j, o := range outside {
			if j != i {
				others = append(others, o.anchor)
			}
		}
		if p.placeOutside(&outside[i], others) {
			mp.labels = append(mp.labels, outside[i])
		}
	}
	// neighbours and the sea, where they fit clear of the five
	for _, n := range neighbourAnchors {
		s := mp.shape(n.code)
		if s == nil {
			continue
		}
		lab := mapLabel{lines: []string{l.T("map.country." + n.code)}, styles: []textStyle{ms.neighbour}}
		w, h := lab.size()
		for _, ll := range n.places {
			b := boxAround(mp.lonLat(ll[0], ll[1]), w, h)
			if p.clear(b, gap) && boxInside(s.rings, b) {
				lab.box = b
				mp.labels = append(mp.labels, lab)
				break
			}
		}
	}
	sea := l.T("map.sea.caspian")
	for _, lines := range [][]string{{sea}, strings.SplitN(sea, " ", 2)} {
		lab := mapLabel{lines: lines, styles: []textStyle{ms.sea, ms.sea}[:len(lines)]}
		w, h := lab.size()
		for _, ll := range caspianAnchors {
			b := boxAround(mp.lonLat(ll[0], ll[1]), w, h)
			if p.clear(b, gap) && !p.onLand(b) {
				lab.box = b
				mp.labels = append(mp.labels, lab)
				return
			}
		}
	}
}

// labelSizes are the sizes a country's label is tried at, against its
// full size: a crowded map sets its labels a little smaller rather than
// leave a country unnamed.
var labelSizes = []float64{1, 0.85, 0.72}

// insideLabel places lab inside the rings, at the spot farthest from
// their edges where it fits with gap to spare, at the first of sizes
// that fits. It reports whether it fits.
func insideLabel(lab *mapLabel, rings [][]pt, spots []spot, gap float64, sizes []float64) bool {
	full := slices.Clone(lab.styles)
	for _, k := range sizes {
		for i := range lab.styles {
			lab.styles[i].size = full[i].size * k
		}
		w, h := lab.size()
		for _, sp := range spots {
			if sp.room < h/2 {
				break
			}
			if b := boxAround(sp.p, w, h); boxInside(rings, b.grow(gap)) {
				lab.box = b
				return true
			}
		}
	}
	lab.styles = full
	return false
}

// clear reports whether the box b lies in the frame, clear of the five
// countries and of every label placed, by at least gap.
func (p *plan) clear(b rect, gap float64) bool {
	mp := p.mp
	if !b.within(mp.frame.grow(-gap)) {
		return false
	}
	for _, lab := range mp.labels {
		if lab.box.grow(gap).overlaps(b) {
			return false
		}
	}
	for _, s := range mp.shapes {
		if s.focus && touches(s.rings, b.grow(gap)) {
			return false
		}
	}
	return true
}

// onLand reports whether the box b touches any country.
func (p *plan) onLand(b rect) bool {
	for _, s := range p.mp.shapes {
		if touches(s.rings, b) {
			return true
		}
	}
	return false
}

// Costs of a place beside a country, in reference pixels of distance: a
// label over one of the five countries hides it, and a leader line that
// crosses another of the five countries' borders reads as pointing there.
const (
	costOverCountry = 400
	costCrossing    = 80
)

// placeOutside puts a country's label beside it with a leader line, in
// the frame, clear of the other labels, their leader lines and the
// points the other leader lines will start from (others), at the place
// that costs least: the distance from the country, and the costs above.
// It reports whether it found a place.
func (p *plan) placeOutside(lab *mapLabel, others []pt) bool {
	full := slices.Clone(lab.styles)
	for _, k := range labelSizes { // smaller, where the map is crowded
		for i := range lab.styles {
			lab.styles[i].size = full[i].size * k
		}
		if p.placeOutsideAt(lab, others) {
			return true
		}
	}
	return false
}

// placeOutsideAt is placeOutside at the label's size.
func (p *plan) placeOutsideAt(lab *mapLabel, others []pt) bool {
	mp := p.mp
	u := p.fr.unit
	w, h := lab.size()
	gap := 2 * u
	a := lab.anchor
	reach := max(mp.frame.width(), mp.frame.height()) / 2
	frame := mp.frame.grow(-gap)
	best, found := math.Inf(1), false
	for d := 6 * u; d < reach; d += 3 * u {
		if d/u >= best {
			break
		}
		for k := range 24 {
			th := float64(k) * math.Pi / 12
			dx, dy := math.Cos(th), math.Sin(th)
			b := boxAround(pt{a.x + dx*(d+w/2), a.y + dy*(d+h/2)}, w, h)
			if !b.within(frame) || !p.free(b, a, others) {
				continue
			}
			end := b.nearest(a)
			cost := d / u
			for _, s := range mp.shapes {
				if !s.focus {
					continue
				}
				if touches(s.rings, b.grow(gap)) {
					cost += costOverCountry
				}
				if !inside(s.rings, a) {
					cost += costCrossing * float64(crossings(s.rings, a, end))
				}
			}
			if cost < best {
				best, found, lab.box = cost, true, b
			}
		}
	}
	return found
}

// free reports whether a label in box b with a leader line to a keeps
// clear of the labels placed, their leader lines and the points others.
func (p *plan) free(b rect, a pt, others []pt) bool {
	u := p.fr.unit
	gap := 2 * u
	for _, o := range p.mp.labels {
		if o.box.grow(gap).overlaps(b) || segmentHitsRect(a, b.nearest(a), o.box.grow(gap)) {
			return false
		}
		if o.leader && segmentHitsRect(o.anchor, o.box.nearest(o.anchor), b.grow(gap)) {
			return false
		}
	}
	for _, q := range others {
		if boxAround(q, 8*u, 8*u).overlaps(b) {
			return false
		}
	}
	return true
}

// crossings counts the edges of the rings that the segment a-b crosses.
func crossings(rings [][]pt, a, b pt) int {
	n := 0
	for _, ring := range rings {
		for i := range ring {
			if segmentsCross(a, b, ring[i], ring[(i+1)%len(ring)]) {
				n++
			}
		}
	}
	return n
}

// segmentsCross reports whether the segments a-b and c-d cross.
func segmentsCross(a, b, c, d pt) bool {
	side := func(p, q, r pt) float64 { return (q.x-p.x)*(r.y-p.y) - (q.y-p.y)*(r.x-p.x) }
	return side(a, b, c)*side(a, b, d) < 0 && side(c, d, a)*side(c, d, b) < 0
}

// luminance is the relative lightness of c, from 0 (black) to 1 (white).
func luminance(c drawing.Color) float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}

// nearest is the point of r nearest to q.
func (r rect) nearest(q pt) pt {
	return pt{max(r.left, min(r.right, q.x)), max(r.top, min(r.bottom, q.y))}
}

// centre is the middle of r.
func (r rect) centre() pt { return pt{(r.left + r.right) / 2, (r.top + r.bottom) / 2} }

// size is the label's width and height, padding included.
func (lab *mapLabel) size() (w, h float64) {
	for i, line := range lab.lines {
		t := lab.styles[i]
		w = max(w, t.width(line))
		h += t.lineHeight()
	}
	pad := 0.25 * lab.styles[0].size
	return w + 2*pad, h + pad
}

// renderMap draws the map on a go-chart Chart with rp.
func (p *plan) renderMap(rp gochart.RendererProvider, w io.Writer) error {
	fc, err := loadFaces()
	if err != nil {
		return err
	}
	ch := gochart.Chart{
		Width:  p.fr.w,
		Height: p.fr.h,
		Font:   fc.regular.font,
		Background: gochart.Style{
			FillColor: white,
			Padding: gochart.Box{IsSet: true, Top: int(p.plot.top), Left: int(p.plot.left),
				Right: p.fr.w - int(p.plot.right), Bottom: p.fr.h - int(p.plot.bottom)},
		},
		Canvas:         gochart.Style{FillColor: white},
		XAxis:          gochart.XAxis{Style: gochart.Hidden(), Range: &gochart.ContinuousRange{Min: 0, Max: 1}},
		YAxis:          gochart.YAxis{Style: gochart.Hidden(), Range: &gochart.ContinuousRange{Min: 0, Max: 1}},
		YAxisSecondary: gochart.YAxis{Style: gochart.Hidden()},
		Series:         []gochart.Series{&mapSeries{seriesBase{"map"}, p}},
		Elements:       []gochart.Renderable{p.drawFurniture},
	}
	return ch.Render(rp, w)
}

// mapSeries draws the map, its labels, the regional box and the key.
type mapSeries struct {
	seriesBase
	p *plan
}

// Render implements gochart.Series.
func (s *mapSeries) Render(r gochart.Renderer, _ gochart.Box, _, _ gochart.Range, _ gochart.Style) {
	p := s.p
	if p.empty || p.mp == nil {
		return
	}
	mp := p.mp
	u := p.fr.unit
	l := p.o.Lang
	tip, tips := r.(tooltipper)
	for _, focus := range []bool{false, true} {
		for _, sh := range mp.shapes {
			if sh.focus != focus {
				continue
			}
			fill, stroke, width := neighbourFill, white, max(0.6, 0.8*u)
			step := -1
			if focus {
				v := mp.values[sh.code]
				step = stepOf(mp.steps, v)
				fill, stroke, width = white, borderColor, max(0.8, 1.1*u)
				if step >= 0 {
					fill = mp.steps[step].color
				}
				if tips {
					tip.SetTooltip(l.Area(data.Area(sh.code)) + ": " + number(l, v))
				}
			}
			ringsPath(r, sh.rings)
			r.SetFillColor(fill)
			r.SetStrokeColor(stroke)
			r.SetStrokeWidth(width)
			r.SetStrokeDashArray(nil)
			r.FillStroke()
			if !focus {
				continue
			}
			switch {
			case step < 0:
				dotRings(r, sh.rings, 8*u, max(0.8, 1.1*u), zeroDots)
			case p.o.Patterns:
				hatchRings(r, sh.rings, mp.steps[step].hatch*u, max(1, 1.2*u), hatchInk(fill))
			}
			if step < 0 || p.o.Patterns { // the hatching covered the border
				ringsPath(r, sh.rings)
				r.SetStrokeColor(borderColor)
				r.SetStrokeWidth(width)
				r.Stroke()
			}
		}
	}
	// a thin frame where the neighbours are cut
	f := mp.frame
	for _, e := range [][4]float64{{f.left, f.top, f.right, f.top}, {f.left, f.bottom, f.right, f.bottom}} {
		hRule(r, e[0], e[2], e[1], max(1, 0.8*u), gridColor)
	}
	vRule(r, f.left, f.top, f.bottom, max(1, 0.8*u), gridColor)
	vRule(r, f.right, f.top, f.bottom, max(1, 0.8*u), gridColor)
	for _, lab := range mp.labels {
		lab.draw(r, u)
	}
	p.drawMapSide(r)
}

// draw draws the label: its leader line and a white box behind the text
// when it sits beside its country.
func (lab *mapLabel) draw(r gochart.Renderer, u float64) {
	if lab.leader {
		end := lab.box.nearest(lab.anchor)
		polyline(r, []float64{lab.anchor.x, end.x}, []float64{lab.anchor.y, end.y}, max(1, 1*u), borderColor, nil)
		dot(r, lab.anchor.x, lab.anchor.y, max(1.5, 2.2*u), borderColor, white, max(0.5, 0.8*u))
		fillRect(r, lab.box.left, lab.box.top, lab.box.right, lab.box.bottom, white)
	}
	y := lab.box.top + 0.25*lab.styles[0].size/2
	cx := (lab.box.left + lab.box.right) / 2
	for i, line := range lab.lines {
		t := lab.styles[i]
		if lab.onDark {
			t.color = white
		}
		drawText(r, t, line, cx, y+t.ascent(), alignCenter)
		y += t.lineHeight()
	}
}

// drawMapSide draws the regional box and the key.
func (p *plan) drawMapSide(r gochart.Renderer) {
	mp := p.mp
	u := p.fr.unit
	b := mp.sideBox
	fillRect(r, b.left, b.top, b.right, b.bottom, boxFill)
	for _, lab := range mp.side {
		drawText(r, lab.styles[0], lab.lines[0], lab.box.left, lab.box.top+lab.styles[0].ascent(), alignLeft)
	}
	k := mp.keyBox
	y := k.top
	for _, line := range mp.keyTitle {
		drawText(r, mp.keyTitleS, line, k.left, y+mp.keyTitleS.ascent(), alignLeft)
		y += mp.keyTitleS.lineHeight()
	}
	y += 0.4 * p.gap
	perCol := (len(mp.keyRows) + mp.keyCols - 1) / max(1, mp.keyCols)
	top := y
	for i, row := range mp.keyRows {
		x := k.left + float64(i/perCol)*(mp.keyColW+p.gap)
		y := top + float64(i%perCol)*(mp.swatch+0.3*p.gap)
		sw := rect{x, y, x + mp.swatch*1.4, y + mp.swatch}
		ring := [][]pt{{{sw.left, sw.top}, {sw.right, sw.top}, {sw.right, sw.bottom}, {sw.left, sw.bottom}}}
		fill := white
		if i > 0 {
			fill = mp.steps[i-1].color
		}
		fillRect(r, sw.left, sw.top, sw.right, sw.bottom, fill)
		switch {
		case i == 0:
			dotRings(r, ring, 8*u, max(0.8, 1.1*u), zeroDots)
		case p.o.Patterns:
			hatchRings(r, ring, mp.steps[i-1].hatch*u, max(1, 1.2*u), hatchInk(fill))
		}
		ringsPath(r, ring)
		r.SetStrokeColor(borderColor)
		r.SetStrokeWidth(max(0.8, 1*u))
		r.Stroke()
		t := mp.keyStyle
		drawText(r, t, row, sw.right+p.gap, y+mp.swatch/2+0.36*t.size, alignLeft)
	}
}

// ringsPath adds the rings to the renderer's path.
func ringsPath(r gochart.Renderer, rings [][]pt) {
	for _, ring := range rings {
		r.MoveTo(round(ring[0].x), round(ring[0].y))
		for _, q := range ring[1:] {
			r.LineTo(round(q.x), round(q.y))
		}
		r.Close()
	}
}

// hatchRings draws diagonal lines step apart inside the rings.
func hatchRings(r gochart.Renderer, rings [][]pt, step, width float64, c drawing.Color) {
	segs := hatchSegments(rings, step, false)
	if len(segs) == 0 {
		return
	}
	for _, s := range segs {
		r.MoveTo(round(s[0].x), round(s[0].y))
		r.LineTo(round(s[1].x), round(s[1].y))
	}
	r.SetStrokeColor(c)
	r.SetStrokeWidth(width)
	r.SetStrokeDashArray(nil)
	r.Stroke()
}

// dotRings fills the rings with staggered dots step apart.
func dotRings(r gochart.Renderer, rings [][]pt, step, radius float64, c drawing.Color) {
	b := bounds(rings)
	r.SetFillColor(c)
	r.SetStrokeWidth(0)
	drawn := false
	for row := math.Ceil(b.top / step); row*step <= b.bottom; row++ {
		y := row * step
		shift := 0.0
		if int(row)%2 != 0 {
			shift = step / 2
		}
		for x := math.Ceil((b.left-shift)/step)*step + shift; x <= b.right; x += step {
			if inside(rings, pt{x, y}) && edgeDistance(rings, pt{x, y}) > radius {
				r.Circle(radius, round(x), round(y))
				drawn = true
			}
		}
	}
	if drawn { // one path for all the dots keeps SVG and PDF files small
		r.Fill()
	}
}

// mapTitle is a map's title, by its measure.
func mapTitle(f data.Filter, l i18n.Language) string {
	return l.T("title.map." + string(f.Measure))
}

// mapSubtitle states a map's dates, what it counts and the filters that
// apply to its measure.
func mapSubtitle(c *data.Chart, f data.Filter, l i18n.Language) string {
	parts := []string{dateRangePhrase(c, f, l), l.T("subtitle.map." + string(f.Measure))}
	parts = append(parts, filterPhrases(f, l, f.Measure != data.MeasureRecruitment, f.Measure == data.MeasureCases)...)
	return strings.Join(parts, " · ")
}

// describeMap lists each country's figure and the regional ones.
func describeMap(b *strings.Builder, c *data.Chart, l i18n.Language) {
	p := &plan{c: c, o: Options{Lang: l}}
	p.prepareMap()
	var items []string
	for _, a := range data.Countries {
		items = append(items, l.Area(a)+" "+number(l, p.mp.values[string(a)]))
	}
	b.WriteString(" " + l.T("describe.map", strings.Join(items, ", ")))
	head, lines := p.regionalTexts()
	b.WriteString(" " + head + ": " + strings.Join(lines, "; ") + ".")
}

package chart

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"catracker/data"
	"catracker/i18n"
)

// bundledEvents are the policies and warnings of the bundled dataset.
func bundledEvents() []data.ChartEvent {
	day := func(y, m, d int) data.Date { return data.Date{Year: y, Month: m, Day: d} }
	mon := func(y, m int) data.Date { return data.Date{Year: y, Month: m} }
	es := []data.ChartEvent{
		{Date: day(2022, 9, 20), Area: data.RU, Kind: data.Policy, Headline: "Duma passes citizenship-for-service bill", Ref: "a"},
		{Date: day(2022, 9, 21), Area: data.RU, Kind: data.Policy, Headline: "Russia declares partial mobilisation", Ref: "b"},
		{Date: mon(2022, 9), Area: data.KZ, Kind: data.Warning, Headline: "Kazakhstan warns of mercenary charges", Ref: "c"},
		{Date: mon(2022, 9), Area: data.KG, Kind: data.Warning, Headline: "Kyrgyzstan warns of mercenary charges", Ref: "d"},
		{Date: mon(2022, 9), Area: data.TJ, Kind: data.Warning, Headline: "Tajikistan warns of mercenary charges", Ref: "e"},
		{Date: mon(2022, 9), Area: data.UZ, Kind: data.Warning, Headline: "Uzbekistan warns of mercenary charges", Ref: "f"},
		{Date: day(2022, 11, 14), Area: data.RU, Kind: data.Policy, Headline: "Decree allows foreign conscripts", Ref: "g"},
		{Date: mon(2023, 7), Area: data.KZ, Kind: data.Warning, Headline: "Kazakh prosecutor warns of online war ads", Ref: "h"},
		{Date: mon(2023, 7), Area: data.RU, Kind: data.Policy, Headline: "Russia raises conscription age to 30", Ref: "i"},
		{Date: mon(2023, 8), Area: data.RU, Kind: data.Policy, Headline: "Bill to strip service refusers' citizenship", Ref: "j"},
		{Date: data.Date{Year: 2023}, Area: data.CA, Kind: data.Warning, Ref: "k"}, // no headline
	}
	data.SortEvents(es)
	return es
}

// withEvents returns c with the bundled events.
func withEvents(c *data.Chart) *data.Chart {
	c.Events = bundledEvents()
	return c
}

// eventCharts are charts with events of every kind of plot.
func eventCharts() map[string]*data.Chart {
	return map[string]*data.Chart{
		"events-deaths-bars":       withEvents(realisticDeaths(false)),
		"events-deaths-cumulative": withEvents(realisticDeaths(true)),
		"events-recruitment":       withEvents(realisticRecruitment(false)),
		"events-timeline":          withEvents(realisticTimeline()),
		"events-quarters":          withEvents(regroup(realisticProsecutions(false), data.PerQuarter)),
	}
}

// TestEventGoldenImages compares charts with events with the images in
// testdata/golden; run with -update after a deliberate change and look
// at the new images.
func TestEventGoldenImages(t *testing.T) {
	for _, tc := range []struct {
		name     string
		w, h     int
		lang     i18n.Language
		patterns bool
	}{
		{"events-deaths-bars", 600, 400, i18n.English, false},
		{"events-deaths-cumulative", 1200, 675, i18n.Russian, true},
		{"events-timeline", 800, 450, i18n.English, false},
	} {
		file := fmt.Sprintf("%s-%s-%dx%d", tc.name, tc.lang, tc.w, tc.h)
		t.Run(file, func(t *testing.T) {
			o := testOptions(tc.w, tc.h)
			o.Lang, o.Patterns = tc.lang, tc.patterns
			img, err := Image(eventCharts()[tc.name], o)
			if err != nil {
				t.Fatal(err)
			}
			matchGolden(t, file, img)
		})
	}
}

func overlaps(a, b rect) bool {
	return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
}

// TestEventLabelsNeverOverlap lays charts with many events out at every
// size and text size, in both languages, and checks that the number boxes
// stay apart, inside the plot's width, above the plot and clear of the
// texts in it and of the subtitle (600x400 with larger text has no room
// for a plot even without events, so it is not among the sizes); that the lines break around those
// texts; that the list under the chart fits its width and lies between
// the plot (and a legend below it) and the notes; and that every event
// is listed or counted among the rest.
func TestEventLabelsNeverOverlap(t *testing.T) {
	sizes := []struct {
		w, h      int
		textScale float64
	}{{600, 400, 1}, {800, 450, 1.25}, {1200, 675, 1}, {1600, 900, 1.25}, {3200, 1800, 1.5}}
	for name, c := range eventCharts() {
		for _, sz := range sizes {
			for _, lang := range []i18n.Language{i18n.English, i18n.Russian} {
				what := fmt.Sprintf("%s %dx%d text %.2f %s", name, sz.w, sz.h, sz.textScale, lang)
				o := testOptions(sz.w, sz.h)
				o.Lang, o.TextScale = lang, sz.textScale
				fr, err := newFrame(o, false)
				if err != nil {
					t.Fatal(err)
				}
				p, err := newPlan(c, o, fr)
				if err != nil {
					t.Fatal(err)
				}
				checkEventLayout(t, what, p)
			}
		}
	}
}

func checkEventLayout(t *testing.T, what string, p *plan) {
	t.Helper()
	ev := &p.ev
	if len(ev.shown) == 0 {
		t.Errorf("%s: no events shown", what)
		return
	}
	subtitleBottom := p.pad + float64(len(p.titleLines))*p.st.title.lineHeight() + 0.3*p.gap +
		float64(len(p.subtitleLines))*p.st.subtitle.lineHeight()
	texts := p.plotTexts()
	ms := p.eventMarkers()
	numbered := 0
	for i, m := range ms {
		if m.first != numbered {
			t.Errorf("%s: marker %d starts at event %d, want %d", what, i, m.first+1, numbered+1)
		}
		numbered = m.last + 1
		b := m.box
		if b.left < p.plot.left-0.5 || b.right > p.plot.right+0.5 || b.bottom > p.plot.top || b.top < subtitleBottom {
			t.Errorf("%s: box %q at %+v is outside the band above the plot %+v (subtitle ends at %.1f)",
				what, m.label(p.o.Lang), b, p.plot, subtitleBottom)
		}
		if i > 0 && b.left < ms[i-1].box.right {
			t.Errorf("%s: boxes %q and %q overlap", what, ms[i-1].label(p.o.Lang), m.label(p.o.Lang))
		}
		for _, tx := range texts {
			if overlaps(b, tx) {
				t.Errorf("%s: box %q overlaps a text of the plot at %+v", what, m.label(p.o.Lang), tx)
			}
		}
		for _, x := range m.xs {
			if x < p.plot.left || x > p.plot.right {
				t.Errorf("%s: an event line at x %.1f is outside the plot", what, x)
			}
			for _, seg := range lineSegments(x, p.plot.top, p.plot.bottom, texts, 2*p.fr.unit) {
				for _, tx := range texts {
					if overlaps(rect{x - p.fr.unit/2, seg[0], x + p.fr.unit/2, seg[1]}, tx) {
						t.Errorf("%s: the line at %.1f crosses a text at %+v", what, x, tx)
					}
				}
			}
		}
	}
	if numbered != len(ev.shown) {
		t.Errorf("%s: markers number %d events of %d", what, numbered, len(ev.shown))
	}
	// the list
	content := float64(p.fr.w) - 2*p.pad
	listed := map[string]bool{}
	for _, line := range ev.list {
		for _, pc := range line {
			if pc.x < 0 || pc.x+pc.w > content+0.5 {
				t.Errorf("%s: %q in the list runs from %.1f to %.1f, outside 0..%.1f", what, pc.text, pc.x, pc.x+pc.w, content)
			}
			if pc.badge {
				listed[pc.text] = true
			}
		}
		for i := 1; i < len(line); i++ {
			if line[i].x < line[i-1].x+line[i-1].w {
				t.Errorf("%s: %q and %q overlap in the list", what, line[i-1].text, line[i].text)
			}
		}
	}
	for i := range ev.shown {
		n := number(p.o.Lang, i+1)
		if !listed[n] && !strings.Contains(strings.Join(keys(listed), " "), "–") {
			t.Errorf("%s: event %s is neither listed nor among the rest", what, n)
		}
	}
	top := ev.listTop
	if top < p.plot.bottom {
		t.Errorf("%s: the list starts at %.1f, above the plot's bottom %.1f", what, top, p.plot.bottom)
	}
	if lg := p.legend; lg != nil && !lg.right && top < lg.y+lg.h {
		t.Errorf("%s: the list starts at %.1f, over the legend ending at %.1f", what, top, lg.y+lg.h)
	}
	notesTop := float64(p.fr.h) - p.pad - float64(len(p.footerLines))*p.st.footer.lineHeight() - 0.5*p.gap -
		float64(len(p.notes))*p.st.note.lineHeight()
	if bottom := top + float64(len(ev.list))*ev.lineH; bottom > notesTop+0.5 {
		t.Errorf("%s: the list ends at %.1f, below the notes' top %.1f", what, bottom, notesTop)
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestEventsInTheAltTextAndEveryFormat(t *testing.T) {
	c := withEvents(realisticDeaths(false))
	text := Describe(c, i18n.English)
	for _, want := range []string{"Events marked on the chart: (1) Duma passes citizenship-for-service bill, 20 Sep 2022;",
		"(3) Kazakhstan warns of mercenary charges, Sep 2022;", "(11) Warning: Central Asia, 2023."} {
		if !strings.Contains(text, want) {
			t.Errorf("alt text lacks %q:\n%s", want, text)
		}
	}
	if ru := Describe(c, i18n.Russian); !strings.Contains(ru, "(2) Russia declares partial mobilisation, 21 сен 2022") ||
		!strings.Contains(ru, "(11) Предупреждение: Центральная Азия, 2023") {
		t.Errorf("Russian alt text:\n%s", ru)
	}
	c.Filter.NoEvents, c.Events = true, nil
	if text := Describe(c, i18n.English); strings.Contains(text, "Events") {
		t.Errorf("alt text without events mentions them:\n%s", text)
	}
	c.TooManyEvents = true
	if text := Describe(c, i18n.English); !strings.Contains(text, "More than 40 policies and warnings") {
		t.Errorf("alt text of too many events:\n%s", text)
	}

	c = withEvents(realisticDeaths(false))
	var svg bytes.Buffer
	if err := Render(&svg, SVG, c, testOptions(1200, 675)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">partial<", ">mobilisation<", ">1–6<", ">Sep 2022<"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("the SVG lacks %s", want)
		}
	}
	var pdf, without bytes.Buffer
	if err := Render(&pdf, PDF, c, testOptions(1200, 675)); err != nil {
		t.Fatal(err)
	}
	if err := Render(&without, PDF, realisticDeaths(false), testOptions(1200, 675)); err != nil {
		t.Fatal(err)
	}
	if pdf.Len() <= without.Len() {
		t.Errorf("the PDF with events (%d bytes) is no larger than without (%d)", pdf.Len(), without.Len())
	}
}

func TestTooManyEventsNote(t *testing.T) {
	c := realisticDeaths(false)
	c.TooManyEvents = true
	p, err := newPlan(c, testOptions(1200, 675), frame{w: 1200, h: 675, unit: 1, text: 1, slack: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.ev.tooMany) == 0 || !strings.HasPrefix(p.ev.tooMany[0], "More than 40") || len(p.eventMarkers()) != 0 {
		t.Errorf("too many events: note %q, %d markers", p.ev.tooMany, len(p.eventMarkers()))
	}
}

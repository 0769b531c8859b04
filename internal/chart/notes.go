package chart

import (
	"fmt"
	"strings"

	"catracker/data"
	"catracker/i18n"
)

// Notes under a chart say what its bars or lines leave out: the estimates
// that are not drawn (all of them under bars, those whose label found no
// room on a line chart), and the new figures of a period that an earlier
// figure had already counted without saying whose they were, which is why
// the part not attributed does not go below zero.

// maxNoteLines is the most lines one note takes under a chart; a longer
// list names its first items and counts the rest.
const maxNoteLines = 2

// shownEstimates are the chart's estimates that fall in its periods.
func shownEstimates(c *data.Chart) []data.EstimatedFigure {
	var out []data.EstimatedFigure
	for _, e := range c.Estimates {
		if e.Period >= 0 && e.Period < len(c.Periods) {
			out = append(out, e)
		}
	}
	return out
}

// estimateItems words each estimate as "about 35 (Central Asia, Feb
// 2023)": its value, area, group when stated, and period.
func estimateItems(c *data.Chart, es []data.EstimatedFigure, l i18n.Language) []string {
	items := make([]string, len(es))
	for i, e := range es {
		where := []string{l.Area(e.Area)}
		if e.Area == data.CA {
			where[0] = l.T("note.area.CA")
		}
		if e.Group != data.GroupUnstated {
			where = append(where, i18n.LowerFirst(l.Group(e.Group)))
		}
		where = append(where, l.Period(c.Periods[e.Period]))
		items[i] = l.T("note.estimate.item", number(l, e.Value), strings.Join(where, ", "))
	}
	return items
}

// estimatesText is the sentence of key about the estimates items, naming
// the first k and counting the rest.
func estimatesText(key string, items []string, k int, l i18n.Language) string {
	// one estimate, or a list: the singular or plural wording
	return l.N(key, min(len(items), 2), listed(items, k, "note.more", l))
}

// reattributed lists the periods of a per-period chart whose new figures an
// earlier figure had already counted, as "Mar 2023 (3)" (or just "Mar
// 2023" when there is one), with the sum over all of them.
func reattributed(c *data.Chart, l i18n.Language) (items []string, total int) {
	f := c.Filter.WithDefaults()
	if f.Cumulative || !f.Family.Counted() {
		return nil, 0
	}
	var periods []int
	for i, v := range c.Reattributed {
		if v > 0 && i < len(c.Periods) {
			periods = append(periods, i)
			total += v
		}
	}
	for _, i := range periods {
		item := l.Period(c.Periods[i])
		if len(periods) > 1 {
			item = fmt.Sprintf("%s (%s)", item, number(l, c.Reattributed[i]))
		}
		items = append(items, item)
	}
	return items, total
}

// reattributedText is the note on the new figures that an earlier figure
// had already counted, naming the first k periods of items; grey adds that
// the grey bar (the part not attributed) therefore stays at zero.
func reattributedText(c *data.Chart, items []string, total, k int, grey bool, l i18n.Language) string {
	f := c.Filter.WithDefaults()
	where := l.T("note.reattributed.area")
	if f.By == data.ByGroup {
		where = l.T("note.reattributed.group")
	}
	more := "note.more." + string(f.Period)
	clause := l.N("note.reattributed."+string(f.Family), total, listed(items, k, more, l), number(l, total), where)
	end := "note.reattributed.end"
	if grey {
		end = "note.reattributed.endGrey"
	}
	return i18n.UpperFirst(l.T(end, clause))
}

// listed joins the first k items and counts the rest with the text of
// key, as in "a, b and 3 more".
func listed(items []string, k int, key string, l i18n.Language) string {
	words := append([]string(nil), items[:k]...)
	if rest := len(items) - k; rest > 0 {
		words = append(words, l.N(key, rest, number(l, rest)))
	}
	return joinAnd(words, l)
}

// fitNote lays out the note that text(k) writes with the first k of n
// items named, naming as many as fit in maxNoteLines lines of maxW (at
// least one, taking more lines if one needs them).
func fitNote(t textStyle, maxW float64, n int, text func(k int) string) []string {
	k := largestFitting(1, n, func(k int) bool {
		return len(t.wrap(text(k), maxW)) <= maxNoteLines
	})
	return t.wrap(text(k), maxW)
}

// largestFitting returns the largest k in lo..hi for which fits holds,
// fits being true up to some k and false after it; lo if it holds for none.
func largestFitting(lo, hi int, fits func(k int) bool) int {
	if fits(hi) {
		return hi
	}
	hi--
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// noteLines lays out the notes under the chart in at most maxW: the
// estimates that are not drawn, then the figures an earlier figure had
// already counted.
func (p *plan) noteLines(maxW float64) []string {
	l, t := p.o.Lang, p.st.note
	var lines []string
	if len(p.noted) > 0 {
		key := "note.estimates.bars"
		if p.kind == kindLines {
			key = "note.estimates.lines"
		}
		items := estimateItems(p.c, p.noted, l)
		lines = append(lines, fitNote(t, maxW, len(items), func(k int) string {
			return estimatesText(key, items, k, l)
		})...)
	}
	if items, total := reattributed(p.c, l); total > 0 {
		grey := false
		for _, s := range p.layers {
			grey = grey || s.code == data.UnattributedCode || s.code == data.UnstatedCode
		}
		lines = append(lines, fitNote(t, maxW, len(items), func(k int) string {
			return reattributedText(p.c, items, total, k, grey, l)
		})...)
	}
	return lines
}

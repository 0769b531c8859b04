package sqlite_test

import (
	"context"
	"slices"
	"testing"

	"catracker/data"
	"catracker/data/sqlite"
)

// TestOutletsAreTheSameEitherWay: a chart names the outlets of its
// incidents' sources the same whether it reads them from its incidents
// (few of them) or asks every outlet (many), for every family, side and
// country of the bundled dataset, including charts no outlet reports.
func TestOutletsAreTheSameEitherWay(t *testing.T) {
	st := bundledStore(t)
	outlets := func(f data.Filter, few int) []string {
		t.Helper()
		defer sqlite.SetFewOutletIncidents(few)()
		c, err := st.Chart(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		return c.Outlets
	}
	deaths := outlets(data.Filter{Family: data.Deaths}, 1<<30)
	if want := []string{"Global Voices", "Jamestown Foundation", "OilPrice.com"}; !slices.Equal(deaths, want) {
		t.Errorf("the deaths chart names %q, want %q", deaths, want)
	}
	named, empty := 0, 0
	bases := []data.Filter{{Family: data.Prosecutions, LatestStage: true}}
	for _, fam := range []data.Family{data.Deaths, data.Prosecutions, data.RecruitmentReports, data.Timeline, data.Captures} {
		bases = append(bases, data.Filter{Family: fam})
	}
	for _, base := range bases {
		for _, side := range []data.Side{data.SideUnknown, data.Russia, data.Ukraine} {
			for _, areas := range [][]data.Area{nil, {data.KG}, {data.TJ, data.UZ}} {
				f := base
				f.Side, f.Areas = side, areas
				few, many := outlets(f, 1<<30), outlets(f, -1)
				if !slices.Equal(few, many) {
					t.Errorf("%+v: %q from the incidents, %q from every outlet", f, few, many)
				}
				if len(few) > 0 {
					named++
				} else {
					empty++
				}
			}
		}
	}
	if named == 0 || empty == 0 {
		t.Errorf("%d charts name outlets and %d none: the cases do not cover both", named, empty)
	}
}

package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"catracker/data"
	"catracker/data/sqlite"
)

// sourcesDB is a database whose sources are the outlets, titles and
// authors below, plus 25 numbered reports of "Outlet P"; the first source
// is cited by three incidents, every other one by one.
func sourcesDB(t *testing.T) *sqlite.Store {
	t.Helper()
	type src struct{ outlet, title, author, date string }
	list := []src{
		{"Азаттык", "Мобилизация в Кыргызстане", "Иван Петров", "2022-10-01"},
		{"Радио Озоди", "Похороны в Душанбе", "", "2022-05"},
		{"Radio Ozodi", "Burials in Dushanbe", "", "2022-05"},
		{"Asia-Plus", "Recruitment ads", "Anna Smith", ""},
		{"Mediazona", "Мобилизация: итоги", "", "2023"},
		{"Asia-Plus", "ÉCOLE report", "", "2023-01"},
	}
	for i := range 25 {
		list = append(list, src{"Outlet P", fmt.Sprintf("Report %02d", i), "", ""})
	}
	var b strings.Builder
	b.WriteString("ref,date,area,kind,count,summary,source_outlet,source_title,source_author,source_date\n")
	for i, s := range list {
		fmt.Fprintf(&b, "r%d,2022-03,KG,death,1,Death %d,%s,%s,%s,%s\n", i, i, s.outlet, s.title, s.author, s.date)
	}
	for i := range 2 {
		s := list[0]
		fmt.Fprintf(&b, "again%d,2022-04,KG,death,1,Another death,%s,%s,%s,%s\n", i, s.outlet, s.title, s.author, s.date)
	}
	st := newStore(t)
	mustImport(t, st, b.String())
	return st
}

func titles(list []data.SourceUse) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.Title)
	}
	return out
}

func TestListSources(t *testing.T) {
	st := sourcesDB(t)
	const all = 31
	reports := func(from, to int) []string {
		var out []string
		for i := from; i < to; i++ {
			out = append(out, fmt.Sprintf("Report %02d", i))
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		q       data.SourceQuery
		matched int
		want    []string // titles of the page
	}{
		{"everything, in outlet and title order", data.SourceQuery{Limit: 6}, all,
			[]string{"Recruitment ads", "ÉCOLE report", "Мобилизация: итоги", "Report 00", "Report 01", "Report 02"}},
		{"no limit means 100", data.SourceQuery{Offset: 29}, all,
			[]string{"Мобилизация в Кыргызстане", "Похороны в Душанбе"}},
		{"offset past the end", data.SourceQuery{Offset: all, Limit: 10}, all, nil},
		{"Cyrillic outlet in another case", data.SourceQuery{Search: "АЗАТТЫК"}, 1, []string{"Мобилизация в Кыргызстане"}},
		{"Cyrillic title in lower case", data.SourceQuery{Search: "мобилизация"}, 2,
			[]string{"Мобилизация: итоги", "Мобилизация в Кыргызстане"}},
		{"Cyrillic author, spaces trimmed", data.SourceQuery{Search: "  иван  "}, 1, []string{"Мобилизация в Кыргызстане"}},
		{"Latin letter with an accent", data.SourceQuery{Search: "école"}, 1, []string{"ÉCOLE report"}},
		{"Latin, either outlet or title", data.SourceQuery{Search: "ozodi"}, 1, []string{"Burials in Dushanbe"}},
		{"author", data.SourceQuery{Search: "SMITH"}, 1, []string{"Recruitment ads"}},
		{"no match", data.SourceQuery{Search: "zzz"}, 0, nil},
		{"first page of a search", data.SourceQuery{Search: "report", Limit: 10}, 26,
			append([]string{"ÉCOLE report"}, reports(0, 9)...)},
		{"middle page of a search", data.SourceQuery{Search: "report", Offset: 10, Limit: 10}, 26, reports(9, 19)},
		{"last, short page of a search", data.SourceQuery{Search: "report", Offset: 20, Limit: 10}, 26, reports(19, 25)},
		{"page ending at the last match", data.SourceQuery{Search: "report", Offset: 16, Limit: 10}, 26, reports(15, 25)},
		{"offset at the number of matches", data.SourceQuery{Search: "report", Offset: 26, Limit: 10}, 26, nil},
		{"offset past the matches", data.SourceQuery{Search: "report", Offset: 100, Limit: 10}, 26, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page, err := st.ListSources(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != all || page.Matched != tc.matched {
				t.Errorf("total %d, matched %d; want %d and %d", page.Total, page.Matched, all, tc.matched)
			}
			if got := titles(page.Sources); !slices.Equal(got, tc.want) {
				t.Errorf("page %q, want %q", got, tc.want)
			}
		})
	}
}

func TestListSourcesCountsIncidents(t *testing.T) {
	st := sourcesDB(t)
	page, err := st.ListSources(context.Background(), data.SourceQuery{Search: "Кыргызстане"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Sources) != 1 {
		t.Fatalf("%d sources, want 1", len(page.Sources))
	}
	s := page.Sources[0]
	if s.Incidents != 3 || s.Outlet != "Азаттык" || s.Author != "Иван Петров" || s.Published.String() != "2022-10-01" || s.ID == 0 {
		t.Errorf("source = %+v, want Азаттык's, cited by 3 incidents", s)
	}
	// Every source of the paged list has the count of the full list.
	full, err := st.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]int{}
	for _, u := range full {
		want[u.ID] = u.Incidents
	}
	for _, q := range []data.SourceQuery{{Limit: 1000}, {Search: "o", Limit: 1000}} {
		page, err := st.ListSources(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range page.Sources {
			if u.Incidents != want[u.ID] {
				t.Errorf("search %q: source %d cited by %d, the full list says %d", q.Search, u.ID, u.Incidents, want[u.ID])
			}
		}
	}
}

// TestListSourcesPagesAgreeWithTheFullList pages through every search with
// several page sizes and compares with the full list searched in memory.
func TestListSourcesPagesAgreeWithTheFullList(t *testing.T) {
	st := sourcesDB(t)
	full, err := st.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(full, func(a, b data.SourceUse) int {
		return strings.Compare(a.Outlet+"\x00"+a.Title+"\x00"+a.Published.String(), b.Outlet+"\x00"+b.Title+"\x00"+b.Published.String())
	})
	for _, search := range []string{"", "o", "REPORT 1", "1 report", "ш", "Душанбе", "p"} {
		var want []data.SourceUse
		for _, s := range full {
			match := true
			for _, w := range strings.Fields(strings.ToLower(search)) {
				match = match && strings.Contains(strings.ToLower(s.Outlet+"\n"+s.Title+"\n"+s.Author), w)
			}
			if match {
				want = append(want, s)
			}
		}
		for _, size := range []int{1, 3, 7, 50} {
			var got []data.SourceUse
			for offset := 0; offset <= len(want); offset += size {
				page, err := st.ListSources(context.Background(), data.SourceQuery{Search: search, Offset: offset, Limit: size})
				if err != nil {
					t.Fatal(err)
				}
				if page.Matched != len(want) {
					t.Fatalf("search %q: %d matched, want %d", search, page.Matched, len(want))
				}
				got = append(got, page.Sources...)
			}
			if !slices.Equal(got, want) {
				t.Errorf("search %q in pages of %d:\n got %q\nwant %q", search, size, titles(got), titles(want))
			}
		}
	}
}

func TestOutlets(t *testing.T) {
	st := newStore(t)
	if got, err := st.Outlets(context.Background()); err != nil || len(got) != 0 {
		t.Errorf("empty database: outlets %q, %v; want none", got, err)
	}
	st = sourcesDB(t)
	got, err := st.Outlets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Asia-Plus", "Mediazona", "Outlet P", "Radio Ozodi", "Азаттык", "Радио Озоди"}
	if !slices.Equal(got, want) {
		t.Errorf("outlets %q, want %q", got, want)
	}
}

func TestListSourcesOfAnEmptyDatabase(t *testing.T) {
	st := newStore(t)
	for _, q := range []data.SourceQuery{{}, {Search: "x", Offset: 5}} {
		page, err := st.ListSources(context.Background(), q)
		if err != nil || page.Total != 0 || page.Matched != 0 || len(page.Sources) != 0 {
			t.Errorf("search %q: %+v, %v; want an empty page", q.Search, page, err)
		}
	}
}

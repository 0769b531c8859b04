package data

import (
	"strings"
	"testing"
)

func TestSourceSearch(t *testing.T) {
	fields := []string{
		"Asia-Plus\nRecruitment ads\nAnna Smith",
		"Азаттык\nМобилизация в Кыргызстане\nИван Петров",
		"Radio Ozodi\nÉCOLE report\n",
		"Outlet\nKelvin \u212a\n",
		"Outlet\nTitle\n",
		"",
	}
	for _, tc := range []struct {
		search string
		want   []bool // for each of fields
	}{
		{"", []bool{true, true, true, true, true, true}},
		{"  ", []bool{true, true, true, true, true, true}},
		{"asia-plus", []bool{true, false, false, false, false, false}},
		{"ANNA SMITH", []bool{true, false, false, false, false, false}},
		{"мобилизация", []bool{false, true, false, false, false, false}},
		{" ИВАН ", []bool{false, true, false, false, false, false}},
		{"école", []bool{false, false, true, false, false, false}},
		{"kelvin k", []bool{false, false, false, true, false, false}},
		{"\u212a", []bool{false, false, false, true, false, false}}, // folds to an ASCII k
		{"t", []bool{true, false, true, true, true, false}},
		{"ads\nanna", []bool{true, false, false, false, false, false}}, // fields are joined by newlines
		{"titlex", []bool{false, false, false, false, false, false}},
		{"smith asia", []bool{true, false, false, false, false, false}},     // words in any order and field
		{"asia ozodi", []bool{false, false, false, false, false, false}},    // every word must be there
		{"петров азаттык", []bool{false, true, false, false, false, false}}, // in any script
		{"report ÉCOLE", []bool{false, false, true, false, false, false}},
	} {
		s := NewSourceSearch(tc.search)
		for i, f := range fields {
			want := true
			for _, w := range strings.Fields(strings.ToLower(tc.search)) {
				want = want && strings.Contains(strings.ToLower(f), w)
			}
			if want != tc.want[i] {
				t.Fatalf("the table is wrong for %q in %q", tc.search, f)
			}
			if got := s.Match(f); got != want {
				t.Errorf("search %q in %q = %v, want %v", tc.search, f, got, want)
			}
		}
		if all := strings.TrimSpace(tc.search) == ""; s.All() != all {
			t.Errorf("search %q: All() = %v, want %v", tc.search, s.All(), all)
		}
	}
}

package i18n

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"catracker/data"
)

// pluralForms are the CLDR plural categories each language needs.
var pluralForms = map[Language][]string{
	English: {"one", "other"},
	Russian: {"one", "few", "many", "other"},
}

// everyCatalogue is the texts of every language.
func everyCatalogue() map[Language]map[string]message {
	c := map[Language]map[string]message{}
	for _, l := range Languages {
		c[l] = catalogue(l)
	}
	return c
}

func TestEveryKeyIsInEveryLanguageAndNoTextIsEmpty(t *testing.T) {
	c := everyCatalogue()
	for _, l := range Languages {
		for key, m := range c[l] {
			for _, other := range Languages {
				if _, ok := c[other][key]; !ok {
					t.Errorf("%s has %q but %s lacks it", l, key, other)
				}
			}
			if len(m.forms) == 0 {
				t.Errorf("%s %q has no text", l, key)
			}
			for form, text := range m.forms {
				if text == "" {
					t.Errorf("%s %q (%s) is empty", l, key, form)
				}
			}
		}
	}
}

func TestPluralTextsHaveEveryFormOfTheLanguage(t *testing.T) {
	c := everyCatalogue()
	for _, l := range Languages {
		for key, m := range c[l] {
			plural := len(m.forms) > 1
			for _, other := range Languages {
				if o, ok := c[other][key]; ok && len(o.forms) > 1 {
					plural = true
				}
			}
			if !plural {
				continue
			}
			for _, form := range pluralForms[l] {
				if _, ok := m.forms[form]; !ok {
					t.Errorf("%s %q lacks its %q form", l, key, form)
				}
			}
		}
	}
}

// verb matches a fmt verb with an optional explicit argument index.
var verb = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// verbs lists the verb that each argument of text takes, in argument
// order.
func verbs(text string) map[int]string {
	out := map[int]string{}
	next := 1
	for _, m := range verb.FindAllStringSubmatch(text, -1) {
		if m[2] == "%" {
			continue
		}
		if m[1] != "" {
			next, _ = strconv.Atoi(m[1])
		}
		out[next] = m[2]
		next++
	}
	return out
}

func TestTranslationsTakeTheSameArguments(t *testing.T) {
	c := everyCatalogue()
	for key, m := range c[English] {
		want := verbs(m.forms["other"])
		for _, l := range Languages {
			for form, text := range c[l][key].forms {
				got := verbs(text)
				if len(got) != len(want) {
					t.Errorf("%s %q (%s) takes %v, English takes %v", l, key, form, got, want)
					continue
				}
				for i, v := range want {
					if got[i] != v {
						t.Errorf("%s %q (%s) takes %v, English takes %v", l, key, form, got, want)
						break
					}
				}
			}
		}
	}
}

// The English catalogue names data values as the data layer does, so
// that English charts and files do not change.
func TestEnglishNamesMatchTheDataLayer(t *testing.T) {
	for _, a := range data.Areas {
		if got := English.Area(a); got != a.Name() {
			t.Errorf("English.Area(%s) = %q, data says %q", a, got, a.Name())
		}
	}
	for _, ci := range data.Channels {
		if got := English.Channel(ci.Code); got != ci.Label {
			t.Errorf("English.Channel(%s) = %q, data says %q", ci.Code, got, ci.Label)
		}
	}
	for k, want := range map[data.PeriodKey]string{
		{Unit: data.PerMonth, N: 2022*12 + 4}:  "May 2022",
		{Unit: data.PerMonth, N: 2021*12 + 11}: "Dec 2021",
		{Unit: data.PerQuarter, N: 2022*4 + 1}: "Q2 2022",
		{Unit: data.PerQuarter, N: 2023*4 + 3}: "Q4 2023",
		{Unit: data.PerYear, N: 2024}:          "2024",
	} {
		if got := English.Period(k); got != want {
			t.Errorf("English.Period(%v) = %q, want %q", k, got, want)
		}
	}
	for _, g := range append([]data.Group{data.GroupUnstated}, data.Groups...) {
		if got := English.Group(g); got != g.Name() {
			t.Errorf("English.Group(%q) = %q, data says %q", g, got, g.Name())
		}
		if got := English.Series(data.Series{Code: g.Code()}); got != g.Name() {
			t.Errorf("English.Series(%s) = %q, data says %q", g.Code(), got, g.Name())
		}
	}
	for _, s := range data.Stages {
		if got := English.Series(data.Series{Code: string(s)}); got != English.Stage(s) {
			t.Errorf("English.Series(%s) = %q, want the stage's name %q", s, got, English.Stage(s))
		}
	}
	if got := English.Method(); !slices.Equal(got, data.Method) {
		t.Errorf("English.Method() = %q, data.Method = %q", got, data.Method)
	}
}

func TestRussianNames(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Russian.Area(data.KG), "Кыргызстан"},
		{Russian.Channel("prison"), "Вербовка в тюрьмах («Вагнер»)"},
		{Russian.Channel("bus_stop_ads"), "bus_stop_ads"},
		{Russian.Month(2022*12 + 4), "май 2022"},
		{Russian.Period(data.PeriodKey{Unit: data.PerQuarter, N: 2022*4 + 1}), "2 кв. 2022"},
		{Russian.Series(data.Series{Code: data.UnattributedCode}), "Центральная Азия, без привязки к стране"},
		{Russian.Series(data.Series{Code: "custom", Label: "Custom"}), "Custom"},
		{Russian.Stage(data.Sentence), "Приговор"},
		{Russian.Group(data.Prisoners), "Заключённые"},
		{Russian.Group(data.GroupUnstated), "Группа не указана"},
		{Russian.Series(data.Series{Code: data.UnstatedCode, Label: "Group not stated"}), "Группа не указана"},
		{Russian.Series(data.Series{Code: string(data.Mobilised)}), "Мобилизованные"},
		{Russian.Series(data.Series{Code: string(data.Retrial)}), "Пересмотр дела"},
		{UpperFirst(Russian.Month(2023*12 + 2)), "Мар 2023"},
		{UpperFirst(""), ""},
		{LowerFirst(Russian.Stage(data.Sentence)), "приговор"},
		{LowerFirst(""), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	var abbr []string
	for m := range 12 {
		abbr = append(abbr, Russian.MonthAbbr(m))
	}
	if got := strings.Join(abbr, " "); got != "янв фев мар апр май июн июл авг сен окт ноя дек" {
		t.Errorf("Russian months = %q", got)
	}
}

func TestPlurals(t *testing.T) {
	for _, tc := range []struct {
		l    Language
		n    int
		want string
	}{
		{English, 1, "1 incident"}, {English, 0, "0 incidents"}, {English, 1234, "1,234 incidents"},
		{Russian, 1, "1 инцидент"}, {Russian, 3, "3 инцидента"}, {Russian, 5, "5 инцидентов"},
		{Russian, 11, "11 инцидентов"}, {Russian, 12, "12 инцидентов"}, {Russian, 21, "21 инцидент"},
		{Russian, 22, "22 инцидента"}, {Russian, 111, "111 инцидентов"}, {Russian, 1234, "1\u00a0234 инцидента"},
	} {
		if got := tc.l.N("count.incidents", tc.n, tc.l.Number(tc.n)); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.l, tc.n, got, tc.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for v, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4: "−4", -12000: "−12,000"} {
		if got := English.Number(v); got != want {
			t.Errorf("English.Number(%d) = %q, want %q", v, got, want)
		}
	}
	if got := Russian.Number(-1234567); got != "−1\u00a0234\u00a0567" {
		t.Errorf("Russian.Number = %q", got)
	}
}

func TestLanguages(t *testing.T) {
	for locale, want := range map[string]Language{
		"ru-RU": Russian, "ru_RU.UTF-8": Russian, "RU": Russian, "en-GB": English,
		"de-DE": English, "": English, "C": English,
	} {
		if got := Match(locale); got != want {
			t.Errorf("Match(%q) = %s, want %s", locale, got, want)
		}
	}
	if l, err := Parse(" RU "); err != nil || l != Russian {
		t.Errorf("Parse(RU) = %s, %v", l, err)
	}
	if _, err := Parse("fr"); err == nil {
		t.Error("Parse(fr) succeeded")
	}
	if got := Language("").T("axis.month"); got != "Month" {
		t.Errorf("the zero language says %q, want English", got)
	}
	if got := Russian.T("no.such.key"); got != "no.such.key" {
		t.Errorf("a missing key gives %q, want the key", got)
	}
	if Russian.Name() != "Русский" || English.Name() != "English" {
		t.Errorf("names %q, %q", Russian.Name(), English.Name())
	}
}

func TestCitationInEachLanguage(t *testing.T) {
	s := data.Source{Outlet: "Kloop", Title: "Burials", CitedAs: "Radio Azattyk"}
	if got, want := English.Citation(s), "Kloop, “Burials” (citing Radio Azattyk)"; got != want || got != s.Citation() {
		t.Errorf("English citation %q, want %q", got, want)
	}
	if got, want := Russian.Citation(s), "Kloop, “Burials” (со ссылкой на Radio Azattyk)"; got != want {
		t.Errorf("Russian citation %q, want %q", got, want)
	}
}

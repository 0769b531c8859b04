package data

import (
	"errors"
	"strings"
	"testing"
)

func TestParseUserDate(t *testing.T) {
	ok := map[string]string{
		"2023-03-15":          "2023-03-15",
		"2023-3-5":            "2023-03-05",
		"2023-3":              "2023-03",
		"2023":                "2023",
		"15.03.2023":          "2023-03-15",
		"5.3.2023":            "2023-03-05",
		"03.2023":             "2023-03",
		"2023.03.15":          "2023-03-15",
		"June 2022":           "2022-06",
		"june 2022":           "2022-06",
		"Jun 2022":            "2022-06",
		"Sept 2022":           "2022-09",
		"15 March 2023":       "2023-03-15",
		"March 15, 2023":      "2023-03-15",
		"июнь 2022":           "2022-06",
		"Июнь 2022":           "2022-06",
		"15 марта 2023":       "2023-03-15",
		"15 марта 2023 г.":    "2023-03-15",
		"15 марта 2023 года":  "2023-03-15",
		"2023 г.":             "2023",
		"сент. 2022":          "2022-09",
		"  21 сентября 2022 ": "2022-09-21",
	}
	for in, want := range ok {
		d, err := ParseUserDate(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseUserDate(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	bad := map[string]string{
		"03/04/2023":     "ambiguous",
		"4/3/2023":       "ambiguous",
		"31.02.2023":     "day.month.year",
		"2023-2-30":      "28 days",
		"15 Smarch 2023": "not a month",
		"March":          "needs a month and a year",
		"15.13.2023":     "day.month.year",
		"":               "empty",
		"yesterday":      "not a month or a number",
		"15 March 23":    "not a date",
	}
	for in, why := range bad {
		_, err := ParseUserDate(in)
		if err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("ParseUserDate(%q) = %v; want a refusal saying %q", in, err, why)
			continue
		}
		if why != "28 days" && !strings.Contains(err.Error(), "15.03.2023") {
			t.Errorf("ParseUserDate(%q): the refusal does not list the accepted forms: %v", in, err)
		}
	}
}

// Every refusal of a date says why in a form an app can translate, and
// keeps the code EINVALID.
func TestRefusedDatesSayWhy(t *testing.T) {
	for in, want := range map[string]DateError{
		"03/04/2023": {Problem: DateAmbiguous},
		"2023-2-30":  {Problem: DateNoSuchDay, Days: 28},
		"2024-02-30": {Problem: DateNoSuchDay, Days: 29},
		"1850-03":    {Problem: DateYearOutOfRange},
		"15.13.2023": {Problem: DateNotRead},
		"yesterday":  {Problem: DateNotRead},
		"":           {Problem: DateNotRead},
	} {
		_, err := ParseUserDate(in)
		var got *DateError
		if !errors.As(err, &got) || got.Problem != want.Problem || got.Days != want.Days || ErrorCode(err) != EINVALID {
			t.Errorf("ParseUserDate(%q) = %#v, want problem %d with %d days", in, err, want.Problem, want.Days)
		}
	}
}

func TestParseAreaInRussianAndOwnLanguages(t *testing.T) {
	for in, want := range map[string]Area{"Кыргызстан": KG, "КАЗАХСТАН": KZ, "Таджикистан": TJ, "узбекистан": UZ,
		"Туркменистан": TM, "Центральная Азия": CA, "Россия": RU, "Қазақстан": KZ, "Oʻzbekiston": UZ, "Тоҷикистон": TJ} {
		if got, err := ParseArea(in); err != nil || got != want {
			t.Errorf("ParseArea(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
}

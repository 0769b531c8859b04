package data

import (
	"fmt"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		end     string
		wantErr bool
	}{
		{"2022-05-14", "2022-05-14", "2022-05-14", false},
		{"2022-03", "2022-03", "2022-03-31", false},
		{"2024-02", "2024-02", "2024-02-29", false},
		{"2023", "2023", "2023-12-31", false},
		{" 2023-01-09 ", "2023-01-09", "2023-01-09", false},
		{"2023-02-30", "", "", true},
		{"2023-02-29", "", "", true},
		{"31/02/2023", "", "", true},
		{"23-05-2023", "", "", true},
		{"2023-13", "", "", true},
		{"2023-00", "", "", true},
		{"2023-1-5", "", "", true},
		{"", "", "", true},
		{"abcd", "", "", true},
		{"1850", "", "", true},
		{"2023-05-14T00:00", "", "", true},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if tt.wantErr {
			if ErrorCode(err) != EINVALID {
				t.Errorf("ParseDate(%q) code = %s, want invalid", tt.in, ErrorCode(err))
			}
			continue
		}
		if d.String() != tt.want || d.End().Format(time.DateOnly) != tt.end {
			t.Errorf("ParseDate(%q) = %s ending %s, want %s ending %s", tt.in, d, d.End().Format(time.DateOnly), tt.want, tt.end)
		}
	}
}

func TestParseArea(t *testing.T) {
	for in, want := range map[string]Area{
		"KG": KG, "kg": KG, "Kyrgyzstan": KG, "KYRGYZSTAN": KG, " tajikistan ": TJ, "uz": UZ,
		"Turkmenistan": TM, "central asia": CA, "Russia": RU, "kz": KZ,
	} {
		if got, err := ParseArea(in); err != nil || got != want {
			t.Errorf("ParseArea(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"Kirgizia", "", "XX", "Afghanistan"} {
		if _, err := ParseArea(in); err == nil {
			t.Errorf("ParseArea(%q) accepted an unknown country", in)
		}
	}
}

func TestValidate(t *testing.T) {
	one := 1
	neg := -3
	good := func() Incident {
		return Incident{Ref: "r1", Date: Date{Year: 2022, Month: 3}, Area: TJ, Kind: Death, Basis: Event,
			Count: &one, Summary: "s", Sources: []Source{{Outlet: "o"}}}
	}
	if err := (func() *Incident { i := good(); return &i }()).Validate(); err != nil {
		t.Fatalf("good incident rejected: %v", err)
	}
	tests := []struct {
		field string
		edit  func(*Incident)
	}{
		{"ref", func(i *Incident) { i.Ref = " " }},
		{"count", func(i *Incident) { i.Count = &neg }},
		{"channel", func(i *Incident) { i.Channel = "prison" }},
		{"stage", func(i *Incident) { i.Stage = Sentence }},
		{"stage", func(i *Incident) { i.Kind = Prosecution }},
		{"channel", func(i *Incident) { i.Kind = Recruitment }},
		{"summary", func(i *Incident) { i.Summary = "" }},
		{"source_outlet", func(i *Incident) { i.Sources = nil }},
		{"source_outlet", func(i *Incident) { i.Sources = []Source{{Title: "no outlet"}} }},
		{"basis", func(i *Incident) { i.Basis = "guess" }},
		{"summary", func(i *Incident) { i.Summary = "bad \xff utf8" }},
	}
	for _, tt := range tests {
		inc := good()
		tt.edit(&inc)
		err := inc.Validate()
		var ve *ValidationError
		if err == nil || !asValidation(err, &ve) || ve.Field != tt.field || ErrorCode(err) != EINVALID {
			t.Errorf("edit of %s: Validate() = %v, want an invalid-%s error", tt.field, err, tt.field)
		}
	}
}

func asValidation(err error, target **ValidationError) bool {
	ve, ok := err.(*ValidationError)
	*target = ve
	return ok
}

// TestDateStringIsZeroPaddedAtItsPrecision compares String with fmt's
// zero-padded form over every kind of date, the usual ones written digit
// by digit and the odd ones through fmt.
func TestDateStringIsZeroPaddedAtItsPrecision(t *testing.T) {
	for _, year := range []int{-5, 0, 1, 9, 10, 99, 100, 999, 1000, 2022, 9999, 10000, 123456} {
		for _, month := range []int{0, 1, 9, 10, 12, 99, 100, -1} {
			for _, day := range []int{0, 1, 9, 10, 31, 99, 100, -1} {
				d := Date{Year: year, Month: month, Day: day}
				want := fmt.Sprintf("%04d", year)
				switch {
				case day != 0:
					want = fmt.Sprintf("%04d-%02d-%02d", year, month, day)
				case month != 0:
					want = fmt.Sprintf("%04d-%02d", year, month)
				}
				if got := d.String(); got != want {
					t.Errorf("%#v.String() = %q, want %q", d, got, want)
				}
			}
		}
	}
}

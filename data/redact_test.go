package data

import "testing"

func TestRedactor(t *testing.T) {
	r := NewRedactor([]string{"Askar Kubanychbek-uulu", "askar kubanychbek-uulu", "Baurzhan Urazov", " "})
	inc := Incident{Person: "ASKAR KUBANYCHBEK-UULU", Summary: "Askar Kubanychbek-uulu was sentenced; Baurzhan Urazov fights.",
		Notes: "see askar kubanychbek-uulu", Sources: []Source{{Title: "Court frees Askar Kubanychbek-uulu", Outlet: "Kloop"}}}
	got := r.Incident(inc)
	if got.Person != "Person 1" {
		t.Errorf("person = %q, want Person 1", got.Person)
	}
	if want := "[name withheld] was sentenced; [name withheld] fights."; got.Summary != want {
		t.Errorf("summary = %q, want %q", got.Summary, want)
	}
	if got.Notes != "see [name withheld]" || got.Sources[0].Title != "Court frees [name withheld]" {
		t.Errorf("notes %q, title %q", got.Notes, got.Sources[0].Title)
	}
	if inc.Sources[0].Title != "Court frees Askar Kubanychbek-uulu" {
		t.Error("Incident changed its argument's sources")
	}
	if other := r.Incident(Incident{Person: "Baurzhan Urazov"}); other.Person != "Person 2" {
		t.Errorf("second person = %q, want Person 2", other.Person)
	}
	if NewRedactor(nil).Text("Nobody named") != "Nobody named" {
		t.Error("an empty redactor changed text")
	}
	var none *Redactor
	if got := none.Incident(inc); got.Person != inc.Person || got.Summary != inc.Summary {
		t.Error("a nil redactor changed an incident")
	}
}

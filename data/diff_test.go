package data

import "testing"

// TestChangesNameAChangedHeadline: the import preview lists a changed
// headline like any other column.
func TestChangesNameAChangedHeadline(t *testing.T) {
	a := &Incident{Ref: "r", Summary: "s", Headline: "Old headline"}
	b := &Incident{Ref: "r", Summary: "s", Headline: "New headline"}
	got := Changes(a, b)
	if len(got) != 1 || got[0].Column != "headline" || got[0].Old != "Old headline" || got[0].New != "New headline" {
		t.Errorf("Changes = %+v", got)
	}
}

package dataset_test

import (
	"errors"
	"io"
	"testing"
	"unicode/utf8"

	"catracker/data/csvio"
	"catracker/data/dataset"
)

// TestEveryEventHasAHeadline checks that time charts can label every
// policy and warning of the bundled dataset with a short headline.
func TestEveryEventHasAHeadline(t *testing.T) {
	r, err := csvio.NewReader(dataset.Open(), dataset.Name)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		inc, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !inc.Kind.IsEvent() {
			continue
		}
		n++
		if l := utf8.RuneCountInString(inc.Headline); l == 0 || l > 45 {
			t.Errorf("%s: headline %q has %d characters; every policy and warning needs one of about 40", inc.Ref, inc.Headline, l)
		}
	}
	if n == 0 {
		t.Error("the bundled dataset has no policy or warning")
	}
}

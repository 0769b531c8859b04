package csvio

import (
	"fmt"
	"testing"
)

// TestRefIndexThroughGrowth adds enough refs for the table to grow many
// times and across chunks: every ref used again is found with the row of
// its first use, and no new ref is taken for one used before.
func TestRefIndexThroughGrowth(t *testing.T) {
	var x refIndex
	const n = 3 * refChunk
	for i := range n {
		row := i + 2
		ref := fmt.Sprint("ref-", i)
		if i%10 == 9 {
			ref = "" // a row without a ref
		}
		if first := x.add(row, ref); first != 0 {
			t.Fatalf("row %d: new ref %q found in row %d", row, ref, first)
		}
	}
	if x.used > len(x.slots)/5*4 || len(x.slots) > 2*x.used {
		t.Errorf("%d refs in %d slots", x.used, len(x.slots))
	}
	for i := 0; i < n; i += 997 {
		ref := fmt.Sprint("ref-", i)
		want := i + 2
		if i%10 == 9 {
			want = 0 // the first use is this one
		}
		if first := x.add(n+2+i, ref); first != want {
			t.Errorf("ref %q used again: first row %d, want %d", ref, first, want)
		}
	}
}

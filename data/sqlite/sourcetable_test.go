package sqlite

import (
	"math/rand/v2"
	"testing"
	"unsafe"
)

// randomKeys returns n distinct keys drawn from a fixed seed, as the
// writer's hashes would give them.
func randomKeys(n int) []sourceKey {
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[sourceKey]bool{}
	var keys []sourceKey
	for len(keys) < n {
		k := sourceKey{a: max(r.Uint64(), 1), b: r.Uint32()}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// checkTable compares t with want: every source found with its id and
// author, the count, the keys listed once each, and no more than 7/8 of
// the slots, a power of two of them, in use.
func checkTable(t *testing.T, tab *sourceTable, want map[sourceKey]storedSource) {
	t.Helper()
	for k, s := range want {
		if got, ok := tab.get(k); !ok || got != s {
			t.Fatalf("get(%v) = %v, %v; want %v", k, got, ok, s)
		}
	}
	if tab.n != len(want) {
		t.Errorf("the table counts %d sources, want %d", tab.n, len(want))
	}
	listed := map[sourceKey]int{}
	for k := range tab.keys() {
		listed[k]++
	}
	if len(listed) != len(want) {
		t.Errorf("keys lists %d keys, want %d", len(listed), len(want))
	}
	for k, n := range listed {
		if _, ok := want[k]; !ok || n != 1 {
			t.Errorf("keys lists %v %d times (held: %v), want once for a held key", k, n, ok)
		}
	}
	if size := len(tab.slots); size&(size-1) != 0 || len(want) > size/8*7 {
		t.Errorf("%d sources in %d slots, want a power of two at most 7/8 full", len(want), size)
	}
}

// TestSourceTable fills a table to its limit with sources, changes some,
// and checks at every step that it holds exactly what was put, growing
// as it fills but never beyond the slots its limit needs.
func TestSourceTable(t *testing.T) {
	const limit = 3000
	tab := newSourceTable(limit)
	want := map[sourceKey]storedSource{}
	keys := randomKeys(limit + 1)
	for i, k := range keys[:limit] {
		if tab.full() {
			t.Fatalf("full at %d sources, want room for %d", i, limit)
		}
		if _, ok := tab.get(k); ok {
			t.Fatalf("source %d found before it was put", i)
		}
		s := storedSource{id: int64(i + 1), author: uint32(i % 3)}
		tab.put(k, s)
		want[k] = s
		if i%500 == 0 {
			checkTable(t, tab, want)
		}
	}
	if !tab.full() {
		t.Errorf("not full at its limit of %d sources", limit)
	}
	if _, ok := tab.get(keys[limit]); ok {
		t.Errorf("a source never put is found")
	}
	if len(tab.slots) != slotsFor(limit) {
		t.Errorf("%d slots for %d sources, want %d", len(tab.slots), limit, slotsFor(limit))
	}
	// A full table still takes changes to the sources it holds.
	for i := 0; i < limit; i += 50 {
		k, s := keys[i], storedSource{id: int64(i + 1), author: 7}
		tab.put(k, s)
		want[k] = s
	}
	checkTable(t, tab, want)
}

// TestSourceTableCollisions puts keys that share their first word, keys
// that start probing at the same slot and keys that start at the last
// slot and wrap around to the first: each is its own source.
func TestSourceTableCollisions(t *testing.T) {
	tab := newSourceTable(40)
	size := uint64(len(tab.slots))
	want := map[sourceKey]storedSource{}
	var keys []sourceKey
	for i := range uint64(6) {
		keys = append(keys,
			sourceKey{a: 5, b: uint32(i)},               // the same first word
			sourceKey{a: 9 + i*size, b: 1},              // the same first slot
			sourceKey{a: size - 1 + i*size, b: 2},       // the last slot, then the first ones
			sourceKey{a: size - 1 + i*size, b: 3 << 30}, // and the same word again
		)
	}
	for i, k := range keys {
		s := storedSource{id: int64(i + 1), author: uint32(i)}
		tab.put(k, s)
		want[k] = s
	}
	if uint64(len(tab.slots)) != size {
		t.Fatalf("the table grew from %d to %d slots; the keys no longer collide", size, len(tab.slots))
	}
	checkTable(t, tab, want)
	for _, k := range []sourceKey{{a: 5, b: 6}, {a: 9 + 7*size, b: 1}, {a: size - 1, b: 4}} {
		if s, ok := tab.get(k); ok {
			t.Errorf("get(%v) = %v for a key never put", k, s)
		}
	}
}

// TestSourceTableReserve gives a table the size of the sources to come:
// putting them needs no new slots, and a table never takes more slots
// than its limit needs.
func TestSourceTableReserve(t *testing.T) {
	tab := newSourceTable(10_000)
	tab.reserve(2_000)
	if len(tab.slots) != slotsFor(2_000) {
		t.Errorf("%d slots reserved for 2,000 sources, want %d", len(tab.slots), slotsFor(2_000))
	}
	first := &tab.slots[0]
	want := map[sourceKey]storedSource{}
	for i, k := range randomKeys(2_000) {
		tab.put(k, storedSource{id: int64(i + 1)})
		want[k] = storedSource{id: int64(i + 1)}
	}
	if &tab.slots[0] != first {
		t.Errorf("the table moved to new slots while filling what was reserved")
	}
	checkTable(t, tab, want)
	tab.reserve(1_000_000)
	if len(tab.slots) != slotsFor(10_000) {
		t.Errorf("%d slots after reserving beyond the limit, want %d", len(tab.slots), slotsFor(10_000))
	}
	checkTable(t, tab, want)
}

// TestSourceTableReset empties a full table: it forgets every source and
// takes as many new ones in the slots it has.
func TestSourceTableReset(t *testing.T) {
	const limit = 100
	tab := newSourceTable(limit)
	keys := randomKeys(2 * limit)
	for i, k := range keys[:limit] {
		tab.put(k, storedSource{id: int64(i + 1)})
	}
	size := len(tab.slots)
	tab.reset()
	if tab.full() {
		t.Errorf("full once emptied")
	}
	checkTable(t, tab, nil)
	want := map[sourceKey]storedSource{}
	for i, k := range keys[limit:] {
		tab.put(k, storedSource{id: int64(i + 1)})
		want[k] = storedSource{id: int64(i + 1)}
	}
	if len(tab.slots) != size {
		t.Errorf("%d slots after refilling, want the %d it had", len(tab.slots), size)
	}
	checkTable(t, tab, want)
}

// TestSourceSlotSize checks the memory a full table of the writer's
// takes: 24 bytes a slot, 24 MiB at maxCachedSources.
func TestSourceSlotSize(t *testing.T) {
	if got := unsafe.Sizeof(sourceSlot{}); got != 24 {
		t.Errorf("a slot takes %d bytes, want 24", got)
	}
	if got := uintptr(slotsFor(maxCachedSources)) * unsafe.Sizeof(sourceSlot{}); got > 24<<20 {
		t.Errorf("a full table takes %d bytes, want at most 24 MiB", got)
	}
}

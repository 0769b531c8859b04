package sqlite

import "iter"

// sourceTable is the writer's record of the sources it has stored: by
// key, each one's id and the hash of its author. It is a hash table of
// its own, with open addressing and linear probing, rather than a Go
// map, because a large import holds hundreds of thousands of sources in
// it (one for each distinct source of its file), and a Go map of the
// same keys and values cost some 64 bytes a source there (29 MB for
// 458,752): its slots take 32 bytes and a control byte each, in tables
// from half to 7/8 full. Here a source costs one flat slot of 24 bytes
// with no pointers, and the slots of a table that has doubled are between
// 7/16 and 7/8 full: 27 to 55 bytes a source.
//
// It starts small and doubles when it is 7/8 full, up to the number of
// slots that holds limit sources, and then it is full (see full): the
// writer then empties it (see reset) and finds the sources it forgot in
// the database. A doubling holds the old slots and the new ones for a
// moment, half as much again as the new ones alone; a table can be given
// its size at once when the number of sources is known (see reserve).
type sourceTable struct {
	slots []sourceSlot // a power of two of them
	n     int          // sources held
	limit int          // sources held at most
}

// sourceSlot is one slot of a sourceTable: 24 bytes, where a key of two
// whole words, an id and a hash of 64 bits would take 32. A key's first
// word is 0 only in an empty slot (see sourceKey).
type sourceSlot struct {
	a      uint64 // the key's first word
	id     int64
	b      uint32 // the key's second word
	author uint32
}

// minSourceSlots is how many slots a table starts with: an edit stores a
// few sources, an import many.
const minSourceSlots = 64

// newSourceTable makes an empty table that holds at most limit sources.
func newSourceTable(limit int) *sourceTable {
	return &sourceTable{slots: make([]sourceSlot, min(minSourceSlots, slotsFor(limit))), limit: limit}
}

// slotsFor returns the number of slots that holds n sources: the
// smallest power of two of which n is at most 7/8.
func slotsFor(n int) int {
	slots := 8
	for slots/8*7 < n {
		slots *= 2
	}
	return slots
}

// full reports whether the table holds as many sources as it may: a new
// one can only go in once it has been emptied.
func (t *sourceTable) full() bool { return t.n >= t.limit }

// get returns the source with key, if the table holds it.
func (t *sourceTable) get(key sourceKey) (storedSource, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := key.a & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.a == key.a && s.b == key.b {
			return storedSource{id: s.id, author: s.author}, true
		}
		if s.a == 0 {
			return storedSource{}, false
		}
	}
}

// put records the source with key, or changes what the table holds of
// it. A new source goes in only when the table is not full: the caller
// checks first.
func (t *sourceTable) put(key sourceKey, src storedSource) {
	if t.n >= len(t.slots)/8*7 && len(t.slots) < slotsFor(t.limit) {
		t.resize(len(t.slots) * 2)
	}
	if t.set(key, src) {
		t.n++
	}
}

// set is put without growth: it reports whether the source is new to the
// table. There is always an empty slot, as the table is never more than
// 7/8 full.
func (t *sourceTable) set(key sourceKey, src storedSource) bool {
	mask := uint64(len(t.slots) - 1)
	for i := key.a & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.a == 0 || (s.a == key.a && s.b == key.b) {
			added := s.a == 0
			*s = sourceSlot{a: key.a, id: src.id, b: key.b, author: src.author}
			return added
		}
	}
}

// reserve gives the table, at once, the slots that hold n sources (at
// most its limit), so that filling it with them needs no doubling.
func (t *sourceTable) reserve(n int) {
	if want := slotsFor(min(n, t.limit)); want > len(t.slots) {
		t.resize(want)
	}
}

// resize moves the sources into a table of size slots.
func (t *sourceTable) resize(size int) {
	old := t.slots
	t.slots = make([]sourceSlot, size)
	for i := range old {
		if s := &old[i]; s.a != 0 {
			t.set(sourceKey{a: s.a, b: s.b}, storedSource{id: s.id, author: s.author})
		}
	}
}

// reset empties the table, keeping its slots for the sources to come.
func (t *sourceTable) reset() {
	clear(t.slots)
	t.n = 0
}

// keys yields the key of every source the table holds.
func (t *sourceTable) keys() iter.Seq[sourceKey] {
	return func(yield func(sourceKey) bool) {
		for i := range t.slots {
			if s := &t.slots[i]; s.a != 0 && !yield(sourceKey{a: s.a, b: s.b}) {
				return
			}
		}
	}
}

package csvio

import "hash/maphash"

// refIndex finds the refs that a file uses more than once, row by row, so
// that a second use is reported with its row and the row of the first.
//
// It keeps a 64-bit hash of each row's ref instead of the ref: a million
// refs of 20 bytes kept as strings in a map take about 100 MB, and even a
// Go map from hash to row takes 38 MB (measured), while an import of a
// million rows must stay within 100 MB in all. Here the hashes sit in row
// order in fixed chunks (8 bytes a row, never copied) and an open
// addressing table holds the row of each distinct hash (4 bytes a slot,
// 1.25 to 1.9 slots a row): about 14 MB for a million rows.
//
// Two different refs share a hash with a probability of 2^-64 per pair;
// with a million refs the chance that a file gets one false report is
// about 3 in 100 million, and the seed is new for every file, so no file
// can be made to collide on purpose. Confirming a match would need the
// refs themselves, which is the memory this saves.
type refIndex struct {
	seed   maphash.Seed
	chunks [][]uint64 // the hash of record i's ref is chunks[i/refChunk][i%refChunk]; 0 for no ref
	n      int        // records added
	row0   int        // the row of record 0
	slots  []uint32   // 1 + the record of each distinct hash; 0 for an empty slot
	used   int        // slots in use
}

// refChunk is how many hashes one chunk holds.
const refChunk = 1 << 16

func (x *refIndex) hash(i int) uint64 { return x.chunks[i/refChunk][i%refChunk] }

// add records the ref of the record at row, blank when the record has
// none, and returns the row of the earlier record with the same ref, or 0.
// Records come one a row, in order.
func (x *refIndex) add(row int, ref string) int {
	if x.n == 0 {
		x.seed = maphash.MakeSeed()
		x.slots = make([]uint32, 1024)
		x.row0 = row
	}
	if x.n%refChunk == 0 {
		x.chunks = append(x.chunks, make([]uint64, refChunk))
	}
	i := x.n
	x.n++
	if ref == "" {
		return 0
	}
	h := maphash.String(x.seed, ref)
	if h == 0 { // 0 means no ref
		h = 1
	}
	x.chunks[i/refChunk][i%refChunk] = h
	for s := x.home(h); ; s = x.next(s) {
		switch v := x.slots[s]; {
		case v == 0:
			x.slots[s] = uint32(i + 1)
			x.used++
			if x.used > len(x.slots)/5*4 {
				x.grow()
			}
			return 0
		case x.hash(int(v-1)) == h:
			return x.row0 + int(v-1)
		}
	}
}

// home is the slot where the search for hash h starts: the table's size
// need not be a power of two, so that it can grow by half at a time.
func (x *refIndex) home(h uint64) int { return int((h >> 32) * uint64(len(x.slots)) >> 32) }

// next is the slot after s.
func (x *refIndex) next(s int) int {
	if s++; s == len(x.slots) {
		return 0
	}
	return s
}

// grow makes the table half as large again, keeping it at most four
// fifths full, and puts every record back in it.
func (x *refIndex) grow() {
	old := x.slots
	x.slots = make([]uint32, len(old)/2*3)
	for _, v := range old {
		if v == 0 {
			continue
		}
		s := x.home(x.hash(int(v - 1)))
		for x.slots[s] != 0 {
			s = x.next(s)
		}
		x.slots[s] = v
	}
}

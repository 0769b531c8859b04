package sqlite

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// An import's Go memory is mostly long-lived tables of numbers: the CSV
// reader's index of refs (some 14 MB at a million rows, growing with the
// file) and the writer's table of sources (at most 24 MB, see
// maxCachedSources, and a filter of 4 MB once it has been full, see
// sourceFilter). A collection need not scan them, so collecting often
// costs little, and two settings keep the heap near them while an import
// runs, both process-wide and set back once no import runs:
//
//   - the garbage collector starts a cycle once the heap has grown by half
//     since the last one (importGCPercent), not by all of it as usual;
//   - a soft memory limit (debug.SetMemoryLimit) of importBudget more than
//     the process held when the import began makes it collect sooner still
//     when the heap nears that. A file that brings a new source on most of
//     its rows holds a large table of sources, and the heap would otherwise
//     grow to half as much again as what it holds (with the map of sources
//     the writer had before its table: 83 MB of Go heap, 110 MB in all, at
//     a million rows). As a larger file's index of refs grows
//     towards the limit, follow raises it to keep memoryHeadroom above
//     what the heap holds, so that the collector never runs without end.
//
// Together they keep an import of a million rows within 100 MB, whatever
// its sources.
const (
	importGCPercent = 50
	importBudget    = 64 << 20
	memoryHeadroom  = 16 << 20
	memoryCheckRows = 1 << 16 // how often an import calls follow
)

var (
	memMu       sync.Mutex
	memImports  int // imports running
	gcBefore    int // the settings before the first of them
	limitBefore int64
	memLimit    int64 // the limit while imports run
	memBase     int64 // the process's Go memory when the first began
)

// importMemory is the memory settings of one import.
type importMemory struct{ once sync.Once }

// limitMemory makes the settings of an import; release sets them back
// once no import runs.
func limitMemory() *importMemory {
	memMu.Lock()
	defer memMu.Unlock()
	if memImports == 0 {
		memBase = goMemory()
		memLimit = memBase + importBudget
		gcBefore = debug.SetGCPercent(importGCPercent)
		limitBefore = debug.SetMemoryLimit(memLimit)
	}
	memImports++
	return &importMemory{}
}

// follow raises the memory limit, if need be, to stay memoryHeadroom
// above the heap the last collection left (besides what the process held
// before), for an import large enough that its heap outgrows the budget.
func (m *importMemory) follow() {
	memMu.Lock()
	defer memMu.Unlock()
	if need := memBase + liveHeap() + memoryHeadroom; need > memLimit {
		memLimit = need
		debug.SetMemoryLimit(memLimit)
	}
}

// release sets the garbage collector back as it was, once the last import
// running has ended.
func (m *importMemory) release() {
	m.once.Do(func() {
		memMu.Lock()
		defer memMu.Unlock()
		if memImports--; memImports == 0 {
			debug.SetGCPercent(gcBefore)
			debug.SetMemoryLimit(limitBefore)
		}
	})
}

// goMemory is the memory the Go runtime holds from the system, the measure
// of debug.SetMemoryLimit.
func goMemory() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()) - int64(s[1].Value.Uint64())
}

// liveHeap is the heap that the last garbage collection left in use.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

package sqlite

import (
	"runtime/debug"
	"testing"
)

// TestImportMemorySettings checks that imports, overlapping, set the
// garbage collector's target and a memory limit above what the process
// holds, that follow raises the limit above a heap that has outgrown it,
// and that the last import to end sets both back.
func TestImportMemorySettings(t *testing.T) {
	gcBefore, limitBefore := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	defer debug.SetGCPercent(gcBefore)
	first := limitMemory()
	second := limitMemory()
	if got := debug.SetGCPercent(importGCPercent); got != importGCPercent {
		t.Errorf("GC percent during imports = %d, want %d", got, importGCPercent)
	}
	limit := debug.SetMemoryLimit(-1)
	if limit < goMemory() || limit > goMemory()+importBudget+memoryHeadroom {
		t.Errorf("memory limit during imports = %d, want about %d more than the %d held", limit, importBudget, goMemory())
	}
	// A heap that has outgrown the budget raises the limit.
	big := make([]byte, importBudget+memoryHeadroom)
	for i := range big {
		big[i] = 1
	}
	debug.FreeOSMemory() // a collection, so that the live heap counts big
	first.follow()
	if got := debug.SetMemoryLimit(-1); got < int64(len(big))+memoryHeadroom {
		t.Errorf("limit after the heap outgrew it = %d, want at least %d", got, len(big)+memoryHeadroom)
	}
	big[len(big)-1] = 2 // big is live until here
	first.release()
	first.release() // twice is once
	if got := debug.SetGCPercent(importGCPercent); got != importGCPercent {
		t.Errorf("GC percent with one import still running = %d, want %d", got, importGCPercent)
	}
	second.release()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after the imports = %d, want 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != limitBefore {
		t.Errorf("memory limit after the imports = %d, want %d", got, limitBefore)
	}
}

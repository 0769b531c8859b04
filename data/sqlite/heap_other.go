//go:build !(linux && cgo)

package sqlite

// KeepHeap does nothing where the C library is not glibc; see
// heap_linux.go.
func KeepHeap() {}

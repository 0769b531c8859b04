//go:build linux && cgo

package sqlite

/*
#include <malloc.h>

// keepHeap stops glibc from handing freed heap memory back to the kernel
// after every few statements. SQLite's page cache frees and allocates pages
// all the time during a large import; with glibc's default 128 KiB trim
// threshold each cycle costs page faults, which made imports spend more
// time in the kernel than in SQLite.
static void keepHeap(void) {
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
}
*/
import "C"

// KeepHeap raises glibc's heap trim threshold for the whole process, so
// that large imports do not spend their time returning memory to the
// kernel and faulting it back. Programs call it once at start; it is not
// done on import, as it changes the process, not only this package.
func KeepHeap() { C.keepHeap() }

//go:build unix

package sqlite

import (
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// walIndex is the header of the database's WAL-index, the -shm file that
// SQLite maps in the memory of every process using the database
// (sqlite.org/walformat.html): read without a lock nor a system call, it
// tells whether anything was committed since an earlier look, by any
// process.
type walIndex struct {
	// mu keeps the mapping while it is read: close waits for the reads in
	// progress, and the reads after it find no mapping.
	mu    sync.RWMutex
	mem   []byte
	words *[2 * walHeaderWords]uint32
}

// walHeaderWords is the size of one copy of the header, in 32-bit words:
// iVersion, a padding word, iChange (incremented by every commit), isInit
// with bigEndCksum and szPage, mxFrame, nPage, aFrameCksum, aSalt and
// aCksum. SQLite keeps two copies, one after the other.
const walHeaderWords = 12

// openWALIndex maps the header of the WAL-index of the database at path,
// read only; nil when it cannot (no such file yet, a file system without
// shared memory), and the reads then go to SQLite every time.
func openWALIndex(path string) *walIndex {
	f, err := os.Open(path + "-shm")
	if err != nil {
		return nil
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Size() < 8*walHeaderWords {
		return nil
	}
	mem, err := syscall.Mmap(int(f.Fd()), 0, os.Getpagesize(), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return &walIndex{mem: mem, words: (*[2 * walHeaderWords]uint32)(unsafe.Pointer(&mem[0]))}
}

// walVersion identifies a committed state of the database: the WAL-index
// header, which every commit changes.
type walVersion [walHeaderWords]uint32

// version returns the database's committed state, as SQLite's own readers
// read it: the first copy of the header, then the second, which a writer
// writes before the first; they match unless a write is in progress. ok
// is false then, or when the header is not initialised.
func (w *walIndex) version() (v walVersion, ok bool) {
	if w == nil {
		return v, false
	}
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.words == nil {
		return v, false
	}
	var second walVersion
	for i := range v {
		v[i] = atomic.LoadUint32(&w.words[i])
	}
	for i := range second {
		second[i] = atomic.LoadUint32(&w.words[walHeaderWords+i])
	}
	isInit := (*[4]byte)(unsafe.Pointer(&v[3]))[0] != 0 // the byte at offset 12, whatever the byte order
	return v, v == second && isInit
}

// close unmaps the header.
func (w *walIndex) close() error {
	if w == nil {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.words == nil {
		return nil
	}
	w.words = nil
	return syscall.Munmap(w.mem)
}

//go:build !unix

package sqlite

// walIndex is not read outside unix systems: reads go to SQLite every
// time.
type walIndex struct{}

type walVersion struct{}

func openWALIndex(string) *walIndex { return nil }

func (*walIndex) version() (walVersion, bool) { return walVersion{}, false }

func (*walIndex) close() error { return nil }

package sqlite_test

import (
	"testing"

	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/adapters/sqlite"
	"github.com/tpsession/tpsession/adapters/storetest"
)

// BenchmarkStores measures the main operations of the session service on
// SQLite (a file in WAL mode, each write a durable transaction), on an
// in-memory SQLite database (the same work without the disk) and on the
// memstore, side by side:
//
//	go test ./adapters/sqlite -run '^$' -bench BenchmarkStores -benchmem
func BenchmarkStores(b *testing.B) {
	impls := []struct {
		name string
		open func(b *testing.B) storetest.Stores
	}{
		{"memstore", func(*testing.B) storetest.Stores {
			s := memstore.New()
			return storetest.Stores{Sessions: s, Events: s, Registrations: s}
		}},
		{"sqlite", func(b *testing.B) storetest.Stores { return stores(open(b, tempPath(b))) }},
		{"sqlite-memory", func(b *testing.B) storetest.Stores { return stores(open(b, sqlite.Memory)) }},
	}
	for _, impl := range impls {
		b.Run(impl.name, func(b *testing.B) { storetest.Benchmark(b, impl.open) })
	}
}

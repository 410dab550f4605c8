package postgres_test

import (
	"testing"

	"github.com/tpsession/tpsession/adapters/storetest"
)

// BenchmarkStores measures the main operations of the session service on
// PostgreSQL, each write a SERIALIZABLE transaction, with the same
// benchmark as the other stores (storetest.Benchmark): on the server that
// TPSESSION_POSTGRES_URL names, each sub-benchmark in a new schema.
//
//	TPSESSION_POSTGRES_URL=postgres://… go test ./adapters/postgres -run '^$' -bench BenchmarkStores -benchmem
func BenchmarkStores(b *testing.B) {
	b.Run("postgres", func(b *testing.B) {
		storetest.Benchmark(b, func(b *testing.B) storetest.Stores { return stores(fresh(b)) })
	})
}

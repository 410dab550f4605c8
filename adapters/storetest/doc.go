// Package storetest is the contract every implementation of the library's
// store interfaces must pass: unknown keys, duplicates, copy semantics (a
// caller never changes stored state through a value it passed in or got
// back), update closures that roll back on error, concurrent updates of one
// aggregate that lose nothing (run it under -race), centre isolation (another
// centre's aggregate is reported exactly as a missing one) and, for stores
// that offer transactions, all-or-nothing writes.
//
// An implementation runs it from its own tests:
//
//	func TestContract(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) storetest.Stores {
//			s := memstore.New()
//			return storetest.Stores{Sessions: s, Events: s, …}
//		})
//	}
//
// It imports the domain packages, session and testify; it is imported by
// the store adapters' tests only.
package storetest

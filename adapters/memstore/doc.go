// Package memstore implements every store interface of the library in
// memory: values in, copies out, one mutex. It is the store of tests, of
// the examples and of the demo server run with -db memory.
//
// It imports the domain packages and session; no rule lives here.
package memstore

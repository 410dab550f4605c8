// Package records holds the stored forms of the library's aggregates,
// shared by the SQL stores (adapters/sqlite, adapters/postgres): each
// aggregate is stored as a JSON document written through a record struct
// of this package, whose JSON names are the storage contract (the domain
// types' Go field names are not). Dates are YYYY-MM-DD, instants UTC with
// nine fractional digits (nanoseconds kept; they sort as text and come
// back in UTC), decimals at their exact scale; a plan keeps its input and
// plan in the wire formats of docs/planning.md.
//
// A change of a record is a change of every database already written: it
// needs a migration in each store, and the golden records of
// adapters/sqlite's tests say when one is due.
//
// The package holds no rule and no SQL. It imports the root package, the
// domain packages, session and session/plan.
package records

// Package sqlite implements every store interface of the library over a
// single SQLite file, with modernc.org/sqlite (pure Go, no cgo): the demo
// server and a small centre run with nothing to install.
//
// # What it stores, and how
//
// [DB] keeps sessions and their event log, candidates and registrations,
// jury members and session juries, plis, checklists and plans: one table
// per aggregate. A row holds the aggregate as a JSON document, encoded
// through the record structs of adapters/internal/records (their JSON names
// are the storage contract, not the domain's Go field names), next to the columns
// that address it and that listings filter and sort on, and a version
// counting its updates. Dates are stored as YYYY-MM-DD, instants in UTC with
// nanoseconds (they come back in UTC), decimals at their exact scale; a
// stored plan keeps its input and plan in the wire formats of docs/planning.md.
// The event log is a plain table, its rows in append order.
//
// Uniqueness is the database's: an ID taken, a second active registration
// of a candidate to a session, a second member with one e-mail in a centre,
// a second pli for a session are refused by unique indexes, atomically with
// the write, and reported as the domain's duplicate errors. What an update
// may change (key fields, the pli's append-only custody log) is vetted by
// the domain's own checks: the adapter translates, it holds no rule.
//
// # Schema and migrations
//
// The schema is created and upgraded by the numbered SQL scripts embedded
// from migrations/, applied on [Open] in order, each in a transaction that
// also records the schema version (the database's user_version): an
// existing database is upgraded in place, its data kept, and a database
// written by a newer version of the package is refused. A released
// migration never changes (a test pins their hashes); a change of schema or
// of a record's JSON is a new migration, so that an older program refuses
// the database rather than drop what it cannot read. A migration that
// rebuilds a table starts with the line "-- migrate: foreign_keys off": it
// then runs with foreign keys off, so that dropping the old table deletes
// nothing that references it, and is refused unless every reference holds
// at its end (PRAGMA foreign_key_check).
//
// All the processes that share a database file must run the same version
// of the package. One that opens the file upgrades it; a process of an
// older version that had it open already refuses to write from then on
// (each write transaction checks the schema version first, an Internal
// error saying so) and must be restarted with the newer version. Reads
// go on, though they may not show what only the newer version stores.
//
// # Transactions and concurrency
//
// The file is in WAL mode with synchronous=FULL (a commit returns once it is
// durable), foreign keys on and a busy timeout for the write lock another
// process may hold. Writes go through one connection, in BEGIN IMMEDIATE
// transactions: writers queue in the process, never deadlock on a lock
// upgrade, and an update closure reads and writes its aggregate in one
// transaction, so concurrent updates never lose a write. Reads outside a
// transaction use a pool of read-only connections that run alongside the
// writer, through statements prepared once per connection.
//
// A read by key outside a transaction goes through a cache of decoded
// aggregates. Its entries are stamped with the database's committed state,
// read from the header of the WAL-index (the -shm file SQLite maps in every
// process using the database, sqlite.org/walformat.html) before the row is:
// while the header is unchanged nothing was committed, by this process or
// another, and the entry is served without SQL nor JSON; once it changed,
// the row is read again, and decoded again only if its document changed. A
// read therefore never returns a state older than the last commit that
// returned before it began (the contract suite and tests with two handles
// on one file, one writing, check it). Where the header cannot be mapped
// (an in-memory database, a system other than unix) every read goes to
// SQLite. [DB.Atomic] implements session.Transactor: the store methods
// called with the context it passes take part in its transaction, and a
// nested call joins the outer transaction under a savepoint. Every
// statement of a transaction runs with the context of its outermost call,
// so that a context derived inside it and ending part-way never leaves
// half a call's writes behind (SQLite undoes the whole transaction when a
// write is interrupted); after a failure that may have undone part of a
// transaction, its further statements and its commit are refused.
//
// Driver errors never reach a caller as such: a missing row is the domain's
// NotFound error, a uniqueness violation its duplicate (Conflict) error, a
// write lock held past the busy timeout [ErrBusy] (Conflict, try again), and
// anything else an Internal error whose message holds no SQL nor driver text
// (the driver's error is its cause, for logs).
//
// # Imports
//
// The package imports the root package, the domain packages, session and
// session/plan, adapters/internal/records, database/sql and
// modernc.org/sqlite; no other adapter.
package sqlite

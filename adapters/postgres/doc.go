// Package postgres implements every store interface of the library over a
// PostgreSQL database, with github.com/jackc/pgx/v5 through a pool of
// connections (pgxpool): the store of software that serves many centres
// from several instances of a program, behind a load balancer, on one
// database. docs/stores.md says when to choose it rather than SQLite.
//
// # What it stores, and how
//
// [DB] keeps sessions and their event log, candidates and registrations,
// jury members and session juries, plis, checklists and plans: one table
// per aggregate, each keyed by the centre first. A row holds the aggregate
// as a JSON document (jsonb) in the records of adapters/internal/records,
// the same documents as the SQLite store's, next to the columns that
// address it and that listings filter and sort on, and a version counting
// its updates. Keys and instants are text in the "C" collation, so that
// listings sort byte by byte as the other stores do whatever the
// database's locale; instants keep their nanoseconds.
//
// Uniqueness is the database's: an ID taken in the centre, a second active
// registration of a candidate to a session, a second member with one
// e-mail in a centre, a second pli for a session are refused by unique
// indexes, atomically with the write, and reported as the domain's
// duplicate errors. IDs are unique per centre: a centre cannot learn, by a
// refusal, that an ID is taken in another. What an update may change is
// vetted by the domain's own checks: the adapter translates, it holds no
// rule.
//
// # Transactions and concurrency
//
// Every write, and every unit of work of [DB.Atomic] (the session
// service's commands), is one SERIALIZABLE transaction. A command reads
// several aggregates, checks the Ministry's rules against them, then
// writes: what it read must still hold when it commits, whichever instance
// of the program ran the commands it raced with. PostgreSQL's serializable
// isolation guarantees that for every row and every absence of a row a
// transaction read, and refuses (SQLSTATE 40001, or 40P01 for a deadlock)
// a transaction that could have seen another's writes; the adapter then
// rolls it back and runs it again from its start, in a new transaction
// that sees them, after a short random pause, up to [WithMaxAttempts]
// times ([DefaultMaxAttempts]), then answers [ErrContention], a Conflict
// to try again. Row locks taken in a fixed order were the other way: they
// need to know, before the first read, every row a command will read,
// which the adapter cannot (a command finds the registrations, then the
// candidates, then the jury it checks), and they leave unprotected the
// rows a check finds absent. Serializable transactions cost runs again
// under contention on one session, which [DB.Reruns] counts and
// docs/stores.md measures.
//
// A unit of work may therefore run more than once (session.Transactor
// says so): it must set what it returns afresh on each run, and read
// inside the transaction what it stamps its writes with, the clock
// included. Each transaction's first statement, sent with its BEGIN, takes
// its snapshot before the unit of work runs; a unit that reads the clock
// then stamps its writes after every transaction committed before its
// snapshot, and one that committed after is one it conflicts with, so it
// runs again and reads the clock again. The custody log of a pli is in its
// row, which one transaction at a time may update; each session's event
// log is numbered by a head row that each append updates, so that appends
// to one log commit one after the other, their numbers in commit order.
// Read by time, both logs are then in commit order across instances, as
// long as the instances' clocks agree.
//
// The store methods called with the context Atomic passes take part in its
// transaction; a nested Atomic joins it under a savepoint. Statements run
// with the outermost call's context; after a failure that may have left
// part of a store call's writes in the transaction, or after which
// PostgreSQL refuses its further statements, its commit is refused (a
// failed nested call is undone with its savepoint, and the transaction
// goes on). Reads outside a transaction run on the pool, each in one round
// trip.
//
// # Centres
//
// Every query is filtered by the centre of the call. Row-level security
// policies keep centres apart in the database too: before its statements,
// each transaction names its centre with set_config('tpsession.centre',
// centre, true) (SET LOCAL, in the same round trip as the statement), and
// a role that neither owns the tables nor bypasses row-level security sees
// and writes only that centre's rows. The owner of the tables, the role
// that ran the migrations, is not subject to them: a deployment that wants
// the database to enforce the separation opens the database once as the
// owner (to migrate it), then runs its instances as another role, granted
// SELECT, INSERT, UPDATE and DELETE on the tables and SELECT on
// tpsession_migrations (docs/stores.md).
//
// # Schema and migrations
//
// The schema is created and upgraded by the numbered SQL scripts embedded
// from migrations/, applied on [Open] in order, each in a transaction that
// records it, its name and its SHA-256 in the table tpsession_migrations,
// under an advisory lock of the schema, so that instances starting at once
// apply each migration once. The tables go into the first schema of the
// connection's search_path (URL parameter search_path), so that one
// database may hold several independent stores. A database that applied a
// migration of other content than the package's is refused (a released
// migration never changes: a test pins their hashes; a change of schema or
// of a record's JSON is a new migration), and so is a database of a newer
// schema version. An instance that opened the database before another, of
// a newer version, upgraded it refuses to write from then on: each
// transaction checks the schema version with its BEGIN (an Internal error
// says so), and reads go on.
//
// # Settings
//
// The URL (postgres://user:password@host:port/dbname?param=value…) carries
// the settings, and options override them: the pool's size
// (pool_max_conns, [WithMaxConns]), how long a statement may run
// (statement_timeout, [WithStatementTimeout]), how long Open waits for a
// server that cannot be reached yet (connect_retry, [WithConnectRetry];
// a server that refuses the connection, for a wrong password or a missing
// database, is not waited for), how many times a transaction may run
// (max_attempts, [WithMaxAttempts]). [DB.Ping] suits a health check.
//
// Driver errors never reach a caller as such: a missing row is the
// domain's NotFound error, a uniqueness violation its duplicate (Conflict)
// error, contention past the attempts [ErrContention] (Conflict), a server
// out of reach [ErrUnavailable], and anything else an Internal error whose
// message holds no SQL nor driver text (the driver's error is its cause,
// for logs).
//
// # Imports
//
// The package imports the root package, the domain packages, session and
// session/plan, adapters/internal/records and pgx; no other adapter. Its
// tests run on the server that TPSESSION_POSTGRES_URL names, a schema each
// (adapters/postgres/postgrestest); .ci/run starts one.
package postgres

package sqlite

import (
	"context"
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/tpsession/tpsession"
)

// Errors of the adapter itself. Their messages are safe to show: the
// driver's error, which may quote SQL, is only their cause, for logs.
var (
	// ErrBusy is returned when another process held the database's write
	// lock for longer than the busy timeout: nothing was written, and the
	// same call may succeed when tried again. Its kind is Conflict.
	ErrBusy = tpsession.NewError(tpsession.Conflict, "sqlite.busy", "the database is busy: try again in a moment")

	errStore      = tpsession.NewError(tpsession.Internal, "sqlite.failed", "the database failed")
	errOpen       = tpsession.NewError(tpsession.Internal, "sqlite.open_failed", "the database could not be opened")
	errDuplicate  = tpsession.NewError(tpsession.Conflict, "sqlite.duplicate", "the record already exists")
	errUnreadable = tpsession.NewError(tpsession.Internal, "sqlite.unreadable", "a stored record could not be read")
	errCancelled  = tpsession.NewError(tpsession.Internal, "sqlite.cancelled", "the operation was cancelled before it completed")
	// errKeyChanged refuses an update closure that changed what identifies
	// the aggregate: the row would be stored under a key it no longer has.
	errKeyChanged = tpsession.NewError(tpsession.Internal, "sqlite.key_changed", "an update may not change an aggregate's key fields")
)

// failure translates an error of the driver into the library's errors:
// a uniqueness violation is duplicate (the domain's sentinel of the
// aggregate, or a generic Conflict when nil), a lock still held after the
// busy timeout is ErrBusy, the end of the context the statement ran with is
// reported as cancelled (an Internal error, the context's error in its
// chain), an error the package made already is returned unchanged, and
// anything else is Internal. The driver's error is kept as the cause, never
// in the message. sql.ErrNoRows is not handled here: the caller knows which
// NotFound error it means.
func failure(err error, duplicate *tpsession.Error) error {
	if _, ok := err.(*tpsession.Error); ok {
		return err
	}
	if isContextErr(err) {
		return errCancelled.Wrap(err)
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return errStore.Wrap(err)
	}
	switch code := se.Code(); {
	case code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		if duplicate == nil {
			return errDuplicate.Wrap(err)
		}
		return duplicate
	case isBusy(err):
		return ErrBusy.Wrap(err)
	default:
		return errStore.Wrap(err)
	}
}

// isContextErr reports whether err is the end of a context.
func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// isBusy reports whether err is SQLite's refusal of a lock that another
// connection holds.
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_BUSY || se.Code()&0xff == sqlite3.SQLITE_LOCKED)
}

package postgres

import (
	"context"
	"errors"
	"net"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tpsession/tpsession"
)

// Errors of the adapter itself. Their messages are safe to show: the
// driver's error, which may quote SQL or the server's words, is only their
// cause, for logs.
var (
	// ErrContention is returned when a transaction ran into concurrent
	// transactions that changed what it read, as many times as it may be
	// tried (WithMaxAttempts): nothing was written, and the same call may
	// succeed when tried again. Its kind is Conflict.
	ErrContention = tpsession.NewError(tpsession.Conflict, "postgres.contention",
		"the data changed while the operation ran, too often to complete it: try again in a moment")
	// ErrUnavailable is returned when the database cannot be reached: it
	// is down, or the network to it is. Its kind is Internal.
	ErrUnavailable = tpsession.NewError(tpsession.Internal, "postgres.unavailable", "the database cannot be reached")

	errStore      = tpsession.NewError(tpsession.Internal, "postgres.failed", "the database failed")
	errOpen       = tpsession.NewError(tpsession.Internal, "postgres.open_failed", "the database could not be opened")
	errURL        = tpsession.NewError(tpsession.Invalid, "postgres.url_invalid", "the database URL is not valid")
	errDuplicate  = tpsession.NewError(tpsession.Conflict, "postgres.duplicate", "the record already exists")
	errUnreadable = tpsession.NewError(tpsession.Internal, "postgres.unreadable", "a stored record could not be read")
	errCancelled  = tpsession.NewError(tpsession.Internal, "postgres.cancelled", "the operation was cancelled before it completed")
	errTimeout    = tpsession.NewError(tpsession.Internal, "postgres.timeout", "the database took longer than the statement timeout")
	// errKeyChanged refuses an update closure that changed what identifies
	// the aggregate: the row would be stored under a key it no longer has.
	errKeyChanged = tpsession.NewError(tpsession.Internal, "postgres.key_changed", "an update may not change an aggregate's key fields")
	// errChanged is returned when a row changed between the read and the
	// write of an update. Serializable transactions make it impossible;
	// the version check keeps the guarantee that no write is lost
	// independent of that.
	errChanged = tpsession.NewError(tpsession.Conflict, "postgres.concurrent_update", "the record changed while it was being updated: try again")
)

// PostgreSQL's error codes (SQLSTATE) that the adapter tells apart.
const (
	uniqueViolation      = "23505"
	serializationFailure = "40001"
	deadlockDetected     = "40P01"
	queryCanceled        = "57014" // statement_timeout, or a cancel request
	adminShutdown        = "57P01"
	crashShutdown        = "57P02"
	cannotConnectNow     = "57P03"
)

// failure translates an error of the driver into the library's errors:
// a uniqueness violation is duplicate (the domain's sentinel of the
// aggregate, or a generic Conflict when nil), a serialization failure or
// a deadlock that retries could not get past ErrContention, the end of the
// context the statement ran with is reported as cancelled (an Internal
// error, the context's error in its chain), a server out of reach
// ErrUnavailable, an error the package made already is returned
// unchanged, and anything else is Internal. The driver's error is kept as
// the cause, never in the message. pgx.ErrNoRows is not handled here: the
// caller knows which NotFound error it means.
func failure(err error, duplicate *tpsession.Error) error {
	if _, ok := err.(*tpsession.Error); ok {
		return err
	}
	if isContextErr(err) {
		return errCancelled.Wrap(err)
	}
	switch code := sqlState(err); code {
	case uniqueViolation:
		if duplicate == nil {
			return errDuplicate.Wrap(err)
		}
		return duplicate
	case serializationFailure, deadlockDetected:
		return ErrContention.Wrap(err)
	case queryCanceled:
		return errTimeout.Wrap(err)
	case adminShutdown, crashShutdown, cannotConnectNow:
		return ErrUnavailable.Wrap(err)
	case "":
		if unreachable(err) {
			return ErrUnavailable.Wrap(err)
		}
	}
	return errStore.Wrap(err)
}

// sqlState returns the SQLSTATE code of a server's error, "" for an error
// that did not come from the server.
func sqlState(err error) string {
	if pe, ok := errors.AsType[*pgconn.PgError](err); ok {
		return pe.Code
	}
	return ""
}

// retryable reports whether err is the server's refusal of a transaction
// that conflicted with concurrent ones: run again from its start, it may
// succeed.
func retryable(err error) bool {
	code := sqlState(err)
	return code == serializationFailure || code == deadlockDetected
}

// unreachable reports whether err says the server could not be reached
// or the connection to it was lost.
func unreachable(err error) bool {
	if _, ok := errors.AsType[*pgconn.ConnectError](err); ok {
		return true
	}
	if _, ok := errors.AsType[net.Error](err); ok {
		return true
	}
	return pgconn.SafeToRetry(err)
}

// isContextErr reports whether err is the end of a context.
func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

package session

import (
	"bytes"
	"context"
	"errors"
	"time"

	"github.com/tpsession/tpsession"
)

// ReceiptLifetime is how long the answer to a command sent with an
// idempotency key is kept: a client that retries within it gets the first
// answer again; after it the key is free.
const ReceiptLifetime = 24 * time.Hour

// MaxKeyLen bounds an idempotency key, in bytes.
const MaxKeyLen = 255

// Receipt is the answer to a command sent with an idempotency key, kept so
// that a retry of the same request gets the same answer without the
// command running again. Keys are per centre.
type Receipt struct {
	Centre tpsession.CentreID
	Key    string
	// Fingerprint identifies the request the key was first sent with: a
	// retry must carry the same one.
	Fingerprint string
	// Answer is the answer as the caller encoded it (the HTTP adapter
	// keeps the status, the headers that matter and the body).
	Answer []byte
	// At is when the command ran: the receipt is good for
	// ReceiptLifetime from then.
	At time.Time
}

// Clone returns a deep copy of r.
func (r Receipt) Clone() Receipt {
	r.Answer = bytes.Clone(r.Answer)
	return r
}

// ReceiptStore keeps the receipts of idempotent commands. Implementations
// hand out copies and treat another centre's receipt as one that does not
// exist.
type ReceiptStore interface {
	// Receipt returns the receipt of centre under key, or
	// ErrReceiptNotFound.
	Receipt(ctx context.Context, centre tpsession.CentreID, key string) (Receipt, error)
	// PutReceipt stores r under (r.Centre, r.Key), replacing the receipt
	// stored there, if any.
	PutReceipt(ctx context.Context, r Receipt) error
	// ForgetReceipts deletes the receipts of centre made before the
	// instant before.
	ForgetReceipts(ctx context.Context, centre tpsession.CentreID, before time.Time) error
}

var (
	// ErrReceiptNotFound is returned by a ReceiptStore for a key it does
	// not hold.
	ErrReceiptNotFound = tpsession.NewError(tpsession.NotFound, "session.receipt_not_found", "no answer is kept under this key")
	// ErrKeyReused refuses an idempotency key sent again with another
	// request than the one it was first sent with.
	ErrKeyReused = tpsession.NewError(tpsession.Rule, "session.idempotency_key_reused", "the idempotency key was sent before with another request")
	// ErrInvalidKey refuses an empty idempotency key or one longer than
	// MaxKeyLen.
	ErrInvalidKey = tpsession.NewError(tpsession.Invalid, "session.idempotency_key_invalid", "the idempotency key is invalid")
)

// Idempotent runs act at most once per key of the actor's centre within
// ReceiptLifetime, and returns its answer: the answer act gives the first
// time, kept in the stores with the writes of act, in one transaction;
// the same answer, without running act, to a retry with the same key and
// the same fingerprint (replayed is then true); ErrKeyReused for the same
// key with another fingerprint. An error from act undoes its writes and
// is returned unchanged, nothing being kept: the client may retry with
// the same key.
//
// act receives the context of the transaction: the commands it runs with
// it join it. With the stores' transactions (Stores.Tx), retries sent at
// the same time run one after the other, so that act runs once; without
// them, they may run it more than once.
func (s *Service) Idempotent(ctx context.Context, by Actor, key, fingerprint string, act func(ctx context.Context) ([]byte, error)) (answer []byte, replayed bool, err error) {
	if err := checkActor(by); err != nil {
		return nil, false, err
	}
	if key == "" || len(key) > MaxKeyLen {
		return nil, false, ErrInvalidKey.WithFields(tpsession.FieldError{Field: "key", Message: "must have 1 to 255 characters"}).Withf("an idempotency key has 1 to %d characters, got %d", MaxKeyLen, len(key))
	}
	err = s.atomic(ctx, func(ctx context.Context, o op) error {
		answer, replayed = nil, false
		r, err := s.st.Receipts.Receipt(ctx, by.Centre, key)
		switch {
		case err == nil && o.now.Sub(r.At) < ReceiptLifetime:
			if r.Fingerprint != fingerprint {
				return ErrKeyReused.Withf("the idempotency key %q was sent on %s with another request: send this one with a new key",
					tpsession.Truncate(key, 40), r.At.UTC().Format(time.RFC3339))
			}
			answer, replayed = r.Answer, true
			return nil
		case err != nil && !errors.Is(err, ErrReceiptNotFound):
			return err
		}
		if answer, err = act(ctx); err != nil {
			return err
		}
		if err := s.st.Receipts.ForgetReceipts(ctx, by.Centre, o.now.Add(-ReceiptLifetime)); err != nil {
			return err
		}
		return s.st.Receipts.PutReceipt(ctx, Receipt{Centre: by.Centre, Key: key, Fingerprint: fingerprint, Answer: answer, At: o.now})
	})
	if err != nil {
		return nil, false, err
	}
	return answer, replayed, nil
}

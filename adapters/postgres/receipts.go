package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/internal/records"
	"github.com/tpsession/tpsession/session"
)

var _ session.ReceiptStore = (*DB)(nil)

// Receipt returns the receipt of centre under key, or
// session.ErrReceiptNotFound.
func (db *DB) Receipt(ctx context.Context, centre tpsession.CentreID, key string) (session.Receipt, error) {
	r := session.Receipt{Centre: centre, Key: key}
	var at string
	err := queryRow(ctx, db.reader(ctx), centre, "SELECT fingerprint, at, answer FROM receipts WHERE centre = $1 AND key = $2",
		[]any{string(centre), key}, &r.Fingerprint, &at, &r.Answer)
	if errors.Is(err, pgx.ErrNoRows) {
		return session.Receipt{}, session.ErrReceiptNotFound
	}
	if err != nil {
		return session.Receipt{}, failure(err, nil)
	}
	if r.At, err = records.ParseInstant(at); err != nil {
		return session.Receipt{}, errUnreadable.Wrap(err)
	}
	if r.Answer == nil {
		r.Answer = []byte{}
	}
	return r, nil
}

// PutReceipt stores r, replacing the receipt of its centre and key.
func (db *DB) PutReceipt(ctx context.Context, r session.Receipt) error {
	return db.writing(ctx, func(ctx context.Context, st *txState) error {
		answer := r.Answer
		if answer == nil {
			answer = []byte{}
		}
		_, err := st.exec(ctx, r.Centre, `INSERT INTO receipts (centre, key, fingerprint, at, answer) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (centre, key) DO UPDATE SET fingerprint = excluded.fingerprint, at = excluded.at, answer = excluded.answer`,
			string(r.Centre), r.Key, r.Fingerprint, records.Instant(r.At), answer)
		if err != nil {
			return failure(err, nil)
		}
		return nil
	})
}

// ForgetReceipts deletes the receipts of centre made before the instant
// before.
func (db *DB) ForgetReceipts(ctx context.Context, centre tpsession.CentreID, before time.Time) error {
	return db.writing(ctx, func(ctx context.Context, st *txState) error {
		if _, err := st.exec(ctx, centre, "DELETE FROM receipts WHERE centre = $1 AND at < $2", string(centre), records.Instant(before)); err != nil {
			return failure(err, nil)
		}
		return nil
	})
}

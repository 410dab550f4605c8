-- The answers of the commands sent with an idempotency key, kept for a
-- day so that a retry gets the first answer without the command running
-- again. A key is one centre's.
CREATE TABLE receipts (
	centre      TEXT NOT NULL,
	key         TEXT NOT NULL,
	fingerprint TEXT NOT NULL,
	at          TEXT NOT NULL,
	answer      BLOB NOT NULL,
	PRIMARY KEY (centre, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX receipts_by_age ON receipts (at);

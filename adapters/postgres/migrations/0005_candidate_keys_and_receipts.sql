-- Candidates are listed by name, searched by name, filtered by route and
-- known again by their names and birth date. The keys are the candidate
-- package's (NameKey, SearchText): the program fills them for the rows
-- already stored, in this migration's transaction.
ALTER TABLE candidates ADD COLUMN name_key text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN search text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN route text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN birth_date text COLLATE "C" NOT NULL DEFAULT '';
UPDATE candidates SET route = doc ->> 'route', birth_date = doc ->> 'birth_date';
CREATE INDEX candidates_by_name ON candidates (centre, name_key, id);
CREATE INDEX candidates_by_identity ON candidates (centre, name_key, birth_date);

-- The answers of the commands sent with an idempotency key, kept for a
-- day so that a retry gets the first answer without the command running
-- again. A key is one centre's.
CREATE TABLE receipts (
	centre      text COLLATE "C" NOT NULL,
	key         text COLLATE "C" NOT NULL,
	fingerprint text NOT NULL,
	at          text COLLATE "C" NOT NULL,
	answer      bytea NOT NULL,
	PRIMARY KEY (centre, key)
);
CREATE INDEX receipts_by_age ON receipts (centre, at);
ALTER TABLE receipts ENABLE ROW LEVEL SECURITY;
CREATE POLICY centre_isolation ON receipts USING (centre = current_setting('tpsession.centre', true)) WITH CHECK (centre = current_setting('tpsession.centre', true));

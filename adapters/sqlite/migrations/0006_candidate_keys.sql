-- Candidates are listed by name, searched by name, filtered by route and
-- known again by their names and birth date. The keys are the candidate
-- package's (NameKey, SearchText): the program fills them for the rows
-- already stored, in this migration's transaction.
ALTER TABLE candidates ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN search TEXT NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN route TEXT NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN birth_date TEXT NOT NULL DEFAULT '';
UPDATE candidates SET route = doc ->> '$.route', birth_date = doc ->> '$.birth_date';
CREATE INDEX candidates_by_name ON candidates (centre, name_key, id);
CREATE INDEX candidates_by_identity ON candidates (centre, name_key, birth_date);

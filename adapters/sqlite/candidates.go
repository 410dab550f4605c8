package sqlite

import (
	"context"
	"github.com/tpsession/tpsession/adapters/internal/records"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

func candidateTable() *table[candidate.Candidate] {
	return newTable(records.Candidates, "candidates", "id", []string{"name_key", "search", "route", "birth_date"}, func(c candidate.Candidate) []any {
		return []any{c.NameKey(), c.SearchText(), string(c.Route), records.Day(c.BirthDate)}
	})
}

// CreateCandidate stores c; ErrDuplicateCandidate when its ID is taken.
func (db *DB) CreateCandidate(ctx context.Context, c candidate.Candidate) error {
	return db.candidates.insert(ctx, db, c)
}

// Candidate returns the candidate id of centre, or ErrCandidateNotFound.
func (db *DB) Candidate(ctx context.Context, centre tpsession.CentreID, id tpsession.CandidateID) (candidate.Candidate, error) {
	return db.candidates.get(ctx, db, centre, string(id))
}

// UpdateCandidate loads the candidate, applies fn and saves the result in
// one transaction.
func (db *DB) UpdateCandidate(ctx context.Context, centre tpsession.CentreID, id tpsession.CandidateID, fn func(*candidate.Candidate) error) error {
	return db.candidates.update(ctx, db, centre, string(id), fn)
}

// CandidatesOfCentre returns the centre's candidates by ID.
func (db *DB) CandidatesOfCentre(ctx context.Context, centre tpsession.CentreID) ([]candidate.Candidate, error) {
	return db.candidates.list(ctx, db, "SELECT doc FROM candidates WHERE centre = ? ORDER BY id", string(centre))
}

// Candidates returns the candidates of centre that q selects, by name key
// then ID.
func (db *DB) Candidates(ctx context.Context, centre tpsession.CentreID, q candidate.Query) ([]candidate.Candidate, error) {
	query, args := "SELECT doc FROM candidates WHERE centre = ?", []any{string(centre)}
	if q.Route != "" {
		query, args = query+" AND route = ?", append(args, string(q.Route))
	}
	if id := q.Identity; id != nil {
		query, args = query+" AND name_key = ? AND birth_date = ?", append(args, id.NameKey, records.Day(id.BirthDate))
	}
	// A folded word holds letters and digits only: no LIKE wildcard.
	for _, w := range q.Words() {
		query, args = query+" AND search LIKE ?", append(args, "%"+w+"%")
	}
	if q.Session != "" {
		query, args = query+" AND EXISTS (SELECT 1 FROM registrations AS r WHERE r.centre = candidates.centre AND r.session = ? AND r.candidate = candidates.id AND r.active)",
			append(args, string(q.Session))
	}
	if a := q.After; a != nil {
		query, args = query+" AND (name_key, id) > (?, ?)", append(args, a.NameKey, string(a.ID))
	}
	query += " ORDER BY name_key, id"
	if q.Limit > 0 {
		query, args = query+" LIMIT ?", append(args, q.Limit)
	}
	return db.candidates.list(ctx, db, query, args...)
}

func registrationTable() *table[candidate.Registration] {
	return newTable(records.Registrations, "registrations", "id", []string{"session", "candidate", "registered_at", "active"}, func(r candidate.Registration) []any {
		return []any{string(r.Session), string(r.Candidate), records.Instant(r.RegisteredAt), r.Active()}
	})
}

// The registration of a candidate to a session is the active one, or else
// the withdrawn one registered last (candidate.RegistrationStore).
const (
	registrationOf      = "session = ? AND candidate = ?"
	registrationOfOrder = "active DESC, registered_at DESC, id DESC"
)

// CreateRegistration stores r. ErrDuplicateRegistration when its ID is
// taken, or when r is active and the candidate already has an active
// registration to the session: a unique index decides, atomically.
func (db *DB) CreateRegistration(ctx context.Context, r candidate.Registration) error {
	return db.registrations.insert(ctx, db, r)
}

// Registration returns the registration of candidate cid to session sid
// in centre, or ErrRegistrationNotFound.
func (db *DB) Registration(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, cid tpsession.CandidateID) (candidate.Registration, error) {
	r, err := db.registrations.one(ctx, db.reader(ctx), centre, registrationOf, registrationOfOrder, string(sid), string(cid))
	return r.v, err
}

// UpdateRegistration loads the registration Registration returns, applies
// fn and saves the result in one transaction.
func (db *DB) UpdateRegistration(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID, cid tpsession.CandidateID, fn func(*candidate.Registration) error) error {
	return db.registrations.updateWhere(ctx, db, centre, registrationOf, registrationOfOrder, []any{string(sid), string(cid)}, fn)
}

// RegistrationsOfSession returns every registration to the session, by
// registration instant then ID.
func (db *DB) RegistrationsOfSession(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) ([]candidate.Registration, error) {
	return db.registrations.list(ctx, db,
		"SELECT doc FROM registrations WHERE centre = ? AND session = ? ORDER BY registered_at, id", string(centre), string(sid))
}

// RegistrationsOfCandidate returns every registration of the candidate, by
// registration instant then ID.
func (db *DB) RegistrationsOfCandidate(ctx context.Context, centre tpsession.CentreID, cid tpsession.CandidateID) ([]candidate.Registration, error) {
	return db.registrations.list(ctx, db,
		"SELECT doc FROM registrations WHERE centre = ? AND candidate = ? ORDER BY registered_at, id", string(centre), string(cid))
}

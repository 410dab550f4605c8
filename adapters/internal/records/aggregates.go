package records

import (
	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// Aggregate is what a SQL store needs to know of an aggregate besides its
// table: its stored form, what addresses it, how to copy it, the domain's
// errors for it, and what an update may not change.
type Aggregate[V any] struct {
	Codec[V]
	// Key is what identifies the aggregate in its centre: its ID, or its
	// session's for an aggregate one per session.
	Key    func(V) string
	Centre func(V) tpsession.CentreID
	Clone  func(V) V
	// NotFound is the error of a missing aggregate; Duplicate, when not
	// nil, that of a key taken.
	NotFound, Duplicate *tpsession.Error
	// SameKey, when set, reports whether an update kept the fields that
	// identify the aggregate besides Key and Centre (a store refuses the
	// update otherwise, as it refuses a change of Key or Centre).
	SameKey func(old, new V) bool
	// Vet, when set, refuses an update that a rule of the domain forbids
	// whatever the closure says (a custody log rewritten).
	Vet func(old, new V) error
}

// The aggregates the SQL stores keep.
var (
	Sessions = Aggregate[session.Session]{
		Codec:    newCodec(toSessionRecord, fromSessionRecord),
		Key:      func(s session.Session) string { return string(s.ID) },
		Centre:   func(s session.Session) tpsession.CentreID { return s.Centre },
		Clone:    session.Session.Clone,
		NotFound: session.ErrSessionNotFound, Duplicate: session.ErrDuplicateSession,
	}
	Candidates = Aggregate[candidate.Candidate]{
		Codec:    newCodec(toCandidateRecord, fromCandidateRecord),
		Key:      func(c candidate.Candidate) string { return string(c.ID) },
		Centre:   func(c candidate.Candidate) tpsession.CentreID { return c.Centre },
		Clone:    candidate.Candidate.Clone,
		NotFound: candidate.ErrCandidateNotFound, Duplicate: candidate.ErrDuplicateCandidate,
	}
	Registrations = Aggregate[candidate.Registration]{
		Codec:    newCodec(toRegistrationRecord, fromRegistrationRecord),
		Key:      func(r candidate.Registration) string { return string(r.ID) },
		Centre:   func(r candidate.Registration) tpsession.CentreID { return r.Centre },
		Clone:    candidate.Registration.Clone,
		NotFound: candidate.ErrRegistrationNotFound, Duplicate: candidate.ErrDuplicateRegistration,
		SameKey: func(old, new candidate.Registration) bool {
			return old.Session == new.Session && old.Candidate == new.Candidate && old.RegisteredAt.Equal(new.RegisteredAt)
		},
	}
	Members = Aggregate[jury.Member]{
		Codec:    newCodec(toMemberRecord, fromMemberRecord),
		Key:      func(m jury.Member) string { return string(m.ID) },
		Centre:   func(m jury.Member) tpsession.CentreID { return m.Centre },
		Clone:    jury.Member.Clone,
		NotFound: jury.ErrMemberNotFound, Duplicate: jury.ErrDuplicateMember,
	}
	SessionJuries = Aggregate[jury.SessionJury]{
		Codec:    newCodec(toSessionJuryRecord, fromSessionJuryRecord),
		Key:      func(j jury.SessionJury) string { return string(j.Session) },
		Centre:   func(j jury.SessionJury) tpsession.CentreID { return j.Centre },
		Clone:    jury.SessionJury.Clone,
		NotFound: jury.ErrSessionJuryNotFound, Duplicate: jury.ErrDuplicateSessionJury,
	}
	Plis = Aggregate[pli.Pli]{
		Codec:    newCodec(toPliRecord, fromPliRecord),
		Key:      func(p pli.Pli) string { return string(p.Session) },
		Centre:   func(p pli.Pli) tpsession.CentreID { return p.Centre },
		Clone:    pli.Pli.Clone,
		NotFound: pli.ErrPliNotFound, Duplicate: pli.ErrDuplicatePli,
		SameKey: func(old, new pli.Pli) bool { return old.ID == new.ID },
		Vet: func(old, new pli.Pli) error {
			if !new.Custody.Extends(old.Custody) {
				return pli.ErrCustodyRewritten
			}
			return nil
		},
	}
	Checklists = Aggregate[checklist.Checklist]{
		Codec:    newCodec(toChecklistRecord, fromChecklistRecord),
		Key:      func(c checklist.Checklist) string { return string(c.Session) },
		Centre:   func(c checklist.Checklist) tpsession.CentreID { return c.Centre },
		Clone:    checklist.Checklist.Clone,
		NotFound: checklist.ErrChecklistNotFound, Duplicate: checklist.ErrDuplicateChecklist,
	}
	Plans = Aggregate[plan.Record]{
		Codec:    newCodec(toPlanRecord, fromPlanRecord),
		Key:      func(r plan.Record) string { return string(r.Session) },
		Centre:   func(r plan.Record) tpsession.CentreID { return r.Centre },
		Clone:    plan.Record.Clone,
		NotFound: plan.ErrPlanNotFound,
	}
)

// InvitationChanges returns the members j invites that old did not (all
// of them when old is nil), and those old invited that j no longer does:
// what an index of the members each session invites gains and loses when
// the jury record old becomes j.
func InvitationChanges(old *jury.SessionJury, j jury.SessionJury) (added, removed []tpsession.MemberID) {
	before := map[tpsession.MemberID]bool{}
	if old != nil {
		for _, i := range old.Invitations {
			before[i.Member] = true
		}
	}
	after := map[tpsession.MemberID]bool{}
	for _, i := range j.Invitations {
		if !after[i.Member] && !before[i.Member] {
			added = append(added, i.Member)
		}
		after[i.Member] = true
	}
	if old != nil {
		gone := map[tpsession.MemberID]bool{}
		for _, i := range old.Invitations {
			if !after[i.Member] && !gone[i.Member] {
				removed = append(removed, i.Member)
				gone[i.Member] = true
			}
		}
	}
	return added, removed
}

// CheckUpdate refuses the update of old into new that a store must not
// save: keyChanged, the store's own error, when it changed what identifies
// the aggregate (the row would be stored under a key it no longer has),
// or Vet's error.
func (a Aggregate[V]) CheckUpdate(old, new V, keyChanged error) error {
	if a.Key(new) != a.Key(old) || a.Centre(new) != a.Centre(old) || a.SameKey != nil && !a.SameKey(old, new) {
		return keyChanged
	}
	if a.Vet != nil {
		return a.Vet(old, new)
	}
	return nil
}

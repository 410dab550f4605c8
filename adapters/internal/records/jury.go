package records

import (
	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

// memberRecord is the stored form of a jury.Member.
type memberRecord struct {
	ID            string               `json:"id"`
	Centre        string               `json:"centre"`
	Name          string               `json:"name"`
	Email         string               `json:"email"`
	Employer      string               `json:"employer,omitempty"`
	Habilitations []habilitationRecord `json:"habilitations"`
	Unavailable   []rangeRecord        `json:"unavailable"`
}

type habilitationRecord struct {
	Title string      `json:"title"`
	Valid rangeRecord `json:"valid"`
}

func toMemberRecord(m jury.Member) memberRecord {
	return memberRecord{
		ID: string(m.ID), Centre: string(m.Centre), Name: m.Name, Email: m.Email, Employer: string(m.Employer),
		Habilitations: each(m.Habilitations, func(h jury.Habilitation) habilitationRecord {
			return habilitationRecord{Title: string(h.Title), Valid: toRange(h.Valid)}
		}),
		Unavailable: each(m.Unavailable, toRange),
	}
}

func fromMemberRecord(d *decoder, r memberRecord) jury.Member {
	return jury.Member{
		ID: tpsession.MemberID(r.ID), Centre: tpsession.CentreID(r.Centre), Name: r.Name, Email: r.Email,
		Employer: tpsession.SIRET(r.Employer),
		Habilitations: each(r.Habilitations, func(h habilitationRecord) jury.Habilitation {
			return jury.Habilitation{Title: tpsession.TitleCode(h.Title), Valid: d.dateRange(h.Valid)}
		}),
		Unavailable: each(r.Unavailable, d.dateRange),
	}
}

// sessionJuryRecord is the stored form of a jury.SessionJury.
type sessionJuryRecord struct {
	Centre      string             `json:"centre"`
	Session     string             `json:"session"`
	Invitations []invitationRecord `json:"invitations"`
	Conflicts   []conflictRecord   `json:"conflicts"`
	Assignment  assignmentRecord   `json:"assignment"`
}

type invitationRecord struct {
	Member      string `json:"member"`
	InvitedOn   string `json:"invited_on"`
	Answer      string `json:"answer,omitempty"`
	AnsweredOn  string `json:"answered_on,omitempty"`
	WithdrawnOn string `json:"withdrawn_on,omitempty"`
}

type conflictRecord struct {
	Member     string `json:"member"`
	Candidate  string `json:"candidate"`
	Reason     string `json:"reason"`
	Note       string `json:"note,omitempty"`
	DeclaredOn string `json:"declared_on"`
}

type assignmentRecord struct {
	Panels     []panelRecord `json:"panels"`
	Reserves   []string      `json:"reserves"`
	AssignedOn string        `json:"assigned_on,omitempty"`
}

type panelRecord struct {
	Jury       int      `json:"jury"`
	Members    []string `json:"members"`
	Candidates []string `json:"candidates"`
}

func toSessionJuryRecord(j jury.SessionJury) sessionJuryRecord {
	return sessionJuryRecord{
		Centre: string(j.Centre), Session: string(j.Session),
		Invitations: each(j.Invitations, func(i jury.Invitation) invitationRecord {
			return invitationRecord{
				Member: string(i.Member), InvitedOn: day(i.InvitedOn), Answer: string(i.Answer),
				AnsweredOn: day(i.AnsweredOn), WithdrawnOn: day(i.WithdrawnOn),
			}
		}),
		Conflicts: each(j.Conflicts, func(c jury.DeclaredConflict) conflictRecord {
			return conflictRecord{
				Member: string(c.Member), Candidate: string(c.Candidate), Reason: string(c.Reason),
				Note: c.Note, DeclaredOn: day(c.DeclaredOn),
			}
		}),
		Assignment: assignmentRecord{
			Panels: each(j.Assignment.Panels, func(p jury.Panel) panelRecord {
				return panelRecord{Jury: p.Jury, Members: strs(p.Members), Candidates: strs(p.Candidates)}
			}),
			Reserves:   strs(j.Assignment.Reserves),
			AssignedOn: day(j.Assignment.AssignedOn),
		},
	}
}

func fromSessionJuryRecord(d *decoder, r sessionJuryRecord) jury.SessionJury {
	return jury.SessionJury{
		Centre: tpsession.CentreID(r.Centre), Session: tpsession.SessionID(r.Session),
		Invitations: each(r.Invitations, func(i invitationRecord) jury.Invitation {
			return jury.Invitation{
				Member: tpsession.MemberID(i.Member), InvitedOn: d.day(i.InvitedOn), Answer: jury.InvitationStatus(i.Answer),
				AnsweredOn: d.day(i.AnsweredOn), WithdrawnOn: d.day(i.WithdrawnOn),
			}
		}),
		Conflicts: each(r.Conflicts, func(c conflictRecord) jury.DeclaredConflict {
			return jury.DeclaredConflict{
				Member: tpsession.MemberID(c.Member), Candidate: tpsession.CandidateID(c.Candidate),
				Reason: jury.ConflictReason(c.Reason), Note: c.Note, DeclaredOn: d.day(c.DeclaredOn),
			}
		}),
		Assignment: jury.Assignment{
			Panels: each(r.Assignment.Panels, func(p panelRecord) jury.Panel {
				return jury.Panel{Jury: p.Jury, Members: typed[tpsession.MemberID](p.Members), Candidates: typed[tpsession.CandidateID](p.Candidates)}
			}),
			Reserves:   typed[tpsession.MemberID](r.Assignment.Reserves),
			AssignedOn: d.day(r.Assignment.AssignedOn),
		},
	}
}

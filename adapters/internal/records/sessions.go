package records

import (
	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
)

// sessionRecord is the stored form of a session.Session.
type sessionRecord struct {
	ID                string           `json:"id"`
	Centre            string           `json:"centre"`
	Title             string           `json:"title"`
	TitleName         string           `json:"title_name"`
	Kind              string           `json:"kind"`
	Site              string           `json:"site"`
	Region            string           `json:"region,omitempty"`
	UsesComputers     bool             `json:"uses_computers"`
	Start             string           `json:"start"`
	End               string           `json:"end"`
	PlannedCandidates int              `json:"planned_candidates"`
	Responsable       personRecord     `json:"responsable"`
	CreatedAt         string           `json:"created_at,omitempty"`
	Milestones        milestonesRecord `json:"milestones"`
	Revision          string           `json:"revision,omitempty"`
	CCPs              []string         `json:"ccps,omitempty"`
	Modality          string           `json:"modality,omitempty"`
}

type personRecord struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type milestonesRecord struct {
	DeclaredOn         string `json:"declared_on,omitempty"`
	PliOrderedOn       string `json:"pli_ordered_on,omitempty"`
	ConvocationsSentOn string `json:"convocations_sent_on,omitempty"`
	ReadyOn            string `json:"ready_on,omitempty"`
	OpenedAt           string `json:"opened_at,omitempty"`
	OpenedOn           string `json:"opened_on,omitempty"`
	ClosedOn           string `json:"closed_on,omitempty"`
	ValidatedOn        string `json:"validated_on,omitempty"`
	CancelledOn        string `json:"cancelled_on,omitempty"`
}

func toSessionRecord(s session.Session) sessionRecord {
	m := s.Milestones()
	return sessionRecord{
		ID: string(s.ID), Centre: string(s.Centre), Title: string(s.Title), TitleName: s.TitleName,
		Kind: string(s.Kind), Site: s.Site, Region: string(s.Region), UsesComputers: s.UsesComputers,
		Start: day(s.Start), End: day(s.End), PlannedCandidates: s.PlannedCandidates,
		Responsable: personRecord{Name: s.Responsable.Name, Email: s.Responsable.Email},
		CreatedAt:   instant(s.CreatedAt),
		Revision:    s.Revision, CCPs: s.CCPs, Modality: string(s.Modality),
		Milestones: milestonesRecord{
			DeclaredOn: day(m.DeclaredOn), PliOrderedOn: day(m.PliOrderedOn), ConvocationsSentOn: day(m.ConvocationsSentOn),
			ReadyOn: day(m.ReadyOn), OpenedAt: instant(m.OpenedAt), OpenedOn: day(m.OpenedOn),
			ClosedOn: day(m.ClosedOn), ValidatedOn: day(m.ValidatedOn), CancelledOn: day(m.CancelledOn),
		},
	}
}

func fromSessionRecord(d *decoder, r sessionRecord) session.Session {
	s := session.Session{
		ID: tpsession.SessionID(r.ID), Centre: tpsession.CentreID(r.Centre), Title: tpsession.TitleCode(r.Title),
		TitleName: r.TitleName, Kind: tpsession.SessionKind(r.Kind), Site: r.Site, Region: tpsession.Region(r.Region),
		UsesComputers: r.UsesComputers, Start: d.day(r.Start), End: d.day(r.End), PlannedCandidates: r.PlannedCandidates,
		Responsable: session.Person{Name: r.Responsable.Name, Email: r.Responsable.Email},
		CreatedAt:   d.instant(r.CreatedAt),
		Revision:    r.Revision, CCPs: r.CCPs, Modality: tpsession.Modality(r.Modality),
	}
	m := r.Milestones
	s.RestoreMilestones(session.Milestones{
		DeclaredOn: d.day(m.DeclaredOn), PliOrderedOn: d.day(m.PliOrderedOn), ConvocationsSentOn: d.day(m.ConvocationsSentOn),
		ReadyOn: d.day(m.ReadyOn), OpenedAt: d.instant(m.OpenedAt), OpenedOn: d.day(m.OpenedOn),
		ClosedOn: d.day(m.ClosedOn), ValidatedOn: d.day(m.ValidatedOn), CancelledOn: d.day(m.CancelledOn),
	})
	return s
}

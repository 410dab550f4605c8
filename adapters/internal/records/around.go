package records

import (
	"strconv"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/programme"
)

// agrementRecord is the stored form of an agrement.Agrement.
type agrementRecord struct {
	ID        string      `json:"id"`
	Centre    string      `json:"centre"`
	Title     string      `json:"title"`
	Sites     []string    `json:"sites"`
	Valid     rangeRecord `json:"valid"`
	Reference string      `json:"reference,omitempty"`
	Note      string      `json:"note,omitempty"`
}

func toAgrementRecord(a agrement.Agrement) agrementRecord {
	return agrementRecord{ID: string(a.ID), Centre: string(a.Centre), Title: string(a.Title), Sites: a.Sites,
		Valid: toRange(a.Valid), Reference: a.Reference, Note: a.Note}
}

func fromAgrementRecord(d *decoder, r agrementRecord) agrement.Agrement {
	return agrement.Agrement{ID: tpsession.AgrementID(r.ID), Centre: tpsession.CentreID(r.Centre), Title: tpsession.TitleCode(r.Title),
		Sites: r.Sites, Valid: d.dateRange(r.Valid), Reference: r.Reference, Note: r.Note}
}

// programmeRecord is the stored form of a programme.Programme.
type programmeRecord struct {
	Centre      string          `json:"centre"`
	Year        int             `json:"year"`
	Sessions    []plannedRecord `json:"sessions"`
	SubmittedOn string          `json:"submitted_on,omitempty"`
	Note        string          `json:"note,omitempty"`
}

type plannedRecord struct {
	Title      string `json:"title"`
	Kind       string `json:"kind"`
	Site       string `json:"site"`
	Start      string `json:"start"`
	End        string `json:"end"`
	Candidates int    `json:"candidates"`
	Modality   string `json:"modality,omitempty"`
}

func toProgrammeRecord(p programme.Programme) programmeRecord {
	return programmeRecord{Centre: string(p.Centre), Year: p.Year, SubmittedOn: day(p.SubmittedOn), Note: p.Note,
		Sessions: each(p.Sessions, func(s programme.Planned) plannedRecord {
			return plannedRecord{Title: string(s.Title), Kind: string(s.Kind), Site: s.Site, Start: day(s.Start), End: day(s.End),
				Candidates: s.Candidates, Modality: string(s.Modality)}
		})}
}

func fromProgrammeRecord(d *decoder, r programmeRecord) programme.Programme {
	return programme.Programme{Centre: tpsession.CentreID(r.Centre), Year: r.Year, SubmittedOn: d.day(r.SubmittedOn), Note: r.Note,
		Sessions: each(r.Sessions, func(s plannedRecord) programme.Planned {
			return programme.Planned{Title: tpsession.TitleCode(s.Title), Kind: tpsession.SessionKind(s.Kind), Site: s.Site,
				Start: d.day(s.Start), End: d.day(s.End), Candidates: s.Candidates, Modality: tpsession.Modality(s.Modality)}
		})}
}

// ProgrammeKey is the key of a centre's programme of a year, "centre/year":
// unique across centres, as a key of the SQLite store must be.
func ProgrammeKey(centre tpsession.CentreID, year int) string {
	return string(centre) + "/" + strconv.Itoa(year)
}

// The aggregates of the rules around the session.
var (
	Agrements = Aggregate[agrement.Agrement]{
		Codec:    newCodec(toAgrementRecord, fromAgrementRecord),
		Key:      func(a agrement.Agrement) string { return string(a.ID) },
		Centre:   func(a agrement.Agrement) tpsession.CentreID { return a.Centre },
		Clone:    agrement.Agrement.Clone,
		NotFound: agrement.ErrAgrementNotFound, Duplicate: agrement.ErrDuplicateAgrement,
	}
	Programmes = Aggregate[programme.Programme]{
		Codec:    newCodec(toProgrammeRecord, fromProgrammeRecord),
		Key:      func(p programme.Programme) string { return ProgrammeKey(p.Centre, p.Year) },
		Centre:   func(p programme.Programme) tpsession.CentreID { return p.Centre },
		Clone:    programme.Programme.Clone,
		NotFound: programme.ErrProgrammeNotFound, Duplicate: programme.ErrDuplicateProgramme,
	}
)

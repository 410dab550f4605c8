package records

import (
	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/exam"
)

// examRecord is the stored form of an exam.Record.
type examRecord struct {
	Centre        string               `json:"centre"`
	Session       string               `json:"session"`
	Sittings      []sittingRecord      `json:"sittings,omitempty"`
	Attendance    []attendanceRecord   `json:"attendance,omitempty"`
	Jury          []presenceRecord     `json:"jury,omitempty"`
	Responsable   []presenceRecord     `json:"responsable,omitempty"`
	Sheets        []sheetRecord        `json:"sheets,omitempty"`
	Incidents     []incidentRecord     `json:"incidents,omitempty"`
	Statements    []statementRecord    `json:"statements,omitempty"`
	Constatations []constatationRecord `json:"constatations,omitempty"`
	Decisions     []decisionRecord     `json:"decisions,omitempty"`
	Amendments    []amendmentRecord    `json:"amendments,omitempty"`
	ClosedAt      string               `json:"closed_at,omitempty"`
	PVSent        *factRecord          `json:"pv_sent,omitempty"`
	Validation    *validationRecord    `json:"validation,omitempty"`
	Issuances     []issuanceRecord     `json:"issuances,omitempty"`
	Pseudonymised *factRecord          `json:"pseudonymised,omitempty"`
}

type sittingRecord struct {
	Key                string              `json:"key"`
	Epreuve            string              `json:"epreuve,omitempty"`
	Label              string              `json:"label"`
	Day                string              `json:"day"`
	Start              string              `json:"start"`
	End                string              `json:"end"`
	Candidates         []string            `json:"candidates"`
	Final              bool                `json:"final,omitempty"`
	DangerousEquipment bool                `json:"dangerous_equipment,omitempty"`
	Surveillants       []surveillantRecord `json:"surveillants,omitempty"`
}

type surveillantRecord struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
	Role  string `json:"role"`
}

type attendanceRecord struct {
	Sitting    string          `json:"sitting"`
	Candidate  string          `json:"candidate"`
	Status     string          `json:"status"`
	Identity   *identityRecord `json:"identity,omitempty"`
	Arrived    string          `json:"arrived,omitempty"`
	Late       *lateRecord     `json:"late,omitempty"`
	SignedAt   string          `json:"signed_at,omitempty"`
	Note       string          `json:"note,omitempty"`
	RecordedBy string          `json:"recorded_by"`
	RecordedAt string          `json:"recorded_at"`
}

type identityRecord struct {
	By      string `json:"by"`
	At      string `json:"at"`
	Sitting string `json:"sitting,omitempty"`
}

type lateRecord struct {
	Admitted    bool   `json:"admitted"`
	DecidedBy   string `json:"decided_by"`
	At          string `json:"at"`
	MinutesLate int    `json:"minutes_late"`
	MinutesLeft int    `json:"minutes_left"`
}

type presenceRecord struct {
	Member     string `json:"member,omitempty"`
	Name       string `json:"name"`
	Day        string `json:"day"`
	Present    bool   `json:"present"`
	Arrived    string `json:"arrived,omitempty"`
	Left       string `json:"left,omitempty"`
	SignedAt   string `json:"signed_at,omitempty"`
	RecordedBy string `json:"recorded_by"`
	RecordedAt string `json:"recorded_at"`
}

type sheetRecord struct {
	Sheet      string `json:"sheet"`
	Role       string `json:"role"`
	Member     string `json:"member,omitempty"`
	Name       string `json:"name"`
	At         string `json:"at"`
	RecordedBy string `json:"recorded_by"`
}

type incidentRecord struct {
	Number      int             `json:"number"`
	Kind        string          `json:"kind"`
	At          string          `json:"at"`
	Sitting     string          `json:"sitting,omitempty"`
	Candidates  []string        `json:"candidates,omitempty"`
	Description string          `json:"description"`
	Witnesses   []witnessRecord `json:"witnesses,omitempty"`
	ReportedBy  string          `json:"reported_by"`
	ReportedAt  string          `json:"reported_at"`
}

type witnessRecord struct {
	Name     string `json:"name"`
	SignedAt string `json:"signed_at"`
}

type statementRecord struct {
	Candidate string `json:"candidate"`
	Text      string `json:"text"`
	By        string `json:"by"`
	At        string `json:"at"`
}

type constatationRecord struct {
	Number     int                `json:"number"`
	Day        string             `json:"day"`
	Candidates []string           `json:"candidates"`
	Panels     []panelSplitRecord `json:"panels"`
	Note       string             `json:"note,omitempty"`
	By         string             `json:"by"`
	At         string             `json:"at"`
}

type panelSplitRecord struct {
	Deliberators []string `json:"deliberators,omitempty"`
	Absent       []string `json:"absent,omitempty"`
	Conflicted   []string `json:"conflicted,omitempty"`
}

type ccpResultRecord struct {
	Code     string `json:"code"`
	Acquired bool   `json:"acquired"`
}

type basisRecord struct {
	Sittings             []string `json:"sittings,omitempty"`
	EntretienFinal       bool     `json:"entretien_final,omitempty"`
	DossierProfessionnel bool     `json:"dossier_professionnel,omitempty"`
	ECF                  bool     `json:"ecf,omitempty"`
}

type signatureRecord struct {
	Member string `json:"member"`
	At     string `json:"at"`
}

type decisionRecord struct {
	Candidate    string            `json:"candidate"`
	Outcome      string            `json:"outcome"`
	CCPs         []ccpResultRecord `json:"ccps,omitempty"`
	Basis        basisRecord       `json:"basis"`
	Reasons      string            `json:"reasons,omitempty"`
	Day          string            `json:"day"`
	RecordedBy   string            `json:"recorded_by"`
	RecordedAt   string            `json:"recorded_at"`
	Deliberators []string          `json:"deliberators"`
	Signatures   []signatureRecord `json:"signatures,omitempty"`
}

type amendmentRecord struct {
	Number       int               `json:"number"`
	Candidate    string            `json:"candidate"`
	Outcome      string            `json:"outcome"`
	CCPs         []ccpResultRecord `json:"ccps,omitempty"`
	Basis        basisRecord       `json:"basis"`
	Reasons      string            `json:"reasons,omitempty"`
	Reason       string            `json:"reason"`
	ProposedBy   string            `json:"proposed_by"`
	At           string            `json:"at"`
	Deliberators []string          `json:"deliberators"`
	Signatures   []signatureRecord `json:"signatures,omitempty"`
}

type factRecord struct {
	On string `json:"on"`
	By string `json:"by"`
	At string `json:"at"`
}

type validationRecord struct {
	On        string `json:"on"`
	Reference string `json:"reference,omitempty"`
	By        string `json:"by"`
	At        string `json:"at"`
}

type issuanceRecord struct {
	Candidate   string `json:"candidate"`
	Document    string `json:"document"`
	IssuedOn    string `json:"issued_on"`
	DeliveredOn string `json:"delivered_on,omitempty"`
	By          string `json:"by"`
	At          string `json:"at"`
}

// clock is the stored form of a time of day, "" for none (an arrival of an
// absent candidate, a departure not recorded).
func clock(t tpsession.TimeOfDay, set bool) string {
	if !set {
		return ""
	}
	return t.String()
}

func (d *decoder) clock(s string) tpsession.TimeOfDay {
	if s == "" {
		return 0
	}
	return d.timeOfDay(s)
}

func toExamRecord(r exam.Record) examRecord {
	out := examRecord{Centre: string(r.Centre), Session: string(r.Session), ClosedAt: instant(r.ClosedAt)}
	out.Sittings = each(r.Sittings, func(s exam.Sitting) sittingRecord {
		return sittingRecord{Key: s.Key, Epreuve: s.Epreuve, Label: s.Label, Day: day(s.Day), Start: s.Start.String(), End: s.End.String(),
			Candidates: strs(s.Candidates), Final: s.Final, DangerousEquipment: s.DangerousEquipment,
			Surveillants: each(s.Surveillants, func(v exam.Surveillant) surveillantRecord {
				return surveillantRecord{Name: v.Name, Email: v.Email, Role: string(v.Role)}
			})}
	})
	out.Attendance = each(r.Attendance, func(a exam.Attendance) attendanceRecord {
		ar := attendanceRecord{Sitting: a.Sitting, Candidate: string(a.Candidate), Status: string(a.Status),
			Arrived: clock(a.Arrived, a.Status != exam.Absent), SignedAt: instant(a.SignedAt), Note: a.Note,
			RecordedBy: a.RecordedBy, RecordedAt: instant(a.RecordedAt)}
		if a.Identity != nil {
			ar.Identity = &identityRecord{By: a.Identity.By, At: instant(a.Identity.At), Sitting: a.Identity.Sitting}
		}
		if a.Late != nil {
			ar.Late = &lateRecord{Admitted: a.Late.Admitted, DecidedBy: a.Late.DecidedBy, At: instant(a.Late.At), MinutesLate: a.Late.MinutesLate, MinutesLeft: a.Late.MinutesLeft}
		}
		return ar
	})
	presences := func(ps []exam.Presence) []presenceRecord {
		return each(ps, func(p exam.Presence) presenceRecord {
			return presenceRecord{Member: string(p.Member), Name: p.Name, Day: day(p.Day), Present: p.Present,
				Arrived: clock(p.Arrived, p.Present), Left: clock(p.Left, p.Present && p.Left != 0), SignedAt: instant(p.SignedAt),
				RecordedBy: p.RecordedBy, RecordedAt: instant(p.RecordedAt)}
		})
	}
	out.Jury, out.Responsable = presences(r.Jury), presences(r.Responsable)
	out.Sheets = each(r.Sheets, func(s exam.SheetSignature) sheetRecord {
		return sheetRecord{Sheet: s.Sheet, Role: string(s.Role), Member: string(s.Member), Name: s.Name, At: instant(s.At), RecordedBy: s.RecordedBy}
	})
	out.Incidents = each(r.Incidents, func(i exam.Incident) incidentRecord {
		return incidentRecord{Number: i.Number, Kind: string(i.Kind), At: instant(i.At), Sitting: i.Sitting, Candidates: strs(i.Candidates),
			Description: i.Description, ReportedBy: i.ReportedBy, ReportedAt: instant(i.ReportedAt),
			Witnesses: each(i.Witnesses, func(w exam.Witness) witnessRecord { return witnessRecord{Name: w.Name, SignedAt: instant(w.SignedAt)} })}
	})
	out.Statements = each(r.Statements, func(s exam.ModalityStatement) statementRecord {
		return statementRecord{Candidate: string(s.Candidate), Text: s.Text, By: s.By, At: instant(s.At)}
	})
	out.Constatations = each(r.Constatations, func(k exam.Constatation) constatationRecord {
		return constatationRecord{Number: k.Number, Day: day(k.Day), Candidates: strs(k.Candidates), Note: k.Note, By: k.By, At: instant(k.At),
			Panels: each(k.Panels, func(p exam.Panel) panelSplitRecord {
				return panelSplitRecord{Deliberators: strs(p.Deliberators), Absent: strs(p.Absent), Conflicted: strs(p.Conflicted)}
			})}
	})
	out.Decisions = each(r.Decisions, func(d exam.Decision) decisionRecord {
		return decisionRecord{Candidate: string(d.Candidate), Outcome: string(d.Outcome), CCPs: toCCPResults(d.CCPs), Basis: toBasis(d.Basis),
			Reasons: d.Reasons, Day: day(d.Day), RecordedBy: string(d.RecordedBy), RecordedAt: instant(d.RecordedAt),
			Deliberators: strs(d.Deliberators), Signatures: toSignatures(d.Signatures)}
	})
	out.Amendments = each(r.Amendments, func(a exam.Amendment) amendmentRecord {
		return amendmentRecord{Number: a.Number, Candidate: string(a.Candidate), Outcome: string(a.Outcome), CCPs: toCCPResults(a.CCPs), Basis: toBasis(a.Basis),
			Reasons: a.Reasons, Reason: a.Reason, ProposedBy: string(a.ProposedBy), At: instant(a.At),
			Deliberators: strs(a.Deliberators), Signatures: toSignatures(a.Signatures)}
	})
	out.PVSent, out.Pseudonymised = toFact(r.PVSent), toFact(r.Pseudonymised)
	if v := r.Validation; v != nil {
		out.Validation = &validationRecord{On: day(v.On), Reference: v.Reference, By: v.By, At: instant(v.At)}
	}
	out.Issuances = each(r.Issuances, func(i exam.Issuance) issuanceRecord {
		return issuanceRecord{Candidate: string(i.Candidate), Document: string(i.Document), IssuedOn: day(i.IssuedOn), DeliveredOn: day(i.DeliveredOn), By: i.By, At: instant(i.At)}
	})
	return out
}

func toCCPResults(in []exam.CCPResult) []ccpResultRecord {
	return each(in, func(c exam.CCPResult) ccpResultRecord { return ccpResultRecord{Code: c.Code, Acquired: c.Acquired} })
}

func toBasis(b exam.Basis) basisRecord {
	return basisRecord{Sittings: b.Sittings, EntretienFinal: b.EntretienFinal, DossierProfessionnel: b.DossierProfessionnel, ECF: b.ECF}
}

func toSignatures(in []exam.Signature) []signatureRecord {
	return each(in, func(s exam.Signature) signatureRecord {
		return signatureRecord{Member: string(s.Member), At: instant(s.At)}
	})
}

func toFact(f *exam.Fact) *factRecord {
	if f == nil {
		return nil
	}
	return &factRecord{On: day(f.On), By: f.By, At: instant(f.At)}
}

func fromExamRecord(d *decoder, r examRecord) exam.Record {
	out := exam.Record{Centre: tpsession.CentreID(r.Centre), Session: tpsession.SessionID(r.Session), ClosedAt: d.instant(r.ClosedAt)}
	out.Sittings = each(r.Sittings, func(s sittingRecord) exam.Sitting {
		return exam.Sitting{Key: s.Key, Epreuve: s.Epreuve, Label: s.Label, Day: d.day(s.Day), Start: d.timeOfDay(s.Start), End: d.timeOfDay(s.End),
			Candidates: typed[tpsession.CandidateID](s.Candidates), Final: s.Final, DangerousEquipment: s.DangerousEquipment,
			Surveillants: each(s.Surveillants, func(v surveillantRecord) exam.Surveillant {
				return exam.Surveillant{Name: v.Name, Email: v.Email, Role: exam.SurveillantRole(v.Role)}
			})}
	})
	out.Attendance = each(r.Attendance, func(a attendanceRecord) exam.Attendance {
		at := exam.Attendance{Sitting: a.Sitting, Candidate: tpsession.CandidateID(a.Candidate), Status: exam.AttendanceStatus(a.Status),
			Arrived: d.clock(a.Arrived), SignedAt: d.instant(a.SignedAt), Note: a.Note, RecordedBy: a.RecordedBy, RecordedAt: d.instant(a.RecordedAt)}
		if a.Identity != nil {
			at.Identity = &exam.IdentityCheck{By: a.Identity.By, At: d.instant(a.Identity.At), Sitting: a.Identity.Sitting}
		}
		if a.Late != nil {
			at.Late = &exam.LateDecision{Admitted: a.Late.Admitted, DecidedBy: a.Late.DecidedBy, At: d.instant(a.Late.At), MinutesLate: a.Late.MinutesLate, MinutesLeft: a.Late.MinutesLeft}
		}
		return at
	})
	presences := func(ps []presenceRecord) []exam.Presence {
		return each(ps, func(p presenceRecord) exam.Presence {
			return exam.Presence{Member: tpsession.MemberID(p.Member), Name: p.Name, Day: d.day(p.Day), Present: p.Present,
				Arrived: d.clock(p.Arrived), Left: d.clock(p.Left), SignedAt: d.instant(p.SignedAt), RecordedBy: p.RecordedBy, RecordedAt: d.instant(p.RecordedAt)}
		})
	}
	out.Jury, out.Responsable = presences(r.Jury), presences(r.Responsable)
	out.Sheets = each(r.Sheets, func(s sheetRecord) exam.SheetSignature {
		return exam.SheetSignature{Sheet: s.Sheet, Role: exam.Signatory(s.Role), Member: tpsession.MemberID(s.Member), Name: s.Name, At: d.instant(s.At), RecordedBy: s.RecordedBy}
	})
	out.Incidents = each(r.Incidents, func(i incidentRecord) exam.Incident {
		return exam.Incident{Number: i.Number, Kind: exam.IncidentKind(i.Kind), At: d.instant(i.At), Sitting: i.Sitting, Candidates: typed[tpsession.CandidateID](i.Candidates),
			Description: i.Description, ReportedBy: i.ReportedBy, ReportedAt: d.instant(i.ReportedAt),
			Witnesses: each(i.Witnesses, func(w witnessRecord) exam.Witness { return exam.Witness{Name: w.Name, SignedAt: d.instant(w.SignedAt)} })}
	})
	out.Statements = each(r.Statements, func(s statementRecord) exam.ModalityStatement {
		return exam.ModalityStatement{Candidate: tpsession.CandidateID(s.Candidate), Text: s.Text, By: s.By, At: d.instant(s.At)}
	})
	out.Constatations = each(r.Constatations, func(k constatationRecord) exam.Constatation {
		return exam.Constatation{Number: k.Number, Day: d.day(k.Day), Candidates: typed[tpsession.CandidateID](k.Candidates), Note: k.Note, By: k.By, At: d.instant(k.At),
			Panels: each(k.Panels, func(p panelSplitRecord) exam.Panel {
				return exam.Panel{Deliberators: typed[tpsession.MemberID](p.Deliberators), Absent: typed[tpsession.MemberID](p.Absent), Conflicted: typed[tpsession.MemberID](p.Conflicted)}
			})}
	})
	out.Decisions = each(r.Decisions, func(x decisionRecord) exam.Decision {
		return exam.Decision{Candidate: tpsession.CandidateID(x.Candidate), Outcome: exam.Outcome(x.Outcome), CCPs: fromCCPResults(x.CCPs), Basis: fromBasis(x.Basis),
			Reasons: x.Reasons, Day: d.day(x.Day), RecordedBy: tpsession.MemberID(x.RecordedBy), RecordedAt: d.instant(x.RecordedAt),
			Deliberators: typed[tpsession.MemberID](x.Deliberators), Signatures: fromSignatures(d, x.Signatures)}
	})
	out.Amendments = each(r.Amendments, func(a amendmentRecord) exam.Amendment {
		return exam.Amendment{Number: a.Number, Candidate: tpsession.CandidateID(a.Candidate), Outcome: exam.Outcome(a.Outcome), CCPs: fromCCPResults(a.CCPs), Basis: fromBasis(a.Basis),
			Reasons: a.Reasons, Reason: a.Reason, ProposedBy: tpsession.MemberID(a.ProposedBy), At: d.instant(a.At),
			Deliberators: typed[tpsession.MemberID](a.Deliberators), Signatures: fromSignatures(d, a.Signatures)}
	})
	out.PVSent, out.Pseudonymised = fromFact(d, r.PVSent), fromFact(d, r.Pseudonymised)
	if v := r.Validation; v != nil {
		out.Validation = &exam.Validation{On: d.day(v.On), Reference: v.Reference, By: v.By, At: d.instant(v.At)}
	}
	out.Issuances = each(r.Issuances, func(i issuanceRecord) exam.Issuance {
		return exam.Issuance{Candidate: tpsession.CandidateID(i.Candidate), Document: exam.Document(i.Document), IssuedOn: d.day(i.IssuedOn), DeliveredOn: d.day(i.DeliveredOn), By: i.By, At: d.instant(i.At)}
	})
	return out
}

func fromCCPResults(in []ccpResultRecord) []exam.CCPResult {
	return each(in, func(c ccpResultRecord) exam.CCPResult { return exam.CCPResult{Code: c.Code, Acquired: c.Acquired} })
}

func fromBasis(b basisRecord) exam.Basis {
	return exam.Basis{Sittings: b.Sittings, EntretienFinal: b.EntretienFinal, DossierProfessionnel: b.DossierProfessionnel, ECF: b.ECF}
}

func fromSignatures(d *decoder, in []signatureRecord) []exam.Signature {
	return each(in, func(s signatureRecord) exam.Signature {
		return exam.Signature{Member: tpsession.MemberID(s.Member), At: d.instant(s.At)}
	})
}

func fromFact(d *decoder, f *factRecord) *exam.Fact {
	if f == nil {
		return nil
	}
	return &exam.Fact{On: d.day(f.On), By: f.By, At: d.instant(f.At)}
}

// retentionRecord is the stored form of an exam.Retention.
type retentionRecord struct {
	Centre string `json:"centre"`
	Years  int    `json:"years"`
	SetBy  string `json:"set_by,omitempty"`
	SetAt  string `json:"set_at,omitempty"`
}

// The aggregates of the exam.
var (
	Exams = Aggregate[exam.Record]{
		Codec:    newCodec(toExamRecord, fromExamRecord),
		Key:      func(r exam.Record) string { return string(r.Session) },
		Centre:   func(r exam.Record) tpsession.CentreID { return r.Centre },
		Clone:    exam.Record.Clone,
		NotFound: exam.ErrRecordNotFound, Duplicate: exam.ErrDuplicateRecord,
		Vet: exam.Vet,
	}
	Retentions = Aggregate[exam.Retention]{
		Codec: newCodec(
			func(r exam.Retention) retentionRecord {
				return retentionRecord{Centre: string(r.Centre), Years: r.Years, SetBy: r.SetBy, SetAt: instant(r.SetAt)}
			},
			func(d *decoder, r retentionRecord) exam.Retention {
				return exam.Retention{Centre: tpsession.CentreID(r.Centre), Years: r.Years, SetBy: r.SetBy, SetAt: d.instant(r.SetAt)}
			}),
		Key:      func(r exam.Retention) string { return string(r.Centre) },
		Centre:   func(r exam.Retention) tpsession.CentreID { return r.Centre },
		Clone:    exam.Retention.Clone,
		NotFound: exam.ErrRetentionNotFound, Duplicate: exam.ErrDuplicateRetention,
	}
)

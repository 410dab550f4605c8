package sqlite

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/exam"
	"github.com/tpsession/tpsession/session/plan"
	"github.com/tpsession/tpsession/session/programme"
)

var update = flag.Bool("update", false, "rewrite the golden records in testdata/")

// Fixed values, so that the golden records do not change between runs.
const (
	centre   tpsession.CentreID       = "centre-lyon"
	sid      tpsession.SessionID      = "ses_01JDQ2V7X8K9M0N1P2R3S4T5V6"
	cid      tpsession.CandidateID    = "can_01JDQ2V7X8K9M0N1P2R3S4T5V7"
	mid      tpsession.MemberID       = "mem_01JDQ2V7X8K9M0N1P2R3S4T5V8"
	other    tpsession.MemberID       = "mem_01JDQ2V7X8K9M0N1P2R3S4T5V9"
	rid      tpsession.RegistrationID = "reg_01JDQ2V7X8K9M0N1P2R3S4T5VA"
	pid      tpsession.PliID          = "pli_01JDQ2V7X8K9M0N1P2R3S4T5VB"
	employer tpsession.SIRET          = "44306184100047"
)

var (
	start = date.New(2027, time.March, 1)
	today = date.New(2026, time.November, 27)
	// at has nanoseconds: they are kept.
	at = time.Date(2026, time.November, 27, 8, 30, 15, 123456789, time.UTC)
)

// fullSession has every field and every milestone set.
func fullSession() session.Session {
	s := session.Session{
		ID: sid, Centre: centre, Title: "TP-01281", TitleName: "Concepteur développeur d'applications",
		Kind: tpsession.KindTitre, Site: "12 rue des Lilas, 69003 Lyon", Region: "alsace-moselle", UsesComputers: true,
		Start: start, End: start + 2, PlannedCandidates: 12,
		Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"}, CreatedAt: at,
		Revision: "2023", CCPs: []string{"CCP1", "CCP3"}, Modality: tpsession.Remote,
	}
	s.RestoreMilestones(session.Milestones{
		DeclaredOn: today, PliOrderedOn: today + 1, ConvocationsSentOn: today + 2, ReadyOn: start - 1,
		OpenedAt: at.AddDate(0, 3, 2), OpenedOn: start, ClosedOn: start + 2, ValidatedOn: start + 20, CancelledOn: start + 3,
	})
	return s
}

func fullCandidate() candidate.Candidate {
	return candidate.Candidate{
		Centre: centre, ID: cid, FirstName: "Léa", LastName: "Dubois", BirthDate: date.New(1998, time.April, 12),
		Email: "lea.dubois@example.fr", Phone: "+33 6 12 34 56 78",
		PostalAddress: candidate.PostalAddress{Lines: []string{"Bâtiment B", "3 rue Victor Hugo"}, Postcode: "1000", City: "Bruxelles", Country: "Belgique"},
		Route:         candidate.RouteVAE, VAERecevabiliteOn: today - 60,
		TitlesHeld:    []tpsession.TitleCode{"TP-00467"},
		HostCompanies: []candidate.HostCompany{{SIRET: employer, Name: "Atelier Numérique", Period: tpsession.DateRange{From: today - 200, Until: today - 150}}},
		Trainings: []candidate.Training{{Organisation: "Lyon Formation", SIRET: employer, Period: tpsession.DateRange{From: today - 400, Until: today - 100},
			Trainers: []candidate.Trainer{{Name: "Paul Girard", Email: "paul.girard@example.fr"}}}},
		History: []candidate.Attempt{{Session: sid, Title: "TP-01281", Revision: "2023", Kind: tpsession.KindCCP, CCPs: []string{"CCP1", "CCP2"},
			On: today - 90, Outcome: candidate.Obtained, Acquired: []string{"CCP1"}}},
	}
}

func fullRegistration() candidate.Registration {
	return candidate.Registration{
		Centre: centre, ID: rid, Session: sid, Candidate: cid, RegisteredAt: at,
		Modality: tpsession.Remote, CCPs: []string{"CCP3"},
		Withdrawal: &candidate.Withdrawal{At: at.Add(time.Hour + 1), By: "Claire Martin"},
		Convocation: &candidate.Convocation{
			ConvocationDetails: candidate.ConvocationDetails{
				Appointments: []candidate.Appointment{
					{Day: start, Time: 8*60 + 30, Epreuve: "Questionnaire professionnel", Opening: true},
					{Day: start + 1, Time: 10*60 + 25, Room: "Salle d'entretien n° 2", Epreuve: "Présentation du projet"},
				},
				Place:     "Salle 2",
				Documents: []string{"pièce d'identité", "convocation"}, PPE: []string{"chaussures de sécurité"},
			},
			DraftedOn:   today + 1,
			ValidatedOn: today + 2,
			Delivery: &candidate.Delivery{
				Method: candidate.DeliveryRegisteredMail, SentOn: today + 2, TrackingNumber: "1A23456789013",
				DeliveredOn: today + 4, ReceivedBy: "Léa Dubois",
			},
			Replaces: []candidate.Convocation{{
				ConvocationDetails: candidate.ConvocationDetails{
					Appointments: []candidate.Appointment{{Day: start, Time: 9 * 60, Room: "Salle QP n° 3", Epreuve: "QP", Opening: true}},
					Place:        "Salle 2", Documents: []string{"convocation"}, PPE: []string{"gants"},
				},
				DraftedOn:   today - 1,
				ValidatedOn: today,
				Delivery: &candidate.Delivery{Method: candidate.DeliveryRegisteredMail, SentOn: today + 1, TrackingNumber: "1A23456789012",
					DeliveredOn: today + 1, ReceivedBy: "Léa Dubois"},
			}},
		},
	}
}

// v1Convocation is the convocation of testdata/registration_v1.json, the
// stored form of before convocations held several appointments.
func v1Convocation() candidate.Convocation {
	return candidate.Convocation{
		ConvocationDetails: candidate.ConvocationDetails{
			Appointments: []candidate.Appointment{{Day: start, Time: 8*60 + 30}}, Place: "Salle 2",
			Documents: []string{"pièce d'identité", "convocation"}, PPE: []string{"chaussures de sécurité"},
		},
		DraftedOn:   today - 1,
		ValidatedOn: today,
		Delivery: &candidate.Delivery{
			Method: candidate.DeliveryRegisteredMail, SentOn: today + 1, TrackingNumber: "1A23456789012",
			DeliveredOn: today + 3, ReceivedBy: "Léa Dubois",
		},
	}
}

func fullCalendar() session.CalendarRecord {
	return session.CalendarRecord{
		Centre: centre, Session: sid, Key: "member:" + string(mid),
		Events: []session.PublishedEvent{
			{UID: "ses-mem-20270301", Digest: "9f86d081884c7d65", Sequence: 0, Modified: at, Day: start},
			{UID: "ses-mem-20270301-2", Digest: "60303ae22b998861", Sequence: 3, Modified: at.Add(time.Hour), Cancelled: true, Day: start + 1},
		},
	}
}

func fullMember() jury.Member {
	return jury.Member{
		ID: mid, Centre: centre, Name: "Marc Leroy", Email: "marc.leroy@example.fr", Employer: employer,
		Habilitations: []jury.Habilitation{{Title: "TP-01281", Valid: tpsession.DateRange{From: today, Until: today + 1000}}},
		Unavailable:   []tpsession.DateRange{{From: start + 7, Until: start + 9}},
	}
}

func fullSessionJury() jury.SessionJury {
	return jury.SessionJury{
		Centre: centre, Session: sid,
		Invitations: []jury.Invitation{
			{Member: mid, InvitedOn: today, Answer: jury.Accepted, AnsweredOn: today + 1},
			{Member: other, InvitedOn: today, Answer: jury.Declined, AnsweredOn: today + 2, WithdrawnOn: today + 3},
		},
		Conflicts: []jury.DeclaredConflict{{Member: other, Candidate: cid, Reason: jury.ReasonTrained, Note: "formateur", DeclaredOn: today}},
		Assignment: jury.Assignment{
			Panels:     []jury.Panel{{Jury: 1, Members: []tpsession.MemberID{mid, other}, Candidates: []tpsession.CandidateID{cid}}},
			Reserves:   []tpsession.MemberID{other},
			AssignedOn: today + 4,
		},
	}
}

func fullPli() pli.Pli {
	p := pli.Pli{
		ID: pid, Centre: centre, Session: sid, OrderedOn: today - 30, ReceivedOn: today,
		Materials: []pli.Material{{Name: "Poste informatique", Quantity: 4, Epreuve: "PROJ"}, {Name: "Papier", Quantity: 100}},
		PPE:       []string{"Chaussures de sécurité"},
		Location:  "Coffre, bureau 3", Custodian: "Claire Martin", SecuredAt: at.Truncate(time.Millisecond),
		Witnesses: []string{"Claire Martin", "Marc Leroy"}, OpenedAt: at.Add(time.Hour).Truncate(time.Millisecond),
	}
	for i, action := range []pli.Action{pli.ActionOrdered, pli.ActionReceived, pli.ActionSecured} {
		e := pli.Entry{At: at.Add(time.Duration(i) * time.Minute).Truncate(time.Millisecond), Actor: "Claire Martin", Action: action, Detail: "étape " + string(action)}
		e.Hash = e.ComputeHash(p.Custody.Head())
		p.Custody = append(p.Custody, e)
	}
	return p
}

func fullChecklist() checklist.Checklist {
	return checklist.Checklist{
		Centre: centre, Session: sid,
		Items: []checklist.Item{
			{Key: checklist.ItemRulesDisplayed, Label: "Règlement affiché", Status: checklist.StatusOK, Note: "salle 2", CheckedBy: "Claire Martin", CheckedOn: today},
			{Key: checklist.ItemComputersSecured, Label: "Postes sécurisés", Status: checklist.StatusPending},
		},
		Equipment: []checklist.Equipment{{Name: "Poste informatique", Available: 4, Operational: tpsession.DateRange{From: start, Until: start + 2}, UpdatedBy: "Claire Martin", UpdatedOn: today}},
	}
}

// fullPlan is a record whose input gives the fee without decimals and
// sets every field, and whose plan has every field set, the ones the wire
// format leaves out too. Storing does not judge a plan: this one is not
// consistent (a feasible plan has no reason, and is not "proved").
func fullPlan(t *testing.T) plan.Record {
	t.Helper()
	in, err := plan.DecodeBytes([]byte(`{
		"note": "salle 2 réservée",
		"title": {"code": "TP-01281", "name": "Concepteur développeur d'applications"},
		"candidates": 2,
		"epreuves": [
			{"id": "PROJ", "label": "Présentation du projet", "duration_min": 40, "jury": "exclusive", "resources": [{"type": "salle", "units": 1}], "splittable": true, "final": true},
			{"id": "QP", "label": "Questionnaire professionnel", "duration_min": 30, "jury": "none", "corrected_by_jury": true},
			{"id": "MS", "duration_min": 60, "jury": "observe", "observe_capacity": 2, "resources": [{"type": "poste", "units": 1}]}
		],
		"constraints": [
			{"type": "precedes", "before": "QP", "after": "PROJ", "min_gap_min": 10, "max_gap_min": 120},
			{"type": "precedes", "before": "MS", "after": "PROJ", "next_day": true},
			{"type": "last", "epreuve": "PROJ"},
			{"type": "same_station", "epreuves": ["MS"]}
		],
		"capacities": {"salle": 1, "poste": 2},
		"resources": {"salle": {"label": "Salle d'entretien"}},
		"station_reset_min": {"poste": 5},
		"hidden": {"opening_min": 30, "jury_briefing_min": 15, "jury_closure_min": 15, "accueil_min": 10, "reading_min": 20, "correction_min": 15, "deliberation_min": 20},
		"calendar": {"start": "2027-03-01", "blocks": [["08:30", "12:30"], ["13:30", "17:30"]], "max_days": 2, "region": "alsace-moselle"},
		"jury": {"members_per_jury": 2, "member_day_min": 420, "max_juries": 1, "member_day_fee": "180"},
		"objective": "min_juries"
	}`))
	require.NoError(t, err)
	return plan.Record{
		Centre: centre, Session: sid, Input: in, ComputedAt: at,
		Plan: plan.Plan{
			Feasible: true, Reason: "1 jury suffices", Proved: true, Days: []date.Date{start}, Juries: 1, Members: 2, LowerBounds: plan.LowerBounds{Days: 1, Juries: 1},
			Opening: &plan.Opening{Day: 1, Start: 8*60 + 30, End: 9 * 60},
			Items: []plan.Item{
				{Candidate: 1, Epreuve: "PROJ", Jury: 1, Units: []string{"salle 1"}, Segments: []plan.Segment{{Day: 1, Start: 9 * 60, End: 9*60 + 40}}},
				{Task: plan.TaskBriefing, Jury: 1, Segments: []plan.Segment{{Day: 1, Start: 8*60 + 30, End: 9 * 60}}},
			},
			MemberDays: 2, JuryCost: decimal.NewNullDecimal(decimal.New(36000, -2)),
			Notes:       []plan.Note{{Code: plan.NoteHiddenFromRegister, Message: "the register's profile"}},
			Explanation: []string{"juries: 1 jury suffices"},
		},
	}
}

// roundTrip encodes v with t, checks the document against the golden file
// testdata/name.json (rewritten with -update), and decodes it back.
func roundTrip[V any](t *testing.T, tbl *table[V], name string, v V) {
	t.Helper()
	doc, err := tbl.encode(v)
	require.NoError(t, err)
	var pretty bytes.Buffer
	require.NoError(t, json.Indent(&pretty, []byte(doc), "", "  "))
	pretty.WriteByte('\n')
	golden := filepath.Join("testdata", name+".json")
	if *update {
		require.NoError(t, os.WriteFile(golden, pretty.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), pretty.String(),
		"the stored form of %s changed: an existing database holds the old one, so the change needs a migration (then go test -update)", name)

	got, err := tbl.decode(doc)
	require.NoError(t, err)
	assert.Equal(t, v, got, "read back exactly as stored")
	fromGolden, err := tbl.decode(string(want))
	require.NoError(t, err)
	assert.Equal(t, v, fromGolden, "a record stored in the golden form reads as the value")
}

// TestRecords checks that each aggregate, every field set, is stored in
// its golden form and read back exactly: the stored form is a contract
// with the databases already written.
func TestRecords(t *testing.T) {
	t.Run("session", func(t *testing.T) { roundTrip(t, sessionTable(), "session", fullSession()) })
	t.Run("candidate", func(t *testing.T) { roundTrip(t, candidateTable(), "candidate", fullCandidate()) })
	t.Run("registration", func(t *testing.T) { roundTrip(t, registrationTable(), "registration", fullRegistration()) })
	t.Run("member", func(t *testing.T) { roundTrip(t, memberTable(), "member", fullMember()) })
	t.Run("session jury", func(t *testing.T) { roundTrip(t, sessionJuryTable(), "session_jury", fullSessionJury()) })
	t.Run("pli", func(t *testing.T) { roundTrip(t, pliTable(), "pli", fullPli()) })
	t.Run("checklist", func(t *testing.T) { roundTrip(t, checklistTable(), "checklist", fullChecklist()) })
	t.Run("plan", func(t *testing.T) { roundTrip(t, planTable(), "plan", fullPlan(t)) })
	t.Run("calendar", func(t *testing.T) { roundTrip(t, calendarTable(), "calendar", fullCalendar()) })
	t.Run("agrément", func(t *testing.T) { roundTrip(t, agrementTable(), "agrement", fullAgrement()) })
	t.Run("programme", func(t *testing.T) { roundTrip(t, programmeTable(), "programme", fullProgramme()) })
	t.Run("exam", func(t *testing.T) { roundTrip(t, examTable(), "exam", fullExam()) })
	t.Run("retention", func(t *testing.T) { roundTrip(t, retentionTable(), "retention", fullRetention()) })
}

// fullExam is a record with every field set: it is not one the rules
// would make (a closed PV with a decision still unsigned), only a value to
// store.
func fullExam() exam.Record {
	id := func(n int) tpsession.CandidateID {
		return tpsession.CandidateID(fmt.Sprintf("can_01JDQ2V7X8K9M0N1P2R3S4T5W%d", n))
	}
	late := at.Add(10 * time.Minute)
	return exam.Record{
		Centre: centre, Session: sid,
		Sittings: []exam.Sitting{{Key: "qp", Epreuve: "QP", Label: "Questionnaire professionnel", Day: start, Start: 9 * 60, End: 10 * 60,
			Candidates: []tpsession.CandidateID{cid, id(1)}, Final: true, DangerousEquipment: true,
			Surveillants: []exam.Surveillant{{Name: "Anne Vigie", Email: "anne.vigie@example.fr", Role: exam.SafetyOnly}}}},
		Attendance: []exam.Attendance{{Sitting: "qp", Candidate: cid, Status: exam.LateAdmitted,
			Identity: &exam.IdentityCheck{By: "Sami Accueil", At: at, Sitting: "accueil"}, Arrived: 9*60 + 12,
			Late:     &exam.LateDecision{Admitted: true, DecidedBy: "Claire Martin", At: late, MinutesLate: 12, MinutesLeft: 48},
			SignedAt: late, Note: "train en retard", RecordedBy: "Sami Accueil", RecordedAt: late}},
		Jury: []exam.Presence{{Member: mid, Name: "Marc Leroy", Day: start, Present: true, Arrived: 8 * 60, Left: 17 * 60, SignedAt: at, RecordedBy: "Claire Martin", RecordedAt: at}},
		Responsable: []exam.Presence{{Name: "Claire Martin", Day: start, Present: true, Arrived: 7*60 + 45, Left: 18 * 60, SignedAt: at,
			RecordedBy: "Claire Martin", RecordedAt: at}},
		Sheets: []exam.SheetSignature{{Sheet: "qp", Role: exam.SignJury, Member: mid, Name: "Marc Leroy", At: at, RecordedBy: "Claire Martin"}},
		Incidents: []exam.Incident{{Number: 1, Kind: exam.FraudSuspicion, At: at, Sitting: "qp", Candidates: []tpsession.CandidateID{cid},
			Description: "Téléphone allumé.", Witnesses: []exam.Witness{{Name: "Anne Vigie", SignedAt: at}}, ReportedBy: "Claire Martin", ReportedAt: late}},
		Statements: []exam.ModalityStatement{{Candidate: cid, Text: "visioconférence", By: "Claire Martin", At: at}},
		Constatations: []exam.Constatation{{Number: 1, Day: start, Candidates: []tpsession.CandidateID{id(1)},
			Panels: []exam.Panel{{Deliberators: []tpsession.MemberID{mid}, Absent: []tpsession.MemberID{other}, Conflicted: []tpsession.MemberID{other}}},
			Note:   "grève", By: "Claire Martin", At: at}},
		Decisions: []exam.Decision{{Candidate: cid, Outcome: exam.PartialSuccess, CCPs: []exam.CCPResult{{Code: "CCP1", Acquired: true}, {Code: "CCP2"}},
			Basis:   exam.Basis{Sittings: []string{"qp"}, EntretienFinal: true, DossierProfessionnel: true, ECF: true},
			Reasons: "CCP2 à repasser", Day: start + 2, RecordedBy: mid, RecordedAt: at, Deliberators: []tpsession.MemberID{mid, other},
			Signatures: []exam.Signature{{Member: mid, At: at}}}},
		Amendments: []exam.Amendment{{Number: 1, Candidate: cid, Outcome: exam.Obtained, CCPs: []exam.CCPResult{{Code: "CCP1", Acquired: true}, {Code: "CCP2", Acquired: true}},
			Basis: exam.Basis{Sittings: []string{"qp"}, EntretienFinal: true, DossierProfessionnel: true, ECF: true}, Reasons: "tout acquis", Reason: "erreur de saisie",
			ProposedBy: mid, At: late, Deliberators: []tpsession.MemberID{mid, other}, Signatures: []exam.Signature{{Member: other, At: late}}}},
		ClosedAt:      late,
		PVSent:        &exam.Fact{On: start + 3, By: "Claire Martin", At: late},
		Validation:    &exam.Validation{On: start + 20, Reference: "DDETS-69-031", By: "Inspection DDETS", At: late},
		Issuances:     []exam.Issuance{{Candidate: cid, Document: exam.Livret, IssuedOn: start + 30, DeliveredOn: start + 40, By: "Claire Martin", At: late}},
		Pseudonymised: &exam.Fact{On: start + 2000, By: "Claire Martin", At: late},
	}
}

func fullRetention() exam.Retention {
	return exam.Retention{Centre: centre, Years: 7, SetBy: "Claire Martin", SetAt: at}
}

// TestRecordsOfEarlierVersions reads the stored forms an earlier version
// wrote, which databases still hold.
func TestRecordsOfEarlierVersions(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("testdata", "registration_v1.json"))
	require.NoError(t, err)
	got, err := registrationTable().decode(string(doc))
	require.NoError(t, err)
	want := fullRegistration()
	conv := v1Convocation()
	want.Convocation = &conv
	assert.Equal(t, want, got, "a convocation of one appointment reads as one with a list of one")
}

func fullAgrement() agrement.Agrement {
	return agrement.Agrement{ID: "agr_01JDQ2V7X8K9M0N1P2R3S4T5VC", Centre: centre, Title: "TP-01281",
		Sites: []string{"12 rue des Lilas, 69003 Lyon", "Site de Vaise"}, Valid: tpsession.DateRange{From: today - 700, Until: today + 700},
		Reference: "décision 2024-17", Note: "renouvelée"}
}

func fullProgramme() programme.Programme {
	return programme.Programme{Centre: centre, Year: 2027, SubmittedOn: today, Note: "prévisionnel",
		Sessions: []programme.Planned{{Title: "TP-01281", Kind: tpsession.KindCCP, Site: "12 rue des Lilas, 69003 Lyon",
			Start: start, End: start + 2, Candidates: 12, Modality: tpsession.Remote}}}
}

// TestZeroValuesRoundTrip checks that unset dates, instants, pointers and
// nil slices come back unset, not as some stored default.
func TestZeroValuesRoundTrip(t *testing.T) {
	t.Run("session", func(t *testing.T) {
		s := session.Session{ID: sid, Centre: centre}
		got, err := sessionTable().decode(must(sessionTable().encode(s)))
		require.NoError(t, err)
		assert.Equal(t, s, got)
	})
	t.Run("registration", func(t *testing.T) {
		r := candidate.Registration{ID: rid, Centre: centre, Convocation: &candidate.Convocation{}}
		got, err := registrationTable().decode(must(registrationTable().encode(r)))
		require.NoError(t, err)
		assert.Equal(t, r, got)
	})
	t.Run("pli", func(t *testing.T) {
		p := pli.Pli{ID: pid, Centre: centre, Session: sid}
		got, err := pliTable().decode(must(pliTable().encode(p)))
		require.NoError(t, err)
		assert.Equal(t, p, got)
		p.PPE = []string{} // the DTE organisateur asks for none
		got, err = pliTable().decode(must(pliTable().encode(p)))
		require.NoError(t, err)
		assert.Equal(t, p, got)
	})
	t.Run("empty lists stay empty, not unset", func(t *testing.T) {
		r := candidate.Registration{ID: rid, Centre: centre, Convocation: &candidate.Convocation{
			ConvocationDetails: candidate.ConvocationDetails{Documents: []string{}, PPE: []string{}},
		}}
		got, err := registrationTable().decode(must(registrationTable().encode(r)))
		require.NoError(t, err)
		assert.Equal(t, r, got)
		j := jury.SessionJury{Centre: centre, Session: sid, Invitations: []jury.Invitation{}, Assignment: jury.Assignment{Reserves: []tpsession.MemberID{}}}
		gotJury, err := sessionJuryTable().decode(must(sessionJuryTable().encode(j)))
		require.NoError(t, err)
		assert.Equal(t, j, gotJury)
	})
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}

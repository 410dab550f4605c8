package session_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
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

// stringPaths lists the strings reachable from v: through struct fields,
// pointers and the elements of slices, by Go path.
func stringPaths(v reflect.Value, path string) []string {
	switch v.Kind() {
	case reflect.String:
		return []string{path}
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return stringPaths(v.Elem(), path)
	case reflect.Slice, reflect.Array:
		var out []string
		for i := range v.Len() {
			out = append(out, stringPaths(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	case reflect.Struct:
		var out []string
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out = append(out, stringPaths(v.Field(i), path+"."+v.Type().Field(i).Name)...)
			}
		}
		return out
	}
	return nil
}

// setString sets the string at path in v, as stringPaths names it.
func setString(v reflect.Value, path, s string) bool {
	found := false
	var walk func(v reflect.Value, at string)
	walk = func(v reflect.Value, at string) {
		switch v.Kind() {
		case reflect.String:
			if at == path {
				v.SetString(s)
				found = true
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), at)
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", at, i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i), at+"."+v.Type().Field(i).Name)
				}
			}
		}
	}
	walk(v, "")
	return found
}

// command is a command of the Service taking an input of type In, with a
// valid input: fresh returns a new one each call, which the test changes.
type command struct {
	name  string
	fresh func() any
	run   func(f *fixture, s session.Session, c candidate.Candidate, in any) error
}

func commandOf[In any](name string, fresh func() In, run func(f *fixture, s session.Session, c candidate.Candidate, in In) error) command {
	return command{name: name, fresh: func() any { v := fresh(); return &v }, run: func(f *fixture, s session.Session, c candidate.Candidate, in any) error {
		return run(f, s, c, *in.(*In))
	}}
}

// TestEveryCommandInputFollowsTheTextRule walks the input of every command
// of the Service that takes text: each string of it, set to text holding a
// control character, a bidirectional override, or the UTF-8 bytes of a
// surrogate, is refused as invalid input naming a field, and nothing is
// written. The input types are walked by reflection, so a field added to
// one cannot skip the rule.
func TestEveryCommandInputFollowsTheTextRule(t *testing.T) {
	today := date.New(2026, time.November, 16)
	memberInput := func() jury.MemberInput {
		return jury.MemberInput{Name: "Jeanne Martin", Email: "jeanne@example.fr", EmployerSIRET: "73282932000074",
			Habilitations: []jury.HabilitationInput{{TitleCode: "TP-01281", ValidFrom: "2026-01-01", ValidUntil: "2028-12-31"}}}
	}
	candidateInput := func() candidate.CandidateInput {
		return candidate.CandidateInput{FirstName: "Léa", LastName: "Dubois", BirthDate: "1998-04-12", Email: "lea@example.fr", Phone: "06 12 34 56 78",
			PostalAddress: &candidate.PostalAddressInput{Lines: []string{"3 rue Victor Hugo"}, Postcode: "69002", City: "Lyon", Country: "France"},
			Route:         "vae", VAERecevabiliteOn: "2026-10-01", TitlesHeld: []string{"TP-00001"},
			HostCompanies: []candidate.HostCompanyInput{{SIRET: "73282932000074", Name: "Atelier", From: "2026-04-01", Until: "2026-06-30"}},
			Trainings: []candidate.TrainingInput{{Organisation: "AFPA Lyon", SIRET: "73282932000074", From: "2026-01-05", Until: "2026-06-30",
				Trainers: []candidate.TrainerInput{{Name: "Paul Girard", Email: "paul.girard@example.fr"}}}}}
	}
	agrementInput := func() agrement.Input {
		return agrement.Input{TitleCode: "TP-01281", Sites: []string{"Centre de Lyon, 12 rue des Lilas"}, ValidFrom: "2026-01-01", ValidUntil: "2027-12-31",
			Reference: "arrêté du 3 janvier 2026", Note: "renouvellement demandé"}
	}
	// appointed is a convocation giving its appointments, each with its
	// room and épreuve.
	appointed := func() candidate.ConvocationInput {
		return candidate.ConvocationInput{Place: "Centre de Lyon", Documents: candidate.UsualDocuments(), Appointments: []candidate.AppointmentInput{
			{At: "2027-03-01T08:30", Room: "Salle 2", Epreuve: "Mise en situation", Opening: true},
			{At: "2027-03-02T10:00", Room: "Salle 3", Epreuve: "Entretien final"},
		}}
	}
	commands := []command{
		commandOf("CreateSession", details, func(f *fixture, _ session.Session, _ candidate.Candidate, in session.Details) error {
			_, err := f.svc.CreateSession(f.ctx, admin, in)
			return err
		}),
		commandOf("ChangeSession", func() string { return "Lyon" }, func(f *fixture, s session.Session, _ candidate.Candidate, site string) error {
			_, err := f.svc.ChangeSession(f.ctx, admin, s.ID, session.Change{Site: &site})
			return err
		}),
		commandOf("CreateCandidate", candidateInput, func(f *fixture, _ session.Session, _ candidate.Candidate, in candidate.CandidateInput) error {
			_, err := f.svc.CreateCandidate(f.ctx, admin, in)
			return err
		}),
		commandOf("ReviseCandidate", candidateInput, func(f *fixture, _ session.Session, c candidate.Candidate, in candidate.CandidateInput) error {
			_, err := f.svc.ReviseCandidate(f.ctx, admin, c.ID, in)
			return err
		}),
		commandOf("ImportCandidates", candidateInput, func(f *fixture, _ session.Session, _ candidate.Candidate, in candidate.CandidateInput) error {
			_, err := f.svc.ImportCandidates(f.ctx, admin, []candidate.CandidateInput{in}, session.ImportOptions{})
			return err
		}),
		commandOf("CreateMember", memberInput, func(f *fixture, _ session.Session, _ candidate.Candidate, in jury.MemberInput) error {
			_, err := f.svc.CreateMember(f.ctx, admin, in)
			return err
		}),
		commandOf("DeclareConflict", func() jury.DeclaredConflictInput {
			return jury.DeclaredConflictInput{Reason: "personal", Note: "cousin"}
		}, func(f *fixture, s session.Session, c candidate.Candidate, in jury.DeclaredConflictInput) error {
			m := f.member("Marc", fmt.Sprintf("marc%d@example.fr", time.Now().UnixNano()), "")
			if in.MemberID == "" {
				in.MemberID = string(m.ID)
			}
			if in.CandidateID == "" {
				in.CandidateID = string(c.ID)
			}
			_, err := f.svc.DeclareConflict(f.ctx, admin, s.ID, in)
			return err
		}),
		commandOf("CreateAgrement", agrementInput, func(f *fixture, _ session.Session, _ candidate.Candidate, in agrement.Input) error {
			_, err := f.svc.CreateAgrement(f.ctx, admin, in)
			return err
		}),
		commandOf("ReviseAgrement", agrementInput, func(f *fixture, _ session.Session, _ candidate.Candidate, in agrement.Input) error {
			a, err := f.svc.CreateAgrement(f.ctx, admin, agrementInput())
			require.NoError(t, err)
			_, err = f.svc.ReviseAgrement(f.ctx, admin, a.ID, in)
			return err
		}),
		commandOf("PutProgramme", func() programme.Input {
			return programme.Input{Note: "prévision", Sessions: []programme.PlannedInput{{TitleCode: "TP-01281", Kind: "titre", Site: "Centre de Lyon",
				StartDate: "2027-03-01", EndDate: "2027-03-05", Candidates: 12, Modality: "on_site"}}}
		}, func(f *fixture, _ session.Session, _ candidate.Candidate, in programme.Input) error {
			_, err := f.svc.PutProgramme(f.ctx, admin, 2027, in)
			return err
		}),
		commandOf("RecordAttempt", func() candidate.AttemptInput {
			return candidate.AttemptInput{TitleCode: "TP-00001", Kind: "titre", Revision: "2023", On: "2025-06-20",
				Outcome: "partial_success", Acquired: []string{"CCP1"}}
		}, func(f *fixture, _ session.Session, c candidate.Candidate, in candidate.AttemptInput) error {
			_, err := f.svc.RecordAttempt(f.ctx, admin, c.ID, in)
			return err
		}),
		commandOf("RecordDTEPPE", func() []string { return []string{"chaussures de sécurité", "gants"} },
			func(f *fixture, s session.Session, _ candidate.Candidate, in []string) error {
				_, err := f.svc.RecordDTEPPE(f.ctx, admin, s.ID, in)
				return err
			}),
		commandOf("DraftConvocation", convocation, func(f *fixture, s session.Session, c candidate.Candidate, in candidate.ConvocationInput) error {
			_, err := f.svc.DraftConvocation(f.ctx, admin, s.ID, c.ID, in)
			return err
		}),
		commandOf("DraftConvocation with appointments", appointed, func(f *fixture, s session.Session, c candidate.Candidate, in candidate.ConvocationInput) error {
			_, err := f.svc.DraftConvocation(f.ctx, admin, s.ID, c.ID, in)
			return err
		}),
		commandOf("CorrectConvocation", appointed, func(f *fixture, s session.Session, c candidate.Candidate, in candidate.ConvocationInput) error {
			_, err := f.svc.CorrectConvocation(f.ctx, admin, s.ID, c.ID, in)
			return err
		}),
		commandOf("RecordDelivery", func() candidate.DeliveryInput {
			return candidate.DeliveryInput{Method: "registered_mail", SentOn: "2026-11-16", TrackingNumber: "1A00000000001"}
		}, func(f *fixture, s session.Session, c candidate.Candidate, in candidate.DeliveryInput) error {
			_, err := f.svc.RecordDelivery(f.ctx, admin, s.ID, c.ID, in)
			return err
		}),
		commandOf("RecordDelivery by hand", func() candidate.DeliveryInput {
			return candidate.DeliveryInput{Method: "hand", DeliveredOn: "2026-11-16", ReceivedBy: "le candidat"}
		}, func(f *fixture, s session.Session, c candidate.Candidate, in candidate.DeliveryInput) error {
			_, err := f.svc.RecordDelivery(f.ctx, admin, s.ID, c.ID, in)
			return err
		}),
		commandOf("SetChecklistItem", func() checklist.ItemUpdate {
			return checklist.ItemUpdate{Status: checklist.StatusOK, Note: "vu"}
		}, func(f *fixture, s session.Session, _ candidate.Candidate, in checklist.ItemUpdate) error {
			_, err := f.svc.SetChecklistItem(f.ctx, admin, s.ID, checklist.ItemRulesDisplayed, in)
			return err
		}),
		commandOf("SetEquipment", func() string { return "Poste" }, func(f *fixture, s session.Session, _ candidate.Candidate, name string) error {
			_, err := f.svc.SetEquipment(f.ctx, admin, s.ID, name, checklist.EquipmentUpdate{Available: 1, OperationalFrom: start, OperationalUntil: end})
			return err
		}),
		commandOf("ReceivePli", func() []pli.Material { return []pli.Material{{Name: "PC", Quantity: 1, Epreuve: "MSP"}} },
			func(f *fixture, s session.Session, _ candidate.Candidate, in []pli.Material) error {
				_, err := f.svc.ReceivePli(f.ctx, admin, s.ID, date.Zero, in)
				return err
			}),
		commandOf("SecurePli", func() [2]string { return [2]string{"Coffre", "Claire Martin"} },
			func(f *fixture, s session.Session, _ candidate.Candidate, in [2]string) error {
				_, err := f.svc.SecurePli(f.ctx, admin, s.ID, in[0], in[1])
				return err
			}),
		commandOf("RecordPliAccess", func() pli.Access { return pli.Access{Reason: "seal check"} },
			func(f *fixture, s session.Session, _ candidate.Candidate, in pli.Access) error {
				_, err := f.svc.RecordPliAccess(f.ctx, admin, s.ID, in)
				return err
			}),
		commandOf("OpenPli", func() []string { return []string{"Claire Martin", "Jeanne Martin"} },
			func(f *fixture, s session.Session, _ candidate.Candidate, in []string) error {
				_, err := f.svc.OpenPli(f.ctx, admin, s.ID, in)
				return err
			}),
		commandOf("PlanSession", func() string { return "a note" }, func(f *fixture, s session.Session, _ candidate.Candidate, note string) error {
			in := planInput(t)
			in.Note, in.Title.Name, in.Epreuves[0].Label = note, note, note
			in.Resources = map[string]plan.ResourceType{"salle_qp": {Label: note}}
			_, err := f.svc.PlanSession(f.ctx, admin, s.ID, in)
			return err
		}),
	}
	bad := map[string]string{
		"a control character":      "a\u0007b",
		"a bidirectional override": "a\u202eb",
		"the bytes of a surrogate": "a\xed\xa0\x80b",
		"a byte that is not UTF-8": "a\xffb",
		"a NUL":                    "a\x00b",
	}
	// prepare makes a session, a registered candidate whose convocation
	// is validated, and a pli ordered (received, for the steps after).
	prepare := func(t *testing.T, name string) (*fixture, session.Session, candidate.Candidate) {
		f := newFixture(t, today)
		s, c := f.session(), f.candidate("Léa", "Dubois", "")
		_, err := f.svc.Register(f.ctx, admin, s.ID, c.ID)
		require.NoError(t, err)
		_, _, err = f.svc.OrderPli(f.ctx, admin, s.ID, date.Zero)
		require.NoError(t, err)
		if name == "SecurePli" || name == "RecordPliAccess" || name == "RecordDTEPPE" {
			_, err = f.svc.ReceivePli(f.ctx, admin, s.ID, date.Zero, []pli.Material{{Name: "PC", Quantity: 1}})
			require.NoError(t, err)
		}
		if !strings.HasPrefix(name, "DraftConvocation") {
			_, err = f.svc.DraftConvocation(f.ctx, admin, s.ID, c.ID, convocation())
			require.NoError(t, err)
			_, err = f.svc.ValidateConvocation(f.ctx, admin, s.ID, c.ID, date.Zero)
			require.NoError(t, err)
		}
		return f, s, c
	}
	for _, cmd := range commands {
		t.Run(cmd.name, func(t *testing.T) {
			if cmd.name != "OpenPli" { // the pli opens only with the session
				f, s, c := prepare(t, cmd.name)
				require.NoError(t, cmd.run(f, s, c, cmd.fresh()), "the valid input is accepted")
			}
			paths := stringPaths(reflect.ValueOf(cmd.fresh()), "")
			require.NotEmpty(t, paths)
			for _, path := range paths {
				for what, value := range bad {
					f, s, c := prepare(t, cmd.name)
					before, err := f.svc.Events(f.ctx, admin, s.ID)
					require.NoError(t, err)

					in := cmd.fresh()
					require.True(t, setString(reflect.ValueOf(in), path, value), path)
					assertInvalidInput(t, cmd.run(f, s, c, in), path+": "+what)
					after, err := f.svc.Events(f.ctx, admin, s.ID)
					require.NoError(t, err)
					assert.Equal(t, before, after, "%s: %s: nothing was written", path, what)
				}
			}
		})
	}
}

// TestEveryExamInputFollowsTheTextRule walks the input of every command
// of the exam days that takes text, as TestEveryCommandInputFollowsTheTextRule
// does, on a session whose exam days are recorded (examined): each string,
// set to text that breaks the text rule, is refused as invalid input
// naming a field, and nothing is written; then the valid input is
// accepted.
func TestEveryExamInputFollowsTheTextRule(t *testing.T) {
	type world struct {
		s     session.Session
		cands []tpsession.CandidateID
		sj    jury.SessionJury
	}
	type examCommand struct {
		name  string
		fresh func(w world) any
		run   func(f *fixture, w world, in any) error
	}
	examOf := func(name string, fresh func(w world) any, run func(f *fixture, w world, in any) error) examCommand {
		return examCommand{name, fresh, run}
	}
	ids := func(w world) []string {
		var out []string
		for _, c := range w.cands {
			out = append(out, string(c))
		}
		return out
	}
	commands := []examCommand{
		examOf("PutSitting", func(w world) any {
			return &exam.SittingInput{Epreuve: "MSP", Label: "Mise en situation", Day: (start + 1).String(), Start: "09:00", End: "12:00", Candidates: ids(w)}
		}, func(f *fixture, w world, in any) error {
			_, err := f.svc.PutSitting(f.ctx, admin, w.s.ID, "msp", *in.(*exam.SittingInput))
			return err
		}),
		examOf("SetSurveillants", func(world) any {
			return &[]exam.SurveillantInput{{Name: "Paul Girard", Email: "paul.girard@example.fr", Role: "surveillance"}}
		}, func(f *fixture, w world, in any) error {
			_, err := f.svc.SetSurveillants(f.ctx, admin, w.s.ID, "qp", *in.(*[]exam.SurveillantInput))
			return err
		}),
		examOf("RecordAttendance", func(world) any {
			return &exam.AttendanceInput{Status: "present", IdentityCheckedBy: "Sami Accueil", IdentityCheckedAt: at(end).Add(4 * time.Hour).Format(time.RFC3339),
				ArrivedAt: "14:00", Note: "arrivé par le train"}
		}, func(f *fixture, w world, in any) error {
			_, err := f.svc.RecordAttendance(f.ctx, admin, w.s.ID, "ef", w.cands[1], *in.(*exam.AttendanceInput))
			return err
		}),
		examOf("ReportIncident", func(w world) any {
			return &exam.IncidentInput{Kind: "disturbance", At: at(end).Add(5 * time.Hour).Format(time.RFC3339), Sitting: "ef",
				Candidates: ids(w)[:1], Description: "Bruit dans le couloir.", Witnesses: []exam.WitnessInput{{Name: "Sami Accueil", SignedAt: at(end).Add(6 * time.Hour).Format(time.RFC3339)}}}
		}, func(f *fixture, w world, in any) error {
			_, err := f.svc.ReportIncident(f.ctx, admin, w.s.ID, *in.(*exam.IncidentInput))
			return err
		}),
		examOf("Decide", func(world) any {
			return &exam.DecisionInput{Outcome: "obtained", DossierProfessionnel: true, ECF: true, Reasons: "au vu des épreuves",
				CCPs: []exam.CCPResultInput{{Code: "CCP1", Acquired: true}, {Code: "CCP2", Acquired: true}, {Code: "CCP3", Acquired: true}}}
		}, func(f *fixture, w world, in any) error {
			p, _ := w.sj.Assignment.PanelOf(w.cands[1])
			_, err := f.svc.Decide(f.ctx, juror(p.Members[0]), w.s.ID, w.cands[1], *in.(*exam.DecisionInput))
			return err
		}),
	}
	bad := map[string]string{
		"a control character":      "a\u0007b",
		"a bidirectional override": "a\u202eb",
		"the bytes of a surrogate": "a\xed\xa0\x80b",
		"a NUL":                    "a\x00b",
	}
	for _, cmd := range commands {
		t.Run(cmd.name, func(t *testing.T) {
			f := newFixture(t, date.New(2026, time.November, 16))
			s, cands, sj := f.examined()
			w := world{s, cands, sj}
			paths := stringPaths(reflect.ValueOf(cmd.fresh(w)), "")
			require.NotEmpty(t, paths)
			before, err := f.svc.Events(f.ctx, admin, s.ID)
			require.NoError(t, err)
			// A refused input writes nothing: every one runs on the same
			// session.
			for _, path := range paths {
				for what, value := range bad {
					in := cmd.fresh(w)
					require.True(t, setString(reflect.ValueOf(in), path, value), path)
					assertInvalidInput(t, cmd.run(f, w, in), path+": "+what)
				}
			}
			after, err := f.svc.Events(f.ctx, admin, s.ID)
			require.NoError(t, err)
			assert.Equal(t, before, after, "nothing was written")
			require.NoError(t, cmd.run(f, w, cmd.fresh(w)), "the valid input is accepted")
		})
	}
}

// assertInvalidInput checks that err refuses the input as invalid, naming
// a field.
func assertInvalidInput(t *testing.T, err error, what string) {
	t.Helper()
	require.Error(t, err, what)
	assert.Equal(t, tpsession.Invalid, tpsession.KindOf(err), "%s: %v", what, err)
	e, ok := err.(*tpsession.Error)
	if assert.True(t, ok, "%s: %T", what, err) {
		assert.NotEmpty(t, e.Fields, "%s: the error names the field: %v", what, err)
	}
}

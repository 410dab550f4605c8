package documents_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// A session's documents, from the service to the printer: gather the
// dossier once, add the letterhead, and make each document from it.
func Example() {
	ctx := context.Background()
	store := memstore.New()
	paris, _ := tpsession.LoadParis()
	clock := tpsession.NewFixedClock(time.Date(2027, time.January, 10, 9, 0, 0, 0, paris))
	svc, _ := session.NewService(session.Stores{
		Sessions: store, Events: store, Candidates: store, Registrations: store,
		Members: store, Juries: store, Plis: store, Checklists: store, Plans: store, Agrements: store, Programmes: store, Calendars: store, Exams: store, Retentions: store, Receipts: store,
	}, session.Config{Clock: clock, Location: paris})
	by := session.Actor{Centre: "centre-lyon", Name: "Claire Martin"}
	ses, _ := svc.CreateSession(ctx, by, session.Details{
		Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre", Site: "Lyon",
		Start: date.New(2027, time.March, 1), End: date.New(2027, time.March, 3), PlannedCandidates: 12,
		Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"},
	})
	c, _ := svc.CreateCandidate(ctx, by, candidate.CandidateInput{FirstName: "Élise", LastName: "Martin", BirthDate: "1996-05-14", Route: "formation"})
	_, _ = svc.Register(ctx, by, ses.ID, c.ID)
	_, _ = svc.DraftConvocation(ctx, by, ses.ID, c.ID, candidate.ConvocationInput{
		Appointment: "2027-03-01T08:30", Place: "Salle Rhône, 12 rue des Lilas, Lyon", Documents: candidate.UsualDocuments(),
	})
	_, _ = svc.ValidateConvocation(ctx, by, ses.ID, c.ID, date.Zero)

	d, err := documents.Gather(ctx, svc, by, ses.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	d.Centre = documents.Centre{Name: "Centre de formation Les Lilas", Address: []string{"12 rue des Lilas", "69003 Lyon"}, City: "Lyon"}
	d.Today = date.New(2027, time.January, 10)
	d.Delivery = candidate.DeliveryRegisteredMail
	letters, err := documents.ConvocationLetters(d)
	if err != nil {
		fmt.Println(err)
		return
	}
	sheets, _ := documents.AttendanceSheets(d)
	sheet, _ := documents.CandidatesCSV(d)
	for _, doc := range []documents.Document{letters, sheets, sheet} {
		fmt.Println(doc.Name, doc.ContentType)
	}
	doc, _ := documents.CandidateCalendar(d, c.ID)
	fmt.Println(doc.Name, doc.ContentType)
	// Output:
	// convocations-tp-01281-2027-03-01.pdf application/pdf
	// emargement-tp-01281-2027-03-01.pdf application/pdf
	// candidats-tp-01281-2027-03-01.csv text/csv; charset=utf-8
	// convocation-martin-elise.ics text/calendar; charset=utf-8
}

// A spreadsheet export is read with its line numbers; a file with a bad row
// imports nothing and says what to fix, line by line.
func ExampleParseCandidates() {
	today := date.New(2027, time.January, 10)
	file := "Nom;Prénom;Date de naissance;Parcours;Courriel\n" +
		"Martin;Élise;14/05/1996;Formation;elise.martin@example.fr\n" +
		"Dupré;Noé;1999-07-03;VAE;\n"
	im, err := documents.ParseCandidates(strings.NewReader(file), documents.ImportOptions{Today: today})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, c := range im.Candidates {
		fmt.Printf("line %d: %s %s, born %s, route %s\n", im.Lines[i], c.FirstName, c.LastName, c.BirthDate, c.Route)
	}

	bad := "Nom;Prénom;Date de naissance;Parcours\n" +
		"Martin;Élise;14/05/1996;formation\n" +
		";Noé;31/02/1999;formation\n"
	_, err = documents.ParseCandidates(strings.NewReader(bad), documents.ImportOptions{Today: today})
	if ie, ok := errors.AsType[*documents.ImportError](err); ok {
		for _, r := range ie.Rows {
			for _, f := range r.Fields {
				fmt.Printf("line %d: %s: %s\n", r.Line, f.Field, f.Message)
			}
		}
	}
	// Output:
	// line 2: Élise Martin, born 1996-05-14, route formation
	// line 3: Noé Dupré, born 1999-07-03, route vae
	// line 3: birth_date: "31/02/1999" is not a date: there is no day 31/2 in 1999
	// line 3: last_name: is required
}

// The export is the spreadsheet staff copy into the Ministry's
// application: identity first, ';'-separated, dates as French Excel reads
// them.
func ExampleCandidatesCSV() {
	today := date.New(2027, time.January, 10)
	ses, _ := session.New("ses_01JN0000000000000000000001", "centre-lyon", session.Details{
		Title: "TP-01281", TitleName: "Concepteur développeur d'applications", Kind: "titre", Site: "Lyon",
		Start: date.New(2027, time.March, 1), End: date.New(2027, time.March, 3), PlannedCandidates: 12,
		Responsable: session.Person{Name: "Claire Martin", Email: "claire.martin@example.fr"},
	}, time.Date(2027, time.January, 4, 9, 0, 0, 0, time.UTC))
	c, _ := candidate.NewCandidate("centre-lyon", "can_01JN0000000000000000000001", candidate.CandidateInput{
		FirstName: "Élise", LastName: "Martin", BirthDate: "1996-05-14", Route: "formation", Phone: "06 12 34 56 78",
		PostalAddress: &candidate.PostalAddressInput{Lines: []string{"3 rue Victor Hugo"}, Postcode: "69002", City: "Lyon"},
	}, today)
	r, _ := candidate.Register("reg_01JN0000000000000000000001", candidate.Session{
		Centre: ses.Centre, ID: ses.ID, Kind: ses.Kind, Title: ses.Title, Start: ses.Start, End: ses.End,
	}, c, nil, time.Date(2027, time.January, 10, 9, 0, 0, 0, time.UTC), candidate.Request{})

	doc, err := documents.CandidatesCSV(documents.Dossier{
		Session: ses, Candidates: []candidate.Candidate{c}, Registrations: []candidate.Registration{r},
	}, documents.ColumnLastName, documents.ColumnFirstName, documents.ColumnBirthDate, documents.ColumnPhone,
		documents.ColumnAddress, documents.ColumnPostcode, documents.ColumnCity, documents.ColumnRoute)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(strings.ReplaceAll(strings.TrimPrefix(string(doc.Body), "\ufeff"), "\r\n", "\n"))
	// Output:
	// Nom;Prénom;Date de naissance;Téléphone;Adresse;Code postal;Ville;Parcours
	// Martin;Élise;14/05/1996;06 12 34 56 78;3 rue Victor Hugo;69002;Lyon;Formation
}

// The déroulé de session names the candidates once the caller says who is
// who in the plan.
func ExampleDerouleText() {
	in := plan.Input{
		Title:      plan.Title{Code: "TP-01281", Name: "Concepteur développeur d'applications"},
		Candidates: 2,
		Epreuves: []plan.Epreuve{{ID: "ENT", Label: "Entretien", DurationMin: 45, Jury: plan.Exclusive,
			Resources: []plan.ResourceNeed{{Type: "salle", Units: 1}}}},
		Capacities: map[string]int{"salle": 1},
		Resources:  map[string]plan.ResourceType{"salle": {Label: "Salle Rhône"}},
		Hidden:     &plan.Hidden{OpeningMin: 30},
		Calendar: plan.Calendar{Start: date.New(2027, time.March, 1), MaxDays: 1,
			Blocks: []plan.Block{{Start: 8*60 + 30, End: 12*60 + 30}}},
		Jury:      plan.Jury{MembersPerJury: 2, MemberDayMin: 420, MaxJuries: 1},
		Objective: plan.MinJuries,
	}
	rec, err := plan.NewRecord(context.Background(), "centre-lyon", "ses_01JN0000000000000000000001", in, time.Date(2027, time.January, 10, 9, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	today := date.New(2027, time.January, 10)
	var cands []candidate.Candidate
	var regs []candidate.Registration
	for i, name := range []string{"Élise Martin", "Noé Dupré"} {
		first, last, _ := strings.Cut(name, " ")
		c, _ := candidate.NewCandidate("centre-lyon", tpsession.CandidateID(fmt.Sprintf("can_01JN000000000000000000000%d", i+1)),
			candidate.CandidateInput{FirstName: first, LastName: last, BirthDate: "1996-05-14", Route: "formation"}, today)
		cands = append(cands, c)
		regs = append(regs, candidate.Registration{Centre: "centre-lyon", Session: rec.Session, Candidate: c.ID})
	}
	doc, err := documents.DerouleText(documents.Dossier{
		Session:        session.Session{ID: rec.Session, Centre: rec.Centre},
		Candidates:     cands,
		Registrations:  regs,
		Plan:           &rec,
		PlanCandidates: []tpsession.CandidateID{cands[1].ID, cands[0].ID},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(doc.Body))
	// Output:
	// Déroulé de session — Concepteur développeur d'applications (TP-01281)
	// 2 candidats · 1 jury de 2 membres · 1 jour, le lundi 1er mars 2027
	//
	// Jour 1 — lundi 1er mars 2027
	//   08:30–09:00  Ouverture de la session : accueil des candidats, vérification des identités, ouverture du pli
	//
	//   Jurys
	//     Jury 1
	//       09:00–09:45  ENT Entretien — candidat 1
	//       09:45–10:30  ENT Entretien — candidat 2
	//
	//   Candidats
	//     Candidat 1 — Noé DUPRÉ
	//       09:00–09:45  ENT Entretien — Salle Rhône — jury 1
	//     Candidat 2 — Élise MARTIN
	//       09:45–10:30  ENT Entretien — Salle Rhône — jury 1
}

// The déroulé de session of a plan, as text to display in the exam rooms:
// the schedule of session/plan in French, juries and candidates by number.
func ExampleWriteDeroule() {
	in, _ := plan.Decode(strings.NewReader(`{
 "title": {"code": "TP-01281", "name": "Concepteur développeur d'applications"},
 "candidates": 1,
 "epreuves": [
  {"id": "QP", "duration_min": 30, "jury": "none", "resources": [{"type": "salle_qp", "units": 1}], "corrected_by_jury": true},
  {"id": "PROJ", "duration_min": 40, "jury": "exclusive", "resources": [{"type": "salle_entretien", "units": 1}]},
  {"id": "ET", "duration_min": 45, "jury": "exclusive", "resources": [{"type": "salle_entretien", "units": 1}]},
  {"id": "EF", "duration_min": 20, "jury": "exclusive", "resources": [{"type": "salle_entretien", "units": 1}]}
 ],
 "constraints": [
  {"type": "precedes", "before": "QP", "after": "PROJ"},
  {"type": "no_wait", "before": "PROJ", "after": "ET", "max_gap_min": 0},
  {"type": "last", "epreuve": "EF"}
 ],
 "capacities": {"salle_qp": 8, "salle_entretien": 2},
 "hidden": {"opening_min": 30, "jury_briefing_min": 30, "jury_closure_min": 30, "accueil_min": 5,
            "reading_min": 20, "correction_min": 10, "deliberation_min": 10},
 "calendar": {"start": "2027-03-01", "max_days": 1, "blocks": [["08:30", "12:30"], ["13:30", "17:30"]]},
 "jury": {"members_per_jury": 2, "member_day_min": 420, "max_juries": 4, "member_day_fee": "180.00"},
 "objective": "min_juries"
}`))
	p, _ := plan.Compute(in)
	_ = documents.WriteDeroule(os.Stdout, plan.NewSchedule(in, p))
	// Output:
	// Déroulé de session — Concepteur développeur d'applications (TP-01281)
	// 1 candidat · 1 jury de 2 membres · 1 jour, le lundi 1er mars 2027
	// Coût du jury : 2 journées-membre, 360,00 €
	//
	// Jour 1 — lundi 1er mars 2027
	//   08:30–09:00  Ouverture de la session : accueil des candidats, vérification des identités, ouverture du pli
	//
	//   Jurys
	//     Jury 1
	//       09:00–09:30  Briefing du jury (lecture du DTE jury, des grilles)
	//       09:30–09:50  Lecture du dossier — candidat 1
	//       09:50–10:00  Correction QP — candidat 1
	//       10:00–10:05  Accueil — candidat 1
	//       10:05–10:45  PROJ — candidat 1
	//       10:45–11:30  ET — candidat 1
	//       11:30–11:50  EF — candidat 1
	//       11:50–12:00  Délibération — candidat 1
	//       12:00–12:30  Clôture du jury (PV, fiches de résultats, signatures)
	//
	//   Candidats
	//     Candidat 1
	//       09:00–09:30  QP — Salle QP n° 1
	//       10:00–10:05  Accueil par le jury 1
	//       10:05–10:45  PROJ — Salle entretien n° 1 — jury 1
	//       10:45–11:30  ET — Salle entretien n° 1 — jury 1
	//       11:30–11:50  EF — Salle entretien n° 1 — jury 1
}

package documents

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/exam"
)

// French words of the exam's record.
var (
	attendanceFR = map[exam.AttendanceStatus]string{exam.Present: "Présent", exam.Absent: "Absent",
		exam.LateAdmitted: "Retard admis", exam.LateRefused: "Retard refusé"}
	incidentFR = map[exam.IncidentKind]string{exam.FraudSuspicion: "Suspicion de fraude", exam.Disturbance: "Perturbation",
		exam.TechnicalFailure: "Défaillance technique", exam.OtherIncident: "Autre incident"}
	documentFR = map[exam.Document]string{exam.Parchemin: "parchemin", exam.Livret: "livret de certification", exam.CCSCertificate: "certificat du CCS"}
)

// outcomeFR names an outcome for the kind of session.
func outcomeFR(kind tpsession.SessionKind, o exam.Outcome) string {
	switch o {
	case exam.Obtained:
		switch kind {
		case tpsession.KindCCP:
			return "CCP obtenu"
		case tpsession.KindCCS:
			return "CCS obtenu"
		}
		return "Titre obtenu"
	case exam.PartialSuccess:
		return "Réussite partielle"
	case exam.Failed:
		return "Échec"
	case exam.AbsentOutcome:
		return "Absent"
	}
	return string(o)
}

// instantFR writes "lundi 1er mars 2027 à 17 h 05" in the centre's zone.
func (b *book) instantFR(t time.Time) string {
	t = t.In(b.loc())
	return dateFR(date.NewAt(t)) + " à " + clockFR(tpsession.TimeOfDay(t.Hour()*60+t.Minute()))
}

// loc is the time zone the documents read instants in: Europe/Paris, or
// UTC on a machine without it.
func (b *book) loc() *time.Location {
	if loc, err := tpsession.LoadParis(); err == nil {
		return loc
	}
	return time.UTC
}

// exam returns the dossier's exam record, or ErrInvalidDossier naming
// what the document needs.
func (b *book) exam(what string) (session.ExamState, error) {
	if b.Exam == nil {
		return session.ExamState{}, ErrInvalidDossier.Withf("the dossier holds no exam record: %s is made from it", what).
			WithFields(tpsession.FieldError{Field: "exam", Message: "is missing"})
	}
	return *b.Exam, nil
}

func (b *book) memberName(m tpsession.MemberID) string {
	if x, ok := b.members[m]; ok && x.Name != "" {
		return x.Name
	}
	return string(m)
}

func (b *book) memberNames(ms []tpsession.MemberID) string {
	if len(ms) == 0 {
		return "—"
	}
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = b.memberName(m)
	}
	return strings.Join(names, ", ")
}

func (b *book) candidateName(c tpsession.CandidateID) string {
	if x, ok := b.cands[c]; ok {
		return fullName(x)
	}
	return string(c)
}

// ProcesVerbal returns the procès-verbal of the session (PDF): the jury
// and the decision on each candidate — the outcome, each CCP acquired or
// not, what the jury had before it, the amendments — the candidates to be
// convened again, the absences and late arrivals, the incident reports, each
// candidate's modality in a remote session, and the jury's signatures, who
// signed and when (the signed state, not an image). A procès-verbal not
// closed yet is printed as a draft, saying what it lacks; once closed it
// says when, then when it was sent and validated.
//
// Errors: ErrInvalidDossier, without the exam record.
func ProcesVerbal(d Dossier) (Document, error) {
	b, err := d.open()
	if err != nil {
		return Document{}, err
	}
	st, err := b.exam("the procès-verbal")
	if err != nil {
		return Document{}, err
	}
	rec := st.Record
	p := newPDF(b, "Procès-verbal — "+titleFR(b.Session))
	p.section("Procès-verbal de session d'examen")
	b.writePVHead(p, st)
	b.writeDecisions(p, st)
	b.writeAttendance(p, rec)
	b.writeIncidents(p, rec)
	if len(rec.Amendments) > 0 {
		b.writeAmendments(p, rec)
	}
	b.writeSignatures(p, st)
	return p.document(fileName("pdf", "proces-verbal", string(b.Session.Title), b.Session.Start.String()))
}

// sessionHead prints a document's title, the centre, and the session by
// its title, dates and site: the words of people, never an identifier.
func (b *book) sessionHead(p *pdfDoc, title string) {
	p.font("B", 15)
	p.para(0, 8, title, "C")
	p.font("", 10)
	if b.Centre.Name != "" {
		p.para(0, 5, b.Centre.Name, "C")
	}
	p.f.Ln(3)
	p.font("B", 10.5)
	p.para(0, 5.5, "Session d'examen du "+titleFR(b.Session))
	p.font("", 10)
	p.para(0, 5, upperFirst(periodFR(b.Session.Start, b.Session.End))+" · lieu : "+b.Session.Site)
}

// writePVHead prints the head of the procès-verbal: the session, its
// responsable, the remote experiment, and whether the PV is closed.
func (b *book) writePVHead(p *pdfDoc, st session.ExamState) {
	rec := st.Record
	b.sessionHead(p, "Procès-verbal de session d'examen")
	p.para(0, 5, "Responsable de session : "+b.Session.Responsable.Name)
	if b.Session.Modality.IsRemote() {
		p.f.Ln(1)
		p.font("B", 9.5)
		p.para(0, 5, "Session à distance, dans le cadre de l'expérimentation ouverte par l'arrêté du 14 novembre 2024 : la modalité de passage à distance de chaque candidat est indiquée avec sa décision.")
	}
	p.f.Ln(2)
	p.font("B", 10)
	switch {
	case rec.Closed():
		p.para(0, 5.5, "Procès-verbal clos le "+b.instantFR(rec.ClosedAt)+", chaque membre du jury ayant signé les décisions auxquelles il a délibéré.")
	default:
		p.f.SetTextColor(160, 0, 0)
		p.para(0, 5.5, fmt.Sprintf("PROJET — le procès-verbal n'est pas clos : %s.", pendingFR(b, st.Pending)))
		p.f.SetTextColor(0, 0, 0)
	}
	if len(b.Assignment.Panels) > 0 {
		p.heading("Composition du jury")
		p.font("", 10)
		for _, pn := range b.Assignment.Panels {
			names := make([]string, 0, len(pn.Members))
			for _, m := range b.panelMembers(pn.Jury) {
				names = append(names, m.Name)
			}
			p.para(0, 5, fmt.Sprintf("Jury %d : %s — %s", pn.Jury, strings.Join(names, ", "), pluralFR(len(pn.Candidates), "candidat")))
		}
	}
}

// pendingFR says what a procès-verbal lacks.
func pendingFR(b *book, ps []exam.Pending) string {
	var parts []string
	for _, pd := range ps {
		if len(pd.Unsigned) == 0 {
			parts = append(parts, "pas de décision pour "+b.candidateName(pd.Candidate))
		} else {
			parts = append(parts, fmt.Sprintf("la décision sur %s attend la signature de %s", b.candidateName(pd.Candidate), b.memberNames(pd.Unsigned)))
		}
	}
	if len(parts) == 0 {
		return "rien n'y manque, il reste à le clore"
	}
	return strings.Join(parts, " ; ")
}

var decisionColumns = []column{
	{title: "N°", width: 9, align: "C"},
	{title: "Candidat", width: 42, align: "L"},
	{title: "Décision", width: 28, align: "L"},
	{title: "CCP", width: 34, align: "L"},
	{title: "Éléments", width: 22, align: "L"},
	{title: "Délibéré le", width: 39, align: "L"},
}

func (b *book) writeDecisions(p *pdfDoc, st session.ExamState) {
	rec := st.Record
	p.heading("Décisions du jury")
	p.font("", 9)
	p.para(0, 4.5, "Éléments : DP, le dossier professionnel ; ECF, les résultats des évaluations passées en cours de formation ; EF, l'entretien final. Le jury décide sans note chiffrée, sur chaque CCP.")
	p.f.Ln(1)
	p.header(decisionColumns, 10)
	var reasons []string
	for i, r := range b.regs {
		c := b.cands[r.Candidate]
		who := fullName(c)
		if b.Session.Modality.IsRemote() {
			if r.Modality.IsRemote() {
				if s, ok := rec.Statement(c.ID); ok {
					who += "\nÀ distance : " + s.Text
				} else {
					who += "\nÀ distance : modalité non indiquée"
				}
			} else {
				who += "\nSur site"
			}
		}
		row := []string{fmt.Sprint(i + 1), who}
		d, decided := rec.Decision(c.ID)
		k, reconvene := rec.ToReconvene(c.ID)
		switch {
		case reconvene:
			row = append(row, fmt.Sprintf("À convoquer à nouveau (PV de constatation n° %d du %s)", k.Number, numericFR(k.Day)), "", "", "")
		case !decided:
			row = append(row, "En attente", "", "", "")
		default:
			cur := rec.Current(c.ID)
			what := outcomeFR(b.Session.Kind, cur.Outcome)
			if cur.Amendment > 0 {
				what += fmt.Sprintf(" (rectificatif n° %d)", cur.Amendment)
			}
			if !d.Signed() {
				what += "\nSignatures en attente"
			}
			row = append(row, what, ccpsFR(cur.CCPs), basisFR(cur.Basis), numericFR(d.Day)+"\n"+b.memberNames(d.Deliberators))
			if cur.Reasons != "" {
				reasons = append(reasons, fullName(c)+" : "+cur.Reasons)
			}
		}
		p.row(decisionColumns, row, 0)
	}
	if len(b.regs) == 0 {
		p.font("", 9.5)
		p.para(0, 5, "Aucun candidat n'est inscrit à la session.")
	}
	if len(reasons) > 0 {
		p.f.Ln(2)
		p.font("B", 10)
		p.cell(0, 6, "Motifs du jury", "", "L", true)
		p.font("", 9.5)
		p.bullets(5, reasons)
	}
	if len(rec.Constatations) > 0 {
		p.f.Ln(2)
		p.font("B", 10)
		p.cell(0, 6, "Candidats à convoquer à nouveau", "", "L", true)
		p.font("", 9.5)
		var lines []string
		for _, k := range rec.Constatations {
			var names []string
			for _, c := range k.Candidates {
				names = append(names, b.candidateName(c))
			}
			lines = append(lines, fmt.Sprintf("PV de constatation n° %d du %s : le jury ne réunissait pas au moins %d membres présents sans conflit pour %s.",
				k.Number, dayFR(k.Day), st.Quorum, strings.Join(names, ", ")))
		}
		p.bullets(5, lines)
	}
}

// ccpsFR lists the CCPs one a line: "CCP1 acquis".
func ccpsFR(ccps []exam.CCPResult) string {
	if len(ccps) == 0 {
		return "—"
	}
	lines := make([]string, len(ccps))
	for i, c := range ccps {
		if c.Acquired {
			lines[i] = c.Code + " acquis"
		} else {
			lines[i] = c.Code + " non acquis"
		}
	}
	return strings.Join(lines, "\n")
}

// basisFR lists what the jury had before it: "DP, ECF, EF".
func basisFR(b exam.Basis) string {
	var out []string
	if b.DossierProfessionnel {
		out = append(out, "DP")
	}
	if b.ECF {
		out = append(out, "ECF")
	}
	if b.EntretienFinal {
		out = append(out, "EF")
	}
	if len(out) == 0 {
		return "—"
	}
	return strings.Join(out, ", ")
}

// writeAttendance prints the absences and late arrivals, sitting by
// sitting, and the presence of the responsable de session.
func (b *book) writeAttendance(p *pdfDoc, rec exam.Record) {
	p.heading("Absences et retards")
	p.font("", 9.5)
	sittings := slices.Clone(rec.Sittings)
	slices.SortStableFunc(sittings, func(x, y exam.Sitting) int {
		if x.Day != y.Day {
			return int(x.Day - y.Day)
		}
		return int(x.Start - y.Start)
	})
	any := false
	for _, s := range sittings {
		var lines []string
		for _, c := range s.Candidates {
			a, ok := rec.AttendanceOf(s.Key, c)
			switch {
			case !ok:
				lines = append(lines, b.candidateName(c)+" : présence non enregistrée")
			case a.Status == exam.Absent:
				lines = append(lines, b.candidateName(c)+" : absent")
			case a.Late != nil && a.Late.Admitted:
				lines = append(lines, fmt.Sprintf("%s : arrivé à %s, %d min après le début, admis par %s ; fin inchangée, %d min de composition",
					b.candidateName(c), clockFR(a.Arrived), a.Late.MinutesLate, a.Late.DecidedBy, a.Late.MinutesLeft))
			case a.Late != nil:
				lines = append(lines, fmt.Sprintf("%s : arrivé à %s, %d min après le début, non admis par %s", b.candidateName(c), clockFR(a.Arrived), a.Late.MinutesLate, a.Late.DecidedBy))
			}
		}
		if len(lines) == 0 {
			continue
		}
		any = true
		p.font("B", 9.5)
		p.para(0, 5, fmt.Sprintf("%s — %s, %s", s.Label, dateFR(s.Day), span(s.Start, s.End)))
		p.font("", 9.5)
		p.bullets(4.8, lines)
	}
	if !any {
		p.para(0, 5, "Aucune absence ni aucun retard aux épreuves enregistrées.")
	}
	var days []string
	for _, day := range b.Session.Calendar().WorkingDays(b.Session.Start, b.Session.End) {
		pr, ok := rec.ResponsablePresence(day)
		switch {
		case !ok:
			days = append(days, dateFR(day)+" : présence non enregistrée")
		case pr.Present:
			days = append(days, fmt.Sprintf("%s : présent à partir de %s", dateFR(day), clockFR(pr.Arrived)))
		default:
			days = append(days, dateFR(day)+" : absent")
		}
	}
	p.f.Ln(1)
	p.font("B", 9.5)
	p.para(0, 5, "Présence du responsable de session sur le site")
	p.font("", 9.5)
	p.bullets(4.8, days)
}

// writeIncidents prints every incident report, or says there is none.
func (b *book) writeIncidents(p *pdfDoc, rec exam.Record) {
	p.heading("Incidents")
	p.font("", 9.5)
	if len(rec.Incidents) == 0 {
		p.para(0, 5, "Aucun incident n'a été signalé.")
		return
	}
	for _, inc := range rec.Incidents {
		p.font("B", 9.5)
		head := fmt.Sprintf("Rapport n° %d — %s — %s", inc.Number, incidentFR[inc.Kind], b.instantFR(inc.At))
		if inc.Sitting != "" {
			if s, err := rec.Sitting(inc.Sitting); err == nil {
				head += " — " + s.Label
			}
		}
		p.para(0, 5, head)
		p.font("", 9.5)
		if len(inc.Candidates) > 0 {
			var names []string
			for _, c := range inc.Candidates {
				names = append(names, b.candidateName(c))
			}
			p.para(0, 5, "Candidat(s) concerné(s) : "+strings.Join(names, ", "))
		}
		p.para(0, 5, inc.Description)
		var wit []string
		for _, w := range inc.Witnesses {
			wit = append(wit, w.Name+", signé le "+b.instantFR(w.SignedAt))
		}
		if len(wit) > 0 {
			p.para(0, 5, "Témoins signataires : "+strings.Join(wit, " ; "))
		}
		p.para(0, 5, "Rapport établi par "+inc.ReportedBy+" le "+b.instantFR(inc.ReportedAt)+".")
		p.f.Ln(1.5)
	}
	p.font("", 9)
	p.para(0, 4.5, "Les rapports sont transmis à l'administration avec le présent procès-verbal : il appartient à elle seule d'y donner une suite.")
}

func (b *book) writeAmendments(p *pdfDoc, rec exam.Record) {
	p.heading("Rectificatifs")
	for _, a := range rec.Amendments {
		p.font("B", 9.5)
		p.para(0, 5, fmt.Sprintf("Rectificatif n° %d de la décision sur %s, proposé le %s par %s", a.Number, b.candidateName(a.Candidate), b.instantFR(a.At), b.memberName(a.ProposedBy)))
		p.font("", 9.5)
		p.para(0, 5, "Décision rectifiée : "+outcomeFR(b.Session.Kind, a.Outcome)+"; "+strings.ReplaceAll(ccpsFR(a.CCPs), "\n", ", ")+".")
		p.para(0, 5, "Motif : "+a.Reason)
		var sigs []string
		for _, s := range a.Signatures {
			sigs = append(sigs, b.memberName(s.Member)+" le "+b.instantFR(s.At))
		}
		state := "En vigueur, signé par " + strings.Join(sigs, " ; ")
		if !a.Effective() {
			state = "En attente de la signature de " + b.memberNames(a.Unsigned())
			if len(sigs) > 0 {
				state += " ; signé par " + strings.Join(sigs, " ; ")
			}
		}
		p.para(0, 5, state+".")
		p.f.Ln(1)
	}
}

var signatureColumns = []column{
	{title: "Membre du jury", width: 60, align: "L"},
	{title: "Décisions signées", width: 40, align: "L"},
	{title: "Signature", width: 74, align: "L"},
}

// writeSignatures prints the jury's signature block: each member who
// deliberated, the decisions they signed and when they last signed.
func (b *book) writeSignatures(p *pdfDoc, st session.ExamState) {
	rec := st.Record
	p.heading("Signatures du jury")
	type signer struct {
		id           tpsession.MemberID
		signed, owed int
		last         time.Time
	}
	var signers []*signer
	find := func(m tpsession.MemberID) *signer {
		for _, s := range signers {
			if s.id == m {
				return s
			}
		}
		s := &signer{id: m}
		signers = append(signers, s)
		return s
	}
	for _, d := range rec.Decisions {
		for _, m := range d.Deliberators {
			s := find(m)
			s.owed++
			for _, sig := range d.Signatures {
				if sig.Member == m {
					s.signed++
					if sig.At.After(s.last) {
						s.last = sig.At
					}
				}
			}
		}
	}
	if len(signers) == 0 {
		p.font("", 9.5)
		p.para(0, 5, "Aucune décision n'est enregistrée : aucun membre n'a encore signé.")
	} else {
		p.header(signatureColumns, 10)
		for _, s := range signers {
			state := "Signé électroniquement ; dernière signature le " + b.instantFR(s.last)
			if s.signed < s.owed {
				state = fmt.Sprintf("%d signature(s) en attente", s.owed-s.signed)
				if s.signed > 0 {
					state += " ; dernière le " + b.instantFR(s.last)
				}
			}
			p.row(signatureColumns, []string{b.memberName(s.id), fmt.Sprintf("%d sur %d", s.signed, s.owed), state}, 0)
		}
	}
	p.f.Ln(3)
	p.font("", 9.5)
	p.para(0, 5, "Responsable de session : "+b.Session.Responsable.Name+". Chaque signature est enregistrée avec son auteur et son heure dans le registre de la session, qui en garde la trace.")
	if f := rec.PVSent; f != nil {
		p.para(0, 5, "Procès-verbal transmis à l'administration le "+dayFR(f.On)+" ("+f.By+").")
	}
	if v := rec.Validation; v != nil {
		line := "Résultats validés par l'administration le " + dayFR(v.On)
		if v.Reference != "" {
			line += ", décision " + v.Reference
		}
		p.para(0, 5, line+" (enregistré par "+v.By+").")
	}
	if len(rec.Issuances) > 0 {
		var lines []string
		for _, is := range rec.Issuances {
			l := fmt.Sprintf("%s : %s délivré le %s", b.candidateName(is.Candidate), documentFR[is.Document], dayFR(is.IssuedOn))
			if is.DeliveredOn != date.Zero {
				l += ", remis le " + dayFR(is.DeliveredOn)
			}
			lines = append(lines, l)
		}
		p.f.Ln(1)
		p.bullets(5, lines)
	}
}

// Constatations returns the session's PV de constatation (PDF), one per
// section: the responsable de session's statement, for the
// administration, that on a day the jury could not validly deliberate on
// some candidates, the members of their panels present, absent and in
// conflict, and that the candidates are to be convened again.
//
// Errors: ErrInvalidDossier, without the exam record; ErrNoConstatation
// when it holds none.
func Constatations(d Dossier) (Document, error) {
	b, err := d.open()
	if err != nil {
		return Document{}, err
	}
	st, err := b.exam("the PV de constatation")
	if err != nil {
		return Document{}, err
	}
	if len(st.Record.Constatations) == 0 {
		return Document{}, ErrNoConstatation.Withf("session %s has no PV de constatation: the jury could deliberate on every candidate", b.Session.ID)
	}
	p := newPDF(b, "PV de constatation — "+titleFR(b.Session))
	for _, k := range st.Record.Constatations {
		b.writeConstatation(p, st, k)
	}
	return p.document(fileName("pdf", "pv-constatation", string(b.Session.Title), b.Session.Start.String()))
}

var constatationColumns = []column{
	{title: "Candidat", width: 50, align: "L"},
	{title: "Membres présents\nsans conflit", width: 42, align: "L"},
	{title: "Membres absents", width: 41, align: "L"},
	{title: "Membres en conflit", width: 41, align: "L"},
}

func (b *book) writeConstatation(p *pdfDoc, st session.ExamState, k exam.Constatation) {
	p.section(fmt.Sprintf("PV de constatation n° %d — %s", k.Number, dateFR(k.Day)))
	b.sessionHead(p, "Procès-verbal de constatation")
	p.font("B", 12)
	p.f.Ln(1)
	p.cell(0, 7, fmt.Sprintf("N° %d — %s", k.Number, dateFR(k.Day)), "", "L", true)
	p.f.Ln(2)
	p.font("", 10)
	p.para(0, 5.2, fmt.Sprintf("Le responsable de session, %s, constate que le %s le jury ne réunissait pas, pour les candidats ci-dessous, "+
		"au moins %d de ses membres régulièrement convoqués présents et sans conflit d'intérêts avec eux : il ne peut valablement "+
		"délibérer à leur sujet. Ces candidats sont à convoquer à nouveau ; le présent procès-verbal est transmis à l'administration, "+
		"à qui il revient d'autoriser une nouvelle session.", b.Session.Responsable.Name, dayFR(k.Day), st.Quorum))
	p.f.Ln(3)
	p.header(constatationColumns, 10)
	for i, c := range k.Candidates {
		pn := k.Panels[i]
		p.row(constatationColumns, []string{b.candidateName(c), b.memberNames(pn.Deliberators), b.memberNames(pn.Absent), b.memberNames(pn.Conflicted)}, 0)
	}
	if k.Note != "" {
		p.f.Ln(3)
		p.font("B", 10)
		p.cell(0, 6, "Observations", "", "L", true)
		p.font("", 10)
		p.para(0, 5, k.Note)
	}
	p.f.Ln(4)
	p.font("", 10)
	p.para(0, 5, "Établi par "+k.By+" le "+b.instantFR(k.At)+", et enregistré dans le registre de la session.")
}

// ResultsCSV exports the results of the session, for copying into the
// Ministry's application: the candidates in registration order, with the
// columns of the candidates' export first (the same words, so that a
// spreadsheet matches them), then the decision, one column per CCP
// ("acquis", "non acquis"), the day of the deliberation, the candidate's
// modality and, in a remote session, how they sat, and the day the
// administration validated the results. The application's screens are not
// public: the order of the columns is the library's. A candidate without a
// decision shows "en attente", one the PV de constatation marked
// "à convoquer à nouveau". Cells are written for a spreadsheet to show
// them as they are and run nothing (see CandidatesCSV).
//
// Errors: ErrInvalidDossier, without the exam record.
func ResultsCSV(d Dossier) (Document, error) {
	b, err := d.open()
	if err != nil {
		return Document{}, err
	}
	st, err := b.exam("the results")
	if err != nil {
		return Document{}, err
	}
	rec := st.Record
	var ccps []string
	for _, dec := range rec.Decisions {
		for _, c := range rec.Current(dec.Candidate).CCPs {
			if !slices.Contains(ccps, c.Code) {
				ccps = append(ccps, c.Code)
			}
		}
	}
	header := []string{headerLastName, headerFirstName, headerBirthDate, "Résultat"}
	header = append(header, ccps...)
	header = append(header, "Délibéré le", "Modalité", "Modalité à distance", "Validé le")
	validated := ""
	if v := rec.Validation; v != nil {
		validated = numericFR(v.On)
	}
	rows := [][]string{header}
	for _, r := range b.regs {
		c := b.cands[r.Candidate]
		row := []string{c.LastName, c.FirstName, optionalDay(c.BirthDate)}
		cells := make([]string, len(ccps))
		day := ""
		switch _, reconvene := rec.ToReconvene(c.ID); {
		case reconvene:
			row = append(row, "À convoquer à nouveau")
		default:
			dec, ok := rec.Decision(c.ID)
			if !ok {
				row = append(row, "En attente")
				break
			}
			cur := rec.Current(c.ID)
			row = append(row, outcomeFR(b.Session.Kind, cur.Outcome))
			for _, x := range cur.CCPs {
				i := slices.Index(ccps, x.Code)
				cells[i] = "non acquis"
				if x.Acquired {
					cells[i] = "acquis"
				}
			}
			day = numericFR(dec.Day)
		}
		row = append(row, cells...)
		statement := ""
		if s, ok := rec.Statement(c.ID); ok {
			statement = s.Text
		}
		row = append(row, day, modalityFR(r), statement, validated)
		rows = append(rows, row)
	}
	return b.csvDocument(fileName("csv", "resultats", string(b.Session.Title), b.Session.Start.String()), rows)
}

func modalityFR(r candidate.Registration) string {
	if r.Modality.IsRemote() {
		return "À distance"
	}
	return "Sur site"
}

package documents

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
)

// AttendanceSheets returns the session's feuilles d'émargement in one file
// (PDF): one sheet per half-day, each starting on a new page and numbering
// its own pages. A sheet names the session, the title, the day and the
// half-day, then lists the candidates expected with a box to tick once
// their identity is checked, their arrival time and their signature, then
// the jury members and the responsable de session, who sign too.
//
// With a plan, the half-days are the mornings and afternoons of the plan's
// days, bounded by its blocks and cut at the midday break (or at noon in a
// block that runs over it), and each sheet lists the candidates the plan
// expects then (when Dossier.PlanCandidates says who they are; every
// candidate when it does not, on the half-days the plan expects any) and
// the members of the panels whose jury works then. A half-day of the jury
// alone lists no candidate. A registered candidate to whom PlanCandidates
// gives no number — registered after the plan was made, beyond its count —
// has no place in the déroulé, yet must sign when present: such candidates
// are listed apart, under "Candidats non planifiés", on every sheet from
// their convocation on (every sheet without one), and their convocation's
// day gets sheets when the plan does not use it. Without a plan, every
// working day of the session has a morning and an afternoon sheet listing
// every registered candidate and every panel member (every member given
// when there is no assignment).
//
// Listing the candidates left out rather than refusing the sheets is
// deliberate: the sheets are printed on the day of the épreuves, when a
// refusal leaves the centre without any, and a sheet missing a present
// candidate is what the rules forbid. Making the plan again gives them
// their place.
//
// Once the exam's record holds sittings (Dossier.Exam), the sheets are
// printed from it instead: one per sitting, listing its candidates with
// who checked their identity and when, their arrival, their presence or
// the responsable's decision on a late arrival, and when they signed; its
// foot says who signed it and when (the signed state, not an image), and
// leaves blank what is still to sign. Then one sheet per day for the jury:
// each member's presence, arrival, departure and signature.
func AttendanceSheets(d Dossier) (Document, error) {
	b, err := d.open()
	if err != nil {
		return Document{}, err
	}
	p := newPDF(b, "Feuilles d'émargement — "+titleFR(b.Session))
	if b.Exam != nil && len(b.Exam.Record.Sittings) > 0 {
		b.writeRecordedSheets(p, b.Exam.Record)
	} else {
		for _, h := range b.halfDays() {
			b.writeSheet(p, h)
		}
	}
	if len(p.sections) == 0 {
		p.section("Feuilles d'émargement")
		p.font("", 11)
		p.para(0, 6, "La session n'a aucun jour ouvré : aucune feuille d'émargement à imprimer.")
	}
	return p.document(fileName("pdf", "emargement", string(b.Session.Title), b.Session.Start.String()))
}

// sheetRow is a candidate of a sheet with the number that identifies them
// in the plan (or their rank on the sheet); 0 for a candidate the plan
// leaves out.
type sheetRow struct {
	number int
	cand   candidate.Candidate
}

// expected returns the candidates of a half-day's sheet: those expected,
// and those the plan leaves out who may come (see unplanned).
//
// Without a plan, every registered candidate is expected. With a plan but
// no PlanCandidates, nobody can be told apart: every registered candidate
// is listed on the sheets of the half-days in which the plan expects
// candidates, and on every sheet when more candidates are registered than
// the plan holds, since those left out may come at any time.
func (b *book) expected(h halfDay) (rows, unplanned []sheetRow) {
	switch {
	case b.plan != nil && len(b.named) > 0:
		for _, n := range h.numbers {
			if id, ok := b.named[n]; ok {
				rows = append(rows, sheetRow{number: n, cand: b.cands[id]})
			}
		}
		for _, c := range b.unplanned(h) {
			unplanned = append(unplanned, sheetRow{cand: c})
		}
		return rows, unplanned
	case b.plan != nil && h.planned && len(h.numbers) == 0 && len(b.regs) <= b.plan.Input.Candidates:
		return nil, nil
	}
	for i, c := range b.registeredCandidates() {
		n := i + 1
		if k, ok := b.number[c.ID]; ok {
			n = k
		}
		rows = append(rows, sheetRow{number: n, cand: c})
	}
	slices.SortStableFunc(rows, func(x, y sheetRow) int { return x.number - y.number })
	return rows, nil
}

// signatories returns the jury members of a half-day's sheet with their
// role.
func (b *book) signatories(h halfDay) [][2]string {
	var out [][2]string
	if len(b.Assignment.Panels) == 0 {
		members := slices.Clone(b.Members)
		slices.SortFunc(members, func(x, y jury.Member) int { return compareFold(x.Name, y.Name) })
		for _, m := range members {
			out = append(out, [2]string{m.Name, "Membre du jury"})
		}
		return out
	}
	for _, p := range b.Assignment.Panels {
		if h.planned && !slices.Contains(h.juries, p.Jury) {
			continue
		}
		for _, m := range b.panelMembers(p.Jury) {
			out = append(out, [2]string{m.Name, fmt.Sprintf("Membre du jury %d", p.Jury)})
		}
	}
	return out
}

var (
	candidateColumns = []column{
		{title: "N°", width: 8, align: "C"},
		{title: "Nom", width: 34, align: "L"},
		{title: "Prénom", width: 28, align: "L"},
		{title: "Né(e) le", width: 21, align: "C"},
		{title: "Rendez-vous", width: 19, align: "C"},
		{title: "Identité vérifiée", width: 16, check: true},
		{title: "Heure d'arrivée", width: 17},
		{title: "Signature", width: 31},
	}
	staffColumns = []column{
		{title: "Nom", width: 60, align: "L"},
		{title: "Qualité", width: 48, align: "L"},
		{title: "Heure d'arrivée", width: 30},
		{title: "Signature", width: 36},
	}
)

// writeSheet prints the sheet of one half-day.
func (b *book) writeSheet(p *pdfDoc, h halfDay) {
	period := "Matin"
	if h.afternoon {
		period = "Après-midi"
	}
	when := dateFR(h.date) + " — " + period
	if h.from != h.to {
		when += " (" + span(h.from, h.to) + ")"
	}
	if h.day > 0 {
		when = fmt.Sprintf("Jour %d — %s", h.day, when)
	}
	p.section("Feuille d'émargement — " + b.Session.TitleName + " — " + dateFR(h.date) + ", " + period)
	f := p.f

	b.sessionHead(p, "Feuille d'émargement")
	p.font("B", 12)
	f.Ln(1)
	p.para(0, 7, when)
	f.Ln(2)

	rows, unplanned := b.expected(h)
	p.font("B", 10.5)
	p.keep(6 + 10 + 10)
	p.para(0, 6, fmt.Sprintf("Candidats (%d)", len(rows)))
	if len(rows) == 0 {
		p.font("", 9.5)
		p.para(0, 5, "Aucun candidat n'est attendu dans cette demi-journée.")
	} else {
		b.writeCandidates(p, h, rows)
	}
	if len(unplanned) > 0 {
		f.Ln(3)
		p.font("B", 10.5)
		p.keep(6 + 10 + 10 + 10)
		p.para(0, 6, fmt.Sprintf("Candidats non planifiés (%d)", len(unplanned)))
		p.font("", 9)
		p.para(0, 4.5, "Inscrits après l'établissement du déroulé, qui ne dit pas quand ils passent : ils émargent sur chaque feuille de la demi-journée où ils sont présents.")
		f.Ln(1)
		b.writeCandidates(p, h, unplanned)
	}
	if len(rows)+len(unplanned) > 0 {
		f.Ln(3)
		p.font("", 9.5)
		p.para(0, 5, "Candidats présents : ……    Absents : ……")
	}

	f.Ln(4)
	p.font("B", 10.5)
	p.keep(6 + 10 + 10)
	p.para(0, 6, "Jury et responsable de session")
	p.header(staffColumns, 10)
	for _, s := range b.signatories(h) {
		p.row(staffColumns, s[:], 10)
	}
	p.row(staffColumns, []string{b.Session.Responsable.Name, "Responsable de session"}, 10)
}

// writeCandidates prints a table of candidates to sign, with the time each
// is convoked that day (its "rendez-vous").
func (b *book) writeCandidates(p *pdfDoc, h halfDay, rows []sheetRow) {
	p.header(candidateColumns, 10)
	for _, r := range rows {
		n := ""
		if r.number > 0 {
			n = fmt.Sprint(r.number)
		}
		p.row(candidateColumns, []string{n, strings.ToUpper(r.cand.LastName), r.cand.FirstName, numericFR(r.cand.BirthDate), b.convokedFR(r.cand.ID, h.date)}, 10)
	}
}

// convokedFR writes when the candidate's convocation convokes them on the
// day: "8 h 30", or "—" when it gives no time that day.
func (b *book) convokedFR(id tpsession.CandidateID, day date.Date) string {
	if r, ok := b.registration(id); ok && r.Convocation != nil {
		for _, a := range r.Convocation.Appointments {
			if a.Day == day {
				return clockFR(a.Time)
			}
		}
	}
	return "—"
}

package documents

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/exam"
)

var (
	recordedColumns = []column{
		{title: "Nom", width: 32, align: "L"},
		{title: "Prénom", width: 24, align: "L"},
		{title: "Identité vérifiée", width: 36, align: "L"},
		{title: "Arrivée", width: 18, align: "C"},
		{title: "Présence", width: 36, align: "L"},
		{title: "Signature", width: 28, align: "L"},
	}
	footColumns = []column{
		{title: "Nom", width: 60, align: "L"},
		{title: "Qualité", width: 48, align: "L"},
		{title: "Signature", width: 66, align: "L"},
	}
	juryDayColumns = []column{
		{title: "Membre du jury", width: 56, align: "L"},
		{title: "Présence", width: 24, align: "L"},
		{title: "Arrivée", width: 18, align: "C"},
		{title: "Départ", width: 18, align: "C"},
		{title: "Signature", width: 58, align: "L"},
	}
)

// hhmm writes an instant's time of day in the centre's zone: "08:45".
func (b *book) hhmm(t time.Time) string { return t.In(b.loc()).Format("15:04") }

// signedFR says whether and when a line was signed.
func (b *book) signedFR(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return "Signé à " + b.hhmm(t)
}

// writeRecordedSheets prints a sheet per sitting and one per day for the
// jury, from what the record holds.
func (b *book) writeRecordedSheets(p *pdfDoc, rec exam.Record) {
	sittings := slices.Clone(rec.Sittings)
	slices.SortStableFunc(sittings, func(x, y exam.Sitting) int {
		if x.Day != y.Day {
			return int(x.Day - y.Day)
		}
		return int(x.Start - y.Start)
	})
	for _, s := range sittings {
		b.writeSittingSheet(p, rec, s)
	}
	for _, day := range b.Session.Calendar().WorkingDays(b.Session.Start, b.Session.End) {
		b.writeJurySheet(p, rec, day)
	}
}

// sheetHead prints the head every sheet shares.
func (b *book) sheetHead(p *pdfDoc, what string) {
	b.sessionHead(p, "Feuille d'émargement")
	p.font("B", 12)
	p.f.Ln(1)
	p.para(0, 6.5, what)
	p.f.Ln(2)
}

func (b *book) writeSittingSheet(p *pdfDoc, rec exam.Record, s exam.Sitting) {
	p.section("Feuille d'émargement — " + s.Label + ", " + dateFR(s.Day))
	what := fmt.Sprintf("%s — %s, %s", s.Label, dateFR(s.Day), span(s.Start, s.End))
	if s.Final {
		what += " (entretien final)"
	}
	b.sheetHead(p, what)
	p.font("B", 10.5)
	p.cell(0, 6, fmt.Sprintf("Candidats (%d)", len(s.Candidates)), "", "L", true)
	p.header(recordedColumns, 10)
	present := 0
	for _, cid := range s.Candidates {
		c := b.cands[cid]
		row := []string{strings.ToUpper(c.LastName), c.FirstName, "", "", "", ""}
		if c.ID == "" {
			row[0] = string(cid)
		}
		if a, ok := rec.AttendanceOf(s.Key, cid); ok {
			if a.Identity != nil {
				row[2] = a.Identity.By + ", " + b.hhmm(a.Identity.At)
				if a.Identity.Sitting != "" {
					row[2] += " (vérifiée à « " + a.Identity.Sitting + " »)"
				}
			}
			if a.Status != exam.Absent {
				row[3] = a.Arrived.String()
			}
			row[4] = attendanceFR[a.Status]
			if l := a.Late; l != nil {
				if l.Admitted {
					row[4] += fmt.Sprintf(" par %s ; %d min restantes", l.DecidedBy, l.MinutesLeft)
				} else {
					row[4] += " par " + l.DecidedBy
				}
			}
			row[5] = b.signedFR(a.SignedAt)
			if a.Status.Sat() {
				present++
			}
		}
		p.row(recordedColumns, row, 0)
	}
	p.f.Ln(2)
	p.font("", 9.5)
	p.cell(0, 5, fmt.Sprintf("Candidats ayant composé : %d    Absents ou non admis : %d", present, len(s.Candidates)-present), "", "L", true)
	if len(s.Surveillants) > 0 {
		var names []string
		for _, v := range s.Surveillants {
			n := v.Name
			if v.Role == exam.SafetyOnly {
				n += " (sécurité uniquement)"
			}
			names = append(names, n)
		}
		p.para(0, 5, "Surveillance : "+strings.Join(names, ", "))
	}
	p.f.Ln(3)
	p.font("B", 10.5)
	p.cell(0, 6, "Jury, surveillants et responsable de session", "", "L", true)
	p.header(footColumns, 10)
	sigs := rec.SheetSignatures(s.Key)
	signed := func(role exam.Signatory, name string, member tpsession.MemberID) string {
		for _, sg := range sigs {
			if sg.Role == role && (member != "" && sg.Member == member || member == "" && strings.EqualFold(sg.Name, name)) {
				return "Signé le " + b.instantFR(sg.At)
			}
		}
		return ""
	}
	for _, pn := range b.Assignment.Panels {
		if !slices.ContainsFunc(pn.Candidates, func(c tpsession.CandidateID) bool { return slices.Contains(s.Candidates, c) }) {
			continue
		}
		for _, m := range b.panelMembers(pn.Jury) {
			p.row(footColumns, []string{m.Name, fmt.Sprintf("Membre du jury %d", pn.Jury), signed(exam.SignJury, m.Name, m.ID)}, 0)
		}
	}
	for _, v := range s.Surveillants {
		p.row(footColumns, []string{v.Name, "Surveillant", signed(exam.SignSurveillant, v.Name, "")}, 0)
	}
	p.row(footColumns, []string{b.Session.Responsable.Name, "Responsable de session", signed(exam.SignResponsable, b.Session.Responsable.Name, "")}, 0)
}

// writeJurySheet prints the jury's sheet of a day: each member's
// presence, arrival, departure and signature, and the responsable's at
// its foot.
func (b *book) writeJurySheet(p *pdfDoc, rec exam.Record, day date.Date) {
	p.section("Feuille d'émargement du jury — " + dateFR(day))
	b.sheetHead(p, "Jury — "+dateFR(day))
	p.header(juryDayColumns, 10)
	ids := make([]tpsession.MemberID, 0, len(b.members))
	for _, pn := range b.Assignment.Panels {
		ids = append(ids, pn.Members...)
	}
	for _, pr := range rec.Jury {
		if pr.Day == day && !slices.Contains(ids, pr.Member) {
			ids = append(ids, pr.Member)
		}
	}
	if len(ids) == 0 {
		for _, m := range b.Members {
			ids = append(ids, m.ID)
		}
	}
	for _, m := range ids {
		row := []string{b.memberName(m), "", "", "", ""}
		if pr, ok := rec.MemberPresence(m, day); ok {
			row[1] = "Absent"
			if pr.Present {
				row[1], row[2] = "Présent", pr.Arrived.String()
				if pr.Left != 0 {
					row[3] = pr.Left.String()
				}
			}
			row[4] = b.signedFR(pr.SignedAt)
		}
		p.row(juryDayColumns, row, 0)
	}
	p.f.Ln(3)
	p.header(footColumns, 10)
	foot := ""
	for _, sg := range rec.SheetSignatures(exam.JurySheet(day)) {
		if sg.Role == exam.SignResponsable {
			foot = "Signé le " + b.instantFR(sg.At)
		}
	}
	p.row(footColumns, []string{b.Session.Responsable.Name, "Responsable de session", foot}, 0)
}

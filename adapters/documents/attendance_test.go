package documents_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session/plan"
)

// sheetName is a candidate as a sheet prints them, every letter as typed.
func sheetName(last, first string) string { return strings.ToUpper(last) + " " + first }

func TestAttendanceSheetsFollowThePlan(t *testing.T) {
	w := newWorld(t, 1) // one day: two juries
	d := w.dossier()
	numbers, err := documents.PlanNumbering(d)
	require.NoError(t, err)
	d.PlanCandidates = numbers
	doc, err := documents.AttendanceSheets(d)
	require.NoError(t, err)
	assert.Equal(t, "emargement-tp-01281-2027-03-01.pdf", doc.Name)
	pages := pdfPages(t, doc.Body)

	rec := d.Plan
	require.Len(t, rec.Plan.Days, 1)
	type period struct {
		label    string
		from, to tpsession.TimeOfDay
	}
	halves := []period{{"Matin (08:30–12:30)", 8*60 + 30, 12*60 + 30}, {"Après-midi (13:30–17:30)", 13*60 + 30, 17*60 + 30}}
	require.Len(t, pages, len(halves), "one page per half-day")
	for i, h := range halves {
		page := pages[i]
		assert.Contains(t, page, "Feuille d'émargement")
		assert.Contains(t, page, "titre professionnel Concepteur développeur d'applications (TP-01281)")
		assert.Contains(t, page, "Jour 1 — lundi 1er mars 2027 — "+h.label)
		assert.Contains(t, page, "Identité vérifiée")
		assert.Contains(t, page, "Heure d'arrivée")
		assert.Contains(t, page, "Signature")
		assert.Contains(t, page, "Claire Martin Responsable de session")
		// Who the plan expects, read from its items here.
		expected, juries := map[int]bool{}, map[int]bool{}
		for _, it := range rec.Plan.Items {
			for _, s := range it.Segments {
				if s.Start < h.to && s.End > h.from {
					if it.Candidate > 0 && (it.Task == "" || it.Task == plan.TaskAccueil) {
						expected[it.Candidate] = true
					}
					if it.Jury > 0 {
						juries[it.Jury] = true
					}
				}
			}
		}
		require.NotEmpty(t, expected)
		for k, id := range numbers {
			c := w.cand(id)
			line := fmt.Sprintf("%d %s", k+1, sheetName(c.LastName, c.FirstName))
			if expected[k+1] {
				assert.Contains(t, page, line)
			} else {
				assert.NotContains(t, page, line)
			}
		}
		assert.Contains(t, page, fmt.Sprintf("Candidats (%d)", len(expected)))
		for _, p := range d.Assignment.Panels {
			for _, id := range p.Members {
				m := w.member(id)
				if juries[p.Jury] {
					assert.Contains(t, page, fmt.Sprintf("%s Membre du jury %d", m.Name, p.Jury))
				} else {
					assert.NotContains(t, page, m.Name)
				}
			}
		}
	}
}

func TestAttendanceSheetsWithoutAPlanListEveryone(t *testing.T) {
	w := newWorld(t, 0)
	doc, err := documents.AttendanceSheets(w.dossier())
	require.NoError(t, err)
	pages := pdfPages(t, doc.Body)
	days := []string{"lundi 1er mars 2027", "mardi 2 mars 2027", "mercredi 3 mars 2027"}
	require.Len(t, pages, 2*len(days), "a morning and an afternoon sheet per working day")
	for i, page := range pages {
		half := "Matin"
		if i%2 == 1 {
			half = "Après-midi"
		}
		assert.Contains(t, page, days[i/2]+" — "+half)
		assert.Contains(t, page, "Page 1/1")
		for k, c := range w.cands {
			assert.Contains(t, page, fmt.Sprintf("%d %s", k+1, sheetName(c.LastName, c.FirstName)))
			assert.Contains(t, page, numericBirth(c))
		}
		for _, m := range w.mems {
			assert.Contains(t, page, m.Name+" Membre du jury", "without an assignment every member signs")
		}
	}
}

func TestAttendanceSheetsWithAPlanButNoNumberingListEveryone(t *testing.T) {
	w := newWorld(t, 3)
	d := w.dossier()
	d.PlanCandidates = nil
	doc, err := documents.AttendanceSheets(d)
	require.NoError(t, err)
	for _, page := range pdfPages(t, doc.Body) {
		if strings.Contains(page, "Aucun candidat n'est attendu") {
			assert.Contains(t, page, "Candidats (0)", "a half-day of the jury alone")
			continue
		}
		assert.Contains(t, page, "Candidats (4)", "who is who is unknown: every candidate may sign")
	}

	w.registerLate("")
	d = w.dossier()
	d.PlanCandidates = nil
	doc, err = documents.AttendanceSheets(d)
	require.NoError(t, err)
	for _, page := range pdfPages(t, doc.Body) {
		assert.Contains(t, page, "Candidats (5)", "one candidate has no place in the plan and may come at any time")
	}
}

func TestAttendanceSheetsBreakLongListsOverPages(t *testing.T) {
	w := newWorld(t, 0)
	d := w.dossier()
	for i := range 30 {
		c := w.cands[0]
		c.ID = tpsession.CandidateID(fmt.Sprintf("can_0000000000000000000000%04d", i))
		c.LastName = fmt.Sprintf("Supplémentaire %02d", i)
		r := d.Registrations[0]
		r.Candidate, r.Convocation = c.ID, nil
		d.Candidates = append(d.Candidates, c)
		d.Registrations = append(d.Registrations, r)
	}
	d.Session.End = d.Session.Start
	doc, err := documents.AttendanceSheets(d)
	require.NoError(t, err)
	pages := pdfPages(t, doc.Body)
	require.Len(t, pages, 4, "two half-days of two pages each")
	assert.Contains(t, pages[0], "Page 1/2")
	assert.Contains(t, pages[1], "Page 2/2")
	assert.Contains(t, pages[1], "Identité vérifiée", "the table's header is repeated")
	assert.Contains(t, pages[1], "SUPPLÉMENTAIRE 29")
	assert.Contains(t, pages[1], "Claire Martin Responsable de session")
}

func (w *world) member(id tpsession.MemberID) jury.Member {
	i := slices.IndexFunc(w.mems, func(m jury.Member) bool { return m.ID == id })
	require.GreaterOrEqual(w.t, i, 0)
	return w.mems[i]
}

// planExpects reads from the plan's items who it expects on day between
// from and to: the candidates present and the juries at work.
func planExpects(rec *plan.Record, day int, from, to tpsession.TimeOfDay) (cands, juries map[int]bool) {
	cands, juries = map[int]bool{}, map[int]bool{}
	for _, it := range rec.Plan.Items {
		for _, s := range it.Segments {
			if s.Day != day || s.Start >= to || s.End <= from {
				continue
			}
			if it.Candidate > 0 && (it.Task == "" || it.Task == plan.TaskAccueil) {
				cands[it.Candidate] = true
			}
			if it.Jury > 0 {
				juries[it.Jury] = true
			}
		}
	}
	return cands, juries
}

// sheetOf returns the page that opens the sheet of the period, "Jour 2 —
// mardi 2 mars 2027 — Après-midi".
func sheetOf(t *testing.T, pages []string, period string) string {
	t.Helper()
	i := slices.IndexFunc(pages, func(p string) bool { return strings.Contains(p, period) })
	require.GreaterOrEqual(t, i, 0, "no sheet for %s", period)
	return pages[i]
}

func TestAttendanceSheetOfAJuryOnlyHalfDayListsNoCandidate(t *testing.T) {
	w := newWorld(t, 2)
	d := w.dossier()
	const period = "Jour 2 — mardi 2 mars 2027 — Après-midi"
	cands, juries := planExpects(d.Plan, 2, 13*60+30, tpsession.EndOfDay)
	require.Empty(t, cands, "the fixture's second afternoon is the jury's closure alone")
	require.NotEmpty(t, juries)
	numbers, err := documents.PlanNumbering(d)
	require.NoError(t, err)
	for _, tt := range []struct {
		name    string
		numbers []tpsession.CandidateID
	}{{"numbered", numbers}, {"not numbered", nil}} {
		t.Run(tt.name, func(t *testing.T) {
			d.PlanCandidates = tt.numbers
			page := sheetOf(t, pdfPages(t, must(documents.AttendanceSheets(d)).Body), period)
			assert.Contains(t, page, "Candidats (0)")
			assert.Contains(t, page, "Aucun candidat n'est attendu")
			assert.NotContains(t, page, "non planifiés")
			for _, c := range w.cands {
				assert.NotContains(t, page, sheetName(c.LastName, c.FirstName))
			}
			for _, p := range d.Assignment.Panels {
				for _, id := range p.Members {
					assert.Contains(t, page, fmt.Sprintf("%s Membre du jury %d", w.member(id).Name, p.Jury))
				}
			}
		})
	}
}

// registerLate registers a candidate after the session was planned, with a
// convocation on the day given (none when empty).
func (w *world) registerLate(appointment string) candidate.Candidate {
	w.t.Helper()
	c, err := w.svc.CreateCandidate(w.ctx, admin, candidate.CandidateInput{FirstName: "Zoé", LastName: "Tardif", BirthDate: "1999-07-03", Route: "formation"})
	require.NoError(w.t, err)
	w.clock.Advance(time.Minute)
	_, err = w.svc.Register(w.ctx, admin, w.ses.ID, c.ID)
	require.NoError(w.t, err)
	if appointment != "" {
		_, err = w.svc.DraftConvocation(w.ctx, admin, w.ses.ID, c.ID, candidate.ConvocationInput{
			Appointment: appointment, Place: place, Documents: candidate.UsualDocuments(),
		})
		require.NoError(w.t, err)
	}
	w.cands = append(w.cands, c)
	return c
}

func TestAttendanceSheetsListCandidatesRegisteredAfterPlanning(t *testing.T) {
	tests := []struct {
		name        string
		appointment string
		days        []string // the days whose sheets list the late candidate
	}{
		{"without convocation: every sheet", "", []string{"lundi 1er mars 2027", "mardi 2 mars 2027"}},
		{"convoked on day 2: the sheets from day 2", "2027-03-02T08:30", []string{"mardi 2 mars 2027"}},
		{"convoked on a day out of the plan: a sheet is added", "2027-03-03T13:30", []string{"mercredi 3 mars 2027"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, 2)
			late := w.registerLate(tt.appointment)
			d := w.dossier()
			numbers, err := documents.PlanNumbering(d)
			require.NoError(t, err)
			require.Len(t, numbers, d.Plan.Input.Candidates)
			require.NotContains(t, numbers, late.ID, "the plan has no number left")
			d.PlanCandidates = numbers
			pages := pdfPages(t, must(documents.AttendanceSheets(d)).Body)
			name := sheetName(late.LastName, late.FirstName)
			listed := 0
			for _, page := range pages {
				if !strings.Contains(page, "Feuille d'émargement —") {
					continue
				}
				want := slices.ContainsFunc(tt.days, func(day string) bool { return strings.Contains(page, "applications — "+day+",") })
				if want {
					listed++
					assert.Contains(t, page, "Candidats non planifiés (1)")
					assert.Contains(t, page, name)
				} else {
					assert.NotContains(t, page, name)
				}
			}
			assert.GreaterOrEqual(t, listed, len(tt.days), "the late candidate is on a sheet of each of their days")
		})
	}
}

func TestAttendanceSheetsCutTheDayAtMidday(t *testing.T) {
	tests := []struct {
		name               string
		blocks             []plan.Block
		morning, afternoon [2]tpsession.TimeOfDay
	}{
		{"one block across noon is cut at noon", []plan.Block{{Start: 8*60 + 30, End: 17*60 + 30}}, [2]tpsession.TimeOfDay{8*60 + 30, 12 * 60}, [2]tpsession.TimeOfDay{12 * 60, 17*60 + 30}},
		{"a lunch break after noon cuts there", []plan.Block{{Start: 8*60 + 30, End: 12*60 + 30}, {Start: 13*60 + 30, End: 17*60 + 30}}, [2]tpsession.TimeOfDay{8*60 + 30, 12*60 + 30}, [2]tpsession.TimeOfDay{13*60 + 30, 17*60 + 30}},
		{"a lunch break before noon cuts there", []plan.Block{{Start: 8 * 60, End: 11*60 + 30}, {Start: 12 * 60, End: 16 * 60}}, [2]tpsession.TimeOfDay{8 * 60, 11*60 + 30}, [2]tpsession.TimeOfDay{12 * 60, 16 * 60}},
		{"a break late in the afternoon does not", []plan.Block{{Start: 8 * 60, End: 15 * 60}, {Start: 15*60 + 30, End: 18 * 60}}, [2]tpsession.TimeOfDay{8 * 60, 12 * 60}, [2]tpsession.TimeOfDay{12 * 60, 18 * 60}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorldWith(t, 3, func(in *plan.Input) { in.Calendar.Blocks = tt.blocks })
			d := w.dossier()
			numbers, err := documents.PlanNumbering(d)
			require.NoError(t, err)
			d.PlanCandidates = numbers
			pages := pdfPages(t, must(documents.AttendanceSheets(d)).Body)
			for day, dt := range d.Plan.Plan.Days {
				for _, h := range []struct {
					label string
					span  [2]tpsession.TimeOfDay
				}{{"Matin", tt.morning}, {"Après-midi", tt.afternoon}} {
					cands, juries := planExpects(d.Plan, day+1, h.span[0], h.span[1])
					period := fmt.Sprintf("Jour %d — %s — %s (%s–%s)", day+1, dateOf(dt), h.label, h.span[0], h.span[1])
					if len(cands) == 0 && len(juries) == 0 {
						for _, p := range pages {
							assert.NotContains(t, p, period)
						}
						continue
					}
					page := sheetOf(t, pages, period)
					assert.Contains(t, page, fmt.Sprintf("Candidats (%d)", len(cands)), period)
					for k, id := range numbers {
						c := w.cand(id)
						line := fmt.Sprintf("%d %s", k+1, sheetName(c.LastName, c.FirstName))
						if cands[k+1] {
							assert.Contains(t, page, line, period)
						} else {
							assert.NotContains(t, page, line, period)
						}
					}
				}
			}
		})
	}
}

// dateOf writes a day as the sheets do: "lundi 1er mars 2027".
func dateOf(d date.Date) string {
	days := []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	months := []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	y, m, n := d.Date()
	num := fmt.Sprint(n)
	if n == 1 {
		num = "1er"
	}
	return fmt.Sprintf("%s %s %s %d", days[d.Weekday()], num, months[m-1], y)
}

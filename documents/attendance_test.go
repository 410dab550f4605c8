package documents_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/documents"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session/plan"
)

// sheetName is a candidate as a sheet prints them, the letters outside
// Windows-1252 without their diacritics.
func sheetName(last, first string) string {
	return strings.NewReplacer("Ł", "L", "ł", "l", "Ę", "E", "ę", "e").Replace(strings.ToUpper(last) + " " + first)
}

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
	doc, err := documents.AttendanceSheets(w.dossier())
	require.NoError(t, err)
	for _, page := range pdfPages(t, doc.Body) {
		assert.Contains(t, page, "Candidats (4)")
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

package documents_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/session/exam"
)

// endsAfter is a context that ends once its Err has been asked n times: it
// ends a rendering part-way, whatever the speed of the machine.
type endsAfter struct {
	context.Context
	n atomic.Int64
}

func (c *endsAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestARenderingStopsWhenItsContextEnds renders every document with a
// context that ends before it starts, then part-way: each is abandoned
// with ErrCancelled; a context that lasts changes nothing.
func TestARenderingStopsWhenItsContextEnds(t *testing.T) {
	w := newWorld(t, 2)
	w.convoke()
	d := w.dossier()
	d.PlanCandidates = nil
	renderers := map[string]func(documents.Dossier) (documents.Document, error){
		"attendance": documents.AttendanceSheets,
		"letters":    func(d documents.Dossier) (documents.Document, error) { return documents.ConvocationLetters(d) },
		"letter": func(d documents.Dossier) (documents.Document, error) {
			return documents.ConvocationLetter(d, w.cands[0].ID)
		},
		"deroule": documents.DeroulePDF,
		"text":    documents.DerouleText,
		"csv":     func(d documents.Dossier) (documents.Document, error) { return documents.CandidatesCSV(d) },
		"member": func(d documents.Dossier) (documents.Document, error) {
			return documents.MemberCalendar(d, d.Members[0].ID)
		},
		"candidate": func(d documents.Dossier) (documents.Document, error) {
			return documents.CandidateCalendar(d, w.cands[0].ID)
		},
	}
	for name, render := range renderers {
		t.Run(name, func(t *testing.T) { assertStopsWhenItsContextEnds(t, d, render) })
	}
}

// TestAnExamDocumentStopsWhenItsContextEnds does the same for the
// documents of the exam days: the procès-verbal, the PV de constatation,
// the sheets printed from the record and the results.
func TestAnExamDocumentStopsWhenItsContextEnds(t *testing.T) {
	d := examined(t, true)
	rec := d.Exam.Record
	rec.Constatations = []exam.Constatation{{Number: 1, Day: end, Candidates: []tpsession.CandidateID{d.Candidates[3].ID},
		Panels: []exam.Panel{{Deliberators: []tpsession.MemberID{d.Members[0].ID}, Absent: []tpsession.MemberID{d.Members[1].ID}}},
		By:     "Claire Martin", At: end.Time(0, paris).Add(16 * time.Hour)}}
	d.Exam.Record = rec
	for name, render := range map[string]func(documents.Dossier) (documents.Document, error){
		"procès-verbal": documents.ProcesVerbal,
		"constatations": documents.Constatations,
		"sheets":        documents.AttendanceSheets,
		"results":       documents.ResultsCSV,
	} {
		t.Run(name, func(t *testing.T) { assertStopsWhenItsContextEnds(t, d, render) })
	}
}

// assertStopsWhenItsContextEnds renders d with a context that lasts, then
// with one that ends before the rendering starts, half-way, and at its
// last check: each of those is abandoned with ErrCancelled.
func assertStopsWhenItsContextEnds(t *testing.T, d documents.Dossier, render func(documents.Dossier) (documents.Document, error)) {
	t.Helper()
	whole := &endsAfter{Context: context.Background()}
	const never = 1 << 40
	whole.n.Store(never)
	d.Context = whole
	got, err := render(d)
	require.NoError(t, err)
	d.Context = nil
	want, err := render(d)
	require.NoError(t, err)
	assert.Equal(t, want, got, "a context that lasts changes nothing")
	checks := never - whole.n.Load()
	require.Positive(t, checks)

	for _, after := range []int64{0, checks / 2, checks - 1} {
		ctx := &endsAfter{Context: context.Background()}
		ctx.n.Store(after)
		d.Context = ctx
		_, err := render(d)
		assert.ErrorIs(t, err, documents.ErrCancelled, "ended after %d of %d checks", after, checks)
		assert.ErrorIs(t, err, context.Canceled)
	}
}

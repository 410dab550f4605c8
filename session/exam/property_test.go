package exam_test

import (
	"fmt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/exam"
)

// population generates a session of n candidates on panels of two or three
// members drawn from six, with conflicts, sittings, attendance and
// presences drawn at random, then has random members decide on random
// candidates on the last day and sign, and checks what must always hold.
func TestDeliberationsOnGeneratedSessions(t *testing.T) {
	for seed := range uint64(300) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 19))
			w := newWorld(t, at(day1, 7, 0))
			members := make([]exam.Member, 6)
			for i := range members {
				members[i] = exam.Member{ID: tpsession.MemberID(fmt.Sprintf("mem_01J00000000000000000000M%02d", i)), Name: fmt.Sprintf("Membre %d", i)}
			}
			w.f.Members = members
			w.f.Rules.Quorum = 2 + rng.IntN(2)%2*rng.IntN(2) // 2, sometimes 3
			n := 1 + rng.IntN(8)
			w.f.Candidates = nil
			for i := range n {
				var panel []tpsession.MemberID
				for _, k := range rng.Perm(6)[:2+rng.IntN(2)] {
					panel = append(panel, members[k].ID)
				}
				var conflicted []tpsession.MemberID
				if rng.IntN(4) == 0 {
					conflicted = append(conflicted, panel[rng.IntN(len(panel))])
				}
				w.f.Candidates = append(w.f.Candidates, exam.Candidate{ID: tpsession.CandidateID(fmt.Sprintf("can_01J00000000000000000000C%02d", i)),
					FirstName: "C", LastName: fmt.Sprint(i), Training: rng.IntN(2) == 0, CCPs: []string{"CCP1", "CCP2"}, Panel: panel, Conflicted: conflicted})
			}
			var ids []tpsession.CandidateID
			for _, c := range w.f.Candidates {
				ids = append(ids, c.ID)
			}
			w.sitting("msp", day1, "09:00", "12:00", false, ids...)
			w.sitting("ef", day3, "14:00", "16:00", true, ids...)
			w.on(at(day3, 18, 0))
			w.here(day1, "")
			w.here(day3, "")
			for _, m := range members {
				if rng.IntN(5) > 0 {
					w.here(day3, m.ID)
				} else {
					w.away(day3, m.ID)
				}
			}
			for _, c := range ids {
				for _, key := range []string{"msp", "ef"} {
					if rng.IntN(6) == 0 {
						w.absent(key, c)
					} else {
						w.present(key, c)
					}
				}
			}
			for range 4 * n {
				c := w.f.Candidates[rng.IntN(n)]
				m := c.Panel[rng.IntN(len(c.Panel))]
				if rng.IntN(3) == 0 {
					m = members[rng.IntN(6)].ID
				}
				in := exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}}}
				if rng.IntN(2) == 0 {
					in = exam.DecisionInput{Outcome: "partial_success", DossierProfessionnel: true, ECF: c.Training,
						CCPs: []exam.CCPResultInput{{Code: "CCP1", Acquired: true}, {Code: "CCP2"}}}
				}
				if _, err := w.rec.Decide(w.f, m, c.ID, in); err != nil {
					_, err2 := w.rec.Decide(w.f, m, c.ID, exam.DecisionInput{Outcome: "absent"})
					_ = err2
				}
				if rng.IntN(2) == 0 {
					_, _ = w.rec.Sign(w.f, members[rng.IntN(6)].ID, c.ID)
				}
			}
			q := w.f.Rules.QuorumInForce()
			for _, d := range w.rec.Decisions {
				c := w.f.Candidates[slices.IndexFunc(w.f.Candidates, func(x exam.Candidate) bool { return x.ID == d.Candidate })]
				assert.GreaterOrEqual(t, len(d.Deliberators), q, "a decision has its quorum")
				assert.Contains(t, d.Deliberators, d.RecordedBy, "its recorder deliberated")
				for _, m := range d.Deliberators {
					p, ok := w.rec.MemberPresence(m, d.Day)
					assert.True(t, ok && p.Present, "a deliberator is present")
					assert.Contains(t, c.Panel, m, "on the panel")
					assert.NotContains(t, c.Conflicted, m, "without conflict")
				}
				for _, s := range d.Signatures {
					assert.Contains(t, d.Deliberators, s.Member, "only deliberators sign")
				}
				sat := len(d.Basis.Sittings) > 0
				assert.Equal(t, !sat, d.Outcome == exam.AbsentOutcome, "absent iff nothing sat")
			}
			// The candidates the jury could not deliberate on get a PV de
			// constatation; then signing everything closes the PV.
			_, err := w.rec.Constate(w.f, "x", exam.ConstatationInput{})
			if err != nil {
				require.ErrorIs(t, err, exam.ErrQuorumHolds)
			}
			for _, k := range w.rec.Constatations {
				for i := range k.Candidates {
					assert.Less(t, len(k.Panels[i].Deliberators), q, "a constatation only without quorum")
				}
			}
			for _, c := range w.f.Candidates {
				if _, ok := w.rec.Decision(c.ID); ok {
					continue
				}
				if _, ok := w.rec.ToReconvene(c.ID); ok {
					continue
				}
				// Quorum holds: a deliberator decides.
				p := w.rec.PanelOn(c, day3)
				require.GreaterOrEqual(t, len(p.Deliberators), q)
				_, err := w.rec.Decide(w.f, p.Deliberators[0], c.ID, exam.DecisionInput{Outcome: "failed", CCPs: []exam.CCPResultInput{{Code: "CCP1"}, {Code: "CCP2"}}})
				if err != nil {
					_, err = w.rec.Decide(w.f, p.Deliberators[0], c.ID, exam.DecisionInput{Outcome: "absent"})
				}
				require.NoError(t, err)
			}
			assert.Equal(t, len(w.rec.Pending(w.f)) == 0, w.rec.Close(w.f) == nil, "closes iff nothing pending")
			if !w.rec.Closed() {
				for _, d := range w.rec.Decisions {
					for _, m := range d.Unsigned() {
						_, err := w.rec.Sign(w.f, m, d.Candidate)
						require.NoError(t, err)
					}
				}
				require.NoError(t, w.rec.Close(w.f))
			}
			closed := w.rec.Clone()
			for range 20 {
				c := w.f.Candidates[rng.IntN(n)]
				_, err1 := w.rec.Decide(w.f, c.Panel[0], c.ID, exam.DecisionInput{Outcome: "absent"})
				_, err2 := w.rec.Sign(w.f, c.Panel[rng.IntN(len(c.Panel))], c.ID)
				_, err3 := w.rec.RecordAttendance(w.f, "x", "msp", c.ID, exam.AttendanceInput{Status: "absent"})
				for _, err := range []error{err1, err2, err3} {
					assert.Error(t, err)
				}
			}
			assert.Equal(t, closed, w.rec, "nothing of a closed PV changed")
			assert.NoError(t, exam.Vet(closed, w.rec))
		})
	}
}

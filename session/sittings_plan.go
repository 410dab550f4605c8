package session

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session/exam"
	"github.com/tpsession/tpsession/session/plan"
)

// PlanSittings derives the sittings of the session's current plan: one
// per épreuve (or part of a split épreuve) held on a day from a start to
// an end, with the registered candidates the plan puts there, who is who
// being NumberPlanCandidates' reading; the entretien final marked. Keys
// name the épreuve, the day and the start ("qp-20270301-0830"). Nil when
// the session has no feasible plan of its dates; empty when nobody the
// plan numbers is registered.
func (s *Service) PlanSittings(ctx context.Context, by Actor, sid tpsession.SessionID) (map[string]exam.SittingInput, error) {
	rec, ids, planned, err := s.numberedPlan(ctx, by, sid)
	if err != nil || !planned {
		return nil, err
	}
	return planSittings(rec, ids), nil
}

// planSittings groups the candidates' épreuve entries of rec by épreuve,
// part, day and times; ids[k-1] is plan candidate k.
func planSittings(rec plan.Record, ids []tpsession.CandidateID) map[string]exam.SittingInput {
	final := map[string]bool{}
	if i := rec.Input.Final(); i >= 0 {
		final[rec.Input.Epreuves[i].ID] = true
	}
	out := map[string]exam.SittingInput{}
	for _, day := range rec.Schedule().Days {
		for _, agenda := range day.Candidates {
			if agenda.Number < 1 || agenda.Number > len(ids) || ids[agenda.Number-1] == "" {
				continue // a number nobody registered holds
			}
			for _, e := range agenda.Entries {
				if e.Task != "" {
					continue
				}
				key := sittingKey(e.Epreuve, day.Date.Format("20060102"), e.Start, e.Part)
				st, ok := out[key]
				if !ok {
					label := cmp.Or(e.Label, e.Epreuve)
					if e.Parts > 0 {
						label = fmt.Sprintf("%s (partie %d/%d)", label, e.Part, e.Parts)
					}
					st = exam.SittingInput{Epreuve: e.Epreuve, Label: label, Day: day.Date.String(),
						Start: e.Start.String(), End: e.End.String(), Final: final[e.Epreuve]}
				}
				if e.End.String() > st.End {
					st.End = e.End.String()
				}
				st.Candidates = append(st.Candidates, string(ids[agenda.Number-1]))
				out[key] = st
			}
		}
	}
	for k, st := range out {
		slices.Sort(st.Candidates)
		out[k] = st
	}
	return out
}

// sittingKey makes a sitting's key of the épreuve's ID, folded as names
// are (candidate.FoldName) to what a key may hold, the day, the start and
// the part.
func sittingKey(epreuve, day string, start tpsession.TimeOfDay, part int) string {
	k := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			return r
		case r == ' ':
			return '-'
		}
		return -1
	}, candidate.FoldName(epreuve))
	k = strings.Trim(k, "-") // a letter the key cannot hold may have led or ended it
	switch {
	case k == "":
		k = "e"
	case strings.HasPrefix(k, "jury"): // the jury's sheets are named so
		k = "e-" + k
	}
	k = fmt.Sprintf("%s-%s-%02d%02d", k, day, int(start)/60, int(start)%60)
	if part > 0 {
		k += fmt.Sprintf("-p%d", part)
	}
	return k
}

// SittingsFromPlan records the sittings of the session's current plan
// (PlanSittings) at once, each replacing the sitting of its key, until the
// procès-verbal closes: all are recorded or, when one is refused (a
// candidate in a sitting recorded otherwise at the same time, a sitting
// whose attendance fixed other times), none. ErrNotPlanned when the session
// has no feasible plan of its dates (docs/rules.md#sittings).
func (s *Service) SittingsFromPlan(ctx context.Context, by Actor, sid tpsession.SessionID) ([]exam.Sitting, error) {
	ins, err := s.PlanSittings(ctx, by, sid)
	if err != nil {
		return nil, err
	}
	if ins == nil {
		return nil, ErrNotPlanned.Withf("session %s has no feasible plan of its dates to take the sittings from", sid)
	}
	keys := make([]string, 0, len(ins))
	for k := range ins {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		x, y := ins[a], ins[b]
		return cmp.Or(cmp.Compare(x.Day, y.Day), cmp.Compare(x.Start, y.Start), cmp.Compare(a, b))
	})
	var out []exam.Sitting
	_, err = s.examStep(ctx, by, sid, fromPreparation, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		out = out[:0]
		for _, k := range keys {
			st, err := rec.PutSitting(f, k, ins[k])
			if err != nil {
				if e, ok := errors.AsType[*tpsession.Error](err); ok {
					return ActionExamSitting, "", e.Withf("the plan's sitting %q (%s, %s %s–%s): %s", k, ins[k].Label, ins[k].Day, ins[k].Start, ins[k].End, e.Message)
				}
				return ActionExamSitting, "", err
			}
			out = append(out, st)
		}
		return ActionExamSitting, fmt.Sprintf("%d sittings taken from the plan", len(out)), nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

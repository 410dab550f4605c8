package session

import (
	"context"
	"fmt"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

// MaxImportCandidates bounds one import: far above a session's candidates,
// low enough that a whole import is checked and written in one go.
const MaxImportCandidates = 1000

// ImportCandidates adds candidates to the centre all at once, as an import
// from a spreadsheet needs: every input is checked first, and when one is
// bad none is created. The error is then candidate.ErrInvalidCandidate with
// the field errors of every bad input, named after its index in ins
// ("[3].birth_date"). An empty list, or more than MaxImportCandidates, is
// refused as tpsession.ErrInvalidInput.
//
// The candidates are created in one transaction when the stores provide
// one (Stores.Tx); without it, a store failing part-way leaves the
// candidates created before the failure. The candidates are returned in the
// order of ins.
func (s *Service) ImportCandidates(ctx context.Context, by Actor, ins []candidate.CandidateInput) ([]candidate.Candidate, error) {
	if err := checkActor(by); err != nil {
		return nil, err
	}
	if len(ins) == 0 || len(ins) > MaxImportCandidates {
		return nil, tpsession.ErrInvalidInput.Withf("an import holds 1 to %d candidates, got %d", MaxImportCandidates, len(ins))
	}
	var out []candidate.Candidate
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		out = make([]candidate.Candidate, 0, len(ins))
		var fe tpsession.FieldErrors
		for i, in := range ins {
			c, err := candidate.NewCandidate(by.Centre, tpsession.NewCandidateID(), in, o.today)
			fe.Merge(fmt.Sprintf("[%d]", i), err)
			out = append(out, c)
		}
		if err := fe.Err(candidate.ErrInvalidCandidate); err != nil {
			return err
		}
		for _, c := range out {
			if err := s.st.Candidates.CreateCandidate(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

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

// ImportOptions tunes ImportCandidates.
type ImportOptions struct {
	// UpdateContacts, for an input whose candidate is already in the
	// centre, records the input's contact details on that candidate (its
	// e-mail, telephone and postal address, each when the input gives it)
	// instead of reporting the input as a duplicate.
	UpdateContacts bool
}

// Imported is what an import did with its inputs.
type Imported struct {
	// Created are the candidates created, in the order of the inputs.
	Created []candidate.Candidate
	// Known are the inputs whose candidate was already in the centre, in
	// the order of the inputs: reported and not created, or, with
	// UpdateContacts, their contact details recorded.
	Known []Known
}

// Known is an input of an import whose candidate is already in the
// centre: the same last name, first name and birth date, case and
// accents aside (candidate.Identity).
type Known struct {
	// Index is the input's place in the import.
	Index int
	// Candidate is the candidate already in the centre, as the import
	// left it.
	Candidate candidate.Candidate
	// Updated tells whether the input's contact details were recorded on
	// it (ImportOptions.UpdateContacts).
	Updated bool
}

// ImportCandidates adds candidates to the centre all at once, as an import
// from a spreadsheet needs: every input is checked first, and when one is
// bad none is created. The error is then candidate.ErrInvalidCandidate with
// the field errors of every bad input, named after its index in ins
// ("[3].birth_date"). An empty list, or more than MaxImportCandidates, is
// refused as tpsession.ErrInvalidInput.
//
// An input whose candidate is already in the centre (candidate.Identity:
// the same names and birth date, case and accents aside) is not created
// again: it is reported in Known, or with opts.UpdateContacts its contact
// details are recorded on the candidate already there. Importing the same
// file twice therefore creates its candidates once.
//
// The candidates are created in one transaction when the stores provide
// one (Stores.Tx); without it, a store failing part-way leaves the
// candidates created before the failure.
func (s *Service) ImportCandidates(ctx context.Context, by Actor, ins []candidate.CandidateInput, opts ImportOptions) (Imported, error) {
	if err := checkActor(by); err != nil {
		return Imported{}, err
	}
	if len(ins) == 0 || len(ins) > MaxImportCandidates {
		return Imported{}, tpsession.ErrInvalidInput.Withf("an import holds 1 to %d candidates, got %d", MaxImportCandidates, len(ins))
	}
	var out Imported
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		out = Imported{}
		parsed := make([]candidate.Candidate, 0, len(ins))
		var fe tpsession.FieldErrors
		for i, in := range ins {
			c, err := candidate.NewCandidate(by.Centre, tpsession.NewCandidateID(), in, o.today)
			fe.Merge(fmt.Sprintf("[%d]", i), err)
			parsed = append(parsed, c)
		}
		if err := fe.Err(candidate.ErrInvalidCandidate); err != nil {
			return err
		}
		for i, c := range parsed {
			id := c.Identity()
			known, err := s.st.Candidates.Candidates(ctx, by.Centre, candidate.Query{Identity: &id, Limit: 1})
			if err != nil {
				return err
			}
			if len(known) == 0 {
				if err := s.st.Candidates.CreateCandidate(ctx, c); err != nil {
					return err
				}
				out.Created = append(out.Created, c)
				continue
			}
			k := Known{Index: i, Candidate: known[0]}
			if opts.UpdateContacts {
				err := s.st.Candidates.UpdateCandidate(ctx, by.Centre, k.Candidate.ID, func(cur *candidate.Candidate) error {
					cur.UpdateContacts(c)
					k.Candidate = cur.Clone()
					return nil
				})
				if err != nil {
					return err
				}
				k.Updated = true
			}
			out.Known = append(out.Known, k)
		}
		return nil
	})
	if err != nil {
		return Imported{}, err
	}
	return out, nil
}

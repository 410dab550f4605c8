package session

import (
	"context"
	"errors"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession/session/programme"
)

// PutProgramme records the centre's yearly programming of its sessions for
// year, or replaces its sessions and note; a programme already submitted
// keeps its submission day.
func (s *Service) PutProgramme(ctx context.Context, by Actor, year int, in programme.Input) (programme.Programme, error) {
	if err := checkActor(by); err != nil {
		return programme.Programme{}, err
	}
	fresh, err := programme.New(by.Centre, year, in)
	if err != nil {
		return programme.Programme{}, err
	}
	var out programme.Programme
	err = s.atomic(ctx, func(ctx context.Context, _ op) error {
		err := s.st.Programmes.UpdateProgramme(ctx, by.Centre, year, func(p *programme.Programme) error {
			if err := p.Revise(in); err != nil {
				return err
			}
			out = p.Clone()
			return nil
		})
		if !errors.Is(err, programme.ErrProgrammeNotFound) {
			return err
		}
		out = fresh
		return s.st.Programmes.CreateProgramme(ctx, fresh)
	})
	if err != nil {
		return programme.Programme{}, err
	}
	return out, nil
}

// SubmitProgramme records that the programming of year was sent to the
// DDETS on the day on (today when zero). It is due by 31 January of year:
// later, the timeline and the readiness of the year's sessions report the
// non-compliance.
func (s *Service) SubmitProgramme(ctx context.Context, by Actor, year int, on date.Date) (programme.Programme, error) {
	if err := checkActor(by); err != nil {
		return programme.Programme{}, err
	}
	if err := programme.ParseYear(year); err != nil {
		return programme.Programme{}, err
	}
	var out programme.Programme
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		return s.st.Programmes.UpdateProgramme(ctx, by.Centre, year, func(p *programme.Programme) error {
			if err := p.Submit(orToday(on, o.today), o.today); err != nil {
				return err
			}
			out = p.Clone()
			return nil
		})
	})
	if errors.Is(err, programme.ErrProgrammeNotFound) {
		return programme.Programme{}, programme.ErrProgrammeNotFound.Withf("no programming of %d is recorded: record it before submitting it", year)
	}
	return out, err
}

// Programme returns the centre's programming of year.
func (s *Service) Programme(ctx context.Context, by Actor, year int) (programme.Programme, error) {
	if err := checkActor(by); err != nil {
		return programme.Programme{}, err
	}
	if err := programme.ParseYear(year); err != nil {
		return programme.Programme{}, err
	}
	return s.st.Programmes.Programme(ctx, by.Centre, year)
}

// Programmes returns the centre's programmings, by year.
func (s *Service) Programmes(ctx context.Context, by Actor) ([]programme.Programme, error) {
	if err := checkActor(by); err != nil {
		return nil, err
	}
	return s.st.Programmes.Programmes(ctx, by.Centre)
}

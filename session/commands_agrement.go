package session

import (
	"context"
	"slices"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/agrement"
)

// CreateAgrement records an agrément of the actor's centre. Once a centre
// has recorded one, its sessions are created and moved only where an
// agrément covers their title, site and days. An agrément that ends after
// its title's end of validity, as the title register knows it, is refused
// (agrement.ErrOutlastsTitle; arrêté du 21 juillet 2016, art. 1).
func (s *Service) CreateAgrement(ctx context.Context, by Actor, in agrement.Input) (agrement.Agrement, error) {
	if err := checkActor(by); err != nil {
		return agrement.Agrement{}, err
	}
	a, err := agrement.New(by.Centre, tpsession.NewAgrementID(), in)
	if err != nil {
		return agrement.Agrement{}, err
	}
	if err := s.checkAgrementValidity(a); err != nil {
		return agrement.Agrement{}, err
	}
	if err := s.st.Agrements.CreateAgrement(ctx, a); err != nil {
		return agrement.Agrement{}, err
	}
	return a, nil
}

// ReviseAgrement replaces an agrément's title, sites, dates, reference and
// note, as a renewal, a new site or a withdrawal (an earlier end) asks. The
// sessions already created stay: the readiness of those it no longer covers
// reports it.
func (s *Service) ReviseAgrement(ctx context.Context, by Actor, id tpsession.AgrementID, in agrement.Input) (agrement.Agrement, error) {
	if err := checkActor(by); err != nil {
		return agrement.Agrement{}, err
	}
	var out agrement.Agrement
	err := s.st.Agrements.UpdateAgrement(ctx, by.Centre, id, func(a *agrement.Agrement) error {
		revised := a.Clone()
		if err := revised.Revise(in); err != nil {
			return err
		}
		if err := s.checkAgrementValidity(revised); err != nil {
			return err
		}
		*a = revised
		out = revised.Clone()
		return nil
	})
	return out, err
}

// checkAgrementValidity refuses an agrément lasting beyond its title's end
// of validity, when the title register knows it.
func (s *Service) checkAgrementValidity(a agrement.Agrement) error {
	t, err := s.titles.Title(a.Title)
	if err != nil {
		return nil
	}
	last := t.Revisions[len(t.Revisions)-1]
	if end := last.End(); end != 0 && a.Valid.Until > end {
		return agrement.ErrOutlastsTitle.Withf("the agrément ends on %s, after the end of validity of %s on %s: an agrément cannot last beyond its title (arrêté du 21 juillet 2016, art. 1); "+
			"end it on %s, or update the title register if the title was extended", a.Valid.Until, last.Label(), end, end).
			WithFields(tpsession.FieldError{Field: "valid_until", Message: "must be on or before " + end.String() + ", the end of validity of " + string(a.Title)})
	}
	return nil
}

// Agrement returns an agrément of the actor's centre.
func (s *Service) Agrement(ctx context.Context, by Actor, id tpsession.AgrementID) (agrement.Agrement, error) {
	if err := checkActor(by); err != nil {
		return agrement.Agrement{}, err
	}
	return s.st.Agrements.Agrement(ctx, by.Centre, id)
}

// Agrements returns the agréments of the actor's centre, in the order they
// were recorded.
func (s *Service) Agrements(ctx context.Context, by Actor) ([]agrement.Agrement, error) {
	if err := checkActor(by); err != nil {
		return nil, err
	}
	as, err := s.st.Agrements.Agrements(ctx, by.Centre)
	return slices.Clip(as), err
}

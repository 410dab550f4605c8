package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/plan"
	"github.com/tpsession/tpsession/session/programme"
	"github.com/tpsession/tpsession/session/titles"
)

// The rules around the session: the centre's agrément
// (docs/rules.md#centre-agrément), the title register
// (docs/rules.md#the-title-register) and the yearly programming
// (docs/rules.md#yearly-programming). A centre that has recorded no
// agrément, or whose session's title the register does not know, is warned
// rather than refused, until it records them (docs/rules.md#migration-path).

// Titles returns the title register the service checks sessions against.
func (s *Service) Titles() titles.Register { return s.titles }

// titleFacts is what the title register says of a session.
type titleFacts struct {
	title titles.Title
	rev   titles.Revision
	// known: the register knows the title and the revision the session
	// evaluates; otherwise gap says what it lacks.
	known bool
	gap   string
	// err is set when the session names a revision the title does not have.
	err error
}

func (s *Service) titleOf(ses Session) titleFacts {
	t, err := s.titles.Title(ses.Title)
	if err != nil {
		return titleFacts{gap: tpsession.MessageOf(err)}
	}
	rev, err := t.For(ses.Revision, ses.Start)
	switch {
	case errors.Is(err, titles.ErrUnknownRevision):
		return titleFacts{title: t, gap: tpsession.MessageOf(err), err: err}
	case err != nil:
		return titleFacts{title: t, gap: tpsession.MessageOf(err) + ": add the revision to the register"}
	}
	return titleFacts{title: t, rev: rev, known: true}
}

// createdOn is the day a session was created, in the service's time zone.
func (s *Service) createdOn(ses Session) date.Date { return date.NewAt(ses.CreatedAt.In(s.loc)) }

// checkTitle returns the title register's refusal of the session: a
// revision or CCPs it does not have (Invalid), a validity or délai de
// prolongation the session breaks, a remote session the register does not
// open (Rule). A title the register does not know is refused only for a
// remote session: only the titles it opens may be.
func (s *Service) checkTitle(ses Session, createdOn date.Date) error {
	tf := s.titleOf(ses)
	if tf.err != nil {
		return ErrInvalidSession.Withf("%s", tpsession.MessageOf(tf.err)).
			WithFields(tpsession.FieldError{Field: "revision", Message: tpsession.MessageOf(tf.err)})
	}
	if !tf.known {
		if ses.Modality.IsRemote() {
			return titles.ErrRemoteNotOpen.Withf("%s; remote sessions are open only to the titles the register marks (arrêté du 14 novembre 2024)", tf.gap)
		}
		return nil
	}
	if err := tf.rev.CheckCCPs(ses.CCPs); err != nil {
		return ErrInvalidSession.Withf("%s", tpsession.MessageOf(err)).
			WithFields(tpsession.FieldError{Field: "ccps", Message: tpsession.MessageOf(err)})
	}
	if err := tf.rev.CheckSession(ses.Start, createdOn); err != nil {
		return err
	}
	if ses.Modality.IsRemote() {
		return tf.rev.CheckRemote(ses.Kind, ses.CCPs)
	}
	return nil
}

// checkAgrement returns the refusal of a session that the centre's
// recorded agréments do not cover; nil when they do, or when the centre
// has recorded none (the readiness then warns).
func (s *Service) checkAgrement(ctx context.Context, by Actor, ses Session) error {
	as, err := s.st.Agrements.Agrements(ctx, by.Centre)
	if err != nil || len(as) == 0 {
		return err
	}
	return agrement.Check(as, s.agrementSubject(ses))
}

// agrementSubject is what the session asks of the agréments, with the
// délai de prolongation of its title when the register knows the title's
// end of validity.
func (s *Service) agrementSubject(ses Session) agrement.Subject {
	sub := agrement.Subject{Title: ses.Title, Site: ses.Site, Days: ses.Dates()}
	if end := s.titleEnd(ses.Title); end != date.Zero {
		sub.Prolongation = tpsession.DateRange{From: end + 1, Until: titles.ProlongationEnd(end)}
	}
	return sub
}

// titleEnd is the title's end of validity, that of its last revision;
// zero when the register does not know the title or its end.
func (s *Service) titleEnd(code tpsession.TitleCode) date.Date {
	t, err := s.titles.Title(code)
	if err != nil || len(t.Revisions) == 0 {
		return date.Zero
	}
	return t.Revisions[len(t.Revisions)-1].End()
}

// checkAround applies the rules around the session to a session being
// created or moved: the title register's, then the agrément's.
func (s *Service) checkAround(ctx context.Context, by Actor, ses Session, createdOn date.Date) error {
	if err := s.checkTitle(ses, createdOn); err != nil {
		return err
	}
	return s.checkAgrement(ctx, by, ses)
}

// compliance gathers what the readiness reports of the rules around the
// session.
func (s *Service) compliance(ctx context.Context, by Actor, ses Session, today date.Date) (checklist.ComplianceFacts, error) {
	var c checklist.ComplianceFacts
	as, err := s.st.Agrements.Agrements(ctx, by.Centre)
	if err != nil {
		return c, err
	}
	if len(as) == 0 {
		c.NoAgrement = true
	} else if err := agrement.Check(as, s.agrementSubject(ses)); err != nil {
		c.AgrementProblem = tpsession.MessageOf(err)
	}
	if tf := s.titleOf(ses); !tf.known {
		c.TitleGap = tf.gap
	}
	if err := s.checkTitle(ses, s.createdOn(ses)); err != nil && tpsession.KindOf(err) == tpsession.Rule {
		c.TitleProblem = tpsession.MessageOf(err)
	}
	st, err := s.programmeStanding(ctx, by, ses.Start.Year())
	if err != nil {
		return c, err
	}
	c.ProgrammeProblem = st.Finding(today)
	return c, nil
}

// programmeStanding returns where the centre's programming of year stands.
func (s *Service) programmeStanding(ctx context.Context, by Actor, year int) (programme.Standing, error) {
	p, err := s.st.Programmes.Programme(ctx, by.Centre, year)
	switch {
	case errors.Is(err, programme.ErrProgrammeNotFound):
		return programme.StandingOf(year, nil), nil
	case err != nil:
		return programme.Standing{}, err
	}
	return programme.StandingOf(year, &p), nil
}

// candidateView is what the candidate package needs of a session: its
// facts, what the title register says of its revision, and the protective
// equipment its épreuves require, from the register and the DTE
// organisateur. It reads the stores: call it before an update closure,
// never inside one.
func (s *Service) candidateView(ctx context.Context, by Actor, ses Session) (candidate.Session, error) {
	v := candidateView(ses)
	v.Location = s.loc
	if tf := s.titleOf(ses); tf.known {
		v.Revision, v.ValidUntil = tf.rev.ID, tf.rev.End()
		for _, p := range tf.rev.RequiredPPE(ses.Kind, ses.CCPs) {
			v.RequiredPPE = append(v.RequiredPPE, candidate.RequiredPPE{Item: p.Item, Source: "épreuve « " + p.Epreuve + " », title register"})
		}
	}
	p, err := s.st.Plis.Pli(ctx, by.Centre, ses.ID)
	if err != nil {
		return candidate.Session{}, err
	}
	for _, item := range p.PPE {
		if !slices.ContainsFunc(v.RequiredPPE, func(r candidate.RequiredPPE) bool { return strings.EqualFold(r.Item, item) }) {
			v.RequiredPPE = append(v.RequiredPPE, candidate.RequiredPPE{Item: item, Source: "DTE organisateur"})
		}
	}
	return v, nil
}

// heldCCPs returns the CCPs of the session's revision that candidate c
// holds, the register's correspondence between revisions applied; none
// when the register does not know the session's title. A CCP acquired
// under no recorded revision counts under the revision in force on the day
// it was acquired.
func (s *Service) heldCCPs(ses Session, c candidate.Candidate) []string {
	tf := s.titleOf(ses)
	if !tf.known {
		return nil
	}
	var held []titles.Held
	for _, a := range c.AcquiredCCPs(ses.Title) {
		rev := a.Revision
		if rev == "" {
			r, err := tf.title.For("", a.On)
			if err != nil {
				continue
			}
			rev = r.ID
		}
		held = append(held, titles.Held{Revision: rev, Code: a.Code})
	}
	out, err := tf.title.HeldIn(tf.rev.ID, held)
	if err != nil {
		return nil
	}
	return out
}

// planHidden fills a planning input without hidden times from the title
// register's default profile, and returns the note that says so; an input
// that has them is returned as it is. Without a profile, the input is
// refused (ErrHiddenTimesMissing): hidden times are never silently absent.
func (s *Service) planHidden(ses Session, in plan.Input) (plan.Input, *plan.Note, error) {
	if in.Hidden != nil {
		return in, nil, nil
	}
	tf := s.titleOf(ses)
	if !tf.known || tf.rev.Hidden == nil {
		why := "the title register has no default hidden-time profile for " + tf.rev.Label()
		if !tf.known {
			why = tf.gap
		}
		return plan.Input{}, nil, ErrHiddenTimesMissing.Withf("the planning input gives no hidden times, and %s: give the hidden times (temps cachés) in minutes, 0 for none", why).
			WithFields(tpsession.FieldError{Field: "hidden", Message: "is required: " + why})
	}
	h := *tf.rev.Hidden
	msg := fmt.Sprintf("the input gives no hidden times: the title register's default profile for %s is used (%s)", tf.rev.Label(), h)
	if h.Source != "" {
		msg += "; source: " + h.Source
	}
	out := in.WithHidden(plan.Hidden{
		OpeningMin: h.OpeningMin, JuryBriefingMin: h.JuryBriefingMin, JuryClosureMin: h.JuryClosureMin, AccueilMin: h.AccueilMin,
		ReadingMin: h.ReadingMin, CorrectionMin: h.CorrectionMin, DeliberationMin: h.DeliberationMin,
	})
	return out, &plan.Note{Code: plan.NoteHiddenFromRegister, Message: msg}, nil
}

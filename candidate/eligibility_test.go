package candidate_test

import (
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
)

func TestRecevabiliteValidUntil(t *testing.T) {
	tests := []struct {
		name           string
		notified, want date.Date
	}{
		{"same day one year later", date.New(2026, 3, 1), date.New(2027, 3, 1)},
		{"end of a 31-day month", date.New(2026, 8, 31), date.New(2027, 8, 31)},
		{"29 February, to the end of February", date.New(2028, 2, 29), date.New(2029, 2, 28)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, candidate.RecevabiliteValidUntil(tt.notified))
		})
	}
}

func TestCheckEligibility(t *testing.T) {
	// The candidates are built directly: their facts need not be in the
	// past of the fixture's today.
	vae := func(notified string) func(*candidate.Candidate) {
		return func(c *candidate.Candidate) {
			c.Route = candidate.RouteVAE
			if notified != "" {
				c.VAERecevabiliteOn = mustDate(t, notified)
			}
		}
	}
	holding := func(codes ...tpsession.TitleCode) func(*candidate.Candidate) {
		return func(c *candidate.Candidate) { c.TitlesHeld = codes }
	}
	startingOn := func(d date.Date) candidate.Session {
		s := titreSession()
		s.Start, s.End = d, d+1
		return s
	}
	ccs := titreSession()
	ccs.Kind = tpsession.KindCCS
	ccp := titreSession()
	ccp.Kind = tpsession.KindCCP
	otherCentres := titreSession()
	otherCentres.Centre = otherCentre

	tests := []struct {
		name    string
		change  func(*candidate.Candidate)
		session candidate.Session
		want    error
	}{
		{"formation, nothing to check", nil, titreSession(), nil},
		{"VAE, session on the last valid day", vae("2026-03-01"), startingOn(date.New(2027, 3, 1)), nil},
		{"VAE, session the day after", vae("2026-03-01"), startingOn(date.New(2027, 3, 2)), candidate.ErrRecevabiliteExpired},
		{"VAE notified 29 February, session on 28 February", vae("2028-02-29"), startingOn(date.New(2029, 2, 28)), nil},
		{"VAE notified 29 February, session on 1 March", vae("2028-02-29"), startingOn(date.New(2029, 3, 1)), candidate.ErrRecevabiliteExpired},
		{"VAE notified on the first day", vae("2027-01-04"), startingOn(date.New(2027, 1, 4)), nil},
		{"VAE notified after the first day", vae("2027-01-05"), startingOn(date.New(2027, 1, 4)), candidate.ErrRecevabiliteAfterStart},
		{"VAE without recevabilité", vae(""), titreSession(), candidate.ErrRecevabiliteMissing},
		{"CCS with the title", holding("TP-01281"), ccs, nil},
		{"CCS with another title", holding("TP-00001"), ccs, candidate.ErrTitleNotHeld},
		{"CCS without any title", nil, ccs, candidate.ErrTitleNotHeld},
		{"CCP needs no title", nil, ccp, nil},
		{"session of another centre", nil, otherCentres, candidate.ErrCandidateNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCandidate(t, nil)
			if tt.change != nil {
				tt.change(&c)
			}
			err := candidate.CheckEligibility(c, tt.session)
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestEligibilityErrorsNameTheDates(t *testing.T) {
	c := newCandidate(t, func(in *candidate.CandidateInput) { in.Route, in.VAERecevabiliteOn = "vae", "2026-01-15" })
	err := candidate.CheckEligibility(c, titreSession())
	assert.ErrorIs(t, err, candidate.ErrRecevabiliteExpired)
	assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
	assert.Contains(t, tpsession.MessageOf(err), "notified on 2026-01-15 is valid until 2027-01-15, before the session starting 2027-03-01")

	ccs := titreSession()
	ccs.Kind = tpsession.KindCCS
	err = candidate.CheckEligibility(newCandidate(t, func(in *candidate.CandidateInput) { in.TitlesHeld = []string{"TP-00001"} }), ccs)
	assert.Contains(t, tpsession.MessageOf(err), "needs the title TP-01281; the candidate holds TP-00001")
}

func TestCheckEligibilityRefusesBrokenSessionFacts(t *testing.T) {
	tests := []struct {
		name   string
		change func(*candidate.Session)
	}{
		{"no start", func(s *candidate.Session) { s.Start = date.Zero }},
		{"end before start", func(s *candidate.Session) { s.End = s.Start - 1 }},
		{"no ID", func(s *candidate.Session) { s.ID = "" }},
		{"no centre", func(s *candidate.Session) { s.Centre = "" }},
		{"unknown kind", func(s *candidate.Session) { s.Kind = "bloc" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := titreSession()
			tt.change(&s)
			err := candidate.CheckEligibility(newCandidate(t, nil), s)
			assert.ErrorIs(t, err, candidate.ErrSessionFacts)
			assert.Equal(t, tpsession.Internal, tpsession.KindOf(err))
		})
	}
}

func TestSessionDays(t *testing.T) {
	assert.Equal(t, tpsession.DateRange{From: start, Until: start + 2}, titreSession().Days())
}

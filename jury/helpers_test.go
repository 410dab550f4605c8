package jury_test

import (
	"fmt"
	"hash/fnv"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

const (
	centre      tpsession.CentreID  = "centre-a"
	otherCentre tpsession.CentreID  = "centre-b"
	title       tpsession.TitleCode = "TP-01281"
)

func day(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

// session is a three-day session, 1 to 3 March 2027.
func session() jury.Session {
	return jury.Session{
		ID:     "ses_01JQ0000000000000000000001",
		Centre: centre,
		Title:  title,
		Dates:  tpsession.DateRange{From: day(2027, 3, 1), Until: day(2027, 3, 3)},
	}
}

// memberID and candidateID give readable, ordered, well-formed IDs.
func memberID(i int) tpsession.MemberID { return tpsession.MemberID(fmt.Sprintf("mem_%026d", i)) }
func candidateID(i int) tpsession.CandidateID {
	return tpsession.CandidateID(fmt.Sprintf("can_%026d", i))
}

// withCheckDigit appends the Luhn check digit to digits.
func withCheckDigit(digits string) string {
	for c := '0'; c <= '9'; c++ {
		s := digits + string(c)
		sum := 0
		for i := 0; i < len(s); i++ {
			d := int(s[len(s)-1-i] - '0')
			if i%2 == 1 {
				if d *= 2; d > 9 {
					d -= 9
				}
			}
			sum += d
		}
		if sum%10 == 0 {
			return s
		}
	}
	panic("unreachable")
}

// siret returns a valid SIRET of company n (1…9999) and establishment e.
func siret(t testing.TB, company, establishment int) tpsession.SIRET {
	t.Helper()
	siren := withCheckDigit(fmt.Sprintf("1%07d", company))
	s, err := tpsession.ParseSIRET(withCheckDigit(fmt.Sprintf("%s%04d", siren, establishment)))
	require.NoError(t, err)
	return s
}

// habilitated is a member of centre habilitated on title over [from, until],
// with an ID drawn from the name: members of a test have distinct names.
func habilitated(t testing.TB, name string, from, until date.Date) jury.Member {
	t.Helper()
	h := fnv.New32a()
	h.Write([]byte(name))
	m, err := jury.NewMember(centre, memberID(int(h.Sum32())), jury.MemberInput{
		Name:  name,
		Email: name + "@example.fr",
		Habilitations: []jury.HabilitationInput{
			{TitleCode: string(title), ValidFrom: from.String(), ValidUntil: until.String()},
		},
	})
	require.NoError(t, err)
	return m
}

// member is a member habilitated on title throughout 2026–2028.
func member(t testing.TB, name string) jury.Member {
	t.Helper()
	return habilitated(t, name, day(2026, 1, 1), day(2028, 12, 31))
}

// accepted returns a session jury in which every member accepted.
func accepted(t testing.TB, s jury.Session, members ...jury.Member) jury.SessionJury {
	t.Helper()
	j := jury.NewSessionJury(s)
	for _, m := range members {
		_, _, err := j.Invite(s, m, day(2027, 1, 4), jury.Policy{})
		require.NoError(t, err)
		_, err = j.Accept(m.ID, day(2027, 1, 5))
		require.NoError(t, err)
	}
	return j
}

package jury_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"jeanne@example.fr", " J@X.FR ", "a <b@c.fr>", "", "@", "a@b", "\"a b\"@c.fr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := jury.NormalizeEmail(s)
		if err != nil {
			assert.ErrorIs(t, err, jury.ErrInvalidMember)
			return
		}
		assert.Equal(t, strings.ToLower(got), got)
		assert.Equal(t, strings.TrimSpace(got), got)
		again, err := jury.NormalizeEmail(got)
		require.NoError(t, err, "a normalised address stays valid")
		assert.Equal(t, got, again)
	})
}

func FuzzNewMember(f *testing.F) {
	f.Add("Jeanne Martin", "jeanne@example.fr", "73282932000074", "TP-01281", "2027-01-01", "2029-12-31")
	f.Add("", "x", "1", "TP-1", "2027-02-30", "2026-01-01")
	f.Fuzz(func(t *testing.T, name, email, employer, title, from, until string) {
		m, err := jury.NewMember(centre, memberID(1), jury.MemberInput{
			Name: name, Email: email, EmployerSIRET: employer,
			Habilitations: []jury.HabilitationInput{{TitleCode: title, ValidFrom: from, ValidUntil: until}},
		})
		if err != nil {
			assert.ErrorIs(t, err, jury.ErrInvalidMember)
			assert.NotEmpty(t, fieldNames(err))
			return
		}
		assert.NotEmpty(t, m.Name)
		_, err = jury.NormalizeEmail(m.Email)
		assert.NoError(t, err)
		require.Len(t, m.Habilitations, 1)
		assert.LessOrEqual(t, m.Habilitations[0].Valid.From, m.Habilitations[0].Valid.Until)
		if m.Employed() {
			_, err = tpsession.ParseSIRET(string(m.Employer))
			assert.NoError(t, err)
		}
	})
}

func FuzzNewDeclaredConflict(f *testing.F) {
	f.Add(string(memberID(1)), string(candidateID(1)), "hosted", "note")
	f.Add("mem_", "can_", "Other", "")
	f.Fuzz(func(t *testing.T, member, cand, reason, note string) {
		c, err := jury.NewDeclaredConflict(jury.DeclaredConflictInput{MemberID: member, CandidateID: cand, Reason: reason, Note: note}, day(2027, 1, 10))
		if err != nil {
			assert.ErrorIs(t, err, jury.ErrInvalidConflict)
			return
		}
		assert.Contains(t, jury.ConflictReasons, c.Reason)
		assert.Equal(t, strings.TrimSpace(c.Note), c.Note)
	})
}

// FuzzAssign builds an instance of up to 8 members and 8 candidates from
// the fuzzer's bytes (one conflict bit per pair, up to 4 juries of
// capacity 1 to 4, or no plan) and checks Assign against the exhaustive
// search of property_test.go.
func FuzzAssign(f *testing.F) {
	f.Add(uint8(5), uint8(3), uint64(0b1001_0000_0110), uint8(0), uint8(0))
	f.Add(uint8(4), uint8(2), uint64(0b0110), uint8(2), uint8(0x11))
	// The 6 × 6 case of TestAssignFindsTheOnlyCrossing, without a plan and
	// with three juries of 2.
	f.Add(uint8(6), uint8(5), uint64(0xf3e0a60f), uint8(0), uint8(0))
	f.Add(uint8(6), uint8(5), uint64(0xf3e0a60f), uint8(3), uint8(0x15))
	f.Fuzz(func(t *testing.T, nm, nc uint8, bits uint64, juries, caps uint8) {
		nm, nc = nm%9, 1+nc%8
		var in instance
		for i := range int(nm) {
			in.members = append(in.members, panelMember(i+1, fmt.Sprint("member ", i+1)))
		}
		for j := range int(nc) {
			in.candidates = append(in.candidates, candidate(j+1, fmt.Sprint("candidate ", j+1)))
		}
		in.conflicts = make([][]bool, nm)
		for i, m := range in.members {
			in.conflicts[i] = make([]bool, nc)
			for j, c := range in.candidates {
				if bit := i*int(nc) + j; bit < 64 && bits>>bit&1 == 1 {
					in.conflicts[i][j] = true
					in.declared = append(in.declared, declared(m, c, jury.ReasonOther))
				}
			}
		}
		if juries %= 5; juries > 0 {
			for k := range int(juries) {
				in.layout.Capacities = append(in.layout.Capacities, 1+int(caps>>(2*k))%4)
			}
		}
		agreesWithBruteForce(t, in)
	})
}

func balanced(n, k int) []int {
	caps := make([]int, k)
	for i := range caps {
		caps[i] = (n + k - 1) / k
	}
	return caps
}

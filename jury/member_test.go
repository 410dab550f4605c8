package jury_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/jury"
)

func validInput() jury.MemberInput {
	return jury.MemberInput{
		Name:          "  Jeanne Martin ",
		Email:         " Jeanne.Martin@Example.FR ",
		EmployerSIRET: "732 829 320 00074",
		Habilitations: []jury.HabilitationInput{
			{TitleCode: "TP-01281", ValidFrom: "2027-01-01", ValidUntil: "2029-12-31"},
			{TitleCode: "TP-00001", ValidFrom: "2026-01-01", ValidUntil: "2026-12-31"},
		},
	}
}

func TestNewMember(t *testing.T) {
	m, err := jury.NewMember(centre, memberID(1), validInput())
	require.NoError(t, err)

	assert.Equal(t, memberID(1), m.ID)
	assert.Equal(t, centre, m.Centre)
	assert.Equal(t, "Jeanne Martin", m.Name)
	assert.Equal(t, "jeanne.martin@example.fr", m.Email)
	assert.Equal(t, tpsession.SIRET("73282932000074"), m.Employer)
	assert.True(t, m.Employed())
	require.Len(t, m.Habilitations, 2)
	assert.Equal(t, tpsession.TitleCode("TP-00001"), m.Habilitations[0].Title, "sorted by title")
	assert.Equal(t, day(2027, 1, 1), m.Habilitations[1].Valid.From)
}

func TestNewMemberNameIsOneLine(t *testing.T) {
	in := validInput()
	in.Name = " Jeanne   Martin "
	m, err := jury.NewMember(centre, memberID(1), in)
	require.NoError(t, err)
	assert.Equal(t, "Jeanne Martin", m.Name)

	in.Name = "Jeanne\n  Martin"
	_, err = jury.NewMember(centre, memberID(1), in)
	assert.ErrorIs(t, err, jury.ErrInvalidMember, "a line break is refused")

	in.Name = strings.Repeat("é", 200)
	_, err = jury.NewMember(centre, memberID(1), in)
	assert.NoError(t, err, "200 letters, the limit")
}

func TestNewMemberWithoutEmployer(t *testing.T) {
	in := validInput()
	in.EmployerSIRET = "  "
	m, err := jury.NewMember(centre, memberID(1), in)
	require.NoError(t, err)
	assert.False(t, m.Employed())
}

func TestNewMemberRefusesBadInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(*jury.MemberInput)
		fields []string
	}{
		{"no name", func(in *jury.MemberInput) { in.Name = " " }, []string{"name"}},
		{"name too long", func(in *jury.MemberInput) { in.Name = string(make([]byte, 201)) }, []string{"name"}},
		{"name of 201 letters", func(in *jury.MemberInput) { in.Name = strings.Repeat("é", 201) }, []string{"name"}},
		{"name with a control character", func(in *jury.MemberInput) { in.Name = "Jeanne\x1bMartin" }, []string{"name"}},
		{"no e-mail", func(in *jury.MemberInput) { in.Email = "" }, []string{"email"}},
		{"display name in e-mail", func(in *jury.MemberInput) { in.Email = "Jeanne <j@example.fr>" }, []string{"email"}},
		{"bad SIRET", func(in *jury.MemberInput) { in.EmployerSIRET = "73282932000075" }, []string{"employer_siret"}},
		{"no habilitation", func(in *jury.MemberInput) { in.Habilitations = nil }, []string{"habilitations"}},
		{"bad title code", func(in *jury.MemberInput) { in.Habilitations[1].TitleCode = "TP-1" }, []string{"habilitations[1].title_code"}},
		{"bad date", func(in *jury.MemberInput) { in.Habilitations[0].ValidFrom = "2027-02-30" }, []string{"habilitations[0].valid_from"}},
		{"ends before it starts", func(in *jury.MemberInput) { in.Habilitations[0].ValidUntil = "2026-12-31" }, []string{"habilitations[0].valid_until"}},
		{"every problem at once", func(in *jury.MemberInput) {
			in.Name, in.Email, in.EmployerSIRET = "", "nope", "123"
			in.Habilitations[0] = jury.HabilitationInput{TitleCode: "x", ValidFrom: "y", ValidUntil: "z"}
		}, []string{"name", "email", "employer_siret", "habilitations[0].title_code", "habilitations[0].valid_from", "habilitations[0].valid_until"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInput()
			tt.change(&in)
			_, err := jury.NewMember(centre, memberID(1), in)
			assert.ErrorIs(t, err, jury.ErrInvalidMember)
			assert.Equal(t, tpsession.Invalid, tpsession.KindOf(err))
			assert.Equal(t, tt.fields, fieldNames(err))
		})
	}
}

// TestNewMemberRefusesABadCentreOrID: the centre and the ID come from the
// caller, never from the client, so a bad one is a programming error
// rather than a field error on a field the client never sent.
func TestNewMemberRefusesABadCentreOrID(t *testing.T) {
	tests := []struct {
		name   string
		centre tpsession.CentreID
		id     tpsession.MemberID
	}{
		{"no centre", "", memberID(1)},
		{"a centre with a slash", "centre/a", memberID(1)},
		{"no ID", centre, ""},
		{"a candidate's ID", centre, tpsession.MemberID(candidateID(1))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := jury.NewMember(tt.centre, tt.id, validInput())
			assert.ErrorIs(t, err, tpsession.ErrInternal)
			assert.NotErrorIs(t, err, jury.ErrInvalidMember)
			assert.Empty(t, fieldNames(err))
		})
	}
}

func fieldNames(err error) []string {
	var e *tpsession.Error
	if !errors.As(err, &e) {
		return nil
	}
	var names []string
	for _, f := range e.Fields {
		names = append(names, f.Field)
	}
	return names
}

func TestEdit(t *testing.T) {
	m, err := jury.NewMember(centre, memberID(1), validInput())
	require.NoError(t, err)
	m.MarkUnavailable(tpsession.DateRange{From: day(2027, 3, 1), Until: day(2027, 3, 1)})
	before := m.Clone()

	in := validInput()
	in.Email = "bad"
	assert.ErrorIs(t, m.Edit(in), jury.ErrInvalidMember)
	assert.Equal(t, before, m, "a refused edit changes nothing")

	in = validInput()
	in.Name, in.EmployerSIRET = "Jeanne Dupont", ""
	require.NoError(t, m.Edit(in))
	assert.Equal(t, "Jeanne Dupont", m.Name)
	assert.False(t, m.Employed())
	assert.Equal(t, before.ID, m.ID)
	assert.Equal(t, before.Unavailable, m.Unavailable, "unavailability is kept")
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"jeanne@example.fr", "jeanne@example.fr", true},
		{" Jeanne.Martin@EXAMPLE.fr\t", "jeanne.martin@example.fr", true},
		{"jeanne+jury@example.co.uk", "jeanne+jury@example.co.uk", true},
		{"", "", false},
		{"jeanne", "", false},
		{"jeanne@localhost", "", false},
		{"Jeanne <jeanne@example.fr>", "", false},
		{"jeanne@example.fr, paul@example.fr", "", false},
		{"a@b.fr" + string(make([]byte, 250)), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := jury.NormalizeEmail(tt.in)
			if !tt.ok {
				assert.ErrorIs(t, err, jury.ErrInvalidMember)
				assert.ErrorIs(t, err, tpsession.ErrInvalidEmail)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestHabilitatedOver(t *testing.T) {
	s := session() // 2027-03-01 to 2027-03-03
	hab := func(from, until string) jury.HabilitationInput {
		return jury.HabilitationInput{TitleCode: string(title), ValidFrom: from, ValidUntil: until}
	}
	tests := []struct {
		name string
		habs []jury.HabilitationInput
		want bool
	}{
		{"exactly the session", []jury.HabilitationInput{hab("2027-03-01", "2027-03-03")}, true},
		{"ends on the last day", []jury.HabilitationInput{hab("2025-01-01", "2027-03-03")}, true},
		{"ends on day 2 of 3", []jury.HabilitationInput{hab("2025-01-01", "2027-03-02")}, false},
		{"starts on the first day", []jury.HabilitationInput{hab("2027-03-01", "2030-01-01")}, true},
		{"starts on day 2", []jury.HabilitationInput{hab("2027-03-02", "2030-01-01")}, false},
		{"chained without a gap", []jury.HabilitationInput{hab("2027-03-03", "2030-01-01"), hab("2024-01-01", "2027-03-02")}, true},
		{"chained with a day's gap", []jury.HabilitationInput{hab("2024-01-01", "2027-03-01"), hab("2027-03-03", "2030-01-01")}, false},
		{"overlapping", []jury.HabilitationInput{hab("2024-01-01", "2027-03-02"), hab("2026-06-01", "2027-03-03")}, true},
		{"one inside another", []jury.HabilitationInput{hab("2024-01-01", "2027-03-03"), hab("2025-01-01", "2025-02-01")}, true},
		{"another title", []jury.HabilitationInput{{TitleCode: "TP-00001", ValidFrom: "2020-01-01", ValidUntil: "2030-01-01"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := jury.NewMember(centre, memberID(1), jury.MemberInput{Name: "Paul", Email: "paul@example.fr", Habilitations: tt.habs})
			require.NoError(t, err)
			assert.Equal(t, tt.want, m.HabilitatedOver(title, s.Dates))
		})
	}
}

func TestAvailability(t *testing.T) {
	r := func(from, until int) tpsession.DateRange {
		return tpsession.DateRange{From: day(2027, 3, from), Until: day(2027, 3, until)}
	}
	m := member(t, "paul")
	m.MarkUnavailable(r(10, 12))
	m.MarkUnavailable(r(1, 2))
	m.MarkUnavailable(r(3, 3))   // touches 1–2: merged
	m.MarkUnavailable(r(20, 19)) // empty: ignored
	assert.Equal(t, []tpsession.DateRange{r(1, 3), r(10, 12)}, m.Unavailable)

	m.MarkUnavailable(r(2, 11))
	assert.Equal(t, []tpsession.DateRange{r(1, 12)}, m.Unavailable)

	m.MarkAvailable(r(4, 9))
	assert.Equal(t, []tpsession.DateRange{r(1, 3), r(10, 12)}, m.Unavailable)
	m.MarkAvailable(r(12, 30))
	m.MarkAvailable(r(1, 1))
	assert.Equal(t, []tpsession.DateRange{r(2, 3), r(10, 11)}, m.Unavailable)

	assert.Equal(t, []date.Date{day(2027, 3, 2), day(2027, 3, 3)}, m.UnavailableDays(session().Dates))
	assert.Empty(t, m.UnavailableDays(r(4, 9)))
}

func TestMemberClone(t *testing.T) {
	m, err := jury.NewMember(centre, memberID(1), validInput())
	require.NoError(t, err)
	m.MarkUnavailable(tpsession.DateRange{From: day(2027, 3, 1), Until: day(2027, 3, 2)})
	c := m.Clone()
	c.Habilitations[0].Title = "TP-99999"
	c.Unavailable[0].From = day(2000, 1, 1)
	assert.Equal(t, tpsession.TitleCode("TP-00001"), m.Habilitations[0].Title)
	assert.Equal(t, day(2027, 3, 1), m.Unavailable[0].From)
}

package titles_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/titles"
)

func day(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

// sample is a register of one fictitious title with three revisions, the
// last one with a known end, to test the rules on every boundary.
const sample = `{"titles": [{"code": "TP-09999", "name": "Technicien d'essai", "revisions": [
  {"id": "2015", "valid_from": "2015-03-01", "ccps": [{"code": "CCP1", "name": "A"}, {"code": "CCP2", "name": "B"}, {"code": "CCP3", "name": "C"}]},
  {"id": "2020", "valid_from": "2020-03-01", "ccps": [{"code": "CCP1", "name": "A2"}, {"code": "CCP2", "name": "BC"}],
   "correspondence": [{"from": ["CCP1"], "to": "CCP1"}, {"from": ["CCP2", "CCP3"], "to": "CCP2"}]},
  {"id": "2025", "valid_from": "2025-03-01", "valid_until": "2030-02-28",
   "ccps": [{"code": "CCP1", "name": "A3"}, {"code": "CCP2", "name": "B3"}, {"code": "CCP3", "name": "D3"}],
   "correspondence": [{"from": ["CCP1"], "to": "CCP1"}, {"from": ["CCP2"], "to": "CCP2"}],
   "hidden": {"opening_min": 30, "jury_briefing_min": 20, "jury_closure_min": 20, "accueil_min": 5, "reading_min": 15, "correction_min": 10, "deliberation_min": 10},
   "epreuves": [
     {"id": "MSP", "label": "Mise en situation", "in": ["titre", "CCP1"], "ppe": ["Chaussures de sécurité", "Gants"]},
     {"id": "ET", "in": ["titre", "CCP2"], "ppe": ["gants", "Lunettes de protection"]},
     {"id": "ALL", "ppe": ["Casque"]}],
   "remote": {"ccps": ["CCP2"], "source": "test"}}
]}]}`

func sampleTitle(t *testing.T) titles.Title {
	t.Helper()
	reg, err := titles.DecodeBytes([]byte(sample))
	require.NoError(t, err)
	title, err := reg.Title("TP-09999")
	require.NoError(t, err)
	return title
}

func TestDefaultRegisterHoldsRealTitlesWithSources(t *testing.T) {
	reg, err := titles.Default()
	require.NoError(t, err)
	require.GreaterOrEqual(t, reg.Len(), 2)
	for _, title := range reg.Titles() {
		assert.NotEmpty(t, title.Sources, "%s names its sources", title.Code)
		for _, r := range title.Revisions {
			assert.True(t, len(r.Sources) > 0 || len(title.Sources) > 0, "%s %s", title.Code, r.ID)
			if r.Until == date.Zero {
				assert.NotEmpty(t, append(r.Unconfirmed, title.Unconfirmed...), "%s %s: an end left out is explained", title.Code, r.ID)
			}
		}
	}
	cda, err := reg.Title("TP-01281")
	require.NoError(t, err)
	r, err := cda.For("", day(2027, 3, 1))
	require.NoError(t, err)
	assert.Equal(t, "2023", r.ID)
	assert.Equal(t, day(2028, 12, 18), r.End())
	old, err := cda.Revision("2018")
	require.NoError(t, err)
	assert.Equal(t, day(2023, 12, 17), old.End(), "ends the day before the next revision")
	held, err := cda.HeldIn("2023", []titles.Held{{Revision: "2018", Code: "CCP2"}, {Revision: "2018", Code: "CCP3"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"CCP2"}, held, "annexe 2 of the 2023 RE: the old CCP2 and CCP3 give the new CCP2")

	remn, err := reg.Title("TP-01336")
	require.NoError(t, err)
	rr, err := remn.For("", day(2025, 1, 6))
	require.NoError(t, err)
	assert.NoError(t, rr.CheckRemote(tpsession.KindCCP, []string{"CCP1"}))
	assert.ErrorIs(t, rr.CheckRemote(tpsession.KindCCP, []string{"CCP2"}), titles.ErrRemoteNotOpen)
}

func TestCheckSessionOnBothSidesOfTheValidityAndTheProlongation(t *testing.T) {
	r, err := sampleTitle(t).Revision("2025")
	require.NoError(t, err)
	end := day(2030, 2, 28)
	last := day(2031, 2, 28)
	require.Equal(t, last, titles.ProlongationEnd(end))
	tests := []struct {
		name             string
		start, createdOn date.Date
		want             error
	}{
		{"last day of validity", end, end + 10, nil},
		{"first day of the prolongation, created on the last valid day", end + 1, end, nil},
		{"first day of the prolongation, created the day after", end + 1, end + 1, titles.ErrProlongationNotDeclared},
		{"last day of the prolongation", last, day(2029, 6, 1), nil},
		{"the day after the prolongation", last + 1, day(2029, 6, 1), titles.ErrTitleExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := r.CheckSession(tt.start, tt.createdOn)
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.want)
			assert.Equal(t, tpsession.Rule, tpsession.KindOf(err))
			msg := tpsession.MessageOf(err)
			assert.Contains(t, msg, end.String(), "names the end of validity")
			assert.Contains(t, msg, "TP-09999")
		})
	}
	assert.True(t, r.InProlongation(end+1))
	assert.False(t, r.InProlongation(end))
	assert.False(t, r.InProlongation(last+1))
}

func TestProlongationEndClampsToTheMonth(t *testing.T) {
	assert.Equal(t, day(2029, 2, 28), titles.ProlongationEnd(day(2028, 2, 29)))
	assert.Equal(t, day(2025, 7, 12), titles.ProlongationEnd(day(2024, 7, 12)))
}

func TestARevisionWithoutAKnownEndIsNotChecked(t *testing.T) {
	reg, err := titles.DecodeBytes([]byte(`{"titles": [{"code": "TP-00001", "name": "X", "revisions": [{"id": "a", "valid_from": "2020-01-01", "ccps": []}]}]}`))
	require.NoError(t, err)
	title, err := reg.Title("TP-00001")
	require.NoError(t, err)
	r, err := title.For("", day(2099, 1, 1))
	require.NoError(t, err)
	assert.Equal(t, date.Zero, r.End())
	assert.NoError(t, r.CheckSession(day(2099, 1, 1), day(2099, 1, 1)))
}

func TestForResolvesTheRevisionInForce(t *testing.T) {
	title := sampleTitle(t)
	for _, tt := range []struct {
		start date.Date
		want  string
	}{
		{day(2015, 3, 1), "2015"},
		{day(2020, 2, 29), "2015"},
		{day(2020, 3, 1), "2020"},
		{day(2025, 3, 1), "2025"},
		{day(2031, 1, 1), "2025"}, // after the end: the last one, for the prolongation
	} {
		r, err := title.For("", tt.start)
		require.NoError(t, err)
		assert.Equal(t, tt.want, r.ID, "%s", tt.start)
	}
	_, err := title.For("", day(2015, 2, 28))
	assert.ErrorIs(t, err, titles.ErrNotInRegister, "before the first revision")
	r, err := title.For("2020", day(2026, 1, 1))
	require.NoError(t, err)
	assert.Equal(t, "2020", r.ID, "a named revision")
	assert.Equal(t, day(2025, 2, 28), r.End())
	_, err = title.For("1999", day(2026, 1, 1))
	assert.ErrorIs(t, err, titles.ErrUnknownRevision)
	assert.Contains(t, tpsession.MessageOf(err), `"2015", "2020", "2025"`)
}

func TestHeldInAppliesEachCorrespondenceInTurn(t *testing.T) {
	title := sampleTitle(t)
	h := func(rev, code string) titles.Held { return titles.Held{Revision: rev, Code: code} }
	tests := []struct {
		name   string
		target string
		held   []titles.Held
		want   []string
	}{
		{"nothing held", "2025", nil, nil},
		{"held in the same revision", "2025", []titles.Held{h("2025", "CCP3")}, []string{"CCP3"}},
		{"both CCPs a line maps from", "2020", []titles.Held{h("2015", "CCP2"), h("2015", "CCP3")}, []string{"CCP2"}},
		{"one of the two is not enough", "2020", []titles.Held{h("2015", "CCP2")}, nil},
		{"through two revisions", "2025", []titles.Held{h("2015", "CCP1"), h("2015", "CCP2"), h("2015", "CCP3")}, []string{"CCP1", "CCP2"}},
		{"mixed revisions", "2025", []titles.Held{h("2015", "CCP1"), h("2020", "CCP2"), h("2025", "CCP3")}, []string{"CCP1", "CCP2", "CCP3"}},
		{"a later revision does not count backwards", "2020", []titles.Held{h("2025", "CCP1")}, nil},
		{"an unknown revision counts for nothing", "2025", []titles.Held{h("1990", "CCP1")}, nil},
		{"no correspondence for the new CCP3", "2025", []titles.Held{h("2020", "CCP1"), h("2020", "CCP2")}, []string{"CCP1", "CCP2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := title.HeldIn(tt.target, tt.held)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	_, err := title.HeldIn("nope", nil)
	assert.ErrorIs(t, err, titles.ErrUnknownRevision)
}

func TestRequiredPPEFollowsTheSessionsEachEpreuveBelongsTo(t *testing.T) {
	r, err := sampleTitle(t).Revision("2025")
	require.NoError(t, err)
	items := func(ps []titles.PPE) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Item)
		}
		return out
	}
	assert.Equal(t, []string{"Chaussures de sécurité", "Gants", "Lunettes de protection", "Casque"}, items(r.RequiredPPE(tpsession.KindTitre, nil)), "each item once, case aside")
	assert.Equal(t, []string{"Chaussures de sécurité", "Gants", "Casque"}, items(r.RequiredPPE(tpsession.KindCCP, []string{"CCP1"})))
	assert.Equal(t, []string{"gants", "Lunettes de protection", "Casque"}, items(r.RequiredPPE(tpsession.KindCCP, []string{"CCP2"})))
	assert.Equal(t, []string{"Casque"}, items(r.RequiredPPE(tpsession.KindCCP, []string{"CCP3"})))
	assert.Equal(t, "Mise en situation", r.RequiredPPE(tpsession.KindTitre, nil)[0].Epreuve)
}

func TestCheckRemote(t *testing.T) {
	r, err := sampleTitle(t).Revision("2025")
	require.NoError(t, err)
	assert.NoError(t, r.CheckRemote(tpsession.KindCCP, []string{"CCP2"}))
	for name, tt := range map[string]struct {
		kind tpsession.SessionKind
		ccps []string
	}{
		"a session titre":                 {tpsession.KindTitre, nil},
		"a closed CCP":                    {tpsession.KindCCP, []string{"CCP1"}},
		"an open CCP with a closed one":   {tpsession.KindCCP, []string{"CCP2", "CCP3"}},
		"a CCP session that names no CCP": {tpsession.KindCCP, nil},
		"a CCS session is never open":     {tpsession.KindCCS, nil},
	} {
		err := r.CheckRemote(tt.kind, tt.ccps)
		assert.ErrorIs(t, err, titles.ErrRemoteNotOpen, name)
		assert.Contains(t, tpsession.MessageOf(err), "TP-09999 Technicien d'essai", name)
	}
}

func TestDecodeNamesEveryBadField(t *testing.T) {
	bad := `{"titles": [
	  {"code": "TP-1", "name": "", "revisions": []},
	  {"code": "TP-00002", "name": "Y", "revisions": [
	    {"id": "b", "valid_from": "2020-01-01", "valid_until": "2019-01-01", "ccps": [{"code": "CCP1", "name": "x"}, {"code": "CCP1", "name": "y"}],
	     "correspondence": [{"from": ["CCP1"], "to": "CCP1"}]},
	    {"id": "b", "valid_from": "2019-06-01", "ccps": [{"code": "CCP1", "name": "x"}],
	     "correspondence": [{"from": ["CCP9"], "to": "CCP7"}], "hidden": {"opening_min": -1},
	     "epreuves": [{"id": "E", "in": ["CCP4"], "ppe": ["Gants", "gants"]}], "remote": {"ccps": ["CCP5"]},
	     "sources": [{"label": "x", "url": "ftp://x"}]}
	  ]},
	  {"code": "TP-00002", "name": "again", "revisions": [{"id": "a", "valid_from": "2020-01-01", "ccps": []}]}
	]}`
	_, err := titles.DecodeBytes([]byte(bad))
	require.ErrorIs(t, err, titles.ErrInvalidRegister)
	e, ok := err.(*tpsession.Error)
	require.True(t, ok)
	fields := map[string]bool{}
	for _, f := range e.Fields {
		fields[f.Field] = true
	}
	for _, want := range []string{
		"titles[0].code", "titles[0].name", "titles[0].revisions",
		"titles[1].revisions[0].valid_until", "titles[1].revisions[0].ccps[1].code", "titles[1].revisions[0].correspondence",
		"titles[1].revisions[1].id", "titles[1].revisions[1].valid_from",
		"titles[1].revisions[1].correspondence[0].to", "titles[1].revisions[1].correspondence[0].from[0]",
		"titles[1].revisions[1].hidden.opening_min", "titles[1].revisions[1].epreuves[0].in[0]",
		"titles[1].revisions[1].epreuves[0].ppe[1]", "titles[1].revisions[1].remote.ccps[0]",
		"titles[1].revisions[1].sources[0].url", "titles[2].code",
	} {
		assert.True(t, fields[want], "names %s (got %v)", want, e.Fields)
	}
}

func TestDecodeRefusesMalformedFiles(t *testing.T) {
	for name, in := range map[string]string{
		"empty":          "",
		"unknown field":  `{"titles": [], "extra": 1}`,
		"trailing data":  `{"titles": []} {}`,
		"wrong type":     `{"titles": [{"code": 5}]}`,
		"bad date":       `{"titles": [{"code": "TP-00001", "name": "x", "revisions": [{"id": "a", "valid_from": "2020-13-01", "ccps": []}]}]}`,
		"not an object":  `[]`,
		"syntax error":   `{"titles": [`,
		"no revision id": `{"titles": [{"code": "TP-00001", "name": "x", "revisions": [{"valid_from": "2020-01-01", "ccps": []}]}]}`,
	} {
		_, err := titles.DecodeBytes([]byte(in))
		assert.ErrorIs(t, err, titles.ErrInvalidRegister, name)
	}
}

func TestEncodeRoundTrips(t *testing.T) {
	for _, src := range []func() (titles.Register, error){
		titles.Default,
		func() (titles.Register, error) { return titles.DecodeBytes([]byte(sample)) },
	} {
		reg, err := src()
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, reg.Encode(&buf))
		again, err := titles.Decode(&buf)
		require.NoError(t, err)
		assert.Equal(t, reg.Titles(), again.Titles())
	}
}

func TestTitleNotInRegister(t *testing.T) {
	reg, err := titles.Default()
	require.NoError(t, err)
	_, err = reg.Title("TP-00000")
	assert.ErrorIs(t, err, titles.ErrNotInRegister)
	assert.Equal(t, tpsession.NotFound, tpsession.KindOf(err))
}

func TestRegisterHandsOutCopies(t *testing.T) {
	reg, err := titles.DecodeBytes([]byte(sample))
	require.NoError(t, err)
	title, err := reg.Title("TP-09999")
	require.NoError(t, err)
	title.Revisions[2].CCPs[0].Name = "changed"
	title.Revisions[2].Hidden.OpeningMin = 999
	reg.Titles()[0].Revisions[2].Epreuves[0].PPE[0] = "changed"
	again, err := reg.Title("TP-09999")
	require.NoError(t, err)
	assert.Equal(t, "Chaussures de sécurité", again.Revisions[2].Epreuves[0].PPE[0])
	assert.Equal(t, "A3", again.Revisions[2].CCPs[0].Name)
	assert.Equal(t, 30, again.Revisions[2].Hidden.OpeningMin)
	assert.True(t, strings.HasPrefix(again.Revisions[2].Label(), "TP-09999"))
}

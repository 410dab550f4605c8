package tpsession_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
)

func TestParseSessionKind(t *testing.T) {
	for _, k := range tpsession.SessionKinds {
		got, err := tpsession.ParseSessionKind(k.String())
		require.NoError(t, err)
		assert.Equal(t, k, got)
	}
	for _, bad := range []string{"", "Titre", "CCP", "vae", "ccs "} {
		_, err := tpsession.ParseSessionKind(bad)
		assert.ErrorIs(t, err, tpsession.ErrInvalidSessionKind, "%q", bad)
	}
}

func TestParseTimeOfDay(t *testing.T) {
	for s, want := range map[string]tpsession.TimeOfDay{"00:00": 0, "08:30": 510, "12:05": 725, "23:59": 1439, "24:00": tpsession.EndOfDay} {
		got, err := tpsession.ParseTimeOfDay(s)
		require.NoError(t, err, s)
		assert.Equal(t, want, got, s)
		assert.Equal(t, s, got.String())
	}
	for _, bad := range []string{"", "8:30", "08h30", "24:01", "25:00", "12:60", "12:5", "-1:00", "08:30:00", "０８:３０"} {
		_, err := tpsession.ParseTimeOfDay(bad)
		assert.ErrorIs(t, err, tpsession.ErrInvalidTimeOfDay, "%q", bad)
	}
}

func TestTimeOfDayJSON(t *testing.T) {
	var v struct{ Start tpsession.TimeOfDay }
	require.NoError(t, json.Unmarshal([]byte(`{"Start":"13:30"}`), &v))
	assert.Equal(t, tpsession.TimeOfDay(810), v.Start)
	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"Start":"13:30"}`, string(out))

	assert.Error(t, json.Unmarshal([]byte(`{"Start":"1330"}`), &v))
	_, err = json.Marshal(struct{ T tpsession.TimeOfDay }{T: 1441})
	assert.Error(t, err)
}

func TestParseModality(t *testing.T) {
	for in, want := range map[string]tpsession.Modality{"": tpsession.OnSite, "on_site": tpsession.OnSite, "remote": tpsession.Remote} {
		got, err := tpsession.ParseModality(in)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	for _, in := range []string{"Remote", "distance", " remote"} {
		_, err := tpsession.ParseModality(in)
		assert.ErrorIs(t, err, tpsession.ErrInvalidModality, in)
	}
	assert.Equal(t, "on_site", tpsession.Modality("").String())
	assert.True(t, tpsession.Remote.IsRemote())
}

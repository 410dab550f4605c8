package pli_test

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/pli"
)

// custodyLog returns the six-entry log of an opened pli that was accessed
// once afterwards: ordered, received, organisateur_read, secured, opened,
// accessed.
func custodyLog(t *testing.T) pli.Log {
	t.Helper()
	p := pliAt(t, pli.StatusOpened)
	require.NoError(t, p.RecordAccess(pli.Access{Reason: "DTEs back in the safe"}, openedAt.Add(9*time.Hour), responsable))
	require.NoError(t, p.Custody.Verify())
	return p.Custody
}

func TestVerifyDetectsTampering(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(pli.Log) pli.Log
		broken string // the start of the message naming the entry
	}{
		{"actor of the first entry edited", func(l pli.Log) pli.Log {
			l[0].Actor = "Someone else"
			return l
		}, "custody entry 0 (pli.ordered"},
		{"detail edited", func(l pli.Log) pli.Log {
			l[2].Detail = "DTE organisateur read; materials required: none"
			return l
		}, "custody entry 2 (pli.organisateur_read"},
		{"instant moved by a millisecond", func(l pli.Log) pli.Log {
			l[3].At = l[3].At.Add(time.Millisecond)
			return l
		}, "custody entry 3 (pli.secured"},
		{"action changed", func(l pli.Log) pli.Log {
			l[4].Action = pli.ActionAccessed
			return l
		}, "custody entry 4 (pli.accessed"},
		{"hash edited", func(l pli.Log) pli.Log {
			l[1].Hash = l[0].Hash
			return l
		}, "custody entry 1 (pli.received"},
		{"entry edited and its hash recomputed", func(l pli.Log) pli.Log {
			l[2].Detail = "DTE organisateur read; materials required: none"
			l[2].Hash = l[2].ComputeHash(l[1].Hash)
			return l
		}, "custody entry 3 (pli.secured"},
		{"entry deleted", func(l pli.Log) pli.Log {
			return slices.Delete(l, 2, 3)
		}, "custody entry 2 (pli.secured"},
		{"first entry deleted", func(l pli.Log) pli.Log {
			return l[1:]
		}, "custody entry 0 (pli.received"},
		{"entry inserted with a valid link", func(l pli.Log) pli.Log {
			forged := pli.Entry{At: l[1].At, Actor: "Intruder", Action: pli.ActionAccessed, Detail: "photocopied"}
			forged.Hash = forged.ComputeHash(l[1].Hash)
			return slices.Insert(l, 2, forged)
		}, "custody entry 3 (pli.organisateur_read"},
		{"entries swapped", func(l pli.Log) pli.Log {
			l[1], l[2] = l[2], l[1]
			return l
		}, "custody entry 1 (pli.organisateur_read"},
		{"entry appended with a made-up hash", func(l pli.Log) pli.Log {
			return append(l, pli.Entry{At: openedAt, Actor: "Intruder", Action: pli.ActionAccessed, Hash: l.Head()})
		}, "custody entry 6 (pli.accessed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.tamper(slices.Clone(custodyLog(t)))
			err := l.Verify()
			assert.ErrorIs(t, err, pli.ErrCustodyBroken)
			assert.ErrorIs(t, err, tpsession.ErrInternal)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.broken)
		})
	}
}

// TestVerifyChecksTimeOrder: a log whose hashes all match, built by hand
// with an entry older than the one before it, was not recorded by the
// package, which appends in time order.
func TestVerifyChecksTimeOrder(t *testing.T) {
	chain := func(at ...time.Time) pli.Log {
		var l pli.Log
		for _, a := range at {
			e := pli.Entry{At: a, Actor: responsable, Action: pli.ActionAccessed, Detail: "seal check"}
			e.Hash = e.ComputeHash(l.Head())
			l = append(l, e)
		}
		return l
	}
	tests := []struct {
		name   string
		log    pli.Log
		broken string // "" when valid
	}{
		{"in order", chain(orderedAt, receivedAt), ""},
		{"same instant", chain(orderedAt, orderedAt), ""},
		{"a millisecond back", chain(orderedAt, receivedAt, receivedAt.Add(-time.Millisecond)), "custody entry 2 (pli.accessed at 2027-03-01T14:29:59.999Z) is older than entry 1"},
		{"receipt 48 hours before the order", chain(orderedAt, orderedAt.Add(-48*time.Hour)), "custody entry 1 (pli.accessed at 2027-01-30T09:00:00.000Z) is older than entry 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.log.Verify()
			if tt.broken == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, pli.ErrCustodyBroken)
			assert.Contains(t, tpsession.MessageOf(err), tt.broken)
		})
	}
}

func TestVerifyCannotSeeACutTailButTheHeadCan(t *testing.T) {
	l := custodyLog(t)
	anchored := l.Head()
	cut := l[:4]
	assert.NoError(t, cut.Verify(), "a chain alone cannot reveal a cut tail")
	assert.NotEqual(t, anchored, cut.Head())
	assert.False(t, cut.Extends(l))
}

func TestVerifyOfAnEmptyLog(t *testing.T) {
	assert.NoError(t, pli.Log(nil).Verify())
	assert.Empty(t, pli.Log(nil).Head())
}

func TestVerifyAcceptsInstantsInAnotherLocation(t *testing.T) {
	l := slices.Clone(custodyLog(t))
	for i := range l {
		l[i].At = l[i].At.In(time.FixedZone("CEST", 2*3600))
	}
	assert.NoError(t, l.Verify())
}

func TestExtends(t *testing.T) {
	l := custodyLog(t)
	edited := slices.Clone(l)
	edited[1].Detail = "edited"
	moved := slices.Clone(l)
	for i := range moved {
		moved[i].At = moved[i].At.Local()
	}
	tests := []struct {
		name     string
		new, old pli.Log
		want     bool
	}{
		{"entries appended", l, l[:3], true},
		{"unchanged", l, l, true},
		{"from nothing", l, nil, true},
		{"same instants in another location", moved, l, true},
		{"entries removed", l[:3], l, false},
		{"an entry edited", edited, l, false},
		{"an entry replaced at the end", append(slices.Clone(l[:5]), l[0]), l, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.new.Extends(tt.old))
		})
	}
}

func TestCanonicalJSON(t *testing.T) {
	at := time.Date(2027, 5, 31, 8, 45, 0, 0, time.FixedZone("CEST", 2*3600))
	tests := []struct {
		name   string
		detail string
		want   string // the serialised detail
	}{
		{"plain", "seal check", `"seal check"`},
		{"quote and backslash", `say "hi" \ bye`, `"say \"hi\" \\ bye"`},
		{"short escapes", "\b\t\n\f\r", `"\b\t\n\f\r"`},
		{"other controls in lowercase hex", "\x00\x01\x1b\x1f", `"\u0000\u0001\u001b\u001f"`},
		{"DEL as is", "\x7f", "\"\x7f\""},
		{"HTML characters as is", "<a&b>", `"<a&b>"`},
		{"accents as UTF-8", "Coffre-fort, bâtiment É", `"Coffre-fort, bâtiment É"`},
		{"line separators as is", "\u2028\u2029", "\"\u2028\u2029\""},
		{"emoji as UTF-8", "📦", `"📦"`},
		{"slash as is", "a/b", `"a/b"`},
		{"invalid UTF-8 as U+FFFD", "a\xffb", "\"a\uFFFDb\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := pli.Entry{At: at, Actor: "Marie", Action: pli.ActionAccessed, Detail: tt.detail}
			want := `{"action":"pli.accessed","actor":"Marie","at":"2027-05-31T06:45:00.000Z","detail":` + tt.want + `}`
			assert.Equal(t, want, string(e.CanonicalJSON()))
		})
	}
}

func TestCanonicalJSONTruncatesToTheMillisecond(t *testing.T) {
	e := pli.Entry{At: time.Date(2027, 1, 2, 3, 4, 5, 999_999_999, time.UTC), Actor: "a", Action: pli.ActionOrdered}
	assert.Equal(t, `{"action":"pli.ordered","actor":"a","at":"2027-01-02T03:04:05.999Z","detail":""}`, string(e.CanonicalJSON()))
}

func TestComputeHash(t *testing.T) {
	e := pli.Entry{At: orderedAt, Actor: responsable, Action: pli.ActionOrdered, Detail: "pli ordered on 2027-02-01"}
	first := sha256.Sum256(e.CanonicalJSON())
	assert.Equal(t, hex.EncodeToString(first[:]), e.ComputeHash(""))

	prev := hex.EncodeToString(first[:])
	next := sha256.Sum256(append([]byte(prev), e.CanonicalJSON()...))
	assert.Equal(t, hex.EncodeToString(next[:]), e.ComputeHash(prev))

	e.Hash = "ignored"
	assert.Equal(t, hex.EncodeToString(first[:]), e.ComputeHash(""), "the hash does not cover itself")
}

func BenchmarkVerify(b *testing.B) {
	p := pliAt(b, pli.StatusOpened)
	for i := range 1000 {
		if err := p.RecordAccess(pli.Access{Reason: "seal check"}, openedAt.Add(time.Duration(i)*time.Minute), responsable); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := p.Custody.Verify(); err != nil {
			b.Fatal(err)
		}
	}
}

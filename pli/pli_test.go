package pli_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/pli"
)

// fieldsOf returns the field names an error carries.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	e, ok := errors.AsType[*tpsession.Error](err)
	require.True(t, ok, "want a *tpsession.Error, got %v", err)
	out := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		out[i] = f.Field
	}
	return out
}

func TestNew(t *testing.T) {
	sid, id := tpsession.NewSessionID(), tpsession.NewPliID()
	p, err := pli.New(centre, id, sid)
	require.NoError(t, err)
	assert.Equal(t, pli.Pli{ID: id, Centre: centre, Session: sid}, p)
	assert.Equal(t, pli.StatusNotOrdered, p.Status())
	assert.Empty(t, p.Custody)
}

// TestNewRefusesBadServiceFacts: the centre, the ID and the session come
// from the session service, never from the client, so a bad one is a
// programming error rather than a field error on a field the client never
// sent.
func TestNewRefusesBadServiceFacts(t *testing.T) {
	sid, id := tpsession.NewSessionID(), tpsession.NewPliID()
	tests := []struct {
		name    string
		centre  tpsession.CentreID
		id      tpsession.PliID
		session tpsession.SessionID
	}{
		{"empty centre", "", id, sid},
		{"centre with a space", "centre lyon", id, sid},
		{"no ID", centre, "", sid},
		{"session ID as pli ID", centre, tpsession.PliID(sid), sid},
		{"candidate ID as session", centre, id, tpsession.SessionID(tpsession.NewCandidateID())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pli.New(tt.centre, tt.id, tt.session)
			assert.ErrorIs(t, err, tpsession.ErrInternal)
			assert.NotErrorIs(t, err, pli.ErrInvalid)
			assert.Empty(t, fieldsOf(t, err))
		})
	}
}

func TestZeroPliIsNotOrdered(t *testing.T) {
	assert.Equal(t, pli.StatusNotOrdered, pli.Pli{}.Status())
}

// step is one lifecycle step with valid input.
type step struct {
	name   string
	next   pli.Status // the status the step leads to
	action pli.Action // the custody entry it appends
	do     func(*pli.Pli) error
}

var steps = []step{
	{"order", pli.StatusOrdered, pli.ActionOrdered, func(p *pli.Pli) error {
		return p.Order(orderDay, orderDay, orderedAt, responsable)
	}},
	{"receive", pli.StatusReceived, pli.ActionReceived, func(p *pli.Pli) error {
		return p.Receive(receiptDay, receiptDay, receivedAt, responsable)
	}},
	{"read organisateur", pli.StatusOrganisateurRead, pli.ActionOrganisateurRead, func(p *pli.Pli) error {
		return p.ReadOrganisateur(materials, receivedAt, responsable)
	}},
	{"secure", pli.StatusSecured, pli.ActionSecured, func(p *pli.Pli) error {
		return p.Secure("Coffre-fort, bureau 12", "Marie Dupont", securedAt, responsable)
	}},
	{"open", pli.StatusOpened, pli.ActionOpened, func(p *pli.Pli) error {
		return p.Open(true, witnesses, openedAt, responsable)
	}},
}

var statuses = []pli.Status{
	pli.StatusNotOrdered, pli.StatusOrdered, pli.StatusReceived,
	pli.StatusOrganisateurRead, pli.StatusSecured, pli.StatusOpened,
}

// TestLifecycle tries every step from every status: only the next step is
// accepted, an earlier status refuses with ErrOutOfOrder, a later one with
// ErrStepRepeated, and both name the current status; a refusal records
// nothing.
func TestLifecycle(t *testing.T) {
	for from, status := range statuses {
		for _, st := range steps {
			t.Run(st.name+" from "+string(status), func(t *testing.T) {
				p := pliAt(t, status)
				before := p.Clone()
				err := st.do(&p)

				target := indexOf(st.next) - 1
				switch {
				case from == target:
					require.NoError(t, err)
					assert.Equal(t, st.next, p.Status())
					require.Len(t, p.Custody, len(before.Custody)+1)
					assert.Equal(t, st.action, p.Custody[len(p.Custody)-1].Action)
					assert.Equal(t, responsable, p.Custody[len(p.Custody)-1].Actor)
					assert.NoError(t, p.Custody.Verify())
					return
				case from < target:
					assert.ErrorIs(t, err, pli.ErrOutOfOrder)
				default:
					assert.ErrorIs(t, err, pli.ErrStepRepeated)
				}
				assert.ErrorIs(t, err, tpsession.ErrConflict)
				assert.Contains(t, err.Error(), `"`+string(status)+`"`)
				assert.Equal(t, before, p)
			})
		}
	}
}

func indexOf(s pli.Status) int {
	for i, x := range statuses {
		if x == s {
			return i
		}
	}
	return -1
}

func TestStepsRecordTheirFacts(t *testing.T) {
	p := pliAt(t, pli.StatusOpened)
	assert.Equal(t, orderDay, p.OrderedOn)
	assert.Equal(t, receiptDay, p.ReceivedOn)
	assert.Equal(t, materials, p.Materials)
	assert.Equal(t, "Coffre-fort, bureau 12", p.Location)
	assert.Equal(t, responsable, p.Custodian)
	assert.Equal(t, securedAt, p.SecuredAt)
	assert.Equal(t, witnesses, p.Witnesses)
	assert.Equal(t, openedAt, p.OpenedAt)
	assert.Equal(t, []pli.Action{pli.ActionOrdered, pli.ActionReceived, pli.ActionOrganisateurRead, pli.ActionSecured, pli.ActionOpened}, actions(p.Custody))
	assert.NoError(t, p.Custody.Verify())
}

func TestOrderDate(t *testing.T) {
	today := date.New(2027, 2, 15)
	tests := []struct {
		name      string
		orderedOn date.Date
		ok        bool
	}{
		{"long ago", date.New(2026, 11, 2), true},
		{"yesterday", today - 1, true},
		{"today", today, true},
		{"tomorrow", today + 1, false},
		{"missing", date.Zero, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPli(t)
			err := p.Order(tt.orderedOn, today, orderedAt, responsable)
			if tt.ok {
				require.NoError(t, err)
				assert.Equal(t, tt.orderedOn, p.OrderedOn)
				return
			}
			assert.ErrorIs(t, err, pli.ErrInvalid)
			assert.Equal(t, []string{"ordered_on"}, fieldsOf(t, err))
			assert.Equal(t, pli.StatusNotOrdered, p.Status())
			assert.Empty(t, p.Custody)
		})
	}
}

func TestReceiptDate(t *testing.T) {
	today := date.New(2027, 3, 10)
	tests := []struct {
		name       string
		receivedOn date.Date
		ok         bool
	}{
		{"the day before the order", orderDay - 1, false},
		{"the day of the order", orderDay, true},
		{"today", today, true},
		{"tomorrow", today + 1, false},
		{"missing", date.Zero, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, receive := range map[string]func(*pli.Pli) error{
				"Receive": func(p *pli.Pli) error { return p.Receive(tt.receivedOn, today, receivedAt, responsable) },
				"ReceiveAndRead": func(p *pli.Pli) error {
					return p.ReceiveAndRead(tt.receivedOn, today, materials, receivedAt, responsable)
				},
			} {
				t.Run(name, func(t *testing.T) {
					p := pliAt(t, pli.StatusOrdered)
					err := receive(&p)
					if tt.ok {
						require.NoError(t, err)
						assert.Equal(t, tt.receivedOn, p.ReceivedOn)
						return
					}
					assert.ErrorIs(t, err, pli.ErrInvalid)
					assert.Equal(t, []string{"received_on"}, fieldsOf(t, err))
					assert.Equal(t, pli.StatusOrdered, p.Status())
				})
			}
		})
	}
}

// TestEventInput: the instant and the actor come from the session service
// (its clock, the authenticated user), so a bad one is a programming error,
// never a field error.
func TestEventInput(t *testing.T) {
	tests := []struct {
		name  string
		at    time.Time
		actor string
	}{
		{"no instant", time.Time{}, responsable},
		{"year 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), responsable},
		{"blank actor", orderedAt, "  \t"},
		{"actor not UTF-8", orderedAt, "Marie \xff"},
		{"actor with a control character", orderedAt, "Marie\x00Dupont"},
		{"both", time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPli(t)
			err := p.Order(orderDay, orderDay, tt.at, tt.actor)
			assert.ErrorIs(t, err, tpsession.ErrInternal)
			assert.NotErrorIs(t, err, pli.ErrInvalid)
			assert.Empty(t, fieldsOf(t, err))
			assert.Empty(t, p.Custody)
		})
	}
}

func TestBadEventComesBeforeBadInput(t *testing.T) {
	p := newPli(t)
	err := p.Order(orderDay+1, orderDay, time.Time{}, responsable)
	assert.ErrorIs(t, err, tpsession.ErrInternal, "a caller's bug is reported before the client's input")
}

// TestCustodyIsAppendedInTimeOrder: an entry may share the last entry's
// instant (ReceiveAndRead records two), not come before it.
func TestCustodyIsAppendedInTimeOrder(t *testing.T) {
	tests := []struct {
		name string
		at   time.Time
		ok   bool
	}{
		{"after the order entry", orderedAt.Add(time.Millisecond), true},
		{"at the order entry's instant", orderedAt, true},
		{"later within the same millisecond", orderedAt.Add(999 * time.Microsecond), true},
		{"a millisecond before the order entry", orderedAt.Add(-time.Millisecond), false},
		{"a nanosecond before the order entry", orderedAt.Add(-time.Nanosecond), false},
		{"48 hours before the order entry", orderedAt.Add(-48 * time.Hour), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pliAt(t, pli.StatusOrdered)
			err := p.Receive(orderDay, orderDay+30, tt.at, responsable)
			if tt.ok {
				require.NoError(t, err)
				assert.NoError(t, p.Custody.Verify())
				return
			}
			assert.ErrorIs(t, err, tpsession.ErrInternal)
			assert.Empty(t, fieldsOf(t, err))
			assert.Equal(t, pli.StatusOrdered, p.Status())
			assert.Len(t, p.Custody, 1)
		})
	}
	t.Run("a refused opening is no exception", func(t *testing.T) {
		p := pliAt(t, pli.StatusSecured)
		err := p.Open(false, witnesses, securedAt.Add(-time.Second), responsable)
		assert.ErrorIs(t, err, tpsession.ErrInternal)
		assert.False(t, pli.RefusalLogged(err))
		assert.Len(t, p.Custody, 4)
	})
}

func TestEventIsRecordedToTheMillisecondInUTC(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	at := time.Date(2027, 2, 1, 10, 0, 0, 123_456_789, paris)
	p := newPli(t)
	require.NoError(t, p.Order(orderDay, orderDay, at, "  Marie   Dupont "))
	e := p.Custody[0]
	assert.Equal(t, time.Date(2027, 2, 1, 9, 0, 0, 123_000_000, time.UTC), e.At)
	assert.Equal(t, time.UTC, e.At.Location())
	assert.Equal(t, "Marie Dupont", e.Actor)
}

func TestReadOrganisateurMaterials(t *testing.T) {
	long := strings.Repeat("é", pli.MaxTextLen)
	tests := []struct {
		name      string
		materials []pli.Material
		want      []pli.Material // when accepted
		fields    []string       // when refused
	}{
		{"one material", []pli.Material{{Name: "Tour CN", Quantity: 1}}, []pli.Material{{Name: "Tour CN", Quantity: 1}}, nil},
		{"names tidied", []pli.Material{{Name: "  Poste   informatique ", Quantity: 3, Epreuve: " MSP "}},
			[]pli.Material{{Name: "Poste informatique", Quantity: 3, Epreuve: "MSP"}}, nil},
		{"blank épreuve is unknown", []pli.Material{{Name: "Tour CN", Quantity: 2, Epreuve: "  "}},
			[]pli.Material{{Name: "Tour CN", Quantity: 2}}, nil},
		{"same material for two épreuves", []pli.Material{{Name: "PC", Quantity: 10, Epreuve: "MSP"}, {Name: "PC", Quantity: 10, Epreuve: "Questionnaire"}},
			[]pli.Material{{Name: "PC", Quantity: 10, Epreuve: "MSP"}, {Name: "PC", Quantity: 10, Epreuve: "Questionnaire"}}, nil},
		{"longest name", []pli.Material{{Name: long, Quantity: 1}}, []pli.Material{{Name: long, Quantity: 1}}, nil},
		{"no material", nil, nil, []string{"materials"}},
		{"empty list", []pli.Material{}, nil, []string{"materials"}},
		{"quantity 0", []pli.Material{{Name: "PC", Quantity: 0}}, nil, []string{"materials[0].quantity"}},
		{"negative quantity", []pli.Material{{Name: "PC", Quantity: -1}}, nil, []string{"materials[0].quantity"}},
		{"blank name", []pli.Material{{Name: "PC", Quantity: 1}, {Name: " ", Quantity: 1}}, nil, []string{"materials[1].name"}},
		{"name too long", []pli.Material{{Name: long + "é", Quantity: 1}}, nil, []string{"materials[0].name"}},
		{"épreuve with a newline refused", []pli.Material{{Name: "PC", Quantity: 1, Epreuve: "MSP\npartie 2"}}, nil, []string{"materials[0].epreuve"}},
		{"épreuve not UTF-8", []pli.Material{{Name: "PC", Quantity: 1, Epreuve: "\xc3"}}, nil, []string{"materials[0].epreuve"}},
		{"same material twice for one épreuve", []pli.Material{{Name: "PC", Quantity: 1, Epreuve: "MSP"}, {Name: "pc", Quantity: 2, Epreuve: "msp"}},
			nil, []string{"materials[1].name"}},
		{"every problem at once", []pli.Material{{Name: "", Quantity: 0}, {Name: "PC", Quantity: 1, Epreuve: "\x01"}},
			nil, []string{"materials[0].name", "materials[0].quantity", "materials[1].epreuve"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pliAt(t, pli.StatusReceived)
			err := p.ReadOrganisateur(tt.materials, receivedAt, responsable)
			if tt.fields == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.want, p.Materials)
				assert.Equal(t, pli.StatusOrganisateurRead, p.Status())
				return
			}
			assert.ErrorIs(t, err, pli.ErrInvalid)
			assert.Equal(t, tt.fields, fieldsOf(t, err))
			assert.Equal(t, pli.StatusReceived, p.Status())
		})
	}
}

func TestReadOrganisateurKeepsTheCallersSlice(t *testing.T) {
	in := []pli.Material{{Name: " PC ", Quantity: 2}}
	p := pliAt(t, pli.StatusReceived)
	require.NoError(t, p.ReadOrganisateur(in, receivedAt, responsable))
	in[0].Quantity = 99
	assert.Equal(t, " PC ", in[0].Name)
	assert.Equal(t, 2, p.Materials[0].Quantity)
}

func TestReceiveAndRead(t *testing.T) {
	t.Run("records both steps", func(t *testing.T) {
		p := pliAt(t, pli.StatusOrdered)
		require.NoError(t, p.ReceiveAndRead(receiptDay, receiptDay, materials, receivedAt, responsable))
		assert.Equal(t, pli.StatusOrganisateurRead, p.Status())
		assert.Equal(t, receiptDay, p.ReceivedOn)
		assert.Equal(t, materials, p.Materials)
		assert.Equal(t, []pli.Action{pli.ActionOrdered, pli.ActionReceived, pli.ActionOrganisateurRead}, actions(p.Custody))
		assert.NoError(t, p.Custody.Verify())
	})
	t.Run("reports every bad field and records nothing", func(t *testing.T) {
		p := pliAt(t, pli.StatusOrdered)
		err := p.ReceiveAndRead(receiptDay+1, receiptDay, []pli.Material{{Name: "PC"}}, receivedAt, responsable)
		assert.ErrorIs(t, err, pli.ErrInvalid)
		assert.Equal(t, []string{"received_on", "materials[0].quantity"}, fieldsOf(t, err))
		assert.Equal(t, pliAt(t, pli.StatusOrdered).Custody.Head(), p.Custody.Head())
		assert.Equal(t, pli.StatusOrdered, p.Status())
	})
	t.Run("before the order", func(t *testing.T) {
		p := newPli(t)
		err := p.ReceiveAndRead(receiptDay, receiptDay, materials, receivedAt, responsable)
		assert.ErrorIs(t, err, pli.ErrOutOfOrder)
		assert.Empty(t, p.Custody)
	})
	t.Run("already received", func(t *testing.T) {
		p := pliAt(t, pli.StatusReceived)
		err := p.ReceiveAndRead(receiptDay, receiptDay, materials, receivedAt, responsable)
		assert.ErrorIs(t, err, pli.ErrStepRepeated)
		assert.Empty(t, p.Materials)
	})
}

func TestSecureInput(t *testing.T) {
	tests := []struct {
		name                string
		location, custodian string
		fields              []string
	}{
		{"blank location", " ", "Marie Dupont", []string{"location"}},
		{"blank custodian", "Coffre", "", []string{"custodian"}},
		{"location too long", strings.Repeat("x", pli.MaxTextLen+1), "Marie Dupont", []string{"location"}},
		{"both", "", "", []string{"location", "custodian"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pliAt(t, pli.StatusOrganisateurRead)
			err := p.Secure(tt.location, tt.custodian, securedAt, responsable)
			assert.ErrorIs(t, err, pli.ErrInvalid)
			assert.Equal(t, tt.fields, fieldsOf(t, err))
			assert.Equal(t, pli.StatusOrganisateurRead, p.Status())
		})
	}
}

func TestOpenWitnesses(t *testing.T) {
	tests := []struct {
		name      string
		witnesses []string
		fields    []string
	}{
		{"two", []string{"Jeanne Martin", "Paul Durand"}, nil},
		{"three", []string{"Jeanne Martin", "Paul Durand", "Inès Roux"}, nil},
		{"none", nil, []string{"witnesses"}},
		{"one", []string{"Jeanne Martin"}, []string{"witnesses"}},
		{"one named twice", []string{"Jeanne Martin", " jeanne  MARTIN"}, []string{"witnesses[1]"}},
		{"a blank name", []string{"Jeanne Martin", "Paul Durand", ""}, []string{"witnesses[2]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pliAt(t, pli.StatusSecured)
			err := p.Open(true, tt.witnesses, openedAt, responsable)
			if tt.fields == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.witnesses, p.Witnesses)
				assert.Equal(t, pli.StatusOpened, p.Status())
				return
			}
			assert.ErrorIs(t, err, pli.ErrInvalid)
			assert.Equal(t, tt.fields, fieldsOf(t, err))
			assert.Equal(t, pli.StatusSecured, p.Status())
			assert.Len(t, p.Custody, 4)
		})
	}
}

func TestOpenBeforeTheSessionIsRefusedAndLogged(t *testing.T) {
	p := pliAt(t, pli.StatusSecured)
	early := openedAt.Add(-24 * time.Hour)

	err := p.Open(false, witnesses, early, "Paul Durand")
	assert.ErrorIs(t, err, pli.ErrSessionNotOpened)
	assert.ErrorIs(t, err, tpsession.ErrRule)
	assert.True(t, pli.RefusalLogged(err))
	assert.Equal(t, pli.StatusSecured, p.Status())
	assert.Empty(t, p.Witnesses)
	require.Len(t, p.Custody, 5)
	refused := p.Custody[4]
	assert.Equal(t, pli.ActionOpenRefused, refused.Action)
	assert.Equal(t, "Paul Durand", refused.Actor)
	assert.Equal(t, early, refused.At)
	assert.Contains(t, refused.Detail, "Jeanne Martin")
	assert.NoError(t, p.Custody.Verify())

	// Once the session is opened, the pli opens; both attempts stay logged.
	require.NoError(t, p.Open(true, witnesses, openedAt, responsable))
	assert.Equal(t, pli.StatusOpened, p.Status())
	assert.Equal(t, []pli.Action{pli.ActionOrdered, pli.ActionReceived, pli.ActionOrganisateurRead, pli.ActionSecured, pli.ActionOpenRefused, pli.ActionOpened}, actions(p.Custody))
	assert.NoError(t, p.Custody.Verify())
}

func TestOpenChecksInputAndStateBeforeTheSession(t *testing.T) {
	t.Run("bad input is not an attempt", func(t *testing.T) {
		p := pliAt(t, pli.StatusSecured)
		err := p.Open(false, nil, openedAt, responsable)
		assert.ErrorIs(t, err, pli.ErrInvalid)
		assert.False(t, pli.RefusalLogged(err))
		assert.Len(t, p.Custody, 4)
	})
	t.Run("a pli not secured yet", func(t *testing.T) {
		p := pliAt(t, pli.StatusOrganisateurRead)
		err := p.Open(false, witnesses, openedAt, responsable)
		assert.ErrorIs(t, err, pli.ErrOutOfOrder)
		assert.False(t, pli.RefusalLogged(err))
		assert.Len(t, p.Custody, 3)
	})
}

func TestRecordAccess(t *testing.T) {
	sealCheck := pli.Access{Reason: "seal check"}
	unseal := pli.Access{Reason: "jury wants to prepare", Unseals: true}
	tests := []struct {
		name   string
		status pli.Status
		access pli.Access
		err    error
		action pli.Action // appended, "" for none
	}{
		{"seal check before the receipt", pli.StatusOrdered, sealCheck, pli.ErrOutOfOrder, ""},
		{"seal check before any order", pli.StatusNotOrdered, sealCheck, pli.ErrOutOfOrder, ""},
		{"seal check on receipt", pli.StatusReceived, sealCheck, nil, pli.ActionAccessed},
		{"seal check in custody", pli.StatusSecured, sealCheck, nil, pli.ActionAccessed},
		{"consultation after the opening", pli.StatusOpened, sealCheck, nil, pli.ActionAccessed},
		{"unsealing in custody", pli.StatusSecured, unseal, pli.ErrSealed, pli.ActionOpenRefused},
		{"unsealing on receipt", pli.StatusReceived, unseal, pli.ErrSealed, pli.ActionOpenRefused},
		{"unsealing after the opening", pli.StatusOpened, unseal, nil, pli.ActionAccessed},
		{"no reason", pli.StatusSecured, pli.Access{Reason: " "}, pli.ErrInvalid, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pliAt(t, tt.status)
			n := len(p.Custody)
			err := p.RecordAccess(tt.access, openedAt.Add(time.Hour), "Paul Durand")
			if tt.err == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, tt.err)
			}
			assert.Equal(t, errors.Is(err, pli.ErrSealed), pli.RefusalLogged(err))
			assert.Equal(t, tt.status, p.Status())
			if tt.action == "" {
				assert.Len(t, p.Custody, n)
				return
			}
			require.Len(t, p.Custody, n+1)
			e := p.Custody[n]
			assert.Equal(t, tt.action, e.Action)
			assert.Equal(t, "Paul Durand", e.Actor)
			assert.Contains(t, e.Detail, tt.access.Reason)
			assert.NoError(t, p.Custody.Verify())
		})
	}
}

func TestRefusalLogged(t *testing.T) {
	assert.False(t, pli.RefusalLogged(nil))
	assert.False(t, pli.RefusalLogged(pli.ErrOutOfOrder))
	assert.False(t, pli.RefusalLogged(errors.New("disk full")))
	assert.True(t, pli.RefusalLogged(pli.ErrSealed.Withf("facts")))
}

func TestClone(t *testing.T) {
	p := pliAt(t, pli.StatusOpened)
	c := p.Clone()
	require.Equal(t, p, c)

	c.Materials[0].Quantity = 99
	c.Witnesses[0] = "Someone else"
	c.Custody[0].Detail = "edited"
	require.NoError(t, c.RecordAccess(pli.Access{Reason: "archive"}, openedAt.Add(time.Hour), responsable))

	assert.Equal(t, 12, p.Materials[0].Quantity)
	assert.Equal(t, "Jeanne Martin", p.Witnesses[0])
	assert.Equal(t, "pli ordered on 2027-02-01", p.Custody[0].Detail)
	assert.Len(t, p.Custody, 5)
	assert.NoError(t, p.Custody.Verify())
}

func TestCloneOfZeroPli(t *testing.T) {
	assert.Equal(t, pli.Pli{}, pli.Pli{}.Clone())
}

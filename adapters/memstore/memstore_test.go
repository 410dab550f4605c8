package memstore_test

import (
	"testing"

	"github.com/tpsession/tpsession/adapters/memstore"
	"github.com/tpsession/tpsession/adapters/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(*testing.T) storetest.Stores {
		s := memstore.New()
		return storetest.Stores{
			Sessions: s, Events: s, Candidates: s, Registrations: s, Members: s,
			Juries: s, Plis: s, Checklists: s, Plans: s, Agrements: s, Programmes: s, Calendars: s, Exams: s, Retentions: s, Receipts: s, Tx: s,
		}
	})
}

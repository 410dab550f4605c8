package pli_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/pli"
)

// The pli of a session starting on 31 May 2027, from the order to the
// opening.
func Example() {
	p, err := pli.New("centre-lyon", tpsession.NewPliID(), tpsession.NewSessionID())
	if err != nil {
		fmt.Println(err)
		return
	}
	at := func(month time.Month, day, hour int) time.Time {
		return time.Date(2027, month, day, hour, 0, 0, 0, time.UTC)
	}
	actor := "Marie Dupont"

	show := func(err error) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(p.Status())
	}
	show(p.Order(date.New(2027, 2, 1), date.New(2027, 2, 1), at(2, 1, 9), actor))
	show(p.ReceiveAndRead(date.New(2027, 3, 1), date.New(2027, 3, 1), []pli.Material{
		{Name: "Poste informatique", Quantity: 12, Epreuve: "Mise en situation professionnelle"},
		{Name: "Vidéoprojecteur", Quantity: 1},
	}, at(3, 1, 14), actor))
	show(p.Secure("Coffre-fort, bureau 12", actor, at(3, 1, 15), actor))
	show(p.RecordAccess(pli.Access{Reason: "seal check"}, at(5, 28, 16), "Paul Durand"))
	show(p.Open(true, []string{"Jeanne Martin", "Paul Durand"}, at(5, 31, 7), actor))

	for _, e := range p.Custody {
		fmt.Println(e.At.Format(time.RFC3339), e.Action, e.Detail)
	}
	fmt.Println("verified:", p.Custody.Verify() == nil)
	// Output:
	// ordered
	// organisateur_read
	// secured
	// secured
	// opened
	// 2027-02-01T09:00:00Z pli.ordered pli ordered on 2027-02-01
	// 2027-03-01T14:00:00Z pli.received pli received on 2027-03-01
	// 2027-03-01T14:00:00Z pli.organisateur_read DTE organisateur read; materials required: "Poste informatique" ×12 for "Mise en situation professionnelle"; "Vidéoprojecteur" ×1
	// 2027-03-01T15:00:00Z pli.secured DTE jury and candidat secured in "Coffre-fort, bureau 12", custodian "Marie Dupont"
	// 2027-05-28T16:00:00Z pli.accessed DTEs accessed: "seal check"
	// 2027-05-31T07:00:00Z pli.opened DTE jury and candidat opened in front of "Jeanne Martin", "Paul Durand"
	// verified: true
}

// A test vector for other implementations of the custody log's hash chain:
// each entry's canonical JSON, then its hash, which covers the previous
// hash followed by that JSON.
func ExampleLog_Verify() {
	p, _ := pli.New("centre-lyon", tpsession.NewPliID(), tpsession.NewSessionID())
	day := date.New(2027, 2, 1)
	_ = p.Order(day, day, time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC), "Marie Dupont")
	_ = p.ReceiveAndRead(day+28, day+28, []pli.Material{{Name: "Tour à commande numérique", Quantity: 2}},
		time.Date(2027, 3, 1, 14, 30, 0, 250_000_000, time.UTC), "Marie Dupont")
	_ = p.Secure(`Coffre "B", bâtiment É`, "Éric Leroy", time.Date(2027, 3, 1, 15, 0, 0, 0, time.UTC), "Marie Dupont")

	for _, e := range p.Custody {
		fmt.Printf("%s\n%s\n", e.CanonicalJSON(), e.Hash)
	}
	fmt.Println(p.Custody.Verify())

	p.Custody[1].Detail = "pli received on 2027-03-02"
	fmt.Println(p.Custody.Verify())
	// Output:
	// {"action":"pli.ordered","actor":"Marie Dupont","at":"2027-02-01T09:00:00.000Z","detail":"pli ordered on 2027-02-01"}
	// fa74d98771672443fd157d20d94c2a21ed86ee116865da959d2a6ff2cf4fbbde
	// {"action":"pli.received","actor":"Marie Dupont","at":"2027-03-01T14:30:00.250Z","detail":"pli received on 2027-03-01"}
	// 2004395d1810a1bde96deff5068d5a6e0e4c73d839ac6832e949f708c3248e25
	// {"action":"pli.organisateur_read","actor":"Marie Dupont","at":"2027-03-01T14:30:00.250Z","detail":"DTE organisateur read; materials required: \"Tour à commande numérique\" ×2"}
	// 22a31c6a466a72af42dbb64787cdc1942e6b2a0473c2771d3890ddc4f5a4688f
	// {"action":"pli.secured","actor":"Marie Dupont","at":"2027-03-01T15:00:00.000Z","detail":"DTE jury and candidat secured in \"Coffre \\\"B\\\", bâtiment É\", custodian \"Éric Leroy\""}
	// 2100adc955f57551986b703e5e0539f9033b6633a8f168e78390d0763c312512
	// <nil>
	// pli.custody_broken: custody entry 1 (pli.received at 2027-03-01T14:30:00.250Z) does not match its hash: the log was changed at or before that entry
}

// Opening the pli before the session is opened is refused, and the refused
// attempt is kept: the caller saves the pli, then returns the error. With a
// Store, the update closure keeps the error aside and returns nil so that the
// save goes through.
func ExamplePli_Open() {
	p, _ := pli.New("centre-lyon", tpsession.NewPliID(), tpsession.NewSessionID())
	day := date.New(2027, 3, 1)
	at := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	_ = p.Order(day-28, day, at, "Marie Dupont")
	_ = p.ReceiveAndRead(day, day, []pli.Material{{Name: "Poste informatique", Quantity: 12}}, at, "Marie Dupont")
	_ = p.Secure("Coffre-fort", "Marie Dupont", at, "Marie Dupont")

	// update stands for Store.UpdatePli: fn's error aborts the save.
	saved := p.Clone()
	update := func(fn func(*pli.Pli) error) error {
		c := saved.Clone()
		if err := fn(&c); err != nil {
			return err
		}
		saved = c
		return nil
	}
	open := func(sessionOpened bool, at time.Time) error {
		var refused error
		err := update(func(p *pli.Pli) error {
			err := p.Open(sessionOpened, []string{"Jeanne Martin", "Paul Durand"}, at, "Paul Durand")
			if pli.RefusalLogged(err) {
				refused = err
				return nil
			}
			return err
		})
		if err != nil {
			return err
		}
		return refused
	}

	err := open(false, time.Date(2027, 5, 30, 18, 0, 0, 0, time.UTC))
	fmt.Println(errors.Is(err, pli.ErrSessionNotOpened), tpsession.KindOf(err))
	fmt.Println(saved.Status(), saved.Custody[len(saved.Custody)-1].Action)

	err = open(true, time.Date(2027, 5, 31, 7, 0, 0, 0, time.UTC))
	fmt.Println(err, saved.Status())
	// Output:
	// true rule
	// secured pli.open_refused
	// <nil> opened
}

func ExampleAdvise() {
	start := date.New(2027, 5, 31)
	fmt.Println("order by", pli.OrderBy(start), "- alert from", pli.ReceiptAlertOn(start))

	p, _ := pli.New("centre-lyon", tpsession.NewPliID(), tpsession.NewSessionID())
	today := date.New(2027, 3, 3)
	_ = p.Order(today, today, time.Date(2027, 3, 3, 9, 0, 0, 0, time.UTC), "Marie Dupont")
	for _, w := range pli.Advise(start, today, p) {
		fmt.Println(w.Code, w.Due)
		fmt.Println(w.Message)
	}
	// Output:
	// order by 2027-02-28 - alert from 2027-05-17
	// pli.ordered_late 2027-02-28
	// the pli was ordered on 2027-03-03, later than the recommended 2027-02-28, 3 months before the session starting on 2027-05-31
}

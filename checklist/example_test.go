package checklist_test

import (
	"errors"
	"fmt"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/checklist"
)

func ExampleNew() {
	c, err := checklist.New("centre-lyon", "ses_01J0000000000000000000000A")
	if err != nil {
		fmt.Println(err)
		return
	}
	today := date.New(2027, 2, 26)
	_, err = c.SetItem(checklist.ItemRulesDisplayed, checklist.ItemUpdate{Status: checklist.StatusOK}, "Marie Curie", today)
	fmt.Println(err)
	_, err = c.SetItem(checklist.ItemComputersSecured, checklist.ItemUpdate{Status: checklist.StatusNotApplicable, Note: "no computer in this title's épreuves"}, "Marie Curie", today)
	fmt.Println(err)
	_, err = c.SetItem(checklist.ItemScheduleDisplayed, checklist.ItemUpdate{Status: checklist.StatusNotApplicable}, "Marie Curie", today)
	fmt.Println(tpsession.KindOf(err), tpsession.CodeOf(err))

	for _, it := range c.Items {
		fmt.Println(it.Key, it.Status, it.CheckedOn)
	}
	// Output:
	// <nil>
	// <nil>
	// rule checklist.item_always_applicable
	// equipment_operational pending 0001-01-01
	// interview_rooms_confidential pending 0001-01-01
	// rules_displayed ok 2027-02-26
	// schedule_displayed pending 0001-01-01
	// responsable_designated pending 0001-01-01
	// computers_secured not_applicable 2027-02-26
}

func ExampleChecklist_SetEquipment() {
	c, _ := checklist.New("centre-lyon", "ses_01J0000000000000000000000A")
	today := date.New(2027, 2, 26)

	e, err := c.SetEquipment("Poste  informatique", checklist.EquipmentUpdate{
		Available:        12,
		OperationalFrom:  date.New(2027, 3, 1),
		OperationalUntil: date.New(2027, 3, 3),
	}, "Marie Curie", today)
	fmt.Println(e.Name, e.Available, e.Operational, err)

	_, err = c.SetEquipment("Chariot élévateur", checklist.EquipmentUpdate{Available: -1}, "Marie Curie", today)
	var ce *tpsession.Error
	if errors.As(err, &ce) {
		for _, f := range ce.Fields {
			fmt.Println(f)
		}
	}
	// Output:
	// Poste informatique 12 2027-03-01/2027-03-03 <nil>
	// available: must be at least 0
	// operational_from: is required
	// operational_until: is required
}

// A three-day session whose computers are only operational until day 2 is
// not ready; once the centre records them operational until day 3, it is.
// The DTE's "Poste informatique" and the centre's "poste  informatique" are
// the same material under MaterialKey.
func ExampleEvaluate() {
	c, _ := checklist.New("centre-lyon", "ses_01J0000000000000000000000A")
	today := date.New(2027, 2, 26)
	for _, it := range c.Items {
		_, _ = c.SetItem(it.Key, checklist.ItemUpdate{Status: checklist.StatusOK}, "Marie Curie", today)
	}
	machines := checklist.EquipmentUpdate{Available: 12, OperationalFrom: date.New(2027, 3, 1), OperationalUntil: date.New(2027, 3, 2)}
	_, _ = c.SetEquipment("poste  informatique", machines, "Marie Curie", today)

	facts := func() checklist.Facts {
		return checklist.Facts{
			Period:        tpsession.DateRange{From: date.New(2027, 3, 1), Until: date.New(2027, 3, 3)},
			Kind:          tpsession.KindTitre,
			Responsable:   "Marie Curie",
			Items:         c.Items,
			Equipment:     c.Equipment,
			Materials:     []checklist.Material{{Name: "Poste informatique", Quantity: 12}},
			UsesComputers: true,
			Jury:          checklist.JuryFacts{Accepted: 2, Needed: 2, Assigned: true},
			Registrations: []checklist.Registration{
				{Candidate: "can_01J0000000000000000000000A", Name: "Jeanne Dupont", Convocation: checklist.ConvocationDelivered, InPanel: true},
				{Candidate: "can_01J0000000000000000000000B", Name: "Paul Martin", Convocation: checklist.ConvocationSent, InPanel: true},
			},
			Pli:      checklist.PliFacts{Received: true, OrganisateurRead: true, Secured: true},
			PlanMade: true,
		}
	}

	r := checklist.Evaluate(facts())
	fmt.Println("ready:", r.Ready())
	for _, f := range r.Findings {
		fmt.Printf("%s %s: %s\n", f.Severity, f.Item, f.Message)
	}

	machines.OperationalUntil = date.New(2027, 3, 3)
	_, _ = c.SetEquipment("poste informatique", machines, "Marie Curie", today)
	r = checklist.Evaluate(facts())
	fmt.Println("ready:", r.Ready(), len(r.Findings))
	// Output:
	// ready: false
	// blocking equipment_operational: "Poste informatique" is operational from 2027-03-01 until 2027-03-02, and the session runs from 2027-03-01 until 2027-03-03: it is not operational on 2027-03-03. Make it operational on every working day of the session, then record its dates.
	// warning convocations: Convocation sent by registered mail without a proof of delivery for 1 candidate: Paul Martin. Record the delivery date when the receipt comes back.
	// ready: true 1
}

func ExampleReadiness_Err() {
	r := checklist.Evaluate(checklist.Facts{
		Period:   tpsession.DateRange{From: date.New(2027, 3, 1), Until: date.New(2027, 3, 1)},
		PlanMade: true,
	})
	err := r.Err()
	fmt.Println(errors.Is(err, checklist.ErrNotReady), tpsession.KindOf(err))

	var notReady *checklist.NotReadyError
	if errors.As(err, &notReady) {
		for _, f := range notReady.Findings {
			fmt.Println(f.Item, f.Code)
		}
	}
	// Output:
	// true rule
	// jury checklist.jury_too_small
	// pli checklist.pli_not_received
	// equipment_operational checklist.item_pending
	// interview_rooms_confidential checklist.item_pending
	// rules_displayed checklist.item_pending
	// schedule_displayed checklist.item_pending
	// responsable_designated checklist.item_pending
	// responsable_designated checklist.responsable_missing
}

func ExampleMaterialKey() {
	fmt.Printf("%q\n", checklist.MaterialKey("  Poste   INFORMATIQUE\u00a0"))
	fmt.Println(checklist.MaterialKey("Écran") == checklist.MaterialKey("écran"))
	fmt.Println(checklist.MaterialKey("Écran") == checklist.MaterialKey("Ecran"))
	// Output:
	// "poste informatique"
	// true
	// false
}

package plan_test

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/plan"
)

// The population the planner is measured on: seeded planning inputs shaped
// on real déroulés, in two families built differently, so that a planner
// tuned on one family shows on the other whether it generalises.
//
//   - familyReferentiel draws a title among fourteen déroulés shaped on the
//     titles' référentiels d'évaluation (épreuve kinds, durations, jury
//     presence, the order the référentiel fixes), then its plateau
//     technique, hidden times, calendar, size and limits.
//   - familyComposed composes a déroulé from generic parts (collective
//     written parts, practical tests on stations with a jury part, observed
//     sittings, preparation then oral, interviews), with other durations,
//     other resource names, two-unit and two-resource needs, and random
//     constraints between the parts.
//
// Both draw 1 to 150 candidates, 1 to 3 blocks a day over 6 to 8 hours,
// hidden-time profiles from none to heavy, tight and loose day and jury
// limits, both objectives; a share of the inputs is infeasible by
// construction (a limit below a bound any plan obeys, or a no_wait that
// leaves no room for the accueil). Seeds below heldOutSeeds are the
// development range; the report evaluates the held-out range apart.

type family uint8

const (
	familyReferentiel family = iota + 1
	familyComposed
)

func (f family) String() string {
	if f == familyComposed {
		return "composed"
	}
	return "referentiel"
}

// heldOutSeeds starts the seeds kept for the final evaluation.
const heldOutSeeds = 1_000_000

// genCase is one generated input.
type genCase struct {
	id     string // family/title/seed, to name a failing input
	family family
	title  string
	seed   uint64
	in     plan.Input
	// infeasible says why no plan exists, when the input was built so.
	infeasible string
}

// generate draws the input of seed in family f; the same seed gives the
// same input.
func generate(f family, seed uint64) genCase { return generateSized(f, seed, 0) }

// generateSized is generate with candidates candidates when it is not 0:
// the limits are drawn for that size.
func generateSized(f family, seed uint64, candidates int) genCase {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15^uint64(f)))
	for try := 0; ; try++ {
		var d deroule
		if f == familyComposed {
			d = composedDeroule(rng)
		} else {
			d = referentielTitles[rng.IntN(len(referentielTitles))](rng)
		}
		c := genCase{family: f, title: d.short, seed: seed}
		var ok bool
		c.in, c.infeasible, ok = d.input(rng, candidates)
		if !ok {
			continue // the naive schedule finds no plan however loose the limits: redraw
		}
		if err := c.in.Validate(); err != nil {
			if try > 200 {
				panic(fmt.Sprintf("generator: %s seed %d: %v", f, seed, err))
			}
			continue
		}
		c.id = fmt.Sprintf("%s/%s/%d", f, d.short, seed)
		return c
	}
}

// deroule is a déroulé-type and its plateau technique, before the session's
// own numbers are drawn.
type deroule struct {
	short, name string
	code        tpsession.TitleCode
	eps         []plan.Epreuve
	cons        []plan.Constraint
	// capacity and reset give, per resource type, the range drawn from.
	capacity map[string][2]int
	reset    map[string][2]int
}

func between(rng *rand.Rand, lo, hi int) int { return lo + rng.IntN(hi-lo+1) }

func pickOne[T any](rng *rand.Rand, xs ...T) T { return xs[rng.IntN(len(xs))] }

// step rounds x down to a multiple of s, at least s.
func step(x, s int) int { return max(s, x/s*s) }

func need(types ...string) []plan.ResourceNeed {
	var out []plan.ResourceNeed
	for _, t := range types {
		out = append(out, plan.ResourceNeed{Type: t, Units: 1})
	}
	return out
}

func epr(id, label string, minutes int, jury plan.Presence, resources ...string) plan.Epreuve {
	return plan.Epreuve{ID: id, Label: label, DurationMin: minutes, Jury: jury, Resources: need(resources...)}
}

func precedes(before, after string) plan.Constraint {
	return plan.Constraint{Type: plan.Precedes, Before: before, After: after}
}

func noWait(before, after string, gap int) plan.Constraint {
	return plan.Constraint{Type: plan.NoWait, Before: before, After: after, MaxGapMin: &gap}
}

func last(id string) plan.Constraint { return plan.Constraint{Type: plan.Last, Epreuve: id} }

func sameStation(ids ...string) plan.Constraint {
	return plan.Constraint{Type: plan.SameStation, Epreuves: ids}
}

// referentielTitles are déroulés shaped on the titles' référentiels
// d'évaluation. The durations and the jury's presence are the
// référentiel's where it was read (the source is named); the rooms, the
// stations, their resets and the order of épreuves the référentiel leaves
// free are assumptions, drawn.
var referentielTitles = []func(*rand.Rand) deroule{
	// Concepteur développeur d'applications, RE 2023: questionnaire 30 min
	// collective and corrected by the jury before the presentation,
	// presentation 40, technical interview 45, final interview 20.
	func(rng *rand.Rand) deroule {
		return deroule{short: "CDA", name: "Concepteur développeur d'applications", code: "TP-01281",
			eps: []plan.Epreuve{
				corrected(epr("QP", "Questionnaire professionnel", 30, plan.NoJury, "salle_qp")),
				epr("PROJ", "Présentation d'un projet", 40, plan.Exclusive, "salle_entretien"),
				epr("ET", "Entretien technique", 45, plan.Exclusive, "salle_entretien"),
				epr("EF", "Entretien final", 20, plan.Exclusive, "salle_entretien"),
			},
			cons:     []plan.Constraint{precedes("QP", "PROJ"), noWait("PROJ", "ET", pickOne(rng, 0, 0, 5)), precedes("ET", "EF"), last("EF")},
			capacity: map[string][2]int{"salle_qp": {6, 16}, "salle_entretien": {1, 4}},
		}
	},
	// Développeur web et web mobile, secondary sources: questionnaire 30,
	// presentation 35, technical interview 40, final interview 15.
	func(rng *rand.Rand) deroule {
		gap := pickOne(rng, 0, 5, 10)
		return deroule{short: "DWWM", name: "Développeur web et web mobile",
			eps: []plan.Epreuve{
				corrected(epr("QP", "Questionnaire professionnel", 30, plan.NoJury, "salle_qp")),
				epr("PROJ", "Présentation d'un projet", 35, plan.Exclusive, "salle_entretien"),
				epr("ET", "Entretien technique", 40, plan.Exclusive, "salle_entretien"),
				epr("EF", "Entretien final", 15, plan.Exclusive, "salle_entretien"),
			},
			cons:     []plan.Constraint{precedes("QP", "PROJ"), noWait("PROJ", "ET", gap), noWait("ET", "EF", gap), last("EF")},
			capacity: map[string][2]int{"salle_qp": {6, 16}, "salle_entretien": {1, 4}},
		}
	},
	// An administrative title's référentiel of 2025 as summarised publicly:
	// a written situation of 1 h 45 (collective, no jury), an oral
	// situation of 40 min (10 of preparation, then 30 with the jury, who
	// play the visitor and the callers), then 35 min of technical
	// interview, questioning on productions and final interview (the split
	// of the 35 minutes is assumed).
	func(rng *rand.Rand) deroule {
		return deroule{short: "ADM", name: "Assistant administratif (accueil et gestion)",
			eps: []plan.Epreuve{
				epr("MSE", "Mise en situation écrite", 105, plan.NoJury, "poste_bureautique"),
				epr("PREP", "Préparation de la mise en situation orale", 10, plan.NoJury, "salle_prep"),
				epr("MSO", "Mise en situation orale (accueil, appels)", 30, plan.Exclusive, "salle_accueil"),
				epr("ET", "Entretien technique", 10, plan.Exclusive, "salle_accueil"),
				epr("QPP", "Questionnement à partir de productions", 10, plan.Exclusive, "salle_accueil"),
				epr("EF", "Entretien final", 15, plan.Exclusive, "salle_accueil"),
			},
			cons: []plan.Constraint{precedes("MSE", "PREP"), noWait("PREP", "MSO", 10), noWait("MSO", "ET", 5),
				noWait("ET", "QPP", 0), noWait("QPP", "EF", 0), last("EF")},
			capacity: map[string][2]int{"poste_bureautique": {4, 16}, "salle_prep": {1, 3}, "salle_accueil": {1, 3}},
		}
	},
	// Formateur professionnel d'adultes, RE V07 of 21/12/2022: 45 min of
	// preparation without the jury, 10 min of presentation before it, a
	// technical interview of 20, questioning on productions of about
	// 1 h 35, a final interview of 20; about 3 h with the jury.
	func(rng *rand.Rand) deroule {
		return deroule{short: "FPA", name: "Formateur professionnel d'adultes",
			eps: []plan.Epreuve{
				epr("PREP", "Préparation de la mise en situation", 45, plan.NoJury, "salle_prep"),
				epr("MSP", "Présentation de l'analyse de pratique", 10, plan.Exclusive, "salle_jury"),
				epr("ET", "Entretien technique", 20, plan.Exclusive, "salle_jury"),
				epr("QPP", "Questionnement à partir de productions", pickOne(rng, 95, 105), plan.Exclusive, "salle_jury"),
				epr("EF", "Entretien final", 20, plan.Exclusive, "salle_jury"),
			},
			cons: []plan.Constraint{noWait("PREP", "MSP", 10), noWait("MSP", "ET", 0), precedes("ET", "QPP"),
				precedes("QPP", "EF"), last("EF")},
			capacity: map[string][2]int{"salle_prep": {1, 4}, "salle_jury": {1, 3}},
		}
	},
	// Technicien supérieur systèmes et réseaux, a candidate's account of
	// the session: on day 1 a practical test of 1 h 30 on a workstation
	// and a written questionnaire, without the jury; on a later day 15 min
	// of reading the subject, 45 min of practical situation watched by the
	// jury on the infrastructure, 45 min of oral questions, a final
	// interview of 20.
	func(rng *rand.Rand) deroule {
		return deroule{short: "TSSR", name: "Technicien supérieur systèmes et réseaux",
			eps: []plan.Epreuve{
				epr("MANIP", "Manipulations sur machines virtuelles", 90, plan.NoJury, "poste_tssr"),
				corrected(epr("QE", "Questions écrites", 60, plan.NoJury, "salle_qp")),
				epr("PREP", "Prise de connaissance du sujet", 15, plan.NoJury, "salle_prep"),
				epr("MSP", "Mise en situation sur l'infrastructure", 45, plan.Exclusive, "maquette"),
				epr("ORAL", "Oral de connaissances", 45, plan.Exclusive, "salle_entretien"),
				epr("EF", "Entretien final", 20, plan.Exclusive, "salle_entretien"),
			},
			cons: []plan.Constraint{precedes("MANIP", "QE"), {Type: plan.Precedes, Before: "QE", After: "PREP", NextDay: true},
				noWait("PREP", "MSP", 10), precedes("MSP", "ORAL"), last("EF")},
			capacity: map[string][2]int{"poste_tssr": {6, 14}, "salle_qp": {6, 16}, "salle_prep": {1, 3}, "maquette": {1, 3}, "salle_entretien": {1, 3}},
			reset:    map[string][2]int{"maquette": {10, 20}},
		}
	},
	// Technicien d'assistance en informatique, secondary sources: a
	// practical test of 3 h without the jury, then 1 h with it on the same
	// workstation (a member plays the user), a technical interview of 30,
	// a final interview of 15.
	func(rng *rand.Rand) deroule {
		return deroule{short: "TAI", name: "Technicien d'assistance en informatique",
			eps: []plan.Epreuve{
				epr("MSP1", "Mise en situation sans jury", 180, plan.NoJury, "poste_tai"),
				epr("MSP2", "Mise en situation avec le jury", 60, plan.Exclusive, "poste_tai"),
				epr("ET", "Entretien technique", 30, plan.Exclusive, "salle_entretien"),
				epr("EF", "Entretien final", 15, plan.Exclusive, "salle_entretien"),
			},
			cons:     []plan.Constraint{precedes("MSP1", "MSP2"), sameStation("MSP1", "MSP2"), precedes("MSP2", "ET"), last("EF")},
			capacity: map[string][2]int{"poste_tai": {2, 8}, "salle_entretien": {1, 3}},
			reset:    map[string][2]int{"poste_tai": {10, 30}},
		}
	},
	// Électricien d'équipement du bâtiment, secondary sources: an
	// installation of 15 h on a cabin, its commissioning of 30 min before
	// the jury on the same cabin, a questionnaire, a final interview.
	func(rng *rand.Rand) deroule {
		job := epr("MSP1", "Réalisation d'une installation", 900, plan.NoJury, "cabine_elec")
		job.Splittable = true
		return deroule{short: "EEB", name: "Électricien d'équipement du bâtiment", code: "TP-00467",
			eps: []plan.Epreuve{
				job,
				epr("MSP2", "Mise en service devant le jury", 30, plan.Exclusive, "cabine_elec"),
				corrected(epr("QP", "Questionnaire professionnel", 30, plan.NoJury, "salle_qp")),
				epr("EF", "Entretien final", 20, plan.Exclusive, "salle_entretien"),
			},
			cons:     []plan.Constraint{precedes("MSP1", "MSP2"), sameStation("MSP1", "MSP2"), last("EF")},
			capacity: map[string][2]int{"cabine_elec": {2, 10}, "salle_qp": {6, 16}, "salle_entretien": {1, 3}},
			reset:    map[string][2]int{"cabine_elec": {30, 90}},
		}
	},
	// Monteur audiovisuel, a real session's convocation: an editing test
	// of 4 h watched by the jury, then technical interview 40,
	// questioning on productions 50 and final interview 30 back to back.
	func(rng *rand.Rand) deroule {
		msp := epr("MSP", "Réalisation d'un montage", 240, plan.Observe, "poste_montage")
		msp.ObserveCapacity = between(rng, 4, 8)
		return deroule{short: "MAV", name: "Monteur audiovisuel",
			eps: []plan.Epreuve{
				msp,
				epr("ET", "Entretien technique", 40, plan.Exclusive, "salle_entretien"),
				epr("QPP", "Questionnement à partir de productions", 50, plan.Exclusive, "salle_entretien"),
				epr("EF", "Entretien final", 30, plan.Exclusive, "salle_entretien"),
			},
			cons:     []plan.Constraint{precedes("MSP", "ET"), noWait("ET", "QPP", 0), noWait("QPP", "EF", 0), last("EF")},
			capacity: map[string][2]int{"poste_montage": {3, 10}, "salle_entretien": {1, 3}},
			reset:    map[string][2]int{"poste_montage": {0, 20}},
		}
	},
	// A kitchen title, shaped on the practical tests of the trade (an
	// assumption): a production of 4 h 30 watched by the jury in a kitchen
	// of a few stations cleaned between candidates, a short debriefing
	// right after, questioning on productions, a final interview.
	func(rng *rand.Rand) deroule {
		prod := epr("PROD", "Production culinaire", pickOne(rng, 240, 270), plan.Observe, "poste_cuisine")
		prod.ObserveCapacity = between(rng, 3, 6)
		return deroule{short: "CUIS", name: "Cuisinier",
			eps: []plan.Epreuve{
				prod,
				epr("DEB", "Compte rendu de production", 15, plan.Exclusive, "salle_entretien"),
				epr("QPP", "Questionnement à partir de productions", 30, plan.Exclusive, "salle_entretien"),
				epr("EF", "Entretien final", 20, plan.Exclusive, "salle_entretien"),
			},
			cons:     []plan.Constraint{{Type: plan.Precedes, Before: "PROD", After: "DEB", MaxGapMin: intp(pickOne(rng, 15, 30, 60))}, precedes("DEB", "QPP"), last("EF")},
			capacity: map[string][2]int{"poste_cuisine": {3, 8}, "salle_entretien": {1, 3}},
			reset:    map[string][2]int{"poste_cuisine": {20, 45}},
		}
	},
	// A masonry title, shaped on the building trades' long practical tests
	// (an assumption): a work of about 3 days on a box running over
	// breaks and nights, its inspection with the jury on the box, a final
	// interview.
	func(rng *rand.Rand) deroule {
		work := epr("OUV", "Réalisation d'un ouvrage", pickOne(rng, 840, 1260), plan.NoJury, "box")
		work.Splittable = true
		return deroule{short: "MAC", name: "Maçon",
			eps: []plan.Epreuve{
				work,
				epr("CTRL", "Contrôle de l'ouvrage avec le jury", pickOne(rng, 20, 30, 45), plan.Exclusive, "box"),
				epr("EF", "Entretien final", 20, plan.Exclusive, "salle_entretien"),
			},
			cons:     []plan.Constraint{precedes("OUV", "CTRL"), sameStation("OUV", "CTRL"), last("EF")},
			capacity: map[string][2]int{"box": {3, 12}, "salle_entretien": {1, 2}},
			reset:    map[string][2]int{"box": {30, 120}},
		}
	},
	// A sales title, shaped on the commerce titles (an assumption): a
	// collective questionnaire, a preparation then a sales situation where
	// a member plays the customer, a technical interview, a final one.
	func(rng *rand.Rand) deroule {
		return deroule{short: "VEN", name: "Conseiller de vente",
			eps: []plan.Epreuve{
				corrected(epr("QP", "Questionnaire professionnel", 45, plan.NoJury, "salle_qp")),
				epr("PREP", "Préparation de l'entretien de vente", pickOne(rng, 20, 30), plan.NoJury, "salle_prep"),
				epr("VENTE", "Simulation d'entretien de vente", 30, plan.Exclusive, "espace_vente"),
				epr("ET", "Entretien technique", 20, plan.Exclusive, "salle_entretien"),
				epr("EF", "Entretien final", 20, plan.Exclusive, "salle_entretien"),
			},
			cons: []plan.Constraint{precedes("QP", "PREP"), noWait("PREP", "VENTE", pickOne(rng, 5, 10)),
				precedes("VENTE", "ET"), last("EF")},
			capacity: map[string][2]int{"salle_qp": {6, 16}, "salle_prep": {1, 3}, "espace_vente": {1, 2}, "salle_entretien": {1, 3}},
		}
	},
	// A care title, shaped on the personal-care titles (an assumption): a
	// situation in the training flat with the jury, reset after each
	// candidate, a technical interview, a collective questionnaire, a final
	// interview.
	func(rng *rand.Rand) deroule {
		return deroule{short: "ADVF", name: "Assistant de vie aux familles",
			eps: []plan.Epreuve{
				epr("MSP", "Mise en situation dans l'appartement pédagogique", pickOne(rng, 60, 75, 90), plan.Exclusive, "appartement"),
				epr("ET", "Entretien technique", 30, plan.Exclusive, "salle_entretien"),
				corrected(epr("QP", "Questionnaire professionnel", 45, plan.NoJury, "salle_qp")),
				epr("EF", "Entretien final", 20, plan.Exclusive, "salle_entretien"),
			},
			cons:     []plan.Constraint{precedes("MSP", "ET"), last("EF")},
			capacity: map[string][2]int{"appartement": {1, 2}, "salle_entretien": {1, 3}, "salle_qp": {6, 16}},
			reset:    map[string][2]int{"appartement": {10, 20}},
		}
	},
	// A driving title, shaped on the transport titles (an assumption): a
	// drive with the jury aboard, manoeuvres on the track, a collective
	// questionnaire, a final interview.
	func(rng *rand.Rand) deroule {
		return deroule{short: "COND", name: "Conducteur du transport routier",
			eps: []plan.Epreuve{
				epr("CONDUITE", "Conduite en circulation", pickOne(rng, 45, 60), plan.Exclusive, "vehicule"),
				epr("MAN", "Manœuvres", 30, plan.Exclusive, "piste"),
				corrected(epr("QP", "Questionnaire professionnel", 60, plan.NoJury, "salle_qp")),
				epr("EF", "Entretien final", 20, plan.Exclusive, "salle_entretien"),
			},
			cons:     []plan.Constraint{last("EF")},
			capacity: map[string][2]int{"vehicule": {1, 3}, "piste": {1, 2}, "salle_qp": {6, 16}, "salle_entretien": {1, 2}},
			reset:    map[string][2]int{"vehicule": {10, 20}},
		}
	},
	// A warehouse title, shaped on the logistics titles (an assumption):
	// order picking with a truck watched by the jury, a technical
	// interview, a final interview.
	func(rng *rand.Rand) deroule {
		msp := epr("MSP", "Préparation de commandes au chariot", pickOne(rng, 90, 120), plan.Observe, "chariot")
		msp.ObserveCapacity = between(rng, 2, 4)
		return deroule{short: "LOG", name: "Préparateur de commandes en entrepôt",
			eps: []plan.Epreuve{
				msp,
				epr("ET", "Entretien technique", 20, plan.Exclusive, "salle_entretien"),
				epr("EF", "Entretien final", 20, plan.Exclusive, "salle_entretien"),
			},
			cons:     []plan.Constraint{precedes("MSP", "ET"), last("EF")},
			capacity: map[string][2]int{"chariot": {2, 6}, "salle_entretien": {1, 3}},
			reset:    map[string][2]int{"chariot": {5, 15}},
		}
	},
}

func corrected(e plan.Epreuve) plan.Epreuve {
	e.CorrectedByJury = true
	return e
}

// composedDeroule composes a déroulé from generic parts, in an order and
// with constraints drawn at random: the second family.
func composedDeroule(rng *rand.Rand) deroule {
	d := deroule{short: "composed", name: "Titre composé", capacity: map[string][2]int{}, reset: map[string][2]int{}}
	n := 0
	id := func(prefix string) string { n++; return fmt.Sprintf("%s%d", prefix, n) }
	minutes := func(lo, hi int) int { return step(between(rng, lo, hi), 5) }
	room := func(name string, lo, hi int) string {
		if _, ok := d.capacity[name]; !ok {
			d.capacity[name] = [2]int{lo, hi}
		}
		return name
	}
	var chain []string // the épreuves in the order the parts were drawn
	parts := between(rng, 2, 7)
	for range parts {
		switch rng.IntN(6) {
		case 0: // a collective written part
			e := epr(id("W"), "Épreuve écrite", minutes(20, 180), plan.NoJury, room("salle_ecrit", 4, 24))
			e.CorrectedByJury = rng.IntN(2) == 0
			d.eps = append(d.eps, e)
			chain = append(chain, e.ID)
		case 1: // a practical test on a station, and its jury part there
			st := room(pickOne(rng, "atelier", "banc", "poste"), 1, 12)
			if rng.IntN(2) == 0 {
				d.reset[st] = [2]int{0, 60}
			}
			e := epr(id("P"), "Travaux pratiques", minutes(45, 300), plan.NoJury, st)
			if rng.IntN(4) == 0 {
				e.Splittable, e.DurationMin = true, minutes(360, 1500)
			}
			if rng.IntN(3) == 0 {
				e.Resources[0].Units = 2
				d.capacity[st] = [2]int{2, 12}
			}
			d.eps = append(d.eps, e)
			chain = append(chain, e.ID)
			if rng.IntN(2) == 0 {
				j := epr(id("J"), "Partie devant le jury", minutes(10, 60), plan.Exclusive)
				j.Resources = slices.Clone(e.Resources)
				d.eps = append(d.eps, j)
				d.cons = append(d.cons, precedes(e.ID, j.ID), sameStation(e.ID, j.ID))
				chain = append(chain, j.ID)
			}
		case 2: // an observed sitting
			e := epr(id("O"), "Épreuve observée", minutes(30, 300), plan.Observe, room(pickOne(rng, "plateau", "atelier"), 1, 12))
			e.ObserveCapacity = between(rng, 1, 10)
			d.eps = append(d.eps, e)
			chain = append(chain, e.ID)
		case 3: // a preparation then an oral
			p := epr(id("PR"), "Préparation", minutes(10, 60), plan.NoJury, room("salle_prep", 1, 4))
			o := epr(id("OR"), "Présentation orale", minutes(10, 60), plan.Exclusive, room("salle_jury", 1, 6))
			if rng.IntN(3) == 0 {
				o.Resources = append(o.Resources, plan.ResourceNeed{Type: room("poste_demo", 1, 4), Units: 1})
			}
			d.eps = append(d.eps, p, o)
			d.cons = append(d.cons, noWait(p.ID, o.ID, pickOne(rng, 0, 5, 10, 15)))
			chain = append(chain, p.ID, o.ID)
		default: // an interview
			e := epr(id("I"), "Entretien", minutes(10, 90), plan.Exclusive)
			if rng.IntN(4) > 0 {
				e.Resources = need(room("salle_jury", 1, 6))
			}
			d.eps = append(d.eps, e)
			chain = append(chain, e.ID)
		}
	}
	if rng.IntN(5) > 0 { // a final interview, last
		e := epr("EF", "Entretien final", minutes(10, 30), plan.Exclusive, room("salle_jury", 1, 6))
		d.eps = append(d.eps, e)
		d.cons = append(d.cons, last(e.ID))
	}
	// Random constraints between consecutive parts that none joins yet.
	joined := map[[2]string]bool{}
	for _, c := range d.cons {
		joined[[2]string{c.Before, c.After}] = true
		joined[[2]string{c.After, c.Before}] = true
	}
	intoNoWait := map[string]bool{}
	fromNoWait := map[string]bool{}
	for _, c := range d.cons {
		if c.Type == plan.NoWait {
			intoNoWait[c.After], fromNoWait[c.Before] = true, true
		}
	}
	for i := 1; i < len(chain); i++ {
		a, b := chain[i-1], chain[i]
		if joined[[2]string{a, b}] {
			continue
		}
		switch rng.IntN(8) {
		case 0, 1:
			d.cons = append(d.cons, precedes(a, b))
		case 2:
			c := precedes(a, b)
			c.MinGapMin = pickOne(rng, 15, 30, 60)
			d.cons = append(d.cons, c)
		case 3:
			c := precedes(a, b)
			c.MaxGapMin = intp(pickOne(rng, 30, 60, 120))
			d.cons = append(d.cons, c)
		case 4:
			if !intoNoWait[b] && !fromNoWait[a] && !split(d.eps, a) {
				d.cons = append(d.cons, noWait(a, b, pickOne(rng, 0, 5, 10, 20)))
				intoNoWait[b], fromNoWait[a] = true, true
			}
		case 5:
			d.cons = append(d.cons, plan.Constraint{Type: plan.Precedes, Before: a, After: b, NextDay: true})
		}
	}
	return d
}

func split(eps []plan.Epreuve, id string) bool {
	for _, e := range eps {
		if e.ID == id {
			return e.Splittable
		}
	}
	return false
}

// input draws the session's own numbers around the déroulé: plateau,
// hidden times, calendar, candidates, limits and objective; and, for a
// share of the inputs, a limit that makes the input infeasible.
func (d deroule) input(rng *rand.Rand, candidates int) (plan.Input, string, bool) {
	if candidates == 0 {
		candidates = drawCandidates(rng)
	}
	in := plan.Input{
		Title:           plan.Title{Code: d.code, Name: d.name},
		Candidates:      candidates,
		Epreuves:        slices.Clone(d.eps),
		Constraints:     slices.Clone(d.cons),
		Capacities:      map[string]int{},
		StationResetMin: map[string]int{},
		Hidden:          drawHidden(rng),
		Jury:            plan.Jury{MembersPerJury: pickOne(rng, 2, 2, 2, 3), MemberDayMin: pickOne(rng, 300, 360, 390, 420, 420, 450, 480)},
		Objective:       pickOne(rng, plan.MinJuries, plan.MinDays),
	}
	for _, t := range sortedTypes(d.capacity) {
		r := d.capacity[t]
		in.Capacities[t] = between(rng, r[0], r[1])
		if rr, ok := d.reset[t]; ok {
			in.StationResetMin[t] = step(between(rng, rr[0], rr[1]), 5)
		}
	}
	in.Calendar = plan.Calendar{
		Start:  date.New(2027, 1, 4) + date.Date(rng.IntN(330)),
		Blocks: drawBlocks(rng, in),
		Region: pickOne(rng, tpsession.Metropole, tpsession.Metropole, tpsession.Metropole, tpsession.AlsaceMoselle, tpsession.Reunion),
	}
	// The opening fits the first block.
	in.Hidden.OpeningMin = min(in.Hidden.OpeningMin, in.Calendar.Blocks[0].Len()/2)
	est := estimate(in)
	// The limits are drawn around what the naive schedule reaches with
	// juries to spare (a plan exists there) and the energy estimate (no
	// plan exists below it): tight ones between the two, loose ones past
	// the naive schedule's.
	tight := rng.IntN(2) == 0
	kRef := min(plan.MaxJuries, max(1, est.juriesIn(est.days)))
	if in.Objective == plan.MinJuries {
		ref := in.Clone()
		ref.Objective, ref.Calendar.MaxDays, ref.Jury.MaxJuries = plan.MinDays, plan.MaxDays, min(plan.MaxJuries, 2*kRef)
		p := naiveSchedule(ref)
		if !p.Feasible {
			return in, "", false
		}
		dRef := len(p.Days)
		if tight {
			in.Calendar.MaxDays = dRef
			if rng.IntN(3) == 0 {
				in.Calendar.MaxDays -= between(rng, 0, max(0, dRef-est.days)/2)
			}
		} else {
			in.Calendar.MaxDays = dRef + between(rng, 1, 2+dRef/2)
		}
		in.Jury.MaxJuries = max(2*kRef, between(rng, 15, 40))
	} else {
		if tight {
			in.Jury.MaxJuries = between(rng, 1, max(1, min(kRef, 4)))
		} else {
			in.Jury.MaxJuries = between(rng, kRef, kRef+10)
		}
		in.Jury.MaxJuries = min(in.Jury.MaxJuries, plan.MaxJuries)
		ref := in.Clone()
		ref.Calendar.MaxDays = plan.MaxDays
		p := naiveSchedule(ref)
		if !p.Feasible {
			return in, "", false
		}
		dRef := len(p.Days)
		in.Calendar.MaxDays = dRef + between(rng, 0, 20)
		if tight {
			in.Calendar.MaxDays = dRef
			if rng.IntN(3) == 0 {
				lo := max(est.days, est.daysWith(in.Jury.MaxJuries))
				in.Calendar.MaxDays -= between(rng, 0, max(0, dRef-lo)/2)
			}
		}
	}
	in.Calendar.MaxDays = min(max(in.Calendar.MaxDays, 1), plan.MaxDays)
	in.Jury.MaxJuries = min(in.Jury.MaxJuries, plan.MaxJuries)

	// About one input in fifteen is infeasible by construction.
	if rng.IntN(15) == 0 {
		if why := makeInfeasible(rng, &in, est); why != "" {
			return in, why, true
		}
	}
	return in, "", true
}

func sortedTypes(m map[string][2]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// drawCandidates draws a session's size: mostly 6 to 40, down to 1 and up
// to 150.
func drawCandidates(rng *rand.Rand) int {
	switch x := rng.IntN(20); {
	case x < 2:
		return between(rng, 1, 5)
	case x < 7:
		return between(rng, 6, 15)
	case x < 13:
		return between(rng, 16, 40)
	case x < 18:
		return between(rng, 41, 100)
	default:
		return between(rng, 101, 150)
	}
}

// drawHidden draws a hidden-time profile: none, light, typical or heavy.
func drawHidden(rng *rand.Rand) *plan.Hidden {
	switch rng.IntN(4) {
	case 0:
		return &plan.Hidden{}
	case 1:
		return &plan.Hidden{OpeningMin: pickOne(rng, 0, 15, 30), AccueilMin: pickOne(rng, 0, 5), DeliberationMin: pickOne(rng, 5, 10)}
	case 2:
		return &plan.Hidden{OpeningMin: 30, JuryBriefingMin: 30, JuryClosureMin: 30, AccueilMin: 5,
			ReadingMin: pickOne(rng, 0, 10, 20), CorrectionMin: 10, DeliberationMin: 10}
	default:
		return &plan.Hidden{OpeningMin: pickOne(rng, 45, 60), JuryBriefingMin: pickOne(rng, 30, 45, 60), JuryClosureMin: pickOne(rng, 30, 45, 60),
			AccueilMin: pickOne(rng, 10, 15), ReadingMin: pickOne(rng, 20, 30), CorrectionMin: pickOne(rng, 15, 20), DeliberationMin: pickOne(rng, 15, 20)}
	}
}

// drawBlocks draws a day of 6 to 8 hours in 1 to 3 blocks, in which the
// longest épreuve that cannot be split fits, with its accueil.
func drawBlocks(rng *rand.Rand, in plan.Input) []plan.Block {
	longest := 0
	for _, e := range in.Epreuves {
		if !e.Splittable {
			lead := 0
			if e.Jury == plan.Exclusive {
				lead = in.Hidden.AccueilMin
			}
			longest = max(longest, e.DurationMin+lead)
		}
	}
	hm := func(m int) tpsession.TimeOfDay { return tpsession.TimeOfDay(m) }
	for range 30 {
		day := step(between(rng, 360, 480), 30)
		start := step(between(rng, 7*60+30, 9*60), 15)
		var lens []int
		switch rng.IntN(5) {
		case 0:
			lens = []int{day}
		case 1, 2, 3:
			m := step(between(rng, day/2-60, day/2+30), 15)
			lens = []int{m, day - m}
		default:
			a := step(between(rng, 90, day/3), 15)
			b := step(between(rng, 60, day-a-90), 15)
			lens = []int{a, b, day - a - b}
		}
		if slices.Max(lens) < longest || slices.Min(lens) < 60 {
			continue
		}
		var blocks []plan.Block
		t := start
		for i, l := range lens {
			if i > 0 {
				gap := pickOne(rng, 45, 60, 60, 90)
				if len(lens) == 3 && i == 1 {
					gap = pickOne(rng, 15, 20)
				}
				t += gap
			}
			blocks = append(blocks, plan.Block{Start: hm(t), End: hm(t + l)})
			t += l
		}
		if t <= 20*60 {
			return blocks
		}
	}
	return []plan.Block{{Start: hm(8 * 60), End: hm(8*60 + max(480, longest))}}
}

// sessionEstimate is a rough, independent estimate of what a session
// needs, to draw tight and loose limits around it; its days and juries
// from the energy of the stations and of the juries are lower bounds that
// no plan beats, which makeInfeasible uses.
type sessionEstimate struct {
	in plan.Input
	// days is the most of the candidate's path and each resource's energy.
	days int
	// juryWork is every candidate's jury minutes and the sittings'.
	juryWork, perJuryDay int
}

func estimate(in plan.Input) sessionEstimate {
	day := 0
	for _, b := range in.Calendar.Blocks {
		day += b.Len()
	}
	days := func(minutes, per int) int { return (minutes + in.Hidden.OpeningMin + per - 1) / per }
	path, exclusive := 0, false
	for _, e := range in.Epreuves {
		path += e.DurationMin
		exclusive = exclusive || e.Jury == plan.Exclusive
	}
	if exclusive {
		path += in.Hidden.AccueilMin
	}
	est := sessionEstimate{in: in, days: days(path, day), perJuryDay: min(day, in.Jury.MemberDayMin)}
	for _, c := range in.Constraints {
		if c.NextDay {
			est.days = max(est.days, 2)
		}
	}
	demand := map[string]int{}
	for _, e := range in.Epreuves {
		for _, r := range e.Resources {
			demand[r.Type] += in.Candidates * r.Units * e.DurationMin
		}
		switch e.Jury {
		case plan.Exclusive:
			est.juryWork += in.Candidates * e.DurationMin
		case plan.Observe:
			per := e.ObserveCapacity
			for _, r := range e.Resources {
				per = min(per, in.Capacities[r.Type]/r.Units)
			}
			est.juryWork += (in.Candidates + per - 1) / per * e.DurationMin
		}
	}
	for t, m := range demand {
		est.days = max(est.days, days(m, day*in.Capacities[t]))
	}
	if exclusive {
		h := in.Hidden
		per := h.AccueilMin + h.ReadingMin + h.DeliberationMin
		for _, e := range in.Epreuves {
			if e.CorrectedByJury {
				per += h.CorrectionMin
			}
		}
		est.juryWork += in.Candidates * per
	}
	return est
}

// juriesIn is the juries the jury work needs in days days, by its energy.
func (e sessionEstimate) juriesIn(days int) int {
	per := days*e.perJuryDay - e.in.Hidden.OpeningMin - e.in.Hidden.JuryBriefingMin - e.in.Hidden.JuryClosureMin
	if e.juryWork == 0 || per <= 0 {
		return 1
	}
	return (e.juryWork + per - 1) / per
}

// daysWith is the days k juries need for the jury work, by its energy.
func (e sessionEstimate) daysWith(k int) int {
	for d := 1; d < plan.MaxDays; d++ {
		if e.juriesIn(d) <= k {
			return d
		}
	}
	return plan.MaxDays
}

// makeInfeasible sets a limit no plan can meet and says which; "" when
// the input offers no such limit.
func makeInfeasible(rng *rand.Rand, in *plan.Input, est sessionEstimate) string {
	switch rng.IntN(3) {
	case 0:
		if est.days > 1 {
			in.Calendar.MaxDays = est.days - 1
			in.Jury.MaxJuries = plan.MaxJuries
			return fmt.Sprintf("max_days %d is below the %d days the path or a resource's energy needs", in.Calendar.MaxDays, est.days)
		}
	case 1:
		if k := est.juriesIn(in.Calendar.MaxDays); est.juryWork > 0 && k > 1 {
			in.Jury.MaxJuries = k - 1
			return fmt.Sprintf("max_juries %d cannot hold %d minutes of jury work in %d days", k-1, est.juryWork, in.Calendar.MaxDays)
		}
	}
	// A no_wait into the first exclusive épreuve shorter than the accueil.
	first := ""
	for _, e := range in.Epreuves {
		if e.Jury == plan.Exclusive {
			first = e.ID
			break
		}
	}
	for i, c := range in.Constraints {
		if c.Type == plan.NoWait && c.After == first && isFirstExclusive(*in, first) {
			in.Hidden.AccueilMin = max(in.Hidden.AccueilMin, 5)
			gap := in.Hidden.AccueilMin - 1
			in.Constraints[i].MaxGapMin = &gap
			return fmt.Sprintf("no_wait %s→%s leaves %d minutes for an accueil of %d", c.Before, c.After, gap, in.Hidden.AccueilMin)
		}
	}
	return ""
}

// isFirstExclusive reports whether every order of the épreuves starts the
// exclusive ones with id: every other exclusive épreuve follows it by a
// chain of constraints.
func isFirstExclusive(in plan.Input, id string) bool {
	after := map[string][]string{}
	for _, c := range in.Constraints {
		switch c.Type {
		case plan.Precedes, plan.NoWait:
			after[c.Before] = append(after[c.Before], c.After)
		case plan.Last:
			for _, e := range in.Epreuves {
				if e.ID != c.Epreuve {
					after[e.ID] = append(after[e.ID], c.Epreuve)
				}
			}
		}
	}
	seen := map[string]bool{id: true}
	stack := []string{id}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, y := range after[x] {
			if !seen[y] {
				seen[y] = true
				stack = append(stack, y)
			}
		}
	}
	for _, e := range in.Epreuves {
		if e.Jury == plan.Exclusive && !seen[e.ID] {
			return false
		}
	}
	return true
}

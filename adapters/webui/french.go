package webui

import (
	"fmt"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
)

// The dashboard's own French words: the names of the statuses, roles and
// codes the library gives as stable identifiers. The library's messages
// (the reasons a rule gives, with its dates) are in English and shown as
// they are, marked lang="en"; the words of the documents are those of
// adapters/documents.

var sessionStatusFR = map[session.Status]string{
	session.StatusPreparation:      "En préparation",
	session.StatusDeclared:         "Déclarée",
	session.StatusPliOrdered:       "Pli commandé",
	session.StatusConvocationsSent: "Convocations envoyées",
	session.StatusReady:            "Prête",
	session.StatusOpened:           "Ouverte",
	session.StatusClosed:           "Close",
	session.StatusValidated:        "Résultats validés",
	session.StatusCancelled:        "Annulée",
}

var deadlineStatusFR = map[session.DeadlineStatus]string{
	session.DeadlineDone:    "Fait",
	session.DeadlinePending: "À venir",
	session.DeadlineDueSoon: "Bientôt dû",
	session.DeadlineOverdue: "En retard",
}

var roleFR = map[session.Role]string{
	session.RoleAdmin:      "équipe du centre",
	session.RoleJury:       "membre de jury",
	session.RoleController: "contrôle (DREETS)",
}

var kindFR = map[tpsession.SessionKind]string{
	tpsession.KindTitre: "Titre",
	tpsession.KindCCP:   "CCP",
	tpsession.KindCCS:   "CCS",
}

var invitationFR = map[jury.InvitationStatus]string{
	jury.Invited:   "Invité, sans réponse",
	jury.Accepted:  "A accepté",
	jury.Declined:  "A décliné",
	jury.Withdrawn: "Invitation retirée",
}

var conflictReasonFR = map[jury.ConflictReason]string{
	jury.ReasonHosted:   "a accueilli le candidat dans son entreprise",
	jury.ReasonTrained:  "a formé ou accompagné le candidat",
	jury.ReasonEmployer: "travaille ou a travaillé dans l'entreprise du candidat",
	jury.ReasonPersonal: "connaît personnellement le candidat",
	jury.ReasonOther:    "autre lien",
}

var convocationFR = map[candidate.ConvocationState]string{
	candidate.ConvocationNone:      "Aucune",
	candidate.ConvocationDrafted:   "Brouillon",
	candidate.ConvocationValidated: "Validée, non envoyée",
	candidate.ConvocationSent:      "Envoyée, accusé attendu",
	candidate.ConvocationDelivered: "Remise",
}

var routeFR = map[candidate.Route]string{
	candidate.RouteFormation:     "Formation",
	candidate.RouteVAE:           "VAE",
	candidate.RouteApprentissage: "Apprentissage",
}

var pliStatusFR = map[pli.Status]string{
	pli.StatusNotOrdered:       "Non commandé",
	pli.StatusOrdered:          "Commandé",
	pli.StatusReceived:         "Reçu",
	pli.StatusOrganisateurRead: "DTE organisateur lu",
	pli.StatusSecured:          "Sous scellés",
	pli.StatusOpened:           "Ouvert",
}

var custodyFR = map[pli.Action]string{
	pli.ActionOrdered:          "Commande",
	pli.ActionReceived:         "Réception",
	pli.ActionOrganisateurRead: "Lecture du DTE organisateur",
	pli.ActionSecured:          "Mise sous scellés",
	pli.ActionAccessed:         "Accès",
	pli.ActionOpenRefused:      "Ouverture refusée",
	pli.ActionOpened:           "Ouverture",
}

var checkStatusFR = map[checklist.Status]string{
	checklist.StatusPending:       "À vérifier",
	checklist.StatusOK:            "Conforme",
	checklist.StatusNotOK:         "Non conforme",
	checklist.StatusNotApplicable: "Sans objet",
}

// itemFR words the standard items of the checklist; a centre's own items
// keep their label.
var itemFR = map[checklist.ItemKey]string{
	checklist.ItemEquipmentOperational:       "Le matériel et les équipements requis sont disponibles et opérationnels chaque jour de la session",
	checklist.ItemInterviewRoomsConfidential: "Les salles d'entretien préservent la confidentialité",
	checklist.ItemRulesDisplayed:             "Le règlement de la session est affiché dans les salles d'examen",
	checklist.ItemScheduleDisplayed:          "Le déroulé de session est affiché dans les salles d'examen",
	checklist.ItemResponsableDesignated:      "Un responsable de session est désigné et présent sur le site pendant toute la session",
	checklist.ItemComputersSecured:           "Les ordinateurs sont configurés pour empêcher la fraude",
}

// findingFR titles each kind of finding; the finding's own message gives
// the names and dates.
var findingFR = map[checklist.FindingCode]string{
	checklist.CodeSessionDates:             "Dates de la session inconnues",
	checklist.CodeNoPlan:                   "Pas de déroulé planifié",
	checklist.CodePlanTooSmall:             "Plus de candidats inscrits que planifiés",
	checklist.CodeJuryTooSmall:             "Jury incomplet",
	checklist.CodeJuryBelowPlan:            "Moins de membres de jury que le plan n'en demande",
	checklist.CodeJuryNotAssigned:          "Candidats non répartis entre les jurys",
	checklist.CodeCandidatesWithoutPanel:   "Candidats sans jury",
	checklist.CodeJuryConflicts:            "Conflit d'intérêts dans un jury",
	checklist.CodeJuryMemberAbsent:         "Membre de jury empêché",
	checklist.CodePliNotReceived:           "Pli non reçu",
	checklist.CodePliOrganisateurNotRead:   "DTE organisateur non lu",
	checklist.CodePliNotSecured:            "Pli non mis sous scellés",
	checklist.CodeNoCandidates:             "Aucun candidat inscrit",
	checklist.CodeConvocationsNotValidated: "Convocations non validées dans CERES",
	checklist.CodeConvocationsNotDelivered: "Convocations ni envoyées ni remises",
	checklist.CodeDeliveryProofMissing:     "Accusé de réception attendu",
	checklist.CodeItemPending:              "Point de contrôle à vérifier",
	checklist.CodeItemNotOK:                "Point de contrôle non conforme",
	checklist.CodeItemNotApplicable:        "Point de contrôle requis marqué sans objet",
	checklist.CodeMaterialMissing:          "Matériel requis non enregistré",
	checklist.CodeMaterialShort:            "Matériel en nombre insuffisant",
	checklist.CodeMaterialNotOperational:   "Matériel non opérationnel tous les jours",
	checklist.CodeResponsableMissing:       "Pas de responsable de session",
}

var deliveryFR = map[candidate.DeliveryMethod]string{
	candidate.DeliveryRegisteredMail: "Lettre recommandée",
	candidate.DeliveryByHand:         "Remise en main propre",
}

// word returns the French word of a code, or the code itself when the
// dashboard has none (a code added by a later version of the library).
func word[K ~string](words map[K]string, k K) string {
	if w, ok := words[k]; ok {
		return w
	}
	return string(k)
}

var monthsShortFR = [...]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}
var weekdaysShortFR = [...]string{time.Sunday: "dim.", time.Monday: "lun.", time.Tuesday: "mar.", time.Wednesday: "mer.",
	time.Thursday: "jeu.", time.Friday: "ven.", time.Saturday: "sam."}

// shortDate writes "lun. 7 juin 2027"; nothing for the zero date.
func shortDate(d date.Date) string {
	if d == date.Zero {
		return ""
	}
	y, m, day := d.Date()
	n := fmt.Sprint(day)
	if day == 1 {
		n = "1er"
	}
	return fmt.Sprintf("%s %s %s %d", weekdaysShortFR[d.Weekday()], n, monthsShortFR[m-1], y)
}

// dayMonth writes "lun. 7 juin", for the chart's day headings.
func dayMonth(d date.Date) string {
	_, m, day := d.Date()
	return fmt.Sprintf("%s %d %s", weekdaysShortFR[d.Weekday()], day, monthsShortFR[m-1])
}

// instant writes an instant in the service's time zone: "07/06/2027 à 14:05".
func instant(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("02/01/2006 à 15:04")
}

// plural writes "0 candidat", "1 candidat", "3 candidats": in French a
// count below two takes the singular.
func plural(n int, one, many string) string {
	if n >= 2 {
		return fmt.Sprintf("%d %s", n, many)
	}
	return fmt.Sprintf("%d %s", n, one)
}

// daysFromNow says how far a due date is from today: "dans 3 jours",
// "aujourd'hui", "il y a 2 jours".
func daysFromNow(due, today date.Date) string {
	switch n := int(due - today); {
	case n == 0:
		return "aujourd'hui"
	case n == 1:
		return "demain"
	case n > 1:
		return fmt.Sprintf("dans %d jours", n)
	case n == -1:
		return "hier"
	default:
		return fmt.Sprintf("il y a %d jours", -n)
	}
}

// upperName writes "Léa DUBOIS", as French administrative lists do.
func upperName(c candidate.Candidate) string {
	return c.FirstName + " " + strings.ToUpper(c.LastName)
}

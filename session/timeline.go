package session

import (
	"slices"
	"strconv"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session/programme"
)

// DeadlineStatus says where a deadline stands on a given day.
type DeadlineStatus string

// The statuses of a deadline.
const (
	DeadlineDone    DeadlineStatus = "done"
	DeadlinePending DeadlineStatus = "pending"
	DeadlineDueSoon DeadlineStatus = "due_soon"
	DeadlineOverdue DeadlineStatus = "overdue"
)

// DueSoonDays is how close a due date is "due soon": within the next week,
// the horizon a centre plans its week on.
const DueSoonDays = 7

// The keys of the timeline's deadlines, in lifecycle order.
const (
	DeadlineProgramme            = "programme"
	DeadlineDeclare              = "declare"
	DeadlineInviteJury           = "invite_jury"
	DeadlineOrderPli             = "order_pli"
	DeadlineReceivePli           = "receive_pli"
	DeadlineValidateConvocations = "validate_convocations"
	DeadlineReadiness            = "readiness"
	DeadlineOpen                 = "open"
)

// Deadline is one step of a session's preparation with its due date.
type Deadline struct {
	Key    string
	Label  string
	Due    date.Date
	Status DeadlineStatus
	// DoneOn is the day the step was done; zero while it is not.
	DoneOn date.Date
	// Advisory marks a recommendation rather than a rule: missing it is a
	// warning, never a refusal.
	Advisory bool
	// Note explains the due date or warns about how the step was done
	// ("ordered on …, later than advised").
	Note string

	// overdueOnDue: the step is late on its due day already, not only
	// after it (the pli's receipt alert).
	overdueOnDue bool
}

// Progress are the facts of a session's preparation the timeline needs, as
// the Service gathers them from the aggregates.
type Progress struct {
	// JuryStaffedOn is the day the last of the members needed accepted;
	// zero while fewer have accepted.
	JuryStaffedOn date.Date
	// MembersNeeded is the number of jury members the plan asks for, or
	// the minimum of a jury when there is no plan.
	MembersNeeded int
	PliOrderedOn  date.Date
	PliReceivedOn date.Date
	// ConvocationsValidatedOn is the day the last active registration's
	// convocation was validated; zero while one is not, or when nobody is
	// registered.
	ConvocationsValidatedOn date.Date
	// Ready tells whether the readiness verdict is "ready" now.
	Ready bool
	// Programme is where the centre's yearly programming of the session's
	// year stands.
	Programme programme.Standing
}

// Timeline returns every deadline of the session's preparation with its
// status on today, in lifecycle order. Due dates are calendar dates, never
// shifted to working days, so that they read as the rules state them:
//
//   - programme: the centre's yearly programming of the session's year is
//     due on 31 January of that year (docs/rules.md#yearly-programming);
//     submitted later, the step is done with a note of the non-compliance;
//   - declare: the session must exist in the Ministry's application before
//     the pli is ordered (docs/rules.md#declaring-the-session), so by the
//     pli's order date;
//   - invite_jury: an employed member asks their employer for leave at
//     least 15 days before the session (Code du travail L.3142-42 ff.,
//     docs/rules.md#employer-notice; more under some collective agreements, see
//     jury.Policy), so the jury is staffed by start − 15 days;
//   - order_pli: advised 3 calendar months before the start, clamped to the
//     month's end (advisory; docs/rules.md#pli-order-lead-time);
//   - receive_pli: a pli not received 14 days before the start must be
//     claimed from the Afpa (an alert; docs/rules.md#pli-receipt-alert): on
//     that day already the step is overdue, as pli.Advise says
//     (pli.ReceiptOverdue);
//   - validate_convocations: the last day a convocation may be validated,
//     31 days before the start by default
//     (docs/rules.md#convocation-lead-time);
//   - readiness: the checks are done by the working day before the start;
//     it is done while the verdict is "ready" (a check that fails again
//     undoes it, although the status stays ready: the furthest milestone);
//   - open: the start date.
//
// The steps a cancelled session never did stay pending, with a note: nothing
// is due any more.
func Timeline(s Session, p Progress, today date.Date, conv candidate.ConvocationPolicy, notice jury.Policy) []Deadline {
	m := s.Milestones()
	orderBy := pli.OrderBy(s.Start)
	lastValidation := conv.LastValidationDay(candidate.Session{Kind: s.Kind, Start: s.Start})
	ds := []Deadline{
		programmeDeadline(p.Programme),
		{Key: DeadlineDeclare, Label: "Déclarer la session dans CERES", Due: orderBy, DoneOn: m.DeclaredOn,
			Note: "the session must exist in CERES before the pli is ordered"},
		{Key: DeadlineInviteJury, Label: "Inviter le jury", Due: s.Start - date.Date(notice.NoticeDays()), DoneOn: p.JuryStaffedOn,
			Note: juryNote(p.MembersNeeded)},
		{Key: DeadlineOrderPli, Label: "Commander le pli d'examen", Due: orderBy, DoneOn: p.PliOrderedOn, Advisory: true,
			Note: "advised 3 months before the start"},
		{Key: DeadlineReceivePli, Label: "Recevoir le pli d'examen", Due: pli.ReceiptAlertOn(s.Start), DoneOn: p.PliReceivedOn, overdueOnDue: true,
			Note: "not received on that day: contact the Afpa's Gestion des épreuves de validation"},
		{Key: DeadlineValidateConvocations, Label: "Valider les convocations dans CERES", Due: lastValidation, DoneOn: p.ConvocationsValidatedOn,
			Note: "last day a convocation may be validated"},
		{Key: DeadlineReadiness, Label: "Vérifier que tout est prêt", Due: s.Calendar().Previous(s.Start), DoneOn: readyOn(m, p, today)},
		{Key: DeadlineOpen, Label: "Ouvrir la session", Due: s.Start, DoneOn: m.OpenedOn},
	}
	at := func(key string) *Deadline {
		return &ds[slices.IndexFunc(ds, func(d Deadline) bool { return d.Key == key })]
	}
	if p.PliOrderedOn > orderBy {
		at(DeadlineOrderPli).Note = "ordered on " + p.PliOrderedOn.String() + ", later than the advised " + orderBy.String()
	}
	if m.ReadyOn != date.Zero && !p.Ready {
		at(DeadlineReadiness).Note = "the checks passed on " + m.ReadyOn.String() + ", but one fails again"
	}
	for i := range ds {
		ds[i].Status = deadlineStatus(ds[i], today)
		if m.CancelledOn != date.Zero && ds[i].Status != DeadlineDone {
			ds[i].Status = DeadlinePending
			ds[i].Note = "the session was cancelled on " + m.CancelledOn.String() + ": nothing is due"
		}
	}
	return ds
}

// readyOn is the day the readiness deadline was met: the ready milestone
// while the verdict is still "ready" (today when the verdict became ready
// through a change that records no milestone), zero otherwise.
func readyOn(m Milestones, p Progress, today date.Date) date.Date {
	switch {
	case !p.Ready:
		return date.Zero
	case m.ReadyOn != date.Zero:
		return m.ReadyOn
	default:
		return today
	}
}

// programmeDeadline is the timeline's step of the yearly programming.
func programmeDeadline(st programme.Standing) Deadline {
	d := Deadline{Key: DeadlineProgramme, Label: "Transmettre la programmation annuelle des sessions", Due: st.Due, DoneOn: st.SubmittedOn,
		Note: "the programmation prévisionnelle of " + strconv.Itoa(st.Year) + " is sent to the DDETS by 31 January"}
	if st.Late() {
		d.Note = "submitted on " + st.SubmittedOn.String() + ", after it was due on " + st.Due.String() + ": a non-compliance"
	}
	return d
}

func juryNote(needed int) string {
	if needed <= 0 {
		return ""
	}
	return "done when " + strconv.Itoa(needed) + " habilitated members have accepted"
}

func deadlineStatus(d Deadline, today date.Date) DeadlineStatus {
	switch {
	case d.DoneOn != date.Zero:
		return DeadlineDone
	case today > d.Due, d.overdueOnDue && today == d.Due:
		return DeadlineOverdue
	case d.Due-today <= DueSoonDays:
		return DeadlineDueSoon
	default:
		return DeadlinePending
	}
}

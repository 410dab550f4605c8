package pli

import (
	"fmt"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// OrderLeadMonths is how many calendar months before the session's start the
// pli should preferably be ordered: "Commandez le pli d'examen de préférence
// 3 mois avant la date de début de la session"
// (docs/rules.md#pli-order-lead-time). It
// is a recommendation: a later order is allowed and only warned about.
const OrderLeadMonths = 3

// ReceiptAlertDays is how many days before the session's start a pli not yet
// received calls for an alert: plis not received 2 weeks before the
// certification date are chased with the Afpa's unité de Gestion des
// Épreuves de Validation (docs/rules.md#pli-receipt-alert).
const ReceiptAlertDays = 14

// OrderBy returns the last day on which ordering the pli follows the
// recommendation: OrderLeadMonths calendar months before start, clamped to
// the end of a shorter month (a session starting on 31 May: 28 February, or
// 29 in a leap year). It is not shifted to a working day.
func OrderBy(start date.Date) date.Date { return tpsession.MonthsBefore(start, OrderLeadMonths) }

// ReceiptAlertOn returns the day from which a pli not yet received is
// alerted about: ReceiptAlertDays calendar days before start. On that day
// already, a pli not received is chased ("si vous n'avez pas reçu vos plis
// d'examen deux semaines avant la date de certification déclarée,
// contactez…", docs/rules.md#pli-receipt-alert): for a session starting on 2027-03-01, the alert is
// due on 2027-02-15 and a pli not received on that day is late.
func ReceiptAlertOn(start date.Date) date.Date { return start - ReceiptAlertDays }

// ReceiptOverdue reports whether, on today, a pli received on receivedOn
// (zero: not received) for a session starting on start calls for the
// alert: not received, and ReceiptAlertOn(start) has come. Advise and the
// session's timeline both read it, so that they never disagree.
func ReceiptOverdue(start, today, receivedOn date.Date) bool {
	return receivedOn == date.Zero && today >= ReceiptAlertOn(start)
}

// WarningCode is the stable code of an advisory.
type WarningCode string

// The advisories on a pli.
const (
	// WarningOrderedLate: the pli was ordered after OrderBy(start).
	WarningOrderedLate WarningCode = "pli.ordered_late"
	// WarningOrderOverdue: the pli is not ordered and OrderBy(start) has
	// passed.
	WarningOrderOverdue WarningCode = "pli.order_overdue"
	// WarningNotReceived: the pli is not received and ReceiptAlertOn(start)
	// has come.
	WarningNotReceived WarningCode = "pli.not_received"
)

// Warning is advice on the session's timeline: nothing is refused, the
// centre is told what to watch.
type Warning struct {
	Code    WarningCode
	Due     date.Date // the recommended date the warning is about
	Message string    // user-safe, with the deciding dates
}

// Advise returns the warnings on p for a session starting on start, seen on
// today, in timeline order (the order before the receipt); none when all is
// on time.
func Advise(start, today date.Date, p Pli) []Warning {
	var ws []Warning
	orderBy := OrderBy(start)
	switch {
	case p.OrderedOn == date.Zero && today > orderBy:
		ws = append(ws, Warning{Code: WarningOrderOverdue, Due: orderBy, Message: fmt.Sprintf(
			"the pli is not ordered yet; it should have been ordered by %s, %d months before the session starting on %s",
			orderBy, OrderLeadMonths, start)})
	case p.OrderedOn != date.Zero && p.OrderedOn > orderBy:
		ws = append(ws, Warning{Code: WarningOrderedLate, Due: orderBy, Message: fmt.Sprintf(
			"the pli was ordered on %s, later than the recommended %s, %d months before the session starting on %s",
			p.OrderedOn, orderBy, OrderLeadMonths, start)})
	}
	if alert := ReceiptAlertOn(start); ReceiptOverdue(start, today, p.ReceivedOn) {
		ws = append(ws, Warning{Code: WarningNotReceived, Due: alert, Message: fmt.Sprintf(
			"the pli is not received although the session starts on %s (alert from %s, %d days before): contact the Afpa's unité de Gestion des Épreuves de Validation",
			start, alert, ReceiptAlertDays)})
	}
	return ws
}

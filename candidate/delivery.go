package candidate

import (
	"fmt"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// DeliveryMethod is how a convocation reaches the candidate: by registered
// mail (courrier recommandé) or by hand (en main propre), and no other way
// (docs/rules.md#convocation-delivery).
type DeliveryMethod string

// The delivery methods.
const (
	DeliveryRegisteredMail DeliveryMethod = "registered_mail"
	DeliveryByHand         DeliveryMethod = "hand"
)

// maxTrackingLen bounds a registered-mail tracking number (La Poste's are
// 13 characters, international ones 13 too).
const maxTrackingLen = 40

// ParseDeliveryMethod parses "registered_mail" or "hand".
func ParseDeliveryMethod(s string) (DeliveryMethod, error) {
	switch m := DeliveryMethod(s); m {
	case DeliveryRegisteredMail, DeliveryByHand:
		return m, nil
	}
	return "", ErrInvalidDelivery.Withf("unknown delivery method %q: a convocation is delivered by registered_mail or by hand", tpsession.Truncate(s, 40))
}

// String returns the method's name.
func (m DeliveryMethod) String() string { return string(m) }

// Delivery is the proof that a convocation was sent and delivered.
//
// By registered mail: SentOn and TrackingNumber when the letter is posted,
// DeliveredOn when the proof of delivery (avis de réception) comes back.
// By hand: DeliveredOn and ReceivedBy, the person who received it; SentOn
// is the day it was handed over unless given.
type Delivery struct {
	Method         DeliveryMethod
	SentOn         date.Date
	TrackingNumber string
	DeliveredOn    date.Date
	ReceivedBy     string
}

// Delivered reports whether the delivery is proven.
func (d Delivery) Delivered() bool { return d.DeliveredOn != date.Zero }

// String describes the delivery in a sentence.
func (d Delivery) String() string {
	switch d.Method {
	case DeliveryRegisteredMail:
		s := fmt.Sprintf("sent by registered mail on %s (tracking number %s)", d.SentOn, d.TrackingNumber)
		if d.Delivered() {
			s += fmt.Sprintf(", delivered on %s", d.DeliveredOn)
		}
		return s
	case DeliveryByHand:
		return fmt.Sprintf("handed to %s on %s", d.ReceivedBy, d.DeliveredOn)
	}
	return "delivered by " + string(d.Method)
}

// DeliveryInput is the outside form of a Delivery: {method, sent_on?,
// tracking_number?, delivered_on?, received_by?}, dates YYYY-MM-DD.
type DeliveryInput struct {
	Method         string
	SentOn         string
	TrackingNumber string
	DeliveredOn    string
	ReceivedBy     string
}

// ParseDelivery parses a delivery, reporting every ill-formed field at once
// in an ErrInvalidDelivery. Which fields a method needs is checked by
// RecordDelivery, which knows what is already recorded.
func ParseDelivery(in DeliveryInput) (Delivery, error) {
	var fe tpsession.FieldErrors
	var m DeliveryMethod
	if in.Method == "" {
		fe.Add("method", "is required")
	} else {
		var err error
		m, err = ParseDeliveryMethod(in.Method)
		fe.AddErr("method", err)
	}
	d := normaliseDelivery(&fe, Delivery{
		Method:         m,
		SentOn:         dateField(&fe, "sent_on", in.SentOn, false),
		TrackingNumber: in.TrackingNumber,
		DeliveredOn:    dateField(&fe, "delivered_on", in.DeliveredOn, false),
		ReceivedBy:     in.ReceivedBy,
	})
	if err := fe.Err(ErrInvalidDelivery); err != nil {
		return Delivery{}, err
	}
	return d, nil
}

// normaliseDelivery returns d with its tracking number upper-cased and
// without spaces and its receiver trimmed, recording their problems.
func normaliseDelivery(fe *tpsession.FieldErrors, d Delivery) Delivery {
	tracking := strings.ToUpper(strings.Join(strings.Fields(d.TrackingNumber), ""))
	switch {
	case tpsession.TextProblem(d.TrackingNumber, 2*maxTrackingLen, false) != "":
		// a tab or a line break is refused, not folded away
		fe.Add("tracking_number", "%s", tpsession.TextProblem(d.TrackingNumber, 2*maxTrackingLen, false))
	case len(tracking) > maxTrackingLen:
		fe.Add("tracking_number", "must have at most %d characters", maxTrackingLen)
	case strings.ContainsFunc(tracking, func(r rune) bool { return (r < 'A' || r > 'Z') && (r < '0' || r > '9') }):
		fe.Add("tracking_number", "must have only letters and digits")
	}
	d.TrackingNumber = tracking
	d.ReceivedBy = fe.Text("received_by", d.ReceivedBy, maxNameLen, false)
	return d
}

// checkDelivery records what d lacks or contradicts for its method, given
// the delivery already recorded (nil when none), and returns d with the
// by-hand sending day defaulted and the facts of a registered-mail
// follow-up taken from prev.
func checkDelivery(fe *tpsession.FieldErrors, d Delivery, prev *Delivery, today date.Date) Delivery {
	fe.PastDate("sent_on", d.SentOn, today, false)
	fe.PastDate("delivered_on", d.DeliveredOn, today, false)
	switch d.Method {
	case "":
		fe.Add("method", "is required")
	case DeliveryRegisteredMail:
		if d.ReceivedBy != "" {
			fe.Add("received_by", "is for a delivery by hand, not by registered mail")
		}
		if prev != nil && prev.Method == DeliveryRegisteredMail {
			// The proof of delivery comes back later: the second call may
			// carry only delivered_on.
			if d.SentOn == date.Zero {
				d.SentOn = prev.SentOn
			}
			if d.TrackingNumber == "" {
				d.TrackingNumber = prev.TrackingNumber
			}
		}
		if d.SentOn == date.Zero {
			fe.Add("sent_on", "is required for a delivery by registered mail")
		}
		if d.TrackingNumber == "" {
			fe.Add("tracking_number", "is required for a delivery by registered mail")
		}
	case DeliveryByHand:
		if d.TrackingNumber != "" {
			fe.Add("tracking_number", "is for a delivery by registered mail, not by hand")
		}
		if d.DeliveredOn == date.Zero {
			fe.Add("delivered_on", "is required for a delivery by hand")
		}
		if d.ReceivedBy == "" {
			fe.Add("received_by", "is required for a delivery by hand")
		}
		if d.SentOn == date.Zero {
			d.SentOn = d.DeliveredOn
		}
	default:
		_, err := ParseDeliveryMethod(string(d.Method))
		fe.AddErr("method", err)
	}
	if d.SentOn != date.Zero && d.DeliveredOn != date.Zero && d.DeliveredOn < d.SentOn {
		fe.Add("delivered_on", "%s is before the convocation was sent on %s", d.DeliveredOn, d.SentOn)
	}
	return d
}

// RecordDelivery records how the convocation was sent and delivered, on or
// before today. Registered mail needs the sending day and the tracking
// number, and takes the delivery day later, in a second call that may carry
// only method and delivered_on; by hand needs the delivery day and who
// received it. It refuses:
//
//   - missing, ill-formed, future or out-of-order facts
//     (ErrInvalidDelivery), a convocation sent before it was validated
//     included;
//   - a withdrawn registration (ErrRegistrationWithdrawn), a convocation
//     not validated yet (ErrConvocationNotValidated);
//   - facts contradicting the delivery already recorded
//     (ErrDeliveryConflict). Recording the same facts again changes
//     nothing.
func (r *Registration) RecordDelivery(d Delivery, today date.Date) error {
	var prev *Delivery
	if r.Convocation != nil {
		prev = r.Convocation.Delivery
	}
	var fe tpsession.FieldErrors
	d = checkDelivery(&fe, normaliseDelivery(&fe, d), prev, today)
	if err := fe.Err(ErrInvalidDelivery); err != nil {
		return err
	}
	if err := r.checkActive(); err != nil {
		return err
	}
	c := r.Convocation
	if c == nil || !c.Validated() {
		return ErrConvocationNotValidated.Withf("the convocation of candidate %s must be validated before it is sent or handed over", r.Candidate)
	}
	if d.SentOn < c.ValidatedOn {
		fe.Add("sent_on", "%s is before the convocation was validated on %s", d.SentOn, c.ValidatedOn)
		return fe.Err(ErrInvalidDelivery)
	}
	if prev == nil {
		c.Delivery = &d
		return nil
	}
	merged, ok := mergeDelivery(*prev, d)
	if !ok {
		return ErrDeliveryConflict.Withf("the convocation of candidate %s is already recorded as %s; the new facts say %s", r.Candidate, prev, d)
	}
	c.Delivery = &merged
	return nil
}

// mergeDelivery returns prev completed by d, or false when d contradicts
// it. Only a registered-mail delivery takes a fact it lacked: its delivery
// day.
func mergeDelivery(prev, d Delivery) (Delivery, bool) {
	if prev.Method != d.Method || prev.SentOn != d.SentOn || prev.TrackingNumber != d.TrackingNumber || prev.ReceivedBy != d.ReceivedBy {
		return prev, false
	}
	switch {
	case d.DeliveredOn == prev.DeliveredOn:
		return prev, true
	case prev.Method == DeliveryRegisteredMail && !prev.Delivered():
		prev.DeliveredOn = d.DeliveredOn
		return prev, true
	case prev.Method == DeliveryRegisteredMail && d.DeliveredOn == date.Zero:
		return prev, true // a repeat that leaves out the delivery day takes nothing away
	}
	return prev, false
}

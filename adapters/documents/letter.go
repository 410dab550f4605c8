package documents

import (
	"fmt"
	"strings"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

// The reminders every convocation gives the candidate (docs/rules.md#convocation-content):
// the responsable de session decides on a late arrival, which does not move
// the end of the épreuves; phones are forbidden unless the référentiel
// d'évaluation allows them; the règlement général des sessions d'examen
// (arrêté du 21 juillet 2016) applies.
var reminders = [...]string{
	"Présentez-vous à l'heure indiquée. En cas de retard, le responsable de session décide de votre admission ; un retard ne prolonge pas les épreuves, dont l'heure de fin reste inchangée.",
	"Les téléphones portables et tout autre appareil de communication sont interdits pendant les épreuves, sauf si le référentiel d'évaluation du titre les autorise pour une épreuve.",
	"Le règlement général des sessions d'examen (arrêté du 21 juillet 2016) s'applique pendant toute la session ; il est affiché dans les locaux d'examen.",
}

// Delivery mentions (docs/rules.md#convocation-delivery): a convocation goes by registered mail or by
// hand, and the letter says which.
const (
	mentionMail = "Lettre recommandée avec accusé de réception n° "
	mentionHand = "Remise en main propre le "
	blank       = "……………………"
)

// ConvocationLetter returns the convocation letter of a registered
// candidate (PDF): the centre's letterhead, the candidate's name and postal
// address, the title and the session, the date, time and place of the
// appointment, the documents and the personal protective equipment (EPI) to
// bring, the reminders the candidate must be given and the delivery mention
// (docs/rules.md#convocation-content). A convocation not validated yet is printed
// as a draft ("PROJET").
//
// Errors: candidate.ErrRegistrationNotFound for a candidate who is not
// registered, session.ErrConvocationNotFound when no convocation is
// drafted, candidate.ErrConvocationIncomplete when it lacks its date, place
// or documents, ErrInvalidDossier.
func ConvocationLetter(d Dossier, id tpsession.CandidateID) (Document, error) {
	b, l, err := d.letter(id)
	if err != nil {
		return Document{}, err
	}
	p := newPDF(b, "Convocation de "+fullName(l.cand))
	b.writeLetter(p, l)
	body, err := p.bytes()
	if err != nil {
		return Document{}, err
	}
	return Document{Name: fileName("pdf", "convocation", l.cand.LastName, l.cand.FirstName), ContentType: ContentTypePDF, Body: body}, nil
}

// ConvocationLetters returns the convocation letters of a session in one
// file for printing (PDF), one letter after another, each starting on a
// new page and numbering its own pages: those of the candidates given, or
// of every registered candidate in registration order when none is given.
// It refuses the whole file when a letter cannot be printed, with the
// errors of ConvocationLetter, so that no candidate is silently left
// without a letter.
func ConvocationLetters(d Dossier, ids ...tpsession.CandidateID) (Document, error) {
	b, err := d.open()
	if err != nil {
		return Document{}, err
	}
	if len(ids) == 0 {
		for _, r := range b.regs {
			ids = append(ids, r.Candidate)
		}
	}
	if len(ids) == 0 {
		return Document{}, candidate.ErrRegistrationNotFound.Withf("no candidate is registered to session %s", b.Session.ID)
	}
	letters := make([]letter, len(ids))
	for i, id := range ids {
		if letters[i], err = b.letter(id); err != nil {
			return Document{}, err
		}
	}
	p := newPDF(b, "Convocations — "+titleFR(b.Session))
	for _, l := range letters {
		b.writeLetter(p, l)
	}
	body, err := p.bytes()
	if err != nil {
		return Document{}, err
	}
	return Document{Name: fileName("pdf", "convocations", string(b.Session.Title), b.Session.Start.String()), ContentType: ContentTypePDF, Body: body}, nil
}

type letter struct {
	reg  candidate.Registration
	cand candidate.Candidate
	conv candidate.Convocation
}

// letter opens the dossier and finds a candidate's printable convocation.
func (d Dossier) letter(id tpsession.CandidateID) (*book, letter, error) {
	b, err := d.open()
	if err != nil {
		return nil, letter{}, err
	}
	l, err := b.letter(id)
	return b, l, err
}

func (b *book) letter(id tpsession.CandidateID) (letter, error) {
	r, c, err := b.registered(id)
	if err != nil {
		return letter{}, err
	}
	if r.Convocation == nil {
		return letter{}, session.ErrConvocationNotFound.Withf("no convocation is drafted for %s", fullName(c))
	}
	conv := *r.Convocation
	if missing := conv.Missing(); len(missing) > 0 {
		return letter{}, candidate.ErrConvocationIncomplete.Withf("the convocation of %s cannot be printed without its %s", fullName(c), strings.Join(missing, ", "))
	}
	return letter{reg: r, cand: c, conv: conv}, nil
}

// writeLetter prints one letter, from a new page.
func (b *book) writeLetter(p *pdfDoc, l letter) {
	c, conv := l.cand, l.conv
	p.section("Convocation de " + fullName(c) + " — " + b.Centre.Name)
	f := p.f

	// Letterhead, top left.
	p.font("B", 13)
	p.cell(95, 6, b.Centre.Name, "", "L", true)
	p.font("", 9)
	for _, line := range b.Centre.Address {
		p.cell(95, 4.5, line, "", "L", true)
	}
	var contact []string
	if b.Centre.Phone != "" {
		contact = append(contact, "Tél. "+b.Centre.Phone)
	}
	if b.Centre.Email != "" {
		contact = append(contact, "Courriel : "+b.Centre.Email)
	}
	if len(contact) > 0 {
		p.cell(95, 4.5, strings.Join(contact, " · "), "", "L", true)
	}
	var ids []string
	if b.Centre.SIRET != "" {
		ids = append(ids, "SIRET "+b.Centre.SIRET.Format())
	}
	if b.Centre.Agrement != "" {
		ids = append(ids, "Agrément n° "+b.Centre.Agrement)
	}
	if len(ids) > 0 {
		p.cell(95, 4.5, strings.Join(ids, " · "), "", "L", true)
	}

	if !conv.Validated() {
		f.SetXY(115, marginTop)
		p.font("B", 11)
		f.SetTextColor(180, 0, 0)
		p.cell(0, 6, "PROJET — convocation non validée", "1", "C", true)
		f.SetTextColor(0, 0, 0)
	}

	// The addressee, where a window envelope shows it (NF Z10-011).
	f.SetXY(110, 48)
	p.font("B", 11)
	p.cell(0, 5.5, fullName(c), "", "L", true)
	p.font("", 11)
	a := c.PostalAddress
	for _, line := range a.Lines {
		f.SetX(110)
		p.cell(0, 5.5, line, "", "L", true)
	}
	if a.Postcode != "" || a.City != "" {
		f.SetX(110)
		p.cell(0, 5.5, strings.TrimSpace(a.Postcode+" "+strings.ToUpper(a.City)), "", "L", true)
	}

	f.SetXY(110, 82)
	p.font("", 10.5)
	p.cell(0, 5, b.placeAndDate(conv), "", "L", true)

	f.SetXY(marginX, 92)
	b.writeMention(p, conv)

	f.Ln(3)
	p.font("B", 10.5)
	p.para(0, 5, "Objet : convocation à la session d'examen du "+titleFR(b.Session))
	f.Ln(4)
	p.font("", 10.5)
	p.cell(0, 5, "Madame, Monsieur,", "", "L", true)
	f.Ln(2)
	p.para(0, 5, fmt.Sprintf("Vous êtes inscrit(e) à la session d'examen du %s organisée par %s %s. Nous vous prions de vous présenter :",
		titleFR(b.Session), b.Centre.Name, periodFR(b.Session.Start, b.Session.End)))
	f.Ln(2)

	// The appointment, framed so that it is read first.
	y := f.GetY()
	f.SetX(marginX + 8)
	p.font("B", 11)
	p.cell(p.width()-16, 6.5, fmt.Sprintf("le %s à %s", dateFR(conv.Appointment.Day), clockFR(conv.Appointment.Time)), "", "L", true)
	f.SetX(marginX + 8)
	p.font("", 10.5)
	p.para(p.width()-16, 5.5, "Lieu : "+conv.Place)
	f.Rect(marginX+4, y-1.5, p.width()-8, f.GetY()-y+3, "D")
	f.Ln(5)

	p.font("B", 10.5)
	p.cell(0, 5.5, "Documents à apporter :", "", "L", true)
	p.font("", 10.5)
	p.bullets(5, conv.Documents)
	f.Ln(1.5)
	p.font("B", 10.5)
	if len(conv.PPE) > 0 {
		p.cell(0, 5.5, "Équipements de protection individuelle (EPI) à apporter :", "", "L", true)
		p.font("", 10.5)
		p.bullets(5, conv.PPE)
	} else {
		p.cell(0, 5.5, "Équipements de protection individuelle (EPI) : aucun n'est demandé pour ces épreuves.", "", "L", true)
	}
	f.Ln(1.5)
	p.font("B", 10.5)
	p.cell(0, 5.5, "Rappels importants :", "", "L", true)
	p.font("", 10.5)
	p.bullets(5, reminders[:])
	f.Ln(3)
	p.para(0, 5, "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.")

	f.Ln(6)
	f.SetX(110)
	p.cell(0, 5, "Le responsable de session,", "", "L", true)
	f.SetX(110)
	p.font("B", 10.5)
	p.cell(0, 5, b.Session.Responsable.Name, "", "L", true)

	if b.receipt(conv) {
		f.Ln(6)
		p.font("", 9.5)
		p.para(0, 5, "Reçue en main propre le "+blank+" par "+blank+"          Signature du candidat :")
	}
}

// placeAndDate writes "Fait à Lyon, le 20 janvier 2027": the day the
// letter left the centre when that is recorded — posted, or handed over —
// so that a copy printed again bears the date of the original, which its
// delivery mention gives too; otherwise the dossier's day, or a blank to
// fill in by hand.
func (b *book) placeAndDate(conv candidate.Convocation) string {
	on := blank
	switch d := conv.Delivery; {
	case d != nil && d.SentOn != 0:
		on = dayFR(d.SentOn)
	case d != nil && d.DeliveredOn != 0:
		on = dayFR(d.DeliveredOn)
	case b.Today != 0:
		on = dayFR(b.Today)
	}
	if b.Centre.City == "" {
		return "Le " + on
	}
	return "Fait à " + b.Centre.City + ", le " + on
}

// writeMention prints how the letter is delivered: the recorded delivery,
// otherwise the planned method with blanks, otherwise both methods with a
// box to tick.
func (b *book) writeMention(p *pdfDoc, conv candidate.Convocation) {
	p.font("B", 10.5)
	if d := conv.Delivery; d != nil {
		switch d.Method {
		case candidate.DeliveryRegisteredMail:
			p.cell(0, 5.5, mentionMail+d.TrackingNumber, "", "L", true)
		case candidate.DeliveryByHand:
			p.cell(0, 5.5, mentionHand+dayFR(d.DeliveredOn)+" à "+d.ReceivedBy, "", "L", true)
		}
		return
	}
	switch b.Delivery {
	case candidate.DeliveryRegisteredMail:
		p.cell(0, 5.5, mentionMail+blank, "", "L", true)
	case candidate.DeliveryByHand:
		p.cell(0, 5.5, mentionHand+blank+" à "+blank, "", "L", true)
	default:
		for _, m := range []string{mentionMail + blank, mentionHand + blank + " à " + blank} {
			x, y := p.f.GetX(), p.f.GetY()
			p.checkbox(x, y, 4, 5.5, 3.5)
			p.f.SetX(x + 6)
			p.cell(0, 5.5, m, "", "L", true)
		}
	}
}

// receipt reports whether the letter carries a receipt to sign: when it may
// be handed over and its delivery is not recorded yet.
func (b *book) receipt(conv candidate.Convocation) bool {
	return conv.Delivery == nil && b.Delivery != candidate.DeliveryRegisteredMail
}

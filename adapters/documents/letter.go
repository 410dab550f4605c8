package documents

import (
	"cmp"
	"errors"
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
// address, the title and the session, every day and time the candidate
// must be present with what comes first and where, the place, the
// documents and the personal protective equipment (EPI) to bring, the
// reminders the candidate must be given, the delivery mention and the
// signatory (docs/rules.md#convocation-content,
// docs/rules.md#convocation-appointments). A convocation not validated yet
// is printed as a draft ("PROJET"); a correction says which convocation it
// replaces.
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
	p := newPDF(b, "Convocation "+deFR(fullName(l.cand)))
	b.writeLetter(p, l)
	return p.document(fileName("pdf", "convocation", l.cand.LastName, l.cand.FirstName))
}

// ConvocationLetters returns the convocation letters of a session in one
// file for printing (PDF), one letter after another, each starting on a
// new page and numbering its own pages: those of the candidates given, or
// of every registered candidate in registration order when none is given.
//
// Given candidates, it refuses the whole file when a letter cannot be
// printed, with the errors of ConvocationLetter. Without, it prints every
// letter it can, and names the registered candidates it leaves out — no
// convocation drafted, or one that lacks what a letter needs — on a cover
// page and in Document.Omitted, so that nobody is silently left without
// a letter; it refuses (candidate.ErrRegistrationNotFound) only a session
// without a registered candidate.
func ConvocationLetters(d Dossier, ids ...tpsession.CandidateID) (Document, error) {
	b, err := d.open()
	if err != nil {
		return Document{}, err
	}
	batch := len(ids) == 0
	if batch {
		for _, r := range b.regs {
			ids = append(ids, r.Candidate)
		}
	}
	if len(ids) == 0 {
		return Document{}, candidate.ErrRegistrationNotFound.Withf("no candidate is registered to session %s", b.Session.ID)
	}
	var letters []letter
	var omitted []Omission
	for _, id := range ids {
		l, err := b.letter(id)
		switch {
		case err == nil:
			letters = append(letters, l)
		case batch && (errors.Is(err, session.ErrConvocationNotFound) || errors.Is(err, candidate.ErrConvocationIncomplete)):
			omitted = append(omitted, b.omission(id, err))
		default:
			return Document{}, err
		}
	}
	p := newPDF(b, "Convocations — "+titleFR(b.Session))
	if len(omitted) > 0 {
		b.writeCover(p, len(letters), omitted)
	}
	for _, l := range letters {
		b.writeLetter(p, l)
	}
	doc, err := p.document(fileName("pdf", "convocations", string(b.Session.Title), b.Session.Start.String()))
	doc.Omitted = omitted
	return doc, err
}

// omission says why a registered candidate has no letter.
func (b *book) omission(id tpsession.CandidateID, err error) Omission {
	c := b.cands[id]
	o := Omission{Candidate: id, Name: fullName(c), Reason: "aucune convocation n'est rédigée"}
	if r, ok := b.registration(id); ok && r.Convocation != nil {
		o.Reason = "la convocation rédigée n'a pas encore " + strings.Join(missingFR(r.Convocation.Missing()), ", ni ")
	}
	return o
}

// missingFR words what a draft lacks.
func missingFR(fields []string) []string {
	words := map[string]string{"appointment": "de date ni d'heure", "place": "de lieu", "documents": "de liste des documents à apporter"}
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = cmp.Or(words[f], f)
	}
	return out
}

// writeCover prints the page that opens a batch of letters with the
// registrations it leaves out.
func (b *book) writeCover(p *pdfDoc, printed int, omitted []Omission) {
	p.section("Convocations — " + b.Session.TitleName + " — liste des candidats sans lettre")
	p.font("B", 15)
	p.para(0, 8, "Convocations à imprimer", "C")
	p.font("", 10.5)
	p.para(0, 5.5, "Session d'examen du "+titleFR(b.Session)+", "+periodFR(b.Session.Start, b.Session.End)+", "+b.Session.Site+".", "C")
	p.f.Ln(6)
	p.font("B", 11)
	inscrits := fmt.Sprintf("%d candidats inscrits", len(omitted))
	if len(omitted) == 1 {
		inscrits = "1 candidat inscrit"
	}
	p.para(0, 6, fmt.Sprintf("%s dans ce fichier ; %s sans lettre :", pluralFR(printed, "lettre"), inscrits))
	p.f.Ln(2)
	cols := []column{{title: "Candidat", width: 80, align: "L"}, {title: "Pourquoi", width: p.width() - 80, align: "L"}}
	p.header(cols, 10)
	for _, o := range omitted {
		p.row(cols, []string{o.Name, "Sans lettre : " + o.Reason + "."}, 9)
	}
	p.f.Ln(4)
	p.font("", 10)
	p.para(0, 5, "Rédigez leur convocation (date et heure, lieu, documents), puis imprimez-la : chaque candidat inscrit doit la recevoir, par courrier recommandé ou en main propre.")
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

// The letter's columns: the letterhead on the left, the addressee where a
// window envelope shows it (NF Z10-011), and the signature on the right.
const (
	headWidth    = 88.0
	addressX     = 110.0
	addressTop   = 45.0
	addressWidth = pageWidth - marginX - addressX
	bodySize     = 10
	// lh is the height of a line of the letter's text; signature the
	// space left to sign.
	lh        = 4.7
	signature = 13.0
)

// writeLetter prints one letter, from a new page.
func (b *book) writeLetter(p *pdfDoc, l letter) {
	c, conv := l.cand, l.conv
	p.section("Convocation " + deFR(fullName(c)) + " — " + b.Centre.Name)
	f := p.f

	// Letterhead, top left.
	p.font("B", 13)
	p.para(headWidth, 6, b.Centre.Name)
	p.font("", 9)
	for _, line := range b.Centre.Address {
		p.para(headWidth, 4.5, line)
	}
	for _, line := range []struct{ label, value string }{
		{"Tél. ", b.Centre.Phone}, {"Courriel : ", b.Centre.Email},
		{"SIRET ", b.Centre.SIRET.Format()}, {"Agrément n° ", b.Centre.Agrement},
	} {
		if line.value != "" {
			p.para(headWidth, 4.5, line.label+line.value)
		}
	}
	below := f.GetY()

	if !conv.Validated() {
		f.SetXY(addressX, marginTop)
		p.font("B", 11)
		f.SetTextColor(180, 0, 0)
		f.CellFormat(addressWidth, 6, p.text("PROJET — convocation non validée"), "1", 1, "C", false, 0, "")
		f.SetTextColor(0, 0, 0)
	}

	// The addressee, where a window envelope shows it.
	f.SetXY(addressX, max(addressTop, below+4))
	p.font("B", 11)
	p.para(addressWidth, 5.5, fullName(c))
	p.font("", 11)
	for _, line := range addressFR(c.PostalAddress) {
		p.para(addressWidth, 5.5, line)
	}

	f.SetXY(addressX, max(f.GetY()+6, 82))
	p.font("", bodySize)
	p.para(addressWidth, lh, b.placeAndDate(conv))

	f.SetXY(marginX, max(f.GetY()+4, 92))
	below = max(below, f.GetY())
	f.SetXY(marginX, below)
	b.writeMention(p, conv)

	f.Ln(2)
	p.font("B", bodySize)
	p.para(0, lh, "Objet : convocation à la session d'examen du "+titleFR(b.Session))
	f.Ln(3)
	p.font("", bodySize)
	p.para(0, lh, "Madame, Monsieur,")
	f.Ln(2)
	if conv.Correction() {
		p.font("B", bodySize)
		p.para(0, lh, "Cette convocation annule et remplace "+replacedFR(conv)+" : les jours et les heures auxquels vous êtes attendu(e) ont changé.")
		p.font("", bodySize)
		f.Ln(2)
	}
	p.para(0, lh, fmt.Sprintf("Vous êtes inscrit(e) à la session d'examen du %s organisée par %s %s. Nous vous prions de vous présenter :",
		titleFR(b.Session), b.Centre.Name, periodFR(b.Session.Start, b.Session.End)))
	f.Ln(2)
	b.writeAppointments(p, conv)
	f.Ln(3)

	b.writeLists(p, conv)
	f.Ln(1.5)
	// The reminders, the closing, the signature and the receipt stay
	// together when they fit on a page: the signatory signs below the
	// letter's text, the candidate on the same sheet.
	p.font("", bodySize)
	tail := lh + 0.5 + p.bulletsHeight(lh, reminders[:]) + 3 + b.closingHeight(p) + b.receiptHeight(p, conv)
	if tail < p.bottom()-marginTop {
		p.keep(tail)
	}
	p.font("B", bodySize)
	p.keep(11)
	p.para(0, lh+0.5, "Rappels importants :")
	p.font("", bodySize)
	p.bullets(lh, reminders[:])
	f.Ln(3)
	b.writeClosing(p)

	if b.receipt(conv) {
		p.keep(b.receiptHeight(p, conv))
		p.font("", 9.5)
		f.Ln(6)
		p.para(0, lh, receiptText)
	}
}

// itemList is a list the letter prints: its heading and its items, or, with no
// items, a sentence saying so.
type itemList struct {
	heading string
	items   []string
	none    string
}

// height is the height the list takes within the width w.
func (l itemList) height(p *pdfDoc, w float64) float64 {
	saved := p.saveFont()
	defer p.restoreFont(saved)
	if len(l.items) == 0 {
		p.font("", bodySize)
		return p.paraHeight(w, lh+0.5, l.none)
	}
	p.font("B", bodySize)
	h := p.paraHeight(w, lh+0.5, l.heading)
	p.font("", bodySize)
	return h + p.bulletsHeightIn(w, lh, l.items)
}

// write prints the list within the width w from the current position.
func (l itemList) write(p *pdfDoc, w float64) {
	if len(l.items) == 0 {
		p.font("", bodySize)
		p.para(w, lh+0.5, l.none)
		return
	}
	p.font("B", bodySize)
	p.keep(11)
	p.para(w, lh+0.5, l.heading)
	p.font("", bodySize)
	p.bulletsIn(w, lh, l.items)
}

// writeLists prints what the candidate brings: the documents, and the
// protective equipment side by side, in the columns of the letterhead and
// of the address, when both lists are short (the letter then keeps to one
// sheet), one below the other otherwise.
func (b *book) writeLists(p *pdfDoc, conv candidate.Convocation) {
	lists := []itemList{
		{heading: "Documents à apporter :", items: conv.Documents},
		{heading: "Équipements de protection individuelle (EPI) à apporter :", items: conv.PPE,
			none: "Équipements de protection individuelle (EPI) : aucun n'est demandé pour ces épreuves."},
	}
	// The columns of the letterhead and of the address.
	cols := [2]struct{ x, w float64 }{{marginX, headWidth}, {addressX, addressWidth}}
	tall := max(lists[0].height(p, cols[0].w), lists[1].height(p, cols[1].w))
	if len(conv.PPE) == 0 || tall > (p.bottom()-marginTop)/3 {
		for i, l := range lists {
			if i > 0 {
				p.f.Ln(1.5)
			}
			l.write(p, p.width())
		}
		return
	}
	p.keep(tall)
	y := p.f.GetY()
	bottom := y
	for i, l := range lists {
		p.f.SetXY(cols[i].x, y)
		l.write(p, cols[i].w)
		bottom = max(bottom, p.f.GetY())
	}
	p.f.SetXY(marginX, bottom)
}

const receiptText = "Reçue en main propre le " + blank + " par " + blank + "          Signature du candidat :"

// receiptHeight is the height of the receipt the letter carries, 0 when
// it carries none.
func (b *book) receiptHeight(p *pdfDoc, conv candidate.Convocation) float64 {
	if !b.receipt(conv) {
		return 0
	}
	saved := p.saveFont()
	defer p.restoreFont(saved)
	p.font("", 9.5)
	return 6 + p.paraHeight(p.width(), lh, receiptText) + 12
}

// writeAppointments prints the days and times the candidate must be
// present, and the place, framed so that they are read first; kept on one
// page.
func (b *book) writeAppointments(p *pdfDoc, conv candidate.Convocation) {
	f := p.f
	inner := p.width() - 16
	type line struct {
		style string
		size  float64
		text  string
		h     float64
	}
	var lines []line
	for _, a := range conv.Appointments {
		lines = append(lines, line{"B", 11, fmt.Sprintf("le %s à %s", dateFR(a.Day), clockFR(a.Time)), 6})
		if what := appointmentFR(a); what != "" {
			lines = append(lines, line{"", 10, what, 5})
		}
	}
	lines = append(lines, line{"", bodySize, "Lieu : " + conv.Place, 5.5})
	height := 0.0
	for _, l := range lines {
		p.font(l.style, l.size)
		height += p.paraHeight(inner, l.h, l.text)
	}
	height += float64(len(conv.Appointments)-1) * 1.5
	p.keep(height + 4)
	y := f.GetY()
	for i, l := range lines {
		if l.style == "B" && i > 0 {
			f.Ln(1.5)
		}
		f.SetX(marginX + 8)
		p.font(l.style, l.size)
		p.para(inner, l.h, l.text)
	}
	f.Rect(marginX+4, y-1.5, p.width()-8, f.GetY()-y+3, "D")
	f.SetX(marginX)
}

// appointmentFR says what the candidate comes for at an appointment:
// "ouverture de la session, puis Questionnaire professionnel — salle QP
// n° 3".
func appointmentFR(a candidate.Appointment) string {
	var parts []string
	if a.Opening {
		parts = append(parts, "ouverture de la session (accueil, vérification des identités)")
	}
	if a.Epreuve != "" {
		if a.Opening {
			parts = append(parts, "puis "+a.Epreuve)
		} else {
			parts = append(parts, a.Epreuve)
		}
	}
	s := strings.Join(parts, ", ")
	if a.Room != "" {
		if s != "" {
			s += " — "
		}
		s += a.Room
	}
	return upperFirst(s)
}

// replacedFR names the convocation a correction replaces: "la convocation
// validée le 20 janvier 2027 (remise en main propre le 22 janvier 2027)".
func replacedFR(conv candidate.Convocation) string {
	last := conv.Replaces[len(conv.Replaces)-1]
	s := "la convocation validée le " + dayFR(last.ValidatedOn)
	switch d := last.Delivery; {
	case d == nil:
	case d.Method == candidate.DeliveryRegisteredMail:
		s += " et envoyée le " + dayFR(d.SentOn)
	case d.Method == candidate.DeliveryByHand:
		s += " et remise le " + dayFR(d.DeliveredOn)
	}
	return s
}

const closing = "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées."

// closingHeight is the height writeClosing takes.
func (b *book) closingHeight(p *pdfDoc) float64 {
	saved := p.saveFont()
	defer p.restoreFont(saved)
	s := b.signatory()
	p.font("", bodySize)
	height := p.paraHeight(p.width(), lh, closing) + 3
	height += p.paraHeight(addressWidth, lh, "Pour "+b.Centre.Name+",") + signature
	height += p.paraHeight(addressWidth, lh, s.Role)
	p.font("B", bodySize)
	return height + p.paraHeight(addressWidth, lh, s.Name)
}

// writeClosing prints the closing formula and the signature block, kept
// on one page: the signatory signs what precedes on the same sheet.
func (b *book) writeClosing(p *pdfDoc) {
	s := b.signatory()
	p.keep(b.closingHeight(p))
	p.font("", bodySize)
	p.para(0, lh, closing)
	p.f.Ln(3)
	p.f.SetX(addressX)
	p.para(addressWidth, lh, "Pour "+b.Centre.Name+",")
	p.f.Ln(signature)
	p.f.SetX(addressX)
	p.font("B", bodySize)
	p.para(addressWidth, lh, s.Name)
	p.font("", bodySize)
	p.f.SetX(addressX)
	p.para(addressWidth, lh, s.Role)
	p.f.SetX(marginX)
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
	p.font("B", bodySize)
	if d := conv.Delivery; d != nil {
		switch d.Method {
		case candidate.DeliveryRegisteredMail:
			p.para(0, lh+0.5, mentionMail+d.TrackingNumber)
		case candidate.DeliveryByHand:
			p.para(0, lh+0.5, mentionHand+dayFR(d.DeliveredOn)+" à "+d.ReceivedBy)
		}
		return
	}
	switch b.Delivery {
	case candidate.DeliveryRegisteredMail:
		p.para(0, lh+0.5, mentionMail+blank)
	case candidate.DeliveryByHand:
		p.para(0, lh+0.5, mentionHand+blank+" à "+blank)
	default:
		for _, m := range []string{mentionMail + blank, mentionHand + blank + " à " + blank} {
			x, y := p.f.GetX(), p.f.GetY()
			p.checkbox(x, y, 4, lh+0.5, 3.5)
			p.f.SetX(x + 6)
			p.para(p.width()-6, lh+0.5, m)
			p.f.SetX(x)
		}
	}
}

// receipt reports whether the letter carries a receipt to sign: when it may
// be handed over and its delivery is not recorded yet.
func (b *book) receipt(conv candidate.Convocation) bool {
	return conv.Delivery == nil && b.Delivery != candidate.DeliveryRegisteredMail
}

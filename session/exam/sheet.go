package exam

import (
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// juryPrefix starts the name of the jury's sheet of a day: "jury-2027-03-01".
const juryPrefix = "jury-"

// JurySheet names the jury's attendance sheet of day.
func JurySheet(day date.Date) string { return juryPrefix + day.String() }

// Signatory is who signs at the foot of an attendance sheet.
type Signatory string

// The signatories of a sheet.
const (
	// SignResponsable: the responsable de session.
	SignResponsable Signatory = "responsable"
	// SignJury: a jury member present that day.
	SignJury Signatory = "jury"
	// SignSurveillant: a surveillant of the sitting.
	SignSurveillant Signatory = "surveillant"
)

// SheetSignature is a signature at the foot of an attendance sheet: who
// signed, as what, and when. The library records the signed state of the
// sheets, not an image of them.
type SheetSignature struct {
	// Sheet is a sitting's key, or JurySheet of a day.
	Sheet  string
	Role   Signatory
	Member tpsession.MemberID // for a jury member
	Name   string
	At     time.Time
	// RecordedBy is who recorded the signature.
	RecordedBy string
}

// SheetSignatureInput is the outside form of a signature: {role,
// member_id, name, signed_at}; member_id for a jury member, name for a
// surveillant.
type SheetSignatureInput struct {
	Role     string
	MemberID string
	Name     string
	SignedAt string
}

// SignSheet records a signature at the foot of the sheet: a sitting's
// sheet, signed by the responsable de session, jury members and the
// sitting's surveillants; or the jury's sheet of a day (JurySheet),
// signed by the responsable. The responsable and jury members sign on a
// day they are recorded present; a sheet is signed on its day, not before
// its sitting starts, and once by each signatory (ErrAlreadyRecorded).
func (r *Record) SignSheet(f Facts, by, sheet string, in SheetSignatureInput) (SheetSignature, error) {
	var fe tpsession.FieldErrors
	sig := SheetSignature{Sheet: sheet, RecordedBy: by, At: instantField(&fe, "signed_at", in.SignedAt, true)}
	pastInstant(&fe, "signed_at", sig.At, f.Now)
	switch Signatory(in.Role) {
	case SignResponsable:
		sig.Role, sig.Name = SignResponsable, f.Session.Responsable
	case SignJury:
		sig.Role = SignJury
		id, err := tpsession.ParseMemberID(in.MemberID)
		fe.AddErr("member_id", err)
		sig.Member = id
	case SignSurveillant:
		sig.Role = SignSurveillant
		sig.Name = fe.Text("name", in.Name, maxNameLen, true)
	case "":
		fe.Add("role", "is required")
	default:
		fe.Add("role", "must be %q, %q or %q, got %q", SignResponsable, SignJury, SignSurveillant, tpsession.Truncate(in.Role, 40))
	}
	if sig.Role != SignJury && in.MemberID != "" {
		fe.Add("member_id", "is only for a jury member")
	}
	if sig.Role != SignSurveillant && in.Name != "" {
		fe.Add("name", "is only for a surveillant")
	}
	if err := fe.Err(ErrInvalidInput); err != nil {
		return SheetSignature{}, err
	}
	day, from, s, err := r.sheet(f, sheet)
	if err != nil {
		return SheetSignature{}, err
	}
	if err := r.checkOpen("the signatures of its sheets"); err != nil {
		return SheetSignature{}, err
	}
	if f.Now.dayOf(sig.At) != day || sig.At.Before(from) {
		return SheetSignature{}, ErrInvalidInput.WithFields(tpsession.FieldError{Field: "signed_at", Message: "is not on the sheet's day after it starts"}).
			Withf("the sheet %q is signed on %s from %s", sheet, day, from.In(f.Now.loc()).Format("15:04"))
	}
	switch sig.Role {
	case SignResponsable:
		if p, ok := r.ResponsablePresence(day); !ok || !p.Present {
			return SheetSignature{}, ErrNotSignatory.Withf("the responsable de session, %s, is not recorded present on %s", f.Session.Responsable, day)
		}
	case SignJury:
		m, ok := f.member(sig.Member)
		if !ok {
			return SheetSignature{}, ErrNotJuryMember.Withf("member %s did not accept to sit on the session's jury", sig.Member)
		}
		sig.Name = m.Name
		if s == nil {
			return SheetSignature{}, ErrNotSignatory.Withf("each member signs their own line of the jury's sheet (their presence); its foot is the responsable's")
		}
		if !r.present(sig.Member, day) {
			return SheetSignature{}, ErrNotSignatory.Withf("%s is not recorded present on %s", m.Name, day)
		}
	case SignSurveillant:
		if s == nil || !slices.ContainsFunc(s.Surveillants, func(v Surveillant) bool { return strings.EqualFold(v.Name, sig.Name) }) {
			return SheetSignature{}, ErrNotSignatory.Withf("%s is not a surveillant of %q", sig.Name, sheet)
		}
	}
	for _, o := range r.Sheets {
		if o.Sheet == sheet && o.Role == sig.Role && o.Member == sig.Member && strings.EqualFold(o.Name, sig.Name) {
			return SheetSignature{}, ErrAlreadyRecorded.Withf("%s signed the sheet %q at %s", o.Name, sheet, o.At.In(f.Now.loc()).Format(time.RFC3339))
		}
	}
	if n := len(r.SheetSignatures(sheet)); n >= MaxSheetSignatures {
		return SheetSignature{}, ErrInvalidInput.Withf("the sheet %q already has %d signatures, the most kept", sheet, n)
	}
	r.Sheets = append(r.Sheets, sig)
	return sig, nil
}

// sheet returns the day of a sheet, the instant from which it may be
// signed and, for a sitting's sheet, its sitting.
func (r Record) sheet(f Facts, sheet string) (date.Date, time.Time, *Sitting, error) {
	if d, ok := strings.CutPrefix(sheet, juryPrefix); ok {
		day, err := tpsession.ParseDate(d)
		if err != nil || !f.Session.Days.Contains(day) {
			return date.Zero, time.Time{}, nil, ErrSittingNotFound.Withf("there is no jury sheet %q: the session runs from %s to %s", tpsession.Truncate(sheet, 40), f.Session.Days.From, f.Session.Days.Until)
		}
		return day, f.Now.instantOf(day, 0), nil, nil
	}
	s, err := r.Sitting(sheet)
	if err != nil {
		return date.Zero, time.Time{}, nil, err
	}
	return s.Day, f.Now.instantOf(s.Day, s.Start), &s, nil
}

// SheetSignatures returns the signatures at the foot of the sheet, in the
// order they were recorded.
func (r Record) SheetSignatures(sheet string) []SheetSignature {
	var out []SheetSignature
	for _, s := range r.Sheets {
		if s.Sheet == sheet {
			out = append(out, s)
		}
	}
	return out
}

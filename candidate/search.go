package candidate

import (
	"slices"
	"strings"
	"unicode"

	"github.com/rickb777/date/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/tpsession/tpsession"
)

// FoldName returns a name as the centre's lists compare it: without case
// nor accents, the ligatures spelt out (œ, æ, ß), every run of anything
// but letters and digits made one space ("Le Gall", "LE-GALL" and
// "le gall" fold alike), its ends trimmed.
func FoldName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(ligatures.Replace(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// ligatures spells the letters that do not decompose into a base letter
// and accents.
var ligatures = strings.NewReplacer("œ", "oe", "Œ", "OE", "æ", "ae", "Æ", "AE", "ß", "ss",
	"ł", "l", "Ł", "L", "đ", "d", "Đ", "D", "ø", "o", "Ø", "O", "ı", "i", "ħ", "h", "Ħ", "H", "þ", "th", "Þ", "TH", "ð", "d", "Ð", "D")

// nameSep separates the last name from the first in a NameKey: below every
// character of a folded name, so that keys sort by last name first.
const nameSep = "\x01"

// NameKey is the key candidates are listed by, and known again by: the
// folded last name, then the folded first name. Compared byte by byte, it
// orders candidates by last name, then first name, case and accents aside.
func (c Candidate) NameKey() string { return nameKey(c.LastName, c.FirstName) }

func nameKey(last, first string) string { return FoldName(last) + nameSep + FoldName(first) }

// SearchText is what a name search looks into: both names, folded.
func (c Candidate) SearchText() string { return FoldName(c.FirstName + " " + c.LastName) }

// Identity is what tells a person apart in a centre's records: the last
// name, the first name and the birth date. Two candidates with the same
// identity, case and accents aside, are the same person entered twice.
type Identity struct {
	// NameKey is the candidate's NameKey.
	NameKey   string
	BirthDate date.Date
}

// Identity returns the candidate's identity.
func (c Candidate) Identity() Identity {
	return Identity{NameKey: c.NameKey(), BirthDate: c.BirthDate}
}

// Query selects and pages a centre's candidates, listed by NameKey then
// ID. Zero fields select everything.
type Query struct {
	// Name keeps the candidates whose SearchText holds every word of
	// Name once folded: "dubois lea", "Léa" and "DUB" find Léa Dubois.
	Name string
	// Route keeps the candidates of one route.
	Route Route
	// Session keeps the candidates actively registered to the session.
	Session tpsession.SessionID
	// Identity, when set, keeps the candidates with that identity.
	Identity *Identity
	// After starts the page after this position: the NameKey and the ID of
	// the last candidate of the previous page.
	After *Position
	// Limit bounds the page; zero is no bound.
	Limit int
}

// Position is a place in the list of candidates.
type Position struct {
	NameKey string
	ID      tpsession.CandidateID
}

// Position returns the candidate's place in the list.
func (c Candidate) Position() Position { return Position{NameKey: c.NameKey(), ID: c.ID} }

// Before reports whether p comes before o in the list.
func (p Position) Before(o Position) bool {
	return p.NameKey < o.NameKey || p.NameKey == o.NameKey && p.ID < o.ID
}

// Words returns the folded words of a name search, each of which a
// candidate's SearchText must hold.
func (q Query) Words() []string { return strings.Fields(FoldName(q.Name)) }

// Match reports whether c passes the query's filters on the candidate
// itself: Name, Route and Identity. Session and the page are the store's
// business.
func (q Query) Match(c Candidate) bool {
	if q.Route != "" && c.Route != q.Route {
		return false
	}
	if q.Identity != nil && c.Identity() != *q.Identity {
		return false
	}
	text := c.SearchText()
	for _, w := range q.Words() {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// UpdateContacts records on c the contact details that from gives — its
// e-mail, telephone and postal address, each when given — keeping c's
// others: an import updating the candidates it already knows.
func (c *Candidate) UpdateContacts(from Candidate) {
	if from.Email != "" {
		c.Email = from.Email
	}
	if from.Phone != "" {
		c.Phone = from.Phone
	}
	if !from.PostalAddress.IsZero() {
		c.PostalAddress = PostalAddress{Lines: slices.Clone(from.PostalAddress.Lines), Postcode: from.PostalAddress.Postcode, City: from.PostalAddress.City}
	}
}

// KnownError refuses to record a second candidate with the identity of
// one the centre already has (docs/rules.md#known-candidates). Known is
// the candidate already there; the error wraps an ErrKnownCandidate copy
// (errors.Is matches it; its kind is Conflict) whose message names them.
type KnownError struct {
	Known Candidate
}

// Error returns the code and the message naming the candidate already
// there.
func (e *KnownError) Error() string { return e.cause().Error() }

// Unwrap returns the ErrKnownCandidate copy carrying the facts.
func (e *KnownError) Unwrap() error { return e.cause() }

func (e *KnownError) cause() *tpsession.Error {
	k := e.Known
	return ErrKnownCandidate.Withf("%s %s, born %s, is already candidate %s of the centre", k.FirstName, strings.ToUpper(k.LastName), k.BirthDate, k.ID)
}

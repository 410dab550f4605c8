package tpsession

// SessionKind is what a session evaluates: a whole titre professionnel, one
// of its certificats de compétences professionnelles (CCP), or a certificat
// complémentaire de spécialisation (CCS), which can only be obtained by a
// holder of the title (arrêté du 22 décembre 2015, art. 1). Eligibility and,
// where sources disagree, the convocation lead time depend on it.
type SessionKind string

// The kinds of session.
const (
	KindTitre SessionKind = "titre"
	KindCCP   SessionKind = "ccp"
	KindCCS   SessionKind = "ccs"
)

// SessionKinds lists the kinds, in a stable order.
var SessionKinds = []SessionKind{KindTitre, KindCCP, KindCCS}

// ErrInvalidSessionKind is returned by ParseSessionKind.
var ErrInvalidSessionKind = NewError(Invalid, "session_kind.invalid", "the kind of session is unknown")

// ParseSessionKind parses "titre", "ccp" or "ccs".
func ParseSessionKind(s string) (SessionKind, error) {
	switch k := SessionKind(s); k {
	case KindTitre, KindCCP, KindCCS:
		return k, nil
	}
	return "", ErrInvalidSessionKind.Withf("unknown kind of session %q: expected titre, ccp or ccs", Truncate(s, 40))
}

// String returns the kind's name.
func (k SessionKind) String() string { return string(k) }

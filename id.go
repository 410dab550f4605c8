package tpsession

import (
	"crypto/rand"
	"encoding/binary"
	"strings"
	"time"
)

// Typed identifiers. Each is an opaque, URL-safe string made of a short
// prefix naming what it identifies and a 26-character ULID: 48 bits of
// creation time in milliseconds then 80 random bits, in Crockford's base 32.
// IDs therefore sort by creation time (to the millisecond) and collide only
// with negligible probability (2⁻⁸⁰ within one millisecond).
//
// The prefix makes an ID self-describing in logs and stops a candidate ID
// from being accepted where a session ID is expected.
type (
	SessionID      string
	CandidateID    string
	MemberID       string
	RegistrationID string
	PliID          string
	EventID        string
	AgrementID     string
)

// CentreID identifies a centre agréé. It is chosen by the host software (its
// own customer key, the centre's SIRET…), so it is not generated here; see
// [ParseCentreID] for what it may contain.
type CentreID string

const (
	sessionPrefix      = "ses_"
	candidatePrefix    = "can_"
	memberPrefix       = "mem_"
	registrationPrefix = "reg_"
	pliPrefix          = "pli_"
	eventPrefix        = "evt_"
	agrementPrefix     = "agr_"

	ulidLen = 26
	// maxCentreIDLen bounds host-chosen centre IDs so they fit in a URL,
	// a log line and an index.
	maxCentreIDLen = 64
)

// ErrInvalidID is returned by the ID parsers.
var ErrInvalidID = NewError(Invalid, "id.invalid", "the identifier is malformed")

// NewSessionID returns a new, unique session ID.
func NewSessionID() SessionID { return SessionID(newID(sessionPrefix)) }

// NewCandidateID returns a new, unique candidate ID.
func NewCandidateID() CandidateID { return CandidateID(newID(candidatePrefix)) }

// NewMemberID returns a new, unique jury member ID.
func NewMemberID() MemberID { return MemberID(newID(memberPrefix)) }

// NewRegistrationID returns a new, unique registration ID.
func NewRegistrationID() RegistrationID { return RegistrationID(newID(registrationPrefix)) }

// NewPliID returns a new, unique pli ID.
func NewPliID() PliID { return PliID(newID(pliPrefix)) }

// NewEventID returns a new, unique event ID.
func NewEventID() EventID { return EventID(newID(eventPrefix)) }

// NewAgrementID returns a new, unique agrément ID.
func NewAgrementID() AgrementID { return AgrementID(newID(agrementPrefix)) }

// ParseSessionID checks that s is a session ID.
func ParseSessionID(s string) (SessionID, error) {
	return parseID[SessionID](s, sessionPrefix, "session")
}

// ParseCandidateID checks that s is a candidate ID.
func ParseCandidateID(s string) (CandidateID, error) {
	return parseID[CandidateID](s, candidatePrefix, "candidate")
}

// ParseMemberID checks that s is a jury member ID.
func ParseMemberID(s string) (MemberID, error) {
	return parseID[MemberID](s, memberPrefix, "jury member")
}

// ParseRegistrationID checks that s is a registration ID.
func ParseRegistrationID(s string) (RegistrationID, error) {
	return parseID[RegistrationID](s, registrationPrefix, "registration")
}

// ParsePliID checks that s is a pli ID.
func ParsePliID(s string) (PliID, error) {
	return parseID[PliID](s, pliPrefix, "pli")
}

// ParseEventID checks that s is an event ID.
func ParseEventID(s string) (EventID, error) {
	return parseID[EventID](s, eventPrefix, "event")
}

// ParseAgrementID checks that s is an agrément ID.
func ParseAgrementID(s string) (AgrementID, error) {
	return parseID[AgrementID](s, agrementPrefix, "agrément")
}

// ParseCentreID checks a host-chosen centre ID: 1 to 64 characters among
// ASCII letters, digits, '-', '_' and '.', so that it is safe in URLs, file
// names and logs.
func ParseCentreID(s string) (CentreID, error) {
	if s == "" {
		return "", ErrInvalidID.Withf("a centre ID must not be empty")
	}
	if len(s) > maxCentreIDLen {
		return "", ErrInvalidID.Withf("a centre ID has at most %d characters, got %d", maxCentreIDLen, len(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != '-' && c != '_' && c != '.' {
			return "", ErrInvalidID.Withf("a centre ID may only contain letters, digits, '-', '_' and '.' (found %q at position %d)", c, i+1)
		}
	}
	return CentreID(s), nil
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// crockford is Crockford's base-32 alphabet: no I, L, O or U, so IDs read
// aloud or copied by hand are not misread.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

func newID(prefix string) string {
	var raw [16]byte
	binary.BigEndian.PutUint64(raw[:8], uint64(time.Now().UnixMilli())<<16)
	rand.Read(raw[6:]) // never fails: crypto/rand.Read aborts the program rather than return an error
	buf := make([]byte, len(prefix)+ulidLen)
	copy(buf, prefix)
	encodeULID(buf[len(prefix):], raw)
	return string(buf)
}

// encodeULID writes the 128 bits of raw as 26 base-32 digits, most
// significant first (the first digit holds only 3 bits).
func encodeULID(dst []byte, raw [16]byte) {
	hi := binary.BigEndian.Uint64(raw[:8])
	lo := binary.BigEndian.Uint64(raw[8:])
	for i := ulidLen - 1; i >= 0; i-- {
		dst[i] = crockford[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
}

func parseID[T ~string](s, prefix, what string) (T, error) {
	if err := checkID(s, prefix, what); err != nil {
		return "", err
	}
	return T(s), nil
}

func checkID(s, prefix, what string) error {
	if len(s) != len(prefix)+ulidLen || s[:len(prefix)] != prefix {
		return ErrInvalidID.Withf("a %s ID is %q followed by %d characters, got %q", what, prefix, ulidLen, Truncate(s, 40))
	}
	body := s[len(prefix):]
	// The first digit carries only the top 3 bits of 128.
	if body[0] > '7' {
		return ErrInvalidID.Withf("%q is not a valid %s ID: it is out of range", Truncate(s, 40), what)
	}
	for i := 0; i < len(body); i++ {
		if strings.IndexByte(crockford, body[i]) < 0 {
			return ErrInvalidID.Withf("%q is not a valid %s ID: %q is not a base-32 digit", Truncate(s, 40), what, body[i])
		}
	}
	return nil
}

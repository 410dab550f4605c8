package tpsession

import (
	"net/mail"
	"strings"
)

// MaxEmailLen is the longest e-mail address accepted, in bytes: RFC 5321's
// limit on a forward path.
const MaxEmailLen = 254

// ErrInvalidEmail is returned by ParseEmail; its message names the reason.
var ErrInvalidEmail = NewError(Invalid, "email.invalid", "the e-mail address is invalid")

// ParseEmail checks that s, its ends trimmed, is a bare e-mail address
// ("jeanne@example.fr", not "Jeanne <jeanne@example.fr>" nor one with a
// comment), of at most MaxEmailLen bytes, with a dot in its domain, and
// returns it in lower case: providers treat the local part
// case-insensitively in practice, and the library matches people by their
// address (a jury member's account, for one). The lower-case form is what is
// checked, so ParseEmail accepts what it returns.
func ParseEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ErrInvalidEmail.Withf("an e-mail address is required")
	}
	addr := strings.ToLower(s)
	if len(addr) > MaxEmailLen {
		return "", ErrInvalidEmail.Withf("an e-mail address has at most %d characters, got %d", MaxEmailLen, len(addr))
	}
	parsed, err := mail.ParseAddress(addr)
	switch {
	case err != nil:
		return "", ErrInvalidEmail.Withf("%q is not an e-mail address such as jeanne.martin@example.fr", Truncate(s, 60))
	case parsed.Name != "" || parsed.Address != addr:
		return "", ErrInvalidEmail.Withf("%q is not a bare e-mail address: write the address alone, such as jeanne.martin@example.fr", Truncate(s, 60))
	case !strings.Contains(addr[strings.LastIndexByte(addr, '@')+1:], "."):
		return "", ErrInvalidEmail.Withf("the domain of %q has no dot: write a full address, such as jeanne.martin@example.fr", Truncate(s, 60))
	}
	return addr, nil
}

package tpsession

import (
	"fmt"
	"strings"
)

// SIRET is the 14-digit number of an establishment in INSEE's SIRENE
// register: the 9-digit SIREN of its company followed by a 5-digit NIC. A
// value obtained from [ParseSIRET] is well formed and its check digit
// verified. Jury members' employers and candidates' host companies are
// identified by SIRET, which is how the library finds a member who hosted a
// candidate.
type SIRET string

// SIREN is the 9-digit number of a company in the SIRENE register.
type SIREN string

// laPosteSIREN is the one company whose establishments' SIRETs do not follow
// the Luhn formula: INSEE numbered La Poste's thousands of offices so that
// the sum of the SIRET's digits is a multiple of 5 instead.
const laPosteSIREN SIREN = "356000000"

// ErrInvalidSIRET is returned by ParseSIRET and ParseSIREN.
var ErrInvalidSIRET = NewError(Invalid, "siret.invalid", "the SIRET or SIREN number is invalid")

// ParseSIRET parses a SIRET. Spaces between digit groups are accepted and
// dropped ("356 000 000 00048"), as SIRETs are usually printed that way;
// anything else than 14 digits with a valid check digit is refused, the error
// naming the reason. La Poste's establishments (SIREN 356000000) are checked
// by INSEE's rule for them: Luhn, or a digit sum that is a multiple of 5.
func ParseSIRET(s string) (SIRET, error) {
	digits, err := onlyDigits(s, 14, "SIRET")
	if err != nil {
		return "", err
	}
	siren := SIREN(digits[:9])
	if err := checkSIREN(siren); err != nil {
		return "", err
	}
	if luhnValid(digits) {
		return SIRET(digits), nil
	}
	if siren == laPosteSIREN {
		if digitSum(digits)%5 == 0 {
			return SIRET(digits), nil
		}
		return "", ErrInvalidSIRET.Withf("SIRET %s of La Poste: the sum of its digits must be a multiple of 5", digits)
	}
	return "", ErrInvalidSIRET.Withf("SIRET %s: the check digit does not match (Luhn formula); check for a mistyped digit", digits)
}

// ParseSIREN parses a SIREN: 9 digits (spaces between groups accepted) with a
// valid Luhn check digit.
func ParseSIREN(s string) (SIREN, error) {
	digits, err := onlyDigits(s, 9, "SIREN")
	if err != nil {
		return "", err
	}
	if err := checkSIREN(SIREN(digits)); err != nil {
		return "", err
	}
	return SIREN(digits), nil
}

func checkSIREN(s SIREN) error {
	if s == "000000000" {
		return ErrInvalidSIRET.Withf("SIREN 000000000 is not assigned to any company")
	}
	if !luhnValid(string(s)) {
		return ErrInvalidSIRET.Withf("SIREN %s: the check digit does not match (Luhn formula); check for a mistyped digit", s)
	}
	return nil
}

// SIREN returns the company part of the SIRET.
func (s SIRET) SIREN() SIREN {
	if len(s) < 9 {
		return ""
	}
	return SIREN(s[:9])
}

// NIC returns the establishment part of the SIRET (its last 5 digits).
func (s SIRET) NIC() string {
	if len(s) < 14 {
		return ""
	}
	return string(s[9:])
}

// String returns the 14 digits.
func (s SIRET) String() string { return string(s) }

// Format returns the SIRET grouped as it is usually printed: "356 000 000 00048".
func (s SIRET) Format() string {
	if len(s) != 14 {
		return string(s)
	}
	return fmt.Sprintf("%s %s %s %s", s[:3], s[3:6], s[6:9], s[9:])
}

// String returns the 9 digits.
func (s SIREN) String() string { return string(s) }

// onlyDigits strips the spaces (including no-break spaces) that separate
// digit groups and checks that exactly n ASCII digits remain.
func onlyDigits(s string, n int, what string) (string, error) {
	var b strings.Builder
	b.Grow(n)
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '\u00a0' || r == '\u202f':
		default:
			return "", ErrInvalidSIRET.Withf("a %s has only digits, found %q at position %d", what, r, i+1)
		}
	}
	if b.Len() != n {
		return "", ErrInvalidSIRET.Withf("a %s has %d digits, got %d", what, n, b.Len())
	}
	return b.String(), nil
}

// luhnValid applies the Luhn formula to a string of ASCII digits: doubling
// every second digit from the right, the sum of the digits is a multiple of 10.
func luhnValid(digits string) bool {
	sum := 0
	for i := 0; i < len(digits); i++ {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

func digitSum(digits string) int {
	sum := 0
	for i := 0; i < len(digits); i++ {
		sum += int(digits[i] - '0')
	}
	return sum
}

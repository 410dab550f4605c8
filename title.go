package tpsession

// TitleCode is the Ministry's code of a titre professionnel: "TP-" and five
// digits, as in TP-01281 (Concepteur développeur d'applications). Jury
// habilitations, sessions and plis are all tied to a title by this code.
type TitleCode string

// ErrInvalidTitleCode is returned by ParseTitleCode.
var ErrInvalidTitleCode = NewError(Invalid, "title_code.invalid", "the titre professionnel code is invalid")

// ParseTitleCode parses a titre professionnel code. It refuses anything but
// "TP-" followed by exactly five digits, in upper case and without spaces,
// the form the Ministry's application uses.
func ParseTitleCode(s string) (TitleCode, error) {
	const prefix = "TP-"
	if len(s) != len(prefix)+5 {
		return "", ErrInvalidTitleCode.Withf("a titre professionnel code is %q followed by 5 digits (e.g. TP-01281), got %q", prefix, Truncate(s, 40))
	}
	if s[:len(prefix)] != prefix {
		return "", ErrInvalidTitleCode.Withf("a titre professionnel code starts with %q (e.g. TP-01281), got %q", prefix, s)
	}
	for i := len(prefix); i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", ErrInvalidTitleCode.Withf("a titre professionnel code ends with 5 digits (e.g. TP-01281), got %q", s)
		}
	}
	return TitleCode(s), nil
}

// String returns the code.
func (t TitleCode) String() string { return string(t) }

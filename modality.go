package tpsession

// Modality is how a session, or one candidate's épreuves, are held: on the
// approved site, or remotely under the Ministry's experiment, which opens a
// short list of certifications only (arrêté du 14 novembre 2024). The zero
// value "" reads as on site.
type Modality string

// The modalities.
const (
	OnSite Modality = "on_site"
	Remote Modality = "remote"
)

// ErrInvalidModality is returned by ParseModality.
var ErrInvalidModality = NewError(Invalid, "modality.invalid", "the modality is unknown")

// ParseModality parses "on_site" or "remote"; "" is on site.
func ParseModality(s string) (Modality, error) {
	switch m := Modality(s); m {
	case "", OnSite:
		return OnSite, nil
	case Remote:
		return Remote, nil
	}
	return "", ErrInvalidModality.Withf("unknown modality %q: expected on_site or remote", Truncate(s, 40))
}

// String returns the modality's name, on_site for the zero value.
func (m Modality) String() string {
	if m == "" {
		return string(OnSite)
	}
	return string(m)
}

// IsRemote reports whether m is Remote.
func (m Modality) IsRemote() bool { return m == Remote }

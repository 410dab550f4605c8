package candidate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Route is the way a candidate prepared the title: a training course, the
// validation of acquired experience (VAE), or an apprenticeship (open to
// titres professionnels since décret n° 2016-954 du 11 juillet 2016).
type Route string

// The routes.
const (
	RouteFormation     Route = "formation"
	RouteVAE           Route = "vae"
	RouteApprentissage Route = "apprentissage"
)

// ParseRoute parses "formation", "vae" or "apprentissage".
func ParseRoute(s string) (Route, error) {
	switch r := Route(s); r {
	case RouteFormation, RouteVAE, RouteApprentissage:
		return r, nil
	}
	return "", ErrInvalidCandidate.Withf("unknown route %q: expected formation, vae or apprentissage", tpsession.Truncate(s, 40))
}

// String returns the route's name.
func (r Route) String() string { return string(r) }

// Candidate is a person who sits the exam, as a centre knows them. It holds
// what the rules and the convocation letter need and nothing more: no
// social-security number, no copy of an identity document.
type Candidate struct {
	Centre tpsession.CentreID
	ID     tpsession.CandidateID

	FirstName string
	LastName  string
	BirthDate date.Date

	// Contact details, all optional. The e-mail address is kept in lower
	// case (tpsession.ParseEmail). The postal address is where a
	// convocation sent by registered mail goes.
	Email         string
	Phone         string
	PostalAddress PostalAddress

	Route Route
	// VAERecevabiliteOn is the day the VAE recevabilité decision was
	// notified to the candidate; zero when not notified yet, and always zero
	// outside the VAE route.
	VAERecevabiliteOn date.Date
	// TitlesHeld lists the titres professionnels the candidate holds, which
	// a CCS session requires: at most MaxTitlesHeld, each once.
	TitlesHeld []tpsession.TitleCode
	// HostCompanies are the companies that hosted the candidate (internship,
	// period in company, apprenticeship): a jury member from one of them may
	// not evaluate the candidate (docs/rules.md#conflicts-of-interest). At most MaxHostCompanies.
	HostCompanies []HostCompany
	// Trainings are the trainings the candidate followed, with who trained
	// them: at most MaxTrainings.
	Trainings []Training
	// History lists the sessions the candidate sat and their outcomes, in
	// the order of their days (RecordAttempt). Revising the candidate's
	// details keeps it.
	History []Attempt
}

// Bounds on a candidate's lists, far above any real career (a handful of
// titles, a few internships and an apprenticeship), low enough that a
// malformed input cannot make the checks, the stores or the jury's
// conflict search do unbounded work.
const (
	MaxTitlesHeld    = 20
	MaxHostCompanies = 20
)

// HostCompany is a company establishment that hosted the candidate over a
// period, both ends included.
type HostCompany struct {
	SIRET  tpsession.SIRET
	Name   string
	Period tpsession.DateRange
}

// PostalAddress is where a letter reaches the candidate. Lines hold what
// precedes the postcode and city (street, building, lieu-dit), at most four
// of 38 characters, so that with the name and the "postcode city" line the
// address fits the six lines of the postal standard NF Z10-011. Country is
// empty for an address in France, whose postcode has five digits
// (docs/rules.md#names-and-postcodes); an address abroad names its country,
// printed on its last line.
type PostalAddress struct {
	Lines    []string
	Postcode string
	City     string
	Country  string
}

// Bounds of a postal address (NF Z10-011: six lines of 38 characters, two
// of them the addressee's name and the postcode and city).
const (
	maxAddressLines   = 4
	maxAddressLineLen = 38
	maxPostcodeLen    = 10
	minPhoneDigits    = 6
	maxPhoneDigits    = 15 // E.164
)

// IsZero reports whether no address is recorded.
func (a PostalAddress) IsZero() bool {
	return len(a.Lines) == 0 && a.Postcode == "" && a.City == "" && a.Country == ""
}

// Abroad reports whether the address is outside France.
func (a PostalAddress) Abroad() bool { return !isFrance(a.Country) }

// CandidateInput is the outside description of a candidate, as the HTTP
// contract carries it: strings to be parsed. Field errors use the JSON
// names given in the comments.
type CandidateInput struct {
	FirstName     string              // first_name
	LastName      string              // last_name
	BirthDate     string              // birth_date, YYYY-MM-DD
	Email         string              // email, optional
	Phone         string              // phone, optional
	PostalAddress *PostalAddressInput // postal_address, optional
	Route         string              // route
	// VAERecevabiliteOn is the notification day of the recevabilité
	// decision, YYYY-MM-DD (vae_recevabilite_on), for the VAE route only.
	VAERecevabiliteOn string
	TitlesHeld        []string           // titles_held, e.g. "TP-01281"
	HostCompanies     []HostCompanyInput // host_companies
	Trainings         []TrainingInput    // trainings
}

// PostalAddressInput is the outside form of a PostalAddress
// (postal_address: {lines, postcode, city, country?}).
type PostalAddressInput struct {
	Lines    []string
	Postcode string
	City     string
	Country  string
}

// HostCompanyInput is the outside form of a HostCompany
// ({siret, name, from, until}, dates YYYY-MM-DD).
type HostCompanyInput struct {
	SIRET string
	Name  string
	From  string
	Until string
}

// NewCandidate parses in into the candidate id of centre, reporting every
// bad field at once in an ErrInvalidCandidate. today bounds the dates of
// past facts: the birth date and the recevabilité notification.
func NewCandidate(centre tpsession.CentreID, id tpsession.CandidateID, in CandidateInput, today date.Date) (Candidate, error) {
	if centre == "" || id == "" {
		return Candidate{}, tpsession.ErrInternal.Withf("a candidate needs a centre and an ID")
	}
	c, err := parseCandidate(in, today)
	if err != nil {
		return Candidate{}, err
	}
	c.Centre, c.ID = centre, id
	return c, nil
}

// Revise replaces the candidate's details by those of in, checked as by
// NewCandidate; the centre, the ID and the history stay. On error c is
// unchanged.
func (c *Candidate) Revise(in CandidateInput, today date.Date) error {
	revised, err := parseCandidate(in, today)
	if err != nil {
		return err
	}
	revised.Centre, revised.ID, revised.History = c.Centre, c.ID, c.History
	*c = revised
	return nil
}

func parseCandidate(in CandidateInput, today date.Date) (Candidate, error) {
	var fe tpsession.FieldErrors
	c := Candidate{
		FirstName: personName(&fe, "first_name", in.FirstName),
		LastName:  personName(&fe, "last_name", in.LastName),
		BirthDate: dateField(&fe, "birth_date", in.BirthDate, true),
		Email:     email(&fe, in.Email),
		Phone:     phone(&fe, in.Phone),
	}
	if c.BirthDate != date.Zero {
		if earliest := date.New(1900, 1, 1); c.BirthDate < earliest {
			fe.Add("birth_date", "%s is before %s: check the year", c.BirthDate, earliest)
		} else if c.BirthDate >= today {
			fe.Add("birth_date", "%s is not before today, %s", c.BirthDate, today)
		}
	}
	if in.PostalAddress != nil {
		c.PostalAddress = postalAddress(&fe, *in.PostalAddress)
	}

	if in.Route == "" {
		fe.Add("route", "is required")
	} else if r, err := ParseRoute(in.Route); err != nil {
		fe.AddErr("route", err)
	} else {
		c.Route = r
	}
	c.VAERecevabiliteOn = dateField(&fe, "vae_recevabilite_on", in.VAERecevabiliteOn, false)
	fe.PastDate("vae_recevabilite_on", c.VAERecevabiliteOn, today, false)
	if c.VAERecevabiliteOn != date.Zero && c.Route != "" && c.Route != RouteVAE {
		fe.Add("vae_recevabilite_on", "is only for the vae route, not %s", c.Route)
	}

	c.TitlesHeld = titlesHeld(&fe, in.TitlesHeld)
	c.HostCompanies = hostCompanies(&fe, in.HostCompanies)
	c.Trainings = trainings(&fe, in.Trainings)

	if err := fe.Err(ErrInvalidCandidate); err != nil {
		return Candidate{}, err
	}
	return c, nil
}

// titlesHeld parses the titles a candidate holds: at most MaxTitlesHeld,
// each listed once.
func titlesHeld(fe *tpsession.FieldErrors, in []string) []tpsession.TitleCode {
	if len(in) > MaxTitlesHeld {
		fe.Add("titles_held", "must have at most %d titles, got %d", MaxTitlesHeld, len(in))
		return nil
	}
	var titles []tpsession.TitleCode
	seen := make(map[tpsession.TitleCode]int, len(in))
	for i, s := range in {
		field := fmt.Sprintf("titles_held[%d]", i)
		code, err := tpsession.ParseTitleCode(strings.TrimSpace(s))
		if err != nil {
			fe.AddErr(field, err)
			continue
		}
		if j, dup := seen[code]; dup {
			fe.Add(field, "%s is listed twice: it repeats titles_held[%d]", code, j)
			continue
		}
		seen[code] = i
		titles = append(titles, code)
	}
	return titles
}

// hostCompanies parses the companies that hosted a candidate: at most
// MaxHostCompanies.
func hostCompanies(fe *tpsession.FieldErrors, in []HostCompanyInput) []HostCompany {
	if len(in) > MaxHostCompanies {
		fe.Add("host_companies", "must have at most %d companies, got %d", MaxHostCompanies, len(in))
		return nil
	}
	var out []HostCompany
	for i, h := range in {
		var hfe tpsession.FieldErrors
		hc := HostCompany{Name: hfe.Text("name", h.Name, maxTextLen, true)}
		if h.SIRET == "" {
			hfe.Add("siret", "is required")
		} else {
			siret, err := tpsession.ParseSIRET(h.SIRET)
			hfe.AddErr("siret", err)
			hc.SIRET = siret
		}
		from := dateField(&hfe, "from", h.From, true)
		until := dateField(&hfe, "until", h.Until, true)
		if from != date.Zero && until != date.Zero {
			period, err := tpsession.NewDateRange(from, until)
			hfe.AddErr("until", err)
			hc.Period = period
		}
		fe.Merge(fmt.Sprintf("host_companies[%d]", i), hfe.Err(ErrInvalidCandidate))
		out = append(out, hc)
	}
	return out
}

// email parses the optional e-mail address, kept in the lower-case form
// tpsession.ParseEmail returns.
func email(fe *tpsession.FieldErrors, s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	addr, err := tpsession.ParseEmail(s)
	fe.AddErr("email", err)
	return addr
}

// phone accepts the ways a number is written (0612345678, 06 12 34 56 78,
// +33 6 12-34-56-78, (0)6…) and keeps it as written: it is dialled or read by
// a person, never parsed by the rules.
func phone(fe *tpsession.FieldErrors, s string) string {
	s = fe.Text("phone", s, maxTextLen, false)
	if s == "" {
		return ""
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '.', r == '-', r == '(', r == ')':
		default:
			fe.Add("phone", "must be a telephone number: digits, an optional leading +, spaces, dots, hyphens or parentheses")
			return s
		}
	}
	if digits < minPhoneDigits || digits > maxPhoneDigits {
		fe.Add("phone", "must have %d to %d digits, got %d", minPhoneDigits, maxPhoneDigits, digits)
	}
	return s
}

func postalAddress(fe *tpsession.FieldErrors, in PostalAddressInput) PostalAddress {
	var afe tpsession.FieldErrors
	var a PostalAddress
	a.Lines = textList(&afe, "lines", in.Lines, maxAddressLines, maxAddressLineLen)
	before := len(afe)
	a.Postcode = afe.Text("postcode", in.Postcode, maxPostcodeLen, true)
	if isFrance(in.Country) && len(afe) == before {
		a.Postcode = frenchPostcode(&afe, "postcode", a.Postcode)
	}
	a.City = afe.Text("city", in.City, maxAddressLineLen, true)
	if !isFrance(in.Country) {
		a.Country = afe.Text("country", in.Country, maxAddressLineLen, false)
	}
	if len(in.Lines) == 0 {
		afe.Add("lines", "needs at least one line (street and number)")
	}
	fe.Merge("postal_address", afe.Err(ErrInvalidCandidate))
	return a
}

// HostSIRETs returns the SIRETs of the companies that hosted the candidate,
// each once, in increasing order: the facts the jury package needs to find a
// member who hosted the candidate.
func (c Candidate) HostSIRETs() []tpsession.SIRET {
	sirets := make([]tpsession.SIRET, 0, len(c.HostCompanies))
	for _, h := range c.HostCompanies {
		sirets = append(sirets, h.SIRET)
	}
	slices.Sort(sirets)
	return slices.Compact(sirets)
}

// HoldsTitle reports whether the candidate holds the title.
func (c Candidate) HoldsTitle(t tpsession.TitleCode) bool {
	return slices.Contains(c.TitlesHeld, t)
}

// Clone returns a deep copy of c.
func (c Candidate) Clone() Candidate {
	c.PostalAddress.Lines = slices.Clone(c.PostalAddress.Lines)
	c.TitlesHeld = slices.Clone(c.TitlesHeld)
	c.HostCompanies = slices.Clone(c.HostCompanies)
	c.Trainings = slices.Clone(c.Trainings)
	for i := range c.Trainings {
		c.Trainings[i] = c.Trainings[i].clone()
	}
	c.History = slices.Clone(c.History)
	for i := range c.History {
		c.History[i] = c.History[i].clone()
	}
	return c
}

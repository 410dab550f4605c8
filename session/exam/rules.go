package exam

import "github.com/tpsession/tpsession"

// IdentityRule says how often a candidate's identity is checked.
type IdentityRule string

// The readings of the identity check.
const (
	// CheckEachEpreuve (the default): before each épreuve, as the 2008
	// règlement général asked ("avant le commencement de chaque épreuve",
	// abrogated; the 2016 wording could not be read).
	CheckEachEpreuve IdentityRule = "epreuve"
	// CheckEachDay: once a day, before the candidate's first épreuve of the
	// day; a later sitting of the day relies on it.
	CheckEachDay IdentityRule = "day"
)

// Surveillance says whether a trainer of a candidate may watch the
// candidate's épreuve.
type Surveillance string

// The readings of the surveillance rule.
const (
	// TrainerExcluded (the default): a person who trained or coached a
	// candidate may not watch that candidate's épreuve, unless named only
	// for safety where the épreuve uses dangerous products or machines
	// (2008 règlement général, §2.2, abrogated).
	TrainerExcluded Surveillance = "trainer_excluded"
	// SurveillanceUnchecked: the library does not check who watches.
	SurveillanceUnchecked Surveillance = "unchecked"
)

// Defaults of the rules whose sources disagree or are abrogated
// (docs/rules.md#where-sources-disagree).
const (
	// DefaultQuorum is the fewest members present and without conflict
	// that may deliberate on a candidate: two, as the 2008 règlement asked
	// of the members regularly convened (abrogated), the size of the
	// smallest jury (arrêté du 22 décembre 2015, art. 6).
	DefaultQuorum = tpsession.MinJuryMembers
	// DefaultFraudWitnesses is how many witnesses sign a report of a
	// suspected fraud: the 2008 règlement had the report signed by the
	// witnesses (abrogated).
	DefaultFraudWitnesses = 1
	// DefaultRetentionYears is how long a session's records keep the
	// candidates' personal data after the validation: no text sets it;
	// five years is what Centre Inffo calls reasonable for the dossier
	// professionnel and the evaluations.
	DefaultRetentionYears = 5
	// MaxRetentionYears bounds the setting: a century is not a retention
	// period.
	MaxRetentionYears = 50
)

// Rules are a centre's readings of the rules of the exam days that come
// from the abrogated 2008 règlement général or from no text at all; the
// zero value is the defaults (docs/rules.md#where-sources-disagree).
type Rules struct {
	// Quorum is the fewest members present and without conflict that may
	// deliberate on a candidate; zero is DefaultQuorum. It may not be
	// below two, the smallest jury.
	Quorum int
	// IdentityCheck is how often identities are checked; "" is
	// CheckEachEpreuve.
	IdentityCheck IdentityRule
	// Surveillance is whether trainers are kept from watching their
	// candidates; "" is TrainerExcluded.
	Surveillance Surveillance
	// FraudWitnesses is how many witnesses must sign a report of a
	// suspected fraud; zero is DefaultFraudWitnesses, a negative number
	// none.
	FraudWitnesses int
	// RetentionYears is how many years after the validation a centre that
	// set none keeps the candidates' personal data; zero is
	// DefaultRetentionYears.
	RetentionYears int
}

// Check reports a setting that does not exist or is out of bounds.
func (r Rules) Check() error {
	var fe tpsession.FieldErrors
	if r.Quorum != 0 && r.Quorum < tpsession.MinJuryMembers {
		fe.Add("quorum", "must be at least %d, the smallest jury (arrêté du 22 décembre 2015, art. 6), got %d", tpsession.MinJuryMembers, r.Quorum)
	}
	switch r.IdentityCheck {
	case "", CheckEachEpreuve, CheckEachDay:
	default:
		fe.Add("identity_check", "must be %q or %q, got %q", CheckEachEpreuve, CheckEachDay, tpsession.Truncate(string(r.IdentityCheck), 40))
	}
	switch r.Surveillance {
	case "", TrainerExcluded, SurveillanceUnchecked:
	default:
		fe.Add("surveillance", "must be %q or %q, got %q", TrainerExcluded, SurveillanceUnchecked, tpsession.Truncate(string(r.Surveillance), 40))
	}
	if r.RetentionYears < 0 || r.RetentionYears > MaxRetentionYears {
		fe.Add("retention_years", "must be between 1 and %d, or 0 for the default %d, got %d", MaxRetentionYears, DefaultRetentionYears, r.RetentionYears)
	}
	return fe.Err(ErrInvalidRules)
}

// quorum returns the quorum in force.
func (r Rules) quorum() int {
	if r.Quorum == 0 {
		return DefaultQuorum
	}
	return r.Quorum
}

// QuorumInForce is the quorum the rules set.
func (r Rules) QuorumInForce() int { return r.quorum() }

func (r Rules) identityCheck() IdentityRule {
	if r.IdentityCheck == "" {
		return CheckEachEpreuve
	}
	return r.IdentityCheck
}

func (r Rules) fraudWitnesses() int {
	switch {
	case r.FraudWitnesses == 0:
		return DefaultFraudWitnesses
	case r.FraudWitnesses < 0:
		return 0
	}
	return r.FraudWitnesses
}

// Retention is the retention period in force for a centre that set none.
func (r Rules) Retention() int {
	if r.RetentionYears == 0 {
		return DefaultRetentionYears
	}
	return r.RetentionYears
}

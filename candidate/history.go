package candidate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Outcome is what a session gave a candidate, as the jury decided it and
// the DDETS validated it (arrêté du 22 décembre 2015, art. 10).
type Outcome string

// The outcomes.
const (
	// Obtained: the title, the CCP or the CCS the session evaluated.
	Obtained Outcome = "obtained"
	// PartialSuccess: a session titre gave some of the title's CCPs, listed
	// in the livret de certification.
	PartialSuccess Outcome = "partial_success"
	// Failed: nothing was obtained.
	Failed Outcome = "failed"
	// Absent: the candidate did not sit.
	Absent Outcome = "absent"
)

// Outcomes lists the outcomes, in a stable order.
var Outcomes = []Outcome{Obtained, PartialSuccess, Failed, Absent}

// ParseOutcome parses one of the Outcomes.
func ParseOutcome(s string) (Outcome, error) {
	if o := Outcome(s); slices.Contains(Outcomes, o) {
		return o, nil
	}
	return "", ErrInvalidAttempt.Withf("unknown outcome %q: expected obtained, partial_success, failed or absent", tpsession.Truncate(s, 40))
}

// Attempt is a session the candidate sat, or was convoked to, and its
// outcome: the candidate's history, which the re-sit rule, the délai de
// prolongation and the limits of CCP sessions read.
type Attempt struct {
	// Session is the session of this centre; empty for one sat elsewhere
	// or recorded from before.
	Session  tpsession.SessionID
	Title    tpsession.TitleCode
	Revision string // the title's revision, when known
	Kind     tpsession.SessionKind
	// CCPs are the CCPs a CCP session evaluated.
	CCPs []string
	// On is the session's last day, when the jury decided.
	On      date.Date
	Outcome Outcome
	// Acquired are the CCPs acquired: in partial success, those of the
	// livret de certification; after a CCP session, those obtained.
	// Acquired CCPs are kept for good.
	Acquired []string
}

// MaxAttempts bounds a candidate's history: far more sessions than anyone
// sits.
const MaxAttempts = 50

// AttemptInput is the outside form of an Attempt: {session_id, title_code,
// revision, kind, ccps, on, outcome, acquired}.
type AttemptInput struct {
	SessionID string
	TitleCode string
	Revision  string
	Kind      string
	CCPs      []string
	On        string
	Outcome   string
	Acquired  []string
}

// ParseAttempt parses in, reporting every bad field at once in an
// ErrInvalidAttempt. The day on must not be after today. The outcome must
// suit the kind of session: partial success is a session titre's, and
// lists the CCPs acquired; a CCP session names its CCPs and, obtained,
// acquires them all unless acquired lists which; a title or a CCS obtained,
// a failure or an absence acquires nothing.
func ParseAttempt(in AttemptInput, today date.Date) (Attempt, error) {
	var fe tpsession.FieldErrors
	var a Attempt
	if in.SessionID != "" {
		id, err := tpsession.ParseSessionID(in.SessionID)
		fe.AddErr("session_id", err)
		a.Session = id
	}
	title, err := tpsession.ParseTitleCode(strings.TrimSpace(in.TitleCode))
	fe.AddErr("title_code", err)
	a.Title = title
	a.Revision = fe.Text("revision", in.Revision, maxRevisionLen, false)
	kind, err := tpsession.ParseSessionKind(in.Kind)
	fe.AddErr("kind", err)
	a.Kind = kind
	a.CCPs = codeList(&fe, "ccps", in.CCPs)
	a.On = dateField(&fe, "on", in.On, true)
	fe.PastDate("on", a.On, today, false)
	if in.Outcome == "" {
		fe.Add("outcome", "is required")
	} else {
		o, err := ParseOutcome(in.Outcome)
		fe.AddErr("outcome", err)
		a.Outcome = o
	}
	a.Acquired = codeList(&fe, "acquired", in.Acquired)
	a.check(&fe)
	if err := fe.Err(ErrInvalidAttempt); err != nil {
		return Attempt{}, err
	}
	return a, nil
}

const (
	maxRevisionLen = 40
	maxCodeLen     = 40
	maxCodes       = 20
)

// codeList parses a list of CCP codes: each once, at most maxCodes.
func codeList(fe *tpsession.FieldErrors, field string, in []string) []string {
	if len(in) > maxCodes {
		fe.Add(field, "must have at most %d entries, got %d", maxCodes, len(in))
		return nil
	}
	var out []string
	for i, s := range in {
		f := fmt.Sprintf("%s[%d]", field, i)
		s = fe.Text(f, s, maxCodeLen, true)
		if j := slices.Index(out, s); j >= 0 && s != "" {
			fe.Add(f, "repeats %s[%d]", field, j)
		}
		out = append(out, s)
	}
	return out
}

// check records what the kind of session and the outcome do not allow.
func (a *Attempt) check(fe *tpsession.FieldErrors) {
	if a.Kind == "" || a.Outcome == "" {
		return
	}
	if a.Kind != tpsession.KindCCP && len(a.CCPs) > 0 {
		fe.Add("ccps", "only a CCP session names the CCPs it evaluates")
	}
	switch {
	case a.Outcome == PartialSuccess && a.Kind != tpsession.KindTitre:
		fe.Add("outcome", "partial success is the outcome of a session titre only, not of a %s session", a.Kind)
	case a.Outcome == PartialSuccess && len(a.Acquired) == 0:
		fe.Add("acquired", "a partial success lists the CCPs acquired (the livret de certification)")
	case a.Kind == tpsession.KindCCP && len(a.CCPs) == 0:
		fe.Add("ccps", "a CCP session names the CCPs it evaluated")
	case a.Kind == tpsession.KindCCP && a.Outcome == Obtained:
		for i, c := range a.Acquired {
			if !slices.Contains(a.CCPs, c) {
				fe.Add(fmt.Sprintf("acquired[%d]", i), "%s is not among the CCPs the session evaluated (%s)", c, strings.Join(a.CCPs, ", "))
			}
		}
		if len(a.Acquired) == 0 {
			a.Acquired = slices.Clone(a.CCPs)
		}
	case a.Outcome != PartialSuccess && len(a.Acquired) > 0:
		fe.Add("acquired", "a %s %s session acquires no CCP to list", a.Outcome, a.Kind)
	}
}

// RecordAttempt adds a to the candidate's history, in the order of the
// sessions' days. An attempt at a session of this centre already in the
// history is replaced (a correction of the outcome). A title obtained is
// added to the titles held. At most MaxAttempts are kept
// (ErrInvalidAttempt).
func (c *Candidate) RecordAttempt(a Attempt) error {
	var fe tpsession.FieldErrors
	a.check(&fe)
	if a.On == date.Zero || a.Title == "" || a.Kind == "" || a.Outcome == "" {
		fe.Add("", "an attempt needs its title, kind, day and outcome")
	}
	if err := fe.Err(ErrInvalidAttempt); err != nil {
		return err
	}
	history := slices.Clone(c.History)
	replaced := false
	if a.Session != "" {
		if i := slices.IndexFunc(history, func(h Attempt) bool { return h.Session == a.Session }); i >= 0 {
			history[i], replaced = a.clone(), true
		}
	}
	if !replaced {
		if len(history) >= MaxAttempts {
			return ErrInvalidAttempt.Withf("candidate %s already has %d sessions in their history, the most kept", c.ID, MaxAttempts)
		}
		history = append(history, a.clone())
	}
	slices.SortStableFunc(history, func(x, y Attempt) int { return cmp.Compare(x.On, y.On) })
	c.History = history
	if a.Kind == tpsession.KindTitre && a.Outcome == Obtained && !c.HoldsTitle(a.Title) && len(c.TitlesHeld) < MaxTitlesHeld {
		c.TitlesHeld = append(slices.Clone(c.TitlesHeld), a.Title)
	}
	return nil
}

// AcquiredCCP is a CCP the candidate acquired, with the revision of the
// title it was acquired under ("" when not recorded) and the day.
type AcquiredCCP struct {
	Revision string
	Code     string
	On       date.Date
}

// AcquiredCCPs returns the CCPs of title the candidate acquired, in the
// order of their sessions. They are kept for good; whether they still count
// towards the title after a revision is the title register's
// correspondence to say.
func (c Candidate) AcquiredCCPs(title tpsession.TitleCode) []AcquiredCCP {
	var out []AcquiredCCP
	for _, a := range c.History {
		if a.Title != title {
			continue
		}
		for _, code := range a.Acquired {
			out = append(out, AcquiredCCP{Revision: a.Revision, Code: code, On: a.On})
		}
	}
	return out
}

// lastAttempt returns the candidate's latest attempt at title decided
// before day, and whether there is one.
func (c Candidate) lastAttempt(title tpsession.TitleCode, before date.Date) (Attempt, bool) {
	for i := len(c.History) - 1; i >= 0; i-- {
		if a := c.History[i]; a.Title == title && a.On < before {
			return a, true
		}
	}
	return Attempt{}, false
}

func (a Attempt) clone() Attempt {
	a.CCPs = slices.Clone(a.CCPs)
	a.Acquired = slices.Clone(a.Acquired)
	return a
}

// String describes the attempt: "failed the titre session of TP-01281 on
// 2026-02-12".
func (a Attempt) String() string {
	verb := map[Outcome]string{Obtained: "obtained", PartialSuccess: "partial success at", Failed: "failed", Absent: "was absent from"}[a.Outcome]
	s := fmt.Sprintf("%s the %s session of %s on %s", verb, a.Kind, a.Title, a.On)
	if len(a.Acquired) > 0 {
		s += " (" + strings.Join(a.Acquired, ", ") + " acquired)"
	}
	return s
}

package exam

import (
	"fmt"
	"slices"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Bounds on the record's free text and lists: far above a real session,
// low enough that a malformed input cannot bloat a store or a document.
const (
	maxNameLen        = 200
	maxLabelLen       = 200
	maxKeyLen         = 40
	maxNoteLen        = 2000
	maxDescriptionLen = 8000
	// MaxSittings bounds the sittings of a session.
	MaxSittings = 500
	// MaxSittingCandidates bounds the candidates of one sitting, and of an
	// incident report.
	MaxSittingCandidates = 500
	// MaxSurveillants bounds the surveillants of a sitting.
	MaxSurveillants = 20
	// MaxIncidents bounds the incident reports of a session.
	MaxIncidents = 500
	// MaxWitnesses bounds the witnesses of an incident report.
	MaxWitnesses = 20
	// MaxSheetSignatures bounds the signatures at the foot of a sheet.
	MaxSheetSignatures = 50
)

// instantField parses an instant written in RFC 3339 ("2027-03-01T08:45:00+01:00").
func instantField(fe *tpsession.FieldErrors, field, s string, required bool) time.Time {
	if s == "" {
		if required {
			fe.Add(field, "is required")
		}
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		fe.Add(field, "an instant is written in RFC 3339 (2027-03-01T08:45:00+01:00), got %q", tpsession.Truncate(s, 40))
		return time.Time{}
	}
	return t
}

// pastInstant refuses an instant after now.
func pastInstant(fe *tpsession.FieldErrors, field string, t time.Time, now Now) {
	if !t.IsZero() && t.After(now.At) {
		fe.Add(field, "%s is in the future (it is now %s): it records a past fact", t.Format(time.RFC3339), now.At.In(now.loc()).Format(time.RFC3339))
	}
}

// clockField parses a time of day written HH:MM.
func clockField(fe *tpsession.FieldErrors, field, s string, required bool) (tpsession.TimeOfDay, bool) {
	if s == "" {
		if required {
			fe.Add(field, "is required")
		}
		return 0, false
	}
	t, err := tpsession.ParseTimeOfDay(s)
	if err != nil {
		fe.AddErr(field, err)
		return 0, false
	}
	return t, true
}

// dayField parses a day written YYYY-MM-DD; empty is today when
// defaultToday is set.
func dayField(fe *tpsession.FieldErrors, field, s string, today date.Date, defaultToday bool) date.Date {
	if s == "" {
		if defaultToday {
			return today
		}
		fe.Add(field, "is required")
		return date.Zero
	}
	d, err := tpsession.ParseDate(s)
	fe.AddErr(field, err)
	return d
}

// candidateList parses a list of candidate IDs: each registered to the
// session, each once, at most max.
func candidateList(fe *tpsession.FieldErrors, field string, in []string, f Facts, max int) []tpsession.CandidateID {
	if len(in) > max {
		fe.Add(field, "must list at most %d candidates, got %d", max, len(in))
		return nil
	}
	var out []tpsession.CandidateID
	for i, s := range in {
		at := fmt.Sprintf("%s[%d]", field, i)
		id, err := tpsession.ParseCandidateID(s)
		if err != nil {
			fe.AddErr(at, err)
			continue
		}
		if _, ok := f.candidate(id); !ok {
			fe.Add(at, "candidate %s is not registered to the session", id)
			continue
		}
		if j := slices.Index(out, id); j >= 0 {
			fe.Add(at, "repeats candidate %s", id)
			continue
		}
		out = append(out, id)
	}
	return out
}

// keyProblem says what is wrong with the key of a sitting, "" when
// nothing: 1 to 40 characters among lower-case ASCII letters, digits, '-'
// and '_', starting with a letter or a digit, and not "jury-…", which
// names the jury's sheet of a day.
func keyProblem(key string) string {
	if key == "" || len(key) > maxKeyLen {
		return fmt.Sprintf("must have 1 to %d characters", maxKeyLen)
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		lower := c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
		if !lower && (i == 0 || c != '-' && c != '_') {
			return "may only hold lower-case letters, digits, '-' and '_', starting with a letter or a digit"
		}
	}
	if len(key) >= len(juryPrefix) && key[:len(juryPrefix)] == juryPrefix {
		return "may not start with \"jury-\", which names the jury's sheet of a day"
	}
	return ""
}

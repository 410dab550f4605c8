package exam

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Sitting is one épreuve held once, on a day, from a start to an end time,
// for one or more candidates: a questionnaire professionnel taken by all
// at once, or one candidate's mise en situation. Its end time never moves
// once attendance is recorded: a candidate arriving late has the time left
// (docs/rules.md#late-arrival).
type Sitting struct {
	// Key names the sitting in its session ("qp", "msp-lea").
	Key string
	// Epreuve is the épreuve's ID, as the plan or the title register names
	// it; Label its label for the sheets and the PV.
	Epreuve string
	Label   string
	Day     date.Date
	// Start and End are the scheduled times.
	Start, End tpsession.TimeOfDay
	Candidates []tpsession.CandidateID
	// Final marks the entretien final with the jury, with which a session
	// titre ends.
	Final bool
	// DangerousEquipment marks an épreuve that uses dangerous products or
	// machines, where a trainer of a candidate may stand by for safety
	// only.
	DangerousEquipment bool
	Surveillants       []Surveillant
}

// SurveillantRole is what a surveillant is named for.
type SurveillantRole string

// The roles of a surveillant.
const (
	// Surveil: watches the candidates.
	Surveil SurveillantRole = "surveillance"
	// SafetyOnly: stands by to intervene only in case of danger, in an
	// épreuve that uses dangerous equipment.
	SafetyOnly SurveillantRole = "safety"
)

// Surveillant is a person named to watch a sitting, or to stand by for
// safety.
type Surveillant struct {
	Name string
	// Email, in lower case, is how a trainer of a candidate is recognised.
	Email string
	Role  SurveillantRole
}

func (s Sitting) clone() Sitting {
	s.Candidates = slices.Clone(s.Candidates)
	s.Surveillants = slices.Clone(s.Surveillants)
	return s
}

// Minutes returns the sitting's scheduled length.
func (s Sitting) Minutes() int { return int(s.End - s.Start) }

func compareSittings(a, b Sitting) int {
	return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(a.Start, b.Start), cmp.Compare(a.Key, b.Key))
}

// SittingInput is the outside form of a sitting: {epreuve, label, day,
// start, end, candidates, final, dangerous_equipment}; day YYYY-MM-DD,
// times HH:MM.
type SittingInput struct {
	Epreuve            string
	Label              string
	Day                string
	Start, End         string
	Candidates         []string
	Final              bool
	DangerousEquipment bool
}

// PutSitting records the sitting key, or replaces it. Every field is
// checked at once (ErrInvalidInput): the key, a label, a day of the
// session, a start before the end, candidates registered to the session,
// each once. A candidate cannot sit two sittings at once
// (ErrSittingClash). Once attendance is recorded at the sitting, its day
// and times no longer move (ErrEndTimeFixed) and a candidate whose
// attendance is recorded stays in it; its surveillants stay as they are.
func (r *Record) PutSitting(f Facts, key string, in SittingInput) (Sitting, error) {
	var fe tpsession.FieldErrors
	if p := keyProblem(key); p != "" {
		fe.Add("key", "%s", p)
	}
	s := Sitting{
		Key:                key,
		Epreuve:            fe.Text("epreuve", in.Epreuve, maxKeyLen, false),
		Label:              fe.Text("label", in.Label, maxLabelLen, true),
		Day:                dayField(&fe, "day", in.Day, date.Zero, false),
		Final:              in.Final,
		DangerousEquipment: in.DangerousEquipment,
	}
	start, okStart := clockField(&fe, "start", in.Start, true)
	end, okEnd := clockField(&fe, "end", in.End, true)
	s.Start, s.End = start, end
	if okStart && okEnd && end <= start {
		fe.Add("end", "%s is not after the start, %s", end, start)
	}
	if s.Day != date.Zero && !f.Session.Days.Contains(s.Day) {
		fe.Add("day", "%s is not a day of the session, which runs from %s to %s", s.Day, f.Session.Days.From, f.Session.Days.Until)
	}
	if len(in.Candidates) == 0 {
		fe.Add("candidates", "must list the candidates who sit it")
	}
	s.Candidates = candidateList(&fe, "candidates", in.Candidates, f, MaxSittingCandidates)
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Sitting{}, err
	}
	if err := r.checkOpen("its sittings"); err != nil {
		return Sitting{}, err
	}
	i := r.sittingIndex(key)
	if i < 0 && len(r.Sittings) >= MaxSittings {
		return Sitting{}, ErrInvalidInput.Withf("the exam already has %d sittings, the most kept", MaxSittings)
	}
	if i >= 0 {
		old := r.Sittings[i]
		if err := r.checkMove(old, s); err != nil {
			return Sitting{}, err
		}
		s.Surveillants = old.Surveillants
		if f.Rules.Surveillance != SurveillanceUnchecked {
			for _, v := range s.Surveillants {
				if err := checkSurveillant(f, s, v); err != nil {
					return Sitting{}, err
				}
			}
		}
	}
	if err := r.checkClash(f, s); err != nil {
		return Sitting{}, err
	}
	if i >= 0 {
		r.Sittings[i] = s
	} else {
		r.Sittings = append(r.Sittings, s)
	}
	return s.clone(), nil
}

// checkMove refuses to move a sitting whose attendance is being recorded,
// or to take out a candidate whose attendance is recorded there.
func (r Record) checkMove(old, s Sitting) error {
	var recorded []tpsession.CandidateID
	for _, a := range r.Attendance {
		if a.Sitting == old.Key {
			recorded = append(recorded, a.Candidate)
		}
	}
	if len(recorded) == 0 {
		return nil
	}
	if s.Day != old.Day || s.Start != old.Start || s.End != old.End {
		return ErrEndTimeFixed.Withf("sitting %q runs on %s from %s to %s and its attendance is recorded: its day and times no longer move", old.Key, old.Day, old.Start, old.End)
	}
	for _, c := range recorded {
		if !slices.Contains(s.Candidates, c) {
			return ErrEndTimeFixed.Withf("the attendance of candidate %s at sitting %q is recorded: the candidate stays in it", c, old.Key)
		}
	}
	return nil
}

// checkClash refuses a candidate of s who sits another sitting that
// overlaps it.
func (r Record) checkClash(f Facts, s Sitting) error {
	for _, o := range r.Sittings {
		if o.Key == s.Key || o.Day != s.Day || o.End <= s.Start || s.End <= o.Start {
			continue
		}
		for _, c := range s.Candidates {
			if slices.Contains(o.Candidates, c) {
				return ErrSittingClash.Withf("%s sits %q on %s from %s to %s, which overlaps %s–%s", f.candidateName(c), o.Key, o.Day, o.Start, o.End, s.Start, s.End)
			}
		}
	}
	return nil
}

// SurveillantInput is the outside form of a surveillant: {name, email,
// role}; role "surveillance" (the default) or "safety".
type SurveillantInput struct {
	Name  string
	Email string
	Role  string
}

// SetSurveillants replaces the surveillants of the sitting key. Under the
// TrainerExcluded reading (the default), a person whose e-mail a candidate
// of the sitting records among their trainers is refused
// (ErrTrainerSurveillant), unless named for safety only at a sitting that
// uses dangerous equipment (docs/rules.md#surveillance).
func (r *Record) SetSurveillants(f Facts, key string, in []SurveillantInput) (Sitting, error) {
	i := r.sittingIndex(key)
	if i < 0 {
		return Sitting{}, ErrSittingNotFound.Withf("the exam has no sitting %q", tpsession.Truncate(key, 40))
	}
	var fe tpsession.FieldErrors
	if len(in) > MaxSurveillants {
		fe.Add("surveillants", "must list at most %d surveillants, got %d", MaxSurveillants, len(in))
	}
	var out []Surveillant
	for n, s := range in[:min(len(in), MaxSurveillants)] {
		var sfe tpsession.FieldErrors
		v := Surveillant{Name: sfe.Text("name", s.Name, maxNameLen, true), Role: Surveil}
		if strings.TrimSpace(s.Email) != "" {
			email, err := tpsession.ParseEmail(s.Email)
			sfe.AddErr("email", err)
			v.Email = email
		}
		switch SurveillantRole(s.Role) {
		case "", Surveil:
		case SafetyOnly:
			v.Role = SafetyOnly
		default:
			sfe.Add("role", "must be %q or %q, got %q", Surveil, SafetyOnly, tpsession.Truncate(s.Role, 40))
		}
		for j, o := range out {
			if v.Email != "" && o.Email == v.Email || strings.EqualFold(o.Name, v.Name) && v.Name != "" {
				sfe.Add("name", "repeats surveillants[%d]", j)
				break
			}
		}
		fe.Merge(fmt.Sprintf("surveillants[%d]", n), sfe.Err(ErrInvalidInput))
		out = append(out, v)
	}
	if err := fe.Err(ErrInvalidInput); err != nil {
		return Sitting{}, err
	}
	if err := r.checkOpen("its surveillants"); err != nil {
		return Sitting{}, err
	}
	s := r.Sittings[i]
	if f.Rules.Surveillance != SurveillanceUnchecked {
		for n, v := range out {
			if err := checkSurveillant(f, s, v); err != nil {
				return Sitting{}, err.(*tpsession.Error).WithFields(tpsession.FieldError{Field: fmt.Sprintf("surveillants[%d]", n), Message: tpsession.MessageOf(err)})
			}
		}
	}
	r.Sittings[i].Surveillants = out
	return r.Sittings[i].clone(), nil
}

// checkSurveillant refuses a trainer of a candidate of the sitting, unless
// named for safety only at a sitting with dangerous equipment.
func checkSurveillant(f Facts, s Sitting, v Surveillant) error {
	if v.Email == "" {
		return nil
	}
	for _, cid := range s.Candidates {
		c, ok := f.candidate(cid)
		if !ok || !slices.Contains(c.Trainers, v.Email) {
			continue
		}
		switch {
		case v.Role == SafetyOnly && s.DangerousEquipment:
			continue
		case v.Role == SafetyOnly:
			return ErrTrainerSurveillant.Withf("%s trained %s, and sitting %q uses no dangerous equipment: a trainer may stand by for safety only where the épreuve uses dangerous products or machines", v.Name, c.Name(), s.Key)
		default:
			return ErrTrainerSurveillant.Withf("%s trained %s and may not watch their épreuve %q; a trainer may only be named for safety where the épreuve uses dangerous equipment", v.Name, c.Name(), s.Key)
		}
	}
	return nil
}

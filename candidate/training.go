package candidate

import (
	"fmt"
	"slices"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// Training is a training the candidate followed, or follows: the
// organisation that gave it, its period and who trained the candidate. It
// decides the re-sit rule (a new training since a failure) and keeps a
// member who trained the candidate from evaluating them (the jury
// package's conflicts).
type Training struct {
	// Organisation is the training organisation's name; SIRET its
	// establishment, optional.
	Organisation string
	SIRET        tpsession.SIRET
	// Period runs from the first day of the training to its last (its
	// planned last day while it goes on), both included.
	Period tpsession.DateRange
	// Trainers are the people who trained or coached the candidate, by
	// name and e-mail address; a jury member with that address trained
	// the candidate.
	Trainers []Trainer
}

// Trainer is someone who trained or coached the candidate. The e-mail
// address, in the lower case tpsession.ParseEmail returns, is how a jury
// member is recognised.
type Trainer struct {
	Name  string
	Email string
}

// Bounds on a candidate's trainings.
const (
	MaxTrainings = 10
	MaxTrainers  = 20
)

// TrainingInput is the outside form of a Training: {organisation, siret,
// from, until, trainers: [{name, email}]}.
type TrainingInput struct {
	Organisation string
	SIRET        string
	From         string
	Until        string
	Trainers     []TrainerInput
}

// TrainerInput is the outside form of a Trainer: {name, email}.
type TrainerInput struct {
	Name  string
	Email string
}

func trainings(fe *tpsession.FieldErrors, in []TrainingInput) []Training {
	if len(in) > MaxTrainings {
		fe.Add("trainings", "must have at most %d trainings, got %d", MaxTrainings, len(in))
		return nil
	}
	var out []Training
	for i, t := range in {
		var tfe tpsession.FieldErrors
		tr := Training{Organisation: tfe.Text("organisation", t.Organisation, maxTextLen, true)}
		if t.SIRET != "" {
			siret, err := tpsession.ParseSIRET(t.SIRET)
			tfe.AddErr("siret", err)
			tr.SIRET = siret
		}
		from := dateField(&tfe, "from", t.From, true)
		until := dateField(&tfe, "until", t.Until, true)
		if from != date.Zero && until != date.Zero {
			period, err := tpsession.NewDateRange(from, until)
			tfe.AddErr("until", err)
			tr.Period = period
		}
		if len(t.Trainers) > MaxTrainers {
			tfe.Add("trainers", "must have at most %d trainers, got %d", MaxTrainers, len(t.Trainers))
			t.Trainers = nil
		}
		for j, p := range t.Trainers {
			field := fmt.Sprintf("trainers[%d]", j)
			trainer := Trainer{Name: tfe.Text(field+".name", p.Name, maxNameLen, true)}
			email, err := tpsession.ParseEmail(p.Email)
			tfe.AddErr(field+".email", err)
			trainer.Email = email
			if k := slices.IndexFunc(tr.Trainers, func(o Trainer) bool { return o.Email == email }); k >= 0 && email != "" {
				tfe.Add(field+".email", "repeats trainers[%d]", k)
			}
			tr.Trainers = append(tr.Trainers, trainer)
		}
		fe.Merge(fmt.Sprintf("trainings[%d]", i), tfe.Err(ErrInvalidCandidate))
		out = append(out, tr)
	}
	return out
}

// TrainingEndedOn returns the last day of the candidate's latest training,
// zero when none is recorded.
func (c Candidate) TrainingEndedOn() date.Date {
	last := date.Zero
	for _, t := range c.Trainings {
		last = max(last, t.Period.Until)
	}
	return last
}

// TrainedAfter reports whether a training of the candidate ends after d: a
// training since d.
func (c Candidate) TrainedAfter(d date.Date) bool { return c.TrainingEndedOn() > d }

// TrainingStartedBy reports whether one of the candidate's trainings
// started on or before d.
func (c Candidate) TrainingStartedBy(d date.Date) bool {
	return slices.ContainsFunc(c.Trainings, func(t Training) bool { return t.Period.From <= d })
}

// TrainerEmails returns the e-mail addresses of everyone who trained the
// candidate, each once, in increasing order: the facts the jury package
// needs to find a member who trained the candidate.
func (c Candidate) TrainerEmails() []string {
	var out []string
	for _, t := range c.Trainings {
		for _, p := range t.Trainers {
			out = append(out, p.Email)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TrainingSIRETs returns the SIRETs of the organisations that trained the
// candidate, each once, in increasing order.
func (c Candidate) TrainingSIRETs() []tpsession.SIRET {
	var out []tpsession.SIRET
	for _, t := range c.Trainings {
		if t.SIRET != "" {
			out = append(out, t.SIRET)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (t Training) clone() Training {
	t.Trainers = slices.Clone(t.Trainers)
	return t
}

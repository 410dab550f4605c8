package session

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session/exam"
)

// The exam days and what follows them (docs/rules.md#the-exam-days): each
// command runs in one transaction that loads the session, what the exam's
// rules read of it (exam.Facts), and its exam record (created empty the
// first time), applies the rule of package exam, stores the record and
// records the event; the last signature that completes the procès-verbal
// closes the session in the same transaction.

// ExamState is a session's exam record with what its procès-verbal still
// lacks.
type ExamState struct {
	Record exam.Record
	// Pending lists, candidate by candidate, the decision or the
	// signatures the procès-verbal awaits; empty once it is complete.
	Pending []exam.Pending
	// MissingStatements lists the candidates of a remote session sitting
	// remotely whose modality the procès-verbal does not state yet.
	MissingStatements []tpsession.CandidateID
	// Quorum is the fewest members present without conflict that may
	// deliberate on a candidate.
	Quorum int
}

// Exam returns the session's exam record, empty until something is
// recorded, with what its procès-verbal lacks.
func (s *Service) Exam(ctx context.Context, by Actor, sid tpsession.SessionID) (ExamState, error) {
	ses, err := s.Session(ctx, by, sid)
	if err != nil {
		return ExamState{}, err
	}
	o := s.begin()
	f, err := s.examFacts(ctx, by, ses, o)
	if err != nil {
		return ExamState{}, err
	}
	rec, err := s.examRecord(ctx, by.Centre, sid)
	if err != nil {
		return ExamState{}, err
	}
	return ExamState{Record: rec, Pending: rec.Pending(f), MissingStatements: rec.MissingStatements(f), Quorum: s.exam.QuorumInForce()}, nil
}

// ExamFacts returns what the exam's rules read of the session now: its
// registered candidates with their panels and conflicts, the members of
// its jury, the rules in force. The documents name people from it.
func (s *Service) ExamFacts(ctx context.Context, by Actor, sid tpsession.SessionID) (exam.Facts, error) {
	ses, err := s.Session(ctx, by, sid)
	if err != nil {
		return exam.Facts{}, err
	}
	return s.examFacts(ctx, by, ses, s.begin())
}

// examRecord returns the stored record, or an empty one.
func (s *Service) examRecord(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) (exam.Record, error) {
	rec, err := s.st.Exams.Record(ctx, centre, sid)
	if errors.Is(err, exam.ErrRecordNotFound) {
		return exam.New(centre, sid), nil
	}
	return rec, err
}

// examFacts describes the session to package exam.
func (s *Service) examFacts(ctx context.Context, by Actor, ses Session, o op) (exam.Facts, error) {
	f := exam.Facts{
		Session: exam.Session{ID: ses.ID, Kind: ses.Kind, Days: ses.Dates(), Remote: ses.Modality.IsRemote(), Responsable: ses.Responsable.Name},
		Now:     exam.Now{At: o.now, Today: o.today, Loc: s.loc},
		Rules:   s.exam,
	}
	sj, err := s.st.Juries.SessionJury(ctx, by.Centre, ses.ID)
	if err != nil {
		return exam.Facts{}, err
	}
	members, err := s.st.Members.Members(ctx, by.Centre)
	if err != nil {
		return exam.Facts{}, err
	}
	byID := make(map[tpsession.MemberID]jury.Member, len(members))
	for _, m := range members {
		byID[m.ID] = m
	}
	for _, id := range sj.AcceptedMembers() {
		f.Members = append(f.Members, exam.Member{ID: id, Name: byID[id].Name})
	}
	regs, err := s.activeRegistrations(ctx, by, ses.ID)
	if err != nil {
		return exam.Facts{}, err
	}
	tf := s.titleOf(ses)
	for _, r := range regs {
		c, err := s.st.Candidates.Candidate(ctx, by.Centre, r.Candidate)
		if err != nil {
			return exam.Facts{}, err
		}
		ec := exam.Candidate{ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Training: c.Route != candidate.RouteVAE,
			Trainers: c.TrainerEmails(), Remote: r.Modality.IsRemote()}
		switch ses.Kind {
		case tpsession.KindTitre:
			if tf.known {
				ec.CCPs = tf.rev.CCPCodes()
			}
		case tpsession.KindCCP:
			ec.CCPs = r.CCPs
			if len(ec.CCPs) == 0 {
				ec.CCPs = ses.CCPs
			}
			if len(ec.CCPs) == 0 {
				ec.CCPs = nil
			}
		}
		if p, ok := sj.Assignment.PanelOf(c.ID); ok {
			ec.Panel = p.Members
			jc := JuryCandidate(c)
			for _, m := range p.Members {
				if len(jury.FindConflicts(byID[m], jc, sj.Conflicts, s.jury.Conflicts)) > 0 {
					ec.Conflicted = append(ec.Conflicted, m)
				}
			}
		}
		f.Candidates = append(f.Candidates, ec)
	}
	return f, nil
}

// phase is when a step of the exam may be taken, by the session's status.
type phase int

const (
	// fromPreparation: until the session is cancelled (the procès-verbal
	// closed refuses it then).
	fromPreparation phase = iota
	// examDays: while the session is opened, before it closes.
	examDays
	// fromOpening: once the session is opened, closed or not.
	fromOpening
	// fromClosing: once the procès-verbal is closed.
	fromClosing
)

// check returns the refusal of a step in this phase for session ses.
func (p phase) check(ses Session) error {
	st := ses.Status()
	switch {
	case st == StatusCancelled:
		return ErrNotWritable.Withf("session %s was cancelled on %s", ses.ID, ses.Milestones().CancelledOn)
	case (p == fromOpening || p == examDays) && (st != StatusOpened && st != StatusClosed && st != StatusValidated):
		return ErrNotOpened.Withf("session %s is %s: the exam days are recorded once it is opened", ses.ID, st)
	case p == examDays && st != StatusOpened:
		// A session closed by hand before its procès-verbal was kept
		// here has an open record: it is closed all the same.
		return exam.ErrPVClosed.Withf("session %s was closed on %s: its exam days can no longer change", ses.ID, ses.Milestones().ClosedOn)
	case p == fromClosing && st != StatusClosed && st != StatusValidated:
		return ErrNotClosed.Withf("session %s is %s: this follows the procès-verbal, once every jury member has signed it", ses.ID, st)
	}
	return nil
}

// examStep runs one command of the exam (see the top of this file). fn
// returns the event's action and detail. Bad input is reported before the
// session's state (docs/http-api.md#order-of-checks).
func (s *Service) examStep(ctx context.Context, by Actor, sid tpsession.SessionID, p phase,
	fn func(rec *exam.Record, f exam.Facts) (action, detail string, err error)) (exam.Record, error) {
	if err := checkActor(by); err != nil {
		return exam.Record{}, err
	}
	var out exam.Record
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		ses, err := s.st.Sessions.Session(ctx, by.Centre, sid)
		if err != nil {
			return err
		}
		f, err := s.examFacts(ctx, by, ses, o)
		if err != nil {
			return err
		}
		if err := s.ensureExam(ctx, by.Centre, sid); err != nil {
			return err
		}
		var action, detail string
		err = s.st.Exams.UpdateRecord(ctx, by.Centre, sid, func(rec *exam.Record) error {
			var err error
			action, detail, err = fn(rec, f)
			if err != nil && tpsession.KindOf(err) == tpsession.Invalid {
				return err
			}
			if perr := p.check(ses); perr != nil {
				return perr
			}
			out = rec.Clone()
			return err
		})
		if err != nil {
			return err
		}
		if err := s.record(ctx, by, sid, o, action, "%s", detail); err != nil {
			return err
		}
		if out.Closed() && ses.Status() == StatusOpened {
			return s.closeSession(ctx, by, o, sid)
		}
		return nil
	})
	if err != nil {
		return exam.Record{}, err
	}
	return out, nil
}

// ensureExam creates the session's empty exam record when it has none.
func (s *Service) ensureExam(ctx context.Context, centre tpsession.CentreID, sid tpsession.SessionID) error {
	_, err := s.st.Exams.Record(ctx, centre, sid)
	if !errors.Is(err, exam.ErrRecordNotFound) {
		return err
	}
	if err := s.st.Exams.CreateRecord(ctx, exam.New(centre, sid)); err != nil && !errors.Is(err, exam.ErrDuplicateRecord) {
		return err
	}
	return nil
}

// closeSession records the session closed, its procès-verbal complete.
func (s *Service) closeSession(ctx context.Context, by Actor, o op, sid tpsession.SessionID) error {
	err := s.st.Sessions.UpdateSession(ctx, by.Centre, sid, func(ses *Session) error { return ses.Close(o.today) })
	if err != nil {
		return err
	}
	return s.record(ctx, by, sid, o, ActionSessionClosed, "every jury member has signed the procès-verbal: closed on %s", o.today)
}

// PutSitting records a sitting of an épreuve, or replaces it, until the
// procès-verbal closes (docs/rules.md#sittings).
func (s *Service) PutSitting(ctx context.Context, by Actor, sid tpsession.SessionID, key string, in exam.SittingInput) (exam.Sitting, error) {
	var out exam.Sitting
	_, err := s.examStep(ctx, by, sid, fromPreparation, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		st, err := rec.PutSitting(f, key, in)
		out = st
		return ActionExamSitting, fmt.Sprintf("sitting %q (%s) on %s from %s to %s, %d candidate(s)%s", key, st.Label, st.Day, st.Start, st.End, len(st.Candidates), flags(st)), err
	})
	return out, err
}

func flags(st exam.Sitting) string {
	var fs []string
	if st.Final {
		fs = append(fs, "entretien final")
	}
	if st.DangerousEquipment {
		fs = append(fs, "dangerous equipment")
	}
	if len(fs) == 0 {
		return ""
	}
	return ", " + strings.Join(fs, ", ")
}

// SetSurveillants names the surveillants of a sitting
// (docs/rules.md#surveillance).
func (s *Service) SetSurveillants(ctx context.Context, by Actor, sid tpsession.SessionID, key string, in []exam.SurveillantInput) (exam.Sitting, error) {
	var out exam.Sitting
	_, err := s.examStep(ctx, by, sid, fromPreparation, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		st, err := rec.SetSurveillants(f, key, in)
		out = st
		var names []string
		for _, v := range st.Surveillants {
			names = append(names, v.Name+" ("+string(v.Role)+")")
		}
		return ActionExamSurveillants, fmt.Sprintf("surveillants of %q: %s", key, orNone(names)), err
	})
	return out, err
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// RecordAttendance records a candidate's attendance at a sitting
// (docs/rules.md#identity-check, docs/rules.md#late-arrival).
func (s *Service) RecordAttendance(ctx context.Context, by Actor, sid tpsession.SessionID, key string, cid tpsession.CandidateID, in exam.AttendanceInput) (exam.Attendance, error) {
	var out exam.Attendance
	_, err := s.examStep(ctx, by, sid, examDays, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		a, err := rec.RecordAttendance(f, by.Name, key, cid, in)
		out = a
		detail := fmt.Sprintf("%s at %q: %s", candidateName(f, cid), key, a.Status)
		if a.Late != nil {
			who := "refused"
			if a.Late.Admitted {
				who = fmt.Sprintf("admitted with %d minutes left", a.Late.MinutesLeft)
			}
			detail += fmt.Sprintf(", arrived at %s, %d minutes late, %s by %s", a.Arrived, a.Late.MinutesLate, who, a.Late.DecidedBy)
		}
		if a.Identity != nil {
			detail += ", identity checked by " + a.Identity.By
		}
		return ActionExamAttendance, detail, err
	})
	return out, err
}

func candidateName(f exam.Facts, c tpsession.CandidateID) string {
	for _, x := range f.Candidates {
		if x.ID == c {
			return x.Name()
		}
	}
	return string(c)
}

func memberName(f exam.Facts, m tpsession.MemberID) string {
	for _, x := range f.Members {
		if x.ID == m && x.Name != "" {
			return x.Name
		}
	}
	return string(m)
}

// RecordPresence records a jury member's presence on a day of the session,
// or with an empty member the responsable de session's
// (docs/rules.md#responsable-de-session-on-site).
func (s *Service) RecordPresence(ctx context.Context, by Actor, sid tpsession.SessionID, member tpsession.MemberID, day date.Date, in exam.PresenceInput) (exam.Presence, error) {
	var out exam.Presence
	_, err := s.examStep(ctx, by, sid, examDays, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		p, err := rec.RecordPresence(f, by.Name, member, day, in)
		out = p
		what := "absent"
		if p.Present {
			what = "present from " + p.Arrived.String()
		}
		return ActionExamPresence, fmt.Sprintf("%s on %s: %s", p.Name, day, what), err
	})
	return out, err
}

// SignSheet records a signature at the foot of an attendance sheet.
func (s *Service) SignSheet(ctx context.Context, by Actor, sid tpsession.SessionID, sheet string, in exam.SheetSignatureInput) (exam.SheetSignature, error) {
	var out exam.SheetSignature
	_, err := s.examStep(ctx, by, sid, examDays, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		sig, err := rec.SignSheet(f, by.Name, sheet, in)
		out = sig
		return ActionExamSheetSigned, fmt.Sprintf("sheet %q signed by %s (%s)", sheet, sig.Name, sig.Role), err
	})
	return out, err
}

// ReportIncident records an incident report (docs/rules.md#incidents).
func (s *Service) ReportIncident(ctx context.Context, by Actor, sid tpsession.SessionID, in exam.IncidentInput) (exam.Incident, error) {
	var out exam.Incident
	_, err := s.examStep(ctx, by, sid, examDays, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		inc, err := rec.ReportIncident(f, by.Name, in)
		out = inc
		var names []string
		for _, c := range inc.Candidates {
			names = append(names, candidateName(f, c))
		}
		return ActionExamIncident, fmt.Sprintf("report %d, %s, candidates: %s, %d witness(es)", inc.Number, inc.Kind, orNone(names), len(inc.Witnesses)), err
	})
	return out, err
}

// SignIncident adds a witness's signature to an incident report.
func (s *Service) SignIncident(ctx context.Context, by Actor, sid tpsession.SessionID, number int, in exam.WitnessInput) (exam.Incident, error) {
	var out exam.Incident
	_, err := s.examStep(ctx, by, sid, examDays, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		inc, err := rec.SignIncident(f, number, in)
		out = inc
		return ActionExamWitness, fmt.Sprintf("report %d signed by a witness (%d)", number, len(inc.Witnesses)), err
	})
	return out, err
}

// StateModality records how a candidate sat a remote session, for the
// procès-verbal (docs/rules.md#validation).
func (s *Service) StateModality(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, statement string) (exam.ModalityStatement, error) {
	var out exam.ModalityStatement
	_, err := s.examStep(ctx, by, sid, fromOpening, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		st, err := rec.StateModality(f, by.Name, cid, statement)
		out = st
		return ActionExamModality, fmt.Sprintf("remote modality of %s stated", candidateName(f, cid)), err
	})
	return out, err
}

// Constate records a PV de constatation: the jury cannot deliberate on
// some candidates, who are to be convened again
// (docs/rules.md#jury-quorum). It may complete the procès-verbal, and so
// close the session.
func (s *Service) Constate(ctx context.Context, by Actor, sid tpsession.SessionID, in exam.ConstatationInput) (exam.Constatation, error) {
	var out exam.Constatation
	_, err := s.examStep(ctx, by, sid, examDays, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		k, err := rec.Constate(f, by.Name, in)
		if err != nil {
			return "", "", err
		}
		out = k
		var names []string
		for _, c := range k.Candidates {
			names = append(names, candidateName(f, c))
		}
		return ActionExamConstatation, fmt.Sprintf("PV de constatation %d of %s: the jury cannot deliberate on %s, to be convened again", k.Number, k.Day, strings.Join(names, ", ")),
			closeIfComplete(rec, f)
	})
	return out, err
}

// closeIfComplete closes the record once nothing is pending.
func closeIfComplete(rec *exam.Record, f exam.Facts) error {
	if len(rec.Pending(f)) == 0 && !rec.Closed() {
		return rec.Close(f)
	}
	return nil
}

// Decide records the jury's decision on a candidate, made by the jury
// member the actor is (by.Member): only a member of the candidate's panel,
// present that day and without conflict, deliberates, with at least the
// quorum (docs/rules.md#deliberation).
func (s *Service) Decide(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, in exam.DecisionInput) (exam.Decision, error) {
	var out exam.Decision
	_, err := s.examStep(ctx, by, sid, examDays, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		d, err := rec.Decide(f, by.Member, cid, in)
		out = d
		return ActionDecisionRecorded, fmt.Sprintf("decision on %s: %s%s, by %s with %s", candidateName(f, cid), d.Outcome, ccpSummary(d.CCPs),
			memberName(f, d.RecordedBy), names(f, d.Deliberators)), err
	})
	return out, err
}

func ccpSummary(ccps []exam.CCPResult) string {
	if len(ccps) == 0 {
		return ""
	}
	var parts []string
	for _, c := range ccps {
		if c.Acquired {
			parts = append(parts, c.Code+" acquired")
		} else {
			parts = append(parts, c.Code+" not acquired")
		}
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func names(f exam.Facts, ms []tpsession.MemberID) string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = memberName(f, m)
	}
	return strings.Join(out, ", ")
}

// SignDecision records the signature, by the jury member the actor is, of
// the decision on a candidate. The signature that completes the
// procès-verbal closes the session (docs/rules.md#the-procès-verbal).
func (s *Service) SignDecision(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID) (exam.Decision, error) {
	var out exam.Decision
	_, err := s.examStep(ctx, by, sid, examDays, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		d, err := rec.Sign(f, by.Member, cid)
		if err != nil {
			return "", "", err
		}
		out = d
		return ActionDecisionSigned, fmt.Sprintf("decision on %s signed by %s", candidateName(f, cid), memberName(f, by.Member)), closeIfComplete(rec, f)
	})
	return out, err
}

// Amend records an amendment of a decision after the procès-verbal closed,
// proposed by the jury member the actor is.
func (s *Service) Amend(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, in exam.AmendmentInput) (exam.Amendment, error) {
	var out exam.Amendment
	_, err := s.examStep(ctx, by, sid, fromClosing, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		a, err := rec.Amend(f, by.Member, cid, in)
		out = a
		return ActionAmendmentRecorded, fmt.Sprintf("amendment %d of the decision on %s: %s%s, proposed by %s; reason: %s", a.Number, candidateName(f, cid), a.Outcome, ccpSummary(a.CCPs),
			memberName(f, by.Member), a.Reason), err
	})
	return out, err
}

// SignAmendment records the signature of an amendment by the jury member
// the actor is.
func (s *Service) SignAmendment(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, number int) (exam.Amendment, error) {
	var out exam.Amendment
	_, err := s.examStep(ctx, by, sid, fromClosing, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		a, err := rec.SignAmendment(f, by.Member, cid, number)
		out = a
		detail := fmt.Sprintf("amendment %d of the decision on %s signed by %s", number, candidateName(f, cid), memberName(f, by.Member))
		if err == nil && a.Effective() {
			detail += ": in force"
		}
		return ActionAmendmentSigned, detail, err
	})
	return out, err
}

// Close closes an opened session whose procès-verbal is complete: every
// registered candidate has a decision signed by every deliberating member,
// or is to be convened again (exam.ErrPVIncomplete otherwise, naming what
// it lacks). The last signature closes the session by itself; Close
// closes one where nothing remained to sign, such as a session without
// candidates.
func (s *Service) Close(ctx context.Context, by Actor, sid tpsession.SessionID) (Session, error) {
	if err := checkActor(by); err != nil {
		return Session{}, err
	}
	var out Session
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		ses, err := s.st.Sessions.Session(ctx, by.Centre, sid)
		if err != nil {
			return err
		}
		probe := ses
		if err := probe.Close(o.today); err != nil {
			return err
		}
		f, err := s.examFacts(ctx, by, ses, o)
		if err != nil {
			return err
		}
		if err := s.ensureExam(ctx, by.Centre, sid); err != nil {
			return err
		}
		if err := s.st.Exams.UpdateRecord(ctx, by.Centre, sid, func(rec *exam.Record) error { return rec.Close(f) }); err != nil {
			return err
		}
		if err := s.closeSession(ctx, by, o, sid); err != nil {
			return err
		}
		out, err = s.st.Sessions.Session(ctx, by.Centre, sid)
		return err
	})
	if err != nil {
		return Session{}, err
	}
	return out, nil
}

// RecordPVSent records the day the procès-verbal was sent to the
// administration, today when on is zero.
func (s *Service) RecordPVSent(ctx context.Context, by Actor, sid tpsession.SessionID, on date.Date) (exam.Fact, error) {
	var out exam.Fact
	_, err := s.examStep(ctx, by, sid, fromClosing, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		fact, err := rec.RecordPVSent(f, by.Name, orToday(on, f.Now.Today))
		out = fact
		return ActionPVSent, fmt.Sprintf("procès-verbal sent to the administration on %s", fact.On), err
	})
	return out, err
}

// Validate records the administration's validation of the session's
// results by the controller the actor is, and feeds each candidate's
// history with the decision as it stands (docs/rules.md#validation). The
// session becomes validated.
func (s *Service) Validate(ctx context.Context, by Actor, sid tpsession.SessionID, in exam.ValidationInput) (Session, error) {
	if err := checkActor(by); err != nil {
		return Session{}, err
	}
	var out Session
	err := s.atomic(ctx, func(ctx context.Context, o op) error {
		rec, err := s.examStep(ctx, by, sid, fromClosing, func(rec *exam.Record, f exam.Facts) (string, string, error) {
			v, err := rec.Validate(f, by.Name, in)
			detail := fmt.Sprintf("results validated by the administration on %s, recorded by %s", v.On, v.By)
			if v.Reference != "" {
				detail += ", reference " + v.Reference
			}
			return ActionSessionValidated, detail, err
		})
		if err != nil {
			return err
		}
		err = s.st.Sessions.UpdateSession(ctx, by.Centre, sid, func(ses *Session) error {
			if err := ses.Validate(rec.Validation.On); err != nil {
				return err
			}
			out = *ses
			return nil
		})
		if err != nil {
			return err
		}
		for _, d := range rec.Finals() {
			if _, err := s.recordOutcome(ctx, by, o, out, d.Candidate, Outcome{Outcome: candidate.Outcome(d.Outcome), Acquired: d.Acquired()}, d.Day); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Session{}, err
	}
	return out, nil
}

// Issue records a document the administration issued for a candidate on
// the validated results: the parchemin, the livret de certification, the
// CCS certificate.
func (s *Service) Issue(ctx context.Context, by Actor, sid tpsession.SessionID, cid tpsession.CandidateID, doc exam.Document, in exam.IssuanceInput) (exam.Issuance, error) {
	var out exam.Issuance
	_, err := s.examStep(ctx, by, sid, fromClosing, func(rec *exam.Record, f exam.Facts) (string, string, error) {
		is, err := rec.Issue(f, by.Name, cid, doc, in)
		out = is
		detail := fmt.Sprintf("%s of %s issued on %s", doc, candidateName(f, cid), is.IssuedOn)
		if is.DeliveredOn != date.Zero {
			detail += ", delivered on " + is.DeliveredOn.String()
		}
		return ActionDocumentIssued, detail, err
	})
	return out, err
}

package webui

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// The pages: the sessions list and a session's page.

type sessionsPage struct {
	frame
	CanCreate    bool
	ShowDeadline bool
	ShowInvite   bool
	Filter       string
	Statuses     []option
	Rows         []sessionRow
	Today        string
}

func (sessionsPage) PageTitle() string { return "Sessions" }

type sessionRow struct {
	URL, Code, Name, Kind, Site, Dates string
	Status, StatusClass                string
	Next                               *deadlineView
	Invitation                         string
}

// deadlineView is a deadline as the pages show it.
type deadlineView struct {
	Key, Label, Due, Relative, Status, Class, DoneOn, Note string
	Advisory                                               bool
}

func deadlineOf(d session.Deadline, today date.Date) deadlineView {
	return deadlineView{
		Key: string(d.Key), Label: d.Label, Due: shortDate(d.Due), Relative: daysFromNow(d.Due, today), Status: word(deadlineStatusFR, d.Status),
		Class: "echeance-" + strings.ReplaceAll(string(d.Status), "_", "-"), DoneOn: shortDate(d.DoneOn), Note: d.Note, Advisory: d.Advisory,
	}
}

// nextDeadline is the deadline not done yet that falls first; nil when
// every step is done or nothing is due any more.
func nextDeadline(ds []session.Deadline) *session.Deadline {
	var next *session.Deadline
	for i, d := range ds {
		if d.Status == session.DeadlineDone || d.Status == session.DeadlinePending && strings.HasPrefix(d.Note, "the session was cancelled") {
			continue
		}
		if next == nil || d.Due < next.Due {
			next = &ds[i]
		}
	}
	return next
}

func (u *UI) sessionsPage(rq *req) error {
	if err := rq.must(session.ActionListSessions); err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	f := session.Filter{}
	if s := rq.r.URL.Query().Get("statut"); s != "" {
		st, err := session.ParseStatus(s)
		fe.AddErr("statut", err)
		f.Status = st
	}
	if err := fe.Err(tpsession.ErrInvalidInput); err != nil {
		return err
	}
	today := u.svc.Today()
	page := sessionsPage{
		frame: rq.frame(), CanCreate: rq.can(session.ActionManageSession), ShowDeadline: rq.can(session.ActionReadTimeline),
		ShowInvite: rq.actor.Role == session.RoleJury, Filter: string(f.Status), Today: documents.DateFR(today),
	}
	page.Statuses = append(page.Statuses, option{Value: "", Label: "Tous les statuts", Selected: f.Status == ""})
	for _, s := range session.Statuses {
		page.Statuses = append(page.Statuses, option{Value: string(s), Label: word(sessionStatusFR, s), Selected: f.Status == s})
	}
	var list []session.Session
	invitations := map[tpsession.SessionID]jury.Invitation{}
	if rq.actor.Role == session.RoleJury {
		if rq.actor.Member != "" {
			invited, err := u.svc.SessionsOfMember(rq.ctx, rq.actor, rq.actor.Member, f)
			if err != nil {
				return err
			}
			for _, is := range invited {
				invitations[is.Session.ID] = is.Invitation
			}
			list = u.policy.VisibleSessions(rq.actor, invited)
		}
	} else {
		var err error
		if list, err = u.svc.Sessions(rq.ctx, rq.actor, f); err != nil {
			return err
		}
	}
	for _, s := range list {
		row := sessionRow{
			URL: u.base + "/sessions/" + string(s.ID), Code: string(s.Title), Name: s.TitleName, Kind: word(kindFR, s.Kind),
			Site: s.Site, Dates: datesFR(s.Start, s.End), Status: word(sessionStatusFR, s.Status()), StatusClass: "statut-" + string(s.Status()),
		}
		if page.ShowDeadline {
			ds, err := u.svc.Timeline(rq.ctx, rq.actor, s.ID)
			if err != nil {
				return err
			}
			if next := nextDeadline(ds); next != nil {
				v := deadlineOf(*next, today)
				row.Next = &v
			}
		}
		if inv, ok := invitations[s.ID]; ok {
			row.Invitation = word(invitationFR, inv.Status())
		}
		page.Rows = append(page.Rows, row)
	}
	u.render(rq, http.StatusOK, "sessions", page)
	return nil
}

// datesFR writes a session's days: "du lun. 7 juin au mer. 9 juin 2027".
func datesFR(start, end date.Date) string {
	if start == end {
		return shortDate(start)
	}
	return "du " + shortDate(start) + " au " + shortDate(end)
}

// loadSession loads the session the path names, as the user may see it:
// another centre's, and one a jury member holds no active invitation to,
// do not exist (session.Policy.SessionVisible).
func (rq *req) loadSession() (session.Session, error) {
	sid, err := tpsession.ParseSessionID(rq.r.PathValue("sid"))
	if err != nil {
		return session.Session{}, session.ErrSessionNotFound
	}
	ses, err := rq.ui.svc.Session(rq.ctx, rq.actor, sid)
	if err != nil {
		return session.Session{}, err
	}
	if rq.actor.Role == session.RoleJury {
		sj, err := rq.ui.svc.SessionJury(rq.ctx, rq.actor, sid)
		if err != nil {
			return session.Session{}, err
		}
		if err := rq.ui.policy.SessionVisible(rq.actor, sj); err != nil {
			return session.Session{}, err
		}
	}
	return ses, rq.must(session.ActionReadSession)
}

// sessionPage is everything a session's page shows; each part is nil or
// empty when the user's role may not read it.
type sessionPage struct {
	frame
	URL      string
	Form     *form
	Session  sessionSummary
	Writable bool
	// Actions the role may take.
	CanManage, CanPlan, CanManageJury, CanManageCandidates, CanManagePli, CanCheck bool

	Timeline   []deadlineView
	Readiness  *readinessView
	Plan       *planSummary
	Jury       *juryView
	Candidates *candidatesView
	Pli        *pliView
	Checklist  *checklistView
	Documents  []docLink
	Events     []eventView
	Sections   []docLink
}

func (p sessionPage) PageTitle() string { return p.Session.Name + " (" + p.Session.Code + ")" }

type sessionSummary struct {
	ID, Code, Name, Title, Kind, Site, Dates, Status, StatusClass string
	Planned                                                       int
	Responsable, Computers                                        string
	Declared, CanDeclare, CanOpen                                 bool
	StartsToday                                                   bool
	Start                                                         string
}

type readinessView struct {
	Ready    bool
	Blocking []findingView
	Warnings []findingView
}

type findingView struct{ Title, Message, Item string }

type planSummary struct {
	URL                                 string
	Feasible, Optimal                   bool
	Days, Juries, Members, Candidates   int
	BoundDays, BoundJuries              int
	Reason, Computed, FirstDay, LastDay string
	Registered                          int
	TooSmall                            bool
}

type juryView struct {
	Invitations []invitationView
	Invitable   []option
	Panels      []panelView
	Reserves    []string
	AssignedOn  string
	Conflicts   []conflictView
	// Own is the jury member's own invitation, which it may answer.
	Own *invitationView
}

type invitationView struct {
	MemberID, Name, Email, Status, StatusClass, InvitedOn, AnsweredOn string
	Answerable                                                        bool
	Calendar                                                          string
}

type panelView struct {
	Jury       int
	Members    []string
	Candidates []string
}

type conflictView struct{ Member, Candidate, Reason, Note, Source string }

type candidatesView struct {
	Rows []candidateRow
	// Known are the centre's candidates not registered to the session,
	// whom the register form offers to register as they are recorded;
	// MoreKnown says that the list stops at maxKnown.
	Known     []option
	MoreKnown bool
}

// maxKnown bounds the known candidates the register form lists; past it,
// a person known to the centre is still found when their names and birth
// date are typed (docs/rules.md#known-candidates).
const maxKnown = 300

type candidateRow struct {
	ID, Name, Birth, Route, State, StateClass string
	Appointment, Place, ValidatedOn, Delivery string
	Documents                                 []docLink
	Draftable, Validatable, Deliverable       bool
	Drafted                                   bool
	DraftPlace, DraftDocuments, DraftPPE      string
	DraftAppointment                          string
	Sent                                      bool
	DeliveryMethod                            string
}

type pliView struct {
	Status, OrderedOn, ReceivedOn, Location, Custodian, SecuredAt, OpenedAt string
	Witnesses                                                               []string
	Materials                                                               []string
	Custody                                                                 []custodyRow
	Verified                                                                bool
	VerifyError, Head, HeadShort                                            string
	Anchored                                                                string
	Orderable                                                               bool
}

type custodyRow struct {
	N                                          int
	At, Actor, Action, Detail, Hash, HashShort string
}

type checklistView struct {
	Items     []itemView
	Equipment []equipmentView
}

type itemView struct {
	Key, Label, Status, StatusClass, Note, CheckedBy, CheckedOn string
	Options                                                     []option
}

type equipmentView struct{ Name, Available, Operational, RecordedBy string }

type docLink struct{ URL, Label, Kind string }

type eventView struct{ At, Actor, Action, Detail string }

func (u *UI) sessionPage(rq *req) error { return u.showSession(rq, http.StatusOK, nil) }

// showSession renders a session's page; f is a refused form to show again
// with its errors, answered with status.
func (u *UI) showSession(rq *req, status int, f *form) error {
	ses, err := rq.loadSession()
	if err != nil {
		return err
	}
	today := u.svc.Today()
	url := u.base + "/sessions/" + string(ses.ID)
	p := sessionPage{
		frame: rq.frame(), URL: url, Form: f, Writable: ses.CheckWritable() == nil,
		CanManage: rq.can(session.ActionManageSession), CanPlan: rq.can(session.ActionPlanSession),
		CanManageJury: rq.can(session.ActionManageJury), CanManageCandidates: rq.can(session.ActionManageCandidates),
		CanManagePli: rq.can(session.ActionManagePli), CanCheck: rq.can(session.ActionManageChecklist),
	}
	m := ses.Milestones()
	p.Session = sessionSummary{
		ID: string(ses.ID), Code: string(ses.Title), Name: ses.TitleName, Title: documents.TitleFR(ses), Kind: word(kindFR, ses.Kind),
		Site: ses.Site, Dates: documents.PeriodFR(ses.Start, ses.End), Status: word(sessionStatusFR, ses.Status()),
		StatusClass: "statut-" + string(ses.Status()), Planned: ses.PlannedCandidates,
		Responsable: ses.Responsable.Name + " <" + ses.Responsable.Email + ">", Computers: "non",
		Declared: m.DeclaredOn != date.Zero, StartsToday: ses.Start == today, Start: shortDate(ses.Start),
	}
	if ses.UsesComputers {
		p.Session.Computers = "oui"
	}
	p.Session.CanDeclare = p.CanManage && p.Writable && !p.Session.Declared
	p.Session.CanOpen = p.CanManage && p.Writable
	if rq.can(session.ActionReadTimeline) {
		p.Sections = append(p.Sections, docLink{URL: "#echeances", Label: "Échéances"})
		ds, err := u.svc.Timeline(rq.ctx, rq.actor, ses.ID)
		if err != nil {
			return err
		}
		for _, d := range ds {
			p.Timeline = append(p.Timeline, deadlineOf(d, today))
		}
	}
	if rq.can(session.ActionReadReadiness) && ses.Status() != session.StatusCancelled {
		p.Sections = append(p.Sections, docLink{URL: "#preparation", Label: "Ce qui bloque l'ouverture"})
		r, err := u.svc.Readiness(rq.ctx, rq.actor, ses.ID)
		if err != nil {
			return err
		}
		rv := &readinessView{Ready: r.Ready()}
		for _, fd := range r.Findings {
			v := findingView{Title: word(findingFR, fd.Code), Message: fd.Message, Item: fd.Item}
			if fd.Severity == checklist.SeverityBlocking {
				rv.Blocking = append(rv.Blocking, v)
			} else {
				rv.Warnings = append(rv.Warnings, v)
			}
		}
		p.Readiness = rv
	}
	var regs []candidate.Registration
	if rq.can(session.ActionReadCandidates) {
		if regs, err = u.svc.Registrations(rq.ctx, rq.actor, ses.ID); err != nil {
			return err
		}
	}
	if rq.can(session.ActionReadPlan) {
		p.Sections = append(p.Sections, docLink{URL: "#plan", Label: "Plan"})
		rec, err := u.svc.Plan(rq.ctx, rq.actor, ses.ID)
		switch {
		case errors.Is(err, plan.ErrPlanNotFound):
			p.Plan = &planSummary{URL: url + "/plan"}
		case err != nil:
			return err
		default:
			p.Plan = summarisePlan(rec, url+"/plan", u)
			p.Plan.Registered = len(regs)
			p.Plan.TooSmall = rq.can(session.ActionReadCandidates) && len(regs) > rec.Input.Candidates
		}
	}
	cands := map[tpsession.CandidateID]candidate.Candidate{}
	for _, r := range regs {
		c, err := u.svc.Candidate(rq.ctx, rq.actor, r.Candidate)
		if err != nil {
			return err
		}
		cands[c.ID] = c
	}
	if rq.can(session.ActionListInvitations) {
		p.Sections = append(p.Sections, docLink{URL: "#jury", Label: "Jury"})
		if p.Jury, err = u.juryOf(rq, ses, cands); err != nil {
			return err
		}
	}
	if rq.can(session.ActionReadCandidates) {
		p.Sections = append(p.Sections, docLink{URL: "#candidats", Label: "Candidats et convocations"})
		p.Candidates = u.candidatesOf(ses, regs, cands, url, p.CanManageCandidates && p.Writable)
		if p.CanManageCandidates && p.Writable {
			if err := u.knownCandidates(rq, cands, p.Candidates); err != nil {
				return err
			}
		}
	}
	if rq.can(session.ActionReadPli) {
		pl, err := u.svc.Pli(rq.ctx, rq.actor, ses.ID)
		if err != nil {
			return err
		}
		if u.policy.PliVisible(rq.actor, pl) == nil {
			p.Sections = append(p.Sections, docLink{URL: "#pli", Label: "Pli et registre de garde"})
			var events []session.Event
			if rq.can(session.ActionReadEvents) {
				if events, err = u.svc.Events(rq.ctx, rq.actor, ses.ID); err != nil {
					return err
				}
			}
			p.Pli = u.pliOf(pl, events)
			p.Pli.Orderable = p.CanManagePli && p.Writable && pl.OrderedOn == date.Zero
		}
	}
	if rq.can(session.ActionReadChecklist) {
		p.Sections = append(p.Sections, docLink{URL: "#controles", Label: "Liste de contrôle"})
		cl, err := u.svc.Checklist(rq.ctx, rq.actor, ses.ID)
		if err != nil {
			return err
		}
		p.Checklist = checklistOf(cl)
	}
	p.Documents = u.documentLinks(rq, ses, p.Plan != nil && p.Plan.Feasible, p.Jury)
	if len(p.Documents) > 0 {
		p.Sections = append(p.Sections, docLink{URL: "#documents", Label: "Documents"})
	}
	if rq.can(session.ActionReadEvents) {
		p.Sections = append(p.Sections, docLink{URL: "#journal", Label: "Journal"})
		events, err := u.svc.Events(rq.ctx, rq.actor, ses.ID)
		if err != nil {
			return err
		}
		for i := len(events) - 1; i >= 0; i-- {
			e := events[i]
			p.Events = append(p.Events, eventView{At: instant(e.At, u.loc), Actor: e.Actor, Action: e.Action, Detail: e.Detail})
		}
	}
	u.render(rq, status, "session", p)
	return nil
}

// summarisePlan tells a plan's size, its bounds and whether it meets them
// (docs/planning.md#output: a plan that meets them is optimal).
func summarisePlan(rec plan.Record, url string, u *UI) *planSummary {
	pl := rec.Plan
	s := &planSummary{
		URL: url, Feasible: pl.Feasible, Juries: pl.Juries, Members: pl.Members, Days: len(pl.Days), Candidates: rec.Input.Candidates,
		BoundDays: pl.LowerBounds.Days, BoundJuries: pl.LowerBounds.Juries, Reason: pl.Reason, Computed: instant(rec.ComputedAt, u.loc),
	}
	if pl.Feasible {
		s.FirstDay, s.LastDay = shortDate(pl.Days[0]), shortDate(pl.Days[len(pl.Days)-1])
		s.Optimal = len(pl.Days) == pl.LowerBounds.Days && pl.Juries == pl.LowerBounds.Juries
	}
	return s
}

func (u *UI) juryOf(rq *req, ses session.Session, cands map[tpsession.CandidateID]candidate.Candidate) (*juryView, error) {
	sj, err := u.svc.SessionJury(rq.ctx, rq.actor, ses.ID)
	if err != nil {
		return nil, err
	}
	members := map[tpsession.MemberID]jury.Member{}
	if rq.can(session.ActionListMembers) {
		all, err := u.svc.Members(rq.ctx, rq.actor, "", tpsession.DateRange{})
		if err != nil {
			return nil, err
		}
		for _, m := range all {
			members[m.ID] = m
		}
	} else if rq.actor.Member != "" {
		m, err := u.svc.Member(rq.ctx, rq.actor, rq.actor.Member)
		if err != nil {
			return nil, err
		}
		members[m.ID] = m
	}
	name := func(id tpsession.MemberID) string {
		if m, ok := members[id]; ok {
			return m.Name
		}
		return "membre " + string(id)
	}
	base := u.base + "/sessions/" + string(ses.ID)
	v := &juryView{}
	invited := map[tpsession.MemberID]bool{}
	for _, inv := range u.policy.VisibleInvitations(rq.actor, sj.Invitations) {
		iv := invitationView{
			MemberID: string(inv.Member), Name: name(inv.Member), Email: members[inv.Member].Email,
			Status: word(invitationFR, inv.Status()), StatusClass: "invitation-" + string(inv.Status()),
			InvitedOn: shortDate(inv.InvitedOn), AnsweredOn: shortDate(inv.AnsweredOn),
		}
		if inv.Active() {
			invited[inv.Member] = true
		}
		if u.policy.AuthorizeMember(rq.actor, session.ActionReadMemberCalendar, inv.Member) == nil && rq.can(session.ActionReadMemberCalendar) && inv.Active() {
			iv.Calendar = base + "/jury/" + string(inv.Member) + "/calendrier.ics"
		}
		if rq.actor.Role == session.RoleJury && inv.Member == rq.actor.Member {
			iv.Answerable = inv.Status() == jury.Invited && ses.CheckWritable() == nil &&
				u.policy.AuthorizeMember(rq.actor, session.ActionAnswerInvitation, inv.Member) == nil
			own := iv
			v.Own = &own
		}
		v.Invitations = append(v.Invitations, iv)
	}
	if rq.can(session.ActionManageJury) && ses.CheckWritable() == nil {
		habilitated, err := u.svc.Members(rq.ctx, rq.actor, ses.Title, ses.Dates())
		if err != nil {
			return nil, err
		}
		for _, m := range habilitated {
			if !invited[m.ID] {
				v.Invitable = append(v.Invitable, option{Value: string(m.ID), Label: m.Name + " — " + m.Email})
			}
		}
	}
	if rq.can(session.ActionReadAssignment) && sj.Assignment.Assigned() {
		as := u.policy.VisibleAssignment(rq.actor, sj.Assignment)
		v.AssignedOn = shortDate(as.AssignedOn)
		for _, pn := range as.Panels {
			pv := panelView{Jury: pn.Jury}
			for _, id := range pn.Members {
				switch {
				case id == rq.actor.Member:
					pv.Members = append(pv.Members, name(id)+" (vous)")
				case rq.actor.Role == session.RoleJury:
					pv.Members = append(pv.Members, "un autre membre")
				default:
					pv.Members = append(pv.Members, name(id))
				}
			}
			for _, cid := range pn.Candidates {
				c, ok := cands[cid]
				if !ok {
					// The jury role reads its panel's candidates' names only
					// (session.JuryOwnPanel).
					if c, err = u.svc.Candidate(rq.ctx, rq.actor, cid); err != nil {
						return nil, err
					}
				}
				pv.Candidates = append(pv.Candidates, upperName(c))
			}
			v.Panels = append(v.Panels, pv)
		}
		for _, id := range as.Reserves {
			v.Reserves = append(v.Reserves, name(id))
		}
	}
	if rq.can(session.ActionManageJury) && rq.can(session.ActionReadCandidates) {
		v.Conflicts = conflictsOf(sj, members, cands, u.svc.ConflictRules())
	}
	return v, nil
}

// conflictsOf lists the conflicts of interest between the members invited
// and the candidates registered: those found from SIRET numbers and from
// the candidates' trainers, as rules reads them, and those the centre
// declared (jury.FindConflicts).
func conflictsOf(sj jury.SessionJury, members map[tpsession.MemberID]jury.Member, cands map[tpsession.CandidateID]candidate.Candidate, rules jury.ConflictRules) []conflictView {
	var out []conflictView
	ids := make([]tpsession.CandidateID, 0, len(cands))
	for id := range cands {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, inv := range sj.Invitations {
		m, ok := members[inv.Member]
		if !ok || !inv.Active() {
			continue
		}
		for _, id := range ids {
			c := cands[id]
			for _, cf := range jury.FindConflicts(m, session.JuryCandidate(c), sj.Conflicts, rules) {
				src := "déclaré par le centre"
				switch {
				case cf.Declared:
				case cf.Reason == jury.ReasonTrained:
					src = "trouvé parmi les formateurs du candidat"
				default:
					src = "trouvé par le SIRET de l'employeur"
				}
				out = append(out, conflictView{Member: m.Name, Candidate: upperName(c), Reason: word(conflictReasonFR, cf.Reason), Note: cf.Note, Source: src})
			}
		}
	}
	return out
}

func (u *UI) candidatesOf(ses session.Session, regs []candidate.Registration, cands map[tpsession.CandidateID]candidate.Candidate, url string, manage bool) *candidatesView {
	v := &candidatesView{}
	for _, r := range regs {
		c := cands[r.Candidate]
		st := r.ConvocationState()
		row := candidateRow{
			ID: string(c.ID), Name: upperName(c), Birth: shortDate(c.BirthDate), Route: word(routeFR, c.Route),
			State: word(convocationFR, st), StateClass: "convocation-" + string(st),
		}
		curl := url + "/candidats/" + string(c.ID)
		row.Documents = append(row.Documents, docLink{URL: curl + "/rendez-vous.ics", Label: "Rendez-vous (agenda)", Kind: "iCalendar"})
		if cv := r.Convocation; cv != nil {
			row.Drafted = true
			var when []string
			for _, a := range cv.Appointments {
				when = append(when, shortDate(a.Day)+" à "+a.Time.String())
			}
			row.Appointment = strings.Join(when, " ; ")
			if len(cv.Appointments) == 1 {
				// Several come from the plan, which a draft left blank takes.
				row.DraftAppointment = cv.Appointments[0].String()
			}
			row.Place = cv.Place
			row.DraftPlace = cv.Place
			row.DraftDocuments = strings.Join(cv.Documents, "\n")
			row.DraftPPE = strings.Join(cv.PPE, "\n")
			row.ValidatedOn = shortDate(cv.ValidatedOn)
			if d := cv.Delivery; d != nil {
				row.Delivery = deliveryText(*d)
				row.Sent = true
				row.DeliveryMethod = string(d.Method)
			}
			row.Documents = append([]docLink{{URL: curl + "/convocation.pdf", Label: "Lettre de convocation", Kind: "PDF"}}, row.Documents...)
		} else {
			row.DraftDocuments = strings.Join(candidate.UsualDocuments(), "\n")
			row.DraftPlace = ses.Site
		}
		if manage {
			row.Draftable = st == candidate.ConvocationNone || st == candidate.ConvocationDrafted
			row.Validatable = st == candidate.ConvocationDrafted
			row.Deliverable = st == candidate.ConvocationValidated || st == candidate.ConvocationSent
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// deliveryText says how a convocation was delivered.
func deliveryText(d candidate.Delivery) string {
	switch d.Method {
	case candidate.DeliveryRegisteredMail:
		s := "Recommandé envoyé le " + shortDate(d.SentOn)
		if d.TrackingNumber != "" {
			s += " (n° " + d.TrackingNumber + ")"
		}
		if d.Delivered() {
			s += ", distribué le " + shortDate(d.DeliveredOn)
		} else {
			s += ", accusé de réception attendu"
		}
		return s
	case candidate.DeliveryByHand:
		return "Remise en main propre à " + d.ReceivedBy + " le " + shortDate(d.DeliveredOn)
	}
	return string(d.Method)
}

// pliOf shows the pli and its custody log with the chain's verification
// (pli.Log.Verify), and whether the session's event log holds the
// custody head (each step records it there, anchoring the chain).
func (u *UI) pliOf(p pli.Pli, events []session.Event) *pliView {
	v := &pliView{
		Status: word(pliStatusFR, p.Status()), OrderedOn: shortDate(p.OrderedOn), ReceivedOn: shortDate(p.ReceivedOn),
		Location: p.Location, Custodian: p.Custodian, SecuredAt: instant(p.SecuredAt, u.loc), OpenedAt: instant(p.OpenedAt, u.loc),
		Witnesses: p.Witnesses, Head: p.Custody.Head(),
	}
	if len(v.Head) > 16 {
		v.HeadShort = v.Head[:16] + "…"
	}
	for _, m := range p.Materials {
		s := m.Name + " × " + countFR(m.Quantity)
		if m.Epreuve != "" {
			s += " (" + m.Epreuve + ")"
		}
		v.Materials = append(v.Materials, s)
	}
	for i, e := range p.Custody {
		v.Custody = append(v.Custody, custodyRow{N: i + 1, At: instant(e.At, u.loc), Actor: e.Actor, Action: word(custodyFR, e.Action), Detail: e.Detail, Hash: e.Hash, HashShort: e.Hash[:min(12, len(e.Hash))] + "…"})
	}
	if err := p.Custody.Verify(); err != nil {
		v.VerifyError = tpsession.MessageOf(err)
	} else {
		v.Verified = true
	}
	if v.Head != "" {
		for i := len(events) - 1; i >= 0; i-- {
			if strings.HasSuffix(events[i].Detail, "custody head "+v.Head) {
				v.Anchored = instant(events[i].At, u.loc)
				break
			}
		}
	}
	return v
}

func checklistOf(cl checklist.Checklist) *checklistView {
	v := &checklistView{}
	for _, it := range cl.Items {
		st := it.Status
		if st == "" {
			st = checklist.StatusPending
		}
		label := it.Label
		if w, ok := itemFR[it.Key]; ok {
			label = w
		}
		iv := itemView{Key: string(it.Key), Label: label, Status: word(checkStatusFR, st), StatusClass: "controle-" + strings.ReplaceAll(string(st), "_", "-"),
			Note: it.Note, CheckedBy: it.CheckedBy, CheckedOn: shortDate(it.CheckedOn)}
		for _, s := range []checklist.Status{checklist.StatusPending, checklist.StatusOK, checklist.StatusNotOK, checklist.StatusNotApplicable} {
			if s == checklist.StatusNotApplicable && !it.Key.MayBeNotApplicable() {
				continue
			}
			iv.Options = append(iv.Options, option{Value: string(s), Label: word(checkStatusFR, s), Selected: s == st})
		}
		v.Items = append(v.Items, iv)
	}
	for _, e := range cl.Equipment {
		v.Equipment = append(v.Equipment, equipmentView{Name: e.Name, Available: countFR(e.Available),
			Operational: datesFR(e.Operational.From, e.Operational.Until), RecordedBy: e.UpdatedBy})
	}
	return v
}

// documentLinks lists the documents the user may download.
func (u *UI) documentLinks(rq *req, ses session.Session, planned bool, jv *juryView) []docLink {
	base := u.base + "/sessions/" + string(ses.ID) + "/documents/"
	var out []docLink
	if rq.can(session.ActionReadCandidates) {
		out = append(out,
			docLink{URL: base + "convocations.pdf", Label: "Lettres de convocation de tous les candidats", Kind: "PDF"},
			docLink{URL: base + "emargement.pdf", Label: "Feuilles d'émargement", Kind: "PDF"},
			docLink{URL: base + "candidats.csv", Label: "Liste des candidats pour CERES", Kind: "CSV"},
		)
		if planned {
			out = append(out, docLink{URL: base + "deroule.pdf", Label: "Déroulé de session à afficher", Kind: "PDF"})
		}
	}
	if planned && rq.can(session.ActionReadPlan) {
		out = append(out, docLink{URL: base + "deroule.txt", Label: "Déroulé de session (texte, sans les noms)", Kind: "texte"})
	}
	if jv != nil && jv.Own != nil && jv.Own.Calendar != "" {
		out = append(out, docLink{URL: jv.Own.Calendar, Label: "Mes séances de jury (agenda)", Kind: "iCalendar"})
	}
	switch ses.Status() {
	case session.StatusOpened, session.StatusClosed, session.StatusValidated:
		if !rq.can(session.ActionReadResults) {
			break
		}
		pv := "Procès-verbal"
		if ses.Status() == session.StatusOpened {
			pv += " (projet, tant qu'il n'est pas clos)"
		}
		out = append(out,
			docLink{URL: base + "proces-verbal.pdf", Label: pv, Kind: "PDF"},
			docLink{URL: base + "resultats.csv", Label: "Résultats pour CERES", Kind: "CSV"},
		)
		if st, err := u.svc.Exam(rq.ctx, rq.actor, ses.ID); err == nil && len(st.Record.Constatations) > 0 {
			out = append(out, docLink{URL: base + "pv-constatation.pdf", Label: "PV de constatation", Kind: "PDF"})
		}
		out = append(out, docLink{URL: base + "archive.zip", Label: "Archive de la session (données, journaux, documents)", Kind: "ZIP"})
	}
	return out
}

// knownCandidates lists in v the centre's candidates, by name, that are
// not registered to the session (registered lists those who are).
func (u *UI) knownCandidates(rq *req, registered map[tpsession.CandidateID]candidate.Candidate, v *candidatesView) error {
	all, err := u.svc.Candidates(rq.ctx, rq.actor, candidate.Query{Limit: maxKnown + len(registered) + 1})
	if err != nil {
		return err
	}
	for _, c := range all {
		if _, ok := registered[c.ID]; ok {
			continue
		}
		if len(v.Known) > maxKnown { // the list's first option is the prompt
			v.MoreKnown = true
			break
		}
		if v.Known == nil {
			v.Known = []option{{Value: "", Label: "Choisir dans la liste…"}}
		}
		v.Known = append(v.Known, option{Value: string(c.ID), Label: upperName(c) + ", né(e) le " + c.BirthDate.Format("02/01/2006")})
	}
	return nil
}

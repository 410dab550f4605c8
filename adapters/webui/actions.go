package webui

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/session"
)

// The forms' actions. Each checks the role with the Policy before it reads
// the form, calls one command of the Service, and on success sends the
// user back to the page with a message (post, redirect, get); a refusal
// the user can act on (bad input, a state conflict, a rule) shows the page
// again with the form as typed and the library's errors next to their
// fields, with the status the HTTP API would answer.

// refused shows the session's page again with the form's errors, or
// fails the request when err is not the user's to fix.
func (u *UI) refused(rq *req, name string, err error) error {
	if !refusable(err) {
		return err
	}
	return u.showSession(rq, statusOf(err), newForm(name, formValues(rq.r), err))
}

// sessionAction loads the path's session for an action of the role.
func (rq *req) sessionAction(a session.Action) (session.Session, error) {
	ses, err := rq.loadSession()
	if err != nil {
		return session.Session{}, err
	}
	return ses, rq.must(a)
}

func (u *UI) sessionURL(ses session.Session, anchor string) string {
	return u.base + "/sessions/" + string(ses.ID) + anchor
}

type newSessionPage struct {
	frame
	Form *form
}

func (newSessionPage) PageTitle() string { return "Nouvelle session" }

func (u *UI) newSessionPage(rq *req) error {
	if err := rq.must(session.ActionManageSession); err != nil {
		return err
	}
	u.render(rq, http.StatusOK, "newsession", newSessionPage{frame: rq.frame()})
	return nil
}

func (u *UI) createSession(rq *req) error {
	if err := rq.must(session.ActionManageSession); err != nil {
		return err
	}
	v := formValues(rq.r)
	var fe tpsession.FieldErrors
	d := session.Details{
		Title: strings.TrimSpace(v.Get("title_code")), TitleName: v.Get("title_name"), Kind: v.Get("kind"), Site: v.Get("site"),
		Start: parseDateField(&fe, "start_date", v.Get("start_date"), true), End: parseDateField(&fe, "end_date", v.Get("end_date"), true),
		PlannedCandidates: parseIntField(&fe, "planned_candidates", v.Get("planned_candidates")),
		Responsable:       session.Person{Name: v.Get("responsable.name"), Email: v.Get("responsable.email")},
		UsesComputers:     v.Get("uses_computers") == "oui",
	}
	ses, err := u.svc.CreateSession(rq.ctx, rq.actor, d)
	if len(fe) > 0 {
		// A value the form could not read stood as zero, which the
		// library refused: nothing was created.
		err = withParseErrors(fe, err)
	}
	if err != nil {
		if !refusable(err) {
			return err
		}
		u.render(rq, statusOf(err), "newsession", newSessionPage{frame: rq.frame(), Form: newForm("create", v, err)})
		return nil
	}
	return rq.done("Session créée.", u.sessionURL(ses, ""))
}

func (u *UI) declare(rq *req) error {
	ses, err := rq.sessionAction(session.ActionManageSession)
	if err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	on := parseDateField(&fe, "declared_on", formValues(rq.r).Get("declared_on"), false)
	err = fe.Err(tpsession.ErrInvalidInput)
	if err == nil {
		_, err = u.svc.Declare(rq.ctx, rq.actor, ses.ID, on)
	}
	if err != nil {
		return u.refused(rq, "declare", err)
	}
	return rq.done("Session déclarée dans CERES.", u.sessionURL(ses, ""))
}

func (u *UI) open(rq *req) error {
	ses, err := rq.sessionAction(session.ActionManageSession)
	if err != nil {
		return err
	}
	if _, err := u.svc.Open(rq.ctx, rq.actor, ses.ID, lines(formValues(rq.r).Get("witnesses"))); err != nil {
		return u.refused(rq, "open", err)
	}
	return rq.done("Session ouverte ; le pli est ouvert devant les témoins.", u.sessionURL(ses, ""))
}

func (u *UI) invite(rq *req) error {
	ses, err := rq.sessionAction(session.ActionManageJury)
	if err != nil {
		return err
	}
	v := formValues(rq.r)
	mid, err := tpsession.ParseMemberID(v.Get("member_id"))
	if err != nil {
		return u.refused(rq, "invite", tpsession.ErrInvalidInput.WithFields(tpsession.FieldError{Field: "member_id", Message: "choose a member of the directory"}).Withf("no member chosen"))
	}
	_, warnings, err := u.svc.Invite(rq.ctx, rq.actor, ses.ID, mid)
	if err != nil {
		return u.refused(rq, "invite", err)
	}
	msg := "Invitation envoyée."
	for _, w := range warnings {
		msg += " Attention : " + w.Message
	}
	return rq.done(msg, u.sessionURL(ses, "#jury"))
}

// answer records the jury member's answer to its own invitation: the one
// write of the jury role.
func (u *UI) answer(rq *req) error {
	ses, err := rq.sessionAction(session.ActionAnswerInvitation)
	if err != nil {
		return err
	}
	mid, err := tpsession.ParseMemberID(rq.r.PathValue("mid"))
	if err != nil {
		return errNoPage
	}
	if err := u.policy.AuthorizeMember(rq.actor, session.ActionAnswerInvitation, mid); err != nil {
		return err
	}
	accept := formValues(rq.r).Get("reponse") == "accepter"
	if _, err := u.svc.AnswerInvitation(rq.ctx, rq.actor, ses.ID, mid, accept); err != nil {
		return u.refused(rq, "answer", err)
	}
	msg := "Vous avez décliné l'invitation."
	if accept {
		msg = "Vous avez accepté l'invitation."
	}
	return rq.done(msg, u.sessionURL(ses, "#jury"))
}

func (u *UI) assign(rq *req) error {
	ses, err := rq.sessionAction(session.ActionManageJury)
	if err != nil {
		return err
	}
	if _, err := u.svc.AssignJury(rq.ctx, rq.actor, ses.ID); err != nil {
		return u.refused(rq, "assign", err)
	}
	return rq.done("Candidats répartis entre les jurys.", u.sessionURL(ses, "#jury"))
}

// register adds a candidate to the centre and registers them. When the
// registration is refused, the candidate stays recorded and the form keeps
// its ID: sent again, it revises that candidate and registers them, rather
// than adding the same person twice.
func (u *UI) register(rq *req) error {
	ses, err := rq.sessionAction(session.ActionManageCandidates)
	if err != nil {
		return err
	}
	v := formValues(rq.r)
	if v.Has("known") {
		return u.registerKnown(rq, ses, v)
	}
	in := candidate.CandidateInput{
		FirstName: v.Get("first_name"), LastName: v.Get("last_name"), BirthDate: strings.TrimSpace(v.Get("birth_date")),
		Email: v.Get("email"), Phone: v.Get("phone"), Route: v.Get("route"), VAERecevabiliteOn: strings.TrimSpace(v.Get("vae_recevabilite_on")),
	}
	if s := strings.TrimSpace(v.Get("host_companies[0].siret")); s != "" || strings.TrimSpace(v.Get("host_companies[0].name")) != "" {
		in.HostCompanies = []candidate.HostCompanyInput{{SIRET: s, Name: v.Get("host_companies[0].name"),
			From: strings.TrimSpace(v.Get("host_companies[0].from")), Until: strings.TrimSpace(v.Get("host_companies[0].until"))}}
	}
	var c candidate.Candidate
	known := false // the person was already a candidate of the centre
	if id := v.Get("candidate_id"); id != "" {
		cid, err := tpsession.ParseCandidateID(id)
		if err != nil {
			return candidate.ErrCandidateNotFound
		}
		c, err = u.svc.ReviseCandidate(rq.ctx, rq.actor, cid, in)
		if err != nil {
			return u.refused(rq, "register", err)
		}
	} else if c, err = u.svc.CreateCandidate(rq.ctx, rq.actor, in); err != nil {
		// A person the centre knows (a re-sit, a second session) is
		// registered with the record already there, not entered twice.
		ke, ok := errors.AsType[*candidate.KnownError](err)
		if !ok {
			return u.refused(rq, "register", err)
		}
		c, known = ke.Known, true
	}
	if _, err := u.svc.Register(rq.ctx, rq.actor, ses.ID, c.ID); err != nil {
		if !refusable(err) {
			return err
		}
		f := newForm("register", v, err)
		f.Values.Set("candidate_id", string(c.ID))
		return u.showSession(rq, statusOf(err), f)
	}
	msg := upperName(c) + " est inscrit(e) à la session."
	if known {
		msg = upperName(c) + ", déjà connu(e) du centre, est inscrit(e) à la session avec sa fiche existante."
	}
	return rq.done(msg, u.sessionURL(ses, "#candidats"))
}

// registerKnown registers a candidate the centre already has, chosen in
// the list of the register form.
func (u *UI) registerKnown(rq *req, ses session.Session, v url.Values) error {
	cid, err := tpsession.ParseCandidateID(v.Get("known"))
	if err != nil {
		return u.refused(rq, "known", tpsession.ErrInvalidInput.WithFields(tpsession.FieldError{Field: "known", Message: "choose a candidate of the list"}))
	}
	if _, err := u.svc.Register(rq.ctx, rq.actor, ses.ID, cid); err != nil {
		return u.refused(rq, "known", err)
	}
	c, err := u.svc.Candidate(rq.ctx, rq.actor, cid)
	if err != nil {
		return err
	}
	return rq.done(upperName(c)+" est inscrit(e) à la session.", u.sessionURL(ses, "#candidats"))
}

// candidateAction loads the session and the candidate's registration the
// path names.
func (rq *req) candidateAction() (session.Session, tpsession.CandidateID, error) {
	ses, err := rq.sessionAction(session.ActionManageCandidates)
	if err != nil {
		return session.Session{}, "", err
	}
	cid, err := tpsession.ParseCandidateID(rq.r.PathValue("cid"))
	if err != nil {
		return session.Session{}, "", candidate.ErrRegistrationNotFound
	}
	if _, err := rq.ui.svc.Registration(rq.ctx, rq.actor, ses.ID, cid); err != nil {
		return session.Session{}, "", err
	}
	return ses, cid, nil
}

// formFor names the form of a candidate's row: "draft-<id>".
func formFor(what string, cid tpsession.CandidateID) string { return what + "-" + string(cid) }

func (u *UI) draft(rq *req) error {
	ses, cid, err := rq.candidateAction()
	if err != nil {
		return err
	}
	v := formValues(rq.r)
	_, err = u.svc.DraftConvocation(rq.ctx, rq.actor, ses.ID, cid, candidate.ConvocationInput{
		Appointment: strings.TrimSpace(v.Get("appointment")), Place: v.Get("place"), Documents: lines(v.Get("documents")), PPE: lines(v.Get("ppe")),
	})
	if err != nil {
		return u.refused(rq, formFor("draft", cid), err)
	}
	return rq.done("Convocation préparée.", u.sessionURL(ses, "#candidat-"+string(cid)))
}

func (u *UI) validate(rq *req) error {
	ses, cid, err := rq.candidateAction()
	if err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	on := parseDateField(&fe, "validated_on", formValues(rq.r).Get("validated_on"), false)
	err = fe.Err(candidate.ErrInvalidConvocation)
	if err == nil {
		_, err = u.svc.ValidateConvocation(rq.ctx, rq.actor, ses.ID, cid, on)
	}
	if err != nil {
		return u.refused(rq, formFor("validate", cid), err)
	}
	return rq.done("Convocation validée dans CERES.", u.sessionURL(ses, "#candidat-"+string(cid)))
}

func (u *UI) deliver(rq *req) error {
	ses, cid, err := rq.candidateAction()
	if err != nil {
		return err
	}
	v := formValues(rq.r)
	_, err = u.svc.RecordDelivery(rq.ctx, rq.actor, ses.ID, cid, candidate.DeliveryInput{
		Method: v.Get("method"), SentOn: strings.TrimSpace(v.Get("sent_on")), TrackingNumber: strings.TrimSpace(v.Get("tracking_number")),
		DeliveredOn: strings.TrimSpace(v.Get("delivered_on")), ReceivedBy: v.Get("received_by"),
	})
	if err != nil {
		return u.refused(rq, formFor("deliver", cid), err)
	}
	return rq.done("Remise de la convocation enregistrée.", u.sessionURL(ses, "#candidat-"+string(cid)))
}

func (u *UI) check(rq *req) error {
	ses, err := rq.sessionAction(session.ActionManageChecklist)
	if err != nil {
		return err
	}
	cl, err := u.svc.Checklist(rq.ctx, rq.actor, ses.ID)
	if err != nil {
		return err
	}
	it, err := cl.Item(checklist.ItemKey(rq.r.PathValue("key")))
	if err != nil {
		return err
	}
	v := formValues(rq.r)
	name := "check-" + string(it.Key)
	st, err := checklist.ParseStatus(v.Get("status"))
	if err == nil {
		_, err = u.svc.SetChecklistItem(rq.ctx, rq.actor, ses.ID, it.Key, checklist.ItemUpdate{Status: st, Note: v.Get("note")})
	}
	if err != nil {
		return u.refused(rq, name, err)
	}
	return rq.done("Point de contrôle enregistré.", u.sessionURL(ses, "#controle-"+string(it.Key)))
}

func (u *UI) orderPli(rq *req) error {
	ses, err := rq.sessionAction(session.ActionManagePli)
	if err != nil {
		return err
	}
	var fe tpsession.FieldErrors
	on := parseDateField(&fe, "ordered_on", formValues(rq.r).Get("ordered_on"), false)
	err = fe.Err(tpsession.ErrInvalidInput)
	var msg string
	if err == nil {
		_, warnings, e := u.svc.OrderPli(rq.ctx, rq.actor, ses.ID, on)
		err = e
		msg = "Commande du pli enregistrée."
		for _, w := range warnings {
			msg += " Attention : " + w.Message
		}
	}
	if err != nil {
		return u.refused(rq, "order", err)
	}
	return rq.done(msg, u.sessionURL(ses, "#pli"))
}

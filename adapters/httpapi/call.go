package httpapi

import (
	"bytes"
	"context"
	"errors"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/checklist"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/exam"
)

// call is one request on its way through a route: who sends it, the
// resources its path names, once checked, and the response headers.
type call struct {
	a     *api
	rt    *route
	w     http.ResponseWriter
	r     *http.Request
	ctx   context.Context
	x     *exchange
	p     Principal
	actor session.Actor

	// The resources the path names, loaded by scope (see scopesOf).
	ses     session.Session
	member  jury.Member
	cand    candidate.Candidate
	inv     jury.Invitation
	reg     candidate.Registration
	item    checklist.Item
	agr     agrement.Agrement
	sitting exam.Sitting

	// sj is the path's session's jury record, once loaded.
	sj *jury.SessionJury
}

// handler serves one route. The checks run in the order of
// docs/http-api.md#order-of-checks: 401,
// 404 (a resource the path names that does not exist in the caller's
// centre, or a session a jury member is not invited to), 403; the route's
// endpoint then reads the body (413, 415, 400) and calls the Service (409,
// 422).
func (a *api) handler(rt route) http.Handler {
	acc, known := a.access[rt.pattern()]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		x := exchangeOf(r.Context())
		x.route = rt.pattern()
		c := &call{a: a, rt: &rt, w: w, r: r, ctx: r.Context(), x: x}
		if key, ok := r.Header[idempotencyHeader]; ok && r.Method == http.MethodPost {
			c.serveOnce(acc, known, strings.Join(key, ","))
			return
		}
		v, err := c.run(acc, known)
		if err != nil {
			a.writeProblem(w, x, problemOf(err, x))
			return
		}
		a.answer(w, x, &rt, v)
	})
}

func (c *call) run(acc access, known bool) (any, error) {
	if err := c.admit(acc, known); err != nil {
		return nil, err
	}
	return c.rt.serve(c)
}

// admit checks who calls and on what: 401, 404, 403.
func (c *call) admit(acc access, known bool) error {
	if !known {
		return tpsession.ErrInternal.Withf("route %s has no entry in the authorization table", c.rt.pattern())
	}
	if acc.public {
		return nil
	}
	if err := c.authenticate(); err != nil {
		return err
	}
	if err := c.scope(); err != nil {
		return err
	}
	return c.authorize(acc)
}

func (c *call) authenticate() error {
	p, err := c.a.auth.Authenticate(c.r)
	if err != nil {
		if errors.Is(err, ErrUnauthenticated) {
			return errUnauthenticated.withf("%s", tpsession.MessageOf(err))
		}
		return tpsession.ErrInternal.Withf("the authenticator failed").Wrap(err)
	}
	if err := p.Check(); err != nil {
		return tpsession.ErrInternal.Withf("the authenticator returned an invalid principal").Wrap(err)
	}
	c.p = p
	c.x.role, c.x.centre = p.Role, p.Centre
	// The role rules read which member a jury principal is.
	c.actor, err = p.Actor(c.ctx, c.a.svc)
	return err
}

// scope loads the resources the path names, in the caller's centre:
// another centre's is not found, and so is a session a jury member holds
// no active invitation to. A malformed ID is not found either. It runs
// before the role is checked and the body read, so that a path naming
// nothing is 404 whatever the body (docs/http-api.md#order-of-checks).
func (c *call) scope() error {
	for _, s := range c.rt.scopes {
		if err := c.load(s); err != nil {
			return err
		}
	}
	return nil
}

// load loads one resource of the path; those it is inside are loaded.
func (c *call) load(s resourceScope) error {
	switch s {
	case sessionScope:
		sid, err := tpsession.ParseSessionID(c.r.PathValue("sid"))
		if err != nil {
			return session.ErrSessionNotFound
		}
		if c.ses, err = c.a.svc.Session(c.ctx, c.actor, sid); err != nil {
			return err
		}
		if c.actor.Role != RoleJury {
			return nil
		}
		// A session hidden from a jury member is not found, as one that
		// does not exist: it learns nothing of the others.
		sj, err := c.sessionJury()
		if err != nil {
			return err
		}
		return c.a.policy.SessionVisible(c.actor, sj)
	case memberScope:
		mid, err := tpsession.ParseMemberID(c.r.PathValue("mid"))
		if err != nil {
			return jury.ErrMemberNotFound
		}
		c.member, err = c.a.svc.Member(c.ctx, c.actor, mid)
		return err
	case candidateScope:
		cid, err := tpsession.ParseCandidateID(c.r.PathValue("cid"))
		if err != nil {
			return candidate.ErrCandidateNotFound
		}
		c.cand, err = c.a.svc.Candidate(c.ctx, c.actor, cid)
		return err
	case invitationScope:
		mid, err := tpsession.ParseMemberID(c.r.PathValue("mid"))
		if err != nil {
			return jury.ErrInvitationNotFound
		}
		sj, err := c.sessionJury()
		if err != nil {
			return err
		}
		i := slices.IndexFunc(sj.Invitations, func(inv jury.Invitation) bool { return inv.Member == mid })
		if i < 0 {
			return jury.ErrInvitationNotFound.Withf("member %s is not invited to the session", mid)
		}
		c.inv = sj.Invitations[i]
		return nil
	case registrationScope:
		cid, err := tpsession.ParseCandidateID(c.r.PathValue("cid"))
		if err != nil {
			return candidate.ErrRegistrationNotFound
		}
		c.reg, err = c.a.svc.Registration(c.ctx, c.actor, c.ses.ID, cid)
		return err
	case agrementScope:
		id, err := tpsession.ParseAgrementID(c.r.PathValue("aid"))
		if err != nil {
			return agrement.ErrAgrementNotFound
		}
		c.agr, err = c.a.svc.Agrement(c.ctx, c.actor, id)
		return err
	case sittingScope:
		st, err := c.a.svc.Exam(c.ctx, c.actor, c.ses.ID)
		if err != nil {
			return err
		}
		c.sitting, err = st.Record.Sitting(c.r.PathValue("key"))
		return err
	case sheetScope:
		st, err := c.a.svc.Exam(c.ctx, c.actor, c.ses.ID)
		if err != nil {
			return err
		}
		sheet := c.r.PathValue("sheet")
		if d, ok := strings.CutPrefix(sheet, "jury-"); ok {
			if day, err := tpsession.ParseDate(d); err == nil && c.ses.Dates().Contains(day) {
				return nil
			}
			return exam.ErrSittingNotFound.Withf("there is no jury sheet %q: the session runs from %s to %s", tpsession.Truncate(sheet, 40), c.ses.Start, c.ses.End)
		}
		_, err = st.Record.Sitting(sheet)
		return err
	case incidentScope:
		st, err := c.a.svc.Exam(c.ctx, c.actor, c.ses.ID)
		if err != nil {
			return err
		}
		n, err := c.pathNumber(exam.ErrIncidentNotFound)
		if err != nil {
			return err
		}
		if n > len(st.Record.Incidents) {
			return exam.ErrIncidentNotFound.Withf("the exam has no incident report %d", n)
		}
		return nil
	case amendmentScope:
		st, err := c.a.svc.Exam(c.ctx, c.actor, c.ses.ID)
		if err != nil {
			return err
		}
		n, err := c.pathNumber(exam.ErrAmendmentNotFound)
		if err != nil {
			return err
		}
		if n > len(st.Record.AmendmentsOf(c.reg.Candidate)) {
			return exam.ErrAmendmentNotFound.Withf("the decision on candidate %s has no amendment %d", c.reg.Candidate, n)
		}
		return nil
	case attendeeScope:
		cid, err := tpsession.ParseCandidateID(c.r.PathValue("cid"))
		if err != nil {
			return candidate.ErrRegistrationNotFound
		}
		c.reg, err = c.a.svc.Registration(c.ctx, c.actor, c.ses.ID, cid)
		return err
	case itemScope:
		cl, err := c.a.svc.Checklist(c.ctx, c.actor, c.ses.ID)
		if err != nil {
			return err
		}
		c.item, err = cl.Item(checklist.ItemKey(c.r.PathValue("key")))
		return err
	}
	return tpsession.ErrInternal.Withf("route %s names a resource the handler does not load", c.rt.pattern())
}

// sessionJury returns the jury record of the path's session, loaded once.
func (c *call) sessionJury() (jury.SessionJury, error) {
	if c.sj == nil {
		sj, err := c.a.svc.SessionJury(c.ctx, c.actor, c.ses.ID)
		if err != nil {
			return jury.SessionJury{}, err
		}
		c.sj = &sj
	}
	return *c.sj, nil
}

// authorize applies the role rules (session.Policy) to the route's action:
// a role that may not perform it, and a jury member acting on another
// member's record, are refused (403).
func (c *call) authorize(acc access) error {
	if err := c.a.policy.Authorize(c.actor, acc.action); err != nil {
		return errForbidden.Withf("the %s role may not %s", c.p.Role, lowerFirst(c.rt.summary)).Wrap(err)
	}
	if acc.jury == session.JuryOwnMember {
		if err := c.a.policy.AuthorizeMember(c.actor, acc.action, c.pathMember()); err != nil {
			return errForbidden.Withf("%s", tpsession.MessageOf(err)).Wrap(err)
		}
	}
	if acc.jury == session.JuryOwnPanel && c.actor.Role == RoleJury && slices.Contains(c.rt.scopes, registrationScope) {
		sj, err := c.sessionJury()
		if err != nil {
			return err
		}
		if err := c.a.policy.AuthorizeCandidate(c.actor, acc.action, sj.Assignment, c.reg.Candidate); err != nil {
			return errForbidden.Withf("%s", tpsession.MessageOf(err)).Wrap(err)
		}
	}
	return nil
}

// pathMember is the member the path names: the invitation's under a
// session, the record's under /v1/jury-members.
func (c *call) pathMember() tpsession.MemberID {
	if slices.Contains(c.rt.scopes, invitationScope) {
		return c.inv.Member
	}
	return c.member.ID
}

// decode reads the body into dst under rule, then checks dst's validate
// tags with the shared validator.
func (c *call) decode(rule bodyRule, dst any) error {
	data, err := readBody(c.w, c.r, c.rt.accepts)
	if err != nil {
		return err
	}
	if up, ok := dst.(*csvUpload); ok {
		if data == nil {
			return errInvalidBody.WithFields(tpsession.FieldError{Message: "the file is empty"}).Withf("the body is empty: send the file")
		}
		up.data = data
		return nil
	}
	if data == nil || bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		if rule == requiredBody {
			return errInvalidBody.WithFields(tpsession.FieldError{Message: "a JSON object is required"}).Withf("the body is empty: a JSON object is required")
		}
		data = []byte("{}")
	}
	if err := c.a.decodeJSON(data, dst); err != nil {
		return err
	}
	return c.a.v.Struct(dst)
}

// query parses an optional query parameter, recording its problem under
// its name; it returns the zero value when the parameter is absent.
func query[T any](c *call, fe *tpsession.FieldErrors, name string, parse func(string) (T, error)) T {
	var v T
	if s := c.r.URL.Query().Get(name); s != "" {
		var err error
		v, err = parse(s)
		fe.AddErr(name, err)
	}
	return v
}

// queryDates reads the optional from and to query parameters.
func (c *call) queryDates(fe *tpsession.FieldErrors) (from, to date.Date) {
	return query(c, fe, "from", tpsession.ParseDate), query(c, fe, "to", tpsession.ParseDate)
}

// prefers reports whether the request's Accept header prefers mediaType to
// JSON: the printable déroulé for a client that asks for text.
func (c *call) prefers(mediaType string) bool {
	return prefers(c.r.Header.Values("Accept"), mediaType)
}

// prefers reports whether the Accept header prefers mediaType to JSON
// (RFC 9110 §12.5.1): its quality is higher, or the same and its range is
// listed first. A type's quality is that of the most specific range that
// matches it (text/plain before text/* before */*); q=0 means not
// acceptable. JSON is the answer otherwise: without an Accept header, and
// with one that accepts neither type, which the API answers in JSON rather
// than 406.
func prefers(accept []string, mediaType string) bool {
	var ranges []string
	for _, h := range accept {
		ranges = append(ranges, strings.Split(h, ",")...)
	}
	alt, altAt := quality(ranges, mediaType)
	json, jsonAt := quality(ranges, "application/json")
	return alt > 0 && (alt > json || alt == json && altAt < jsonAt)
}

// quality returns the quality the ranges of an Accept header give
// mediaType, and the index of the range that decides it (-1 for none).
// A range that cannot be parsed, or whose q is not a number from 0 to 1,
// is left out.
func quality(ranges []string, mediaType string) (q float64, at int) {
	typ, _, _ := strings.Cut(mediaType, "/")
	best, at := 0, -1 // specificity: 3 type/subtype, 2 type/*, 1 */*
	for i, r := range ranges {
		mt, params, err := mime.ParseMediaType(r)
		if err != nil {
			continue
		}
		rq := 1.0
		if s, ok := params["q"]; ok {
			if rq, err = strconv.ParseFloat(s, 64); err != nil || rq < 0 || rq > 1 {
				continue
			}
		}
		spec := 0
		switch mt {
		case mediaType:
			spec = 3
		case typ + "/*":
			spec = 2
		case "*/*":
			spec = 1
		}
		if spec > best {
			best, q, at = spec, rq, i
		}
	}
	return q, at
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

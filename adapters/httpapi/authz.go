package httpapi

import (
	"slices"
	"strings"
)

// access says who may call a route: the roles allowed, and how the jury
// role is narrowed when it is. Centre isolation needs no entry: every call
// acts for the principal's centre, and a resource of another centre is not
// found.
type access struct {
	// public routes need no authentication.
	public bool
	roles  []Role
	jury   juryScope
}

// juryScope narrows what a jury member gets from a route it may call, on
// top of the rule that holds everywhere: a session it is not invited to
// (an invitation invited or accepted) is not found.
type juryScope uint8

const (
	// juryWhole: nothing more.
	juryWhole juryScope = iota
	// juryOwnMember: the path's member must be the jury member itself,
	// otherwise 403.
	juryOwnMember
	// juryInvitedSessions: only the sessions it is invited to are listed.
	juryInvitedSessions
	// juryOwnInvitation: only its own invitation is listed.
	juryOwnInvitation
	// juryOwnPanel: only its own panel, with its candidates' names; no
	// reserves.
	juryOwnPanel
	// juryPliOpened: the pli only once it is opened, otherwise 403.
	juryPliOpened
)

func (j juryScope) String() string {
	switch j {
	case juryOwnMember:
		return "its own member record only"
	case juryInvitedSessions:
		return "only the sessions it is invited to"
	case juryOwnInvitation:
		return "its own invitation only"
	case juryOwnPanel:
		return "its own panel only, with its candidates' names"
	case juryPliOpened:
		return "only once the pli is opened"
	}
	return ""
}

// authorization is the table of who may call each route, keyed by the
// route's pattern. A route missing from it is a programming error of this
// package, not the caller's: it fails closed, answering everyone 500 with
// the cause logged, and a test fails. The jury role reads the sessions it holds an active
// invitation to (invited or accepted): a member who declined, or whose
// invitation was withdrawn, no longer sees the session.
func authorization() map[string]access {
	var (
		adminOnly    = access{roles: []Role{RoleAdmin}}
		everyone     = access{roles: []Role{RoleAdmin, RoleJury, RoleController}}
		staffAndJury = access{roles: []Role{RoleAdmin, RoleJury}}
		staffAndCtrl = access{roles: []Role{RoleAdmin, RoleController}}
		public       = access{public: true}
		narrowed     = func(base access, j juryScope) access { base.jury = j; return base }
	)
	return map[string]access{
		"GET /healthz":      public,
		"GET /openapi.json": public,
		"GET /v1/me":        everyone,

		"POST /v1/sessions":                        adminOnly,
		"GET /v1/sessions":                         narrowed(everyone, juryInvitedSessions),
		"GET /v1/sessions/{sid}":                   everyone,
		"PATCH /v1/sessions/{sid}":                 adminOnly,
		"POST /v1/sessions/{sid}/declare":          adminOnly,
		"POST /v1/sessions/{sid}/cancel":           adminOnly,
		"POST /v1/sessions/{sid}/close":            adminOnly,
		"GET /v1/sessions/{sid}/timeline":          staffAndCtrl,
		"PUT /v1/sessions/{sid}/plan":              adminOnly,
		"GET /v1/sessions/{sid}/plan":              staffAndJury,
		"GET /v1/sessions/{sid}/readiness":         adminOnly,
		"POST /v1/sessions/{sid}/open":             adminOnly,
		"GET /v1/sessions/{sid}/events":            staffAndCtrl,
		"POST /v1/jury-members":                    adminOnly,
		"GET /v1/jury-members":                     adminOnly,
		"GET /v1/jury-members/{mid}":               narrowed(staffAndJury, juryOwnMember),
		"POST /v1/jury-members/{mid}/availability": adminOnly,

		"POST /v1/sessions/{sid}/invitations":                adminOnly,
		"GET /v1/sessions/{sid}/invitations":                 narrowed(staffAndJury, juryOwnInvitation),
		"POST /v1/sessions/{sid}/invitations/{mid}/accept":   narrowed(staffAndJury, juryOwnMember),
		"POST /v1/sessions/{sid}/invitations/{mid}/decline":  narrowed(staffAndJury, juryOwnMember),
		"POST /v1/sessions/{sid}/invitations/{mid}/withdraw": adminOnly,
		"POST /v1/sessions/{sid}/conflicts":                  adminOnly,
		"POST /v1/sessions/{sid}/jury-assignment":            adminOnly,
		"GET /v1/sessions/{sid}/jury-assignment":             narrowed(staffAndJury, juryOwnPanel),

		"POST /v1/candidates":                                              adminOnly,
		"GET /v1/candidates":                                               adminOnly,
		"GET /v1/candidates/{cid}":                                         adminOnly,
		"PUT /v1/candidates/{cid}":                                         adminOnly,
		"POST /v1/sessions/{sid}/registrations":                            adminOnly,
		"GET /v1/sessions/{sid}/registrations":                             adminOnly,
		"GET /v1/sessions/{sid}/registrations/{cid}":                       adminOnly,
		"DELETE /v1/sessions/{sid}/registrations/{cid}":                    adminOnly,
		"PUT /v1/sessions/{sid}/registrations/{cid}/convocation":           adminOnly,
		"GET /v1/sessions/{sid}/registrations/{cid}/convocation":           adminOnly,
		"POST /v1/sessions/{sid}/registrations/{cid}/convocation/validate": adminOnly,
		"POST /v1/sessions/{sid}/registrations/{cid}/convocation/delivery": adminOnly,

		"POST /v1/sessions/{sid}/pli/order":   adminOnly,
		"POST /v1/sessions/{sid}/pli/receive": adminOnly,
		"POST /v1/sessions/{sid}/pli/read":    adminOnly,
		"POST /v1/sessions/{sid}/pli/secure":  adminOnly,
		"POST /v1/sessions/{sid}/pli/access":  adminOnly,
		"POST /v1/sessions/{sid}/pli/open":    adminOnly,
		"GET /v1/sessions/{sid}/pli":          narrowed(everyone, juryPliOpened),

		"GET /v1/sessions/{sid}/checklist":        adminOnly,
		"PUT /v1/sessions/{sid}/checklist/{key}":  adminOnly,
		"PUT /v1/sessions/{sid}/equipment/{name}": adminOnly,

		"GET /v1/sessions/{sid}/convocations.pdf":                 adminOnly,
		"GET /v1/sessions/{sid}/attendance.pdf":                   adminOnly,
		"GET /v1/sessions/{sid}/deroule.pdf":                      adminOnly,
		"GET /v1/sessions/{sid}/candidates.csv":                   adminOnly,
		"GET /v1/sessions/{sid}/registrations/{cid}/calendar.ics": adminOnly,
		"GET /v1/sessions/{sid}/invitations/{mid}/calendar.ics":   narrowed(staffAndJury, juryOwnMember),
		"POST /v1/candidates/import":                              adminOnly,
	}
}

// allows reports whether role may call the route.
func (a access) allows(role Role) bool { return slices.Contains(a.roles, role) }

// describe says who may call the route, for the OpenAPI document.
func (a access) describe() string {
	if a.public {
		return "No authentication."
	}
	names := make([]string, len(a.roles))
	for i, r := range a.roles {
		names[i] = string(r)
	}
	s := "Roles: " + strings.Join(names, ", ") + "."
	if a.allows(RoleJury) && a.jury != juryWhole {
		s += " The jury role gets " + a.jury.String() + "."
	}
	return s
}

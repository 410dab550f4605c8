package httpapi

import (
	"slices"
	"strings"

	"github.com/tpsession/tpsession/session"
)

// access says who may call a route: the domain action it performs, whose
// roles and narrowing of the jury role the session.Policy decides. Centre
// isolation needs no entry: every call acts for the principal's centre,
// and a resource of another centre is not found.
type access struct {
	// public routes need no authentication.
	public bool
	action session.Action
	// roles and jury are the Policy's answer for action, kept here for the
	// OpenAPI document and the tests.
	roles []Role
	jury  juryScope
}

// juryScope narrows what a jury member gets from a route it may call, on
// top of the rule that holds everywhere: a session it is not invited to
// (an invitation invited or accepted) is not found.
type juryScope = session.JuryScope

const juryWhole = session.JuryWhole

// authorization is the table of who may call each route, keyed by the
// route's pattern. A route missing from it is a programming error of this
// package, not the caller's: it fails closed, answering everyone 500 with
// the cause logged, and a test fails. The jury role reads the sessions it holds an active
// invitation to (invited or accepted): a member who declined, or whose
// invitation was withdrawn, no longer sees the session.
func authorization() map[string]access {
	var policy session.Policy
	public := access{public: true}
	does := func(a session.Action) access {
		return access{action: a, roles: policy.Roles(a), jury: policy.JuryScope(a)}
	}
	return map[string]access{
		"GET /healthz":      public,
		"GET /openapi.json": public,
		"GET /v1/me":        does(session.ActionWhoAmI),

		"POST /v1/sessions":                        does(session.ActionManageSession),
		"GET /v1/sessions":                         does(session.ActionListSessions),
		"GET /v1/sessions/{sid}":                   does(session.ActionReadSession),
		"PATCH /v1/sessions/{sid}":                 does(session.ActionManageSession),
		"POST /v1/sessions/{sid}/declare":          does(session.ActionManageSession),
		"POST /v1/sessions/{sid}/cancel":           does(session.ActionManageSession),
		"POST /v1/sessions/{sid}/close":            does(session.ActionManageSession),
		"GET /v1/sessions/{sid}/timeline":          does(session.ActionReadTimeline),
		"PUT /v1/sessions/{sid}/plan":              does(session.ActionPlanSession),
		"GET /v1/sessions/{sid}/plan":              does(session.ActionReadPlan),
		"GET /v1/sessions/{sid}/readiness":         does(session.ActionReadReadiness),
		"POST /v1/sessions/{sid}/open":             does(session.ActionManageSession),
		"GET /v1/sessions/{sid}/events":            does(session.ActionReadEvents),
		"POST /v1/jury-members":                    does(session.ActionManageDirectory),
		"GET /v1/jury-members":                     does(session.ActionListMembers),
		"GET /v1/jury-members/{mid}":               does(session.ActionReadMember),
		"POST /v1/jury-members/{mid}/availability": does(session.ActionManageDirectory),

		"POST /v1/sessions/{sid}/invitations":                does(session.ActionManageJury),
		"GET /v1/sessions/{sid}/invitations":                 does(session.ActionListInvitations),
		"POST /v1/sessions/{sid}/invitations/{mid}/accept":   does(session.ActionAnswerInvitation),
		"POST /v1/sessions/{sid}/invitations/{mid}/decline":  does(session.ActionAnswerInvitation),
		"POST /v1/sessions/{sid}/invitations/{mid}/withdraw": does(session.ActionManageJury),
		"POST /v1/sessions/{sid}/conflicts":                  does(session.ActionManageJury),
		"POST /v1/sessions/{sid}/jury-assignment":            does(session.ActionManageJury),
		"GET /v1/sessions/{sid}/jury-assignment":             does(session.ActionReadAssignment),

		"POST /v1/candidates":                                                does(session.ActionManageCandidates),
		"GET /v1/candidates":                                                 does(session.ActionReadCandidates),
		"GET /v1/candidates/{cid}":                                           does(session.ActionReadCandidates),
		"PUT /v1/candidates/{cid}":                                           does(session.ActionManageCandidates),
		"POST /v1/sessions/{sid}/registrations":                              does(session.ActionManageCandidates),
		"GET /v1/sessions/{sid}/registrations":                               does(session.ActionReadCandidates),
		"GET /v1/sessions/{sid}/registrations/{cid}":                         does(session.ActionReadCandidates),
		"DELETE /v1/sessions/{sid}/registrations/{cid}":                      does(session.ActionManageCandidates),
		"PUT /v1/sessions/{sid}/registrations/{cid}/convocation":             does(session.ActionManageCandidates),
		"GET /v1/sessions/{sid}/registrations/{cid}/convocation":             does(session.ActionReadCandidates),
		"POST /v1/sessions/{sid}/registrations/{cid}/convocation/validate":   does(session.ActionManageCandidates),
		"POST /v1/sessions/{sid}/registrations/{cid}/convocation/delivery":   does(session.ActionManageCandidates),
		"POST /v1/sessions/{sid}/registrations/{cid}/convocation/correction": does(session.ActionManageCandidates),
		"POST /v1/sessions/{sid}/registrations/{cid}/outcome":                does(session.ActionManageCandidates),
		"POST /v1/candidates/{cid}/history":                                  does(session.ActionManageCandidates),

		"GET /v1/titles":                    does(session.ActionReadTitles),
		"GET /v1/titles/{code}":             does(session.ActionReadTitles),
		"POST /v1/agrements":                does(session.ActionManageAgrements),
		"GET /v1/agrements":                 does(session.ActionReadAgrements),
		"GET /v1/agrements/{aid}":           does(session.ActionReadAgrements),
		"PUT /v1/agrements/{aid}":           does(session.ActionManageAgrements),
		"GET /v1/programmes":                does(session.ActionReadProgrammes),
		"GET /v1/programmes/{year}":         does(session.ActionReadProgrammes),
		"PUT /v1/programmes/{year}":         does(session.ActionManageProgrammes),
		"POST /v1/programmes/{year}/submit": does(session.ActionManageProgrammes),

		"PUT /v1/sessions/{sid}/pli/ppe":      does(session.ActionManagePli),
		"POST /v1/sessions/{sid}/pli/order":   does(session.ActionManagePli),
		"POST /v1/sessions/{sid}/pli/receive": does(session.ActionManagePli),
		"POST /v1/sessions/{sid}/pli/read":    does(session.ActionManagePli),
		"POST /v1/sessions/{sid}/pli/secure":  does(session.ActionManagePli),
		"POST /v1/sessions/{sid}/pli/access":  does(session.ActionManagePli),
		"POST /v1/sessions/{sid}/pli/open":    does(session.ActionManagePli),
		"GET /v1/sessions/{sid}/pli":          does(session.ActionReadPli),

		"GET /v1/sessions/{sid}/checklist":        does(session.ActionReadChecklist),
		"PUT /v1/sessions/{sid}/checklist/{key}":  does(session.ActionManageChecklist),
		"PUT /v1/sessions/{sid}/equipment/{name}": does(session.ActionManageChecklist),

		"GET /v1/sessions/{sid}/convocations.pdf":                 does(session.ActionReadCandidates),
		"GET /v1/sessions/{sid}/attendance.pdf":                   does(session.ActionReadCandidates),
		"GET /v1/sessions/{sid}/deroule.pdf":                      does(session.ActionReadCandidates),
		"GET /v1/sessions/{sid}/candidates.csv":                   does(session.ActionReadCandidates),
		"GET /v1/sessions/{sid}/registrations/{cid}/calendar.ics": does(session.ActionReadCandidates),
		"GET /v1/sessions/{sid}/invitations/{mid}/calendar.ics":   does(session.ActionReadMemberCalendar),
		"POST /v1/candidates/import":                              does(session.ActionManageCandidates),

		"GET /v1/sessions/{sid}/exam":                                              does(session.ActionReadExam),
		"POST /v1/sessions/{sid}/plan/sittings":                                    does(session.ActionRecordExam),
		"PUT /v1/sessions/{sid}/sittings/{key}":                                    does(session.ActionRecordExam),
		"PUT /v1/sessions/{sid}/sittings/{key}/surveillants":                       does(session.ActionRecordExam),
		"PUT /v1/sessions/{sid}/sittings/{key}/attendance/{cid}":                   does(session.ActionRecordExam),
		"PUT /v1/sessions/{sid}/invitations/{mid}/attendance/{day}":                does(session.ActionRecordExam),
		"PUT /v1/sessions/{sid}/responsable-attendance/{day}":                      does(session.ActionRecordExam),
		"POST /v1/sessions/{sid}/sheets/{sheet}/signatures":                        does(session.ActionRecordExam),
		"POST /v1/sessions/{sid}/incidents":                                        does(session.ActionRecordExam),
		"POST /v1/sessions/{sid}/incidents/{n}/witnesses":                          does(session.ActionRecordExam),
		"PUT /v1/sessions/{sid}/registrations/{cid}/remote-modality":               does(session.ActionRecordExam),
		"POST /v1/sessions/{sid}/constatations":                                    does(session.ActionRecordExam),
		"PUT /v1/sessions/{sid}/registrations/{cid}/decision":                      does(session.ActionDeliberate),
		"POST /v1/sessions/{sid}/registrations/{cid}/decision/sign":                does(session.ActionDeliberate),
		"POST /v1/sessions/{sid}/registrations/{cid}/decision/amendments":          does(session.ActionDeliberate),
		"POST /v1/sessions/{sid}/registrations/{cid}/decision/amendments/{n}/sign": does(session.ActionDeliberate),
		"POST /v1/sessions/{sid}/pv/sent":                                          does(session.ActionManageResults),
		"POST /v1/sessions/{sid}/validate":                                         does(session.ActionValidateResults),
		"PUT /v1/sessions/{sid}/registrations/{cid}/issuances/{document}":          does(session.ActionManageResults),
		"POST /v1/sessions/{sid}/pseudonymise":                                     does(session.ActionManageRetention),
		"GET /v1/retention":                                                        does(session.ActionReadRetention),
		"PUT /v1/retention":                                                        does(session.ActionManageRetention),
		"GET /v1/sessions/{sid}/pv.pdf":                                            does(session.ActionReadResults),
		"GET /v1/sessions/{sid}/constatations.pdf":                                 does(session.ActionReadResults),
		"GET /v1/sessions/{sid}/results.csv":                                       does(session.ActionReadResults),
		"GET /v1/sessions/{sid}/archive.zip":                                       does(session.ActionReadResults),
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

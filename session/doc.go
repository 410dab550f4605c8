// Package session orchestrates the whole lifecycle of a titre
// professionnel exam session, from its creation to its opening.
//
// [Session] is the aggregate: its centre, title, kind, site, dates
// (working days of the site's region, the end not before the start),
// planned number of candidates and responsable de session, and a [Status]
// derived from dated milestones that only its methods record: preparation →
// declared → pli_ordered → convocations_sent → ready → opened → closed, or
// cancelled before the opening. The status is the furthest milestone
// reached; it does not force the centre's order of work (a centre may
// register candidates before ordering the pli). Opening is allowed only on
// the start date and only when the readiness checks pass; an opened, closed
// or cancelled session refuses any further preparation step.
//
// [Timeline] lists every deadline of the preparation with its due date and
// its status on a given day: declaring the session, staffing the jury
// (15 days before, for employed members' leave requests), ordering the pli
// (advised 3 months before, clamped to the month's end), receiving it
// (alert 14 days before), validating the convocations (31 days before),
// checking readiness and opening.
//
// [Service] is the only type that holds the stores and the clock. It has
// one method per user action; each reads the clock once to fix "today" in
// the centre's time zone (Europe/Paris by default), loads what it needs,
// calls the rule of the package that owns it (candidate, jury, pli,
// checklist, session/plan), writes the aggregate it changes and records the
// change, with who made it, in the session's event log ([Event]). Every
// action is bound to the actor's centre: another centre's data is reported
// as not found.
//
// # Appointments
//
// The plan numbers its candidates; [NumberPlanCandidates] tells who is who
// from the registrations, the jury assignment and the convocations, and
// [PlanAppointments] the days and times the plan needs each
// (docs/rules.md#convocation-appointments). Convocations take them when
// drafted, validation refuses one that misses them, [Service.AssignJury]
// arranges its panels so that convocations keep their times, and readiness
// blocks while a validated convocation misses them, until it is corrected
// ([Service.CorrectConvocation], docs/rules.md#convocation-corrections).
// [Service.PublishCalendar] remembers what each calendar published
// ([CalendarStore]), so that its events' SEQUENCE starts at 0 and grows by
// one at each change, across restarts.
//
// # Roles
//
// [Policy] holds the role rules (docs/rules.md#roles): which [Role] — admin
// (the centre's staff), jury (a member of its directory), controller (an
// inspector) — may perform each [Action], and what each sees: a jury member
// sees only the sessions it holds an active invitation to (any other is not
// found), its own record, invitation and panel, and the pli only once it is
// opened; a controller reads and never writes. The Service's methods act for
// whoever calls them; an adapter serving several roles builds each
// request's [Actor] with its Role and Member ([Service.JuryActor] for the
// jury role) and applies the Policy as its doc comment says, as the HTTP
// adapter does.
//
// The package imports the domain packages (candidate, jury, pli,
// checklist), session/plan and the root package; it declares the store
// interfaces of sessions, of the event log and of the calendars'
// publications, and imports no adapter.
package session

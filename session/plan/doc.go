// Package plan plans a titre professionnel exam session from the title's
// déroulé-type, the plateau technique, the hidden times, the calendar and
// the jury parameters, and finds how many jury members it needs: the
// computation the Ministry's leaflet asks of a centre first ("Planifiez
// l'examen à l'aide du déroulé-type de votre demande d'agrément. Adaptez-le
// en fonction du nombre de candidats et de la disponibilité du plateau
// technique. N'oubliez pas d'ajouter tous les temps cachés. Vous pourrez
// ainsi déterminer le nombre de membres de jurys nécessaire.";
// docs/rules.md#planning-the-session). The model, the input and the output
// are those of docs/planning.md, whose JSON the types of this package read
// and write.
//
// [Decode] reads an [Input] strictly; [Input.WithSession] fills the start
// and the number of days from the session when the caller left them out;
// [Compute] validates the input and returns a [Plan]: a déroulé de session
// with its lower bounds, or the infeasible answer naming the binding limit.
// [NewSchedule] reads the plan day by day, in no language: the déroulé de
// session the leaflet says must be displayed in the exam rooms, which
// adapters/documents prints in French as text and PDF. [Store] keeps a
// session's plan.
//
// # Rules every plan satisfies (docs/planning.md#the-model)
//
//   - Working days are numbered from the first working day on or after
//     calendar.start, weekends and the region's public holidays skipped
//     ([tpsession.Calendar]); nothing is scheduled outside the day's
//     blocks; at most calendar.max_days days.
//   - Every candidate sits every épreuve once, inside one block, or for a
//     splittable épreuve as a run of segments over consecutive blocks
//     (across nights, weekends and holidays) holding its units throughout.
//   - jury "none" has no jury; "exclusive" is attended by the candidate's
//     jury, the same for all its exclusive épreuves; "observe" is watched by
//     one jury per sitting of at most observe_capacity candidates at exactly
//     the same interval.
//   - precedes (min_gap_min on the same day, max_gap_min on the same day,
//     next_day), no_wait (same day, within max_gap_min, no other épreuve in
//     between, the accueil allowed in the gap), last, same_station. The
//     épreuve marked final (the entretien final) is last for every
//     candidate; [Input.CheckTitre] refuses the déroulé of a session titre
//     without one.
//   - Hidden times are never silently absent: an input without them is
//     refused (the session service fills them from the title register's
//     default profile first), and a plan whose hidden times are all zero
//     carries a note ([NoteHiddenZero]) that its jury count ignores them.
//   - A candidate, a unit and a jury do one thing at a time (identical
//     observe sittings count once); a unit used by two candidates on one day
//     is reset station_reset_min minutes (clock time) in between.
//   - A jury's busy minutes in a day, the opening included on day 1 when it
//     works that day, are at most member_day_min.
//   - Hidden times: the opening at the start of day 1 overlaps nothing; each
//     jury's briefing precedes its other tasks and its closure follows them;
//     a candidate's accueil ends exactly when its first exclusive épreuve
//     starts, its reading ends before the accueil, each correction follows
//     the corrected épreuve and precedes the next meeting with the jury, its
//     deliberation follows its last exclusive épreuve on the same day.
//
// A jury has at least 2 members (arrêté du 22 décembre 2015, art. 5;
// docs/rules.md#jury-composition). Members needed = juries × jury.members_per_jury.
//
// # How it plans
//
// The compiled input (model) never changes once built; one search value
// owns everything the search changes: the partial plan, the step budget,
// the seeded random source and a typed undo log, through which placement,
// the large neighbourhood search and the kept plans all roll back
// (state.go).
//
// A serial list scheduler places the candidates one after another, each at
// its earliest finish over the juries and épreuve orders that differ, with
// its hidden tasks fitted into its jury's free time (sched.go). The serial
// schedule comes first (serial.go): every candidate in the first order of
// the épreuves, on the jury where it finishes first, each épreuve at its
// earliest start; it runs whatever the budget and its plan is kept, so
// that no answer is worse than it. Probes (one placement of every
// candidate) follow: one close to it, one joining later sittings, one
// letting each candidate take its best order, and, where the jury's time
// binds, one filling the sittings of observed épreuves rather than
// opening one per candidate (sitgroup.go). A large neighbourhood search
// repairs what does not fit and improves the plan: for min_days the last
// day's candidates are taken out and put back to shorten it, then juries
// are taken away keeping the days; for min_juries the search tries the
// bound, probes upwards from it until a plan fits, then takes a jury away
// and repairs (the least working first), and tries fresh plans with one
// jury fewer, before it shortens the days with the juries found. When the
// stations set the length of the session, the planner first lays out each
// unit's uses with the programme of the unit sequence bound and places the
// candidates around them (template.go).
//
// The search keeps improving until the plan meets its bounds or its
// budget ends. The budget is counted in scheduler steps, not in time
// (search.budget_ms in the input, [WithBudget] in Go, [DefaultBudget] when
// neither), so that the same input, seed and budget give the same plan on
// any machine; "no plan found" comes only once the whole budget is spent,
// and a plan that misses its bounds says by how much in its Gap.
//
// # Lower bounds
//
// The bounds are proofs, written out in docs/planning.md#lower-bounds and
// in the doc comment of each bound's function, so that a plan that meets
// them is optimal and an input whose bounds exceed the limits is answered
// infeasible with proved set:
//
//   - days: a candidate's path through the blocks; each resource's energy
//     and whole uses; an épreuve needing more than half a type's units;
//     the busiest unit's sequence of uses (a small dynamic programme over
//     one unit, a relaxation of the rules); the rigid no_wait chains of a
//     resource, and those with short gaps (a programme over the chains in
//     progress in one block); the windows of rigid groups (épreuves joined
//     by maximum gaps shorter than any break lie in one block, each between
//     the minutes of its group before and after it);
//   - juries: jury energy, with the sittings that hold one candidate per
//     jury; the candidates one jury sees (its whole work, its chunks day by
//     day, its late work); jury-day and jury-block integrality, with the
//     long observed sittings competing for the jury-blocks; the work that
//     cannot start before the earliest accueil; the windows of rigid
//     groups.
//
// docs/planner-measurements.md measures the planner against these bounds on
// the samples and on a generated population of inputs.
//
// # Imports
//
// The root package tpsession, the standard library,
// github.com/rickb777/date/v2 and github.com/shopspring/decimal (the jury
// cost is exact). It imports no other package of the module: the session
// service builds on it, not the reverse.
package plan

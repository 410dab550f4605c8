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
// A serial list scheduler places the candidates one after another, each at
// its earliest finish over the juries and épreuve orders that differ, with
// its hidden tasks fitted into its jury's free time. A large neighbourhood
// search repairs what does not fit and improves the plan: the last day's
// candidates are taken out and put back to shorten it, a jury's candidates
// are given to the others to do without it. When the stations set the
// length of the session (a long test without the jury then its jury part
// on the same station, a job running over several blocks), the planner
// first lays out each unit's uses with the programme of the unit sequence
// bound, staggered so that the juries can attend the jury parts, reserves
// those parts in the juries' time, and places the candidates around their
// pinned uses; the days and the juries are bisected with this template.
// The search is seeded and bounded by a count of steps, so that the same
// input gives the same plan on any machine, in well under a second for 100
// candidates.
//
// # Lower bounds
//
// The bounds are proofs, written out in docs/planning.md#lower-bounds and
// in the doc comment of each bound's function, so that a plan that meets them is optimal and an input whose
// bounds exceed the limits is answered infeasible with proved set:
//
//   - days: a candidate's path through the blocks; each resource's energy
//     and whole uses; the busiest unit's sequence of uses (a small dynamic
//     programme over one unit, a relaxation of the rules); the rigid
//     no_wait chains of a resource, and those with short gaps (a programme
//     over the chains in progress in one block);
//   - juries: jury energy; jury-day and jury-block integrality, with the
//     long observed sittings competing for the jury-blocks; the work that
//     cannot start before the earliest accueil.
//
// # Imports
//
// The root package tpsession, the standard library,
// github.com/rickb777/date/v2 and github.com/shopspring/decimal (the jury
// cost is exact). It imports no other package of the module: the session
// service builds on it, not the reverse.
package plan

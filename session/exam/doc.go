// Package exam models what happens to a titre professionnel session from
// its opening on: the days of the exam, the jury's deliberation, the
// procès-verbal (PV), and what follows it until the records are
// pseudonymised.
//
// It is a stage of the session's life, as session/plan is, and belongs to
// no aggregate of the domain packages: it reads candidates (their route,
// who trained them), the jury (panels, conflicts of interest) and the
// title's CCPs, which the session service describes to it with plain
// values (Facts), and keeps one aggregate per session, the [Record]. A
// single aggregate holds the attendance, the incidents, the decisions and
// the PV because the PV states them all together, and once it is closed
// none of them may change: one record checks that in one place ([Vet]).
//
// # What it records
//
//   - [Sitting]: an épreuve held on a day from a start to an end time for
//     one or more candidates, with its surveillants; the entretien final
//     of a session titre is one.
//   - [Attendance]: per sitting and candidate, present or absent, who
//     checked the identity and when, the arrival, the responsable de
//     session's decision on a late arrival with the working time left.
//   - [Presence]: the jury members' and the responsable's, per day.
//   - [SheetSignature]: who signed the foot of an attendance sheet, and
//     when — the signed state, not an image.
//   - [Incident]: a report (suspected fraud, disturbance, technical
//     failure, other) with its witnesses' signatures.
//   - [Constatation]: the PV de constatation of a jury without quorum for
//     some candidates, who are to be convened again.
//   - [Decision]: per candidate and per CCP, acquired or not, on what
//     basis, by which members, and their signatures; an [Amendment]
//     corrects it after the PV closed.
//   - The PV sent, the administration's [Validation], the [Issuance] of
//     parchemins and livrets, and the pseudonymisation after the
//     [Retention] period.
//
// # Rules (docs/rules.md, each with its source and confidence)
//
//   - Identity checked before each épreuve (docs/rules.md#identity-check;
//     historical, a setting: [Rules].IdentityCheck).
//   - A late candidate is admitted or refused by the responsable de
//     session, present that day; the end time never moves
//     (docs/rules.md#late-arrival).
//   - A trainer of a candidate does not watch the candidate's épreuve,
//     unless for safety where dangerous equipment is used
//     (docs/rules.md#surveillance; historical, a setting).
//   - A suspected fraud is reported, with its witnesses' signatures, and
//     the PV mentions it; the library does not sanction
//     (docs/rules.md#incidents).
//   - The jury deliberates on a candidate with at least two members of
//     the candidate's panel present and without conflict; otherwise a PV
//     de constatation (docs/rules.md#jury-quorum; historical, a setting).
//   - Decisions per CCP, the outcome following from them, grounded on the
//     épreuves sat, the dossier professionnel, the ECF results for a
//     training route and, for the title, the entretien final; signed by
//     each deliberating member (docs/rules.md#deliberation).
//   - The PV closes when every member has signed; then it is final, and a
//     correction is an amendment signed by the same members
//     (docs/rules.md#the-procès-verbal).
//   - Validation after the PV is sent, a remote session's only with every
//     remote candidate's modality stated (docs/rules.md#validation).
//   - Pseudonymisation after the retention period, five years by default
//     (docs/rules.md#retention).
//
// The package imports the root package tpsession, the standard library and
// github.com/rickb777/date/v2.
package exam

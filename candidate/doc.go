// Package candidate models the people who sit a titre professionnel exam:
// candidates, their registrations to sessions, and the convocation each
// registration leads to, from the draft to the proof of delivery.
//
// # What it models
//
//   - [Candidate]: identity (names, birth date), optional contact details
//     and postal address, the route (formation, VAE, apprentissage), for VAE
//     the day the recevabilité decision was notified, the titles held, and
//     the companies that hosted the candidate, by SIRET, which the jury
//     package needs to keep a member from evaluating a candidate their
//     company hosted (docs/rules.md#conflicts-of-interest) (at most [MaxTitlesHeld] titles and
//     [MaxHostCompanies] companies). Nothing beyond what the rules need is
//     kept: no social-security number, no copy of an identity document. The
//     e-mail address is kept in lower case.
//   - [Training]s the candidate followed, with the organisation and the
//     people who trained them, whom the jury package keeps from evaluating
//     the candidate; and the candidate's history of [Attempt]s: the
//     sessions sat and their outcomes (obtained, partial success with the
//     CCPs acquired, failed, absent), which [Candidate.RecordAttempt] feeds,
//     from a validated procès-verbal or from the centre's records.
//   - [Registration] of a candidate to a session, checked for eligibility
//     on the session's first day, with the candidate's modality (on site or
//     remote) and, in a CCP session, the CCPs they sit; a withdrawal is
//     recorded, not erased.
//   - [Convocation]: drafted, validated in the Ministry's application
//     (CERES), then sent by registered mail or handed over; its
//     [ConvocationState] is derived from the recorded facts.
//
// # Rules and their sources
//
//   - A VAE recevabilité decision is valid one year from its notification
//     (arrêté du 22 décembre 2015, VAE article; docs/rules.md#vae-eligibility): the
//     session's first day must lie between the notification and
//     [RecevabiliteValidUntil]. A VAE candidate without a notified decision
//     is not eligible.
//   - A CCS can only be obtained by a holder of the title (arrêté du
//     22 décembre 2015, art. 1): a CCS session needs the title held.
//   - A candidate of a training route who failed the title, or was absent,
//     may sit it again without a new training for one year
//     ([ResitUntil]); later, a training ending after that session is needed
//     (responsabledesession.fr; arrêté du 22 décembre 2015, art. 10 as
//     quoted).
//   - Acquired CCPs are kept for good; a CCP session is limited to the
//     CCPs the candidate lacks, the title register's correspondence
//     between revisions applied by the session service ([Request.Held]).
//   - In a title's délai de prolongation (after its end of validity), a
//     session titre is open to candidates who sat the title before the end,
//     or whose training started, or VAE recevabilité was notified, before
//     it, registered before the end; a CCP session to candidates in partial
//     success (arrêté du 22 décembre 2015, art. 3).
//   - A candidate sits remotely only in a remote session.
//   - A candidate has at most one active registration to a session.
//   - The convocation states every day and time the candidate must be
//     present ([Appointment], one a day), the documents and the personal
//     protective equipment (EPI) to bring, and the place
//     (docs/rules.md#convocation-content,
//     docs/rules.md#convocation-appointments); it cannot be validated
//     without an appointment, its place and documents, nor without the
//     protective equipment the épreuves require (title register, DTE
//     organisateur; docs/rules.md#protective-equipment); its appointments
//     fall on days of the session, and it is validated no earlier than it
//     was drafted, or for an older draft than the registration
//     (docs/rules.md#no-validation-before-the-convocation-exists).
//     [ConvocationDetails.Unmet] says which appointments a plan needs that
//     it does not give.
//   - It is validated in CERES at least 31 days before the épreuves start
//     (docs/rules.md#convocation-lead-time): [ConvocationLeadDays], configurable per kind of session
//     through [ConvocationPolicy] because the 2008 règlement asked 1 month
//     for a titre and 15 days for a CCP or CCS (docs/rules.md#where-sources-disagree). A validated
//     convocation does not change; new session dates are checked against
//     the validated convocations with [CheckSessionChange]. One whose
//     times no longer hold is corrected ([Registration.CorrectConvocation]):
//     the correction is validated and delivered again, under the same lead
//     time (docs/rules.md#convocation-corrections).
//   - A name is made of letters, spaces, hyphens and apostrophes; a French
//     postcode has 5 digits (docs/rules.md#names-and-postcodes).
//   - It is delivered by registered mail or by hand, nothing else
//     (docs/rules.md#convocation-delivery).
//
// # Boundaries
//
// The package never reads the wall clock: functions take today's date, or
// the instant a fact is recorded, from the caller (the session service).
// It knows a session only through the small [Session] value the session
// service builds. Input from outside arrives as strings in the …Input types
// and is parsed with field errors named by the JSON fields of the HTTP
// contract ("host_companies[0].siret").
//
// It imports the root package tpsession, the standard library and
// github.com/rickb777/date/v2, and nothing else of the module: jury, pli,
// checklist and session are out of bounds (docs/architecture.md#dependency-direction).
package candidate

// Package tpsession organises titre professionnel exam sessions of the French
// Ministry of Labour for a centre agréé, from planning the session to the
// moment it opens, with the Ministry's rules enforced in code.
//
// This root package holds only the vocabulary the other packages share:
//
//   - [Error], its [Kind]s and [FieldError]s: the one error type of the
//     library, with a stable code, a message safe to show to a user and the
//     facts that decided a rule;
//   - typed identifiers ([SessionID], [CandidateID], [MemberID]…), random,
//     URL-safe and sortable by creation time;
//   - [SIRET] and [SIREN], parsed and checksum-verified (INSEE's Luhn key,
//     with La Poste's exception), and [TitleCode] ("TP-01281");
//   - the [Clock] and the working-day [Calendar]: weekends and French public
//     holidays (Easter-based ones computed; metropolitan, Alsace-Moselle and
//     overseas [Region]s), and [MonthsBefore], which clamps to the end of a
//     month as "order the pli 3 months before the session" needs;
//   - [DateRange] and [ParseDate] for inclusive periods of calendar days,
//     [TimeOfDay] for clock times ("08:30") and [SessionKind] (titre, CCP,
//     CCS);
//   - the checks every package applies to its input the same way: one line of
//     text ([FieldErrors.Text]), a free-text note ([FieldErrors.Note]), a
//     date recording a past fact ([FieldErrors.PastDate]) and an e-mail
//     address ([ParseEmail]), with [MessageOf] and [Truncate] for messages;
//   - [MinJuryMembers], the smallest jury (arrêté du 22 décembre 2015,
//     art. 6), which several packages reckon with.
//
// It holds no rule about sessions and no store. Dependency direction, checked
// by a test: this package imports no other package of the module; the domain
// packages jury, pli, candidate and checklist import only this one; session
// and session/plan build on them; the adapters and examples come last.
//
// Rules live with the package that owns them: candidate (eligibility,
// convocations), jury (habilitations, invitations, conflicts of interest,
// panels), pli (the exam envelope and its custody log), checklist (readiness
// to open), session (the lifecycle, its timeline and the Service) and
// session/plan (the déroulé de session and the size of the jury).
package tpsession

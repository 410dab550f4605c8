// Package jury models the jury side of a titre professionnel exam session:
// the centre's directory of jury members and their habilitations, the
// invitations to a session, conflicts of interest between members and
// candidates, and the panels that evaluate the candidates.
//
// # Rules
//
//   - A member may be invited to a session only if habilitated on the
//     session's title for every day of it, first to last (arrêté du
//     22 décembre 2015, art. 5; docs/rules.md#jury-habilitation: "consultez la liste des jurys
//     habilités sur le titre professionnel visé"; the centre checks that
//     the habilitation is active for the whole exam period).
//     Habilitations on the same title that follow one another without a gap
//     count together. A refusal names the habilitations' dates, the
//     session's, and the first day not covered.
//   - A member who recorded being unavailable on a day of the session may
//     not be invited (docs/rules.md#jury-availability: "vérifier leur disponibilité"). Recorded after
//     the invitation, the unavailability shows in SessionJury.Review and
//     keeps the member off the panels.
//   - A member may be invited until the session's last day, on which a
//     replacement may still be needed; after it the session has ended and
//     cannot be staffed (ErrSessionEnded).
//   - An invitation is answered once (accepted or declined); the centre may
//     withdraw it before or after the answer; a member who declined or was
//     withdrawn may be invited again. Only accepted members sit on panels.
//   - Inviting an employed member fewer than 15 calendar days before the
//     session earns a warning, not an error: the member's leave request to
//     the employer is due 15 days ahead (Code du travail L.3142-42 to 45;
//     docs/rules.md#employer-notice). The délai is configurable (Policy), as a collective
//     agreement may set another.
//   - Conflicts of interest are per (member, candidate) pair, never per
//     session. A member whose employer is in the company of one of the
//     candidate's host companies (the same SIREN) hosted that candidate and
//     may not evaluate them (docs/rules.md#conflicts-of-interest: "un membre
//     de jury ayant accueilli un candidat au sein de son entreprise ne peut
//     pas l'évaluer"); a member the candidate records among their trainers
//     may not either. [ConflictRules] lets a centre take the looser reading
//     (the establishment only, by SIRET; the training link only when
//     declared) or the stricter one (any member of an organisation that
//     trained the candidate), each with its source
//     (docs/rules.md#conflicts-by-company-and-by-training). Conflicts the
//     centre declares (hosted, trained, employer, personal, other) count the
//     same. A conflicted member still evaluates the session's other
//     candidates.
//   - A candidate is evaluated by a jury of at least two habilitated members
//     (arrêté du 22 décembre 2015, art. 6), more when the title requires it.
//     Assign forms the panels from the accepted members and gives every
//     candidate a panel none of whose members conflicts with them, within
//     each panel's capacity (from the session's plan, or balanced). The
//     search is exact: it fails only when no assignment exists, and then
//     says which candidates cannot get a panel and why.
//
// # Values from other packages
//
// The package does not know sessions nor candidates: the session service
// hands it a Session (ID, title, dates) and, per registered candidate, a
// Candidate (ID, name, host companies' and training organisations'
// SIRETs, trainers' e-mail addresses). Dates are calendar days
// (date.Date); every rule takes "today" as a parameter and never reads the
// clock.
//
// # Imports
//
// The root package tpsession, the standard library and
// github.com/rickb777/date/v2; no other package of the module (the domain
// packages never import one another, nor session).
package jury

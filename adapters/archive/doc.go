// Package archive makes the archive of a session: one ZIP file holding
// everything the library knows of it, for the centre to keep for its
// retention period and to hand to an inspector (docs/rules.md#retention):
//
//   - data/: each of the session's aggregates — the session, its
//     registrations, its candidates, its jury and members, its pli, its
//     checklist, its plan, its exam record — as the JSON document the
//     stores keep (adapters/internal/records, the storage contract);
//   - logs/: the session's event log and the pli's custody log, with each
//     entry's hash;
//   - documents/: every document adapters/documents makes of the session
//     at that moment — convocation letters, attendance sheets, déroulé,
//     candidates' export, procès-verbal, PV de constatation, results;
//   - manifest.json: what the archive is, when and for whom it was made,
//     and each file's size and SHA-256, with whether the custody log's
//     chain verifies.
//
// The same session gives the same archive, byte for byte, at the same
// instant: the files are in a fixed order and stamped with that instant.
// The package holds no rule and reads through session.Service only; it
// imports the domain, adapters/documents and adapters/internal/records,
// and the transports import it.
package archive

// Package documents makes the documents a centre agréé prints, sends and
// posts for an exam session, from what the session service holds: pure
// rendering and parsing, no store and no rule of its own.
//
// # What it makes
//
// Each document is a [Document]: its bytes, its content type and a file
// name, so that an HTTP handler serves it in three lines. All are made
// from a [Dossier], which [Gather] reads through the session service and
// the host completes with its letterhead ([Centre]).
//
//   - [ConvocationLetter] and [ConvocationLetters] (PDF): the letter of one
//     candidate, or all the letters of a session in one file for printing,
//     with a cover page naming the registered candidates left without one.
//     It states every day and time the candidate must be present, with
//     what comes first and in which room
//     (docs/rules.md#convocation-appointments), the place, the documents
//     and the personal protective equipment (EPI) to bring
//     (docs/rules.md#convocation-content); reminds the candidate that the
//     responsable de session decides on a late arrival, which does not
//     move the end of the épreuves, that phones are forbidden unless the
//     référentiel d'évaluation allows them, and that the règlement général
//     des sessions d'examen (arrêté du 21 juillet 2016) applies; carries
//     the delivery mention, registered mail or by hand, the only two ways
//     (docs/rules.md#convocation-delivery); and is signed by the
//     [Signatory]. A correction says what it replaces
//     (docs/rules.md#convocation-corrections).
//   - [AttendanceSheets] (PDF): the feuilles d'émargement, one per day and
//     half-day, the session named by its title, dates and site, with each
//     candidate expected and the time of their rendez-vous, a box for the
//     identity check, the arrival time and the signature (and, apart, each
//     candidate registered after the plan was made), then rows for the
//     jury and the responsable de session.
//   - [WriteDeroule], [DerouleText] and [DeroulePDF]: the déroulé de
//     session the leaflet asks to display in the exam rooms
//     (docs/rules.md#rooms-and-displays), the only French wording of the
//     plan's day-by-day schedule (plan.Schedule), without or with names
//     (Dossier.PlanCandidates, session.NumberPlanCandidates), rooms by
//     their labels.
//   - [MemberCalendar] and [CandidateCalendar] (iCalendar): a jury member's
//     sittings and a candidate's appointments, in the site's time zone.
//     Their UIDs stay the same from one version to the next (a member's
//     days, a candidate's registration); through the dossier's
//     [CalendarLog], SEQUENCE is 0 at the first publication and one more
//     at each change, and what no longer takes place is published
//     CANCELLED, so that a calendar that imported an earlier file updates
//     its events rather than keeping stale ones or copies.
//   - [CandidatesCSV] and [ParseCandidates]: the candidates' spreadsheet,
//     exported for staff to copy into the Ministry's application, each
//     cell written so that Excel shows it as it is and runs nothing, and
//     imported from a spreadsheet export all or nothing, every bad row
//     reported with its line, for session.Service.ImportCandidates. The
//     export's column order is ours ([ExportColumns]): the application's
//     screens are not public, so whether they ask in that order could not
//     be checked; the caller may give its own.
//
// # Choices
//
// PDFs embed DejaVu Sans (a subset of it), which prints every Latin script
// as typed; a character it lacks is reported in Document.Unprintable. No
// text is ever cut or printed past a margin: it wraps; blocks that belong
// together stay on one page; footers never overprint (docs/documents.md,
// and pdf.go for the helpers a new PDF is made with). Calendars carry the
// VTIMEZONE of the site's region, so neither this package nor the reader
// needs a time zone database. Documents made twice from the same dossier
// are the same bytes.
//
// # Imports
//
// The root package, candidate, jury, session and session/plan; fpdf
// (codeberg.org/go-pdf/fpdf), the DejaVu fonts (github.com/go-fonts/dejavu)
// and golang.org/x/image's font parser, golang-ical
// (github.com/arran4/golang-ical), golang.org/x/text, and the date and
// decimal packages the domain uses. No adapter: deps_test.go places it
// between session and the adapters. Its tests read the PDFs back with
// poppler's pdftotext (adapters/internal/pdftest), which .ci/run installs.
package documents

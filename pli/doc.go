// Package pli models the pli d'examen of a titre professionnel session and
// the custody of its dossiers techniques d'examen (DTE), from the order to
// the opening, with an append-only custody log an inspector can verify.
//
// # Lifecycle
//
// A [Pli] goes through these steps, in this order; its [Status] is derived
// from the facts each step records:
//
//	not_ordered → ordered → received → organisateur_read → secured → opened
//
// The steps:
//
//   - [Pli.Order]: ordered through the Ministry's chain, produced and shipped
//     by the Afpa (docs/rules.md#pli-receipt-alert);
//   - [Pli.Receive] then [Pli.ReadOrganisateur], or both at once with
//     [Pli.ReceiveAndRead]: on receipt the DTE organisateur is read and its
//     list of required materials recorded (docs/rules.md#pli-custody);
//     [Pli.RecordPPE] records the personal protective equipment it says the
//     candidates bring, which their convocations must list
//     (docs/rules.md#protective-equipment);
//   - [Pli.Secure]: the DTE jury and candidat are locked away, somewhere, in
//     someone's custody, "jusqu'à l'ouverture de la session"
//     (docs/rules.md#pli-custody);
//   - [Pli.Open]: at the session's opening, in front of at least
//     [MinWitnesses] named witnesses (the jury checked the seals before the
//     opening under the 2008 règlement, docs/rules.md#pli-opening).
//
// [Advise] warns about an order later than advised and a pli not received
// 14 days before the start, from that day on ([ReceiptOverdue], which the
// session's timeline reads too).
//
// A step attempted too early is refused with [ErrOutOfOrder], a step done
// already with [ErrStepRepeated] (both Conflict, naming the current status).
// Opening before the session is opened is refused with
// [ErrSessionNotOpened], and an access that would unseal the DTE jury or
// candidat before their opening with [ErrSealed] (both Rule); either refused
// attempt is appended to the custody log, so the caller saves the pli before
// returning the error ([RefusalLogged]). [Pli.RecordAccess] logs any other
// access (a seal check, a move).
//
// Dates recording a past fact (ordered_on, received_on) may be any day up to
// today, which the caller passes in, and a receipt is not before the order.
// Instants (at) and the actor (who acted) are passed in too: the package
// never reads the clock. They come from the session service (its clock, the
// authenticated user), not from the client, so a missing actor, a zero
// instant or an instant before the log's last entry is a programming error
// of the caller, [tpsession.ErrInternal], never a field error: custody
// entries are appended in time order. So are the centre, the ID and the
// session given to [New].
//
// # Advisories
//
// Ordering is recommended [OrderLeadMonths] calendar months before the start
// ([OrderBy], clamped to the month's end; docs/rules.md#pli-order-lead-time),
// and a pli not received
// [ReceiptAlertDays] days before the start is chased with the Afpa
// ([ReceiptAlertOn]; docs/rules.md#pli-receipt-alert). Neither refuses anything: [Advise] returns
// them as warnings for the session's timeline.
//
// # Custody log
//
// Every step appends an [Entry] to [Pli.Custody]: when (at), who (actor),
// what (action, a stable code such as "pli.secured", and detail, in words),
// and hash, which chains it to the entry before it:
//
//	hash = lowercase hex of SHA-256( previous hash ‖ canonical JSON )
//
// where the previous hash is its 64 ASCII hex characters, or nothing for the
// first entry, and the canonical JSON is the object
//
//	{"action":"pli.ordered","actor":"Marie Dupont","at":"2027-02-01T09:00:00.000Z","detail":"pli ordered on 2027-02-01"}
//
// with exactly these four keys in this (lexicographic) order, every value a
// string, no white space outside strings, "at" in RFC 3339 UTC with exactly
// three fractional digits ([TimeLayout]), and strings serialised as RFC 8785
// (JCS) does: '"' and '\' escaped with a backslash, \b \t \n \f \r for those
// characters, \u00xx (lowercase hex) for the other controls below U+0020,
// every other character as its UTF-8 bytes. That is what JavaScript's
// JSON.stringify writes; as the API writes each entry's at in exactly that
// form, an inspector can check a log obtained from it in a few lines
// (Node.js):
//
//	const crypto = require("node:crypto");
//	let prev = "";
//	for (const e of custody) {
//	  const c = JSON.stringify({action: e.action, actor: e.actor, at: e.at, detail: e.detail});
//	  const h = crypto.createHash("sha256").update(prev + c, "utf8").digest("hex");
//	  if (h !== e.hash) throw new Error("entry " + custody.indexOf(e));
//	  prev = h;
//	}
//
// In Python, json.dumps(obj, sort_keys=True, separators=(",", ":"),
// ensure_ascii=False) gives the same bytes once encoded in UTF-8. The example
// of [Log.Verify] is a test vector.
//
// [Log.Verify] recomputes the chain and names the first entry that does not
// match, or that is older than the entry before it: an edit, a deletion, an
// insertion or a reordering anywhere before the last entry is detected. A chain alone cannot detect that entries were
// cut off its end, nor a rewrite that recomputed every later hash: anchor
// the head ([Log.Head]) elsewhere, e.g. in the session's event log, and
// compare. Stores keep the log append-only across updates with
// [Log.Extends].
//
// # Store
//
// [Store] persists one pli per session, found by its session in its centre.
//
// # Imports
//
// This package imports the root package tpsession, the standard library and
// github.com/rickb777/date/v2; no other package of the module (jury,
// candidate, checklist and session exchange plain values with it).
package pli

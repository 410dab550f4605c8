// Package checklist models the checks a centre agréé makes before a titre
// professionnel exam session opens, and the verdict "ready to open".
//
// # The checklist
//
// A [Checklist] belongs to one session. [New] creates it with the standard
// items, pending; a centre may add its own items ([Checklist.AddItem]). Each
// item has a key, a label, a [Status] (pending, ok, not_ok,
// not_applicable), a note, and who checked it on which day. The standard
// items and their sources:
//
//   - equipment_operational: the equipment and materials the épreuves require
//     are available and operational for the whole exam, that is on
//     every working day of the session (docs/rules.md#equipment-operational);
//   - interview_rooms_confidential: the interview rooms preserve
//     confidentiality (docs/rules.md#interview-rooms);
//   - rules_displayed and schedule_displayed: the règlement and the déroulé
//     de session are displayed in the exam rooms
//     (docs/rules.md#rooms-and-displays);
//   - responsable_designated: a responsable de session is formally designated
//     and present on site throughout the session (engagement 3 of the
//     centre, docs/rules.md#responsable-de-session);
//   - computers_secured: computers configured so that they cannot serve
//     fraud, where the épreuves use them (règlement général of 2008,
//     kept as good practice, docs/rules.md#computers-secured).
//
// Only computers_secured, interview_rooms_confidential and custom items may be
// marked not applicable: the others are the leaflet's requirements of every
// session ([ErrItemAlwaysApplicable]).
//
// The checklist also records the state of the centre's equipment
// ([Checklist.SetEquipment]): for each material, the units available and the
// days it is operational, both ends included. Materials are matched by name
// under [MaterialKey] (spaces trimmed and collapsed, case ignored).
//
// # The verdict
//
// [Evaluate] takes [Facts], a plain struct the session service assembles
// from every part of the preparation, and returns a [Readiness]: findings,
// each blocking or a warning, with a message that says what to do, and the
// verdict [Readiness.Ready]. It is pure: no clock, no store.
//
// Blocking (the session may not open):
//   - a required material of the DTE organisateur missing, short of the
//     required quantity, or not operational on every working day of the
//     session (the finding names the material, its dates and the session's;
//     weekends and public holidays inside the session do not count);
//   - an item pending or not_ok; computers_secured not applicable while the
//     épreuves use computers; interview_rooms_confidential not applicable
//     unless the session is a CCP or a CCS (a session titre always ends with
//     an interview with the jury, and an unknown kind is judged as a titre);
//     any other standard item not applicable;
//   - no responsable de session designated;
//   - fewer than 2 accepted jury members (arrêté du 22 décembre 2015, art. 6)
//     or fewer than the plan needs; candidates registered but not assigned
//     to panels, a candidate without a panel, a member of a candidate's panel
//     with a conflict of interest with them (docs/rules.md#conflicts-of-interest);
//   - the pli not received, its DTE organisateur not read, or its DTE jury
//     and candidat not secured (docs/rules.md#pli-custody);
//   - a registered candidate's convocation not validated, or validated but
//     neither sent by registered mail nor handed over
//     (docs/rules.md#convocation-delivery);
//   - no agrément of the centre covering the session's title, site or days,
//     once the centre has recorded its agréments; a title whose validity
//     (and délai de prolongation) does not allow the session, or whose
//     remote modality is not open ([ComplianceFacts]).
//
// Warnings (worth fixing; the session may open):
//   - a convocation sent by registered mail whose proof of delivery is not
//     back: it was sent as the leaflet requires, the receipt is for the
//     record;
//   - no déroulé de session planned with the library (a centre may have made
//     it otherwise; the schedule_displayed item still requires one displayed);
//   - no candidate registered;
//   - no agrément recorded by the centre at all; a title the title register
//     does not know; the yearly programming submitted after 31 January, or
//     due and not submitted.
//
// Findings come blocking first, each group in the leaflet's order: plan,
// jury, pli, candidates and convocations, then the items of the checklist
// with the equipment under equipment_operational, then the compliance of the
// rules around the session. [Readiness.Err] turns a
// negative verdict into a [NotReadyError] (a Rule error, [ErrNotReady]) for
// the session service to refuse the opening with.
//
// # Dependencies
//
// This package imports the root package tpsession, the standard library and
// github.com/rickb777/date/v2, nothing else: it never imports jury, pli,
// candidate or session, whose states reach it as plain values in [Facts].
package checklist

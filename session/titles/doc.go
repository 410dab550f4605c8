// Package titles is the title register: for each titre professionnel a
// centre works with, its code and name and its revisions, each with the day
// it takes effect and its end of validity, its CCPs and CCS, the
// correspondence of CCPs with the previous revision, a default hidden-time
// profile for planning, the personal protective equipment its épreuves
// require where known, and which of its sessions are open to remote
// sessions.
//
// The register is data a centre keeps up to date: [Decode] reads it from a
// JSON file (docs/rules.md#the-title-register-file) and
// [Default] returns the one shipped with the library, a few real titles
// with the source of every fact and what could not be confirmed marked as
// such.
//
// # Rules
//
//   - A title's revision is valid from the day it takes effect to the end of
//     its validity (the end of its registration in the RNCP, or the day
//     before the next revision takes effect). After the end, the délai de
//     prolongation lets sessions start for one more year, provided they were
//     created before the end ([Revision.CheckSession]; arrêté du
//     22 décembre 2015, art. 3; responsabledesession.fr).
//   - When a title is revised, the arrêté maps the old CCPs to the new
//     ones: a candidate holding every CCP a line maps from holds the CCP it
//     maps to ([Title.HeldIn]).
//   - Remote sessions are an experiment open to the certifications the
//     Ministry lists (arrêté du 14 novembre 2024): [Revision.CheckRemote]
//     refuses any other.
//   - The convocation lists the personal protective equipment the épreuves
//     require (docs/rules.md#protective-equipment): [Revision.RequiredPPE].
//
// A title, or a date of it, that the register does not know is
// [ErrNotInRegister]: the session service reads it as a gap to fill, and
// warns rather than refuses.
//
// The package imports the root package tpsession, the standard library and
// github.com/rickb777/date/v2; the session service builds on it.
package titles

// Package agrement models a centre's agréments: the decisions of the préfet
// de région that approve the centre to organise the sessions of a
// titre professionnel, at the sites where its plateau technique is, from one
// day to another (arrêté du 21 juillet 2016 relatif aux modalités
// d'agrément, art. 1 and 2).
//
// # Rules
//
//   - A session may be created, or moved, only when an agrément covers its
//     title, its site and every day it runs ([Check]). Agréments of one
//     title and site that follow one another without a gap count together,
//     as a renewal does. A refusal names the agréments of the title, their
//     sites and dates, and the first day not covered.
//   - The agrément is granted for a site, the place of the plateau
//     technique: moving the plateau needs a new agrément, a move of the
//     head office does not (responsabledesession.fr; DREETS Pays de la
//     Loire FAQ). Sites are compared as written, case and spacing aside.
//   - An agrément cannot last beyond the title's end of validity (arrêté du
//     21 juillet 2016, art. 1): the session service refuses one that would,
//     when the title register knows that end.
//
// A centre that has recorded no agrément at all is not refused anything:
// the session service warns until it records them
// (docs/rules.md#migration-path).
//
// The package imports the root package tpsession, the standard library and
// github.com/rickb777/date/v2; the session service builds on it and
// declares nothing of it.
package agrement

// Package programme models a centre's yearly programming of its exam
// sessions: the programmation prévisionnelle a centre sends to the
// représentant territorial compétent (the DDETS) at least once a year,
// before 31 January (arrêté du 21 juillet 2016 portant règlement général des
// sessions d'examen, §1.1).
//
// A [Programme] is kept per centre and year: the sessions planned that year
// (title, kind, site, dates, number of candidates, remote or on site) and
// the day it was submitted. [DueOn] is 31 January of the year; a programme
// submitted later, or not submitted once that day has passed, is a
// non-compliance the session service reports on the timeline and the
// readiness findings of the year's sessions. It never refuses a session:
// the programme is a forecast, and sessions may be added to it.
//
// The package imports the root package tpsession, the standard library and
// github.com/rickb777/date/v2.
package programme

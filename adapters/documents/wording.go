package documents

import (
	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

// The French words of the documents, for the other French renderings of
// the session's data (adapters/webui) to say the same things the same way.

// DateFR writes "lundi 1er mars 2027".
func DateFR(d date.Date) string { return dateFR(d) }

// PeriodFR writes "du lundi 1er mars au mercredi 3 mars 2027", or "le
// lundi 1er mars 2027" for one day.
func PeriodFR(from, until date.Date) string { return periodFR(from, until) }

// TitleFR names what the session evaluates: "titre professionnel
// Concepteur développeur d'applications (TP-01281)".
func TitleFR(s session.Session) string { return titleFR(s) }

// TaskFR names a hidden task of the plan as the déroulé does: "Lecture du
// dossier", "Délibération".
func TaskFR(t plan.Task) string { return taskFR[t] }

// EpreuveFR names an entry's épreuve by its ID and label, with the part of
// a split one: "EP1 Installation électrique (partie 1/3)".
func EpreuveFR(e plan.Entry) string { return epreuveFR(e) }

// OpeningFR describes the session's opening, as the déroulé does.
const OpeningFR = openingText

// SpanFR writes "08:30–12:30", as the déroulé does.
func SpanFR(from, to tpsession.TimeOfDay) string { return span(from, to) }

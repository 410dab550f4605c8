package documents

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/tpsession/tpsession/session/plan"
)

// The déroulé de session in French: the words and the layout of the
// language-free plan.Schedule, the one rendering that the text form (the
// plan's text/plain answer, examples/plan -text), the PDF and the calendars
// share.

type deroule struct {
	title    string
	feasible bool
	reason   string
	summary  string
	cost     string // empty without a member day fee
	days     []derouleDay
}

type derouleDay struct {
	n    int
	date date.Date
	// opening is the session's opening that day, nil on other days.
	opening            *plan.Segment
	juries, candidates []derouleGroup
}

// derouleSection is the juries' or the candidates' part of a day.
type derouleSection struct {
	heading string
	groups  []derouleGroup
}

// sections returns the day's parts that have lines: the juries', then the
// candidates'.
func (d derouleDay) sections() []derouleSection {
	var out []derouleSection
	for _, s := range []derouleSection{{"Jurys", d.juries}, {"Candidats", d.candidates}} {
		if len(s.groups) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// derouleGroup is a jury's or a candidate's lines of a day.
type derouleGroup struct {
	key   int // jury or candidate number
	name  string
	lines []derouleLine
}

type derouleLine struct {
	seg  plan.Segment
	text string
}

// openingText describes the opening, as the plan's déroulé does.
const openingText = "Ouverture de la session : accueil des candidats, vérification des identités, ouverture du pli"

var taskFR = map[plan.Task]string{
	plan.TaskBriefing:     "Briefing du jury (lecture du DTE jury, des grilles)",
	plan.TaskClosure:      "Clôture du jury (PV, fiches de résultats, signatures)",
	plan.TaskAccueil:      "Accueil",
	plan.TaskReading:      "Lecture du dossier",
	plan.TaskCorrection:   "Correction",
	plan.TaskDeliberation: "Délibération",
}

// buildDeroule words the schedule in French. juryName and candidateName
// give the headings of a jury's and a candidate's lines.
func buildDeroule(s plan.Schedule, juryName, candidateName func(int) string) deroule {
	r := deroule{title: s.Title.Name, feasible: s.Feasible, reason: s.Reason}
	if s.Title.Code != "" {
		r.title = strings.TrimSpace(fmt.Sprintf("%s (%s)", r.title, s.Title.Code))
	}
	if !s.Feasible {
		return r
	}
	first, last := s.Days[0].Date, s.Days[len(s.Days)-1].Date
	juries := fmt.Sprintf("%s de %d membres", pluralFR(s.Juries, "jury"), s.MembersPerJury)
	if s.Juries > 1 {
		juries += fmt.Sprintf(", soit %d membres", s.Members)
	}
	r.summary = fmt.Sprintf("%s · %s · %s, %s",
		pluralFR(s.Candidates, "candidat"), juries, pluralFR(len(s.Days), "jour"), periodFR(first, last))
	if s.MemberDays > 0 {
		r.cost = fmt.Sprintf("Coût du jury : %d journées-membre, %s €", s.MemberDays, euros(s.JuryCost.Decimal))
	}
	for _, sd := range s.Days {
		r.days = append(r.days, derouleDay{
			n: sd.Number, date: sd.Date, opening: sd.Opening,
			juries:     groups(sd.Juries, juryName, juryLineFR),
			candidates: groups(sd.Candidates, candidateName, candidateLineFR),
		})
	}
	return r
}

// groups words each agenda of a day, under its heading.
func groups(agendas []plan.Agenda, name func(int) string, line func(plan.Entry) string) []derouleGroup {
	out := make([]derouleGroup, len(agendas))
	for i, a := range agendas {
		g := derouleGroup{key: a.Number, name: name(a.Number), lines: make([]derouleLine, len(a.Entries))}
		for j, e := range a.Entries {
			g.lines[j] = derouleLine{seg: e.Segment, text: line(e)}
		}
		out[i] = g
	}
	return out
}

// epreuveFR names an épreuve by its ID and label, with the part of a split
// one: "EP1 Installation électrique (partie 1/3)".
func epreuveFR(e plan.Entry) string {
	s := strings.TrimSpace(e.Epreuve + " " + e.Label)
	if e.Parts > 0 {
		s += fmt.Sprintf(" (partie %d/%d)", e.Part, e.Parts)
	}
	return s
}

// juryLineFR words an entry of a jury's agenda.
func juryLineFR(e plan.Entry) string {
	var s string
	switch {
	case e.Task == plan.TaskCorrection:
		s = taskFR[e.Task] + " " + e.Epreuve
	case e.Task != "":
		s = taskFR[e.Task]
	case e.Observed:
		return "Observation : " + epreuveFR(e) + " — candidats " + numbersFR(e.Candidates)
	default:
		s = epreuveFR(e)
	}
	if len(e.Candidates) > 0 {
		s += " — candidat " + numbersFR(e.Candidates)
	}
	return s
}

// candidateLineFR words an entry of a candidate's agenda: its accueil, or
// an épreuve with its stations and its jury.
func candidateLineFR(e plan.Entry) string {
	if e.Task == plan.TaskAccueil {
		return fmt.Sprintf("Accueil par le jury %d", e.Jury)
	}
	s := epreuveFR(e)
	if len(e.Rooms) > 0 {
		s += " — " + strings.Join(e.Rooms, ", ")
	}
	if e.Jury > 0 {
		s += fmt.Sprintf(" — jury %d", e.Jury)
	}
	return s
}

// numbersFR writes "3, 4, 5".
func numbersFR(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, ", ")
}

// euros writes an amount as French does, "1 360,00": at least two
// decimals, more when the fee had more, as the plan does, after a decimal
// comma, and the thousands set apart by no-break spaces.
func euros(d decimal.Decimal) string {
	s := d.StringFixed(max(2, -d.Exponent()))
	whole, frac, _ := strings.Cut(s, ".")
	sign := ""
	if strings.HasPrefix(whole, "-") {
		sign, whole = "-", whole[1:]
	}
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "\u00a0" + whole[i:]
	}
	return sign + whole + "," + frac
}

// writeText prints the déroulé in the plan's text form.
func (r deroule) writeText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Déroulé de session — %s\n", r.title)
	if !r.feasible {
		fmt.Fprintf(bw, "\nAucun déroulé ne tient dans les limites données.\n%s\n", r.reason)
		return bw.Flush()
	}
	fmt.Fprintf(bw, "%s\n", r.summary)
	if r.cost != "" {
		fmt.Fprintf(bw, "%s\n", r.cost)
	}
	for _, d := range r.days {
		fmt.Fprintf(bw, "\nJour %d — %s\n", d.n, dateFR(d.date))
		if o := d.opening; o != nil {
			fmt.Fprintf(bw, "  %s  %s\n", span(o.Start, o.End), openingText)
		}
		for _, part := range d.sections() {
			fmt.Fprintf(bw, "\n  %s\n", part.heading)
			for _, g := range part.groups {
				fmt.Fprintf(bw, "    %s\n", g.name)
				for _, l := range g.lines {
					fmt.Fprintf(bw, "      %s  %s\n", span(l.seg.Start, l.seg.End), l.text)
				}
			}
		}
	}
	return bw.Flush()
}

// deroule reads the dossier's plan, naming the juries by their panel's
// members and the candidates by PlanCandidates when known.
func (b *book) deroule() (deroule, error) {
	if b.Plan == nil {
		return deroule{}, plan.ErrPlanNotFound.Withf("session %s has no plan: plan it first", b.Session.ID)
	}
	juryName := func(j int) string {
		name := numbered("Jury")(j)
		var names []string
		for _, m := range b.panelMembers(j) {
			names = append(names, m.Name)
		}
		if len(names) > 0 {
			name += " — " + strings.Join(names, ", ")
		}
		return name
	}
	candidateName := func(k int) string {
		name := numbered("Candidat")(k)
		if id, ok := b.named[k]; ok {
			name += " — " + fullName(b.cands[id])
		}
		return name
	}
	return buildDeroule(b.Plan.Schedule(), juryName, candidateName), nil
}

// deroule opens the dossier and reads its plan.
func (d Dossier) deroule() (*book, deroule, error) {
	b, err := d.open()
	if err != nil {
		return nil, deroule{}, err
	}
	r, err := b.deroule()
	return b, r, err
}

// WriteDeroule writes the printable déroulé de session of the schedule as
// text, day by day: the opening, each jury's tasks, each candidate's
// épreuves with rooms and stations, juries and candidates by number. It is
// in French, like the room it is posted in. DerouleText writes the same
// with names.
func WriteDeroule(w io.Writer, s plan.Schedule) error {
	return buildDeroule(s, numbered("Jury"), numbered("Candidat")).writeText(w)
}

// numbered names a jury or a candidate by its number: "Jury 2".
func numbered(what string) func(int) string {
	return func(n int) string { return fmt.Sprintf("%s %d", what, n) }
}

// DerouleText returns the printable déroulé de session as text, day by
// day: the opening, each jury's tasks, each candidate's épreuves with rooms
// and stations. It is WriteDeroule's text, with the members of each jury's
// panel and the names of the candidates that PlanCandidates identifies.
// Error: plan.ErrPlanNotFound when the dossier has no plan.
func DerouleText(d Dossier) (Document, error) {
	b, r, err := d.deroule()
	if err != nil {
		return Document{}, err
	}
	var buf bytes.Buffer
	if err := r.writeText(&buf); err != nil {
		return Document{}, err
	}
	return Document{Name: fileName("txt", "deroule", string(b.Session.Title), b.Session.Start.String()), ContentType: ContentTypeText, Body: buf.Bytes()}, nil
}

// DeroulePDF returns the déroulé de session as a PDF to display in the
// exam rooms (Ministry leaflet: the règlement and the déroulé de session
// are displayed in the exam premises): the same content as DerouleText,
// each day starting on a new page, times in a column. Error:
// plan.ErrPlanNotFound when the dossier has no plan.
func DeroulePDF(d Dossier) (Document, error) {
	b, r, err := d.deroule()
	if err != nil {
		return Document{}, err
	}
	p := newPDF(b, "Déroulé de session — "+r.title)
	heading := func(label string) {
		p.section(label)
		p.font("B", 15)
		p.cell(0, 8, "Déroulé de session", "", "C", true)
		p.font("", 10.5)
		p.para(0, 5.5, r.title)
		p.para(0, 5.5, b.Centre.Name+" · "+b.Session.Site)
		if r.summary != "" {
			p.para(0, 5.5, r.summary)
		}
		if r.cost != "" {
			p.para(0, 5.5, r.cost)
		}
		p.f.Ln(3)
	}
	if !r.feasible {
		heading("Déroulé de session")
		p.font("B", 11)
		p.para(0, 6, "Aucun déroulé ne tient dans les limites données.")
		p.font("", 10.5)
		p.para(0, 5.5, r.reason)
	}
	const timeWidth = 26.0
	line := func(indent float64, when, text string) {
		if !p.room(5) {
			p.f.AddPage()
		}
		p.f.SetX(marginX + indent)
		p.font("", 9.5)
		p.cell(timeWidth, 5, when, "", "L", false)
		p.para(p.width()-indent-timeWidth, 5, text)
	}
	for _, d := range r.days {
		heading(fmt.Sprintf("Déroulé — jour %d, %s", d.n, dateFR(d.date)))
		p.font("B", 13)
		p.band(8, fmt.Sprintf("Jour %d — %s", d.n, dateFR(d.date)))
		if o := d.opening; o != nil {
			p.f.Ln(1)
			line(0, span(o.Start, o.End), openingText)
		}
		for _, part := range d.sections() {
			p.f.Ln(2)
			p.font("B", 12)
			p.cell(0, 7, part.heading, "", "L", true)
			for _, g := range part.groups {
				if !p.room(12) {
					p.f.AddPage()
				}
				p.font("B", 10.5)
				p.f.SetX(marginX + 4)
				p.cell(0, 6, g.name, "B", "L", true)
				for _, l := range g.lines {
					line(8, span(l.seg.Start, l.seg.End), l.text)
				}
			}
		}
	}
	return p.document(fileName("pdf", "deroule", string(b.Session.Title), b.Session.Start.String()))
}

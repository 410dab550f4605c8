package documents

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/tpsession/tpsession/session/plan"
)

// The déroulé de session, structured: what plan.WriteDeroule prints, built
// from the plan's exported items so that the PDF, the calendars and the
// text with names share one reading of the plan. Without names, its text
// is byte for byte plan.WriteDeroule's (a test holds them together).

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

// buildDeroule reads the plan day by day. juryName and candidateName give
// the headings of a jury's and a candidate's lines.
func buildDeroule(rec plan.Record, juryName, candidateName func(int) string) deroule {
	in, p := rec.Input, rec.Plan
	r := deroule{title: in.Title.Name, feasible: p.Feasible, reason: p.Reason}
	if in.Title.Code != "" {
		r.title = strings.TrimSpace(fmt.Sprintf("%s (%s)", r.title, in.Title.Code))
	}
	if !p.Feasible {
		return r
	}
	r.summary = fmt.Sprintf("%s · %s de %d membres (%d membres) · %s, du %s au %s",
		pluralFR(in.Candidates, "candidat"), pluralFR(p.Juries, "jury"), in.Jury.MembersPerJury, p.Members,
		pluralFR(len(p.Days), "jour"), dateFR(p.Days[0]), dateFR(p.Days[len(p.Days)-1]))
	if p.MemberDays > 0 {
		r.cost = fmt.Sprintf("Coût du jury : %d journées-membre, %s €", p.MemberDays, euros(p.JuryCost.Decimal))
	}
	labels := map[string]string{}
	observed := map[string]bool{}
	for _, e := range in.Epreuves {
		labels[e.ID] = strings.TrimSpace(e.ID + " " + e.Label)
		observed[e.ID] = e.Jury == plan.Observe
	}
	for d := 1; d <= len(p.Days); d++ {
		day := derouleDay{n: d, date: p.Days[d-1]}
		if o := p.Opening; o != nil && o.Day == d {
			day.opening = &plan.Segment{Day: d, Start: o.Start, End: o.End}
		}
		juries := map[int][]derouleLine{}
		cands := map[int][]derouleLine{}
		sittings := map[string]int{} // jury|épreuve|start → index in juries[jury]
		for _, it := range p.Items {
			for n, sg := range it.Segments {
				if sg.Day != d {
					continue
				}
				part := ""
				if len(it.Segments) > 1 {
					part = fmt.Sprintf(" (partie %d/%d)", n+1, len(it.Segments))
				}
				if it.Task != "" {
					what := taskFR[it.Task]
					if it.Task == plan.TaskCorrection {
						what += " " + it.Epreuve
					}
					if it.Candidate > 0 {
						what += fmt.Sprintf(" — candidat %d", it.Candidate)
					}
					juries[it.Jury] = append(juries[it.Jury], derouleLine{sg, what})
					if it.Task == plan.TaskAccueil {
						cands[it.Candidate] = append(cands[it.Candidate], derouleLine{sg, fmt.Sprintf("Accueil par le jury %d", it.Jury)})
					}
					continue
				}
				units, jury := "", ""
				if len(it.Units) > 0 {
					units = " — " + strings.Join(it.Units, ", ")
				}
				if it.Jury > 0 {
					jury = fmt.Sprintf(" — jury %d", it.Jury)
				}
				cands[it.Candidate] = append(cands[it.Candidate], derouleLine{sg, labels[it.Epreuve] + part + units + jury})
				if it.Jury == 0 {
					continue
				}
				// Candidates observed together form one sitting of the jury.
				key := fmt.Sprintf("%d|%s|%s", it.Jury, it.Epreuve, sg.Start)
				if k, ok := sittings[key]; ok {
					juries[it.Jury][k].text += fmt.Sprintf(", %d", it.Candidate)
					continue
				}
				what := fmt.Sprintf("%s%s — candidat %d", labels[it.Epreuve], part, it.Candidate)
				if observed[it.Epreuve] {
					what = fmt.Sprintf("Observation : %s%s — candidats %d", labels[it.Epreuve], part, it.Candidate)
					sittings[key] = len(juries[it.Jury])
				}
				juries[it.Jury] = append(juries[it.Jury], derouleLine{sg, what})
			}
		}
		day.juries = groups(juries, juryName)
		day.candidates = groups(cands, candidateName)
		r.days = append(r.days, day)
	}
	return r
}

// groups orders the lines of each jury or candidate by start time, and the
// juries or candidates by number.
func groups(lines map[int][]derouleLine, name func(int) string) []derouleGroup {
	out := make([]derouleGroup, 0, len(lines))
	for k, ls := range lines {
		slices.SortStableFunc(ls, func(a, b derouleLine) int { return cmp.Compare(a.seg.Start, b.seg.Start) })
		out = append(out, derouleGroup{key: k, name: name(k), lines: ls})
	}
	slices.SortFunc(out, func(a, b derouleGroup) int { return cmp.Compare(a.key, b.key) })
	return out
}

// euros writes an amount with at least two decimals, more when the fee
// had more, as the plan does.
func euros(d decimal.Decimal) string { return d.StringFixed(max(2, -d.Exponent())) }

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
		name := fmt.Sprintf("Jury %d", j)
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
		name := fmt.Sprintf("Candidat %d", k)
		if id, ok := b.named[k]; ok {
			name += " — " + fullName(b.cands[id])
		}
		return name
	}
	return buildDeroule(*b.Plan, juryName, candidateName), nil
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

// DerouleText returns the printable déroulé de session as text, day by
// day: the opening, each jury's tasks, each candidate's épreuves with rooms
// and stations. It is plan.WriteDeroule's text, with the members of each
// jury's panel and the names of the candidates that PlanCandidates
// identifies. Error: plan.ErrPlanNotFound when the dossier has no plan.
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
	body, err := p.bytes()
	if err != nil {
		return Document{}, err
	}
	return Document{Name: fileName("pdf", "deroule", string(b.Session.Title), b.Session.Start.String()), ContentType: ContentTypePDF, Body: body}, nil
}

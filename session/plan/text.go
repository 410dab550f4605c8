package plan

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
)

// WriteDeroule writes the plan as the printable déroulé de session, the
// schedule that must be displayed in the exam rooms (Ministry leaflet:
// "vérifiez que le règlement et le déroulé de session sont affichés dans
// les locaux d'examen"): day by day, the opening, then each jury's tasks,
// then each candidate's épreuves with rooms and stations. It is in French,
// like the room it is posted in. in must be the input the plan was
// computed from, for the labels.
func WriteDeroule(w io.Writer, in Input, p Plan) error {
	bw := bufio.NewWriter(w)
	title := in.Title.Name
	if in.Title.Code != "" {
		title = strings.TrimSpace(fmt.Sprintf("%s (%s)", title, in.Title.Code))
	}
	fmt.Fprintf(bw, "Déroulé de session — %s\n", title)
	if !p.Feasible {
		fmt.Fprintf(bw, "\nAucun déroulé ne tient dans les limites données.\n%s\n", p.Reason)
		return bw.Flush()
	}
	fmt.Fprintf(bw, "%s · %s de %d membres (%d membres) · %s, du %s au %s\n",
		pluralFR(in.Candidates, "candidat"), pluralFR(p.Juries, "jury"), in.Jury.MembersPerJury, p.Members,
		pluralFR(len(p.Days), "jour"), dateFR(p.Days[0]), dateFR(p.Days[len(p.Days)-1]))
	if p.MemberDays > 0 {
		fmt.Fprintf(bw, "Coût du jury : %d journées-membre, %s €\n", p.MemberDays, euros(p.JuryCost.Decimal))
	}
	labels := map[string]string{}
	for _, e := range in.Epreuves {
		labels[e.ID] = strings.TrimSpace(e.ID + " " + e.Label)
	}
	parts := map[int]int{} // items with several segments, by index
	for i, it := range p.Items {
		if len(it.Segments) > 1 {
			parts[i] = len(it.Segments)
		}
	}
	type line struct {
		seg  Segment
		text string
	}
	for d := 1; d <= len(p.Days); d++ {
		fmt.Fprintf(bw, "\nJour %d — %s\n", d, dateFR(p.Days[d-1]))
		if p.Opening != nil && p.Opening.Day == d {
			fmt.Fprintf(bw, "  %s–%s  Ouverture de la session : accueil des candidats, vérification des identités, ouverture du pli\n", p.Opening.Start, p.Opening.End)
		}
		juries := map[int][]line{}
		cands := map[int][]line{}
		sittings := map[string]int{} // jury|épreuve|start → index in juries[j]
		for i, it := range p.Items {
			for n, sg := range it.Segments {
				if sg.Day != d {
					continue
				}
				part := ""
				if k := parts[i]; k > 0 {
					part = fmt.Sprintf(" (partie %d/%d)", n+1, k)
				}
				units := ""
				if len(it.Units) > 0 {
					units = " — " + strings.Join(it.Units, ", ")
				}
				switch {
				case it.Task == "":
					jury := ""
					if it.Jury > 0 {
						jury = fmt.Sprintf(" — jury %d", it.Jury)
					}
					cands[it.Candidate] = append(cands[it.Candidate], line{sg, labels[it.Epreuve] + part + units + jury})
					if it.Jury == 0 {
						continue
					}
					key := fmt.Sprintf("%d|%s|%s", it.Jury, it.Epreuve, sg.Start)
					if k, ok := sittings[key]; ok {
						juries[it.Jury][k].text += fmt.Sprintf(", %d", it.Candidate)
						continue
					}
					what := fmt.Sprintf("%s%s — candidat %d", labels[it.Epreuve], part, it.Candidate)
					if in.epreuve(it.Epreuve).Jury == Observe {
						what = fmt.Sprintf("Observation : %s%s — candidats %d", labels[it.Epreuve], part, it.Candidate)
						sittings[key] = len(juries[it.Jury])
					}
					juries[it.Jury] = append(juries[it.Jury], line{sg, what})
				default:
					what := taskFR[it.Task]
					if it.Task == TaskCorrection {
						what += " " + it.Epreuve
					}
					if it.Candidate > 0 {
						what += fmt.Sprintf(" — candidat %d", it.Candidate)
					}
					juries[it.Jury] = append(juries[it.Jury], line{sg, what})
					if it.Task == TaskAccueil {
						cands[it.Candidate] = append(cands[it.Candidate], line{sg, fmt.Sprintf("Accueil par le jury %d", it.Jury)})
					}
				}
			}
		}
		write := func(heading string, keys []int, lines map[int][]line, name func(int) string) {
			if len(keys) == 0 {
				return
			}
			fmt.Fprintf(bw, "\n  %s\n", heading)
			for _, k := range keys {
				fmt.Fprintf(bw, "    %s\n", name(k))
				ls := lines[k]
				slices.SortStableFunc(ls, func(a, b line) int { return cmp.Compare(a.seg.Start, b.seg.Start) })
				for _, l := range ls {
					fmt.Fprintf(bw, "      %s–%s  %s\n", l.seg.Start, l.seg.End, l.text)
				}
			}
		}
		write("Jurys", sortedInts(juries), juries, func(j int) string { return fmt.Sprintf("Jury %d", j) })
		write("Candidats", sortedInts(cands), cands, func(c int) string { return fmt.Sprintf("Candidat %d", c) })
	}
	return bw.Flush()
}

var taskFR = map[Task]string{
	TaskBriefing:     "Briefing du jury (lecture du DTE jury, des grilles)",
	TaskClosure:      "Clôture du jury (PV, fiches de résultats, signatures)",
	TaskAccueil:      "Accueil",
	TaskReading:      "Lecture du dossier",
	TaskCorrection:   "Correction",
	TaskDeliberation: "Délibération",
}

func (in Input) epreuve(id string) Epreuve {
	for _, e := range in.Epreuves {
		if e.ID == id {
			return e
		}
	}
	return Epreuve{}
}

func sortedInts[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

var (
	weekdaysFR = [...]string{time.Sunday: "dimanche", time.Monday: "lundi", time.Tuesday: "mardi", time.Wednesday: "mercredi",
		time.Thursday: "jeudi", time.Friday: "vendredi", time.Saturday: "samedi"}
	monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
)

// dateFR writes "lundi 1 mars 2027" (1er for the first of the month, as
// French usage has it).
func dateFR(d date.Date) string {
	y, m, day := d.Date()
	n := fmt.Sprint(day)
	if day == 1 {
		n = "1er"
	}
	return fmt.Sprintf("%s %s %s %d", weekdaysFR[d.Weekday()], n, monthsFR[m-1], y)
}

func pluralFR(n int, word string) string {
	if n > 1 {
		return fmt.Sprintf("%d %ss", n, word)
	}
	return fmt.Sprintf("%d %s", n, word)
}

package webui

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/session/plan"
)

// The plan as a Gantt chart, drawn on the server as SVG from the plan's
// day-by-day schedule (plan.Schedule): one row per jury and one per room or
// station unit, a column band per day and block of the calendar, each
// candidate's épreuves on the units they hold and with the jury that
// attends them, each hidden task on its jury's row. Every bar carries its
// label (shortened, or turned upright, when the bar is narrow) and a
// title with the whole of it; each épreuve has a colour of the Okabe–Ito
// palette, which colour-blind readers tell apart, and a pattern of its own,
// which a black-and-white print keeps; hidden tasks are grey, each with its
// own pattern.

// Geometry of the chart, in SVG user units (pixels at 100 %).
const (
	chartLeft    = 170 // the rows' labels
	chartTop     = 58  // the day and block headings
	rowHeight    = 40
	barInset     = 4
	pxPerMinute  = 2.0
	blockGap     = 10
	dayGap       = 28
	chartPadding = 12
	charWidth    = 6.4 // of the 11 px labels, on average
)

type chart struct {
	Width, Height float64
	Title, Desc   string
	Days          []chartHeading
	Blocks        []chartHeading
	Ticks         []chartTick
	Rows          []chartRow
	Openings      []chartBar
	Bars          []chartBar
	Patterns      []chartPattern
	Legend        []legendItem
}

type chartHeading struct {
	X, Y, W float64
	Label   string
}

type chartTick struct {
	X, Y1, Y2 float64
	Label     string
}

type chartRow struct {
	Y, H   float64
	Label  string
	Kind   string // "jury" or "unit"
	First  bool   // the first row of its kind, drawn with a separator
	Shaded bool
}

type chartBar struct {
	X, Y, W, H float64
	Style      string // the pattern's ID
	Class      string
	Label      string
	// LX and LY place the label; Upright turns it a quarter.
	LX, LY  float64
	Upright bool
	Title   string
}

type chartPattern struct {
	ID, Fill, Ink, Kind string
}

type legendItem struct {
	Style, Class, Code, Label string
}

// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2002),
// each as a light tint to fill a bar under black text and its full colour
// for the pattern and the border.
var palette = []struct{ fill, ink string }{
	{"#f8dc99", "#b07a00"}, // orange
	{"#bfe3f7", "#1f7fb4"}, // sky blue
	{"#99d8c7", "#00795a"}, // bluish green
	{"#f9f4b3", "#8a8200"}, // yellow
	{"#99c7e0", "#005a8c"}, // blue
	{"#eebf99", "#a84a00"}, // vermillion
	{"#ebc9dc", "#a3557f"}, // reddish purple
	{"#dddddd", "#555555"}, // grey
}

// patterns is the order in which épreuves take their patterns.
var patterns = []string{"plein", "diagonale", "points", "horizontale", "anti-diagonale", "verticale", "quadrillage", "croisillons"}

// taskStyles gives each hidden task its pattern, its short label and the
// letter a narrow bar carries before the candidate's number (never C,
// which stands for a candidate).
var taskStyles = map[plan.Task]struct{ pattern, short, letter string }{
	plan.TaskBriefing:     {"horizontale", "Brief.", "B"},
	plan.TaskClosure:      {"verticale", "Clôt.", "F"},
	plan.TaskAccueil:      {"points", "Acc.", "A"},
	plan.TaskReading:      {"diagonale", "Lect.", "L"},
	plan.TaskCorrection:   {"anti-diagonale", "Corr.", "R"},
	plan.TaskDeliberation: {"quadrillage", "Délib.", "D"},
}

var taskOrder = []plan.Task{plan.TaskBriefing, plan.TaskAccueil, plan.TaskReading, plan.TaskCorrection, plan.TaskDeliberation, plan.TaskClosure}

// newChart lays out the chart of a feasible plan; names gives a plan
// candidate's name where the user may read it.
func newChart(rec plan.Record, names map[int]string) *chart {
	s := rec.Schedule()
	if !s.Feasible || len(s.Days) == 0 {
		return nil
	}
	blocks := rec.Input.Calendar.Blocks
	c := &chart{Title: "Plan de la session — " + strings.TrimSpace(s.Title.Name+" "+string(s.Title.Code))}
	c.Desc = fmt.Sprintf("%s sur %s, %s de %d membres ; une ligne par jury et par salle ou poste, une colonne par jour et par plage horaire.",
		plural(s.Candidates, "candidat", "candidats"), plural(len(s.Days), "jour", "jours"), plural(s.Juries, "jury", "jurys"), s.MembersPerJury)

	// Columns: x of each day's block.
	blockX := make([][]float64, len(s.Days))
	x := float64(chartLeft)
	for d, day := range s.Days {
		dayStart := x
		for b, bl := range blocks {
			if b > 0 {
				x += blockGap
			}
			blockX[d] = append(blockX[d], x)
			w := float64(bl.Len()) * pxPerMinute
			c.Blocks = append(c.Blocks, chartHeading{X: x, Y: chartTop - 8, W: w, Label: documents.SpanFR(bl.Start, bl.End)})
			for t := (bl.Start + 59) / 60 * 60; t <= bl.End; t += 60 {
				tx := x + float64(t-bl.Start)*pxPerMinute
				c.Ticks = append(c.Ticks, chartTick{X: tx, Label: strconv.Itoa(int(t)/60) + " h"})
			}
			x += w
		}
		c.Days = append(c.Days, chartHeading{X: dayStart, Y: 20, W: x - dayStart, Label: fmt.Sprintf("Jour %d — %s", day.Number, dayMonth(day.Date))})
		x += dayGap
	}
	c.Width = x - dayGap + chartPadding
	xOf := func(day int, t tpsession.TimeOfDay) float64 {
		for b, bl := range blocks {
			if t >= bl.Start && t <= bl.End {
				return blockX[day-1][b] + float64(t-bl.Start)*pxPerMinute
			}
		}
		// Not inside a block (never in a valid plan): the nearest edge.
		if t < blocks[0].Start {
			return blockX[day-1][0]
		}
		last := len(blocks) - 1
		return blockX[day-1][last] + float64(blocks[last].Len())*pxPerMinute
	}

	// Rows: the juries, then the units in the order of the input's
	// capacities, then the épreuves held by nothing.
	rowOf := map[string]int{}
	addRow := func(key, label, kind string) {
		r := chartRow{Y: chartTop + float64(len(c.Rows))*rowHeight, H: rowHeight, Label: label, Kind: kind, Shaded: len(c.Rows)%2 == 1}
		r.First = len(c.Rows) > 0 && c.Rows[len(c.Rows)-1].Kind != kind
		rowOf[key] = len(c.Rows)
		c.Rows = append(c.Rows, r)
	}
	for j := 1; j <= s.Juries; j++ {
		addRow("jury:"+strconv.Itoa(j), fmt.Sprintf("Jury %d", j), "jury")
	}
	var units []string
	loose := false
	for _, day := range s.Days {
		for _, a := range day.Candidates {
			for _, e := range a.Entries {
				units = append(units, e.Units...)
				loose = loose || e.Task == "" && e.Jury == 0 && len(e.Units) == 0
			}
		}
	}
	slices.SortFunc(units, compareUnits)
	for _, u := range slices.Compact(units) {
		addRow("unit:"+u, rec.Input.UnitLabel(u), "unit")
	}
	if loose {
		addRow("loose", "Sans jury ni salle", "unit")
	}
	c.Height = chartTop + float64(len(c.Rows))*rowHeight + chartPadding
	for i := range c.Ticks {
		c.Ticks[i].Y1, c.Ticks[i].Y2 = chartTop, c.Height-chartPadding
	}

	// Styles: each épreuve, then each task.
	style := map[string]string{}
	for i, e := range rec.Input.Epreuves {
		col := palette[i%len(palette)]
		id := "ep-" + strconv.Itoa(i)
		c.Patterns = append(c.Patterns, chartPattern{ID: id, Fill: col.fill, Ink: col.ink, Kind: patterns[(i+i/len(palette))%len(patterns)]})
		style[e.ID] = id
		c.Legend = append(c.Legend, legendItem{Style: id, Class: "barre-epreuve", Code: e.ID, Label: cmp.Or(e.Label, e.ID)})
	}
	for _, t := range taskOrder {
		id := "tache-" + string(t)
		c.Patterns = append(c.Patterns, chartPattern{ID: id, Fill: "#f2f2f2", Ink: "#595959", Kind: taskStyles[t].pattern})
		style[string(t)] = id
		c.Legend = append(c.Legend, legendItem{Style: id, Class: "barre-tache", Code: taskStyles[t].short + " / " + taskStyles[t].letter, Label: documents.TaskFR(t)})
	}

	who := func(ns []int) string {
		parts := make([]string, len(ns))
		for i, n := range ns {
			parts[i] = "C" + strconv.Itoa(n)
			if name, ok := names[n]; ok {
				parts[i] += " " + name
			}
		}
		return strings.Join(parts, ", ")
	}
	bar := func(row int, day int, e plan.Entry, label, short, title string) {
		r := c.Rows[row]
		b := chartBar{X: xOf(day, e.Start), Y: r.Y + barInset, H: r.H - 2*barInset, Title: title}
		b.W = max(xOf(day, e.End)-b.X, 1)
		if e.Task != "" {
			b.Style, b.Class = style[string(e.Task)], "barre-tache"
		} else {
			b.Style, b.Class = style[e.Epreuve], "barre-epreuve"
		}
		b.place(label, short)
		c.Bars = append(c.Bars, b)
	}
	for _, day := range s.Days {
		when := dayMonth(day.Date)
		if o := day.Opening; o != nil {
			ox := xOf(day.Number, o.Start)
			c.Openings = append(c.Openings, chartBar{X: ox, Y: chartTop, W: xOf(day.Number, o.End) - ox, H: float64(len(c.Rows)) * rowHeight,
				Label: openingLabel(xOf(day.Number, o.End) - ox), Title: documents.OpeningFR + ", " + when + " " + documents.SpanFR(o.Start, o.End)})
		}
		for _, a := range day.Juries {
			row := rowOf["jury:"+strconv.Itoa(a.Number)]
			for _, e := range a.Entries {
				span := when + " " + documents.SpanFR(e.Start, e.End)
				switch {
				case e.Task != "":
					label := taskStyles[e.Task].short
					if e.Task == plan.TaskCorrection {
						label += " " + e.Epreuve
					}
					short := taskStyles[e.Task].letter
					if len(e.Candidates) > 0 {
						label += " C" + numbers(e.Candidates)
						short += numbers(e.Candidates)
					}
					title := fmt.Sprintf("Jury %d — %s", a.Number, documents.TaskFR(e.Task))
					if e.Task == plan.TaskCorrection {
						title += " " + e.Epreuve
					}
					if len(e.Candidates) > 0 {
						title += " — " + who(e.Candidates)
					}
					bar(row, day.Number, e, label, short, title+" — "+span)
				default:
					verb := "évalue"
					if e.Observed {
						verb = "observe"
					}
					bar(row, day.Number, e, e.Epreuve+" C"+numbers(e.Candidates), "C"+numbers(e.Candidates),
						fmt.Sprintf("Jury %d %s %s — %s — %s", a.Number, verb, documents.EpreuveFR(e), who(e.Candidates), span))
				}
			}
		}
		for _, a := range day.Candidates {
			for _, e := range a.Entries {
				if e.Task != "" {
					continue // the accueil is on its jury's row
				}
				span := when + " " + documents.SpanFR(e.Start, e.End)
				title := fmt.Sprintf("%s — %s", documents.EpreuveFR(e), who(e.Candidates))
				if e.Jury > 0 {
					title += fmt.Sprintf(" — jury %d", e.Jury)
				}
				keys := make([]string, 0, len(e.Units))
				for _, u := range e.Units {
					keys = append(keys, "unit:"+u)
				}
				if len(keys) == 0 && e.Jury == 0 {
					keys = append(keys, "loose")
				}
				for _, k := range keys {
					t := title
					if u, ok := strings.CutPrefix(k, "unit:"); ok {
						t += " — " + rec.Input.UnitLabel(u)
					}
					bar(rowOf[k], day.Number, e, e.Epreuve+" C"+numbers(e.Candidates), "C"+numbers(e.Candidates), t+" — "+span)
				}
			}
		}
	}
	return c
}

// place puts the label in the bar: whole when it fits, short when that
// fits, upright when the bar is too narrow for either.
func (b *chartBar) place(label, short string) {
	fits := func(s string) bool { return float64(utf8.RuneCountInString(s))*charWidth+6 <= b.W }
	switch {
	case fits(label):
		b.Label = label
	case fits(short):
		b.Label = short
	default:
		b.Label, b.Upright = short, true
	}
	b.LX, b.LY = b.X+b.W/2, b.Y+b.H/2
}

// numbers writes "3" or "3, 4, 5".
func numbers(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

// compareUnits orders units by type, then by number: salle_qp#2 before
// salle_qp#10.
func compareUnits(a, b string) int {
	at, an, _ := strings.Cut(a, "#")
	bt, bn, _ := strings.Cut(b, "#")
	ai, _ := strconv.Atoi(an)
	bi, _ := strconv.Atoi(bn)
	return cmp.Or(strings.Compare(at, bt), cmp.Compare(ai, bi), strings.Compare(a, b))
}

// openingLabel names the opening's band, shortly when it is narrow.
func openingLabel(width float64) string {
	if width < 9*charWidth+6 {
		return "Ouv."
	}
	return "Ouverture"
}

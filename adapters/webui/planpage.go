package webui

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/plan"
)

type planPage struct {
	frame
	URL       string
	Session   sessionSummary
	Form      *form
	Summary   *planSummary
	Objective string
	Chart     *chart
	Days      []planDay
	Names     []string
	CanPlan   bool
	Samples   []option
	Explain   []string
}

func (p planPage) PageTitle() string {
	return "Plan — " + p.Session.Name + " (" + p.Session.Code + ")"
}

// planDay is one day of the plan as a table: the chart's text.
type planDay struct {
	Title string
	Rows  []planLine
}

type planLine struct{ Who, When, What string }

func (u *UI) planPage(rq *req) error { return u.showPlan(rq, http.StatusOK, nil) }

func (u *UI) showPlan(rq *req, status int, f *form) error {
	ses, err := rq.loadSession()
	if err != nil {
		return err
	}
	if err := rq.must(session.ActionReadPlan); err != nil {
		return err
	}
	url := u.base + "/sessions/" + string(ses.ID)
	p := planPage{
		frame: rq.frame(), URL: url, Form: f, CanPlan: rq.can(session.ActionPlanSession) && ses.CheckWritable() == nil,
		Session: sessionSummary{ID: string(ses.ID), Code: string(ses.Title), Name: ses.TitleName, Dates: documents.PeriodFR(ses.Start, ses.End),
			Status: word(sessionStatusFR, ses.Status()), StatusClass: "statut-" + string(ses.Status())},
	}
	for _, s := range u.samples {
		p.Samples = append(p.Samples, option{Value: s.Name, Label: s.Label, Selected: f.Value("plan", "modele", "") == s.Name})
	}
	rec, err := u.svc.Plan(rq.ctx, rq.actor, ses.ID)
	switch {
	case errors.Is(err, plan.ErrPlanNotFound):
	case err != nil:
		return err
	default:
		p.Summary = summarisePlan(rec, url+"/plan", u)
		p.Explain = rec.Plan.Explanation
		p.Objective = "le moins de jurys possible en " + plural(rec.Input.Calendar.MaxDays, "jour", "jours") + " au plus, puis le moins de jours"
		if rec.Input.Objective == plan.MinDays {
			p.Objective = "le moins de jours possible avec " + plural(rec.Input.Jury.MaxJuries, "jury", "jurys") + " au plus, puis le moins de jurys"
		}
		names := map[int]string{}
		if rq.can(session.ActionReadCandidates) {
			if names, err = u.planNames(rq, ses); err != nil {
				return err
			}
			for n := 1; n <= rec.Input.Candidates; n++ {
				if name, ok := names[n]; ok {
					p.Names = append(p.Names, fmt.Sprintf("C%d : %s", n, name))
				}
			}
		}
		p.Chart = newChart(rec, names)
		p.Days = planDays(rec, names)
	}
	u.render(rq, status, "plan", p)
	return nil
}

// planNames tells who is who among the plan's numbered candidates, as the
// session numbers them (session.NumberPlanCandidates, which Gather reads).
func (u *UI) planNames(rq *req, ses session.Session) (map[int]string, error) {
	d, err := documents.Gather(rq.ctx, u.svc, rq.actor, ses.ID)
	if err != nil {
		return nil, err
	}
	out := map[int]string{}
	for i, id := range d.PlanCandidates {
		for _, c := range d.Candidates {
			if c.ID == id {
				out[i+1] = upperName(c)
			}
		}
	}
	return out, nil
}

// planDays writes the schedule as tables, one per day: what the chart
// shows, for a reader who does not see it.
func planDays(rec plan.Record, names map[int]string) []planDay {
	s := rec.Schedule()
	var out []planDay
	who := func(ns []int) string {
		parts := make([]string, len(ns))
		for i, n := range ns {
			parts[i] = fmt.Sprintf("candidat %d", n)
			if name, ok := names[n]; ok {
				parts[i] += " (" + name + ")"
			}
		}
		return strings.Join(parts, ", ")
	}
	for _, day := range s.Days {
		pd := planDay{Title: fmt.Sprintf("Jour %d — %s", day.Number, documents.DateFR(day.Date))}
		if o := day.Opening; o != nil {
			pd.Rows = append(pd.Rows, planLine{Who: "Tous", When: documents.SpanFR(o.Start, o.End), What: documents.OpeningFR})
		}
		for _, a := range day.Juries {
			for _, e := range a.Entries {
				what := documents.EpreuveFR(e)
				if e.Task != "" {
					what = documents.TaskFR(e.Task)
					if e.Task == plan.TaskCorrection {
						what += " " + e.Epreuve
					}
				} else if e.Observed {
					what = "Observation : " + what
				}
				if len(e.Candidates) > 0 {
					what += " — " + who(e.Candidates)
				}
				pd.Rows = append(pd.Rows, planLine{Who: fmt.Sprintf("Jury %d", a.Number), When: documents.SpanFR(e.Start, e.End), What: what})
			}
		}
		for _, a := range day.Candidates {
			for _, e := range a.Entries {
				if e.Task != "" || e.Jury > 0 && len(e.Units) == 0 {
					continue // on its jury's lines
				}
				what := documents.EpreuveFR(e) + " — " + who(e.Candidates)
				if len(e.Units) > 0 {
					units := make([]string, len(e.Units))
					for i, u := range e.Units {
						units[i] = rec.Input.UnitLabel(u)
					}
					what += " — " + strings.Join(units, ", ")
				}
				pd.Rows = append(pd.Rows, planLine{Who: "Salles", When: documents.SpanFR(e.Start, e.End), What: what})
			}
		}
		out = append(out, pd)
	}
	return out
}

// planSession plans the session from an uploaded planning input, or from
// one of the samples.
func (u *UI) planSession(rq *req) error {
	ses, err := rq.sessionAction(session.ActionPlanSession)
	if err != nil {
		return err
	}
	data, err := u.planInput(rq)
	var rec plan.Record
	if err == nil {
		var in plan.Input
		if in, err = plan.DecodeBytes(data); err == nil {
			rec, err = u.svc.PlanSession(rq.ctx, rq.actor, ses.ID, in)
		}
	}
	if err != nil {
		if !refusable(err) {
			return err
		}
		return u.showPlan(rq, statusOf(err), newForm("plan", formValues(rq.r), err))
	}
	msg := fmt.Sprintf("Plan calculé : %s, %s, %s.", plural(len(rec.Plan.Days), "jour", "jours"), plural(rec.Plan.Juries, "jury", "jurys"), plural(rec.Plan.Members, "membre", "membres"))
	if !rec.Plan.Feasible {
		msg = "Aucun plan ne tient dans les limites données : voyez pourquoi ci-dessous."
	}
	return rq.done(msg, u.sessionURL(ses, "/plan"))
}

// planInput reads the uploaded file, or else the chosen sample.
func (u *UI) planInput(rq *req) ([]byte, error) {
	if rq.r.MultipartForm != nil {
		if fhs := rq.r.MultipartForm.File["fichier"]; len(fhs) > 0 && fhs[0].Size > 0 {
			f, err := fhs[0].Open()
			if err != nil {
				return nil, err
			}
			defer f.Close()
			return io.ReadAll(io.LimitReader(f, maxUpload))
		}
	}
	name := formValues(rq.r).Get("modele")
	for _, s := range u.samples {
		if s.Name == name && name != "" {
			return s.Input, nil
		}
	}
	return nil, tpsession.ErrInvalidInput.WithFields(tpsession.FieldError{Field: "fichier", Message: "choose a file, or a sample"}).Withf("no planning input: upload a file or choose a sample")
}

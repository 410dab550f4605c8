package httpapi

import (
	"strconv"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
	"github.com/tpsession/tpsession/session/agrement"
	"github.com/tpsession/tpsession/session/programme"
	"github.com/tpsession/tpsession/session/titles"
)

// The rules around the session: the title register, the centre's
// agréments and yearly programming, the candidates' history.

type titleList struct {
	Titles []titleResource `json:"titles"`
}

type titleResource struct {
	Code        string             `json:"code"`
	Name        string             `json:"name"`
	Acronym     string             `json:"acronym,omitempty"`
	Revisions   []revisionResource `json:"revisions" doc:"oldest first"`
	Sources     []sourceResource   `json:"sources"`
	Unconfirmed []string           `json:"unconfirmed" doc:"what the sources do not confirm"`
}

type revisionResource struct {
	ID             string                   `json:"id"`
	Arrete         string                   `json:"arrete,omitempty"`
	ValidFrom      jsonDate                 `json:"valid_from"`
	ValidUntil     jsonDate                 `json:"valid_until,omitzero" doc:"the end of validity the register records, when it knows it"`
	End            jsonDate                 `json:"end,omitzero" doc:"the last day of validity: valid_until, or the day before the next revision"`
	RNCP           string                   `json:"rncp,omitempty"`
	CCPs           []ccpResource            `json:"ccps"`
	CCS            []ccpResource            `json:"ccs"`
	Correspondence []correspondenceResource `json:"correspondence" doc:"holding every CCP of from (the previous revision) counts as holding to"`
	Hidden         *hiddenResource          `json:"hidden,omitempty" doc:"the default hidden-time profile a plan without hidden times uses"`
	Epreuves       []epreuveResource        `json:"epreuves"`
	Remote         remoteResource           `json:"remote"`
	Sources        []sourceResource         `json:"sources"`
	Unconfirmed    []string                 `json:"unconfirmed"`
}

type ccpResource struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	RNCPBlock string `json:"rncp_block,omitempty"`
}

type correspondenceResource struct {
	From []string `json:"from"`
	To   string   `json:"to"`
}

type hiddenResource struct {
	OpeningMin      int    `json:"opening_min"`
	JuryBriefingMin int    `json:"jury_briefing_min"`
	JuryClosureMin  int    `json:"jury_closure_min"`
	AccueilMin      int    `json:"accueil_min"`
	ReadingMin      int    `json:"reading_min"`
	CorrectionMin   int    `json:"correction_min"`
	DeliberationMin int    `json:"deliberation_min"`
	Source          string `json:"source,omitempty"`
}

type epreuveResource struct {
	ID    string   `json:"id"`
	Label string   `json:"label,omitempty"`
	In    []string `json:"in" doc:"the sessions it belongs to: titre and CCP codes; empty for every session"`
	PPE   []string `json:"ppe" doc:"the personal protective equipment the candidate brings"`
}

type remoteResource struct {
	Titre  bool     `json:"titre" doc:"sessions titre may be remote"`
	CCPs   []string `json:"ccps" doc:"the CCPs whose sessions may be remote"`
	Source string   `json:"source,omitempty"`
}

type sourceResource struct {
	Label string `json:"label"`
	URL   string `json:"url,omitempty"`
}

func titleOf(t titles.Title) titleResource {
	out := titleResource{Code: string(t.Code), Name: t.Name, Acronym: t.Acronym, Sources: sourcesOf(t.Sources), Unconfirmed: list(t.Unconfirmed)}
	for _, r := range t.Revisions {
		rr := revisionResource{
			ID: r.ID, Arrete: r.Arrete, ValidFrom: jsonDate(r.From), ValidUntil: jsonDate(r.Until), End: jsonDate(r.End()), RNCP: r.RNCP,
			CCPs: []ccpResource{}, CCS: []ccpResource{}, Correspondence: []correspondenceResource{}, Epreuves: []epreuveResource{},
			Remote:  remoteResource{Titre: r.Remote.Titre, CCPs: list(r.Remote.CCPs), Source: r.Remote.Source},
			Sources: sourcesOf(r.Sources), Unconfirmed: list(r.Unconfirmed),
		}
		for _, c := range r.CCPs {
			rr.CCPs = append(rr.CCPs, ccpResource(c))
		}
		for _, c := range r.CCS {
			rr.CCS = append(rr.CCS, ccpResource{Code: c.Code, Name: c.Name})
		}
		for _, c := range r.Correspondence {
			rr.Correspondence = append(rr.Correspondence, correspondenceResource{From: list(c.From), To: c.To})
		}
		if h := r.Hidden; h != nil {
			hr := hiddenResource(*h)
			rr.Hidden = &hr
		}
		for _, e := range r.Epreuves {
			rr.Epreuves = append(rr.Epreuves, epreuveResource{ID: e.ID, Label: e.Label, In: list(e.In), PPE: list(e.PPE)})
		}
		out.Revisions = append(out.Revisions, rr)
	}
	return out
}

func sourcesOf(ss []titles.Source) []sourceResource {
	out := make([]sourceResource, len(ss))
	for i, s := range ss {
		out[i] = sourceResource(s)
	}
	return out
}

func (a *api) listTitles(*call) (titleList, error) {
	ts := a.svc.Titles().Titles()
	out := titleList{Titles: make([]titleResource, len(ts))}
	for i, t := range ts {
		out.Titles[i] = titleOf(t)
	}
	return out, nil
}

func (a *api) getTitle(c *call) (titleResource, error) {
	code, err := tpsession.ParseTitleCode(c.r.PathValue("code"))
	if err != nil {
		return titleResource{}, titles.ErrNotInRegister.Withf("the title register has no entry %q", tpsession.Truncate(c.r.PathValue("code"), 40))
	}
	t, err := a.svc.Titles().Title(code)
	if err != nil {
		return titleResource{}, err
	}
	return titleOf(t), nil
}

type agrementRequest struct {
	TitleCode  string   `json:"title_code" pattern:"title_code" doc:"the titre professionnel's code, e.g. TP-01281"`
	Sites      []string `json:"sites" text:"line,300" minItems:"1" maxItems:"20" doc:"the places of the plateau technique the agrément names, as written in it"`
	ValidFrom  string   `json:"valid_from" format:"date"`
	ValidUntil string   `json:"valid_until" format:"date" doc:"included; not after the title's end of validity, when the title register knows it"`
	Reference  string   `json:"reference,omitempty" text:"line,200" doc:"the préfet's decision: its number or date"`
	Note       string   `json:"note,omitempty" text:"lines,1000"`
}

func (r *agrementRequest) input() agrement.Input {
	return agrement.Input{TitleCode: r.TitleCode, Sites: r.Sites, ValidFrom: r.ValidFrom, ValidUntil: r.ValidUntil, Reference: r.Reference, Note: r.Note}
}

type agrementResource struct {
	ID         string   `json:"id"`
	TitleCode  string   `json:"title_code"`
	Sites      []string `json:"sites"`
	ValidFrom  jsonDate `json:"valid_from"`
	ValidUntil jsonDate `json:"valid_until"`
	Reference  string   `json:"reference,omitempty"`
	Note       string   `json:"note,omitempty"`
}

func agrementOf(a agrement.Agrement) agrementResource {
	return agrementResource{ID: string(a.ID), TitleCode: string(a.Title), Sites: list(a.Sites),
		ValidFrom: jsonDate(a.Valid.From), ValidUntil: jsonDate(a.Valid.Until), Reference: a.Reference, Note: a.Note}
}

type agrementList struct {
	Agrements []agrementResource `json:"agrements"`
}

func (a *api) createAgrement(c *call, req *agrementRequest) (agrementResource, error) {
	ag, err := a.svc.CreateAgrement(c.ctx, c.actor, req.input())
	if err != nil {
		return agrementResource{}, err
	}
	c.w.Header().Set("Location", "/v1/agrements/"+string(ag.ID))
	return agrementOf(ag), nil
}

func (a *api) listAgrements(c *call) (agrementList, error) {
	as, err := a.svc.Agrements(c.ctx, c.actor)
	if err != nil {
		return agrementList{}, err
	}
	out := agrementList{Agrements: make([]agrementResource, len(as))}
	for i, ag := range as {
		out.Agrements[i] = agrementOf(ag)
	}
	return out, nil
}

func (a *api) getAgrement(c *call) (agrementResource, error) { return agrementOf(c.agr), nil }

func (a *api) reviseAgrement(c *call, req *agrementRequest) (agrementResource, error) {
	ag, err := a.svc.ReviseAgrement(c.ctx, c.actor, c.agr.ID, req.input())
	return agrementOf(ag), err
}

type programmeRequest struct {
	Sessions []plannedIO `json:"sessions,omitempty" maxItems:"500" doc:"the sessions planned that year; none when left out"`
	Note     string      `json:"note,omitempty" text:"lines,2000"`
}

type plannedIO struct {
	TitleCode  string `json:"title_code" pattern:"title_code"`
	Kind       string `json:"kind" enum:"titre,ccp,ccs"`
	Site       string `json:"site" text:"line,300"`
	StartDate  string `json:"start_date" format:"date" doc:"in the programme's year"`
	EndDate    string `json:"end_date" format:"date"`
	Candidates int    `json:"candidates" minimum:"1" maximum:"500"`
	Modality   string `json:"modality,omitempty" enum:"on_site,remote"`
}

type programmeResource struct {
	Year        int         `json:"year"`
	Due         jsonDate    `json:"due" doc:"31 January of the year"`
	SubmittedOn jsonDate    `json:"submitted_on,omitzero" doc:"the day it was sent to the DDETS"`
	Late        bool        `json:"late" doc:"submitted after it was due"`
	Sessions    []plannedIO `json:"sessions"`
	Note        string      `json:"note,omitempty"`
}

func programmeOf(p programme.Programme) programmeResource {
	out := programmeResource{Year: p.Year, Due: jsonDate(programme.DueOn(p.Year)), SubmittedOn: jsonDate(p.SubmittedOn), Late: p.Late(),
		Sessions: make([]plannedIO, len(p.Sessions)), Note: p.Note}
	for i, s := range p.Sessions {
		out.Sessions[i] = plannedIO{TitleCode: string(s.Title), Kind: string(s.Kind), Site: s.Site, StartDate: s.Start.String(),
			EndDate: s.End.String(), Candidates: s.Candidates, Modality: s.Modality.String()}
	}
	return out
}

type programmeList struct {
	Programmes []programmeResource `json:"programmes"`
}

// year reads the path's {year}.
func (c *call) year() (int, error) {
	y, err := strconv.Atoi(c.r.PathValue("year"))
	if err != nil {
		return 0, programme.ErrInvalidProgramme.Withf("the year is 4 digits, got %q", tpsession.Truncate(c.r.PathValue("year"), 10)).
			WithFields(tpsession.FieldError{Field: "year", Message: "must be a year, e.g. 2027"})
	}
	return y, programme.ParseYear(y)
}

func (a *api) putProgramme(c *call, req *programmeRequest) (programmeResource, error) {
	year, err := c.year()
	if err != nil {
		return programmeResource{}, err
	}
	in := programme.Input{Note: req.Note}
	for _, s := range req.Sessions {
		in.Sessions = append(in.Sessions, programme.PlannedInput{TitleCode: s.TitleCode, Kind: s.Kind, Site: s.Site,
			StartDate: s.StartDate, EndDate: s.EndDate, Candidates: s.Candidates, Modality: s.Modality})
	}
	p, err := a.svc.PutProgramme(c.ctx, c.actor, year, in)
	return programmeOf(p), err
}

func (a *api) getProgramme(c *call) (programmeResource, error) {
	year, err := c.year()
	if err != nil {
		return programmeResource{}, err
	}
	p, err := a.svc.Programme(c.ctx, c.actor, year)
	return programmeOf(p), err
}

func (a *api) listProgrammes(c *call) (programmeList, error) {
	ps, err := a.svc.Programmes(c.ctx, c.actor)
	if err != nil {
		return programmeList{}, err
	}
	out := programmeList{Programmes: make([]programmeResource, len(ps))}
	for i, p := range ps {
		out.Programmes[i] = programmeOf(p)
	}
	return out, nil
}

type submitRequest struct {
	SubmittedOn string `json:"submitted_on,omitempty" validate:"date" format:"date" doc:"today when left out; not in the future"`
}

func (a *api) submitProgramme(c *call, req *submitRequest) (programmeResource, error) {
	year, err := c.year()
	if err != nil {
		return programmeResource{}, err
	}
	p, err := a.svc.SubmitProgramme(c.ctx, c.actor, year, parseDate(req.SubmittedOn))
	return programmeOf(p), err
}

type attemptIO struct {
	SessionID string   `json:"session_id,omitempty" pattern:"session_id" doc:"a session of this centre; left out for one sat elsewhere or before"`
	TitleCode string   `json:"title_code" pattern:"title_code"`
	Revision  string   `json:"revision,omitempty" text:"line,40" doc:"the title's revision, when known"`
	Kind      string   `json:"kind" enum:"titre,ccp,ccs"`
	CCPs      []string `json:"ccps,omitempty" text:"line,40" maxItems:"20" doc:"a CCP session: the CCPs it evaluated"`
	On        string   `json:"on" format:"date" doc:"the session's last day, when the jury decided; not in the future"`
	Outcome   string   `json:"outcome" enum:"obtained,partial_success,failed,absent"`
	Acquired  []string `json:"acquired,omitempty" text:"line,40" maxItems:"20" doc:"the CCPs acquired: a partial success's, or a CCP session's when not all its CCPs were obtained"`
}

func attemptOf(a candidate.Attempt) attemptIO {
	return attemptIO{SessionID: string(a.Session), TitleCode: string(a.Title), Revision: a.Revision, Kind: string(a.Kind),
		CCPs: a.CCPs, On: a.On.String(), Outcome: string(a.Outcome), Acquired: a.Acquired}
}

func (a *api) recordAttempt(c *call, req *attemptIO) (candidateResource, error) {
	cand, err := a.svc.RecordAttempt(c.ctx, c.actor, c.cand.ID, candidate.AttemptInput{
		SessionID: req.SessionID, TitleCode: req.TitleCode, Revision: req.Revision, Kind: req.Kind, CCPs: req.CCPs,
		On: req.On, Outcome: req.Outcome, Acquired: req.Acquired,
	})
	return candidateOf(cand), err
}

type outcomeRequest struct {
	Outcome  string   `json:"outcome" enum:"obtained,partial_success,failed,absent"`
	Acquired []string `json:"acquired,omitempty" text:"line,40" maxItems:"20" doc:"the CCPs acquired: required for a partial success"`
}

func (a *api) recordOutcome(c *call, req *outcomeRequest) (candidateResource, error) {
	o, err := candidate.ParseOutcome(req.Outcome)
	if err != nil {
		return candidateResource{}, candidate.ErrInvalidAttempt.Withf("%s", tpsession.MessageOf(err)).
			WithFields(tpsession.FieldError{Field: "outcome", Message: tpsession.MessageOf(err)})
	}
	cand, err := a.svc.RecordOutcome(c.ctx, c.actor, c.ses.ID, c.reg.Candidate, session.Outcome{Outcome: o, Acquired: req.Acquired})
	return candidateOf(cand), err
}

package httpapi

import (
	"bytes"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/archive"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

// file is a document answered as a download: its bytes, its content type,
// and the file name a browser offers to save it under.
type file struct{ doc documents.Document }

// dossier gathers what the session's documents are made from, headed with
// the centre's letterhead and dated by the Service's clock.
func (a *api) dossier(c *call) (documents.Dossier, error) {
	d, err := documents.Gather(c.ctx, a.svc, c.actor, c.ses.ID)
	if err != nil {
		return documents.Dossier{}, err
	}
	if d.Centre, err = a.letterhead(c.ctx, c.p.Centre); err != nil {
		return documents.Dossier{}, err
	}
	d.Today = a.svc.Today()
	return d, nil
}

// render gathers the dossier and makes one document of it.
func (a *api) render(c *call, make func(documents.Dossier) (documents.Document, error)) (file, error) {
	d, err := a.dossier(c)
	if err != nil {
		return file{}, err
	}
	doc, err := make(d)
	return file{doc}, err
}

// letter renders a candidate's convocation letter.
func (a *api) letter(c *call, cid tpsession.CandidateID) (file, error) {
	return a.render(c, func(d documents.Dossier) (documents.Document, error) {
		return documents.ConvocationLetter(d, cid)
	})
}

// letters renders the letters of every registered candidate, for
// printing; ?delivery= sets the mention of the letters whose delivery is
// not recorded yet.
func (a *api) letters(c *call) (file, error) {
	var fe tpsession.FieldErrors
	delivery := query(c, &fe, "delivery", candidate.ParseDeliveryMethod)
	if err := fe.Err(tpsession.ErrInvalidInput); err != nil {
		return file{}, err
	}
	return a.render(c, func(d documents.Dossier) (documents.Document, error) {
		d.Delivery = delivery
		return documents.ConvocationLetters(d)
	})
}

func (a *api) attendanceSheets(c *call) (file, error) {
	return a.render(c, documents.AttendanceSheets)
}

func (a *api) deroulePDF(c *call) (file, error) { return a.render(c, documents.DeroulePDF) }

func (a *api) procesVerbal(c *call) (file, error) { return a.render(c, documents.ProcesVerbal) }

func (a *api) constatations(c *call) (file, error) {
	return a.render(c, documents.Constatations)
}

func (a *api) resultsCSV(c *call) (file, error) { return a.render(c, documents.ResultsCSV) }

// archive makes the session's archive, with the documents of its dossier
// numbered as the plan numbers its candidates.
func (a *api) archive(c *call) (file, error) {
	d, err := a.dossier(c)
	if err != nil {
		return file{}, err
	}
	doc, err := archive.Build(c.ctx, a.svc, c.actor, d, a.svc.Now())
	return file{doc}, err
}

func (a *api) candidatesCSV(c *call) (file, error) {
	return a.render(c, func(d documents.Dossier) (documents.Document, error) { return documents.CandidatesCSV(d) })
}

func (a *api) candidateCalendar(c *call) (file, error) {
	return a.render(c, func(d documents.Dossier) (documents.Document, error) {
		return documents.CandidateCalendar(d, c.reg.Candidate)
	})
}

func (a *api) memberCalendar(c *call) (file, error) {
	return a.render(c, func(d documents.Dossier) (documents.Document, error) {
		return documents.MemberCalendar(d, c.inv.Member)
	})
}

// csvUpload is a spreadsheet export sent as the body, read by
// documents.ParseCandidates.
type csvUpload struct{ data []byte }

type importedList struct {
	Candidates []candidateResource `json:"candidates" doc:"the candidates created, in the order of the file's rows"`
	Duplicates []duplicateResource `json:"duplicates" doc:"the rows whose candidate the centre already has (the same names and birth date, case and accents aside), not created again; with update_contacts=true, their contact details recorded on that candidate"`
	Ignored    []string            `json:"ignored" doc:"the headers of the columns the import does not read"`
}

type duplicateResource struct {
	Line        int    `json:"line" doc:"the row's line in the file, the header being line 1"`
	CandidateID string `json:"candidate_id" doc:"the candidate the centre already has"`
	Updated     bool   `json:"updated" doc:"whether the row's e-mail, telephone and postal address were recorded on that candidate"`
}

// importCandidates creates the candidates of a spreadsheet export (CSV,
// ';' or ',' separated, UTF-8 or Windows-1252, a header row), all or none:
// every bad row is reported with its line. A row whose candidate the
// centre already has is reported with its line and the candidate's ID, not
// created, or with ?update_contacts=true its contact details are recorded
// on that candidate. ?default_route= gives the route of the rows that have
// none.
func (a *api) importCandidates(c *call, req *csvUpload) (importedList, error) {
	var fe tpsession.FieldErrors
	opts := documents.ImportOptions{Today: a.svc.Today(), DefaultRoute: query(c, &fe, "default_route", candidate.ParseRoute)}
	update := query(c, &fe, "update_contacts", parseBool)
	if err := fe.Err(tpsession.ErrInvalidInput); err != nil {
		return importedList{}, err
	}
	imp, err := documents.ParseCandidates(bytes.NewReader(req.data), opts)
	if err != nil {
		return importedList{}, err
	}
	done, err := a.svc.ImportCandidates(c.ctx, c.actor, imp.Candidates, session.ImportOptions{UpdateContacts: update})
	if err != nil {
		return importedList{}, err
	}
	out := importedList{Candidates: make([]candidateResource, len(done.Created)), Duplicates: make([]duplicateResource, len(done.Known)), Ignored: list(imp.Ignored)}
	for i, cand := range done.Created {
		out.Candidates[i] = candidateOf(cand)
	}
	for i, k := range done.Known {
		out.Duplicates[i] = duplicateResource{Line: imp.Lines[k.Index], CandidateID: string(k.Candidate.ID), Updated: k.Updated}
	}
	return out, nil
}

// parseBool parses a query flag: true or false.
func parseBool(s string) (bool, error) {
	switch s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, tpsession.ErrInvalidInput.Withf("must be true or false, got %q", tpsession.Truncate(s, 20))
}

package titles

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

// The register's file format (docs/rules.md#the-title-register-file).
// Dates are YYYY-MM-DD; an unknown end of validity is left out.
type (
	wireRegister struct {
		Note   string      `json:"note,omitempty"`
		Titles []wireTitle `json:"titles"`
	}
	wireTitle struct {
		Code        string         `json:"code"`
		Name        string         `json:"name"`
		Acronym     string         `json:"acronym,omitempty"`
		Revisions   []wireRevision `json:"revisions"`
		Sources     []wireSource   `json:"sources,omitempty"`
		Unconfirmed []string       `json:"unconfirmed,omitempty"`
	}
	wireRevision struct {
		ID             string               `json:"id"`
		Arrete         string               `json:"arrete,omitempty"`
		ValidFrom      string               `json:"valid_from"`
		ValidUntil     string               `json:"valid_until,omitempty"`
		RNCP           string               `json:"rncp,omitempty"`
		CCPs           []wireCCP            `json:"ccps"`
		CCS            []wireCCS            `json:"ccs,omitempty"`
		Correspondence []wireCorrespondence `json:"correspondence,omitempty"`
		Hidden         *wireHidden          `json:"hidden,omitempty"`
		Epreuves       []wireEpreuve        `json:"epreuves,omitempty"`
		Remote         *wireRemote          `json:"remote,omitempty"`
		Sources        []wireSource         `json:"sources,omitempty"`
		Unconfirmed    []string             `json:"unconfirmed,omitempty"`
	}
	wireCCP struct {
		Code      string `json:"code"`
		Name      string `json:"name"`
		RNCPBlock string `json:"rncp_block,omitempty"`
	}
	wireCCS struct {
		Code string `json:"code"`
		Name string `json:"name"`
	}
	wireCorrespondence struct {
		From []string `json:"from"`
		To   string   `json:"to"`
	}
	wireHidden struct {
		OpeningMin      int    `json:"opening_min"`
		JuryBriefingMin int    `json:"jury_briefing_min"`
		JuryClosureMin  int    `json:"jury_closure_min"`
		AccueilMin      int    `json:"accueil_min"`
		ReadingMin      int    `json:"reading_min"`
		CorrectionMin   int    `json:"correction_min"`
		DeliberationMin int    `json:"deliberation_min"`
		Source          string `json:"source,omitempty"`
	}
	wireEpreuve struct {
		ID    string   `json:"id"`
		Label string   `json:"label,omitempty"`
		In    []string `json:"in,omitempty"`
		PPE   []string `json:"ppe,omitempty"`
	}
	wireRemote struct {
		Titre  bool     `json:"titre,omitempty"`
		CCPs   []string `json:"ccps,omitempty"`
		Source string   `json:"source,omitempty"`
	}
	wireSource struct {
		Label string `json:"label"`
		URL   string `json:"url,omitempty"`
	}
)

// maxRegisterBytes bounds a register file: the real register of every
// titre professionnel (about 250 titles) fits in a few hundred kilobytes.
const maxRegisterBytes = 8 << 20

// Decode reads a register file (JSON, the format of
// docs/rules.md#the-title-register-file): unknown fields, trailing data, values
// of the wrong type and files over 8 MiB are refused, and every rule of a
// register is checked, all problems reported at once as field errors of
// ErrInvalidRegister named by their JSON paths:
//
//   - a title's code is TP- and five digits, its name given, each title
//     listed once, with at least one revision;
//   - a revision has an id unique in its title and the day it takes effect,
//     after the previous revision's; its end of validity, when given, is
//     not before it;
//   - CCP codes are unique in a revision; a correspondence line maps CCPs
//     of the previous revision to one CCP of this one, each at most once;
//   - hidden times lie between 0 and 1440 minutes;
//   - the CCPs an épreuve belongs to and those open to remote sessions
//     are CCPs of the revision.
func Decode(r io.Reader) (Register, error) {
	dec := json.NewDecoder(io.LimitReader(r, maxRegisterBytes+1))
	dec.DisallowUnknownFields()
	var w wireRegister
	if err := dec.Decode(&w); err != nil {
		return Register{}, decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Register{}, tpsession.FieldErrors{{Field: "", Message: "unexpected data after the JSON object, or a file over 8 MiB"}}.Err(ErrInvalidRegister)
	}
	var fe tpsession.FieldErrors
	ts := make([]Title, len(w.Titles))
	for i, wt := range w.Titles {
		ts[i] = wt.title(&fe, titlePath(i))
	}
	if err := fe.Err(ErrInvalidRegister); err != nil {
		return Register{}, err
	}
	return New(ts)
}

// DecodeBytes is Decode over a byte slice.
func DecodeBytes(data []byte) (Register, error) { return Decode(bytes.NewReader(data)) }

//go:embed register.json
var shipped []byte

// Default returns the register shipped with the library: a few real titles
// with the sources of each fact, and what could not be confirmed marked as
// such (register.json). A centre replaces it with its own file, read by
// Decode, to add its titles or update a validity.
func Default() (Register, error) { return DecodeBytes(shipped) }

func decodeError(err error) error {
	var fe tpsession.FieldErrors
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		fe.Add(typeErr.Field, "must be a JSON %s, got %s", typeErr.Type.Kind(), typeErr.Value)
	case errors.As(err, &syntaxErr):
		fe.Add("", "malformed JSON at byte %d: %s", syntaxErr.Offset, syntaxErr.Error())
	case errors.Is(err, io.EOF):
		fe.Add("", "the file is empty: a JSON object {\"titles\": [...]} is expected")
	default:
		fe.Add("", "%s", err.Error())
	}
	return fe.Err(ErrInvalidRegister)
}

func (w wireTitle) title(fe *tpsession.FieldErrors, path string) Title {
	t := Title{
		Code: tpsession.TitleCode(strings.TrimSpace(w.Code)), Name: w.Name, Acronym: w.Acronym,
		Sources: sources(w.Sources), Unconfirmed: w.Unconfirmed,
	}
	for i, wr := range w.Revisions {
		t.Revisions = append(t.Revisions, wr.revision(fe, fmt.Sprintf("%s.revisions[%d]", path, i)))
	}
	return t
}

func (w wireRevision) revision(fe *tpsession.FieldErrors, path string) Revision {
	r := Revision{
		ID: w.ID, Arrete: w.Arrete, RNCP: w.RNCP,
		From:    parseDay(fe, path+".valid_from", w.ValidFrom),
		Until:   parseDay(fe, path+".valid_until", w.ValidUntil),
		Sources: sources(w.Sources), Unconfirmed: w.Unconfirmed,
	}
	for _, c := range w.CCPs {
		r.CCPs = append(r.CCPs, CCP{Code: c.Code, Name: c.Name, RNCPBlock: c.RNCPBlock})
	}
	for _, c := range w.CCS {
		r.CCS = append(r.CCS, CCS{Code: c.Code, Name: c.Name})
	}
	for _, c := range w.Correspondence {
		r.Correspondence = append(r.Correspondence, Correspondence{From: c.From, To: c.To})
	}
	if h := w.Hidden; h != nil {
		r.Hidden = &Hidden{
			OpeningMin: h.OpeningMin, JuryBriefingMin: h.JuryBriefingMin, JuryClosureMin: h.JuryClosureMin,
			AccueilMin: h.AccueilMin, ReadingMin: h.ReadingMin, CorrectionMin: h.CorrectionMin,
			DeliberationMin: h.DeliberationMin, Source: h.Source,
		}
	}
	for _, e := range w.Epreuves {
		r.Epreuves = append(r.Epreuves, Epreuve{ID: e.ID, Label: e.Label, In: e.In, PPE: e.PPE})
	}
	if rm := w.Remote; rm != nil {
		r.Remote = Remote{Titre: rm.Titre, CCPs: rm.CCPs, Source: rm.Source}
	}
	return r
}

func sources(ws []wireSource) []Source {
	var out []Source
	for _, s := range ws {
		out = append(out, Source{Label: s.Label, URL: s.URL})
	}
	return out
}

func parseDay(fe *tpsession.FieldErrors, field, s string) date.Date {
	if s == "" {
		return date.Zero
	}
	d, err := tpsession.ParseDate(s)
	fe.AddErr(field, err)
	return d
}

// Encode writes the register in its file format, indented, so that a centre
// can start its own file from the shipped one: Decode reads it back to the
// same register.
func (r Register) Encode(w io.Writer) error {
	out := wireRegister{Titles: make([]wireTitle, len(r.titles))}
	for i, t := range r.titles {
		out.Titles[i] = wireOf(t)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func wireOf(t Title) wireTitle {
	w := wireTitle{Code: string(t.Code), Name: t.Name, Acronym: t.Acronym, Sources: wireSources(t.Sources), Unconfirmed: t.Unconfirmed}
	for _, r := range t.Revisions {
		wr := wireRevision{
			ID: r.ID, Arrete: r.Arrete, ValidFrom: day(r.From), ValidUntil: day(r.Until), RNCP: r.RNCP,
			CCPs: []wireCCP{}, Sources: wireSources(r.Sources), Unconfirmed: r.Unconfirmed,
		}
		for _, c := range r.CCPs {
			wr.CCPs = append(wr.CCPs, wireCCP(c))
		}
		for _, c := range r.CCS {
			wr.CCS = append(wr.CCS, wireCCS(c))
		}
		for _, c := range r.Correspondence {
			wr.Correspondence = append(wr.Correspondence, wireCorrespondence(c))
		}
		if h := r.Hidden; h != nil {
			wh := wireHidden(*h)
			wr.Hidden = &wh
		}
		for _, e := range r.Epreuves {
			wr.Epreuves = append(wr.Epreuves, wireEpreuve(e))
		}
		if r.Remote.Titre || len(r.Remote.CCPs) > 0 || r.Remote.Source != "" {
			rm := wireRemote(r.Remote)
			wr.Remote = &rm
		}
		w.Revisions = append(w.Revisions, wr)
	}
	return w
}

func wireSources(ss []Source) []wireSource {
	var out []wireSource
	for _, s := range ss {
		out = append(out, wireSource(s))
	}
	return out
}

func day(d date.Date) string {
	if d == date.Zero {
		return ""
	}
	return d.String()
}

package archive

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/adapters/internal/records"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/pli"
	"github.com/tpsession/tpsession/session"
)

// ErrArchive reports an archive that could not be written.
var ErrArchive = tpsession.NewError(tpsession.Internal, "archive.failed", "the archive could not be made")

// file is one file of the archive.
type file struct {
	name, what string
	body       []byte
}

// Manifest is the archive's manifest.json.
type Manifest struct {
	Session     string         `json:"session"`
	Centre      string         `json:"centre"`
	Title       string         `json:"title"`
	Status      string         `json:"status"`
	GeneratedAt string         `json:"generated_at"`
	GeneratedBy string         `json:"generated_by"`
	Custody     string         `json:"custody"` // "verified", or why the chain does not verify
	Files       []ManifestFile `json:"files"`
}

// ManifestFile describes one file of the archive.
type ManifestFile struct {
	Name   string `json:"name"`
	What   string `json:"what"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Build returns the archive of the session of the dossier d, as actor by
// sees it, stamped at: d is the dossier the caller gathered
// (documents.Gather) and headed with its letterhead; Build reads the rest
// through svc. A document the session does not have (the déroulé without
// a plan, the PV de constatation of a jury that could deliberate) is left
// out; the manifest lists what is in.
//
// Errors: the service's, and ErrArchive.
func Build(ctx context.Context, svc *session.Service, by session.Actor, d documents.Dossier, at time.Time) (documents.Document, error) {
	sid := d.Session.ID
	var files []file
	add := func(name, what string, body []byte) { files = append(files, file{name: name, what: what, body: body}) }
	doc := func(name, what string, encode func() (string, error)) error {
		s, err := encode()
		if err != nil {
			return ErrArchive.Withf("%s could not be written", name).Wrap(err)
		}
		add(name, what, indent([]byte(s)))
		return nil
	}
	docs := func(name, what string, encode func(i int) (string, error), n int) error {
		parts := make([]json.RawMessage, n)
		for i := range n {
			s, err := encode(i)
			if err != nil {
				return ErrArchive.Withf("%s could not be written", name).Wrap(err)
			}
			parts[i] = json.RawMessage(s)
		}
		return jsonFile(add, name, what, parts)
	}

	if err := doc("data/session.json", "the session", func() (string, error) { return records.Sessions.Encode(d.Session) }); err != nil {
		return documents.Document{}, err
	}
	regs, err := svc.Registrations(ctx, by, sid)
	if err != nil {
		return documents.Document{}, err
	}
	if err := docs("data/registrations.json", "the registrations, withdrawn ones included, with their convocations",
		func(i int) (string, error) { return records.Registrations.Encode(regs[i]) }, len(regs)); err != nil {
		return documents.Document{}, err
	}
	if err := docs("data/candidates.json", "the registered candidates", func(i int) (string, error) { return records.Candidates.Encode(d.Candidates[i]) }, len(d.Candidates)); err != nil {
		return documents.Document{}, err
	}
	sj, err := svc.SessionJury(ctx, by, sid)
	if err != nil && !errors.Is(err, jury.ErrSessionJuryNotFound) {
		return documents.Document{}, err
	}
	if err == nil {
		if err := doc("data/jury.json", "the jury: invitations, declared conflicts, panels", func() (string, error) { return records.SessionJuries.Encode(sj) }); err != nil {
			return documents.Document{}, err
		}
	}
	if err := docs("data/members.json", "the jury members the session names", func(i int) (string, error) { return records.Members.Encode(d.Members[i]) }, len(d.Members)); err != nil {
		return documents.Document{}, err
	}
	p, err := svc.Pli(ctx, by, sid)
	if err != nil {
		return documents.Document{}, err
	}
	if err := doc("data/pli.json", "the pli and its custody", func() (string, error) { return records.Plis.Encode(p) }); err != nil {
		return documents.Document{}, err
	}
	cl, err := svc.Checklist(ctx, by, sid)
	if err != nil {
		return documents.Document{}, err
	}
	if err := doc("data/checklist.json", "the readiness checklist", func() (string, error) { return records.Checklists.Encode(cl) }); err != nil {
		return documents.Document{}, err
	}
	if d.Plan != nil {
		if err := doc("data/plan.json", "the plan: its input and the déroulé", func() (string, error) { return records.Plans.Encode(*d.Plan) }); err != nil {
			return documents.Document{}, err
		}
	}
	if d.Exam != nil {
		if err := doc("data/exam.json", "the exam's record: sittings, attendance, incidents, decisions, signatures, procès-verbal", func() (string, error) { return records.Exams.Encode(d.Exam.Record) }); err != nil {
			return documents.Document{}, err
		}
	}

	events, err := svc.Events(ctx, by, sid)
	if err != nil {
		return documents.Document{}, err
	}
	if err := jsonFile(add, "logs/events.json", "the session's event log, oldest first", eventsOf(events)); err != nil {
		return documents.Document{}, err
	}
	if err := jsonFile(add, "logs/custody.json", "the pli's custody log; each hash is the SHA-256 of the previous hash followed by the entry's canonical JSON", custodyOf(p)); err != nil {
		return documents.Document{}, err
	}
	custody := "verified"
	if err := p.Custody.Verify(); err != nil {
		custody = tpsession.MessageOf(err)
	}

	exam := d.Exam != nil
	for _, r := range []struct {
		what string
		in   bool
		make func(documents.Dossier) (documents.Document, error)
	}{
		{"the convocation letters", len(d.Registrations) > 0, func(d documents.Dossier) (documents.Document, error) { return documents.ConvocationLetters(d) }},
		{"the attendance sheets", true, documents.AttendanceSheets},
		{"the déroulé de session", d.Plan != nil, documents.DeroulePDF},
		{"the déroulé de session, as text", d.Plan != nil, documents.DerouleText},
		{"the candidates, as exported for the Ministry's application", true, func(d documents.Dossier) (documents.Document, error) { return documents.CandidatesCSV(d) }},
		{"the procès-verbal", exam, documents.ProcesVerbal},
		{"the PV de constatation", exam && len(d.Exam.Record.Constatations) > 0, documents.Constatations},
		{"the results, as exported for the Ministry's application", exam, documents.ResultsCSV},
	} {
		if !r.in {
			continue
		}
		out, err := r.make(d)
		if err != nil {
			return documents.Document{}, err
		}
		add("documents/"+out.Name, r.what, out.Body)
	}

	m := Manifest{Session: string(sid), Centre: string(d.Session.Centre), Title: string(d.Session.Title), Status: string(d.Session.Status()),
		GeneratedAt: at.UTC().Format(time.RFC3339), GeneratedBy: by.Name, Custody: custody}
	for _, f := range files {
		sum := sha256.Sum256(f.body)
		m.Files = append(m.Files, ManifestFile{Name: f.name, What: f.what, Bytes: len(f.body), SHA256: hex.EncodeToString(sum[:])})
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return documents.Document{}, ErrArchive.Wrap(err)
	}
	files = append([]file{{name: "manifest.json", body: append(manifest, '\n')}}, files...)

	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := z.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: at.UTC()})
		if err != nil {
			return documents.Document{}, ErrArchive.Wrap(err)
		}
		if _, err := w.Write(f.body); err != nil {
			return documents.Document{}, ErrArchive.Wrap(err)
		}
	}
	if err := z.Close(); err != nil {
		return documents.Document{}, ErrArchive.Wrap(err)
	}
	return documents.Document{Name: "archive-" + string(sid) + ".zip", ContentType: ContentTypeZIP, Body: buf.Bytes()}, nil
}

// ContentTypeZIP is the content type of an archive.
const ContentTypeZIP = "application/zip"

func indent(b []byte) []byte {
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return b
	}
	out.WriteByte('\n')
	return out.Bytes()
}

func jsonFile(add func(name, what string, body []byte), name, what string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return ErrArchive.Withf("%s could not be written", name).Wrap(err)
	}
	add(name, what, append(b, '\n'))
	return nil
}

type eventRecord struct {
	ID     string `json:"id"`
	At     string `json:"at"`
	Actor  string `json:"actor"`
	Action string `json:"action"`
	Detail string `json:"detail"`
}

func eventsOf(es []session.Event) []eventRecord {
	out := make([]eventRecord, len(es))
	for i, e := range es {
		out[i] = eventRecord{ID: string(e.ID), At: records.Instant(e.At), Actor: e.Actor, Action: e.Action, Detail: e.Detail}
	}
	return out
}

type custodyRecord struct {
	At     string `json:"at"`
	Actor  string `json:"actor"`
	Action string `json:"action"`
	Detail string `json:"detail"`
	Hash   string `json:"hash"`
}

func custodyOf(p pli.Pli) []custodyRecord {
	out := []custodyRecord{}
	for _, e := range p.Custody {
		out = append(out, custodyRecord{At: e.At.UTC().Format(pli.TimeLayout), Actor: e.Actor, Action: string(e.Action), Detail: e.Detail, Hash: e.Hash})
	}
	return out
}

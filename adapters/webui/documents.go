package webui

import (
	"net/http"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/archive"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/jury"
	"github.com/tpsession/tpsession/session"
)

// The documents, made by adapters/documents from the session's dossier
// and served as downloads, each under the role rule of the HTTP API's
// route for it.

// dossier gathers the session's dossier with the centre's letterhead;
// numbered, it says who is who in the plan.
func (u *UI) dossier(rq *req, ses session.Session, numbered bool) (documents.Dossier, error) {
	d, err := documents.Gather(rq.ctx, u.svc, rq.actor, ses.ID)
	if err != nil {
		return documents.Dossier{}, err
	}
	if d.Centre, err = u.letterhead(rq.ctx, ses.Centre); err != nil {
		return documents.Dossier{}, err
	}
	d.Today = u.svc.Today()
	if !numbered {
		d.PlanCandidates = nil
	}
	return d, nil
}

func (u *UI) sessionDocument(rq *req) error {
	ses, err := rq.loadSession()
	if err != nil {
		return err
	}
	var doc documents.Document
	switch rq.r.PathValue("doc") {
	case "deroule.txt":
		if err := rq.must(session.ActionReadPlan); err != nil {
			return err
		}
		rec, err := u.svc.Plan(rq.ctx, rq.actor, ses.ID)
		if err != nil {
			return err
		}
		doc, err = documents.DerouleText(documents.Dossier{Session: ses, Plan: &rec})
		if err != nil {
			return err
		}
	case "convocations.pdf", "emargement.pdf", "deroule.pdf", "candidats.csv":
		if err := rq.must(session.ActionReadCandidates); err != nil {
			return err
		}
		name := rq.r.PathValue("doc")
		d, err := u.dossier(rq, ses, name != "convocations.pdf" && name != "candidats.csv")
		if err != nil {
			return err
		}
		switch name {
		case "convocations.pdf":
			doc, err = documents.ConvocationLetters(d)
		case "emargement.pdf":
			doc, err = documents.AttendanceSheets(d)
		case "deroule.pdf":
			doc, err = documents.DeroulePDF(d)
		default:
			doc, err = documents.CandidatesCSV(d)
		}
		if err != nil {
			return err
		}
	case "proces-verbal.pdf", "resultats.csv", "pv-constatation.pdf", "archive.zip":
		if err := rq.must(session.ActionReadResults); err != nil {
			return err
		}
		name := rq.r.PathValue("doc")
		d, err := u.dossier(rq, ses, name == "archive.zip")
		if err != nil {
			return err
		}
		switch name {
		case "proces-verbal.pdf":
			doc, err = documents.ProcesVerbal(d)
		case "resultats.csv":
			doc, err = documents.ResultsCSV(d)
		case "pv-constatation.pdf":
			doc, err = documents.Constatations(d)
		default:
			doc, err = archive.Build(rq.ctx, u.svc, rq.actor, d, u.svc.Now())
		}
		if err != nil {
			return err
		}
	default:
		return errNoPage
	}
	return serve(rq, doc)
}

func (u *UI) candidateDocument(rq *req) error {
	ses, err := rq.loadSession()
	if err != nil {
		return err
	}
	if err := rq.must(session.ActionReadCandidates); err != nil {
		return err
	}
	cid, err := tpsession.ParseCandidateID(rq.r.PathValue("cid"))
	if err != nil {
		return candidate.ErrRegistrationNotFound
	}
	if _, err := u.svc.Registration(rq.ctx, rq.actor, ses.ID, cid); err != nil {
		return err
	}
	var doc documents.Document
	switch rq.r.PathValue("doc") {
	case "convocation.pdf":
		d, err := u.dossier(rq, ses, false)
		if err != nil {
			return err
		}
		if doc, err = documents.ConvocationLetter(d, cid); err != nil {
			return err
		}
	case "rendez-vous.ics":
		d, err := u.dossier(rq, ses, true)
		if err != nil {
			return err
		}
		if doc, err = documents.CandidateCalendar(d, cid); err != nil {
			return err
		}
	default:
		return errNoPage
	}
	return serve(rq, doc)
}

// memberCalendar serves a member's sittings: any member's for the centre's
// staff, its own only for a jury member (session.Policy.AuthorizeMember).
func (u *UI) memberCalendar(rq *req) error {
	ses, err := rq.loadSession()
	if err != nil {
		return err
	}
	mid, err := tpsession.ParseMemberID(rq.r.PathValue("mid"))
	if err != nil {
		return jury.ErrInvitationNotFound
	}
	sj, err := u.svc.SessionJury(rq.ctx, rq.actor, ses.ID)
	if err != nil {
		return err
	}
	invited := false
	for _, inv := range sj.Invitations {
		invited = invited || inv.Member == mid
	}
	if !invited {
		return jury.ErrInvitationNotFound
	}
	if err := rq.must(session.ActionReadMemberCalendar); err != nil {
		return err
	}
	if err := u.policy.AuthorizeMember(rq.actor, session.ActionReadMemberCalendar, mid); err != nil {
		return err
	}
	d, err := u.dossier(rq, ses, true)
	if err != nil {
		return err
	}
	doc, err := documents.MemberCalendar(d, mid)
	if err != nil {
		return err
	}
	return serve(rq, doc)
}

func serve(rq *req, doc documents.Document) error {
	h := rq.w.Header()
	h.Set("Content-Type", doc.ContentType)
	h.Set("Content-Disposition", `attachment; filename="`+doc.Name+`"`)
	rq.w.WriteHeader(http.StatusOK)
	_, err := doc.WriteTo(rq.w)
	return err
}

package httpapi_test

import (
	"net/http"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
)

// Valid SIRETs: a member employed by the establishment that hosted a
// candidate conflicts with them; the others do not.
const (
	siretEmployer = "55203253400646"
	siretOther    = "44306184100047"
	siretM2       = "73282932000074"
)

func sessionBody() map[string]any {
	return map[string]any{
		"title_code": "TP-01281", "title_name": "Concepteur développeur d'applications", "kind": "titre",
		"site": "Centre de Lyon, 12 rue des Lilas", "start_date": "2027-03-01", "end_date": "2027-03-03",
		"planned_candidates": 2, "uses_computers": true,
		"responsable": map[string]any{"name": "Claire Martin", "email": "claire.martin@example.fr"},
	}
}

func memberBody(name, email, employer string) map[string]any {
	m := map[string]any{
		"name": name, "email": email,
		"habilitations": []any{map[string]any{"title_code": "TP-01281", "valid_from": "2026-01-01", "valid_until": "2028-12-31"}},
	}
	if employer != "" {
		m["employer_siret"] = employer
	}
	return m
}

func candidateBody(first, last, hostSIRET string) map[string]any {
	return map[string]any{
		"first_name": first, "last_name": last, "birth_date": "1995-04-12", "route": "formation",
		"email":          first + "@example.fr",
		"postal_address": map[string]any{"lines": []string{"3 rue des Pins"}, "postcode": "69003", "city": "Lyon"},
		"host_companies": []any{map[string]any{"siret": hostSIRET, "name": "Société d'accueil", "from": "2026-01-05", "until": "2026-06-30"}},
	}
}

// smallPlan plans 2 candidates with one jury of 2 members over one day.
func smallPlan() map[string]any {
	return map[string]any{
		"note":       "a small session",
		"candidates": 2,
		"epreuves": []any{
			map[string]any{"id": "EF", "label": "Entretien final", "duration_min": 60, "jury": "exclusive", "final": true,
				"resources": []any{map[string]any{"type": "salle_entretien", "units": 1}}},
		},
		"capacities": map[string]any{"salle_entretien": 1},
		"hidden":     map[string]any{"opening_min": 30},
		"calendar":   map[string]any{"blocks": []any{[]string{"08:30", "12:30"}, []string{"13:30", "17:30"}}},
		"jury":       map[string]any{"members_per_jury": 2, "member_day_min": 420, "max_juries": 2},
		"objective":  "min_juries",
	}
}

func convocationBody() map[string]any {
	return map[string]any{
		"appointment": "2027-03-01T08:30", "place": "Centre de Lyon, salle 4",
		"documents": []string{"Convocation", "Pièce d'identité en cours de validité"}, "ppe": []string{},
	}
}

// world names what a fixture created in centre-lyon.
type world struct {
	sid        string // the session
	jury       string // the member of the jury token, invited and accepted
	m2, m3, m4 string // m2, m3 accepted, m4 declined
	c1, c2     string // candidates registered
	agr        string // the centre's agrément, which covers the session
	sessionURL string
}

func (w world) url(suffix string) string { return w.sessionURL + suffix }

// newSession creates a session and returns its world.
func (e *env) newSession() world {
	e.t.Helper()
	s := e.must(http.StatusCreated, adminToken, "POST", "/v1/sessions", sessionBody())
	sid := s["id"].(string)
	return world{sid: sid, sessionURL: "/v1/sessions/" + sid}
}

// staff creates the members, invites them and records their answers: the
// jury token's member and m2 and m3 accept, m4 declines. m3 works for the
// establishment that hosted c1, whom register creates.
func (e *env) staff(w *world) {
	e.t.Helper()
	id := func(body map[string]any) string {
		return e.must(http.StatusCreated, adminToken, "POST", "/v1/jury-members", body)["id"].(string)
	}
	w.jury = id(memberBody("Jeanne Martin", juryEmail, ""))
	w.m2 = id(memberBody("Karim Benali", jury2Email, siretM2))
	w.m3 = id(memberBody("Sophie Durand", "sophie.durand@example.fr", siretEmployer))
	w.m4 = id(memberBody("Luc Moreau", "luc.moreau@example.fr", ""))
	for _, m := range []string{w.jury, w.m2, w.m3, w.m4} {
		e.must(http.StatusCreated, adminToken, "POST", w.url("/invitations"), map[string]any{"member_id": m})
	}
	e.must(http.StatusOK, juryToken, "POST", w.url("/invitations/"+w.jury+"/accept"), nil)
	e.must(http.StatusOK, adminToken, "POST", w.url("/invitations/"+w.m2+"/accept"), nil)
	e.must(http.StatusOK, adminToken, "POST", w.url("/invitations/"+w.m3+"/accept"), nil)
	e.must(http.StatusOK, adminToken, "POST", w.url("/invitations/"+w.m4+"/decline"), nil)
}

// register creates two candidates, or finds them when an earlier session
// of the environment created them, and registers them; c1 was hosted by
// m3's company.
func (e *env) register(w *world) {
	e.t.Helper()
	id := func(body map[string]any) string {
		r := e.do(adminToken, "POST", "/v1/candidates", body)
		if r.Status == http.StatusConflict && r.Code(e.t) == "candidate.known" {
			return r.JSON(e.t)["candidate"].(string)
		}
		require.Equal(e.t, http.StatusCreated, r.Status, "%s", r.Body)
		return r.JSON(e.t)["id"].(string)
	}
	w.c1 = id(candidateBody("Alice", "Petit", siretEmployer))
	w.c2 = id(candidateBody("Bruno", "Lefèvre", siretOther))
	for _, c := range []string{w.c1, w.c2} {
		e.must(http.StatusCreated, adminToken, "POST", w.url("/registrations"), map[string]any{"candidate_id": c})
	}
}

// comply records the centre's agrément, which covers the fixture's
// sessions, and submits its programming of 2027; it returns the agrément.
func (e *env) comply() string {
	e.t.Helper()
	a := e.must(http.StatusCreated, adminToken, "POST", "/v1/agrements", map[string]any{
		"title_code": "TP-01281", "sites": []string{sessionBody()["site"].(string)}, "valid_from": "2024-01-01", "valid_until": "2028-12-18",
		"reference": "décision 2024-17",
	})
	e.must(http.StatusOK, adminToken, "PUT", "/v1/programmes/2027", map[string]any{"sessions": []any{map[string]any{
		"title_code": "TP-01281", "kind": "titre", "site": sessionBody()["site"], "start_date": "2027-03-01", "end_date": "2027-03-03", "candidates": 2,
	}}})
	e.must(http.StatusOK, adminToken, "POST", "/v1/programmes/2027/submit", nil)
	return a["id"].(string)
}

// prepare walks a session up to the day before its opening: everything
// done and checked, so that it is ready.
func (e *env) prepare() world {
	e.t.Helper()
	agr := e.comply()
	w := e.newSession()
	w.agr = agr
	e.must(http.StatusOK, adminToken, "POST", w.url("/declare"), nil)
	e.staff(&w)
	e.register(&w)
	e.must(http.StatusOK, adminToken, "PUT", w.url("/plan"), smallPlan())
	e.must(http.StatusOK, adminToken, "POST", w.url("/jury-assignment"), nil)
	e.must(http.StatusOK, adminToken, "POST", w.url("/pli/order"), nil)
	e.must(http.StatusOK, adminToken, "POST", w.url("/pli/receive"), map[string]any{
		"materials": []any{map[string]any{"name": "Poste informatique", "quantity": 2}},
	})
	e.must(http.StatusOK, adminToken, "POST", w.url("/pli/secure"), map[string]any{"location": "Coffre du bureau 12", "custodian": "Claire Martin"})
	for _, c := range []string{w.c1, w.c2} {
		reg := w.url("/registrations/" + c + "/convocation")
		e.must(http.StatusOK, adminToken, "PUT", reg, convocationBody())
		e.must(http.StatusOK, adminToken, "POST", reg+"/validate", nil)
		e.must(http.StatusOK, adminToken, "POST", reg+"/delivery", map[string]any{"method": "hand", "delivered_on": "2026-11-02", "received_by": "the candidate"})
	}
	for _, key := range []string{"equipment_operational", "interview_rooms_confidential", "rules_displayed", "schedule_displayed", "responsable_designated", "computers_secured"} {
		e.must(http.StatusOK, adminToken, "PUT", w.url("/checklist/"+key), map[string]any{"status": "ok"})
	}
	e.must(http.StatusOK, adminToken, "PUT", w.url("/equipment/Poste%20informatique"), map[string]any{
		"available": 2, "operational_from": "2027-02-01", "operational_until": "2027-03-31",
	})
	return w
}

// hold opens the prepared session on its start date and holds its exam:
// the questionnaire "qp" on day 1 and the entretien final "ef" on day 3,
// for both candidates, c2 late and admitted at qp; the responsable and
// the members present on both days; an incident reported. The clock is
// left at 17:00 on day 3.
func (e *env) hold(w world) {
	e.t.Helper()
	e.on(start)
	e.must(http.StatusOK, adminToken, "POST", w.url("/open"), nil)
	both := []string{w.c1, w.c2}
	e.must(http.StatusOK, adminToken, "PUT", w.url("/sittings/qp"), map[string]any{"label": "Questionnaire professionnel", "day": "2027-03-01",
		"start": "09:00", "end": "10:00", "candidates": both})
	e.must(http.StatusOK, adminToken, "PUT", w.url("/sittings/ef"), map[string]any{"label": "Entretien final", "day": "2027-03-03",
		"start": "14:00", "end": "16:00", "candidates": both, "final": true})
	for _, day := range []string{"2027-03-01", "2027-03-03"} {
		d, _ := tpsession.ParseDate(day)
		e.clock.Set(at(d).Add(8 * time.Hour))
		e.must(http.StatusOK, adminToken, "PUT", w.url("/responsable-attendance/"+day), map[string]any{"status": "present", "arrived_at": "07:45"})
		for _, m := range []string{w.jury, w.m2, w.m3} {
			e.must(http.StatusOK, adminToken, "PUT", w.url("/invitations/"+m+"/attendance/"+day), map[string]any{"status": "present", "arrived_at": "08:15"})
		}
		key, begin := "qp", "09:00"
		if day == "2027-03-03" {
			key, begin = "ef", "14:00"
		}
		for _, c := range both {
			body := map[string]any{"status": "present", "identity_checked_by": "Sami Accueil",
				"identity_checked_at": day + "T08:50:00+01:00", "arrived_at": begin}
			if c == w.c2 && key == "qp" {
				body["arrived_at"], body["late_decision"] = "09:15", "admitted"
			}
			e.must(http.StatusOK, adminToken, "PUT", w.url("/sittings/"+key+"/attendance/"+c), body)
		}
	}
	e.must(http.StatusCreated, adminToken, "POST", w.url("/incidents"), map[string]any{"kind": "technical_failure", "at": "2027-03-01T09:30:00+01:00",
		"sitting": "qp", "description": "Coupure du réseau pendant cinq minutes."})
}

// deliberate has the panel of both candidates — the jury token's member
// and m2 — decide and sign: c1 obtains the title, c2 partial success. The
// last signature closes the session.
func (e *env) deliberate(w world) {
	e.t.Helper()
	all := []any{map[string]any{"code": "CCP1", "acquired": true}, map[string]any{"code": "CCP2", "acquired": true}, map[string]any{"code": "CCP3", "acquired": true}}
	some := []any{map[string]any{"code": "CCP1", "acquired": true}, map[string]any{"code": "CCP2", "acquired": true}, map[string]any{"code": "CCP3", "acquired": false}}
	for c, ccps := range map[string][]any{w.c1: all, w.c2: some} {
		outcome := "obtained"
		if c == w.c2 {
			outcome = "partial_success"
		}
		e.must(http.StatusOK, juryToken, "PUT", w.url("/registrations/"+c+"/decision"), map[string]any{"outcome": outcome, "ccps": ccps,
			"dossier_professionnel": true, "ecf": true})
		e.must(http.StatusOK, juryToken, "POST", w.url("/registrations/"+c+"/decision/sign"), nil)
		e.must(http.StatusOK, jury2Token, "POST", w.url("/registrations/"+c+"/decision/sign"), nil)
	}
}

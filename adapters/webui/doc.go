// Package webui is a web dashboard over the session service: pages
// rendered on the server in French (html/template, the templates, the
// style sheet and one small script embedded with embed; no build step,
// and every page works without the script), for the people a session
// concerns — the centre's staff, its jury members, the inspectors. It uses
// the library's public API only: session.Service, its role rules
// (session.Policy), adapters/documents for the documents and their French
// words, adapters/auth for the tokens. docs/dashboard.md describes it.
//
// [New] returns an http.Handler serving the pages under /ui/
// ([WithBase] moves them); the demo server mounts it beside the HTTP API.
//
// # Sign-in
//
// A user signs in with a token of the same list the HTTP API reads
// ([WithTokens], auth.Tokens): the form's token is looked up once, and the
// sign-in is kept on the server under a random ID that the browser holds
// in an HttpOnly, SameSite=Strict cookie, Secure over TLS (or always, with
// [WithSecureCookies] behind a proxy that ends TLS). Every form carries the
// sign-in's CSRF token, and the sign-in form its own (double submit);
// a form a browser says comes from another site is refused. The pages are
// sent with a Content-Security-Policy that allows only the dashboard's own
// style sheet and script.
//
// # Roles
//
// Each page and each action applies session.Policy as the HTTP API does:
// a session of another centre, or one a jury member holds no active
// invitation to, does not exist (404); an action a role may not perform is
// refused (403) before the form is read; what a page shows is narrowed with
// the Policy (a jury member sees its own invitation and panel and the pli
// once opened; an inspector reads the timeline, the event log and the
// custody log, and gets no form).
//
// # Forms
//
// Each form calls one command of the Service. A refusal the user can act
// on — bad input, a state conflict, a rule — shows the page again with
// what was typed, the library's field errors next to the fields they name
// (by the JSON names of the HTTP API) and its message above the form, with
// the status the HTTP API would answer (400, 409, 422). The library's
// messages are in English and shown as they are, marked lang="en"; the
// dashboard's own words are French.
//
// # The plan
//
// The plan page draws the stored plan as an SVG Gantt chart from
// plan.Schedule: a row per jury and per room or station unit, a band per
// day and block, each épreuve and hidden task labelled, colours of the
// Okabe–Ito palette with a pattern each, so that the chart reads in black
// and white and for colour-blind readers; its lower bounds and whether it
// meets them (an optimal plan) beside it, and the same schedule as tables.
package webui

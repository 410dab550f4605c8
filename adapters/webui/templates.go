package webui

import (
	"fmt"
	"html/template"
	"strings"
)

// pageNames are the pages, each templates/<name>.html in the frame of
// templates/layout.html with the controls of templates/controls.html.
var pageNames = []string{"signin", "sessions", "session", "newsession", "plan", "error"}

func parseTemplates(funcs template.FuncMap) map[string]*template.Template {
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		out[name] = template.Must(template.New(name).Funcs(funcs).ParseFS(templateFS,
			"templates/layout.html", "templates/controls.html", "templates/"+name+".html"))
	}
	return out
}

func (u *UI) funcs() template.FuncMap {
	return template.FuncMap{
		// field is a control of a form: fld refused formName name label type
		// required hint default.
		"field": func(f *form, formName, name, label, typ string, required bool, hint, def string) fieldView {
			return f.field(formName, name, label, typ, required, hint, def)
		},
		"withOptions": func(v fieldView, opts []option) fieldView {
			v.Options = make([]option, len(opts))
			for i, o := range opts {
				o.Selected = o.Value == v.Value
				v.Options[i] = o
			}
			return v
		},
		"opts": func(pairs ...string) []option {
			var out []option
			for i := 0; i+1 < len(pairs); i += 2 {
				out = append(out, option{Value: pairs[i], Label: pairs[i+1]})
			}
			return out
		},
		"summary": func(f *form, formName string, fields ...string) *summaryView { return f.Summary(formName, fields) },
		"refused": func(f *form, formName string) bool { return f.Is(formName) },
		"value":   func(f *form, formName, name, def string) string { return f.Value(formName, name, def) },
		"px":      func(v float64) string { return fmt.Sprintf("%.1f", v) },
		"half":    func(v float64) float64 { return v / 2 },
		"add":     func(a, b float64) float64 { return a + b },
		"join":    strings.Join,
		"fieldID": fieldID,
		// count writes "1 jour", "2 jours": count n one many.
		"count": plural,
	}
}

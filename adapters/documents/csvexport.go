package documents

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession/candidate"
)

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula: a candidate's name beginning with '=' must not run
// anything when the file is opened (CSV injection).
const formulaStarts = "=+-@\t\r"

// CandidatesCSV exports the session's registered candidates, in
// registration order, so that staff can copy them into the Ministry's
// application without typing them again: UTF-8 with a byte-order mark and
// ';' separators, which French Excel opens as it is, dates written
// JJ/MM/AAAA. The columns are those given, ExportColumns() when none;
// ParseCandidates reads the file back.
//
// Excel, opening such a file by a double click, reads each cell as if it
// were typed: a formula runs, and digits become a number. So each cell is
// written for Excel to show it as it is, and run nothing (see
// spreadsheetCell): a cell that Excel would take for a formula is written
// after a quote ('=HYPERLINK…), unless it is made of digits, spaces and
// + - . ( ) / alone, which can at most be read as arithmetic that reaches
// no cell, no function and nothing outside, so that a phone number
// "+33 6 12 34 56 78" is left as it is; and digits that Excel would turn
// into a number and change — a leading zero (a postcode 01000, a phone
// 0612345678), a leading '+', twelve digits or more (a SIRET, which
// General format shows as 7,32829E+13 and a copy takes so) — are written
// ="73282932000074", Excel's way of saying "this text", a formula of one
// string literal made only of those digits. SIRETs are written as their 14
// digits so, as the Ministry's application takes them. A spreadsheet that
// does not run the formulas of a CSV file (LibreOffice unless "Evaluate
// formulas" is ticked in its import dialog) shows that form as it is;
// ParseCandidates reads both forms back.
//
// Errors: ErrInvalidColumns for an unknown or repeated column,
// ErrInvalidDossier.
func CandidatesCSV(d Dossier, columns ...Column) (Document, error) {
	b, err := d.open()
	if err != nil {
		return Document{}, err
	}
	if len(columns) == 0 {
		columns = ExportColumns()
	}
	cands := b.registeredCandidates()
	lines, hosts := 1, 0
	for _, c := range cands {
		lines = max(lines, len(c.PostalAddress.Lines))
		hosts = max(hosts, len(c.HostCompanies))
	}
	hosts = max(hosts, 1)
	var header []string
	var cells []func(candidate.Candidate) []string
	for i, c := range columns {
		if slices.Contains(columns[:i], c) {
			return Document{}, ErrInvalidColumns.Withf("column %q is asked twice", c)
		}
		h, f, ok := exportColumn(c, lines, hosts, b)
		if !ok {
			return Document{}, ErrInvalidColumns.Withf("unknown column %q: expected one of %s", c, columnNames())
		}
		header = append(header, h...)
		cells = append(cells, f)
	}
	rows := [][]string{header}
	for _, c := range cands {
		var row []string
		for _, f := range cells {
			row = append(row, f(c)...)
		}
		rows = append(rows, row)
	}
	return b.csvDocument(fileName("csv", "candidats", string(b.Session.Title), b.Session.Start.String()), rows)
}

// csvDocument writes rows, the header first, as a CSV file French Excel
// opens as it is: UTF-8 with a byte-order mark, ';' separators, CRLF, each
// cell of the rows after the header written for a spreadsheet to show it
// as it is and run nothing (spreadsheetCell). Each row checks the
// dossier's Context.
func (b *book) csvDocument(name string, rows [][]string) (Document, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	for i, row := range rows {
		if err := b.alive(); err != nil {
			return Document{}, err
		}
		if i > 0 {
			row = slices.Clone(row)
			for j, v := range row {
				row[j] = spreadsheetCell(v)
			}
		}
		_ = w.Write(row) // a bytes.Buffer does not fail
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return Document{}, ErrRender.Wrap(err)
	}
	return Document{Name: name, ContentType: ContentTypeCSV, Body: buf.Bytes()}, nil
}

func columnNames() string {
	var names []string
	for _, c := range ExportColumns() {
		names = append(names, string(c))
	}
	return strings.Join(names, ", ")
}

// exportColumn returns the headers of a column and the cells of a
// candidate under them; lines and hosts are how many address lines and
// host companies the widest candidate has.
func exportColumn(c Column, lines, hosts int, b *book) ([]string, func(candidate.Candidate) []string, bool) {
	one := func(h string, f func(candidate.Candidate) string) ([]string, func(candidate.Candidate) []string, bool) {
		return []string{h}, func(c candidate.Candidate) []string { return []string{f(c)} }, true
	}
	switch c {
	case ColumnLastName:
		return one(headerLastName, func(c candidate.Candidate) string { return c.LastName })
	case ColumnFirstName:
		return one(headerFirstName, func(c candidate.Candidate) string { return c.FirstName })
	case ColumnBirthDate:
		return one(headerBirthDate, func(c candidate.Candidate) string { return optionalDay(c.BirthDate) })
	case ColumnEmail:
		return one(headerEmail, func(c candidate.Candidate) string { return c.Email })
	case ColumnPhone:
		return one(headerPhone, func(c candidate.Candidate) string { return c.Phone })
	case ColumnAddress:
		headers := []string{headerAddress}
		for n := 2; n <= lines; n++ {
			headers = append(headers, fmt.Sprintf("%s %d", headerAddress, n))
		}
		return headers, func(c candidate.Candidate) []string {
			out := make([]string, lines)
			copy(out, c.PostalAddress.Lines)
			return out
		}, true
	case ColumnPostcode:
		return one(headerPostcode, func(c candidate.Candidate) string { return c.PostalAddress.Postcode })
	case ColumnCity:
		return one(headerCity, func(c candidate.Candidate) string { return c.PostalAddress.City })
	case ColumnRoute:
		return one(headerRoute, func(c candidate.Candidate) string { return routeFR[c.Route] })
	case ColumnVAERecevabilite:
		return one(headerVAE, func(c candidate.Candidate) string { return optionalDay(c.VAERecevabiliteOn) })
	case ColumnTitlesHeld:
		return one(headerTitles, func(c candidate.Candidate) string {
			var codes []string
			for _, t := range c.TitlesHeld {
				codes = append(codes, string(t))
			}
			return strings.Join(codes, ", ")
		})
	case ColumnHostCompanies:
		var headers []string
		for n := 1; n <= hosts; n++ {
			suffix := ""
			if n > 1 {
				suffix = fmt.Sprintf(" %d", n)
			}
			headers = append(headers, headerHostSIRET+suffix, headerHostName+suffix, headerHostFrom+suffix, headerHostUntil+suffix)
		}
		return headers, func(c candidate.Candidate) []string {
			out := make([]string, 0, 4*hosts)
			for n := range hosts {
				if n >= len(c.HostCompanies) {
					out = append(out, "", "", "", "")
					continue
				}
				h := c.HostCompanies[n]
				out = append(out, h.SIRET.String(), h.Name, optionalDay(h.Period.From), optionalDay(h.Period.Until))
			}
			return out
		}, true
	case ColumnConvocation:
		return []string{headerConvDate, headerConvTime, headerConvPlace}, func(c candidate.Candidate) []string {
			r, _ := b.registration(c.ID)
			if r.Convocation == nil || r.Convocation.First().IsZero() {
				return []string{"", "", ""}
			}
			a := r.Convocation.First()
			return []string{numericFR(a.Day), a.Time.String(), r.Convocation.Place}
		}, true
	}
	return nil, nil, false
}

var routeFR = map[candidate.Route]string{
	candidate.RouteFormation:     "Formation",
	candidate.RouteVAE:           "VAE",
	candidate.RouteApprentissage: "Apprentissage",
}

func optionalDay(d date.Date) string {
	if d == date.Zero {
		return ""
	}
	return numericFR(d)
}

// spreadsheetCell writes a value so that Excel, opening the file, shows it
// as it is and runs nothing (see CandidatesCSV).
func spreadsheetCell(s string) string {
	switch {
	case s == "":
		return s
	case numberLike(s):
		return `="` + s + `"`
	case !strings.ContainsRune(formulaStarts, rune(s[0])):
		return s
	case (s[0] == '+' || s[0] == '-') && arithmetic(s):
		return s
	}
	return "'" + s
}

// numberLike reports whether Excel would read s as a number and change it:
// digits with a leading zero, a leading '+' or twelve of them or more.
func numberLike(s string) bool {
	digits := strings.TrimPrefix(s, "+")
	if digits == "" || strings.ContainsFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) {
		return false
	}
	return len(digits) < len(s) || (digits[0] == '0' && len(digits) > 1) || len(digits) >= 12
}

// arithmetic reports whether s has only digits, spaces and + - . ( ) /:
// read as a formula, it is arithmetic on numbers, which refers to no cell,
// calls no function and reaches nothing outside.
func arithmetic(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return (r < '0' || r > '9') && !strings.ContainsRune(" +-.()/", r) })
}

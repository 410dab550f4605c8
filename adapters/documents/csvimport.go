package documents

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rickb777/date/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/candidate"
	"github.com/tpsession/tpsession/session"
)

// MaxImportBytes bounds the file ParseCandidates reads: a thousand
// candidates take a few hundred kilobytes.
const MaxImportBytes = 4 << 20

// maxTitles bounds the titles a cell lists: a candidate holds a few, and
// checking a list costs its square.
const maxTitles = 20

// ImportOptions tunes ParseCandidates.
type ImportOptions struct {
	// Today is the day of the import: a birth date or a recevabilité
	// notified after it is refused, as candidate.NewCandidate does.
	Today date.Date
	// DefaultRoute is the route of the candidates whose file has no route
	// column, or leaves the cell empty; empty requires the route.
	DefaultRoute candidate.Route
}

// Import is a file of candidates read and checked, ready for
// session.Service.ImportCandidates.
type Import struct {
	Candidates []candidate.CandidateInput
	// Lines[i] is the line of the file Candidates[i] was read from (the
	// header is line 1 when it comes first).
	Lines []int
	// Ignored lists the headers of the columns the import does not read,
	// as written in the file, so that the user can check nothing is lost.
	Ignored []string
	// Delimiter is the separator found: ';', ',' or a tab.
	Delimiter rune
	// Encoding is the character encoding found: "UTF-8", "UTF-16" or
	// "Windows-1252".
	Encoding string
}

// ImportError lists every bad row of a file of candidates. It unwraps to
// an ErrInvalidImport carrying one field error per problem, named
// "lines[12].birth_date" after the line of the file.
type ImportError struct {
	Rows []RowError
	err  *tpsession.Error
}

// RowError is a bad row: its line in the file and its problems, by the
// field of the HTTP contract ("birth_date", "host_companies[0].siret").
type RowError struct {
	Line   int
	Fields []tpsession.FieldError
}

func (e *ImportError) Error() string { return e.err.Error() }

// Unwrap returns the ErrInvalidImport copy carrying the field errors.
func (e *ImportError) Unwrap() error { return e.err }

func newImportError(rows []RowError) *ImportError {
	var fe tpsession.FieldErrors
	for _, r := range rows {
		for _, f := range r.Fields {
			fe = append(fe, tpsession.FieldError{Field: fmt.Sprintf("lines[%d].%s", r.Line, f.Field), Message: f.Message})
		}
	}
	e, _ := errors.AsType[*tpsession.Error](fe.Err(ErrInvalidImport.Withf("%s: %s", ErrInvalidImport.Message, pluralFR(len(rows), "bad row"))))
	return &ImportError{Rows: rows, err: e}
}

// ParseCandidates reads candidates from a spreadsheet export: a header row,
// then one candidate per row, separated by ';', ',' or tabs (found from the
// header), in UTF-8 (with or without a byte-order mark), UTF-16 with a
// byte-order mark, or Windows-1252 (what Excel writes for "CSV (séparateur
// point-virgule)" on a French Windows).
//
// Columns are recognised by their header, case, accents and punctuation
// aside, in French or English or by the JSON names of the HTTP contract:
// nom, prénom, date de naissance (JJ/MM/AAAA or AAAA-MM-JJ), courriel,
// téléphone, adresse (then adresse 2…), complément d'adresse, code postal,
// ville, parcours (formation, VAE, apprentissage), date de recevabilité
// VAE, titres détenus, and for each host company its SIRET, raison
// sociale, and début / fin de période or one période cell
// ("01/09/2026 - 31/10/2026"), numbered from the second company on
// ("SIRET 2"). Other columns are ignored and listed in Import.Ignored.
// Rows whose cells are all empty are skipped.
//
// Every row is checked as candidate.NewCandidate checks a candidate, and
// against the rows before it (the same names and birth date twice). When
// any row is bad, nothing is returned but an *ImportError listing every bad
// row with its line and reasons; a file that cannot be read at all (no
// header, a missing required column, a malformed quote, more than
// MaxImportBytes or session.MaxImportCandidates rows) is refused with
// ErrInvalidImport.
func ParseCandidates(r io.Reader, opts ImportOptions) (Import, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return Import{}, ErrInvalidImport.Withf("the file cannot be read").Wrap(err)
	}
	if len(data) > MaxImportBytes {
		return Import{}, ErrInvalidImport.Withf("the file is larger than %d MiB", MaxImportBytes>>20)
	}
	text, encoding, err := decodeText(data)
	if err != nil {
		return Import{}, err
	}
	out := Import{Encoding: encoding, Delimiter: delimiter(text)}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = out.Delimiter
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return Import{}, ErrInvalidImport.Withf("the file is empty: it needs a header row, then one row per candidate")
	}
	if err != nil {
		return Import{}, csvError(err)
	}
	cols, ignored, err := mapHeader(header, opts)
	if err != nil {
		return Import{}, err
	}
	out.Ignored = ignored
	var bad []RowError
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Import{}, csvError(err)
		}
		if !slices.ContainsFunc(rec, func(s string) bool { return cell(s) != "" }) {
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(out.Candidates) == session.MaxImportCandidates {
			return Import{}, ErrInvalidImport.Withf("the file has more than %d candidates: import it in parts", session.MaxImportCandidates)
		}
		in, fields := readRow(cols, rec, len(header), opts)
		if in.BirthDate != "" {
			// The identity the service knows a candidate by, case, accents
			// and punctuation aside (candidate.Identity).
			key := candidate.FoldName(in.LastName) + "|" + candidate.FoldName(in.FirstName) + "|" + in.BirthDate
			if first, dup := seen[key]; dup {
				fields = append(fields, tpsession.FieldError{Field: "candidate", Message: fmt.Sprintf("is the candidate of line %d again (same names and birth date)", first)})
			} else {
				seen[key] = line
			}
		}
		if len(fields) > 0 {
			bad = append(bad, RowError{Line: line, Fields: fields})
		}
		out.Candidates = append(out.Candidates, in)
		out.Lines = append(out.Lines, line)
	}
	if len(bad) > 0 {
		return Import{}, newImportError(bad)
	}
	if len(out.Candidates) == 0 {
		return Import{}, ErrInvalidImport.Withf("the file has a header but no candidate")
	}
	return out, nil
}

func csvError(err error) error {
	if pe, ok := errors.AsType[*csv.ParseError](err); ok {
		return ErrInvalidImport.Withf("line %d, column %d: %s", pe.Line, pe.Column, pe.Err).Wrap(err)
	}
	return ErrInvalidImport.Withf("the file cannot be read as CSV").Wrap(err)
}

// decodeText returns the file as UTF-8 text and the encoding found: a
// byte-order mark decides; without one, valid UTF-8 is UTF-8 and anything
// else is Windows-1252, whose every byte is a character.
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		text, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", "", ErrInvalidImport.Withf("the file is not valid UTF-16 text").Wrap(err)
		}
		return string(text), "UTF-16", nil
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	text, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", ErrInvalidImport.Withf("the file is neither UTF-8 nor Windows-1252 text").Wrap(err)
	}
	return string(text), "Windows-1252", nil
}

// delimiter finds the separator of the header line: the most frequent of
// ';', ',' and tab outside quotes; ';' when none appears, the French
// spreadsheets' default.
func delimiter(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range text {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '\n':
			goto done
		case r == ';' || r == ',' || r == '\t':
			counts[r]++
		}
	}
done:
	best := ';'
	for _, r := range []rune{'\t', ','} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// col is what one column of the file holds.
type col struct {
	field field
	n     int // for numbered fields, 1 first
}

// mapHeader recognises each column, refusing a file without the columns
// every candidate needs or with two columns for one field.
func mapHeader(header []string, opts ImportOptions) ([]col, []string, error) {
	cols := make([]col, len(header))
	var ignored []string
	where := map[col]int{}
	for i, h := range header {
		key, n := headerKey(cell(h))
		f := headerFields[key]
		if f != fieldNone && n != 1 && !f.numbered() {
			f = fieldNone
		}
		if f == fieldNone {
			if strings.TrimSpace(h) != "" {
				ignored = append(ignored, strings.TrimSpace(h))
			}
			continue
		}
		c := col{field: f, n: n}
		if !f.numbered() {
			c.n = 1
		}
		if j, dup := where[c]; dup {
			return nil, nil, ErrInvalidImport.Withf("columns %d (%q) and %d (%q) give the same information", j+1, header[j], i+1, h)
		}
		where[c] = i
		cols[i] = c
	}
	var missing []string
	for _, need := range []struct {
		f    field
		name string
	}{{fieldLastName, headerLastName}, {fieldFirstName, headerFirstName}, {fieldBirthDate, headerBirthDate}, {fieldRoute, headerRoute}} {
		if _, ok := where[col{field: need.f, n: 1}]; !ok && (need.f != fieldRoute || opts.DefaultRoute == "") {
			missing = append(missing, need.name)
		}
	}
	if len(missing) > 0 {
		found := header[:min(len(header), 20)]
		return nil, nil, ErrInvalidImport.Withf("the header row lacks the column(s) %s (found: %s)", strings.Join(missing, ", "), strings.Join(found, ", "))
	}
	return cols, ignored, nil
}

// cell trims a cell, composes its accents (NFC: a name typed on a Mac may
// come decomposed, and would then neither print nor compare as the same
// name typed elsewhere) and undoes what CandidatesCSV writes for Excel:
// the quote before a cell Excel would take for a formula, and the ="…"
// around digits it would turn into a number, a form other software uses
// for the same reason.
func cell(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(norm.NFC.String(s), "\u00a0", " "))
	switch {
	case len(s) > 1 && s[0] == '\'' && strings.ContainsRune(formulaStarts, rune(s[1])):
		s = s[1:]
	case len(s) >= 3 && strings.HasPrefix(s, `="`) && strings.HasSuffix(s, `"`) && !strings.Contains(s[2:len(s)-1], `"`):
		s = strings.TrimSpace(s[2 : len(s)-1])
	}
	return s
}

// hostCells are the cells of one host company.
type hostCells struct{ siret, name, from, until, period string }

// readRow turns a row into a candidate's input and its problems: the
// dates it could not read, then those candidate.NewCandidate finds.
func readRow(cols []col, rec []string, width int, opts ImportOptions) (candidate.CandidateInput, []tpsession.FieldError) {
	var fe tpsession.FieldErrors
	if len(rec) > width && slices.ContainsFunc(rec[width:], func(s string) bool { return cell(s) != "" }) {
		fe.Add("row", "has %d cells, more than the %d columns of the header", len(rec), width)
	}
	in := candidate.CandidateInput{Route: string(opts.DefaultRoute)}
	lines := map[int]string{}
	var extra []string
	var addr candidate.PostalAddressInput
	hosts := map[int]*hostCells{}
	host := func(n int) *hostCells {
		if hosts[n] == nil {
			hosts[n] = &hostCells{}
		}
		return hosts[n]
	}
	for i, c := range cols {
		if i >= len(rec) || c.field == fieldNone {
			continue
		}
		v := cell(rec[i])
		if v == "" {
			continue
		}
		switch c.field {
		case fieldLastName:
			in.LastName = v
		case fieldFirstName:
			in.FirstName = v
		case fieldBirthDate:
			in.BirthDate = readDay(&fe, "birth_date", v)
		case fieldEmail:
			in.Email = v
		case fieldPhone:
			in.Phone = v
		case fieldAddressLine:
			lines[c.n] = v
		case fieldAddressExtra:
			extra = append(extra, v)
		case fieldPostcode:
			addr.Postcode = v
		case fieldCity:
			addr.City = v
		case fieldRoute:
			in.Route = readRoute(v)
		case fieldVAE:
			in.VAERecevabiliteOn = readDay(&fe, "vae_recevabilite_on", v)
		case fieldTitles:
			in.TitlesHeld = strings.FieldsFunc(strings.ToUpper(v), func(r rune) bool { return strings.ContainsRune(" ,;/|\t", r) })
			if len(in.TitlesHeld) > maxTitles {
				fe.Add("titles_held", "lists %d titles, more than the %d a cell may hold", len(in.TitlesHeld), maxTitles)
				in.TitlesHeld = in.TitlesHeld[:maxTitles]
			}
		case fieldHostSIRET:
			host(c.n).siret = v
		case fieldHostName:
			host(c.n).name = v
		case fieldHostFrom:
			host(c.n).from = v
		case fieldHostUntil:
			host(c.n).until = v
		case fieldHostPeriod:
			host(c.n).period = v
		}
	}
	for _, n := range sortedKeys(lines) {
		addr.Lines = append(addr.Lines, lines[n])
	}
	addr.Lines = append(addr.Lines, extra...)
	if len(addr.Lines) > 0 || addr.Postcode != "" || addr.City != "" {
		in.PostalAddress = &addr
	}
	for _, n := range sortedKeys(hosts) {
		h := hosts[n]
		prefix := fmt.Sprintf("host_companies[%d]", len(in.HostCompanies))
		hc := candidate.HostCompanyInput{SIRET: h.siret, Name: h.name}
		from, until := h.from, h.until
		if h.period != "" && from == "" && until == "" {
			days := dayPattern.FindAllString(h.period, -1)
			if len(days) == 2 {
				from, until = days[0], days[1]
			} else {
				fe.Add(prefix+".period", "%q is not a period written JJ/MM/AAAA - JJ/MM/AAAA", h.period)
			}
		}
		if from != "" {
			hc.From = readDay(&fe, prefix+".from", from)
		}
		if until != "" {
			hc.Until = readDay(&fe, prefix+".until", until)
		}
		in.HostCompanies = append(in.HostCompanies, hc)
	}
	read := slices.Clone(fe)
	if _, err := candidate.NewCandidate("import", "can_00000000000000000000000000", in, opts.Today); err != nil {
		if e, ok := errors.AsType[*tpsession.Error](err); ok {
			for _, f := range e.Fields {
				// A date that could not be read was passed on empty: its
				// own problem is already recorded.
				if !slices.ContainsFunc(read, func(r tpsession.FieldError) bool { return r.Field == f.Field }) {
					fe = append(fe, f)
				}
			}
		} else {
			fe.AddErr("candidate", err)
		}
	}
	return in, fe
}

func sortedKeys[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// dayPattern finds the dates of a cell: JJ/MM/AAAA (or with '.' or '-'),
// or AAAA-MM-JJ.
var dayPattern = regexp.MustCompile(`\b(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{4}-\d{2}-\d{2})\b`)

// readDay reads a date written JJ/MM/AAAA (J/M/AAAA, with '/', '.' or '-'),
// or AAAA-MM-JJ, possibly followed by a time at midnight as spreadsheets
// add, and returns it as YYYY-MM-DD; "" when it cannot, the problem
// recorded on field.
func readDay(fe *tpsession.FieldErrors, field, s string) string {
	v := s
	if d, t, ok := strings.Cut(v, " "); ok && strings.Trim(t, "0:") == "" {
		v = d
	}
	if d, t, ok := strings.Cut(v, "T"); ok && strings.Trim(t, "0:") == "" {
		v = d
	}
	if len(v) == 10 && v[4] == '-' {
		if _, err := tpsession.ParseDate(v); err != nil {
			fe.AddErr(field, err)
			return ""
		}
		return v
	}
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 || len(parts[2]) != 4 {
		fe.Add(field, "%q is not a date written JJ/MM/AAAA or AAAA-MM-JJ", s)
		return ""
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			fe.Add(field, "%q is not a date written JJ/MM/AAAA or AAAA-MM-JJ", s)
			return ""
		}
		n[i] = v
	}
	iso := fmt.Sprintf("%04d-%02d-%02d", n[2], n[1], n[0])
	if _, err := tpsession.ParseDate(iso); err != nil {
		fe.Add(field, "%q is not a date: there is no day %d/%d in %d", s, n[0], n[1], n[2])
		return ""
	}
	return iso
}

// readRoute reads the route as written in French or English; what it does
// not recognise is passed on for candidate.NewCandidate to refuse.
func readRoute(s string) string {
	k, _ := headerKey(s)
	switch {
	case k == "vae" || strings.HasPrefix(k, "validation des acquis") || strings.HasPrefix(k, "vae "):
		return string(candidate.RouteVAE)
	case strings.HasPrefix(k, "apprenti") || strings.Contains(k, "apprentissage"):
		return string(candidate.RouteApprentissage)
	case strings.HasPrefix(k, "formation"):
		return string(candidate.RouteFormation)
	}
	return s
}

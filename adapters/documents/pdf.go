package documents

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// The PDFs' layout: what every PDF of the package is made with, and what
// a new one is made with (a procès-verbal, a list to sign). Its rules:
//
//   - text is never cut nor printed past a margin: every string goes
//     through pdfDoc.para, pdfDoc.cell or pdfDoc.row, which wrap it at
//     spaces, or within a word too long for its width;
//   - a block that must stay on one page (a signature with what it
//     signs, a table's header with its first row) asks pdfDoc.keep for its
//     height first;
//   - the footer of each page is drawn once the body is done, below the
//     body's bottom margin, which each section sets from its footer's
//     height: a footer never overprints the body;
//   - the font is DejaVu Sans, embedded (subset) in every file: it prints
//     every Latin script, Greek and Cyrillic as typed; a character it lacks
//     is printed as its base letter, or U+FFFD, and reported in
//     Document.Unprintable, never dropped silently.
//
// A document: newPDF, then for each part pdfDoc.section (a new page whose
// footer names the part and counts its own pages), the content, and
// pdfDoc.document.

// Page geometry of every PDF: A4, millimetres.
const (
	marginX   = 18.0
	marginTop = 15.0
	// footerFoot is the space below the footer, footerGap the space
	// between the body and the footer.
	footerFoot = 8.0
	footerGap  = 5.0
	footerSize = 8.0
	footerLine = 3.6
	pageWidth  = 210.0
	pageHeight = 297.0
)

// fontFamily is the embedded Unicode font of every PDF, regular and bold.
const fontFamily = "DejaVuSans"

// glyphs tells which characters the embedded font prints, per style. The
// font files are the module's own constant data; they are parsed once.
var glyphs = sync.OnceValues(func() (map[string]*sfnt.Font, error) {
	out := map[string]*sfnt.Font{}
	for style, data := range map[string][]byte{"": dejavusans.TTF, "B": dejavusansbold.TTF} {
		f, err := sfnt.Parse(data)
		if err != nil {
			return nil, err
		}
		out[style] = f
	}
	return out, nil
})

// pdfDoc is a PDF being made.
type pdfDoc struct {
	f        *fpdf.Fpdf
	b        *book
	sections []pdfSection
	style    string
	size     float64
	// covered caches, per style, whether the font prints a character.
	covered map[string]map[rune]bool
	fonts   map[string]*sfnt.Font
	buf     sfnt.Buffer
	// missing are the characters the font lacks, in the order met.
	missing []rune
	err     error
}

type pdfSection struct {
	label []string // the footer's left part, wrapped
	first int      // first page
}

// newPDF starts a document whose metadata names the centre and the title.
// Its dates are fixed to the dossier's instant so that the same dossier
// gives the same bytes.
func newPDF(b *book, title string) *pdfDoc {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(marginX, marginTop, marginX)
	f.SetCellMargin(0) // text starts where its cell does: wrap measures what prints
	f.SetAutoPageBreak(true, footerFoot+footerGap+2*footerLine)
	f.SetCreationDate(b.stamp())
	f.SetModificationDate(b.stamp())
	f.SetCatalogSort(true)
	f.AddUTF8FontFromBytes(fontFamily, "", dejavusans.TTF)
	f.AddUTF8FontFromBytes(fontFamily, "B", dejavusansbold.TTF)
	p := &pdfDoc{f: f, b: b, covered: map[string]map[rune]bool{}}
	p.fonts, p.err = glyphs()
	f.SetTitle(p.text(title), true)
	f.SetAuthor(p.text(b.Centre.Name), true)
	f.SetCreator("tpsession", true)
	f.SetLang("fr-FR")
	// Every new page, the ones a break makes too, checks the dossier's
	// context.
	f.SetHeaderFunc(p.alive)
	return p
}

// alive stops the document once the dossier's context has ended: fpdf
// does nothing more after an error, and document returns it. It is called
// at every page, every table row and every block kept on a page, so that
// each loop over candidates, days or lines checks it.
func (p *pdfDoc) alive() {
	if p.f.Err() {
		return
	}
	if err := p.b.alive(); err != nil {
		p.f.SetError(err)
	}
}

// section starts a new page that opens a section with its own page count
// and its footer's label; the body of its pages ends above that footer.
func (p *pdfDoc) section(label string) {
	saved := p.saveFont()
	p.font("", footerSize)
	lines := p.wrap(label, p.width()-30)
	p.restoreFont(saved)
	p.sections = append(p.sections, pdfSection{label: lines, first: p.f.PageNo() + 1})
	p.f.SetAutoPageBreak(true, footerFoot+footerGap+float64(max(1, len(lines)))*footerLine)
	p.f.AddPage()
	p.f.SetXY(marginX, marginTop)
}

// footers draws every page's footer, once the pages are done: the
// section's label on the left, wrapped, and "Page n/N" of the section on
// the right, above a rule.
func (p *pdfDoc) footers() {
	p.f.SetAutoPageBreak(false, 0)
	pages := p.f.PageCount()
	for i, s := range p.sections {
		last := pages
		if i+1 < len(p.sections) {
			last = p.sections[i+1].first - 1
		}
		for n := s.first; n <= last; n++ {
			p.f.SetPage(n)
			p.font("", footerSize)
			p.f.SetTextColor(90, 90, 90)
			p.f.SetDrawColor(150, 150, 150)
			p.f.SetLineWidth(0.2)
			top := pageHeight - footerFoot - float64(max(1, len(s.label)))*footerLine
			p.f.Line(marginX, top-1, pageWidth-marginX, top-1)
			for j, l := range s.label {
				p.f.SetXY(marginX, top+float64(j)*footerLine)
				p.f.CellFormat(p.width()-30, footerLine, l, "", 0, "L", false, 0, "")
			}
			p.f.SetXY(pageWidth-marginX-30, top)
			p.f.CellFormat(30, footerLine, fmt.Sprintf("Page %d/%d", n-s.first+1, last-s.first+1), "", 0, "R", false, 0, "")
			p.f.SetTextColor(0, 0, 0)
			p.f.SetDrawColor(0, 0, 0)
		}
	}
}

// document finishes the PDF into a Document named name.
func (p *pdfDoc) document(name string) (Document, error) {
	if p.err != nil {
		return Document{}, ErrRender.Wrap(p.err)
	}
	if p.alive(); !p.f.Err() {
		p.footers()
	}
	var buf bytes.Buffer
	if err := p.f.Output(&buf); err != nil {
		if errors.Is(err, ErrCancelled) {
			return Document{}, err
		}
		return Document{}, ErrRender.Wrap(err)
	}
	return Document{Name: name, ContentType: ContentTypePDF, Body: buf.Bytes(), Unprintable: slices.Clone(p.missing)}, nil
}

// font sets the style ("" or "B") and the size in points.
func (p *pdfDoc) font(style string, size float64) {
	p.style, p.size = style, size
	p.f.SetFont(fontFamily, style, size)
}

type fontState struct {
	style string
	size  float64
}

func (p *pdfDoc) saveFont() fontState { return fontState{p.style, p.size} }

func (p *pdfDoc) restoreFont(s fontState) {
	if s.size > 0 {
		p.font(s.style, s.size)
	}
}

// text returns s as the font prints it: accents typed as combining marks
// composed (NFC), control characters dropped but line feeds, and each
// character the font lacks replaced by its base letter when the font has
// it, else by U+FFFD, and recorded in missing.
func (p *pdfDoc) text(s string) string {
	s = norm.NFC.String(s)
	if !strings.ContainsFunc(s, func(r rune) bool { return r > unicode.MaxLatin1 || unicode.IsControl(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case unicode.IsControl(r):
		case p.prints(r):
			b.WriteRune(r)
		default:
			if !slices.Contains(p.missing, r) {
				p.missing = append(p.missing, r)
			}
			b.WriteString(p.substitute(r))
		}
	}
	return b.String()
}

// prints reports whether the font, in the current style, has a glyph for r.
func (p *pdfDoc) prints(r rune) bool {
	if r <= unicode.MaxLatin1 {
		return true // DejaVu Sans has every Latin-1 character
	}
	cache := p.covered[p.style]
	if cache == nil {
		cache = map[rune]bool{}
		p.covered[p.style] = cache
	}
	ok, seen := cache[r]
	if !seen {
		if f := p.fonts[p.style]; f != nil {
			i, err := f.GlyphIndex(&p.buf, r)
			ok = err == nil && i != 0
		}
		cache[r] = ok
	}
	return ok
}

// substitute spells a character the font lacks with characters it has:
// its letters without their diacritics, or U+FFFD.
func (p *pdfDoc) substitute(r rune) string {
	var out []rune
	for _, d := range norm.NFD.String(string(r)) {
		if d != r && !unicode.Is(unicode.Mn, d) && p.prints(d) {
			out = append(out, d)
		}
	}
	if len(out) > 0 {
		return string(out)
	}
	if p.prints('\uFFFD') {
		return "\uFFFD"
	}
	return "?"
}

// width is the usable width of the page.
func (p *pdfDoc) width() float64 { return pageWidth - 2*marginX }

// bottom is where the body of the page ends, above the footer.
func (p *pdfDoc) bottom() float64 {
	_, margin := p.f.GetAutoPageBreak()
	return pageHeight - margin
}

// room reports whether h millimetres fit above the bottom of the body.
func (p *pdfDoc) room(h float64) bool { return p.f.GetY()+h <= p.bottom() }

// keep starts a new page unless h millimetres fit on this one: the block
// that follows stays on one page (when it fits on a page at all).
func (p *pdfDoc) keep(h float64) {
	p.alive()
	if !p.room(h) {
		x := p.f.GetX()
		p.f.AddPage()
		p.f.SetX(x)
	}
}

// wrap breaks s into lines no wider than w at the current font: at
// spaces, after a hyphen, or, for a word wider than w, between two
// characters; line feeds in s are kept. Every character of s is on some
// line.
func (p *pdfDoc) wrap(s string, w float64) []string {
	s = p.text(s)
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, p.wrapLine(para, w)...)
	}
	return out
}

func (p *pdfDoc) wrapLine(s string, w float64) []string {
	fits := func(t string) bool { return p.f.GetStringWidth(t) <= w }
	var lines []string
	line := ""
	s = noBreakFR(s)
	for _, word := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' }) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if fits(try) {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
		}
		for !fits(word) {
			head, tail := p.split(word, w)
			lines = append(lines, head)
			word = tail
		}
		line = word
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// noBreakFR puts the no-break spaces of French typography where s has
// plain ones, so that a line never starts with a colon, a semicolon, an
// exclamation or a question mark or a closing guillemet, never ends with
// an opening one, and never splits "n° 3", "8 h 30" or "18 min".
func noBreakFR(s string) string {
	s = frenchSpaces.Replace(s)
	return clockSpaces.ReplaceAllStringFunc(s, func(m string) string { return strings.ReplaceAll(m, " ", "\u00a0") })
}

var (
	frenchSpaces = strings.NewReplacer(" :", "\u00a0:", " ;", "\u00a0;", " !", "\u00a0!", " ?", "\u00a0?",
		" »", "\u00a0»", "« ", "«\u00a0", "n° ", "n°\u00a0")
	// clockSpaces finds "8 h 30", "14 h" and "18 min", not "7 heures".
	clockSpaces = regexp.MustCompile(`\b\d+ (h( \d\d)?|min)\b`)
)

// split cuts a word too wide for w: after its last hyphen that fits, else
// after as many characters as fit (at least one).
func (p *pdfDoc) split(word string, w float64) (head, tail string) {
	r := []rune(word)
	n := 1
	for n < len(r) && p.f.GetStringWidth(string(r[:n+1])) <= w {
		n++
	}
	for i := n; i > 1; i-- {
		if r[i-1] == '-' {
			return string(r[:i]), string(r[i:])
		}
	}
	return string(r[:n]), string(r[n:])
}

// paraHeight is the height para takes to print s within w in lines of
// height h.
func (p *pdfDoc) paraHeight(w, h float64, s string) float64 {
	return float64(len(p.wrap(s, p.widthOr(w)))) * h
}

func (p *pdfDoc) widthOr(w float64) float64 {
	if w == 0 {
		return pageWidth - marginX - p.f.GetX()
	}
	return w
}

// para prints s as a paragraph wrapped within the width w from the
// current position (0: to the right margin), in lines of height h and
// alignment align ("L", "C" or "R"), then goes to the next line at the
// same X. A paragraph longer than the page goes on over the next.
func (p *pdfDoc) para(w, h float64, s string, align ...string) {
	w = p.widthOr(w)
	a := "L"
	if len(align) > 0 {
		a = align[0]
	}
	x := p.f.GetX()
	for _, l := range p.wrap(s, w) {
		p.keep(h)
		p.f.SetX(x)
		p.f.CellFormat(w, h, l, "", 2, a, false, 0, "")
	}
	p.f.SetX(x)
}

// cell prints s on one line in a cell of width w (0: to the right margin),
// then moves right, or to the next line when ln is true. Text too wide
// for the cell is never cut: it wraps, as para does, and the cell grows.
func (p *pdfDoc) cell(w, h float64, s, border, align string, ln bool) {
	w = p.widthOr(w)
	t := p.text(s)
	if p.f.GetStringWidth(t) > w || strings.Contains(t, "\n") {
		x, y := p.f.GetX(), p.f.GetY()
		p.para(w, h, s, align)
		if !ln {
			p.f.SetXY(x+w, y)
		}
		return
	}
	next := 0
	if ln {
		next = 1
	}
	p.f.CellFormat(w, h, t, border, next, align, false, 0, "")
}

// band prints s across the page on a grey band, then goes to the next line.
func (p *pdfDoc) band(h float64, s string) {
	p.keep(h)
	y := p.f.GetY()
	lines := p.wrap(s, p.width()-4)
	p.f.SetFillColor(230, 230, 230)
	p.f.Rect(marginX, y, p.width(), float64(len(lines))*h, "F")
	for _, l := range lines {
		p.f.SetX(marginX + 2)
		p.f.CellFormat(p.width()-4, h, l, "", 2, "L", false, 0, "")
	}
	p.f.SetX(marginX)
}

// bullets prints a bulleted list, each item wrapped under its first word,
// from the current position to the right margin.
func (p *pdfDoc) bullets(h float64, items []string) {
	p.bulletsIn(pageWidth-marginX-p.f.GetX(), h, items)
}

// bulletIndent is the room a bullet takes before its item.
const bulletIndent = 6.0

// bulletsIn prints a bulleted list within the width w from the current
// position, each item wrapped under its first word.
func (p *pdfDoc) bulletsIn(w, h float64, items []string) {
	x := p.f.GetX()
	for _, it := range items {
		p.keep(h)
		y := p.f.GetY()
		p.f.SetXY(x, y)
		p.f.CellFormat(bulletIndent, h, "•", "", 0, "C", false, 0, "")
		p.f.SetXY(x+bulletIndent, y)
		p.para(w-bulletIndent, h, it)
		p.f.SetX(x)
	}
}

// bulletsHeight is the height bullets takes to print items in lines of
// height h from the left margin.
func (p *pdfDoc) bulletsHeight(h float64, items []string) float64 {
	return p.bulletsHeightIn(p.width(), h, items)
}

// bulletsHeightIn is the height bulletsIn takes to print items within the
// width w in lines of height h.
func (p *pdfDoc) bulletsHeightIn(w, h float64, items []string) float64 {
	total := 0.0
	for _, it := range items {
		total += p.paraHeight(w-bulletIndent, h, it)
	}
	return total
}

// checkbox draws an empty square box of side s centred in the cell at
// (x, y) of width w and height h.
func (p *pdfDoc) checkbox(x, y, w, h, s float64) {
	p.f.Rect(x+(w-s)/2, y+(h-s)/2, s, s, "D")
}

// column is a column of a table.
type column struct {
	title string
	width float64
	align string
	// check draws an empty box in the column's cells.
	check bool
}

// Table cells: padding inside a cell, the height of a line of text, the
// size of the text.
const (
	cellPad   = 1.2
	cellLine  = 4.2
	tableSize = 9.0
)

// header prints a table's header row, titles in bold on grey, wrapped,
// kept on the page with room for a first row of height next.
func (p *pdfDoc) header(cols []column, next float64) {
	saved := p.saveFont()
	defer p.restoreFont(saved)
	p.font("B", 8)
	lines := make([][]string, len(cols))
	h := 0.0
	for i, c := range cols {
		lines[i] = p.wrap(c.title, c.width-2*cellPad)
		h = max(h, float64(len(lines[i]))*4+2*cellPad)
	}
	p.keep(h + next)
	x, y := marginX, p.f.GetY()
	p.f.SetFillColor(230, 230, 230)
	for i, c := range cols {
		p.f.Rect(x, y, c.width, h, "FD")
		top := y + (h-float64(len(lines[i]))*4)/2
		for j, l := range lines[i] {
			p.f.SetXY(x, top+float64(j)*4)
			p.f.CellFormat(c.width, 4, l, "", 0, "C", false, 0, "")
		}
		x += c.width
	}
	p.f.SetXY(marginX, y+h)
}

// rowHeight is the height of a row of cells at least minH high: the
// tallest cell's wrapped text.
func (p *pdfDoc) rowHeight(cols []column, cells []string, minH float64) float64 {
	h := minH
	for i, c := range cols {
		if i < len(cells) && !c.check {
			h = max(h, float64(len(p.wrap(cells[i], c.width-2*cellPad)))*cellLine+2*cellPad)
		}
	}
	return h
}

// row prints a table row at least minH high, each cell's text wrapped
// within its column (never cut), repeating the header on a new page when
// the row does not fit.
func (p *pdfDoc) row(cols []column, cells []string, minH float64) {
	p.alive()
	p.font("", tableSize)
	h := p.rowHeight(cols, cells, minH)
	if !p.room(h) {
		p.f.AddPage()
		p.header(cols, h)
		p.font("", tableSize)
	}
	x, y := marginX, p.f.GetY()
	for i, c := range cols {
		p.f.Rect(x, y, c.width, h, "D")
		switch {
		case c.check:
			p.checkbox(x, y, c.width, h, 4.5)
		case i < len(cells):
			lines := p.wrap(cells[i], c.width-2*cellPad)
			top := y + (h-float64(len(lines))*cellLine)/2
			for j, l := range lines {
				p.f.SetXY(x+cellPad, top+float64(j)*cellLine)
				p.f.CellFormat(c.width-2*cellPad, cellLine, l, "", 0, c.align, false, 0, "")
			}
		}
		x += c.width
	}
	p.f.SetXY(marginX, y+h)
}

// heading prints a section heading of a long document on a grey band, on
// a new page when little room is left under it.
func (p *pdfDoc) heading(s string) {
	p.keep(30)
	p.f.Ln(4)
	p.font("B", 11.5)
	p.band(7, s)
	p.f.Ln(2)
}

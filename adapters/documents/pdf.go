package documents

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"
)

// Page geometry of every PDF: A4, millimetres.
const (
	marginX      = 18.0
	marginTop    = 15.0
	marginBottom = 20.0
	font         = "Helvetica" // a core font: nothing to embed, WinAnsi encoded
)

// pdfDoc wraps fpdf so that every string printed goes through pdfText, and
// numbers pages within sections: each letter of a combined file, each
// attendance sheet, counts its own pages ("page 1/2").
type pdfDoc struct {
	f        *fpdf.Fpdf
	b        *book
	sections []pdfSection
}

type pdfSection struct {
	label string // the footer's left part
	first int    // first page
}

// newPDF starts a document whose metadata names the centre and the title.
// Its dates are fixed to the dossier's instant so that the same dossier
// gives the same bytes.
func newPDF(b *book, title string) *pdfDoc {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetCreationDate(b.stamp())
	f.SetModificationDate(b.stamp())
	f.SetCatalogSort(true)
	f.SetTitle(title, true)
	f.SetAuthor(b.Centre.Name, true)
	f.SetCreator("tpsession", true)
	f.SetLang("fr-FR")
	p := &pdfDoc{f: f, b: b}
	f.SetFooterFunc(p.footer)
	return p
}

// alive stops the document once the dossier's context has ended: fpdf
// does nothing more after an error, and bytes returns it. It is called at
// every page.
func (p *pdfDoc) alive() {
	if p.f.Err() {
		return
	}
	if err := p.b.alive(); err != nil {
		p.f.SetError(err)
	}
}

// section starts a new page that opens a section with its own page count.
func (p *pdfDoc) section(label string) {
	p.sections = append(p.sections, pdfSection{label: label, first: p.f.PageNo() + 1})
	p.f.AddPage()
}

func pageAlias(section int) string { return fmt.Sprintf("{tpsession:pages:%d}", section) }

func (p *pdfDoc) footer() {
	p.alive()
	// AddPage prints the footer of the page it leaves, which belongs to the
	// section before the one it may be opening.
	i := len(p.sections) - 1
	for i >= 0 && p.sections[i].first > p.f.PageNo() {
		i--
	}
	if i < 0 {
		return
	}
	s := p.sections[i]
	w, _ := p.f.GetPageSize()
	p.f.SetY(-14)
	p.font("", 8)
	p.f.SetTextColor(90, 90, 90)
	p.f.CellFormat(w-2*marginX-30, 5, pdfText(s.label), "T", 0, "L", false, 0, "")
	// Left-aligned: the alias is wider than the number that replaces it.
	p.f.CellFormat(30, 5, fmt.Sprintf("Page %d/%s", p.f.PageNo()-s.first+1, pageAlias(i)), "T", 0, "L", false, 0, "")
	p.f.SetTextColor(0, 0, 0)
}

// bytes finishes the document.
func (p *pdfDoc) bytes() ([]byte, error) {
	for i, s := range p.sections {
		next := p.f.PageNo() + 1
		if i+1 < len(p.sections) {
			next = p.sections[i+1].first
		}
		p.f.RegisterAlias(pageAlias(i), fmt.Sprint(next-s.first))
	}
	var buf bytes.Buffer
	if err := p.f.Output(&buf); err != nil {
		if errors.Is(err, ErrCancelled) {
			return nil, err
		}
		return nil, ErrRender.Wrap(err)
	}
	return buf.Bytes(), nil
}

func (p *pdfDoc) font(style string, size float64) { p.f.SetFont(font, style, size) }

// width is the usable width of the page.
func (p *pdfDoc) width() float64 {
	w, _ := p.f.GetPageSize()
	return w - 2*marginX
}

// room reports whether h millimetres fit above the bottom margin.
func (p *pdfDoc) room(h float64) bool {
	_, ph := p.f.GetPageSize()
	return p.f.GetY()+h <= ph-marginBottom
}

// cell prints s in a cell of width w (0: to the right margin), then moves
// right, or to the next line when ln is true.
func (p *pdfDoc) cell(w, h float64, s, border, align string, ln bool) {
	next := 0
	if ln {
		next = 1
	}
	p.f.CellFormat(w, h, pdfText(s), border, next, align, false, 0, "")
}

// para prints s as a paragraph wrapped within the width w from the
// current position (0: to the right margin).
func (p *pdfDoc) para(w, h float64, s string) {
	p.f.MultiCell(w, h, pdfText(s), "", "L", false)
}

// band prints s across the page on a grey band, then goes to the next line.
func (p *pdfDoc) band(h float64, s string) {
	p.f.SetFillColor(230, 230, 230)
	p.f.CellFormat(0, h, pdfText(s), "", 1, "L", true, 0, "")
}

// bullets prints a bulleted list, each item wrapped under its first word.
func (p *pdfDoc) bullets(h float64, items []string) {
	const indent = 6.0
	for _, it := range items {
		x := p.f.GetX()
		p.cell(indent, h, "•", "", "C", false)
		p.para(p.width()-(x-marginX)-indent, h, it)
		p.f.SetX(x)
	}
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

// header prints a table's header row: titles in bold on grey, on two
// lines where they hold a line feed.
func (p *pdfDoc) header(cols []column) {
	const h = 10.0
	if !p.room(h + 10) {
		p.f.AddPage()
	}
	x, y := p.f.GetX(), p.f.GetY()
	p.font("B", 8.5)
	p.f.SetFillColor(230, 230, 230)
	for _, c := range cols {
		p.f.Rect(x, y, c.width, h, "FD")
		lines := strings.Split(c.title, "\n")
		top := y + (h-float64(len(lines))*4)/2
		for i, l := range lines {
			p.f.SetXY(x, top+float64(i)*4)
			p.cell(c.width, 4, l, "", "C", false)
		}
		x += c.width
	}
	p.f.SetXY(marginX, y+h)
}

// row prints a table row of height h, repeating the header on a new page
// when the row does not fit. Cell text is shrunk to fit its column.
func (p *pdfDoc) row(cols []column, cells []string, h float64) {
	if !p.room(h) {
		p.f.AddPage()
		p.header(cols)
	}
	p.font("", 9.5)
	x, y := p.f.GetX(), p.f.GetY()
	for i, c := range cols {
		p.f.Rect(x, y, c.width, h, "D")
		if c.check {
			p.checkbox(x, y, c.width, h, 4.5)
		} else if i < len(cells) {
			p.f.SetXY(x, y)
			p.cell(c.width, h, p.fit(cells[i], c.width-2), "", c.align, false)
		}
		x += c.width
	}
	p.f.SetXY(marginX, y+h)
}

// fit shortens s with an ellipsis until it fits the width w.
func (p *pdfDoc) fit(s string, w float64) string {
	if p.f.GetStringWidth(pdfText(s)) <= w {
		return s
	}
	r := []rune(norm.NFC.String(s)) // so as not to cut a letter from its accent
	for len(r) > 1 && p.f.GetStringWidth(pdfText(string(r)+"…")) > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

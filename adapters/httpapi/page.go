package httpapi

import (
	"encoding/base64"
	"encoding/json"
	"strconv"

	"github.com/tpsession/tpsession"
)

// The size of a page of a list that can grow (sessions, candidates,
// members, events): the first DefaultPageSize items unless limit says
// otherwise, at most MaxPageSize. An answer with more to come carries
// next_cursor, to send back as cursor for the next page.
const (
	DefaultPageSize = 100
	MaxPageSize     = 1000
)

// pageQuery is the page a listing asks for: its size, and where it starts
// (the parts of the cursor of the page before; nil for the first page).
type pageQuery struct {
	limit int
	after []string
}

// pageParams documents the paging query parameters.
var pageParams = []param{
	{name: "limit", doc: "the size of the page, 1 to " + strconv.Itoa(MaxPageSize) + "; " + strconv.Itoa(DefaultPageSize) + " when left out", format: "integer"},
	{name: "cursor", doc: "where the page starts: the next_cursor of the page before; the first page when left out"},
}

// page reads the limit and cursor query parameters, recording their
// problems; a cursor must have parts parts.
func (c *call) page(fe *tpsession.FieldErrors, parts int) pageQuery {
	p := pageQuery{limit: DefaultPageSize}
	if s := c.r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxPageSize {
			fe.Add("limit", "must be an integer from 1 to %d", MaxPageSize)
		} else {
			p.limit = n
		}
	}
	if s := c.r.URL.Query().Get("cursor"); s != "" {
		data, err := base64.RawURLEncoding.DecodeString(s)
		if err == nil {
			err = json.Unmarshal(data, &p.after)
		}
		if err != nil || len(p.after) != parts {
			fe.Add("cursor", "is not a cursor of this list: send back the next_cursor of the page before")
			p.after = nil
		}
	}
	return p
}

// cursor encodes the position of the last item of a page.
func cursor(parts ...string) string {
	data, _ := json.Marshal(parts) // strings always encode
	return base64.RawURLEncoding.EncodeToString(data)
}

// paged cuts a list fetched with one item more than the page's size to the
// page, and returns the cursor of the page after, "" when there is none.
func paged[T any](items []T, limit int, position func(T) []string) ([]T, string) {
	if len(items) <= limit {
		return items, ""
	}
	items = items[:limit]
	return items, cursor(position(items[limit-1])...)
}

// after returns the items of a whole list that follow the one whose key
// is the cursor's single part, for the lists the Service returns whole;
// ok is false when no item has that key.
func after[T any](items []T, p pageQuery, key func(T) string) (rest []T, ok bool) {
	if p.after == nil {
		return items, true
	}
	for i, it := range items {
		if key(it) == p.after[0] {
			return items[i+1:], true
		}
	}
	return nil, false
}

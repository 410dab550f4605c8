package tpsession

import (
	"sync"
	"time"

	"github.com/rickb777/date/v2"
)

// Clock tells the time. Only the session service holds one: it reads it once
// per operation to fix "today", and passes that date down to the rules,
// which never read the wall clock themselves.
type Clock interface {
	Now() time.Time
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// FixedClock is a clock for tests and simulations: it returns the instant it
// was set to until it is set again. It is safe for concurrent use.
type FixedClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewFixedClock returns a clock stopped at t.
func NewFixedClock(t time.Time) *FixedClock { return &FixedClock{t: t} }

// Now returns the instant the clock is set to.
func (c *FixedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *FixedClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Advance moves the clock forward by d (backward when d is negative).
func (c *FixedClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// ParisTimeZone is the time zone in which a session's days are counted: every
// centre agréé in metropolitan France works in it, and the rules count days
// on the Ministry's calendar.
const ParisTimeZone = "Europe/Paris"

// LoadParis loads the Europe/Paris time zone. It needs the system's zoneinfo
// or the time/tzdata package imported by the host program; the library leaves
// that choice to the host.
func LoadParis() (*time.Location, error) {
	loc, err := time.LoadLocation(ParisTimeZone)
	if err != nil {
		return nil, ErrInternal.Withf("time zone %s is not available: import time/tzdata in the program or install the system's zoneinfo", ParisTimeZone).Wrap(err)
	}
	return loc, nil
}

// Today returns the calendar day of the clock's current instant in loc.
func Today(c Clock, loc *time.Location) date.Date {
	return date.NewAt(c.Now().In(loc))
}

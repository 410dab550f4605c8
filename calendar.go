package tpsession

import (
	"slices"
	"time"

	"github.com/rickb777/date/v2"
)

// Region selects the public holidays of a centre's site. Metropolitan France
// has eleven; Alsace-Moselle adds Good Friday and 26 December (local law of
// 1 June 1924); each overseas department adds the day it commemorates the
// abolition of slavery (décret n° 83-1003 du 23 novembre 1983 as amended).
type Region string

// The regions. The zero value "" means Metropole.
const (
	Metropole     Region = "metropole"
	AlsaceMoselle Region = "alsace-moselle"
	Guadeloupe    Region = "guadeloupe"
	Martinique    Region = "martinique"
	Guyane        Region = "guyane"
	Reunion       Region = "reunion"
	Mayotte       Region = "mayotte"
)

// Regions lists every region, in a stable order.
var Regions = []Region{Metropole, AlsaceMoselle, Guadeloupe, Martinique, Guyane, Reunion, Mayotte}

// ErrInvalidRegion is returned by ParseRegion.
var ErrInvalidRegion = NewError(Invalid, "region.invalid", "the region is unknown")

// ParseRegion parses a region name; "" is Metropole.
func ParseRegion(s string) (Region, error) {
	if s == "" {
		return Metropole, nil
	}
	if slices.Contains(Regions, Region(s)) {
		return Region(s), nil
	}
	return "", ErrInvalidRegion.Withf("unknown region %q: expected one of metropole, alsace-moselle, guadeloupe, martinique, guyane, reunion, mayotte", Truncate(s, 40))
}

// String returns the region's name.
func (r Region) String() string {
	if r == "" {
		return string(Metropole)
	}
	return string(r)
}

// slaveryAbolition is the month and day each overseas department commemorates
// the abolition of slavery.
var slaveryAbolition = map[Region]struct {
	month time.Month
	day   int
}{
	Mayotte:    {time.April, 27},
	Martinique: {time.May, 22},
	Guadeloupe: {time.May, 27},
	Guyane:     {time.June, 10},
	Reunion:    {time.December, 20},
}

// Holiday is a public holiday.
type Holiday struct {
	Date date.Date
	Name string
}

// Easter returns Easter Sunday of the given Gregorian year (the anonymous
// Gregorian computus, also known as the Meeus/Jones/Butcher algorithm).
func Easter(year int) date.Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date.New(year, time.Month(month), day)
}

// Holidays returns the public holidays of year in region r, in date order.
// Legally, Whit Monday is a holiday that employers may make the "journée de
// solidarité"; exam sessions avoid it, so it is counted as a holiday.
func Holidays(year int, r Region) []Holiday {
	easter := Easter(year)
	on := func(m time.Month, d int) date.Date { return date.New(year, m, d) }
	hs := []Holiday{
		{on(time.January, 1), "Jour de l'an"},
		{easter + 1, "Lundi de Pâques"},
		{on(time.May, 1), "Fête du Travail"},
		{on(time.May, 8), "Victoire 1945"},
		{easter + 39, "Ascension"},
		{easter + 50, "Lundi de Pentecôte"},
		{on(time.July, 14), "Fête nationale"},
		{on(time.August, 15), "Assomption"},
		{on(time.November, 1), "Toussaint"},
		{on(time.November, 11), "Armistice 1918"},
		{on(time.December, 25), "Noël"},
	}
	switch r {
	case AlsaceMoselle:
		hs = append(hs,
			Holiday{easter - 2, "Vendredi saint"},
			Holiday{on(time.December, 26), "Saint-Étienne"})
	default:
		if md, ok := slaveryAbolition[r]; ok {
			hs = append(hs, Holiday{on(md.month, md.day), "Abolition de l'esclavage"})
		}
	}
	slices.SortStableFunc(hs, func(a, b Holiday) int { return int(a.Date - b.Date) })
	return hs
}

// Calendar counts working days: Monday to Friday, public holidays of its
// region excepted. The zero value is the metropolitan calendar.
type Calendar struct {
	Region Region
}

// Holiday reports whether d is a public holiday, and which.
func (c Calendar) Holiday(d date.Date) (Holiday, bool) {
	for _, h := range Holidays(d.Year(), c.Region) {
		if h.Date == d {
			return h, true
		}
	}
	return Holiday{}, false
}

// IsWorkingDay reports whether d is neither a weekend day nor a public holiday.
func (c Calendar) IsWorkingDay(d date.Date) bool {
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, holiday := c.Holiday(d)
	return !holiday
}

// OnOrAfter returns d when it is a working day, else the next working day.
func (c Calendar) OnOrAfter(d date.Date) date.Date {
	for !c.IsWorkingDay(d) {
		d++
	}
	return d
}

// OnOrBefore returns d when it is a working day, else the previous working day.
func (c Calendar) OnOrBefore(d date.Date) date.Date {
	for !c.IsWorkingDay(d) {
		d--
	}
	return d
}

// Next returns the first working day strictly after d.
func (c Calendar) Next(d date.Date) date.Date { return c.OnOrAfter(d + 1) }

// Previous returns the last working day strictly before d.
func (c Calendar) Previous(d date.Date) date.Date { return c.OnOrBefore(d - 1) }

// AddWorkingDays returns the n-th working day after d (before d when n is
// negative); d itself is not counted, and need not be a working day.
// AddWorkingDays(d, 0) is d.
func (c Calendar) AddWorkingDays(d date.Date, n int) date.Date {
	for ; n > 0; n-- {
		d = c.Next(d)
	}
	for ; n < 0; n++ {
		d = c.Previous(d)
	}
	return d
}

// WorkingDays returns the working days from from to until, both included.
func (c Calendar) WorkingDays(from, until date.Date) []date.Date {
	var days []date.Date
	for d := from; d <= until; d++ {
		if c.IsWorkingDay(d) {
			days = append(days, d)
		}
	}
	return days
}

// AddMonths returns d moved by n calendar months (backwards when n is
// negative), keeping its day of the month but clamping it to the end of a
// shorter month: 31 May + (−3) months is 28 February, or 29 in a leap year.
// date.AddDate would roll over into March instead.
func AddMonths(d date.Date, n int) date.Date {
	y, m, day := d.Date()
	first := date.New(y, m+time.Month(n), 1)
	if last := first.LastDayOfMonth(); day > last {
		day = last
	}
	return first + date.Date(day-1)
}

// MonthsBefore returns the date n calendar months before d, clamped to the
// end of the month (see AddMonths). It is how "3 months before the session"
// is computed.
func MonthsBefore(d date.Date, n int) date.Date { return AddMonths(d, -n) }

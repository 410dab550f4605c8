package tpsession_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tpsession/tpsession"
)

func d(s string) date.Date { return date.MustParseISO(s) }

func TestEaster(t *testing.T) {
	for year, want := range map[int]string{
		2000: "2000-04-23", 2019: "2019-04-21", 2024: "2024-03-31", 2025: "2025-04-20",
		2026: "2026-04-05", 2027: "2027-03-28", 2028: "2028-04-16", 2029: "2029-04-01",
		2030: "2030-04-21", 2038: "2038-04-25", 2285: "2285-03-22",
	} {
		assert.Equal(t, d(want), tpsession.Easter(year), "Easter %d", year)
	}
}

func TestHolidaysOverSeveralYears(t *testing.T) {
	tests := []struct {
		day    string
		region tpsession.Region
		name   string
	}{
		{"2026-01-01", tpsession.Metropole, "Jour de l'an"},
		{"2026-04-06", tpsession.Metropole, "Lundi de Pâques"},
		{"2026-05-14", tpsession.Metropole, "Ascension"},
		{"2026-05-25", tpsession.Metropole, "Lundi de Pentecôte"},
		{"2027-03-29", tpsession.Metropole, "Lundi de Pâques"},
		{"2027-05-01", tpsession.Metropole, "Fête du Travail"},
		{"2027-05-06", tpsession.Metropole, "Ascension"},
		{"2027-05-08", tpsession.Metropole, "Victoire 1945"},
		{"2027-05-17", tpsession.Metropole, "Lundi de Pentecôte"},
		{"2027-07-14", tpsession.Metropole, "Fête nationale"},
		{"2027-08-15", tpsession.Metropole, "Assomption"},
		{"2027-11-01", tpsession.Metropole, "Toussaint"},
		{"2027-11-11", tpsession.Metropole, "Armistice 1918"},
		{"2027-12-25", tpsession.Metropole, "Noël"},
		{"2028-04-17", tpsession.Metropole, "Lundi de Pâques"},
		{"2028-05-25", tpsession.Metropole, "Ascension"},
		{"2028-06-05", tpsession.Metropole, "Lundi de Pentecôte"},
		{"2029-04-02", tpsession.Metropole, "Lundi de Pâques"},
		{"2029-05-10", tpsession.Metropole, "Ascension"},
		{"2029-05-21", tpsession.Metropole, "Lundi de Pentecôte"},
		{"2027-03-26", tpsession.AlsaceMoselle, "Vendredi saint"},
		{"2027-12-26", tpsession.AlsaceMoselle, "Saint-Étienne"},
		{"2028-04-14", tpsession.AlsaceMoselle, "Vendredi saint"},
		{"2027-04-27", tpsession.Mayotte, "Abolition de l'esclavage"},
		{"2027-05-22", tpsession.Martinique, "Abolition de l'esclavage"},
		{"2027-05-27", tpsession.Guadeloupe, "Abolition de l'esclavage"},
		{"2027-06-10", tpsession.Guyane, "Abolition de l'esclavage"},
		{"2027-12-20", tpsession.Reunion, "Abolition de l'esclavage"},
		{"2027-03-29", tpsession.Reunion, "Lundi de Pâques"},
	}
	for _, tt := range tests {
		t.Run(tt.day+" "+string(tt.region), func(t *testing.T) {
			h, ok := tpsession.Calendar{Region: tt.region}.Holiday(d(tt.day))
			require.True(t, ok)
			assert.Equal(t, tt.name, h.Name)
		})
	}
}

func TestRegionalHolidaysStayInTheirRegion(t *testing.T) {
	notHoliday := []struct {
		day    string
		region tpsession.Region
	}{
		{"2027-03-26", tpsession.Metropole},  // Good Friday
		{"2027-12-26", tpsession.Metropole},  // Saint-Étienne
		{"2027-05-27", tpsession.Metropole},  // Guadeloupe's day
		{"2027-05-27", tpsession.Martinique}, // Guadeloupe's day
		{"2027-03-26", tpsession.Reunion},    // Good Friday
		{"2027-12-20", tpsession.AlsaceMoselle},
		{"2027-03-30", tpsession.Metropole}, // the day after Easter Monday
	}
	for _, tt := range notHoliday {
		_, ok := tpsession.Calendar{Region: tt.region}.Holiday(d(tt.day))
		assert.False(t, ok, "%s in %s", tt.day, tt.region)
	}
}

func TestHolidaysCount(t *testing.T) {
	assert.Len(t, tpsession.Holidays(2027, tpsession.Metropole), 11)
	assert.Len(t, tpsession.Holidays(2027, ""), 11, "the zero region is metropolitan")
	assert.Len(t, tpsession.Holidays(2027, tpsession.AlsaceMoselle), 13)
	for _, r := range []tpsession.Region{tpsession.Guadeloupe, tpsession.Martinique, tpsession.Guyane, tpsession.Reunion, tpsession.Mayotte} {
		assert.Len(t, tpsession.Holidays(2027, r), 12, r)
	}
	hs := tpsession.Holidays(2027, tpsession.AlsaceMoselle)
	for i := 1; i < len(hs); i++ {
		assert.Less(t, hs[i-1].Date, hs[i].Date, "holidays are in date order")
	}
}

func TestWorkingDays(t *testing.T) {
	var cal tpsession.Calendar
	assert.True(t, cal.IsWorkingDay(d("2027-03-01")), "a Monday")
	assert.False(t, cal.IsWorkingDay(d("2027-03-06")), "a Saturday")
	assert.False(t, cal.IsWorkingDay(d("2027-03-07")), "a Sunday")
	assert.False(t, cal.IsWorkingDay(d("2027-03-29")), "Easter Monday")
	assert.True(t, cal.IsWorkingDay(d("2027-03-26")), "Good Friday outside Alsace-Moselle")
	assert.False(t, tpsession.Calendar{Region: tpsession.AlsaceMoselle}.IsWorkingDay(d("2027-03-26")))

	tests := []struct {
		name string
		got  date.Date
		want string
	}{
		{"next after a Friday skips the weekend", cal.Next(d("2027-03-05")), "2027-03-08"},
		{"next before Easter Monday skips the holiday", cal.Next(d("2027-03-26")), "2027-03-30"},
		{"previous after Easter Monday", cal.Previous(d("2027-03-30")), "2027-03-26"},
		{"previous in Alsace-Moselle skips Good Friday too", tpsession.Calendar{Region: tpsession.AlsaceMoselle}.Previous(d("2027-03-30")), "2027-03-25"},
		{"on or after a working day is that day", cal.OnOrAfter(d("2027-03-01")), "2027-03-01"},
		{"on or after a Saturday is the Monday", cal.OnOrAfter(d("2027-03-06")), "2027-03-08"},
		{"on or before a Sunday is the Friday", cal.OnOrBefore(d("2027-03-07")), "2027-03-05"},
		{"zero working days after is the day itself", cal.AddWorkingDays(d("2027-03-06"), 0), "2027-03-06"},
		{"5 working days after a Monday", cal.AddWorkingDays(d("2027-03-01"), 5), "2027-03-08"},
		{"3 working days after Thursday before Easter", cal.AddWorkingDays(d("2027-03-25"), 3), "2027-03-31"},
		{"10 working days after, over Ascension and Whit Monday", cal.AddWorkingDays(d("2027-05-03"), 10), "2027-05-19"},
		{"2 working days before a Tuesday", cal.AddWorkingDays(d("2027-03-09"), -2), "2027-03-05"},
		{"over New Year", cal.Next(d("2026-12-31")), "2027-01-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, d(tt.want), tt.got)
		})
	}

	assert.Equal(t, []date.Date{d("2027-03-25"), d("2027-03-26"), d("2027-03-30")}, cal.WorkingDays(d("2027-03-25"), d("2027-03-30")))
	assert.Empty(t, cal.WorkingDays(d("2027-03-27"), d("2027-03-29")))
}

func TestMonthsBeforeClampsToTheMonthEnd(t *testing.T) {
	tests := []struct {
		from   string
		months int
		want   string
	}{
		{"2027-05-31", 3, "2027-02-28"},
		{"2028-05-31", 3, "2028-02-29"}, // leap year
		{"2027-03-01", 3, "2026-12-01"},
		{"2027-03-31", 1, "2027-02-28"},
		{"2027-07-31", 1, "2027-06-30"},
		{"2027-06-15", 3, "2027-03-15"},
		{"2027-01-31", 3, "2026-10-31"},
		{"2027-12-31", 3, "2027-09-30"},
		{"2027-05-30", 3, "2027-02-28"},
		{"2027-05-28", 3, "2027-02-28"},
		{"2027-05-27", 3, "2027-02-27"},
		{"2027-03-15", 0, "2027-03-15"},
		{"2027-03-15", 15, "2025-12-15"},
	}
	for _, tt := range tests {
		assert.Equal(t, d(tt.want), tpsession.MonthsBefore(d(tt.from), tt.months), "%s − %d months", tt.from, tt.months)
	}
	assert.Equal(t, d("2027-02-28"), tpsession.AddMonths(d("2027-01-31"), 1))
	assert.Equal(t, d("2028-02-29"), tpsession.AddMonths(d("2027-11-30"), 3))
	assert.Equal(t, d("2028-01-31"), tpsession.AddMonths(d("2027-12-31"), 1))
}

func TestParseRegion(t *testing.T) {
	for _, r := range tpsession.Regions {
		got, err := tpsession.ParseRegion(string(r))
		require.NoError(t, err)
		assert.Equal(t, r, got)
	}
	got, err := tpsession.ParseRegion("")
	require.NoError(t, err)
	assert.Equal(t, tpsession.Metropole, got)
	for _, bad := range []string{"Metropole", "alsace", "corse", "guadeloupe "} {
		_, err := tpsession.ParseRegion(bad)
		assert.ErrorIs(t, err, tpsession.ErrInvalidRegion, bad)
	}
	assert.Equal(t, "metropole", tpsession.Region("").String())
}

func TestTodayIsTheCalendarDayInTheGivenZone(t *testing.T) {
	paris, err := tpsession.LoadParis()
	require.NoError(t, err)
	// 23:30 UTC on 28 February is already 1 March in Paris (UTC+1 in winter).
	clock := tpsession.NewFixedClock(time.Date(2027, 2, 28, 23, 30, 0, 0, time.UTC))
	assert.Equal(t, d("2027-03-01"), tpsession.Today(clock, paris))
	assert.Equal(t, d("2027-02-28"), tpsession.Today(clock, time.UTC))

	clock.Advance(-time.Hour)
	assert.Equal(t, d("2027-02-28"), tpsession.Today(clock, paris))
	clock.Set(time.Date(2027, 6, 30, 22, 0, 0, 0, time.UTC)) // summer time: UTC+2
	assert.Equal(t, d("2027-07-01"), tpsession.Today(clock, paris))
	assert.WithinDuration(t, time.Now(), tpsession.SystemClock{}.Now(), time.Minute)
}

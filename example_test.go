package tpsession_test

import (
	"errors"
	"fmt"

	"github.com/rickb777/date/v2"

	"github.com/tpsession/tpsession"
)

func ExampleParseSIRET() {
	siret, err := tpsession.ParseSIRET("732 829 320 00074")
	fmt.Println(siret, siret.SIREN(), err)

	// La Poste's offices follow INSEE's exception to the Luhn key.
	siret, err = tpsession.ParseSIRET("35600000049837")
	fmt.Println(siret, err)

	_, err = tpsession.ParseSIRET("73282932000075")
	var e *tpsession.Error
	if errors.As(err, &e) {
		fmt.Println(e.Kind, e.Code)
		fmt.Println(e.Message)
	}
	// Output:
	// 73282932000074 732829320 <nil>
	// 35600000049837 <nil>
	// invalid siret.invalid
	// SIRET 73282932000075: the check digit does not match (Luhn formula); check for a mistyped digit
}

func ExampleCalendar() {
	cal := tpsession.Calendar{Region: tpsession.Metropole}
	thursday := date.New(2027, 3, 25) // before Easter 2027

	fmt.Println(cal.IsWorkingDay(date.New(2027, 3, 29)))
	fmt.Println(cal.Next(thursday))
	fmt.Println(cal.AddWorkingDays(thursday, 3))

	alsace := tpsession.Calendar{Region: tpsession.AlsaceMoselle}
	fmt.Println(alsace.Next(thursday))
	h, _ := alsace.Holiday(date.New(2027, 3, 26))
	fmt.Println(h.Name)
	// Output:
	// false
	// 2027-03-26
	// 2027-03-31
	// 2027-03-30
	// Vendredi saint
}

func ExampleMonthsBefore() {
	// "Order the pli preferably 3 months before the start": for a session
	// starting on 31 May, that is the last day of February.
	fmt.Println(tpsession.MonthsBefore(date.New(2027, 5, 31), 3))
	fmt.Println(tpsession.MonthsBefore(date.New(2028, 5, 31), 3))
	// Output:
	// 2027-02-28
	// 2028-02-29
}

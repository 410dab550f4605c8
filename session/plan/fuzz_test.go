package plan_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tpsession/tpsession/session/plan"
)

// FuzzDecode feeds the decoder outside input: it must never panic, what
// it accepts must validate without panicking, and must read back the same
// after writing it out. (Planning valid inputs is the property tests' job:
// a plan takes milliseconds, too slow to fuzz.)
//
//	go test ./session/plan -run '^$' -fuzz '^FuzzDecode$' -fuzztime 30s
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(exampleInput))
	f.Add([]byte(`{"calendar": {"blocks": [["24:00", "08:00"]]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := plan.DecodeBytes(data)
		if err != nil {
			return
		}
		_ = in.Validate()
		out, err := json.Marshal(in)
		if err != nil {
			return // a value the wire format cannot hold, such as a time past 24:00
		}
		again, err := plan.DecodeBytes(out)
		if err != nil {
			t.Fatalf("the decoder refuses what it wrote: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(normal(in), normal(again)) {
			t.Fatalf("the input changed on a round trip:\n%s", out)
		}
	})
}

// normal drops what JSON cannot tell apart: an empty map or slice and a
// missing one, the note, and the representation of the fee.
func normal(in plan.Input) plan.Input {
	in = in.Clone()
	in.Note = ""
	if len(in.Capacities) == 0 {
		in.Capacities = nil
	}
	if len(in.StationResetMin) == 0 {
		in.StationResetMin = nil
	}
	if len(in.Constraints) == 0 {
		in.Constraints = nil
	}
	for i := range in.Epreuves {
		if len(in.Epreuves[i].Resources) == 0 {
			in.Epreuves[i].Resources = nil
		}
	}
	for i := range in.Constraints {
		if len(in.Constraints[i].Epreuves) == 0 {
			in.Constraints[i].Epreuves = nil
		}
	}
	if len(in.Epreuves) == 0 {
		in.Epreuves = nil
	}
	if len(in.Calendar.Blocks) == 0 {
		in.Calendar.Blocks = nil
	}
	if in.Jury.MemberDayFee.Valid {
		// "180.50" and "180.5" are the same fee in two representations.
		in.Jury.MemberDayFee.Decimal = decimal.RequireFromString(in.Jury.MemberDayFee.Decimal.String())
	}
	return in
}

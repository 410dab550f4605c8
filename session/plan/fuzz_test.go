package plan_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tpsession/tpsession/session/plan"
)

// FuzzDecode feeds the decoder outside input: it must never panic, and what
// it accepts and validates must plan into a valid plan.
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
		if in.Validate() != nil || in.Candidates > 6 || in.Calendar.MaxDays > 20 {
			return
		}
		p, err := plan.Compute(in)
		if err != nil {
			t.Fatalf("a valid input is refused: %v", err)
		}
		requireValid(t, in, p)
	})
}

package plan

import (
	"os"
	"path/filepath"
	"testing"
)

// samplesModels compiles the samples, with n candidates each.
func samplesModels(t *testing.T, n int) []*model {
	t.Helper()
	files, _ := filepath.Glob("testdata/*.json")
	if len(files) == 0 {
		t.Fatal("no samples")
	}
	var out []*model
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in, err := DecodeBytes(data)
		if err != nil {
			t.Fatal(err)
		}
		in.Candidates = n
		out = append(out, compile(in))
	}
	return out
}

package titles_test

import (
	"bytes"
	"testing"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/session/titles"
)

// FuzzDecode checks what Decode promises on any input: it never panics, it
// either reads a register or answers ErrInvalidRegister, and a register it
// reads encodes to a file it reads back to the same register.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte(`{"titles": []}`))
	f.Add([]byte(`{"titles": [{"code": "TP-00001", "name": "x", "revisions": [{"id": "a", "valid_from": "2020-01-01", "ccps": []}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		reg, err := titles.DecodeBytes(data)
		if err != nil {
			if tpsession.KindOf(err) != tpsession.Invalid {
				t.Fatalf("an unreadable register is Invalid, got %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := reg.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		again, err := titles.Decode(&buf)
		if err != nil {
			t.Fatalf("a register read back fails: %v\n%s", err, buf.String())
		}
		if again.Len() != reg.Len() {
			t.Fatalf("%d titles read back as %d", reg.Len(), again.Len())
		}
	})
}

package pli

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
	"unicode/utf8"

	"github.com/tpsession/tpsession"
)

// Action is the stable code of a custody log entry.
type Action string

// The actions of the custody log. They are stable: stores persist them and
// inspectors read them.
const (
	ActionOrdered          Action = "pli.ordered"
	ActionReceived         Action = "pli.received"
	ActionOrganisateurRead Action = "pli.organisateur_read"
	ActionPPERecorded      Action = "pli.ppe_recorded"
	ActionSecured          Action = "pli.secured"
	ActionAccessed         Action = "pli.accessed"
	ActionOpenRefused      Action = "pli.open_refused"
	ActionOpened           Action = "pli.opened"
)

// TimeLayout is how an entry's instant is written in its canonical form:
// RFC 3339 in UTC with exactly three fractional digits, the form of
// JavaScript's Date.prototype.toISOString. Entries are recorded at that
// precision, so a store that keeps milliseconds keeps them exactly.
const TimeLayout = "2006-01-02T15:04:05.000Z"

// Entry is one event of the custody log: when, who, what, and the hash
// chaining it to the entry before it.
type Entry struct {
	At     time.Time // in UTC, to the millisecond
	Actor  string    // who acted, as named by the caller
	Action Action
	Detail string // what happened, in words
	Hash   string // lowercase hex SHA-256, see ComputeHash
}

// CanonicalJSON returns the bytes of e that its hash covers:
//
//	{"action":…,"actor":…,"at":…,"detail":…}
//
// keys in that (lexicographic) order, no whitespace, every value a string,
// "at" written with TimeLayout in UTC, strings serialised as RFC 8785 (JCS)
// and JavaScript's JSON.stringify do: '"' and '\' escaped with a backslash,
// \b \t \n \f \r for those controls, \u00xx (lowercase hex) for the other
// characters below U+0020, everything else as its UTF-8 bytes. Invalid UTF-8
// is written as U+FFFD, as JSON has no way to carry it; the package never
// records such a string.
func (e Entry) CanonicalJSON() []byte { return e.appendCanonical(nil) }

func (e Entry) appendCanonical(b []byte) []byte {
	b = append(b, `{"action":`...)
	b = appendString(b, string(e.Action))
	b = append(b, `,"actor":`...)
	b = appendString(b, e.Actor)
	b = append(b, `,"at":"`...)
	b = e.At.UTC().AppendFormat(b, TimeLayout)
	b = append(b, `","detail":`...)
	b = appendString(b, e.Detail)
	return append(b, '}')
}

// ComputeHash returns the hash e must carry when it follows an entry whose
// hash is prev ("" for the first entry): the lowercase hex SHA-256 of prev's
// ASCII bytes followed by e.CanonicalJSON(). e.Hash itself is not covered.
func (e Entry) ComputeHash(prev string) string {
	var c chainer
	return string(c.hash(prev, e))
}

// chainer computes entry hashes, reusing its buffers from one entry to the
// next so that verifying a long log does not allocate per entry.
type chainer struct {
	buf []byte
	hex [2 * sha256.Size]byte
}

// hash returns the hex hash of e after prev, valid until the next call.
func (c *chainer) hash(prev string, e Entry) []byte {
	c.buf = e.appendCanonical(append(c.buf[:0], prev...))
	sum := sha256.Sum256(c.buf)
	hex.Encode(c.hex[:], sum[:])
	return c.hex[:]
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string in the RFC 8785 form.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			b = utf8.AppendRune(b, r) // RuneError for invalid bytes: U+FFFD
			i += size
			continue
		}
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\b':
			b = append(b, `\b`...)
		case '\t':
			b = append(b, `\t`...)
		case '\n':
			b = append(b, `\n`...)
		case '\f':
			b = append(b, `\f`...)
		case '\r':
			b = append(b, `\r`...)
		default:
			if c < 0x20 {
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			} else {
				b = append(b, c)
			}
		}
		i++
	}
	return append(b, '"')
}

// Log is the custody log of a pli: append-only, each entry chained to the
// one before it by its hash. The package only ever appends to it; Verify
// detects any other change.
type Log []Entry

// Head returns the hash of the last entry, "" for an empty log. Keeping the
// head somewhere else (the session's event log, a signed receipt) anchors the
// log: a chain alone cannot reveal that its tail was cut off, nor that every
// hash after an edit was recomputed, but a known head can.
func (l Log) Head() string {
	if len(l) == 0 {
		return ""
	}
	return l[len(l)-1].Hash
}

// Verify recomputes the chain from the first entry and returns nil when every
// entry carries the hash it must and none is older than the entry before it,
// and otherwise ErrCustodyBroken naming the first entry that fails (its index
// from 0, action and instant). An edited entry fails itself, or the next one
// when its own hash was recomputed; a deleted, inserted or moved entry breaks
// the link of the entry after it; entries are appended in time order, so an
// entry older than its predecessor was not recorded by this package.
// Removing entries from the end leaves a valid chain: compare Head with an
// anchored head to detect that.
func (l Log) Verify() error {
	var c chainer
	prev := ""
	for i, e := range l {
		if string(c.hash(prev, e)) != e.Hash {
			return ErrCustodyBroken.Withf("custody entry %d (%s at %s) does not match its hash: the log was changed at or before that entry",
				i, e.Action, e.At.UTC().Format(TimeLayout))
		}
		if i > 0 && e.At.Before(l[i-1].At) {
			return ErrCustodyBroken.Withf("custody entry %d (%s at %s) is older than entry %d before it (%s at %s): entries are appended in time order",
				i, e.Action, e.At.UTC().Format(TimeLayout), i-1, l[i-1].Action, l[i-1].At.UTC().Format(TimeLayout))
		}
		prev = e.Hash
	}
	return nil
}

// Extends reports whether l is old with zero or more entries appended, entry
// by entry identical where they overlap. A store calls it to keep the log
// append-only across updates (see Store.UpdatePli).
func (l Log) Extends(old Log) bool {
	if len(l) < len(old) {
		return false
	}
	for i, e := range old {
		if !l[i].Equal(e) {
			return false
		}
	}
	return true
}

// Equal reports whether e and o record the same event with the same hash;
// instants compare with time.Time.Equal, so a store may return them in
// another location.
func (e Entry) Equal(o Entry) bool {
	return e.At.Equal(o.At) && e.Actor == o.Actor && e.Action == o.Action && e.Detail == o.Detail && e.Hash == o.Hash
}

// checkNext refuses an entry at an instant before the last entry's: entries
// are appended in time order, or the log could not tell an inspector what
// happened first. The instant comes from the session service's clock, so
// one going backwards is a programming error of the caller,
// tpsession.ErrInternal. An entry may share the last entry's instant
// (ReceiveAndRead records two).
func (l Log) checkNext(at time.Time) error {
	if len(l) == 0 {
		return nil
	}
	last := l[len(l)-1]
	if at := recordedAt(at); at.Before(last.At) {
		return tpsession.ErrInternal.Withf("custody entries are appended in time order: %s is before the last entry (%s at %s)",
			at.Format(TimeLayout), last.Action, last.At.UTC().Format(TimeLayout))
	}
	return nil
}

// append adds an entry chained to the current head. The caller has checked
// at and actor with checkEvent, and at with checkNext.
func (l *Log) append(at time.Time, actor string, action Action, detail string) {
	e := Entry{At: recordedAt(at), Actor: actor, Action: action, Detail: detail}
	e.Hash = e.ComputeHash(l.Head())
	*l = append(*l, e)
}

// recordedAt is at as the log keeps it: UTC, to the millisecond, without a
// monotonic clock reading.
func recordedAt(at time.Time) time.Time { return at.UTC().Truncate(time.Millisecond) }

// String returns the action's code.
func (a Action) String() string { return string(a) }

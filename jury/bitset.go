package jury

import (
	"encoding/binary"
	"math/bits"
)

// bitset is a set of small non-negative integers (candidate indexes), one
// bit each. The sets of one assignment all have the same length.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i int)      { b[i/64] |= 1 << (i % 64) }
func (b bitset) has(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// reuse returns an empty set able to hold n elements, reusing b's memory.
func reuse(b bitset, n int) bitset {
	words := (n + 63) / 64
	if cap(b) < words {
		return make(bitset, words)
	}
	b = b[:words]
	clear(b)
	return b
}

// unionWith adds the elements of o to b.
func (b bitset) unionWith(o bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

// union returns a new set holding the elements of b and o.
func (b bitset) union(o bitset) bitset {
	u := make(bitset, len(b))
	for i := range b {
		u[i] = b[i] | o[i]
	}
	return u
}

// intersect removes from b the elements not in o.
func (b bitset) intersect(o bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}

// countOr returns the number of elements of b or o.
func (b bitset) countOr(o bitset) int {
	n := 0
	for i := range b {
		n += bits.OnesCount64(b[i] | o[i])
	}
	return n
}

// countAndNot returns the number of elements of b in neither x nor y (y
// may be nil).
func (b bitset) countAndNot(x, y bitset) int {
	n := 0
	for i := range b {
		w := b[i] &^ x[i]
		if y != nil {
			w &^= y[i]
		}
		n += bits.OnesCount64(w)
	}
	return n
}

// subsetOf reports whether every element of b is in o.
func (b bitset) subsetOf(o bitset) bool {
	for i := range b {
		if b[i]&^o[i] != 0 {
			return false
		}
	}
	return true
}

// compare orders sets by their words, most significant first: a total
// order used only to make the search deterministic.
func (b bitset) compare(o bitset) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] != o[i] {
			if b[i] < o[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// each calls f with every element of b, in increasing order.
func (b bitset) each(f func(int)) {
	for wi, w := range b {
		for w != 0 {
			f(wi*64 + bits.TrailingZeros64(w))
			w &= w - 1
		}
	}
}

// key returns the set's words as a string, to group equal sets in a map.
func (b bitset) key() string {
	buf := make([]byte, 8*len(b))
	for i, w := range b {
		binary.LittleEndian.PutUint64(buf[8*i:], w)
	}
	return string(buf)
}

package session

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestAssignMinCostIsOptimal compares the Hungarian method with every
// assignment of generated matrices, forbidden cells included.
func TestAssignMinCostIsOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 1))
	for range 500 {
		rows := 1 + r.IntN(5)
		cols := rows + r.IntN(3)
		m := make([][]int64, rows)
		for i := range m {
			m[i] = make([]int64, cols)
			for j := range m[i] {
				m[i][j] = int64(r.IntN(4))
				if r.IntN(5) == 0 {
					m[i][j] = forbidden
				}
			}
		}
		total, assigned := assignMinCost(m)
		assert.Equal(t, brute(m, 0, make([]bool, cols)), total, "%v", m)
		var sum int64
		used := map[int]bool{}
		for i, j := range assigned {
			assert.False(t, used[j], "each column once")
			used[j] = true
			sum += m[i][j]
		}
		assert.Equal(t, total, sum)
	}
	total, assigned := assignMinCost(nil)
	assert.Zero(t, total)
	assert.Empty(t, assigned)
}

func brute(m [][]int64, i int, used []bool) int64 {
	if i == len(m) {
		return 0
	}
	best := int64(-1)
	for j := range used {
		if used[j] {
			continue
		}
		used[j] = true
		if c := m[i][j] + brute(m, i+1, used); best < 0 || c < best {
			best = c
		}
		used[j] = false
	}
	return best
}

package plan

import "testing"

// TestLargestSum: the largest sum of n values, each any number of times,
// within a limit, on both sides of it.
func TestLargestSum(t *testing.T) {
	tests := []struct {
		vals         []int
		n, limit, to int
	}{
		{[]int{0, 25, 55}, 9, 195, 190},
		{[]int{0, 30, 55}, 9, 195, 195},
		{[]int{0, 25, 55}, 9, 200, 200},
		{[]int{0, 55}, 3, 200, 165}, // three values at most
		{[]int{0, 25}, 9, 0, 0},
	}
	for _, tt := range tests {
		if got := largestSum(tt.vals, tt.n, tt.limit); got != tt.to {
			t.Errorf("largestSum(%v, %d, %d) = %d, want %d", tt.vals, tt.n, tt.limit, got, tt.to)
		}
	}
}

//go:build !race

package plan_test

// raceDetector says the tests run under the race detector, some ten times
// slower: the population tests then plan a smaller sample.
const raceDetector = false

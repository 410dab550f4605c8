package main

import (
	"time"

	"github.com/tpsession/tpsession"
)

// The demo's dates follow the server's today: the tests pin it on a Monday
// within the shipped title register's validity of TP-01281, so that they
// pass on any day. TestADemoPastTheRegisterSaysWhatToDo moves past it.
func init() {
	clock = tpsession.NewFixedClock(time.Date(2027, time.January, 11, 9, 0, 0, 0, time.UTC))
}

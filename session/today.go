package session

import (
	"time"

	"github.com/rickb777/date/v2"
)

// Today returns the current day in the service's time zone, by its clock:
// the day an adapter dates what it prints for the centre, such as a
// convocation letter, so that it agrees with the days the commands record.
func (s *Service) Today() date.Date { return s.begin().today }

// Now returns the instant by the service's clock: the instant an adapter
// stamps what it makes for the centre, such as a session's archive.
func (s *Service) Now() time.Time { return s.begin().now }

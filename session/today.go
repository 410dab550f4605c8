package session

import "github.com/rickb777/date/v2"

// Today returns the current day in the service's time zone, by its clock:
// the day an adapter dates what it prints for the centre, such as a
// convocation letter, so that it agrees with the days the commands record.
func (s *Service) Today() date.Date { return s.begin().today }

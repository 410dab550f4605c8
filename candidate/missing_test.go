package candidate_test

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"

	"github.com/tpsession/tpsession/candidate"
)

func TestConvocationDetailsMissing(t *testing.T) {
	assert.Equal(t, []string{"appointment", "place", "documents"}, candidate.ConvocationDetails{}.Missing())
	complete := candidate.ConvocationDetails{
		Appointments: []candidate.Appointment{{Day: date.New(2027, time.March, 1), Time: 8*60 + 30}},
		Place:        "Salle Rhône",
		Documents:    candidate.UsualDocuments(),
	}
	assert.Empty(t, complete.Missing())
	complete.Place = ""
	assert.Equal(t, []string{"place"}, complete.Missing())
}

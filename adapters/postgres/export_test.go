package postgres

// Test helpers for the package's black-box tests.
var (
	NewSchema  = newSchema
	ServerURL  = serverURL
	WithParams = withParams
	RawConn    = rawConn
	RandomName = randomName
	AssertSafe = assertSafe
)

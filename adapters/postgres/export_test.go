package postgres

// AssertSafe is assertSafe, for the package's black-box tests.
var AssertSafe = assertSafe

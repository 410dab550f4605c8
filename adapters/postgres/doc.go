// Package postgres implements every store interface of the library over a
// PostgreSQL database, with github.com/jackc/pgx/v5 through a pool of
// connections: the store of software that serves many centres from
// several instances of a program, behind a load balancer, on one
// database.
package postgres

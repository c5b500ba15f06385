// Package migrations holds the database schema as ordered golang-migrate files.
package migrations

import "embed"

// Files holds every migration, embedded into the binary.
//
//go:embed *.sql
var Files embed.FS

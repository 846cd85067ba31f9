// Package store keeps what the schemawatch server knows: monitored databases,
// their snapshot versions, a search index of their latest schema, and API
// tokens. One implementation over database/sql serves both back ends: SQLite
// (modernc.org/sqlite, the embedded default) and PostgreSQL (pgx), which
// differ only in their migrations and in how a push locks its database row.
//
// Every push is one transaction, so a crash in the middle of one leaves the
// store as it was before it. The store does not parse HCL: the server hands it
// what it derived (change summary, parsed snapshot, search names) together
// with the push, and reads it back so that a page needs no parse.
package store

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned when a database, version or token does not exist.
var ErrNotFound = errors.New("store: not found")

// ErrConflict is returned by Push when the latest version of the database is
// no longer the one the caller based its change summary on: another push won
// the race. The caller recomputes and tries again.
var ErrConflict = errors.New("store: the database changed during the push")

// Store is the server's storage. Implementations are safe for concurrent use.
type Store interface {
	// LastHash returns the hash last pushed for the scope, "" when none.
	LastHash(ctx context.Context, key string) (string, error)
	// Latest returns the newest version of the scope without its HCL or
	// Detail, nil when the scope has none.
	Latest(ctx context.Context, key string) (*Version, error)
	// Push records one run in one transaction; see PushRecord.
	Push(ctx context.Context, p PushRecord) (*PushOutcome, error)

	// Databases lists every monitored database, most recently changed first.
	Databases(ctx context.Context) ([]Database, error)
	// Database returns one database.
	Database(ctx context.Context, id int64) (*Database, error)
	// Versions lists a database's versions, newest first, without their HCL.
	Versions(ctx context.Context, databaseID int64) ([]Version, error)
	// Version returns one version (by its per-database sequence number) with
	// its Detail but without its HCL, which can be megabytes: see HCL.
	Version(ctx context.Context, databaseID int64, seq int) (*Version, error)
	// HCL returns the HCL stored under a version's ContentHash.
	HCL(ctx context.Context, contentHash string) (string, error)
	// Snapshot returns the parsed snapshot (canonical JSON) recorded for a
	// content, nil when none was: its HCL did not parse, or it was stored
	// before snapshots were kept.
	Snapshot(ctx context.Context, contentHash string) ([]byte, error)
	// SetSnapshot records the parsed snapshot of a stored content, replacing
	// what was recorded (a newer server may read the HCL better).
	SetSnapshot(ctx context.Context, contentHash string, snapshot []byte) error
	// Search finds tables, views and columns of the latest versions whose
	// name contains q (case-insensitive), at most limit of them.
	Search(ctx context.Context, q string, limit int) ([]Hit, error)

	// CreateToken stores a token by its hash; the token itself is never stored.
	CreateToken(ctx context.Context, name, hash string, now time.Time) (*Token, error)
	// Tokens lists tokens, revoked ones included, oldest first.
	Tokens(ctx context.Context) ([]Token, error)
	// RevokeToken revokes the active tokens called name and reports how many.
	RevokeToken(ctx context.Context, name string, now time.Time) (int, error)
	// TouchToken records that a token was used.
	TouchToken(ctx context.Context, id int64, now time.Time) error

	// Close releases the store's connections.
	Close() error
}

// Scope is the identity of a monitored database as the client sends it.
// Key is what identifies it (see the server's scope rules); the other fields
// are shown to users and updated on every push.
type Scope struct {
	Key     string
	URL     string
	ExtID   string
	Schemas []string
	Exclude []string
}

// Database is a monitored scope and a summary of its history.
type Database struct {
	ID           int64
	Scope        Scope
	LastHash     string
	CreatedAt    time.Time
	LastSeenAt   time.Time
	LastChangeAt time.Time // zero before the first version
	VersionCount int
	// Tables counts the tables of the latest version (0 when it did not parse).
	Tables int
	// ParseError is the latest version's parse error, "" when it parsed.
	ParseError string
	Pushes     int64
	// Stats is the last statistics document a client sent, "" when none.
	Stats   string
	StatsAt time.Time
}

// Version is one distinct snapshot of a database.
type Version struct {
	ID         int64
	DatabaseID int64
	Seq        int // 1 for the first version of a database
	Hash       string
	// ContentHash is the hex SHA-256 of HCL: versions are deduplicated by it,
	// and identical HCL is stored once however many databases have it.
	ContentHash string
	CreatedAt   time.Time
	Changes     Changes
	// ParseError is why the HCL could not be parsed, "" when it was.
	ParseError string
	// Tables counts the tables of the snapshot when it parsed.
	Tables int
	// Detail is what the server recorded at push time about the change from
	// the previous version, in its own encoding; nil when it recorded none.
	// Only Version fills it.
	Detail []byte
}

// Changes summarises what a version changed relative to the one before.
type Changes struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Changed []string `json:"changed"`
}

// Len returns the number of entries.
func (c Changes) Len() int { return len(c.Added) + len(c.Removed) + len(c.Changed) }

// Name is one searchable object of a snapshot.
type Name struct {
	Kind   string // "table", "view" or "column"
	Schema string
	Table  string // the table or view
	Column string // empty unless Kind is "column"
}

// Hit is a search result.
type Hit struct {
	Name
	DatabaseID int64
	Database   string // the scope's ExtID or URL, for display
}

// PushRecord is one run to record.
type PushRecord struct {
	Scope Scope
	Now   time.Time
	// HashMatch is the client's statement that the schema is unchanged: only
	// the database's seen time is updated.
	HashMatch bool
	Hash      string
	HCL       string
	// BaseVersionID is the ID of the latest version the caller saw (0 for
	// none). Push returns ErrConflict when it is no longer the latest and
	// the HCL differs from it.
	BaseVersionID int64
	// Derived from the HCL by the caller: recorded only for a new version.
	Changes    Changes
	ParseError string
	Tables     int
	Names      []Name
	// Snapshot is the parsed snapshot's canonical JSON, nil when the HCL did
	// not parse; Detail is the full change from the base version (see
	// Version.Detail), nil when there is none.
	Snapshot []byte
	Detail   []byte
	// BaseNames are the names of the base version as the caller derived
	// them. When the search index still reflects that version, only the
	// difference from Names is written; otherwise the index is rebuilt.
	BaseNames []Name
	// Stats, when not "", replaces the database's statistics.
	Stats   string
	StatsAt time.Time
}

// PushOutcome is what Push did.
type PushOutcome struct {
	DatabaseID int64
	NewVersion bool
	Seq        int // the latest version's sequence number, 0 when there is none
}

// Token is an API token as stored: its hash, never the token.
type Token struct {
	ID         int64
	Name       string
	Hash       string
	CreatedAt  time.Time
	LastUsedAt time.Time // zero when never used
	RevokedAt  time.Time // zero while active
}

// Active reports whether the token may be used.
func (t Token) Active() bool { return t.RevokedAt.IsZero() }

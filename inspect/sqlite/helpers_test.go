package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/schema"
)

// createDB writes a new database file in a temporary directory, runs ddl on
// it through a read-write connection and returns its path.
func createDB(t testing.TB, ddl string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "app.db")
	execFile(t, path, ddl)
	return path
}

// execFile runs SQL on the file at path, creating it when missing.
func execFile(t testing.TB, path, stmts string) {
	t.Helper()
	if _, err := openRW(t, path).Exec(stmts); err != nil {
		t.Fatalf("running SQL on %s: %v", path, err)
	}
}

// openRW opens a read-write connection, closed when the test ends.
func openRW(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// inspectPath inspects the file at path through the public entry point.
func inspectPath(t testing.TB, path string) *schema.Snapshot {
	t.Helper()
	snap, err := inspectURL(t, "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func inspectURL(t testing.TB, raw string) (*schema.Snapshot, error) {
	t.Helper()
	ctx := context.Background()
	in, err := inspect.Open(ctx, raw)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	return in.Inspect(ctx, inspect.Options{})
}

func canonical(t testing.TB, s *schema.Snapshot) (string, string) {
	t.Helper()
	b, err := s.CanonicalJSON()
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.Hash()
	if err != nil {
		t.Fatal(err)
	}
	return string(b), h
}

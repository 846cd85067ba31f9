package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/schemawatch/schemawatch/inspect"
)

func TestDSN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, raw, path, dsn string
	}{
		{"relative", "sqlite://app.db", "app.db", "file:app.db?_pragma=busy_timeout%285000%29&_pragma=query_only%281%29&mode=ro"},
		{"relative dir", "sqlite://data/app.db?_fk=1", "data/app.db", "file:data/app.db?_pragma=busy_timeout%285000%29&_pragma=query_only%281%29&mode=ro"},
		{"absolute", "sqlite:///abs/app.db", "/abs/app.db", "file:/abs/app.db?_pragma=busy_timeout%285000%29&_pragma=query_only%281%29&mode=ro"},
		{"sqlite3", "sqlite3:///abs/app.db?mode=rwc", "/abs/app.db", "file:/abs/app.db?_pragma=busy_timeout%285000%29&_pragma=query_only%281%29&mode=ro"},
		{"file opaque", "file:app.db?_busy_timeout=100", "app.db", "file:app.db?_pragma=busy_timeout%28100%29&_pragma=query_only%281%29&mode=ro"},
		{"file absolute", "file:///abs/app%20x.db?cache=shared", "/abs/app x.db", "file:/abs/app x.db?_pragma=busy_timeout%285000%29&_pragma=query_only%281%29&cache=shared&mode=ro"},
		{"file localhost", "file://localhost/abs/app.db", "/abs/app.db", "file:/abs/app.db?_pragma=busy_timeout%285000%29&_pragma=query_only%281%29&mode=ro"},
		{"question mark in name", "sqlite:///abs/a%3Fb.db", "/abs/a?b.db", "file:/abs/a%3fb.db?_pragma=busy_timeout%285000%29&_pragma=query_only%281%29&mode=ro"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, err := inspect.ParseURL(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			path, dsn, err := DSN(u)
			if err != nil {
				t.Fatal(err)
			}
			if path != tt.path || dsn != tt.dsn {
				t.Errorf("DSN(%q) = %q, %q; want %q, %q", tt.raw, path, dsn, tt.path, tt.dsn)
			}
		})
	}
}

// TestBadInput checks that each usual mistake gives one clear line.
func TestBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	garbage := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(garbage, []byte("hello, this is not a database at all\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short")
	if err := os.WriteFile(short, []byte("SQLite"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.db")
	tests := []struct {
		name, raw, want string
		notExist        bool
	}{
		{"missing file", "sqlite://" + missing, "does not exist (schemawatch never creates it", true},
		{"directory", "sqlite://" + dir, "is a directory, not a database file", false},
		{"not sqlite", "file:" + garbage, "is not an SQLite database", false},
		{"truncated header", "sqlite://" + short, "is not an SQLite database", false},
		{"memory", "sqlite://x.db?mode=memory", "mode=memory names a new, empty in-memory database", false},
		{"no path", "sqlite://", "names no database file", false},
		{"bad timeout", "sqlite://x.db?_timeout=soon", "_timeout=\"soon\" is not a number", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := inspectURL(t, tt.raw)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "sqlite: ") || !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("error = %q, want one line starting with sqlite: and containing %q", msg, tt.want)
			}
			if got := errors.Is(err, inspect.ErrNotExist); got != tt.notExist {
				t.Errorf("errors.Is(err, ErrNotExist) = %v, want %v", got, tt.notExist)
			}
		})
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("inspecting a missing file created it: %v", err)
	}
}

// TestUnreadable needs a user the kernel refuses: root reads everything.
func TestUnreadable(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("running as root, which may read a mode 0000 file: permission errors cannot be provoked")
	}
	path := createDB(t, `CREATE TABLE t (a INT);`)
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	_, err := inspectURL(t, "sqlite://"+path)
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("error = %v, want permission denied", err)
	}
}

// TestReadOnlyFile inspects a file and directory nobody may write, in both
// journal modes, and checks that nothing was written beside it.
func TestReadOnlyFile(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"DELETE", "WAL"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			path := createDB(t, `PRAGMA journal_mode = `+mode+`; CREATE TABLE t (a INT PRIMARY KEY, b TEXT);`)
			want, _ := canonical(t, inspectPath(t, path))
			dir := filepath.Dir(path)
			before, _ := os.ReadDir(dir)
			if err := os.Chmod(path, 0o444); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(dir, 0o755) })
			got, _ := canonical(t, inspectPath(t, path))
			if got != want {
				t.Errorf("read-only inspection differs:\n got %s\nwant %s", got, want)
			}
			after, _ := os.ReadDir(dir)
			if len(after) != len(before) {
				t.Errorf("files beside the database changed: before %v, after %v", before, after)
			}
		})
	}
}

// TestQueryOnly checks that the inspector's connection refuses writes even
// through its own handle.
func TestQueryOnly(t *testing.T) {
	t.Parallel()
	path := createDB(t, `CREATE TABLE t (a INT);`)
	u, err := inspect.ParseURL("sqlite://" + path)
	if err != nil {
		t.Fatal(err)
	}
	in, err := Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if _, err := in.(*Inspector).db.Exec(`INSERT INTO t VALUES (1)`); err == nil {
		t.Error("a write through the inspector's connection succeeded")
	}
	if _, err := in.Inspect(context.Background(), inspect.Options{Schemas: []string{"other"}}); !errors.Is(err, inspect.ErrNotExist) {
		t.Errorf("schema other: error = %v, want ErrNotExist", err)
	}
}

// TestConcurrentWriter inspects while a second connection keeps changing the
// schema and the rows: every inspection must see one whole state (with or
// without table flip), never a mixture, in both journal modes.
func TestConcurrentWriter(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"DELETE", "WAL"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			path := createDB(t, `PRAGMA journal_mode = `+mode+`; CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);`)
			_, without := canonical(t, inspectPath(t, path))
			execFile(t, path, `CREATE TABLE flip (a INT, b INT REFERENCES t (id)); CREATE INDEX flip_a ON flip (a);`)
			_, with := canonical(t, inspectPath(t, path))
			execFile(t, path, `DROP TABLE flip;`)

			writer := openRW(t, path)
			writer.SetMaxOpenConns(1)
			var wg sync.WaitGroup
			wg.Add(1)
			var werr error
			done := make(chan struct{})
			go func() {
				defer wg.Done()
				for i := 0; i < 400; i++ {
					select {
					case <-done:
						return
					default:
					}
					stmt := `BEGIN; INSERT INTO t (v) VALUES ('x'); CREATE TABLE flip (a INT, b INT REFERENCES t (id)); CREATE INDEX flip_a ON flip (a); COMMIT;`
					if i%2 == 1 {
						stmt = `BEGIN; DELETE FROM t; DROP TABLE flip; COMMIT;`
					}
					if _, err := writer.Exec(stmt); err != nil {
						werr = err
						return
					}
				}
			}()
			seen := map[string]int{}
			for i := 0; i < 25; i++ {
				_, h := canonical(t, inspectPath(t, path))
				switch h {
				case with:
					seen["with"]++
				case without:
					seen["without"]++
				default:
					t.Errorf("inspection %d saw neither state: %s", i, h)
				}
			}
			close(done)
			wg.Wait()
			if werr != nil {
				t.Fatalf("writer: %v", werr)
			}
			t.Logf("states seen: %v", seen)
		})
	}
}

// TestVirtualTable checks that a virtual table is reported as a note, never
// silently dropped, and that its shadow tables are not listed as tables.
func TestVirtualTable(t *testing.T) {
	t.Parallel()
	path := createDB(t, `CREATE TABLE t (a INT); CREATE VIRTUAL TABLE docs USING fts5(body);`)
	snap := inspectPath(t, path)
	var names []string
	for _, tb := range snap.Schemas[0].Tables {
		names = append(names, tb.Name)
	}
	if strings.Join(names, ",") != "t" {
		t.Errorf("tables = %v, want only t", names)
	}
	if len(snap.Notes) != 1 || snap.Notes[0].Object != "table main.docs" {
		t.Errorf("notes = %+v, want one for table main.docs", snap.Notes)
	}
}

package postgres

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/inspect"
)

// TestFixtures inspects every fixture in realm scope, compares JSON, SQL,
// hash and HCL with the golden files, then round-trips: the generated SQL applied to
// an empty database must inspect to the same canonical JSON and hash, and
// pg_dump must print both databases alike.
func TestFixtures(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".sql")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db := fixture(t, name)
			snap := inspectURL(t, db.URL, inspect.Options{})
			ddl, err := SQL(snap)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name+".json", indented(t, snap))
			golden(t, name+".sql", []byte(ddl))
			golden(t, name+".hash", []byte(hashOf(t, snap)+"\n"))
			checkHCL(t, name, snap)
			if got := indented(t, inspectSplit(t, db.URL)); !bytes.Equal(got, indented(t, snap)) {
				t.Errorf("split over two connections, the snapshot differs:\n%s", firstDiff(string(indented(t, snap)), string(got)))
			}

			restored := apply(t, ddl)
			again := inspectURL(t, restored.URL, inspect.Options{})
			if got, want := indented(t, again), indented(t, snap); !bytes.Equal(got, want) {
				t.Errorf("round trip changed the snapshot:\n%s", firstDiff(string(want), string(got)))
			}
			if got, want := hashOf(t, again), hashOf(t, snap); got != want {
				t.Errorf("round trip hash = %s, want %s", got, want)
			}
			if got, want := pgDump(t, restored), pgDump(t, db); got != want {
				t.Errorf("pg_dump of the restored database differs:\n%s", firstDiff(want, got))
			}
		})
	}
}

// TestSchemaScope inspects one schema through ?search_path: expressions stay
// unqualified, other schemas are left out, and the SQL round-trips.
func TestSchemaScope(t *testing.T) {
	t.Parallel()
	db := fixture(t, "comments")
	snap := inspectURL(t, db.URL+"&search_path=app", inspect.Options{})
	if len(snap.Schemas) != 1 || snap.Schemas[0].Name != "app" {
		t.Fatalf("schemas = %+v, want app alone", snap.Schemas)
	}
	golden(t, "scope_app.json", indented(t, snap))
	ddl, err := SQL(snap)
	if err != nil {
		t.Fatal(err)
	}
	restored := apply(t, ddl)
	again := inspectURL(t, restored.URL+"&search_path=app", inspect.Options{})
	if got, want := indented(t, again), indented(t, snap); !bytes.Equal(got, want) {
		t.Errorf("round trip changed the snapshot:\n%s", firstDiff(string(want), string(got)))
	}
	_ = os.Getenv
	_ = context.Background
}

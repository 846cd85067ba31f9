package sqlite

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFixtures inspects every testdata/fixtures/<kind>.sql, compares the
// snapshot's JSON, SQL and hash with testdata/golden (UPDATE_GOLDEN=1
// rewrites them), and checks the round trip: the written SQL, applied to an
// empty database, inspects to the same canonical JSON and hash.
//
// sqlite_schema is compared after one documented normalisation: the copy
// holds the writer's canonical CREATE text, not the user's, so between the
// original and the copy the (type, name, tbl_name) rows must be identical,
// and between the copy and a copy of the copy every row, sql text included,
// must be byte-identical (the writer's output is a fixed point).
func TestFixtures(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/fixtures/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		kind := strings.TrimSuffix(filepath.Base(f), ".sql")
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			ddl, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			orig := createDB(t, string(ddl))
			snap := inspectPath(t, orig)
			if len(snap.Notes) > 0 {
				t.Errorf("unexpected notes: %+v", snap.Notes)
			}
			gotJSON, gotHash := canonical(t, snap)
			var indented bytes.Buffer
			if err := json.Indent(&indented, []byte(gotJSON), "", "  "); err != nil {
				t.Fatal(err)
			}
			indented.WriteByte('\n')
			gotSQL, err := SQL(snap)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, kind+".json", indented.String())
			golden(t, kind+".sql", gotSQL)
			golden(t, kind+".hash", gotHash+"\n")

			copy1 := createDB(t, gotSQL)
			again := inspectPath(t, copy1)
			againJSON, againHash := canonical(t, again)
			if againJSON != gotJSON {
				t.Errorf("round trip changed the snapshot:\n got %s\nwant %s", againJSON, gotJSON)
			}
			if againHash != gotHash {
				t.Errorf("round trip changed the hash: got %s, want %s", againHash, gotHash)
			}
			againSQL, err := SQL(again)
			if err != nil {
				t.Fatal(err)
			}
			copy2 := createDB(t, againSQL)

			if o, c := schemaRows(t, orig, false), schemaRows(t, copy1, false); !slices.Equal(o, c) {
				t.Errorf("sqlite_schema objects differ after the round trip:\noriginal %q\n    copy %q", o, c)
			}
			if c1, c2 := schemaRows(t, copy1, true), schemaRows(t, copy2, true); !slices.Equal(c1, c2) {
				t.Errorf("the writer's DDL is not a fixed point:\n copy %q\ncopy2 %q", c1, c2)
			}
		})
	}
}

// schemaRows returns the sqlite_schema rows of a file, sorted, with or
// without their sql text. sqlite_sequence is SQLite's own and left out.
func schemaRows(t *testing.T, path string, withSQL bool) []string {
	t.Helper()
	db := openRW(t, path)
	rows, err := db.Query(`SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema WHERE name <> 'sqlite_sequence' ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var typ, name, tbl, text string
		if err := rows.Scan(&typ, &name, &tbl, &text); err != nil {
			t.Fatal(err)
		}
		r := typ + "|" + name + "|" + tbl
		if withSQL {
			r += "|" + text
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// golden compares got with testdata/golden/name, rewriting it under
// UPDATE_GOLDEN=1.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (UPDATE_GOLDEN=1 rewrites it):\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/internal/testdb"
	"github.com/schemawatch/schemawatch/schema"
)

// openURL opens an inspector on a raw URL.
func openURL(t testing.TB, raw string) *Inspector {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	insp, err := open(ctx, u)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { insp.Close() })
	return insp
}

// inspectURL inspects the database behind raw.
func inspectURL(t testing.TB, raw string, opts inspect.Options) *schema.Snapshot {
	t.Helper()
	insp := openURL(t, raw)
	snap, err := insp.Inspect(context.Background(), opts)
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	return snap
}

// inspectSplit inspects the database behind raw with its queries split over
// two connections sharing one snapshot, as for a large schema, and fails
// unless the helper connection took part.
func inspectSplit(t testing.TB, raw string) *schema.Snapshot {
	t.Helper()
	insp := openURL(t, raw)
	insp.parallelMin = 0
	snap, err := insp.Inspect(context.Background(), inspect.Options{})
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	if insp.stats.Connections != 2 {
		t.Fatalf("the inspection used %d connection(s), want 2", insp.stats.Connections)
	}
	return snap
}

// fixture creates a database holding testdata/fixtures/<name>.sql.
func fixture(t testing.TB, name string) *testdb.PG {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fixtures", name+".sql"))
	if err != nil {
		t.Fatal(err)
	}
	db := testdb.Postgres(t)
	db.Exec(t, string(b))
	return db
}

func indented(t testing.TB, s *schema.Snapshot) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func hashOf(t testing.TB, s *schema.Snapshot) string {
	t.Helper()
	h, err := s.Hash()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// golden compares got with testdata/golden/<name>, rewriting it under
// UPDATE_GOLDEN=1.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden (UPDATE_GOLDEN=1 rewrites it):\n%s", name, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first differing line of two texts with its neighbours.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n- " + w + "\n+ " + g
		}
	}
	return ""
}

// pgDump returns `pg_dump --schema-only --no-owner --no-privileges` of a
// database, normalised for comparison between two databases: comment lines
// (the dump's banner and per-object headers), SET and set_config lines
// (session settings of the dump, not schema), the random \restrict and
// \unrestrict fence lines of recent pg_dump releases, and blank lines are
// dropped, and storage parameter lists are sorted (a set, which the
// snapshot keeps sorted and the writer recreates in that order). Nothing else is touched, so any difference in an
// object's definition, order of columns or constraints shows.
func pgDump(t testing.TB, db *testdb.PG) string {
	t.Helper()
	if _, err := exec.LookPath("pg_dump"); err != nil {
		t.Skip("pg_dump is not installed")
	}
	host, port, _ := net.SplitHostPort(db.Host)
	cmd := exec.Command("pg_dump", "--schema-only", "--no-owner", "--no-privileges", "-h", host, "-p", port, "-U", "postgres", db.Name)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
	var keep []string
	for _, l := range strings.Split(string(out), "\n") {
		switch {
		case strings.TrimSpace(l) == "", strings.HasPrefix(l, "--"), strings.HasPrefix(l, "SET "),
			strings.HasPrefix(l, "SELECT pg_catalog.set_config"),
			// pg_dump 15.14+ fences its output with a random \restrict key.
			strings.HasPrefix(l, `\restrict `), strings.HasPrefix(l, `\unrestrict `):
			continue
		}
		// Storage parameters are a set; the snapshot keeps them sorted.
		if m := withList.FindStringSubmatch(l); m != nil {
			opts := strings.Split(m[2], ", ")
			slices.Sort(opts)
			l = m[1] + strings.Join(opts, ", ") + m[3]
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

var withList = regexp.MustCompile(`^(.*WITH \()([a-z_]+=[^()]*)(\).*)$`)

// apply creates a fresh database and runs ddl in it.
func apply(t testing.TB, ddl string) *testdb.PG {
	t.Helper()
	db := testdb.Postgres(t)
	if _, err := db.Admin.Exec(context.Background(), ddl); err != nil {
		t.Fatalf("applying generated SQL: %v\n%s", err, ddl)
	}
	return db
}

// dumpRestore copies a database with pg_dump piped into psql.
func dumpRestore(t testing.TB, from, to *testdb.PG) {
	t.Helper()
	if _, err := exec.LookPath("pg_dump"); err != nil {
		t.Skip("pg_dump is not installed")
	}
	host, port, _ := net.SplitHostPort(from.Host)
	dump := exec.Command("pg_dump", "-h", host, "-p", port, "-U", "postgres", from.Name)
	restore := exec.Command("psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", "postgres", to.Name)
	pipe, err := dump.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	restore.Stdin = pipe
	var stderr bytes.Buffer
	restore.Stderr = &stderr
	if err := dump.Start(); err != nil {
		t.Fatal(err)
	}
	if err := restore.Run(); err != nil {
		t.Fatalf("psql: %v\n%s", err, stderr.String())
	}
	if err := dump.Wait(); err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
}

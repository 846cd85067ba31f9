package mysql

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/internal/testdb"
)

func inspectOptions() inspect.Options { return inspect.Options{} }

func fixtures(t *testing.T) map[string]string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.sql"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	out := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(p), ".sql")] = string(b)
	}
	return out
}

// TestFixtures inspects each fixture into golden JSON, SQL and hash files, then
// round-trips it: the written SQL applied to an empty database must inspect to
// the same canonical JSON and hash, and mysqldump must print the same DDL for
// both databases once comments, AUTO_INCREMENT counters, definers and the
// database name are normalised.
func TestFixtures(t *testing.T) {
	t.Parallel()
	for name, src := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src1 := testdb.MariaDB(t)
			src1.Exec(t, src)
			snap := inspectURL(t, src1.URL)

			// Goldens name the schema "fixture": the database name is random.
			fixed := renamed(t, snap, "fixture")
			ddl, err := SQL(fixed)
			if err != nil {
				t.Fatal(err)
			}
			_, hash := canonical(t, fixed)
			golden(t, name+".json", indented(t, fixed))
			golden(t, name+".sql", []byte(ddl))
			golden(t, name+".hash", []byte(hash+"\n"))

			dst := testdb.MariaDB(t)
			ddl, err = SQL(renamed(t, snap, dst.Name))
			if err != nil {
				t.Fatal(err)
			}
			dst.Exec(t, ddl)
			again := inspectURL(t, dst.URL)
			gotJSON, gotHash := canonical(t, renamed(t, again, "fixture"))
			wantJSON, wantHash := canonical(t, fixed)
			if gotJSON != wantJSON {
				t.Errorf("round trip changed the snapshot (- inspected, + round trip):\n%s", lineDiff(string(indented(t, fixed)), string(indented(t, renamed(t, again, "fixture")))))
			}
			if gotHash != wantHash {
				t.Errorf("round trip hash = %s, want %s", gotHash, wantHash)
			}
			if a, b := dump(t, src1), dump(t, dst); a != b {
				t.Errorf("mysqldump differs after the round trip (- fixture, + copy):\n%s", lineDiff(a, b))
			}
		})
	}
}

// TestCLIApply applies written SQL with the mariadb command line client the
// way the SQL doc comment tells users to, compound bodies included.
func TestCLIApply(t *testing.T) {
	t.Parallel()
	bin, err := exec.LookPath("mariadb")
	if err != nil {
		if bin, err = exec.LookPath("mysql"); err != nil {
			t.Skip("no mariadb or mysql client installed")
		}
	}
	fx := fixtures(t)
	src := testdb.MariaDB(t)
	src.Exec(t, fx["routines"])
	src.Exec(t, fx["triggers"])
	snap := inspectURL(t, src.URL)
	dst := testdb.MariaDB(t)
	ddl, err := SQL(renamed(t, snap, dst.Name))
	if err != nil {
		t.Fatal(err)
	}
	host, port, _ := strings.Cut(dst.Host, ":")
	cmd := exec.CommandContext(context.Background(), bin, "--delimiter=$$sw$$", "-uroot", "-h"+host, "-P"+port, "--protocol=tcp", dst.Name)
	cmd.Stdin = strings.NewReader(ddl)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, out)
	}
	got, _ := canonical(t, renamed(t, inspectURL(t, dst.URL), "x"))
	want, _ := canonical(t, renamed(t, snap, "x"))
	if got != want {
		t.Errorf("applied with the CLI:\n got %s\nwant %s", got, want)
	}
}

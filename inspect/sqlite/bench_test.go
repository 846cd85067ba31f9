package sqlite

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/inspect"
)

// BenchmarkInspect inspects files of 1,000 and 5,000 tables (each with a
// foreign key, a unique constraint, an index and a check) and, in the same
// run on the same file, times `sqlite3 app.db .schema` when the CLI is
// installed. Reported: queries per inspection and the ratio of our time to
// the CLI's.
func BenchmarkInspect(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		if n > 1000 && os.Getenv("SCHEMAWATCH_BENCH_LARGE") == "0" {
			continue
		}
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			var ddl strings.Builder
			ddl.WriteString("BEGIN;\n")
			for i := range n {
				fmt.Fprintf(&ddl, "CREATE TABLE t%d (id INTEGER PRIMARY KEY AUTOINCREMENT, parent INT REFERENCES t%d (id) ON DELETE CASCADE, code TEXT NOT NULL UNIQUE, qty INT DEFAULT 0 CHECK (qty >= 0), note TEXT COLLATE NOCASE);\n", i, max(i-1, 0))
				fmt.Fprintf(&ddl, "CREATE INDEX t%d_note ON t%d (note, qty DESC) WHERE note IS NOT NULL;\n", i, i)
			}
			ddl.WriteString("COMMIT;\n")
			path := createDB(b, ddl.String())
			u, err := inspect.ParseURL("sqlite://" + path)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ResetTimer()
			queries := 0
			for b.Loop() {
				in, err := Open(ctx, u)
				if err != nil {
					b.Fatal(err)
				}
				snap, err := in.Inspect(ctx, inspect.Options{})
				if err != nil {
					b.Fatal(err)
				}
				queries = in.(*Inspector).queries
				in.Close()
				if got := len(snap.Schemas[0].Tables); got != n {
					b.Fatalf("inspected %d tables, want %d", got, n)
				}
			}
			b.StopTimer()
			ours := b.Elapsed() / time.Duration(b.N)
			b.ReportMetric(float64(queries), "queries/op")
			cli, err := exec.LookPath("sqlite3")
			if err != nil {
				b.Logf("sqlite3 CLI not installed: no comparison")
				return
			}
			const runs = 5
			start := time.Now()
			for range runs {
				if out, err := exec.Command(cli, path, ".schema").CombinedOutput(); err != nil {
					b.Fatalf("sqlite3 .schema: %v: %s", err, out)
				}
			}
			theirs := time.Since(start) / runs
			b.ReportMetric(float64(theirs.Microseconds())/1000, "cli-ms")
			b.ReportMetric(float64(ours)/float64(theirs), "x-cli")
		})
	}
}

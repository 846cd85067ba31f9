package mysql

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/internal/testdb"
)

// BenchmarkInspect inspects generated schemas of 1,000 and 5,000 tables (ten
// columns, a primary key and three indexes, a foreign key and a check each;
// a view, a trigger and a procedure per ten tables) and runs mysqldump
// --no-data --routines --triggers on the same database in the same run. It
// reports round trips per inspection, peak RSS of the process (VmHWM, reset
// before measuring), mysqldump's time and how many times faster Inspect is.
//
//	go test -run '^$' -bench Inspect ./inspect/mysql
func BenchmarkInspect(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		if n > 1000 && os.Getenv("SCHEMAWATCH_BENCH_LARGE") == "0" {
			continue
		}
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			db := testdb.MariaDB(b)
			start := time.Now()
			generate(b, db, n)
			b.Logf("generated %d tables in %s", n, time.Since(start).Round(time.Millisecond))
			dumpTime := timeDump(b, db)

			ctx := context.Background()
			in, err := Open(ctx, db.URL)
			if err != nil {
				b.Fatal(err)
			}
			defer in.Close()
			resetPeakRSS()
			b.ResetTimer()
			for b.Loop() {
				snap, err := in.Inspect(ctx, inspect.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if got := len(snap.Schemas[0].Tables); got != n {
					b.Fatalf("inspected %d tables, want %d", got, n)
				}
			}
			b.StopTimer()
			per := b.Elapsed() / time.Duration(b.N)
			// Logged too: a failed clean-up (dropping 5,000 tables can
			// outlast a clean-up timeout) would suppress the metrics line.
			b.Logf("inspect %s/op, %d queries, peak RSS %.1f MB; mysqldump %s (%.1fx)",
				per.Round(time.Millisecond), in.queries, peakRSSMB(), dumpTime.Round(time.Millisecond), float64(dumpTime)/float64(per))
			b.ReportMetric(float64(in.queries), "queries/op")
			b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
			b.ReportMetric(float64(dumpTime.Milliseconds()), "mysqldump-ms")
			b.ReportMetric(float64(dumpTime)/float64(per), "x-faster-than-mysqldump")
		})
	}
}

// generate creates n tables and their views, triggers and routines with
// multi-statement batches of 250 tables.
func generate(b *testing.B, db *testdb.Maria, n int) {
	b.Helper()
	var sb strings.Builder
	flush := func() {
		if sb.Len() > 0 {
			db.Exec(b, sb.String())
			sb.Reset()
		}
	}
	for i := 0; i < n; i++ {
		parent := i - 1
		if parent < 0 {
			parent = 0
		}
		fmt.Fprintf(&sb, `CREATE TABLE t%05d (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY, parent_id int, name varchar(64) NOT NULL DEFAULT '',
  email varchar(128), qty int NOT NULL DEFAULT 0, price decimal(10,2), created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamp NULL ON UPDATE CURRENT_TIMESTAMP, note text, flag tinyint(1) NOT NULL DEFAULT 0,
  KEY ix_name (name, qty), UNIQUE KEY uq_email (email), KEY ix_parent (parent_id),
  CONSTRAINT fk_t%05d FOREIGN KEY (parent_id) REFERENCES t%05d (id), CONSTRAINT chk_t%05d CHECK (qty >= 0));
`, i, i, parent, i)
		if i%10 == 0 {
			fmt.Fprintf(&sb, "CREATE VIEW v%05d AS SELECT id, name FROM t%05d WHERE flag = 1;\n", i, i)
			fmt.Fprintf(&sb, "CREATE TRIGGER tr%05d BEFORE INSERT ON t%05d FOR EACH ROW SET NEW.qty = NEW.qty + 1;\n", i, i)
			fmt.Fprintf(&sb, "CREATE PROCEDURE p%05d(IN x int) BEGIN SELECT count(*) FROM t%05d WHERE qty > x; END;\n", i, i)
		}
		if i%250 == 249 {
			flush()
		}
	}
	flush()
}

// timeDump runs mysqldump --no-data --routines --triggers once on db.
func timeDump(b *testing.B, db *testdb.Maria) time.Duration {
	b.Helper()
	bin, err := exec.LookPath("mysqldump")
	if err != nil {
		b.Skip("mysqldump not installed")
	}
	host, port, _ := strings.Cut(db.Host, ":")
	cmd := exec.Command(bin, "--no-data", "--routines", "--triggers", "-uroot", "-h"+host, "-P"+port, "--protocol=tcp", db.Name)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("mysqldump: %v: %s", err, stderr.String())
	}
	return time.Since(start)
}

// resetPeakRSS resets VmHWM (Linux: writing 5 to clear_refs).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSMB reads VmHWM from /proc/self/status, in MB (0 off Linux).
func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

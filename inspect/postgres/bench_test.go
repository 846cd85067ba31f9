package postgres

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/internal/testdb"
)

// generateSchema builds n tables of ten columns with a primary key, three
// more indexes, a foreign key to the previous table and a check, plus a view,
// a function and a trigger for every tenth table, in one server-side DO block.
// It runs in chunks of __FROM__..__TO__ so that no transaction outgrows the lock
// table (max_locks_per_transaction).
const generateSchema = `
DO $$
DECLARE i int;
BEGIN
  FOR i IN __FROM__..__TO__ LOOP
    EXECUTE format($q$
      CREATE TABLE bench.t%1$s (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        parent_id bigint %2$s,
        name text NOT NULL,
        email varchar(320),
        qty integer DEFAULT 0 CHECK (qty >= 0),
        price numeric(12,2),
        created_at timestamptz NOT NULL DEFAULT now(),
        tags text[],
        doc jsonb,
        active boolean DEFAULT true);
      CREATE INDEX t%1$s_name_idx ON bench.t%1$s (name);
      CREATE INDEX t%1$s_lower_email_idx ON bench.t%1$s (lower(email)) WHERE active;
      CREATE INDEX t%1$s_created_idx ON bench.t%1$s (created_at DESC, id);
    $q$, i, CASE WHEN i > 1 THEN format('REFERENCES bench.t%s (id)', i - 1) ELSE '' END);
    IF i % 10 = 0 THEN
      EXECUTE format($q$
        CREATE VIEW bench.v%1$s AS SELECT id, name, qty * price AS total FROM bench.t%1$s WHERE active;
        CREATE FUNCTION bench.f%1$s(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x + %1$s';
        CREATE TRIGGER t%1$s_touch BEFORE UPDATE ON bench.t%1$s FOR EACH ROW EXECUTE FUNCTION bench.touch();
      $q$, i);
    END IF;
  END LOOP;
END $$;`

// BenchmarkInspect measures an inspection of 1,000 and 5,000 generated
// tables against pg_dump --schema-only on the same database, and reports
// queries and round trips per inspection, the Go heap peak, and pg_dump's
// own peak RSS. The 5,000-table case runs only with SCHEMAWATCH_BENCH_LARGE=1
// (its setup takes about a minute).
func BenchmarkInspect(b *testing.B) {
	sizes := []int{1000}
	if os.Getenv("SCHEMAWATCH_BENCH_LARGE") == "1" {
		sizes = append(sizes, 5000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			db := testdb.Postgres(b)
			start := time.Now()
			db.Exec(b, `CREATE SCHEMA bench;
				CREATE FUNCTION bench.touch() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NEW; END $f$;`)
			for from := 1; from <= n; from += 500 {
				r := strings.NewReplacer("__FROM__", strconv.Itoa(from), "__TO__", strconv.Itoa(min(from+499, n)))
				db.Exec(b, r.Replace(generateSchema))
			}
			db.Exec(b, "ANALYZE")
			b.Logf("setup of %d tables: %v", n, time.Since(start).Round(time.Millisecond))

			dumpTime, dumpRSS := timePgDump(b, db)
			insp := openURL(b, db.URL)
			ctx := context.Background()
			peak := heapPeak()
			b.ResetTimer()
			for b.Loop() {
				snap, err := insp.Inspect(ctx, inspect.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if got := len(snap.Schemas[0].Tables); got != n {
					b.Fatalf("inspected %d tables, want %d", got, n)
				}
			}
			b.StopTimer()
			perOp := b.Elapsed() / time.Duration(b.N)
			heap := peak()
			stats := insp.LastStats()
			heapMB := float64(heap) / (1 << 20)
			rssMB := float64(selfMaxRSS()) / (1 << 10)
			dumpRSSMB := float64(dumpRSS) / (1 << 10)
			ratio := dumpTime.Seconds() / perOp.Seconds()
			b.ReportMetric(float64(stats.Queries), "queries/op")
			b.ReportMetric(float64(stats.RoundTrips), "roundtrips/op")
			b.ReportMetric(heapMB, "heap-peak-MB")
			b.ReportMetric(rssMB, "self-maxrss-MB")
			b.ReportMetric(dumpTime.Seconds()*1000, "pgdump-ms")
			b.ReportMetric(dumpRSSMB, "pgdump-maxrss-MB")
			b.ReportMetric(ratio, "pgdump/inspect")
			// One line a reader can compare with the targets (round trips
			// constant, 3x faster than pg_dump, under 150 MB) even when a
			// slow clean-up delays the metrics line.
			b.Logf("tables=%d inspect=%v pg_dump=%v ratio=%.2fx queries=%d roundtrips=%d heap-peak=%.0fMB maxrss=%.0fMB pg_dump-maxrss=%.0fMB",
				n, perOp.Round(time.Millisecond), dumpTime.Round(time.Millisecond), ratio,
				stats.Queries, stats.RoundTrips, heapMB, rssMB, dumpRSSMB)
		})
	}
}

// timePgDump runs pg_dump --schema-only once and returns its wall time and
// peak RSS in KiB.
func timePgDump(b *testing.B, db *testdb.PG) (time.Duration, int64) {
	b.Helper()
	if _, err := exec.LookPath("pg_dump"); err != nil {
		b.Skip("pg_dump is not installed")
	}
	host, port, _ := net.SplitHostPort(db.Host)
	cmd := exec.Command("pg_dump", "--schema-only", "-h", host, "-p", port, "-U", "postgres", "-f", os.DevNull, db.Name)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("pg_dump: %v\n%s", err, out)
	}
	d := time.Since(start)
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return d, rss
}

// heapPeak samples the live Go heap every millisecond until the returned
// function is called, which stops sampling and returns the peak in bytes.
func heapPeak() func() uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var (
		mu   sync.Mutex
		peak uint64
	)
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			mu.Lock()
			peak = max(peak, sample[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// selfMaxRSS returns this process's peak RSS in KiB (setup included).
func selfMaxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss
}

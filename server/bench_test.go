package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/schemawatch/schemawatch/cloudapi"
	"github.com/schemawatch/schemawatch/server"
	"github.com/schemawatch/schemawatch/server/store"
)

// BenchmarkPush1000Tables measures pushes of a 1,000-table snapshot through
// the API into each store, each a new version with content not pushed
// recently (parse, diff against the previous version, store, index ~9,000
// names): 16 variants, each changing about 20 tables, are pushed in turn.
func BenchmarkPush1000Tables(b *testing.B) {
	var snaps []*cloudapi.SnapshotInput
	for v := range 16 {
		snaps = append(snaps, snapshotInput(b, bigSnapshot(1000, v+1)))
	}
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			e := start(b, be.open(b), server.Options{})
			c := e.client(b)
			scope := cloudapi.ScopeIdent{URL: "postgres://h/big"}
			b.ResetTimer()
			start := time.Now()
			for i := 0; b.Loop(); i++ {
				res, err := c.PushSnapshot(context.Background(), cloudapi.PushSnapshotInput{ScopeIdent: scope, Snapshot: snaps[i%len(snaps)]})
				if err != nil {
					b.Fatal(err)
				}
				if !res.NewVersion {
					b.Fatal("no new version")
				}
			}
			rate := float64(b.N) / time.Since(start).Seconds()
			b.ReportMetric(rate, "pushes/s")
			b.Logf("%s: %d pushes of 1,000 tables, %.2f pushes/s", be.name, b.N, rate)
		})
	}
}

// restartable is a test server whose schemawatch server can be replaced by a
// fresh one over the same store, as after a restart: nothing is cached.
type restartable struct {
	ts  *httptest.Server
	st  store.Store
	cur atomic.Pointer[server.Server]
}

func (r *restartable) restart(b *testing.B) {
	b.Helper()
	srv, err := server.New(server.Options{Store: r.st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	if old := r.cur.Swap(srv); old != nil {
		_ = old.Close(context.Background())
	}
}

// skipLarge leaves out the 5,000-table cases when SCHEMAWATCH_BENCH_LARGE=0.
func skipLarge(b *testing.B) {
	if os.Getenv("SCHEMAWATCH_BENCH_LARGE") == "0" {
		b.Skip("SCHEMAWATCH_BENCH_LARGE=0")
	}
}

// big5000 starts a server holding two versions of a 5,000-table schema.
func big5000(b *testing.B) *restartable {
	skipLarge(b)
	e := start(b, openSQLite(b), server.Options{})
	c := e.client(b)
	scope := cloudapi.ScopeIdent{URL: "postgres://h/huge"}
	for _, v := range []int{1, 2} {
		if _, err := c.PushSnapshot(context.Background(), cloudapi.PushSnapshotInput{ScopeIdent: scope, Snapshot: snapshotInput(b, bigSnapshot(5000, v))}); err != nil {
			b.Fatal(err)
		}
	}
	r := &restartable{st: e.st}
	r.restart(b)
	r.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) { r.cur.Load().ServeHTTP(w, req) }))
	b.Cleanup(func() { r.ts.Close(); _ = r.cur.Load().Close(context.Background()) })
	return r
}

func fetch(b *testing.B, u string) int64 {
	resp, err := http.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	n, _ := io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != 200 {
		b.Fatalf("%s: %d", u, resp.StatusCode)
	}
	return n
}

var pages5000 = []struct{ name, path, ready string }{
	{"schema", "/db/1", "#tables"},
	{"schema-last-page", "/db/1?schema=public&page=25", "#tables"},
	{"table", "/db/1/tables/public/table_02500", "#columns"},
	{"erd", "/db/1/erd", "svg.erd"},
	{"changelog", "/db/1/changes", "ol.timeline"},
	{"diff", "/db/1/diff?from=1&to=2", "#hcldiff"},
	{"search", "/search?q=table_0420", "#results"},
}

// BenchmarkPages5000Tables measures server-side render times (request to
// last byte over loopback) of a 5,000-table schema's pages: "first" is the
// first view after a restart (nothing cached), "warm" a repeated view.
func BenchmarkPages5000Tables(b *testing.B) {
	r := big5000(b)
	for _, mode := range []string{"first", "warm"} {
		for _, p := range pages5000 {
			b.Run(mode+"/"+p.name, func(b *testing.B) {
				var n int64
				var total time.Duration
				if mode == "warm" {
					fetch(b, r.ts.URL+p.path)
				}
				for b.Loop() {
					if mode == "first" {
						b.StopTimer()
						r.restart(b)
						b.StartTimer()
					}
					t := time.Now()
					n = fetch(b, r.ts.URL+p.path)
					total += time.Since(t)
				}
				b.ReportMetric(float64(n)/1024, "KiB/page")
				b.Logf("%s %s: %.1f ms per view, %.1f KiB", mode, p.name, float64(total.Microseconds())/1000/float64(b.N), float64(n)/1024)
			})
		}
	}
}

// BenchmarkChromium5000Tables measures, in headless Chromium, the time from
// navigation to a ready DOM of a 5,000-table schema's pages, on the first
// view after a restart and on a repeated view.
func BenchmarkChromium5000Tables(b *testing.B) {
	skipLarge(b)
	ctx := browser(b)
	r := big5000(b)
	for _, mode := range []string{"first", "warm"} {
		for _, p := range pages5000 {
			if p.name == "search" || p.name == "schema-last-page" {
				continue
			}
			b.Run(mode+"/"+p.name, func(b *testing.B) {
				var total time.Duration
				if mode == "warm" {
					fetch(b, r.ts.URL+p.path)
				}
				for b.Loop() {
					if mode == "first" {
						b.StopTimer()
						r.restart(b)
						b.StartTimer()
					}
					t := time.Now()
					if err := chromedp.Do(ctx, chromedp.Navigate(r.ts.URL+p.path), chromedp.WaitReady(chromedp.CSS(p.ready))); err != nil {
						b.Fatal(fmt.Errorf("%s: %w", p.name, err))
					}
					total += time.Since(t)
				}
				b.Logf("chromium %s %s: %.1f ms load to ready", mode, p.name, float64(total.Microseconds())/1000/float64(b.N))
			})
		}
	}
}

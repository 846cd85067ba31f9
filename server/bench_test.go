package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/schemawatch/schemawatch/cloudapi"
	"github.com/schemawatch/schemawatch/server"
)

// BenchmarkPush1000Tables measures pushes of a 1,000-table snapshot through
// the API into SQLite, each a new version (parse, diff against the previous
// version, store, index ~9,000 names).
func BenchmarkPush1000Tables(b *testing.B) {
	e := start(b, openSQLite(b), server.Options{})
	c := e.client(b)
	snaps := []*cloudapi.SnapshotInput{snapshotInput(b, bigSnapshot(1000, 1)), snapshotInput(b, bigSnapshot(1000, 2))}
	scope := cloudapi.ScopeIdent{URL: "postgres://h/big"}
	b.ResetTimer()
	start := time.Now()
	for i := 0; b.Loop(); i++ {
		res, err := c.PushSnapshot(context.Background(), cloudapi.PushSnapshotInput{ScopeIdent: scope, Snapshot: snaps[i%2]})
		if err != nil {
			b.Fatal(err)
		}
		if !res.NewVersion {
			b.Fatal("no new version")
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "pushes/s")
}

// big5000 starts a server holding two versions of a 5,000-table schema.
func big5000(b *testing.B) *env {
	e := start(b, openSQLite(b), server.Options{})
	c := e.client(b)
	scope := cloudapi.ScopeIdent{URL: "postgres://h/huge"}
	for _, v := range []int{1, 2} {
		if _, err := c.PushSnapshot(context.Background(), cloudapi.PushSnapshotInput{ScopeIdent: scope, Snapshot: snapshotInput(b, bigSnapshot(5000, v))}); err != nil {
			b.Fatal(err)
		}
	}
	return e
}

func benchGet(b *testing.B, u string) {
	var n int64
	for b.Loop() {
		resp, err := http.Get(u)
		if err != nil {
			b.Fatal(err)
		}
		m, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("%s: %d", u, resp.StatusCode)
		}
		n = m
	}
	b.ReportMetric(float64(n)/1024, "KiB/page")
}

// BenchmarkPages5000Tables measures server-side render times (request to
// last byte over loopback) of a 5,000-table schema's pages, once parsed.
func BenchmarkPages5000Tables(b *testing.B) {
	e := big5000(b)
	for _, p := range []struct{ name, path string }{
		{"schema", "/db/1"},
		{"schema-last-page", "/db/1?schema=public&page=25"},
		{"table", "/db/1/tables/public/table_02500"},
		{"erd", "/db/1/erd"},
		{"changelog", "/db/1/changes"},
		{"diff", "/db/1/diff?from=1&to=2"},
		{"search", "/search?q=table_0420"},
	} {
		b.Run(p.name, func(b *testing.B) { benchGet(b, e.ts.URL+p.path) })
	}
}

// BenchmarkChromium5000Tables measures, in headless Chromium, the time from
// navigation to a ready DOM (the tables list, the changelog) of a
// 5,000-table schema's pages.
func BenchmarkChromium5000Tables(b *testing.B) {
	ctx := browser(b)
	e := big5000(b)
	for _, p := range []struct{ name, path, ready string }{
		{"schema", "/db/1", "#tables"},
		{"changelog", "/db/1/changes", "ol.timeline"},
		{"diff", "/db/1/diff?from=1&to=2", "#hcldiff"},
		{"erd", "/db/1/erd", "svg.erd"},
	} {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				if err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+p.path), chromedp.WaitReady(chromedp.CSS(p.ready))); err != nil {
					b.Fatal(fmt.Errorf("%s: %w", p.name, err))
				}
			}
		})
	}
}

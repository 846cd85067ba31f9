package server_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/schemawatch/schemawatch/cloudapi"
	"github.com/schemawatch/schemawatch/server"
)

// browser starts headless Chromium for t, or skips when it is not installed
// (fails under CI=true, where it must be).
func browser(t testing.TB) context.Context {
	t.Helper()
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is required under CI=true")
		}
		t.Skip("chromium not installed")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1360, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelB(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil { // starts the browser
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// artifacts returns the directory screenshots go to.
func artifacts(t testing.TB) string {
	dir := os.Getenv("SCHEMAWATCH_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	dir = filepath.Join(dir, "ui")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestUIInChromium drives the UI in a real browser: each page renders the
// expected content, and a screenshot of each is kept.
func TestUIInChromium(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	e := start(t, openSQLite(t), server.Options{})
	c := e.client(t)
	scope := cloudapi.ScopeIdent{URL: "postgres://app:xxxxx@db.internal:5432/shop?sslmode=require", ExtID: "shop-prod", Schemas: []string{"public"}}
	run(t, c, scope, snapshotInput(t, shop(false)))
	run(t, c, scope, snapshotInput(t, shop(true)))
	run(t, c, cloudapi.ScopeIdent{URL: "mysql://monitor:xxxxx@orders-db:3306/orders"}, snapshotInput(t, shop(false)))
	dir := artifacts(t)

	pages := []struct {
		name, path, ready string
		want              []string
	}{
		{"databases", "/", "table.dblist", []string{"shop-prod", "mysql://monitor:xxxxx@orders-db:3306/orders", "Databases"}},
		{"schema", "/db/1", "#tables", []string{"customers", "invoices", "orders", "Version 2 of 2"}},
		{"table", "/db/1/tables/public/orders", "#columns", []string{"customer_id", "numeric(12,2)", "shipped_at", "orders_customer_fk", "invoices_order_fk", "Relationships"}},
		{"erd", "/db/1/erd", "svg.erd", []string{"customers", "orders", "invoices", "customer_id"}},
		{"changelog", "/db/1/changes", "ol.timeline", []string{"v2", "table public.invoices", "column public.orders.shipped_at", "First snapshot."}},
		{"diff", "/db/1/diff?from=1&to=2", "#hcldiff", []string{"table public.invoices", "shipped_at", "@@"}},
		{"search", "/search?q=customer", "#results", []string{"customer_id", "customers", "shop-prod"}},
	}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+p.path), chromedp.WaitReady(chromedp.CSS(p.ready))); err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		for _, w := range p.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s page: no %q in\n%s", p.name, w, text)
			}
		}
		file := filepath.Join(dir, p.name+".png")
		if err := os.WriteFile(file, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", file)
	}

	// The ERD draws one box per table and one edge per foreign key.
	if err := chromedp.Do(ctx, chromedp.Navigate(e.ts.URL+"/db/1/erd"), chromedp.WaitReady(chromedp.CSS("svg.erd"))); err != nil {
		t.Fatal(err)
	}
	boxes, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("svg.erd g.erd-table").length`))
	if err != nil {
		t.Fatal(err)
	}
	edges, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("svg.erd path[marker-end]").length`))
	if err != nil {
		t.Fatal(err)
	}
	if boxes != 3 || edges != 2 {
		t.Errorf("ERD: %d tables and %d edges, want 3 and 2", boxes, edges)
	}
}

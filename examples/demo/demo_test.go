package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemo runs `make demo`'s program against a freshly built binary and
// checks that the changelog it links to shows both versions and the change.
func TestDemo(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "schemawatch")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/schemawatch")
	build.Env = append(build.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	var page string
	err := run(context.Background(), bin, true, func(link string) error {
		resp, err := http.Get(link + "/changes")
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s/changes: %s", link, resp.Status)
		}
		page = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"coupons", "shipped_at", "orders_shipped_idx", "open_orders"} {
		if !strings.Contains(page, want) {
			t.Errorf("the changelog page does not mention %q", want)
		}
	}
}

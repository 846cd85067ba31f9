package server_test

import (
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/cloudapi"
	"github.com/schemawatch/schemawatch/server"
)

// TestSnapshotBackfill checks contents stored before parsed snapshots were
// kept: after a restart their pages still show the schema, and the parse is
// recorded, so the next restart decodes it instead.
func TestSnapshotBackfill(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			st := b.open(t)
			e := start(t, st, server.Options{})
			scope := cloudapi.ScopeIdent{URL: "postgres://h/shop"}
			run(t, e.client(t), scope, snapshotInput(t, shop(false)))
			run(t, e.client(t), scope, snapshotInput(t, shop(true)))
			for seq := 1; seq <= 2; seq++ {
				v, err := st.Version(ctx, 1, seq)
				if err != nil {
					t.Fatal(err)
				}
				if snap, err := st.Snapshot(ctx, v.ContentHash); err != nil || snap == nil {
					t.Fatalf("version %d: no snapshot recorded at push (%v)", seq, err)
				}
				if err := st.SetSnapshot(ctx, v.ContentHash, nil); err != nil { // as before migration 2
					t.Fatal(err)
				}
			}
			fresh := start(t, st, server.Options{})
			for _, p := range []struct{ path, want string }{
				{"/db/1", "invoices"},
				{"/db/1/tables/public/orders", "shipped_at"},
				{"/db/1/diff?from=2&to=1", "public.invoices"},
			} {
				code, body := get(t, fresh.ts.URL+p.path)
				if code != 200 || !strings.Contains(body, p.want) {
					t.Errorf("%s after a restart: %d, no %q", p.path, code, p.want)
				}
			}
			for seq := 1; seq <= 2; seq++ {
				v, err := st.Version(ctx, 1, seq)
				if err != nil {
					t.Fatal(err)
				}
				if snap, err := st.Snapshot(ctx, v.ContentHash); err != nil || !strings.Contains(string(snap), `"orders"`) {
					t.Errorf("version %d: snapshot not recorded on first view: %.80q, %v", seq, snap, err)
				}
			}
		})
	}
}

package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/testdb"
	"github.com/schemawatch/schemawatch/server/store"
)

// backends opens each back end fresh for a test.
var backends = []struct {
	name string
	open func(t testing.TB) store.Store
}{
	{"sqlite", func(t testing.TB) store.Store {
		st, err := store.Open(t.Context(), "sqlite:"+filepath.Join(t.TempDir(), "sw.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}},
	{"postgres", func(t testing.TB) store.Store {
		db := testdb.Postgres(t)
		st, err := store.Open(t.Context(), db.URL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}},
}

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestPushHistory(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			st := b.open(t)
			scope := store.Scope{Key: "k1", URL: "postgres://u:xxxxx@h/app", Schemas: []string{"public"}}
			if h, err := st.LastHash(ctx, "k1"); err != nil || h != "" {
				t.Fatalf("LastHash before any push = %q, %v; want empty", h, err)
			}
			push := func(p store.PushRecord) *store.PushOutcome {
				t.Helper()
				p.Scope = scope
				out, err := st.Push(ctx, p)
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
			first := push(store.PushRecord{Now: t0, Hash: "sw1:a", HCL: "schema \"public\" {\n}\n", Tables: 0,
				Names: []store.Name{{Kind: "table", Schema: "public", Table: "Users"}, {Kind: "column", Schema: "public", Table: "Users", Column: "email_addr"}}})
			if !first.NewVersion || first.Seq != 1 {
				t.Fatalf("first push = %+v, want a new version 1", first)
			}
			// The same HCL under another hash: no version, but the hash is the new one.
			same := push(store.PushRecord{Now: t0.Add(time.Minute), Hash: "h1:x", HCL: "schema \"public\" {\n}\n", BaseVersionID: 0})
			if same.NewVersion || same.Seq != 1 {
				t.Fatalf("same content = %+v, want no new version", same)
			}
			if h, _ := st.LastHash(ctx, "k1"); h != "h1:x" {
				t.Fatalf("LastHash = %q, want h1:x", h)
			}
			seen := push(store.PushRecord{Now: t0.Add(2 * time.Minute), HashMatch: true})
			if seen.NewVersion {
				t.Fatalf("hash match made a version")
			}
			latest, err := st.Latest(ctx, "k1")
			if err != nil || latest == nil {
				t.Fatalf("Latest = %v, %v", latest, err)
			}
			// A push based on a stale version is refused.
			_, err = st.Push(ctx, store.PushRecord{Scope: scope, Now: t0, Hash: "sw1:b", HCL: "b", BaseVersionID: latest.ID + 100})
			if !errors.Is(err, store.ErrConflict) {
				t.Fatalf("stale push error = %v, want ErrConflict", err)
			}
			second := push(store.PushRecord{Now: t0.Add(3 * time.Minute), Hash: "sw1:b", HCL: "b", BaseVersionID: latest.ID,
				Changes: store.Changes{Added: []string{"table public.orders"}}, ParseError: "bad"})
			if !second.NewVersion || second.Seq != 2 {
				t.Fatalf("second push = %+v", second)
			}
			d, err := st.Database(ctx, second.DatabaseID)
			if err != nil {
				t.Fatal(err)
			}
			if d.VersionCount != 2 || d.Pushes != 4 || !d.LastSeenAt.Equal(t0.Add(3*time.Minute)) || !d.LastChangeAt.Equal(t0.Add(3*time.Minute)) {
				t.Errorf("database = %+v", d)
			}
			if got := d.Scope.Schemas; len(got) != 1 || got[0] != "public" {
				t.Errorf("schemas = %v", got)
			}
			vs, err := st.Versions(ctx, d.ID)
			if err != nil || len(vs) != 2 || vs[0].Seq != 2 || vs[0].Changes.Added[0] != "table public.orders" || vs[0].ParseError != "bad" {
				t.Fatalf("versions = %+v, %v", vs, err)
			}
			v1, err := st.Version(ctx, d.ID, 1)
			if err != nil || v1.Hash != "sw1:a" {
				t.Fatalf("version 1 = %+v, %v", v1, err)
			}
			if hcl, err := st.HCL(ctx, v1.ContentHash); err != nil || hcl != "schema \"public\" {\n}\n" {
				t.Fatalf("HCL of version 1 = %q, %v", hcl, err)
			}
			if _, err := st.Version(ctx, d.ID, 9); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("missing version error = %v", err)
			}
			// The search index follows the latest version only: version 2 has no names.
			if hits, err := st.Search(ctx, "users", 10); err != nil || len(hits) != 0 {
				t.Errorf("search after version 2 = %v, %v", hits, err)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			st := b.open(t)
			_, err := st.Push(t.Context(), store.PushRecord{Scope: store.Scope{Key: "k", URL: "u", ExtID: "prod"}, Now: t0, Hash: "h", HCL: "x",
				Names: []store.Name{
					{Kind: "table", Schema: "s", Table: "user_emails"},
					{Kind: "table", Schema: "s", Table: "users"},
					{Kind: "column", Schema: "s", Table: "orders", Column: "user_id"},
					{Kind: "table", Schema: "s", Table: "userXs"},
				}})
			if err != nil {
				t.Fatal(err)
			}
			hits, err := st.Search(t.Context(), "USER_", 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Kind+" "+h.Table+"."+h.Column+" "+h.Database)
			}
			want := fmt.Sprint([]string{"table user_emails. prod", "column orders.user_id prod"})
			if fmt.Sprint(got) != want {
				t.Errorf("search USER_ = %v, want %v (underscore is literal)", got, want)
			}
		})
	}
}

// TestSnapshotsAndDetail checks what is kept beside the HCL: the parsed
// snapshot per content (recorded at push or later, never lost when the same
// content is pushed again without one) and the detail per version.
func TestSnapshotsAndDetail(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			st := b.open(t)
			scope := store.Scope{Key: "k", URL: "u"}
			out, err := st.Push(ctx, store.PushRecord{Scope: scope, Now: t0, Hash: "h1", HCL: "one", Snapshot: []byte(`{"one":1}`)})
			if err != nil {
				t.Fatal(err)
			}
			v1, err := st.Version(ctx, out.DatabaseID, 1)
			if err != nil || v1.Detail != nil {
				t.Fatalf("version 1 = %+v, %v; want no detail", v1, err)
			}
			_, err = st.Push(ctx, store.PushRecord{Scope: scope, Now: t0, Hash: "h2", HCL: "two", BaseVersionID: v1.ID, Detail: []byte(`{"d":2}`)})
			if err != nil {
				t.Fatal(err)
			}
			v2, err := st.Version(ctx, out.DatabaseID, 2)
			if err != nil || string(v2.Detail) != `{"d":2}` {
				t.Fatalf("version 2 = %+v, %v; want its detail", v2, err)
			}
			if snap, err := st.Snapshot(ctx, v2.ContentHash); err != nil || snap != nil {
				t.Fatalf("snapshot of an unparsed content = %q, %v; want none", snap, err)
			}
			if err := st.SetSnapshot(ctx, v2.ContentHash, []byte(`{"two":2}`)); err != nil {
				t.Fatal(err)
			}
			// Back to the first content, pushed without a snapshot: the one kept stays.
			if _, err := st.Push(ctx, store.PushRecord{Scope: scope, Now: t0, Hash: "h1", HCL: "one", BaseVersionID: v2.ID}); err != nil {
				t.Fatal(err)
			}
			for hash, want := range map[string]string{v1.ContentHash: `{"one":1}`, v2.ContentHash: `{"two":2}`} {
				if snap, err := st.Snapshot(ctx, hash); err != nil || string(snap) != want {
					t.Errorf("snapshot = %q, %v; want %s", snap, err, want)
				}
			}
			if _, err := st.Snapshot(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("snapshot of an unknown content: %v, want ErrNotFound", err)
			}
		})
	}
}

// TestIncrementalNames checks that the search index follows the latest
// version whether a push writes only the difference (its base names match
// the index) or rebuilds it (the index was written for another version).
func TestIncrementalNames(t *testing.T) {
	t.Parallel()
	tbl := func(n string) store.Name { return store.Name{Kind: "table", Schema: "s", Table: n} }
	col := func(tb, c string) store.Name { return store.Name{Kind: "column", Schema: "s", Table: tb, Column: c} }
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			st := b.open(t)
			scope := store.Scope{Key: "k", URL: "u"}
			var base int64
			var baseNames []store.Name
			push := func(hcl string, names ...store.Name) {
				t.Helper()
				out, err := st.Push(ctx, store.PushRecord{Scope: scope, Now: t0, Hash: hcl, HCL: hcl, BaseVersionID: base, BaseNames: baseNames, Names: names})
				if err != nil {
					t.Fatal(err)
				}
				v, err := st.Version(ctx, out.DatabaseID, out.Seq)
				if err != nil {
					t.Fatal(err)
				}
				base, baseNames = v.ID, names
			}
			index := func() string {
				t.Helper()
				hits, err := st.Search(ctx, "", 100)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, h := range hits {
					got = append(got, h.Kind+":"+h.Table+"."+h.Column)
				}
				slices.Sort(got)
				return strings.Join(got, " ")
			}
			push("v1", tbl("a"), col("a", "id"), tbl("b"), col("b", "id"))
			push("v2", tbl("a"), col("a", "id"), col("a", "name"), tbl("c"))
			if got, want := index(), "column:a.id column:a.name table:a. table:c."; got != want {
				t.Errorf("index after an incremental push = %q, want %q", got, want)
			}
			// A caller whose base names are wrong for the index's version
			// cannot corrupt it once the index is rebuilt from a full list.
			baseNames = nil
			base = 0
			lat, err := st.Latest(ctx, "k")
			if err != nil {
				t.Fatal(err)
			}
			base = lat.ID
			push("v3", tbl("z"))
			if got, want := index(), "table:z."; got != want {
				t.Errorf("index after a push with no base names = %q, want %q", got, want)
			}
		})
	}
}

// TestInterruptedPush fails a push after its version row is written (and
// after its search index is), as a crash or a dropped connection would: the
// store keeps the previous version whole, and the next push works.
func TestInterruptedPush(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		for _, step := range []string{"version", "names"} {
			t.Run(b.name+"/"+step, func(t *testing.T) {
				t.Parallel()
				ctx := t.Context()
				st := b.open(t)
				scope := store.Scope{Key: "k", URL: "u"}
				names1 := []store.Name{{Kind: "table", Schema: "s", Table: "orders"}}
				first, err := st.Push(ctx, store.PushRecord{Scope: scope, Now: t0, Hash: "h1", HCL: "one", Names: names1, Snapshot: []byte(`{}`)})
				if err != nil {
					t.Fatal(err)
				}
				v1, err := st.Latest(ctx, "k")
				if err != nil {
					t.Fatal(err)
				}
				crash := errors.New("connection lost")
				store.SetPushHook(st, func(s string) error {
					if s == step {
						return crash
					}
					return nil
				})
				names2 := []store.Name{{Kind: "table", Schema: "s", Table: "invoices"}}
				rec := store.PushRecord{Scope: scope, Now: t0.Add(time.Minute), Hash: "h2", HCL: "two", BaseVersionID: v1.ID,
					BaseNames: names1, Names: names2, Snapshot: []byte(`{"two":2}`), Detail: []byte(`{}`)}
				if _, err := st.Push(ctx, rec); !errors.Is(err, crash) {
					t.Fatalf("interrupted push error = %v, want the injected one", err)
				}
				d, err := st.Database(ctx, first.DatabaseID)
				if err != nil {
					t.Fatal(err)
				}
				if d.VersionCount != 1 || d.LastHash != "h1" || d.Pushes != 1 {
					t.Errorf("database after the interrupted push = %+v, want version 1 only", d)
				}
				if vs, err := st.Versions(ctx, d.ID); err != nil || len(vs) != 1 {
					t.Errorf("versions = %+v, %v; want one", vs, err)
				}
				if _, err := st.Version(ctx, d.ID, 2); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("half version 2: %v", err)
				}
				if hits, err := st.Search(ctx, "", 10); err != nil || len(hits) != 1 || hits[0].Table != "orders" {
					t.Errorf("search index = %+v, %v; want version 1's", hits, err)
				}
				if _, err := st.HCL(ctx, "3fc4ccfe745870e2c0d99f71f30ff0656c8dedd41cc1d7d3d376b0dbe685e2f3"); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("the interrupted push's content was kept: %v", err)
				}
				store.SetPushHook(st, nil)
				out, err := st.Push(ctx, rec)
				if err != nil || !out.NewVersion || out.Seq != 2 {
					t.Fatalf("push after the interruption = %+v, %v; want version 2", out, err)
				}
				if hits, err := st.Search(ctx, "", 10); err != nil || len(hits) != 1 || hits[0].Table != "invoices" {
					t.Errorf("search index = %+v, %v; want version 2's", hits, err)
				}
			})
		}
	}
}

func TestTokens(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			st := b.open(t)
			tok, err := st.CreateToken(ctx, "ci", "sha256:aa", t0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.CreateToken(ctx, "ci2", "sha256:aa", t0); err == nil {
				t.Error("a duplicate hash was accepted")
			}
			if err := st.TouchToken(ctx, tok.ID, t0.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			n, err := st.RevokeToken(ctx, "ci", t0.Add(2*time.Hour))
			if err != nil || n != 1 {
				t.Fatalf("revoke = %d, %v", n, err)
			}
			toks, err := st.Tokens(ctx)
			if err != nil || len(toks) != 1 || toks[0].Active() || !toks[0].LastUsedAt.Equal(t0.Add(time.Hour)) {
				t.Fatalf("tokens = %+v, %v", toks, err)
			}
		})
	}
}

// TestConcurrentPushes pushes versions of many scopes at once and checks
// nothing is lost and no version number repeats.
func TestConcurrentPushes(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			st := b.open(t)
			const scopes, rounds = 8, 5
			var wg sync.WaitGroup
			errs := make(chan error, scopes*rounds)
			for s := range scopes {
				for r := range rounds {
					wg.Go(func() {
						key := fmt.Sprintf("scope-%d", s)
						for {
							base, err := st.Latest(ctx, key)
							if err != nil {
								errs <- err
								return
							}
							var id int64
							if base != nil {
								id = base.ID
							}
							_, err = st.Push(ctx, store.PushRecord{Scope: store.Scope{Key: key, URL: key}, Now: t0, Hash: fmt.Sprint(r), HCL: fmt.Sprintf("%d/%d", s, r), BaseVersionID: id,
								Names: []store.Name{{Kind: "table", Schema: "s", Table: fmt.Sprint("t", r)}}})
							if errors.Is(err, store.ErrConflict) {
								continue
							}
							if err != nil {
								errs <- err
							}
							return
						}
					})
				}
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			dbs, err := st.Databases(ctx)
			if err != nil || len(dbs) != scopes {
				t.Fatalf("databases = %d, %v", len(dbs), err)
			}
			for _, d := range dbs {
				vs, err := st.Versions(ctx, d.ID)
				if err != nil || len(vs) != rounds || d.VersionCount != rounds {
					t.Errorf("%s: %d versions (count %d), %v; want %d", d.Scope.Key, len(vs), d.VersionCount, err, rounds)
				}
			}
		})
	}
}

func TestReopenKeepsData(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sw.db")
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateToken(ctx, "ci", "sha256:1", t0); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, err = store.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatalf("reopening (migrations must be idempotent): %v", err)
	}
	defer st.Close()
	if toks, _ := st.Tokens(ctx); len(toks) != 1 {
		t.Errorf("tokens after reopen = %d, want 1", len(toks))
	}
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	for _, dsn := range []string{"mysql://x", "nothing", "postgres://u:s3cret@127.0.0.1:1/db?connect_timeout=1"} {
		_, err := store.Open(context.Background(), dsn)
		if err == nil {
			t.Errorf("Open(%q) succeeded", dsn)
			continue
		}
		if msg := err.Error(); len(msg) == 0 || strings.Contains(msg, "s3cret") {
			t.Errorf("Open(%q) error %q", dsn, msg)
		}
	}
}

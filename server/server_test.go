package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/cloudapi"
	"github.com/schemawatch/schemawatch/internal/testdb"
	"github.com/schemawatch/schemawatch/schema"
	"github.com/schemawatch/schemawatch/server"
	"github.com/schemawatch/schemawatch/server/store"
)

// backends open a fresh store of each kind.
var backends = []struct {
	name string
	open func(t testing.TB) store.Store
}{
	{"sqlite", openSQLite},
	{"postgres", func(t testing.TB) store.Store {
		db := testdb.Postgres(t)
		st, err := store.Open(context.Background(), db.URL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}},
}

func openSQLite(t testing.TB) store.Store {
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "sw.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// env is a running server and a token for it.
type env struct {
	ts    *httptest.Server
	srv   *server.Server
	st    store.Store
	token string
}

func start(t testing.TB, st store.Store, opts server.Options) *env {
	t.Helper()
	opts.Store = st
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	srv, err := server.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() {
		ts.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Close(ctx)
	})
	tok, err := server.CreateToken(context.Background(), st, "ci", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return &env{ts: ts, srv: srv, st: st, token: tok}
}

func (e *env) client(t testing.TB) *cloudapi.Client {
	c, err := cloudapi.New(e.ts.URL, e.token, cloudapi.WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// shop returns a PostgreSQL snapshot with customers and orders; extra adds a
// column to orders and a table, to make a second version.
func shop(extra bool) *schema.Snapshot {
	customers := schema.Table{
		Name: "customers",
		Columns: []schema.Column{
			{Name: "id", Type: "bigint"},
			{Name: "email", Type: "character varying(255)"},
			{Name: "created_at", Type: "timestamp with time zone", Default: "now()"},
		},
		PrimaryKey: &schema.Key{Name: "customers_pkey", Columns: []string{"id"}},
		Indexes:    []schema.Index{{Name: "customers_email_key", Unique: true, Parts: []schema.IndexPart{{Column: "email"}}}},
	}
	orders := schema.Table{
		Name: "orders",
		Columns: []schema.Column{
			{Name: "id", Type: "bigint"},
			{Name: "customer_id", Type: "bigint"},
			{Name: "total", Type: "numeric(12,2)", Nullable: true},
		},
		PrimaryKey:  &schema.Key{Name: "orders_pkey", Columns: []string{"id"}},
		ForeignKeys: []schema.ForeignKey{{Name: "orders_customer_fk", Columns: []string{"customer_id"}, RefTable: "customers", RefColumns: []string{"id"}, OnUpdate: "NO ACTION", OnDelete: "CASCADE"}},
	}
	sc := schema.Schema{Name: "public", Comment: "standard public schema", Tables: []schema.Table{customers, orders}}
	if extra {
		sc.Tables[1].Columns = append(sc.Tables[1].Columns, schema.Column{Name: "shipped_at", Type: "timestamp with time zone", Nullable: true})
		sc.Tables = append(sc.Tables, schema.Table{
			Name:        "invoices",
			Columns:     []schema.Column{{Name: "id", Type: "bigint"}, {Name: "order_id", Type: "bigint"}},
			PrimaryKey:  &schema.Key{Name: "invoices_pkey", Columns: []string{"id"}},
			ForeignKeys: []schema.ForeignKey{{Name: "invoices_order_fk", Columns: []string{"order_id"}, RefTable: "orders", RefColumns: []string{"id"}, OnUpdate: "NO ACTION", OnDelete: "NO ACTION"}},
		})
	}
	s := &schema.Snapshot{Dialect: schema.Postgres, Schemas: []schema.Schema{sc}}
	s.Canonicalize()
	return s
}

// snapshotInput renders snap as the client sends it.
func snapshotInput(t testing.TB, snap *schema.Snapshot) *cloudapi.SnapshotInput {
	t.Helper()
	var b strings.Builder
	if err := schema.WriteHCL(&b, snap); err != nil {
		t.Fatal(err)
	}
	h, err := snap.Hash()
	if err != nil {
		t.Fatal(err)
	}
	return &cloudapi.SnapshotInput{Hash: h, HCL: b.String()}
}

// run does what the monitor action does: ask for the hash, then push.
func run(t testing.TB, c *cloudapi.Client, scope cloudapi.ScopeIdent, snap *cloudapi.SnapshotInput) *cloudapi.PushResult {
	t.Helper()
	ctx := context.Background()
	stored, err := c.SnapshotHash(ctx, scope)
	if err != nil {
		t.Fatal(err)
	}
	in := cloudapi.PushSnapshotInput{ScopeIdent: scope, HashMatch: cloudapi.HashMatches(stored, snap.Hash, snap.HCL)}
	if !in.HashMatch {
		in.Snapshot = snap
	}
	res, err := c.PushSnapshot(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func get(t testing.TB, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestPushTwiceWithAChange(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			e := start(t, b.open(t), server.Options{})
			c := e.client(t)
			scope := cloudapi.ScopeIdent{URL: "postgres://app:xxxxx@db:5432/shop", Schemas: []string{"public"}}

			first := run(t, c, scope, snapshotInput(t, shop(false)))
			if !first.NewVersion || first.URL != e.ts.URL+"/db/1" || first.Changes != nil {
				t.Fatalf("first push = %+v, want a new version at %s/db/1 and no changes", first, e.ts.URL)
			}
			again := run(t, c, scope, snapshotInput(t, shop(false)))
			if again.NewVersion || again.URL != first.URL {
				t.Fatalf("unchanged push = %+v, want no new version at the same URL", again)
			}
			second := run(t, c, scope, snapshotInput(t, shop(true)))
			if !second.NewVersion || second.URL != first.URL {
				t.Fatalf("second push = %+v", second)
			}
			if second.Changes == nil {
				t.Fatal("the reply of a change carries no change summary")
			}
			if got := fmt.Sprint(second.Changes.Added); !strings.Contains(got, "invoices") {
				t.Errorf("added = %s, want the invoices table", got)
			}
			if got := fmt.Sprint(second.Changes.Added); !strings.Contains(got, "column public.orders.shipped_at") {
				t.Errorf("added = %s, want the new column of orders", got)
			}

			dbs, err := e.st.Databases(context.Background())
			if err != nil || len(dbs) != 1 {
				t.Fatalf("databases = %v, %v", dbs, err)
			}
			if d := dbs[0]; d.VersionCount != 2 || d.Pushes != 3 || d.Tables != 3 {
				t.Errorf("database = %+v, want 2 versions, 3 pushes, 3 tables", d)
			}
			vs, _ := e.st.Versions(context.Background(), dbs[0].ID)
			if len(vs) != 2 || vs[0].ParseError != "" || vs[1].ParseError != "" {
				t.Fatalf("versions = %+v", vs)
			}

			// The diff page shows the objects and the HCL lines.
			status, body := get(t, first.URL+"/diff?from=1&to=2")
			if status != 200 {
				t.Fatalf("diff page: %d %s", status, body)
			}
			for _, want := range []string{`table &#34;invoices&#34;`, "shipped_at", `class="dl add"`} {
				if !strings.Contains(body, want) {
					t.Errorf("diff page lacks %q", want)
				}
			}
		})
	}
}

// TestScopeIdentity: the extID alone identifies a scope; without it the URL
// and the lists do, the lists compared as sets.
func TestScopeIdentity(t *testing.T) {
	t.Parallel()
	e := start(t, openSQLite(t), server.Options{BaseURL: "https://schemas.example.com/"})
	c := e.client(t)
	snap := snapshotInput(t, shop(false))
	cases := []struct {
		name  string
		scope cloudapi.ScopeIdent
		want  string
	}{
		{"url and lists", cloudapi.ScopeIdent{URL: "mysql://u:xxxxx@h/a", Schemas: []string{"b", "a"}, Exclude: []string{"x"}}, "https://schemas.example.com/db/1"},
		{"lists in another order", cloudapi.ScopeIdent{URL: "mysql://u:xxxxx@h/a", Schemas: []string{"a", "b", "a"}, Exclude: []string{"x"}}, "https://schemas.example.com/db/1"},
		{"another exclude", cloudapi.ScopeIdent{URL: "mysql://u:xxxxx@h/a", Schemas: []string{"a", "b"}}, "https://schemas.example.com/db/2"},
		{"ext id", cloudapi.ScopeIdent{URL: "mysql://u:xxxxx@h/a", ExtID: "prod"}, "https://schemas.example.com/db/3"},
		{"ext id with another url", cloudapi.ScopeIdent{URL: "mysql://u:xxxxx@other/a", ExtID: "prod"}, "https://schemas.example.com/db/3"},
	}
	for _, tc := range cases { // sequential: database numbers follow the order
		got := run(t, c, tc.scope, snap)
		if got.URL != tc.want {
			t.Errorf("%s: URL = %s, want %s", tc.name, got.URL, tc.want)
		}
	}
}

func post(t testing.TB, u, token string, body []byte) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	st := openSQLite(t)
	e := start(t, st, server.Options{MaxBodyBytes: 4096})
	revoked, err := server.CreateToken(context.Background(), st, "old", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.RevokeToken(context.Background(), "old", time.Now()); err != nil {
		t.Fatal(err)
	}
	hashQuery, _ := json.Marshal(map[string]any{"query": cloudapi.SnapshotHashQuery, "variables": map[string]any{"input": map[string]any{"url": "u"}}})
	big, _ := json.Marshal(map[string]any{"query": cloudapi.PushSnapshotMutation, "variables": map[string]any{"input": map[string]any{
		"url": "u", "hashMatch": false, "snapshot": map[string]any{"hash": "h", "hcl": strings.Repeat("x", 5000)}}}})
	cases := []struct {
		name   string
		token  string
		body   []byte
		status int
		errMsg string
	}{
		{"no token", "", hashQuery, 401, "token is required"},
		{"wrong token", "swt_nope", hashQuery, 401, "unknown or revoked"},
		{"revoked token", revoked, hashQuery, 401, "unknown or revoked"},
		{"too large", e.token, big, 413, "larger than 4096"},
		{"not json", e.token, []byte("{"), 400, "not a GraphQL JSON request"},
		{"bad document", e.token, []byte(`{"query":"query {"}`), 400, "does not parse"},
		{"unknown operation", e.token, []byte(`{"query":"query { schemas { name } }"}`), 200, `unknown query field "schemas"`},
		{"query as mutation", e.token, []byte(`{"query":"mutation { snapshotHash(input: {url: \"u\"}) { hash } }"}`), 200, `unknown mutation field "snapshotHash"`},
		{"push without snapshot", e.token, []byte(`{"query":"mutation { pushSnapshot(input: {url: \"u\", hashMatch: false}) { url } }"}`), 200, "snapshot with its hcl is required"},
		{"unknown sub-field", e.token, []byte(`{"query":"query { snapshotHash(input: {url: \"u\"}) { hash size } }"}`), 200, `no field "size"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			status, out := post(t, e.ts.URL+"/query", tc.token, tc.body)
			if status != tc.status {
				t.Errorf("status = %d, want %d (%v)", status, tc.status, out)
			}
			errs, _ := out["errors"].([]any)
			if len(errs) == 0 || !strings.Contains(fmt.Sprint(errs[0]), tc.errMsg) {
				t.Errorf("errors = %v, want one containing %q", out["errors"], tc.errMsg)
			}
		})
	}
}

// TestInlineDocument: the server parses the document rather than matching
// bytes, so another spelling, aliases and literal inputs work.
func TestInlineDocument(t *testing.T) {
	t.Parallel()
	e := start(t, openSQLite(t), server.Options{})
	hcl := snapshotInput(t, shop(false)).HCL
	doc := map[string]any{
		"operationName": "second",
		"query": `query first { snapshotHash(input: {url: "u"}) { hash } }
mutation second($in: PushSnapshotInput!) {
  p: pushSnapshot(input: $in) { __typename link: url newVersion }
}`,
		"variables": map[string]any{"in": map[string]any{"url": "u", "hashMatch": false, "snapshot": map[string]any{"hash": "h1:x", "hcl": hcl}}},
	}
	body, _ := json.Marshal(doc)
	status, out := post(t, e.ts.URL+"/query", e.token, body)
	want := fmt.Sprintf(`map[data:map[p:map[__typename:pushSnapshot link:%s/db/1 newVersion:true]]]`, e.ts.URL)
	if status != 200 || fmt.Sprint(out) != want {
		t.Errorf("reply = %d %v, want %s", status, out, want)
	}
}

// TestUnparsableSnapshot: HCL the parser rejects is stored and shown raw.
func TestUnparsableSnapshot(t *testing.T) {
	t.Parallel()
	e := start(t, openSQLite(t), server.Options{})
	c := e.client(t)
	res := run(t, c, cloudapi.ScopeIdent{URL: "postgres://h/x"}, &cloudapi.SnapshotInput{Hash: "h1:abc", HCL: "table \"t\" {\n  this is { not hcl\n"})
	if !res.NewVersion {
		t.Fatalf("push = %+v", res)
	}
	status, body := get(t, res.URL)
	if status != 200 || !strings.Contains(body, "could not be parsed") || !strings.Contains(body, "this is { not hcl") {
		t.Errorf("schema page of an unparsable snapshot: %d\n%s", status, body)
	}
}

// TestConcurrentPushes pushes two versions of many scopes at once through
// the API: every version arrives, numbered without gaps.
func TestConcurrentPushes(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			e := start(t, b.open(t), server.Options{})
			c := e.client(t)
			v1, v2 := snapshotInput(t, shop(false)), snapshotInput(t, shop(true))
			const scopes = 24
			var wg sync.WaitGroup
			for i := range scopes {
				wg.Go(func() {
					scope := cloudapi.ScopeIdent{URL: fmt.Sprintf("postgres://h/db%d", i)}
					for _, snap := range []*cloudapi.SnapshotInput{v1, v2, v2} {
						_, err := c.PushSnapshot(context.Background(), cloudapi.PushSnapshotInput{ScopeIdent: scope, Snapshot: snap})
						if err != nil {
							t.Error(err)
						}
					}
				})
			}
			wg.Wait()
			dbs, err := e.st.Databases(context.Background())
			if err != nil || len(dbs) != scopes {
				t.Fatalf("databases = %d, %v; want %d", len(dbs), err, scopes)
			}
			for _, d := range dbs {
				if d.VersionCount != 2 || d.Pushes != 3 {
					t.Errorf("%s: %d versions, %d pushes; want 2 and 3", d.Scope.URL, d.VersionCount, d.Pushes)
				}
			}
		})
	}
}

// receiver is a fake webhook endpoint that fails its first failures calls.
type receiver struct {
	mu       sync.Mutex
	failures int
	calls    int
	bodies   [][]byte
	done     chan struct{}
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.calls <= r.failures {
		http.Error(w, "down", http.StatusServiceUnavailable)
		return
	}
	r.bodies = append(r.bodies, b)
	close(r.done)
}

func TestWebhooks(t *testing.T) {
	t.Parallel()
	generic := &receiver{failures: 2, done: make(chan struct{})}
	slack := &receiver{done: make(chan struct{})}
	gs, ss := httptest.NewServer(generic), httptest.NewServer(slack)
	defer gs.Close()
	defer ss.Close()
	e := start(t, openSQLite(t), server.Options{
		Webhooks: []string{gs.URL + "/hook"}, SlackWebhooks: []string{ss.URL + "/services/T/B/secret"},
		WebhookBackoff: time.Millisecond,
	})
	c := e.client(t)
	scope := cloudapi.ScopeIdent{URL: "postgres://h/shop", ExtID: "shop-prod"}
	run(t, c, scope, snapshotInput(t, shop(false)))
	run(t, c, scope, snapshotInput(t, shop(true)))
	for _, r := range []*receiver{generic, slack} {
		select {
		case <-r.done:
		case <-time.After(30 * time.Second): // a hang guard, not a speed assertion
			t.Fatal("webhook not delivered")
		}
	}
	generic.mu.Lock()
	defer generic.mu.Unlock()
	if generic.calls != 3 || len(generic.bodies) != 1 {
		t.Fatalf("generic webhook: %d calls, %d delivered; want 3 calls (two retried failures) and 1 delivery", generic.calls, len(generic.bodies))
	}
	var p server.WebhookPayload
	if err := json.Unmarshal(generic.bodies[0], &p); err != nil {
		t.Fatal(err)
	}
	if p.Event != "schema.changed" || p.Version != 2 || p.Database.ExtID != "shop-prod" || p.URL != e.ts.URL+"/db/1/diff?from=1&to=2" {
		t.Errorf("payload = %+v", p)
	}
	if !strings.Contains(fmt.Sprint(p.Changes.Added), "invoices") {
		t.Errorf("payload changes = %+v", p.Changes)
	}
	slack.mu.Lock()
	defer slack.mu.Unlock()
	var msg map[string]string
	if err := json.Unmarshal(slack.bodies[0], &msg); err != nil {
		t.Fatal(err)
	}
	if text := msg["text"]; !strings.Contains(text, "*Schema changed* in `shop-prod` (version 2)") || !strings.Contains(text, "invoices") {
		t.Errorf("slack text = %q", text)
	}
}

// TestWebhookGivesUp: a receiver that always fails is tried a bounded number
// of times and the pushes are not held up.
func TestWebhookGivesUp(t *testing.T) {
	t.Parallel()
	var (
		mu    sync.Mutex
		calls int
	)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		mu.Unlock()
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer hook.Close()
	st := openSQLite(t)
	srv, err := server.New(server.Options{Store: st, Webhooks: []string{hook.URL}, WebhookAttempts: 3, WebhookBackoff: time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	tok, _ := server.CreateToken(context.Background(), st, "ci", time.Now())
	c, _ := cloudapi.New(ts.URL, tok, cloudapi.WithRetries(0))
	scope := cloudapi.ScopeIdent{URL: "u"}
	run(t, c, scope, snapshotInput(t, shop(false)))
	run(t, c, scope, snapshotInput(t, shop(true)))
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		n := calls
		mu.Unlock()
		if n >= 3 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Close(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if calls != 3 {
		t.Errorf("calls = %d, want exactly 3 attempts", calls)
	}
}

func TestNewRefuses(t *testing.T) {
	t.Parallel()
	st := openSQLite(t)
	for name, opts := range map[string]server.Options{
		"no store":    {},
		"bad base":    {Store: st, BaseURL: "schemas.example.com"},
		"bad webhook": {Store: st, Webhooks: []string{"ftp://x"}},
	} {
		if _, err := server.New(opts); err == nil || !strings.HasPrefix(err.Error(), "server: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

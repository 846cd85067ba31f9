package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/internal/testdb"
	"github.com/schemawatch/schemawatch/schema"
)

// TestNoLockHeld pauses an inspection inside its transaction, after every
// query has returned, and checks that pg_locks shows no lock of its backend
// on any relation outside the system catalogs. The fixture has views (whose
// definitions pg_get_viewdef reads under lock), triggers, partitions and
// functions.
func TestNoLockHeld(t *testing.T) {
	t.Parallel()
	db := fixture(t, "views")
	db.Exec(t, baseSQL(t))
	insp := openURL(t, db.URL)
	paused := false
	insp.pause = func(ctx context.Context) error {
		paused = true
		rows, err := db.Admin.Query(ctx, `
			SELECT c.relname::text, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
			JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE l.pid = $1 AND l.locktype = 'relation' AND n.nspname NOT IN ('pg_catalog', 'information_schema')`,
			insp.conn.PgConn().PID())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var rel, mode string
			if err := rows.Scan(&rel, &mode); err != nil {
				return err
			}
			t.Errorf("inspection holds %s on %s", mode, rel)
		}
		return rows.Err()
	}
	snap, err := insp.Inspect(context.Background(), inspect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !paused {
		t.Fatal("the pause hook never ran")
	}
	if n := len(snap.Schemas); n != 2 {
		t.Errorf("got %d schemas, want public and app", n)
	}
}

// TestRoundTripsConstant checks that the number of statements and network
// round trips does not depend on the number of objects.
func TestRoundTripsConstant(t *testing.T) {
	t.Parallel()
	small := testdb.Postgres(t)
	small.Exec(t, `CREATE TABLE t1 (a int PRIMARY KEY)`)
	large := fixtureSQL(t, baseSQL(t))
	large.Exec(t, `DO $$ BEGIN FOR i IN 1..50 LOOP
		EXECUTE format('CREATE TABLE app.t%s (a int PRIMARY KEY, b text CHECK (b <> %L)); CREATE INDEX ON app.t%s (b); CREATE VIEW app.v%s AS SELECT * FROM app.t%s', i, '', i, i, i);
	END LOOP; END $$`)
	var got []Stats
	for _, db := range []*testdb.PG{small, large} {
		insp := openURL(t, db.URL)
		if _, err := insp.Inspect(context.Background(), inspect.Options{}); err != nil {
			t.Fatal(err)
		}
		got = append(got, insp.stats)
	}
	if got[0] != got[1] {
		t.Errorf("stats differ with schema size: %+v vs %+v", got[0], got[1])
	}
	if got[0].RoundTrips != 3 || got[0].Connections != 1 {
		t.Errorf("round trips = %d on %d connection(s), want 3 on 1", got[0].RoundTrips, got[0].Connections)
	}
	// Split over two connections: one more round trip, on the helper,
	// again whatever the size. The helper is kept for the next inspection.
	got = got[:0]
	for _, db := range []*testdb.PG{small, large, large} {
		insp := openURL(t, db.URL)
		insp.parallelMin = 0
		if _, err := insp.Inspect(context.Background(), inspect.Options{}); err != nil {
			t.Fatal(err)
		}
		got = append(got, insp.stats)
	}
	if got[0] != got[1] || got[1] != got[2] {
		t.Errorf("split stats differ with schema size or reuse: %+v", got)
	}
	if got[0].RoundTrips != 4 || got[0].Connections != 2 {
		t.Errorf("split: round trips = %d on %d connection(s), want 4 on 2", got[0].RoundTrips, got[0].Connections)
	}
}

// TestHelperUnavailable checks that an inspection that cannot open its helper
// connection (the role's connection limit is 1) runs the helper's queries
// itself, in one more round trip, and sees the same schema.
func TestHelperUnavailable(t *testing.T) {
	t.Parallel()
	db := fixture(t, "constraints")
	user, userURL := db.Role(t, "solo", "solo-pass")
	db.Exec(t, fmt.Sprintf("ALTER ROLE %s CONNECTION LIMIT 1; GRANT SELECT ON ALL TABLES IN SCHEMA public, billing TO %[1]s", user))
	want := indented(t, inspectURL(t, db.URL, inspect.Options{}))
	insp := openURL(t, userURL)
	insp.parallelMin = 0
	snap, err := insp.Inspect(context.Background(), inspect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := indented(t, snap); string(got) != string(want) {
		t.Errorf("snapshot without the helper differs:\n%s", firstDiff(string(want), string(got)))
	}
	if s := insp.stats; s.Connections != 1 || s.RoundTrips != 4 {
		t.Errorf("stats = %+v, want 4 round trips on 1 connection", s)
	}
}

// TestLeastPrivilege inspects every fixture as a user created exactly as the
// Atlas docs tell users to, and expects the superuser's snapshot.
func TestLeastPrivilege(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"comments", "constraints", "partitions", "routines", "rls", "triggers", "types", "views", "extensions", "tables"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db := fixture(t, name)
			user, userURL := db.Role(t, "monitor", "s3cret-pass")
			var grants []string
			for _, s := range []string{"public", "app", "billing", "ext"} {
				grants = append(grants, fmt.Sprintf(`DO $$ BEGIN IF EXISTS (SELECT FROM pg_namespace WHERE nspname = '%[1]s') THEN
					GRANT SELECT ON ALL TABLES IN SCHEMA %[1]s TO %[2]s;
					ALTER DEFAULT PRIVILEGES IN SCHEMA %[1]s GRANT SELECT ON TABLES TO %[2]s; END IF; END $$;`, s, user))
			}
			db.Exec(t, strings.Join(grants, "\n"))
			want := indented(t, inspectURL(t, db.URL, inspect.Options{}))
			got := indented(t, inspectURL(t, userURL, inspect.Options{}))
			if string(got) != string(want) {
				t.Errorf("least-privilege snapshot differs:\n%s", firstDiff(string(want), string(got)))
			}
			// The same user exports and imports the snapshot of a split
			// inspection.
			if got := indented(t, inspectSplit(t, userURL)); string(got) != string(want) {
				t.Errorf("least-privilege snapshot split over two connections differs:\n%s", firstDiff(string(want), string(got)))
			}
		})
	}
}

// TestOpenErrors checks that each bad input gives one clear line that names
// the problem and never the password.
func TestOpenErrors(t *testing.T) {
	t.Parallel()
	db := testdb.Postgres(t)
	// The test server trusts local connections, so a wrong password cannot be
	// provoked here; an unknown role fails the same authentication step.
	wrong := strings.Replace(db.URL, "postgres@", "sw_nobody:wr0ng-pass@", 1)
	cases := []struct {
		name, url, want string
		notExist        bool
	}{
		{"unknown role", wrong, `as sw_nobody: role "sw_nobody" does not exist`, false},
		{"unreachable host", "postgres://u:wr0ng-pass@127.0.0.1:1/db?sslmode=disable&connect_timeout=5", "postgres: connecting to 127.0.0.1:1 as u: connection refused", false},
		{"missing database", strings.Replace(db.URL, db.Name, db.Name+"_nope", 1), "database \"" + db.Name + "_nope\" does not exist", true},
		{"no database", "postgres://u:wr0ng-pass@127.0.0.1:5432/?sslmode=disable", "names no database", false},
		{"bad port", "postgres://u:wr0ng-pass@127.0.0.1:99999/db", "postgres: malformed URL", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			u, err := url.Parse(c.url)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			insp, err := Open(ctx, u)
			if err == nil {
				insp.Close()
				t.Fatal("Open succeeded")
			}
			msg := err.Error()
			if !strings.Contains(msg, c.want) || !strings.HasPrefix(msg, "postgres: ") {
				t.Errorf("error = %q, want it to contain %q", msg, c.want)
			}
			if strings.Contains(msg, "wr0ng-pass") || strings.Contains(msg, "\n") {
				t.Errorf("error %q leaks the password or spans lines", msg)
			}
			if got := errors.Is(err, inspect.ErrNotExist); got != c.notExist {
				t.Errorf("errors.Is(ErrNotExist) = %v, want %v", got, c.notExist)
			}
		})
	}
}

// TestUnknownSchema checks that naming a missing schema, in Options or in
// search_path, is an error wrapping inspect.ErrNotExist.
func TestUnknownSchema(t *testing.T) {
	t.Parallel()
	db := testdb.Postgres(t)
	for name, c := range map[string]struct {
		url  string
		opts inspect.Options
	}{
		"options":     {db.URL, inspect.Options{Schemas: []string{"public", "nope"}}},
		"search_path": {db.URL + "&search_path=nope", inspect.Options{}},
	} {
		insp := openURL(t, c.url)
		_, err := insp.Inspect(context.Background(), c.opts)
		if !errors.Is(err, inspect.ErrNotExist) || !strings.Contains(fmt.Sprint(err), `"nope"`) {
			t.Errorf("%s: err = %v, want a wrapped ErrNotExist naming \"nope\"", name, err)
		}
	}
	snap, err := openURL(t, db.URL).Inspect(context.Background(), inspect.Options{Schemas: []string{"public"}})
	if err != nil || len(snap.Schemas) != 1 {
		t.Errorf("Schemas=[public]: %v, %+v", err, snap)
	}
}

// TestVanishedBecomesNote feeds build the NULL definitions that the pg_get_*
// functions return for an object dropped after the transaction's snapshot.
func TestVanishedBecomesNote(t *testing.T) {
	t.Parallel()
	c := newCatalog([]string{"s"})
	c.tables = []tableRow{{Schema: "s", Name: "t", Kind: "r"}}
	c.indexes = []indexRow{{Schema: "s", Rel: "t", Name: "t_idx"}}
	c.views = []viewRow{{Schema: "s", Name: "v"}}
	c.routines = []routineRow{{Schema: "s", Name: "f", Kind: "f", Identity: "integer"}}
	snap := c.build([]schemaRow{{Name: "s"}}, true)
	snap.Canonicalize()
	want := []schema.Note{
		{Object: "index s.t_idx", Reason: "dropped while the inspection ran"},
		{Object: "routine s.f(integer)", Reason: "dropped while the inspection ran"},
		{Object: "view s.v", Reason: "dropped while the inspection ran"},
	}
	if fmt.Sprint(snap.Notes) != fmt.Sprint(want) {
		t.Errorf("notes = %v, want %v", snap.Notes, want)
	}
	if len(snap.Schemas[0].Tables) != 1 || len(snap.Schemas[0].Tables[0].Indexes) != 0 {
		t.Errorf("the table must stay and the vanished index go: %+v", snap.Schemas[0].Tables)
	}
}

// TestUnsupportedBecomesNote checks that objects the model has no place for
// are named in notes rather than silently left out.
func TestUnsupportedBecomesNote(t *testing.T) {
	t.Parallel()
	db := testdb.Postgres(t)
	db.Exec(t, `CREATE TABLE t (a int, b int); CREATE RULE r AS ON INSERT TO t DO ALSO NOTIFY t;
		CREATE TYPE rng AS RANGE (subtype = float8); CREATE STATISTICS st ON a, b FROM t`)
	snap := inspectURL(t, db.URL, inspect.Options{})
	got := fmt.Sprint(snap.Notes)
	for _, w := range []string{"rule public.t.r", "range type public.rng", "statistics object public.st"} {
		if !strings.Contains(got, w) {
			t.Errorf("notes %s lack %q", got, w)
		}
	}
}

// TestSSLModeDefault checks that sslmode=require is injected when the URL
// sets none (lib/pq's default, which Atlas users rely on) and kept otherwise.
func TestSSLModeDefault(t *testing.T) {
	t.Parallel()
	for raw, wantTLS := range map[string]bool{
		"postgres://u:p@db.example:5432/app":                               true,
		"postgres://u:p@db.example:5432/app?sslmode=disable":               false,
		"postgresql://u:p@db.example/app?search_path=s&application_name=x": true,
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		cfg, _, err := parseConfig(u)
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if got := cfg.TLSConfig != nil && len(cfg.Fallbacks) == 0; got != wantTLS {
			t.Errorf("%s: TLS required = %v, want %v", raw, got, wantTLS)
		}
	}
}

// TestForeignKeyColumnsOutsideScope checks the names of referenced columns
// that the inspection has no column rows for: a table in a schema outside
// the scope (named by the catalog query itself) and a table an extension
// owns (named in the extra round trip for what Go could not resolve).
func TestForeignKeyColumnsOutsideScope(t *testing.T) {
	t.Parallel()
	db := testdb.Postgres(t)
	db.Exec(t, `CREATE SCHEMA a; CREATE SCHEMA b;
		CREATE TABLE b.ref ("Id" int PRIMARY KEY, k int UNIQUE);
		CREATE TABLE a.owned (x int PRIMARY KEY, y int UNIQUE);
		ALTER EXTENSION plpgsql ADD TABLE a.owned;
		CREATE TABLE a.t (id int PRIMARY KEY, r int REFERENCES b.ref ("Id"), rk int REFERENCES b.ref (k),
		  o int REFERENCES a.owned (y), w int, UNIQUE (r) INCLUDE (w, rk));`)
	for _, u := range []string{db.URL, db.URL + "&search_path=a"} {
		insp := openURL(t, u)
		snap, err := insp.Inspect(context.Background(), inspect.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range snap.Schemas {
			for _, tb := range s.Tables {
				if tb.Name != "t" {
					continue
				}
				for _, fk := range tb.ForeignKeys {
					got = append(got, fmt.Sprintf("%s->%s.%s%v", fk.Columns, fk.RefSchema, fk.RefTable, fk.RefColumns))
				}
				for _, k := range tb.Uniques {
					got = append(got, fmt.Sprintf("unique %v include %v", k.Columns, k.Include))
				}
			}
		}
		want := "[[o]->.owned[y] [r]->b.ref[Id] [rk]->b.ref[k] unique [r] include [w rk]]"
		if fmt.Sprint(got) != want {
			t.Errorf("%s:\n got %v\nwant %s", u, got, want)
		}
		if insp.stats.RoundTrips != 4 {
			t.Errorf("%s: %d round trips, want 4 (one to name the owned table's columns)", u, insp.stats.RoundTrips)
		}
	}
}

package postgres

import (
	"context"
	"testing"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/internal/testdb"
	"github.com/schemawatch/schemawatch/schema"
)

// TestIndexDefBuiltInGo holds the index text the inspector composes in Go
// (instead of calling pg_get_indexdef for each plain index) to the server's
// own, byte for byte, on indexes chosen to force every branch: keywords and
// mixed-case names, non-default and look-alike operator classes, domains,
// enums, arrays, ranges, collations, DESC/NULLS, INCLUDE, NULLS NOT DISTINCT,
// partial and partitioned indexes and a materialized view, in realm and in
// schema scope.
func TestIndexDefBuiltInGo(t *testing.T) {
	t.Parallel()
	db := testdb.Postgres(t)
	db.Exec(t, `CREATE SCHEMA "Odd";
	CREATE TYPE mood AS ENUM ('a','b');
	CREATE DOMAIN dtext AS text;
	CREATE TABLE "Odd"."T" ("select" text, "Up" int, v varchar(10), c char(5), n name, e mood, arr int[], d dtext,
	  ts timestamptz, j jsonb, p point, r int4range, "json_array" int, system_user int, ci text COLLATE "C", b bytea, cid cidr, ii inet);
	CREATE INDEX i1 ON "Odd"."T" ("select", "Up" DESC NULLS LAST) INCLUDE (v, "json_array");
	CREATE INDEX i2 ON "Odd"."T" (v);
	CREATE INDEX i3 ON "Odd"."T" (v bpchar_ops);
	CREATE INDEX i4 ON "Odd"."T" (v text_pattern_ops, c);
	CREATE INDEX i5 ON "Odd"."T" (n);
	CREATE INDEX i6 ON "Odd"."T" (e);
	CREATE INDEX i7 ON "Odd"."T" USING gin (arr);
	CREATE INDEX i8 ON "Odd"."T" (d);
	CREATE INDEX i9 ON "Odd"."T" USING hash (v);
	CREATE INDEX i10 ON "Odd"."T" USING brin (ts);
	CREATE INDEX i11 ON "Odd"."T" USING gin (j jsonb_path_ops);
	CREATE INDEX i12 ON "Odd"."T" USING gist (p);
	CREATE INDEX i13 ON "Odd"."T" USING gist (r);
	CREATE INDEX i14 ON "Odd"."T" (ci, "select" COLLATE "C", v COLLATE "POSIX");
	CREATE INDEX i15 ON "Odd"."T" ("Up" NULLS FIRST, system_user) WHERE "Up" > 3 AND v <> 'x';
	CREATE UNIQUE INDEX "I16" ON "Odd"."T" ("Up") NULLS NOT DISTINCT;
	CREATE INDEX i17 ON "Odd"."T" (ci COLLATE "default");
	CREATE INDEX i18 ON "Odd"."T" USING hash (c);
	CREATE INDEX i19 ON "Odd"."T" USING spgist (v);
	CREATE INDEX i20 ON "Odd"."T" USING gist (cid inet_ops);
	CREATE INDEX i21 ON "Odd"."T" (b);
	CREATE INDEX i22 ON "Odd"."T" USING brin (v);
	CREATE INDEX i23 ON "Odd"."T" USING spgist (ii);
	CREATE INDEX i24 ON "Odd"."T" (cid);
	CREATE INDEX i25 ON "Odd"."T" (v varchar_ops);
	CREATE INDEX i26 ON "Odd"."T" USING hash (v text_ops);
	CREATE TABLE "Odd".pt (a int, "B" text) PARTITION BY RANGE (a);
	CREATE INDEX pti ON "Odd".pt ("B" DESC);
	CREATE TABLE "Odd".pt1 PARTITION OF "Odd".pt FOR VALUES FROM (1) TO (10);
	CREATE MATERIALIZED VIEW "Odd".mv AS SELECT 1 AS "x y";
	CREATE INDEX mvi ON "Odd".mv ("x y");
	CREATE FUNCTION "Odd"."F, (x)"(t text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT t';
	CREATE INDEX e1 ON "Odd"."T" (lower(v), ("Up" + 1) DESC, "select") WHERE "Up" > 3 AND v <> 'a), WHERE (''b';
	CREATE INDEX e2 ON "Odd"."T" ("Odd"."F, (x)"(v) text_pattern_ops, (ci || ', )') COLLATE "POSIX") INCLUDE (n);
	CREATE UNIQUE INDEX e3 ON "Odd"."T" ((coalesce(v, 'x')), (d::text)) NULLS NOT DISTINCT WHERE d IS NOT NULL;
	CREATE INDEX e4 ON "Odd"."T" (EXTRACT(year FROM ts AT TIME ZONE 'UTC'), (arr[1])) WITH (fillfactor = 70);
	CREATE INDEX e5 ON "Odd".pt ((lower("B")));`)
	for _, scope := range []string{"", "Odd"} {
		u := db.URL
		if scope != "" {
			u += "&search_path=" + scope
		}
		snap := inspectURL(t, u, inspect.Options{})
		// The server's text qualifies what the inspector's search path
		// does not reach: print it under the same path.
		if _, err := db.Admin.Exec(context.Background(), "SELECT set_config('search_path', $1, false)", quoteScope(scope)); err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, s := range snap.Schemas {
			check := func(rel string, d string, name string) {
				var want string
				if err := db.Admin.QueryRow(context.Background(), `SELECT pg_get_indexdef(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`, s.Name, name).Scan(&want); err != nil {
					t.Fatal(err)
				}
				checked++
				if want != d {
					t.Errorf("%s: got  %s\n want %s", name, d, want)
				}
			}
			// Key expressions and predicates taken apart from the
			// server's text must read as the server prints them alone.
			checkParts := func(ix schema.Index) {
				var wantExprs []string
				var wantPred string
				if err := db.Admin.QueryRow(context.Background(), `
					SELECT ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k, false) ELSE '' END
					             FROM generate_series(1, i.indnkeyatts) k ORDER BY k),
					       coalesce(pg_get_expr(i.indpred, i.indrelid), '')
					FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
					WHERE n.nspname = $1 AND c.relname = $2`, s.Name, ix.Name).Scan(&wantExprs, &wantPred); err != nil {
					t.Fatal(err)
				}
				for k, p := range ix.Parts {
					if p.Expr != wantExprs[k] {
						t.Errorf("%s part %d: expression %q, want %q", ix.Name, k+1, p.Expr, wantExprs[k])
					}
				}
				if ix.Where != wantPred {
					t.Errorf("%s: predicate %q, want %q", ix.Name, ix.Where, wantPred)
				}
			}
			for _, tb := range s.Tables {
				for _, ix := range tb.Indexes {
					check(tb.Name, ix.Def, ix.Name)
					checkParts(ix)
				}
			}
			for _, v := range s.Views {
				for _, ix := range v.Indexes {
					check(v.Name, ix.Def, ix.Name)
				}
			}
		}
		if checked < 33 {
			t.Errorf("%s: compared %d indexes, want all 33", u, checked)
		}
	}
}

func quoteScope(s string) string {
	if s == "" {
		return ""
	}
	return `"` + s + `"`
}

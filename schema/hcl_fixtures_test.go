package schema

// Handwritten snapshots for the HCL and diff tests. The first three are the
// examples of ATLAS-COMPAT §2 as an inspector would record them; the "full"
// ones fill every field of the model for their dialect.

func ptr[T any](v T) *T { return &v }

func fixturePostgresOrders() *Snapshot {
	s := &Snapshot{Dialect: Postgres, Schemas: []Schema{{
		Name:    "public",
		Comment: "standard public schema",
		Tables: []Table{{
			Name:    "orders",
			Comment: "customer orders",
			Columns: []Column{
				{Name: "id", Type: "bigint", Identity: &Identity{Always: true, Start: 1, Increment: 1, Min: 1, Max: 9223372036854775807, Cache: 1}},
				{Name: "state", Type: "order_state", Default: "'open'::order_state"},
				{Name: "placed_at", Type: "timestamp(3) with time zone", Default: "now()"},
			},
			PrimaryKey: &Key{Name: "orders_pkey", Columns: []string{"id"}},
			Indexes: []Index{
				{Name: "orders_open_idx", Method: "btree", Parts: []IndexPart{{Column: "placed_at", Desc: true}}, Where: "(state = 'open'::order_state)",
					Def: "CREATE INDEX orders_open_idx ON public.orders USING btree (placed_at DESC) WHERE (state = 'open'::order_state)"},
				{Name: "orders_state_idx", Method: "hash", Parts: []IndexPart{{Column: "state"}},
					Def: "CREATE INDEX orders_state_idx ON public.orders USING hash (state)"},
			},
		}},
		Enums: []Enum{{Name: "order_state", Values: []string{"open", "paid", "void"}}},
	}}}
	s.Canonicalize()
	return s
}

func fixtureMySQLAccounts() *Snapshot {
	s := &Snapshot{Dialect: MySQL, Schemas: []Schema{{
		Name: "shop", Charset: "utf8mb4", Collation: "utf8mb4_0900_ai_ci",
		Tables: []Table{{
			Name: "accounts", Engine: "InnoDB", Charset: "utf8mb4", Collation: "utf8mb4_0900_ai_ci",
			Columns: []Column{
				{Name: "id", Type: "bigint unsigned", AutoIncrement: true},
				{Name: "tier", Type: "enum('free','pro')", Default: "free", DefaultLiteral: true},
				{Name: "nick", Type: "varchar(64)", Nullable: true, Charset: "latin1", Collation: "latin1_swedish_ci"},
				{Name: "touched_at", Type: "timestamp", Default: "CURRENT_TIMESTAMP", OnUpdate: "CURRENT_TIMESTAMP"},
			},
			PrimaryKey: &Key{Name: "PRIMARY", Columns: []string{"id"}},
			Indexes:    []Index{{Name: "accounts_nick", Parts: []IndexPart{{Column: "nick", Prefix: 16}}}},
			Checks:     []Check{{Name: "accounts_chk_1", Expr: "(`id` > 0)"}},
		}},
	}}}
	s.Canonicalize()
	return s
}

func fixtureSQLiteNotes() *Snapshot {
	s := &Snapshot{Dialect: SQLite, Schemas: []Schema{{
		Name: "main",
		Tables: []Table{{
			Name: "notes",
			Columns: []Column{
				{Name: "id", Type: "integer", AutoIncrement: true},
				{Name: "author_id", Type: "integer"},
			},
			PrimaryKey:  &Key{Columns: []string{"id"}},
			ForeignKeys: []ForeignKey{{Name: "", Columns: []string{"author_id"}, RefTable: "authors", RefColumns: []string{"id"}, OnUpdate: "NO ACTION", OnDelete: "CASCADE"}},
		}},
	}}}
	s.Canonicalize()
	return s
}

// fixturePostgresFull fills every PostgreSQL field of the model, across two
// schemas whose table and enum names clash (realm scope).
func fixturePostgresFull() *Snapshot {
	fn := Routine{Name: "touch", Kind: "FUNCTION", Args: "", Returns: "trigger", Language: "plpgsql",
		Volatility: "VOLATILE", Body: "\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n",
		Def: "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$function$\n"}
	s := &Snapshot{Dialect: Postgres,
		Extensions: []Extension{{Name: "citext", Schema: "public", Version: "1.6", Comment: "data type for case-insensitive character strings"}},
		Notes:      []Note{{Object: "routine billing.secret()", Reason: "permission denied: body not readable"}, {Object: "view x: y", Reason: "line one\nline two"}},
		Schemas: []Schema{
			{
				Name: "billing",
				Tables: []Table{{
					Name: "users",
					Columns: []Column{
						{Name: "id", Type: "integer", Default: "nextval('users_id_seq'::regclass)"},
						{Name: "plan", Type: "plan", Nullable: true, Inherited: true},
					},
					PrimaryKey: &Key{Name: "users_pkey", Columns: []string{"id"}},
				}},
				Enums: []Enum{{Name: "plan", Values: []string{"free", "pro"}, Comment: "billing plans"}},
			},
			{
				Name:    "public",
				Comment: "standard public schema",
				Tables: []Table{
					{
						Name: "events", Comment: "partitioned",
						Columns: []Column{
							{Name: "id", Type: "bigint", Identity: &Identity{Start: 100, Increment: 5, Min: 1, Max: 1000000, Cache: 20, Cycle: true}},
							{Name: "at", Type: "timestamp with time zone", Default: "CURRENT_TIMESTAMP"},
							{Name: "payload", Type: "jsonb", Nullable: true, Default: "'{}'::jsonb", Storage: "external", Compression: "lz4", Statistics: ptr(500)},
							{Name: "tags", Type: "text[]", Default: "'{}'::text[]"},
							{Name: "big", Type: "numeric(12,2)", Default: "'-1.5'::numeric"},
							{Name: "n", Type: "integer", Default: "'-1'::integer"},
							{Name: "ok", Type: "boolean", Default: "true"},
							{Name: "code", Type: "character varying(40)", Collation: `"C"`, Default: "'it''s'::character varying"},
							{Name: "lower_code", Type: "text", Generated: &Generated{Expr: "lower((code)::text)", Stored: true}},
							{Name: "span", Type: "interval day to second(4)", Nullable: true},
							{Name: "mood", Type: "mood", Nullable: true},
							{Name: "addr", Type: "address", Nullable: true},
							{Name: "zip", Type: "us_zip", Nullable: true},
							{Name: "email", Type: "citext", Nullable: true},
							{Name: "t6", Type: "timestamp(6) without time zone", Nullable: true},
						},
						PrimaryKey: &Key{Name: "events_pk", Columns: []string{"id", "at"}, Include: []string{"ok"}, Options: []string{"fillfactor=90"}, Comment: "pk"},
						Uniques: []Key{
							{Name: "events_code_key", Columns: []string{"code"}, NullsNotDistinct: true, Deferrable: true, InitiallyDeferred: true},
						},
						Indexes: []Index{
							{Name: "events_expr_idx", Method: "gist", Parts: []IndexPart{
								{Expr: "lower((code)::text)", Opclass: "gist_trgm_ops(siglen=32)"},
								{Column: "at", Desc: true, NullsFirst: ptr(false)},
								{Column: "code", NullsFirst: ptr(true), Collation: `"C"`, Opclass: "text_pattern_ops"},
							}, Include: []string{"ok"}, Where: "(ok AND (code <> 'x\"${y}'::text))", NullsNotDistinct: true, Options: []string{"fillfactor=70"}, Comment: "expr index", Def: "CREATE INDEX events_expr_idx ON public.events USING gist (...)"},
							{Name: "events_ivf", Method: "ivfflat", Parts: []IndexPart{{Column: "payload"}}},
							{Name: "events_at_brin", Unique: true, Method: "brin", Parts: []IndexPart{{Column: "at"}}},
						},
						ForeignKeys: []ForeignKey{
							{Name: "events_user_fk", Columns: []string{"id"}, RefSchema: "billing", RefTable: "users", RefColumns: []string{"id"}, OnUpdate: "NO ACTION", OnDelete: "SET NULL", Match: "FULL", Deferrable: true, InitiallyDeferred: true, NotValid: true, Comment: "fk"},
							{Name: "events_self_fk", Columns: []string{"n"}, RefTable: "events", RefColumns: []string{"id"}, OnUpdate: "CASCADE", OnDelete: "RESTRICT"},
							{Name: "events_ext_fk", Columns: []string{"n"}, RefSchema: "audit", RefTable: "log", RefColumns: []string{"id"}, OnUpdate: "SET DEFAULT", OnDelete: "NO ACTION"},
						},
						Checks:      []Check{{Name: "events_n_check", Expr: "(n > '-10'::integer)", NoInherit: true, NotValid: true, Comment: "c"}},
						Exclusions:  []Exclusion{{Name: "events_excl", Def: "EXCLUDE USING gist (id WITH =)", Comment: "x"}},
						Triggers:    []Trigger{{Name: "events_touch", Timing: "BEFORE", Events: []string{"INSERT", "UPDATE"}, Columns: []string{"payload"}, ForEachRow: true, When: "(NEW.ok)", Function: "touch()", Def: "CREATE TRIGGER events_touch BEFORE INSERT OR UPDATE OF payload ON public.events FOR EACH ROW WHEN (new.ok) EXECUTE FUNCTION touch()", Enabled: "D", Constraint: true, Comment: "t"}, {Name: "events_trunc", Timing: "AFTER", Events: []string{"TRUNCATE"}, Function: "audit.log_change('x')"}},
						Policies:    []Policy{{Name: "p_read", Command: "SELECT", Permissive: true, Roles: []string{"app", "public"}, Using: "(ok = true)", Comment: "p"}, {Name: "p_write", Command: "ALL", Roles: []string{"app"}, Check: "(n > 0)"}},
						Unlogged:    true,
						RLS:         true,
						RLSForced:   true,
						Options:     []string{"autovacuum_enabled=false", "fillfactor=70"},
						Inherits:    []string{"public.base"},
						PartitionBy: &PartitionBy{Strategy: "RANGE", Key: "(at, id)"},
					},
					{
						Name:        "events_2026",
						Columns:     []Column{{Name: "id", Type: "bigint"}},
						PartitionOf: &PartitionOf{Parent: "events", Bound: "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"},
						PartitionBy: &PartitionBy{Strategy: "LIST", Key: "(lower(code))"},
					},
					{
						Name:    "users",
						Columns: []Column{{Name: "order id", Type: "smallint", Default: "nextval('users_order id_seq'::regclass)"}, {Name: "n", Type: "bigint", Default: "42"}},
						ForeignKeys: []ForeignKey{
							{Name: "users_clash_fk", Columns: []string{"n"}, RefSchema: "billing", RefTable: "users", RefColumns: []string{"id"}, OnUpdate: "NO ACTION", OnDelete: "NO ACTION"},
						},
					},
				},
				Views: []View{
					{Name: "active", Def: " SELECT events.id,\n    events.at\n   FROM events\n  WHERE events.ok;", Columns: []Column{{Name: "id", Type: "bigint", Nullable: true}, {Name: "at", Type: "timestamp with time zone", Nullable: true}},
						CheckOption: "LOCAL", Options: []string{"security_barrier=true"}, Comment: "active events",
						Triggers: []Trigger{{Name: "active_ins", Timing: "INSTEAD OF", Events: []string{"INSERT"}, ForEachRow: true, Function: "touch()"}}},
					{Name: "stats", Materialized: true, Def: "SELECT count(*) AS n FROM events", Columns: []Column{{Name: "n", Type: "bigint", Nullable: true}},
						Indexes:   []Index{{Name: "stats_n", Unique: true, Method: "btree", Parts: []IndexPart{{Column: "n"}}}},
						DependsOn: []string{"elsewhere.gone", "public.active", "public.add()", "public.touch()"}},
				},
				Routines: []Routine{
					fn,
					{Name: "add", Kind: "FUNCTION", Args: "a integer, b integer", Returns: "integer", Language: "sql", Volatility: "IMMUTABLE", Strict: true, Leakproof: true, Parallel: "SAFE", Body: "SELECT a + b", Comment: "adds"},
					{Name: "add", Kind: "FUNCTION", Args: "a numeric, b numeric DEFAULT 0", Returns: "numeric", Language: "sql", SecurityDefiner: true, Config: []string{"search_path=public"}, Body: "SELECT a + b", DependsOn: []string{"public.stats"}},
					{Name: "secret", Kind: "PROCEDURE", Args: "IN x text", Language: "plpgsql", BodyHidden: true},
					{Name: "total", Kind: "AGGREGATE", Args: "double precision", Returns: "double precision", Body: ""},
				},
				Sequences: []Sequence{
					{Name: "counter", Type: "integer", Start: 10, Increment: -1, Min: -100, Max: 10, Cache: 1, Cycle: true, OwnedBy: "users.n", Comment: "seq"},
					{Name: "plain", Start: 1, Increment: 1, Min: 1, Max: 9223372036854775807, Cache: 1},
				},
				Enums:      []Enum{{Name: "plan", Values: []string{"a\"b", "c d", "${x}"}}, {Name: "mood", Values: []string{}}},
				Domains:    []Domain{{Name: "us_zip", Type: "text", NotNull: true, Default: "'00000'::text", Collation: "C", Comment: "zip", Checks: []Check{{Name: "us_zip_check", Expr: "(VALUE ~ '^\\d{5}$'::text)"}}}},
				Composites: []Composite{{Name: "address", Comment: "addr", Fields: []Column{{Name: "street", Type: "text", Nullable: true}, {Name: "no", Type: "integer", Nullable: true, Collation: ""}}}},
			},
		},
	}
	s.Canonicalize()
	return s
}

// fixtureMySQLFull fills every MySQL field of the model.
func fixtureMySQLFull() *Snapshot {
	s := &Snapshot{Dialect: MySQL, Schemas: []Schema{{
		Name: "shop", Charset: "utf8mb4", Collation: "utf8mb4_0900_ai_ci",
		Tables: []Table{
			{
				Name: "items", Comment: "items", Engine: "MyISAM", Charset: "latin1", Collation: "latin1_swedish_ci",
				RowFormat: "COMPRESSED", Partitioning: "PARTITION BY HASH (`id`)\nPARTITIONS 4",
				Columns: []Column{
					{Name: "id", Type: "int unsigned", AutoIncrement: true},
					{Name: "flag", Type: "tinyint(1)", Default: "1", DefaultLiteral: true},
					{Name: "price", Type: "decimal(10,2)", Default: "0.00", DefaultLiteral: true},
					{Name: "qty", Type: "int", Default: "-3", DefaultLiteral: true},
					{Name: "uid", Type: "char(36)", Default: "(uuid())"},
					{Name: "kinds", Type: "set('a','b''c')", Nullable: true},
					{Name: "loc", Type: "point", SRID: ptr(4326), Invisible: true},
					{Name: "doc", Type: "json", Nullable: true, Comment: "the doc"},
					{Name: "zf", Type: "int(5) unsigned zerofill", Nullable: true},
					{Name: "full", Type: "varchar(10)", Generated: &Generated{Expr: "concat(`a`,`b`)"}},
					{Name: "empty", Type: "varchar(10)", Default: "", DefaultLiteral: true},
				},
				PrimaryKey: &Key{Name: "PRIMARY", Columns: []string{"id"}},
				Indexes: []Index{
					{Name: "ft", Method: "FULLTEXT", Parts: []IndexPart{{Column: "doc"}}, Parser: "ngram"},
					{Name: "sp", Method: "SPATIAL", Parts: []IndexPart{{Column: "loc"}}, Invisible: true, Comment: "spatial"},
					{Name: "h", Method: "HASH", Parts: []IndexPart{{Column: "id"}, {Expr: "(`qty` * 2)", Desc: true}}},
				},
				Checks: []Check{{Name: "qty_chk", Expr: "(`qty` > -10)", NotEnforced: true}},
			},
		},
		Views:    []View{{Name: "v", Def: "select `shop`.`items`.`id` AS `id` from `shop`.`items`", Algorithm: "MERGE", Security: "INVOKER", CheckOption: "CASCADED"}},
		Routines: []Routine{{Name: "p", Kind: "PROCEDURE", Args: "IN n int", Deterministic: true, DataAccess: "READS SQL DATA", Body: "BEGIN\n  SELECT n;\nEND", Comment: "proc"}},
		Events:   []Event{{Name: "purge", Schedule: "EVERY 1 DAY STARTS '2026-01-01 00:00:00'", OnCompletion: "NOT PRESERVE", Status: "ENABLED", Body: "DELETE FROM items WHERE qty = 0", Comment: "nightly"}},
	}}}
	s.Schemas[0].Tables[0].Triggers = []Trigger{{Name: "items_bi", Timing: "BEFORE", Events: []string{"INSERT"}, ForEachRow: true, Body: "SET NEW.qty = GREATEST(NEW.qty, 0)", Order: 2}}
	s.Canonicalize()
	return s
}

// fixtureSQLiteFull fills the SQLite fields of the model.
func fixtureSQLiteFull() *Snapshot {
	s := &Snapshot{Dialect: SQLite, Schemas: []Schema{{
		Name: "main",
		Tables: []Table{
			{Name: "authors", Strict: true, WithoutRowID: true,
				Columns: []Column{
					{Name: "id", Type: "INTEGER"},
					{Name: "name", Type: "text", Default: "'anon''s'", Collation: "NOCASE"},
					{Name: "score", Type: "real", Default: "1.5"},
					{Name: "blob", Type: ""},
					{Name: "at", Type: "datetime", Default: "CURRENT_TIMESTAMP", Generated: nil},
					{Name: "h", Type: "text", Invisible: true, Generated: &Generated{Expr: "upper(name)", Stored: false}},
					{Name: "custom", Type: "my type(3)", Nullable: true},
				},
				PrimaryKey: &Key{Name: "pk", Columns: []string{"id"}, Parts: []IndexPart{{Column: "id", Desc: true}}, AutoIncrement: true, Conflict: "REPLACE"},
				Uniques:    []Key{{Name: "authors_name", Columns: []string{"name"}, Conflict: "IGNORE"}},
				// An unnamed key, one really named "7" and one that
				// references a primary key by table alone.
				ForeignKeys: []ForeignKey{
					{Columns: []string{"id"}, RefTable: "authors", RefColumns: []string{"id"}, OnUpdate: "NO ACTION", OnDelete: "NO ACTION"},
					{Name: "7", Columns: []string{"id"}, RefTable: "authors", RefColumns: []string{"id"}, OnUpdate: "NO ACTION", OnDelete: "NO ACTION"},
					{Name: "to_pk", Columns: []string{"id"}, RefTable: "authors", OnUpdate: "NO ACTION", OnDelete: "NO ACTION"},
				},
				Indexes: []Index{{Name: "authors_score", Parts: []IndexPart{{Column: "score", Collation: "BINARY"}}, Where: "score > 0"}},
				Checks:  []Check{{Name: "", Expr: "score >= 0"}},
			},
		},
		Views: []View{{Name: "top", Def: "CREATE VIEW top AS\nSELECT * FROM authors\nWHERE score > 10"}},
	}}}
	s.Schemas[0].Tables[0].Triggers = []Trigger{{Name: "authors_au", Timing: "AFTER", Events: []string{"UPDATE"}, Columns: []string{"score"}, ForEachRow: true, When: "NEW.score < 0", Body: "BEGIN\n  SELECT RAISE(ABORT, 'neg');\nEND"}}
	s.Canonicalize()
	return s
}

// fixtureQuoting holds names and text that need escaping in HCL.
func fixtureQuoting() *Snapshot {
	s := &Snapshot{Dialect: Postgres, Schemas: []Schema{{
		Name: "my-app", Comment: "quote \" backslash \\ tab \t ${not} %{nor} é ✓ \u0001 \u2028",
		Tables: []Table{{
			Name: "Order Items", Comment: "line one\nline two",
			Columns: []Column{
				{Name: "order id", Type: "integer"},
				{Name: "note", Type: "text", Nullable: true, Default: "'${x} %{y} \"q\" \\'::text", Comment: "${x}"},
				{Name: "ünï", Type: "my \"type\"", Nullable: true, Default: "'a\nb'::text"},
			},
			PrimaryKey: &Key{Name: "Order Items_pkey", Columns: []string{"order id"}},
			Indexes:    []Index{{Name: "idx \"q\"", Method: "btree", Parts: []IndexPart{{Column: "order id"}, {Expr: "lower(note || '${x}')"}}, Where: "note <> '${x}\n'"}},
			Checks:     []Check{{Name: "ck\n", Expr: "note <> '%{y}'"}},
		}},
		Views: []View{
			{Name: "v\"1", Def: "SELECT '${x}' AS a,\n'%{y}' AS b\n"},
			{Name: "v2", Def: "  indented\n    body\r\nwith CR"},
			{Name: "v3", Def: "\n\nleading blank lines\n\ttab\n"},
		},
		Enums: []Enum{{Name: "e-1", Values: []string{"é", "\"", "\\", "${x}", "%{y}", "\n"}}},
	}}}
	s.Canonicalize()
	return s
}

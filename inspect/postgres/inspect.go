package postgres

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/schema"
)

// Timeouts of the inspecting transaction. A catalog query over tens of
// thousands of objects returns in seconds; two minutes means something is
// wrong. The only locks requested are catalog AccessShareLocks and, for view
// definitions, AccessShareLocks on the relations a view reads (released again
// before the transaction goes on): waiting more than a few seconds for one of
// them means DDL is running, and queueing behind it would stall that DDL's own
// waiters, so give up quickly instead.
const (
	statementTimeout = "120s"
	lockTimeout      = "3s"
	idleTimeout      = "300s"
	// workMem holds the sort of every column of 5,000 tables (about 15 MB)
	// in memory; it bounds each sort and hash of the inspecting session only.
	workMem = "64MB"
)

// beginTx opens the inspecting transaction: read only, one consistent
// snapshot for every query, bounded waits, and the search path that decides
// how catalog expressions are qualified. It is queued as the head of the first
// batch, so it costs no round trip of its own.
func (i *Inspector) beginTx(b *pgx.Batch) {
	b.Queue("BEGIN READ ONLY ISOLATION LEVEL REPEATABLE READ")
	i.settings(b)
}

// settings bounds the waits of the open transaction and sets the search path
// that decides how catalog expressions are qualified.
func (i *Inspector) settings(b *pgx.Batch) {
	b.Queue("SET LOCAL statement_timeout = '" + statementTimeout + "'")
	b.Queue("SET LOCAL lock_timeout = '" + lockTimeout + "'")
	b.Queue("SET LOCAL idle_in_transaction_session_timeout = '" + idleTimeout + "'")
	// Catalog queries are short joins over small, cached tables: JIT
	// compilation costs more than it saves (half a second at 5,000 tables),
	// parallel workers start with cold catalog caches, and the default
	// work_mem sends the larger sorts to disk. All three are user settings.
	b.Queue("SET LOCAL jit = off")
	b.Queue("SET LOCAL max_parallel_workers_per_gather = 0")
	b.Queue("SET LOCAL work_mem = '" + workMem + "'")
	// Realm scope empties search_path so that format_type, pg_get_expr and
	// friends qualify every user object; schema scope keeps the schema alone
	// on it so that its own objects stay unqualified (ATLAS-COMPAT.md §1).
	b.Queue("SELECT set_config('search_path', CASE WHEN $1::text = '' THEN '' ELSE quote_ident($1::text) END, true)", i.scope)
}

// Inspect reads every object of the scope into a canonical snapshot. It sends
// three network round trips on its connection whatever the size of the
// schema: the transaction start with the schema list, every per-kind query in
// one pipeline, and the commit. A large schema adds a second connection that
// shares the transaction's snapshot and runs part of the pipeline alongside
// (one more round trip there); see readCatalog.
func (i *Inspector) Inspect(ctx context.Context, opts inspect.Options) (snap *schema.Snapshot, err error) {
	i.stats = Stats{Connections: 1}
	schemas, exported, err := i.begin(ctx, true)
	if err != nil {
		return nil, err
	}
	defer func() {
		// Read only: ending with ROLLBACK or COMMIT is the same; COMMIT
		// reports a broken transaction where ROLLBACK would hide it.
		_, cerr := i.conn.Exec(ctx, "COMMIT")
		i.stats.Queries++
		i.stats.RoundTrips++
		if err == nil && cerr != nil {
			err = i.queryError(cerr)
		}
	}()
	names, sc, err := i.scopeSchemas(schemas, opts.Schemas)
	if err != nil {
		return nil, err
	}
	c := newCatalog(names)
	if len(names) > 0 {
		if err := i.readCatalog(ctx, c, exported); err != nil {
			return nil, err
		}
		l := c.indexLookup()
		if err := i.fix(ctx, c, c.resolveIndexes(l), c.resolveConstraints(l)); err != nil {
			return nil, err
		}
	}
	if i.pause != nil {
		if err := i.pause(ctx); err != nil {
			return nil, err
		}
	}
	snap = c.build(sc, i.scope == "")
	snap.Canonicalize()
	return snap, nil
}

// begin opens the inspecting transaction and lists the schemas in one round
// trip. When export is set and the database holds at least parallelMin
// relations outside the system schemas, it also exports the transaction's
// snapshot for a helper connection and returns its name. Should the export
// fail, the aborted transaction is rolled back and begun again without one.
func (i *Inspector) begin(ctx context.Context, export bool) ([]schemaRow, string, error) {
	b := &pgx.Batch{}
	i.beginTx(b)
	var schemas []schemaRow
	b.Queue(schemasQuery).Query(collect(&schemas))
	var (
		exported  *string
		exportErr error
	)
	if export {
		q := b.Queue(exportQuery, i.parallelMin)
		q.Fn = func(br pgx.BatchResults) error {
			exportErr = br.QueryRow().Scan(&exported)
			return exportErr
		}
	}
	err := i.send(ctx, b)
	if err == nil {
		return schemas, deref(exported), nil
	}
	var pg *pgconn.PgError
	if exportErr == nil || !errors.As(exportErr, &pg) {
		return nil, "", i.queryError(err)
	}
	if _, err := i.conn.Exec(ctx, "ROLLBACK"); err != nil {
		return nil, "", i.queryError(err)
	}
	i.stats.Queries++
	i.stats.RoundTrips++
	return i.begin(ctx, false)
}

// exportQuery exports the transaction's snapshot when the database holds at
// least $1 relations outside the system schemas: below that, a second
// connection costs more than it saves. Relations of every user schema are
// counted, whatever the scope, so that the catalog is read once.
const exportQuery = `
SELECT CASE WHEN count(*) >= $1::int THEN pg_export_snapshot() END
FROM pg_class
WHERE relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace, 'pg_toast'::regnamespace)`

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// send runs a batch in one network round trip.
func (i *Inspector) send(ctx context.Context, b *pgx.Batch) error {
	i.stats.Queries += b.Len()
	i.stats.RoundTrips++
	return i.conn.SendBatch(ctx, b).Close()
}

// scopeSchemas picks the schemas to inspect: the URL's search_path schema, or
// every user schema, narrowed by Options.Schemas.
func (i *Inspector) scopeSchemas(all []schemaRow, want []string) ([]string, []schemaRow, error) {
	var sc []schemaRow
	known := map[string]bool{}
	for _, s := range all {
		known[s.Name] = true
		switch {
		case i.scope != "":
			if s.Name == i.scope {
				sc = append(sc, s)
			}
		case isUserSchema(s):
			sc = append(sc, s)
		}
	}
	if i.scope != "" && !known[i.scope] {
		return nil, nil, fmt.Errorf("postgres: schema %q named by search_path %w", i.scope, inspect.ErrNotExist)
	}
	if len(want) > 0 {
		var missing []string
		keep := sc[:0:0]
		for _, w := range want {
			idx := slices.IndexFunc(sc, func(s schemaRow) bool { return s.Name == w })
			if idx < 0 {
				missing = append(missing, fmt.Sprintf("%q", w))
				continue
			}
			keep = append(keep, sc[idx])
		}
		if len(missing) > 0 {
			return nil, nil, fmt.Errorf("postgres: schema %s %w in this database", strings.Join(missing, ", "), inspect.ErrNotExist)
		}
		sc = keep
	}
	names := make([]string, len(sc))
	for k, s := range sc {
		names[k] = s.Name
	}
	return names, sc, nil
}

// isUserSchema hides the system schemas and those an extension owns.
func isUserSchema(s schemaRow) bool {
	switch {
	case s.ExtOwned,
		s.Name == "information_schema", s.Name == "pg_catalog", s.Name == "pg_toast",
		s.Name == "crdb_internal", s.Name == "pg_extension",
		strings.HasPrefix(s.Name, "pg_temp_"), strings.HasPrefix(s.Name, "pg_toast_temp_"):
		return false
	}
	return true
}

// fix has the server print the indexes and name the columns of the
// constraints that resolveIndexes and resolveConstraints could not, in one
// more round trip, and only when there are any.
func (i *Inspector) fix(ctx context.Context, c *catalog, indexes, constraints []uint32) error {
	if len(indexes) == 0 && len(constraints) == 0 {
		return nil
	}
	var (
		ixRows  []indexFixRow
		conRows []constraintFixRow
	)
	b := &pgx.Batch{}
	if len(indexes) > 0 {
		b.Queue(indexFixQuery, indexes).Query(collect(&ixRows))
	}
	if len(constraints) > 0 {
		b.Queue(constraintFixQuery, constraints).Query(collect(&conRows))
	}
	if err := i.send(ctx, b); err != nil {
		return i.queryError(err)
	}
	c.applyIndexFixes(indexes, ixRows)
	c.applyConstraintFixes(conRows)
	return nil
}

// query is one per-kind catalog query and where its rows go.
type query struct {
	sql  string
	args []any
	dst  func(pgx.Rows) error
}

// readCatalog sends one query per object kind for the whole scope, pipelined
// into one round trip. View definitions are read last, inside a savepoint:
// pg_get_viewdef takes AccessShareLock on the relations a view reads, and
// rolling back to the savepoint releases those locks (the rows are already
// read), so the transaction holds no lock on any user relation afterwards.
//
// With an exported snapshot, the constraint and index queries (the ones
// that deparse expressions on the server, about half of its work) go to a
// helper connection that imports the snapshot, so both halves run at once
// and read the same state. A helper that cannot connect or import the
// snapshot (a role's connection limit, a pooler) costs one more round trip:
// its queries then run here.
func (i *Inspector) readCatalog(ctx context.Context, c *catalog, exported string) error {
	c.realm = i.scope == ""
	q := func(sql string, dst func(pgx.Rows) error) query {
		return query{sql: i.fl.query(sql), args: []any{c.names}, dst: dst}
	}
	mine := []query{
		{sql: extensionsQuery, args: []any{c.names, c.realm}, dst: collect(&c.extensions)},
		q(tablesQuery, collect(&c.tables)),
		q(columnsQuery, collect(&c.columns)),
		q(triggersQuery, collect(&c.triggers)),
		q(policiesQuery, collect(&c.policies)),
		q(routinesQuery, collect(&c.routines)),
		q(sequencesQuery, collect(&c.sequences)),
		q(typesQuery, collect(&c.types)),
		q(domainChecksQuery, collect(&c.domainChecks)),
		q(unsupportedQuery, collect(&c.unsupported)),
		{sql: opclassesQuery, dst: collect(&c.opclasses)},
		{sql: castsQuery, dst: collect(&c.casts)},
		{sql: collationsQuery, dst: collect(&c.collations)},
	}
	theirs := []query{
		q(constraintsQuery, collect(&c.constraints)),
		q(indexesQuery, collect(&c.indexes)),
	}
	helped := make(chan helperResult, 1)
	// Should this connection's queries fail, the helper's are cancelled
	// rather than left to run out their statement timeout.
	hctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if exported != "" {
		go func() { helped <- i.runHelper(hctx, exported, theirs) }()
	} else {
		mine = append(mine, theirs...)
		helped <- helperResult{}
	}
	err := i.readOwn(ctx, c, mine)
	if err != nil {
		cancel()
	}
	h := <-helped
	i.stats.Queries += h.queries
	i.stats.RoundTrips += h.roundTrips
	i.stats.Connections += h.connections
	switch {
	case err != nil:
		return err
	case h.err != nil:
		return h.err
	case h.unavailable:
		b := &pgx.Batch{}
		for _, x := range theirs {
			b.Queue(x.sql, x.args...).Query(x.dst)
		}
		return i.queryError(i.send(ctx, b))
	}
	return nil
}

// readOwn runs the queries, then the views query inside its savepoint, on the
// inspecting connection in one round trip.
func (i *Inspector) readOwn(ctx context.Context, c *catalog, qs []query) error {
	b := &pgx.Batch{}
	for _, x := range qs {
		b.Queue(x.sql, x.args...).Query(x.dst)
	}
	b.Queue("SAVEPOINT sw_views")
	var viewsErr error
	b.Queue(i.fl.query(viewsQuery), c.names).Query(func(rows pgx.Rows) error {
		viewsErr = collect(&c.views)(rows)
		return nil
	})
	b.Queue("ROLLBACK TO SAVEPOINT sw_views")
	err := i.send(ctx, b)
	if viewsErr == nil {
		return i.queryError(err)
	}
	// The view query failed (a lock held by running DDL, most likely); the
	// server skipped the rest of the pipeline, so roll back separately and go
	// on with a note rather than abort.
	var pg *pgconn.PgError
	if !errors.As(viewsErr, &pg) {
		return i.queryError(viewsErr)
	}
	if _, err := i.conn.Exec(ctx, "ROLLBACK TO SAVEPOINT sw_views"); err != nil {
		return i.queryError(err)
	}
	i.stats.Queries++
	i.stats.RoundTrips++
	c.views = nil
	c.notes = append(c.notes, schema.Note{Object: "views", Reason: "view definitions could not be read: " + pg.Message})
	return nil
}

// helperResult is what the helper connection did: its counts, and either an
// error of its queries or unavailable when it could not take part at all.
type helperResult struct {
	queries, roundTrips, connections int
	unavailable                      bool
	err                              error
}

// snapshotName matches what pg_export_snapshot returns, so that the name can
// be spliced into SET TRANSACTION SNAPSHOT, which takes no parameter.
var snapshotName = regexp.MustCompile(`^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$`)

// runHelper runs qs on the helper connection, in a transaction that imports
// the exported snapshot, in one round trip. The connection is opened on first
// use and kept for the next inspection; after any failure it is closed.
func (i *Inspector) runHelper(ctx context.Context, exported string, qs []query) (r helperResult) {
	if !snapshotName.MatchString(exported) {
		return helperResult{unavailable: true}
	}
	if i.helper == nil {
		conn, err := pgx.ConnectConfig(ctx, i.cfg)
		if err != nil {
			return helperResult{unavailable: true}
		}
		i.helper = conn
	}
	r.connections = 1
	b := &pgx.Batch{}
	b.Queue("BEGIN READ ONLY ISOLATION LEVEL REPEATABLE READ")
	imported := false
	b.Queue("SET TRANSACTION SNAPSHOT '" + exported + "'").Exec(func(pgconn.CommandTag) error {
		imported = true
		return nil
	})
	i.settings(b)
	for _, x := range qs {
		b.Queue(x.sql, x.args...).Query(x.dst)
	}
	b.Queue("COMMIT")
	r.queries, r.roundTrips = b.Len(), 1
	if err := i.helper.SendBatch(ctx, b).Close(); err != nil {
		i.helper.Close(ctx)
		i.helper = nil
		if !imported {
			// The transaction or the snapshot import failed: the
			// queries never ran, so they run on the inspecting
			// connection instead.
			r.unavailable = true
			return r
		}
		r.err = i.queryError(err)
	}
	return r
}

// queryError reduces a pgx error during inspection to one line.
func (i *Inspector) queryError(err error) error {
	if err == nil {
		return nil
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return fmt.Errorf("postgres: inspecting: %s", pg.Message)
	}
	return fmt.Errorf("postgres: inspecting: %w", err)
}

// collect scans every row of a query into dst by column name. The columns
// are matched to the fields of T once per query: pgx.RowToStructByName does
// it again for every row, which at 50,000 column rows cost more than the
// decoding itself.
func collect[T any](dst *[]T) func(pgx.Rows) error {
	return func(rows pgx.Rows) error {
		defer rows.Close()
		var (
			row, zero T
			targets   []any
			// Rows go into fixed-size chunks joined once at the end:
			// growing one slice of 50,000 wide rows by doubling copied
			// them again and again (a tenth of a second at 5,000 tables).
			chunks [][]T
			chunk  []T
			n      int
		)
		for rows.Next() {
			if targets == nil {
				var err error
				if targets, err = scanTargets(&row, rows.FieldDescriptions()); err != nil {
					return err
				}
			}
			// Start each row from the zero value, so that no pointer field
			// keeps (and reuses) the previous row's value.
			row = zero
			if err := rows.Scan(targets...); err != nil {
				return err
			}
			if len(chunk) == cap(chunk) {
				chunk = make([]T, 0, collectChunk)
				chunks = append(chunks, chunk)
			}
			chunk = append(chunk, row)
			chunks[len(chunks)-1] = chunk
			n++
		}
		if n > 0 {
			out := make([]T, 0, n)
			for _, c := range chunks {
				out = append(out, c...)
			}
			*dst = out
		}
		return rows.Err()
	}
}

// collectChunk is the number of rows collect gathers before starting a new
// chunk.
const collectChunk = 1024

// scanTargets returns, in the order of the result columns, the address of
// the field of *ptr whose db tag names each column. Every column must have
// a field and every tagged field a column, as with pgx.RowToStructByName.
func scanTargets(ptr any, cols []pgconn.FieldDescription) ([]any, error) {
	v := reflect.ValueOf(ptr).Elem()
	byName := map[string]int{}
	for i := range v.NumField() {
		if tag := v.Type().Field(i).Tag.Get("db"); tag != "" {
			byName[tag] = i
		}
	}
	if len(cols) != len(byName) {
		return nil, fmt.Errorf("postgres: inspecting: %d columns for the %d fields of %s", len(cols), len(byName), v.Type())
	}
	targets := make([]any, len(cols))
	for k, c := range cols {
		i, ok := byName[c.Name]
		if !ok {
			return nil, fmt.Errorf("postgres: inspecting: column %s has no field in %s", c.Name, v.Type())
		}
		targets[k] = v.Field(i).Addr().Interface()
	}
	return targets, nil
}

// schemaRow is one row of schemasQuery.
type schemaRow struct {
	Name     string `db:"name"`
	Comment  string `db:"comment"`
	ExtOwned bool   `db:"ext_owned"`
}

// schemasQuery lists every schema of the database with its comment and
// whether an extension owns it; Go then picks the scope, so that a schema
// named by the user but missing is reported by name.
const schemasQuery = `
SELECT n.nspname AS name,
       coalesce(d.description, '') AS comment,
       EXISTS (SELECT 1 FROM pg_depend e
               WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid AND e.deptype = 'e') AS ext_owned
FROM pg_namespace n
LEFT JOIN pg_description d ON d.classoid = 'pg_namespace'::regclass AND d.objoid = n.oid AND d.objsubid = 0
ORDER BY n.nspname`

package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/schema"
)

// begin prepares the session every catalog query of one Inspect runs in: the
// flavour is read first, then a per-statement time limit is set and one
// read-only consistent-snapshot transaction is opened. Everything happens on
// conn, so the session settings and the snapshot cover every query.
//
// Metadata locks: information_schema and SHOW CREATE take MDL_SHARED_HIGH_PRIO
// locks on user tables only while a statement reads them and release them
// before it returns (MariaDB sql_show.cc rolls back to an MDL savepoint per
// table), and the transaction reads no user table, so an ALTER TABLE running
// beside an inspection is never blocked by it. TestNoMetadataLocks checks this
// on MariaDB, whose performance_schema is off here.
func (s *session) begin(ctx context.Context, timeout time.Duration) (flavor, error) {
	var v string
	if err := s.queryRow(ctx, "SELECT VERSION()", nil, &v); err != nil {
		return flavor{}, err
	}
	fl, err := parseFlavor(v)
	if err != nil {
		return fl, err
	}
	if q := fl.timeoutStmt(timeout); q != "" {
		if err := s.exec(ctx, q); err != nil {
			return fl, err
		}
	}
	if err := s.exec(ctx, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ"); err != nil {
		return fl, err
	}
	return fl, s.exec(ctx, fl.beginStmt())
}

// end closes the transaction; it ran no write, so ROLLBACK loses nothing.
func (s *session) end(ctx context.Context) error {
	_, err := s.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	if err != nil {
		return fmt.Errorf("mysql: closing the read transaction: %w", err)
	}
	return nil
}

// session is one connection and the count of its round trips.
type session struct {
	conn    *sql.Conn
	queries int
}

func (s *session) exec(ctx context.Context, q string) error {
	s.queries++
	if _, err := s.conn.ExecContext(ctx, q); err != nil {
		return queryError(q, err)
	}
	return nil
}

func (s *session) queryRow(ctx context.Context, q string, args []any, dest ...any) error {
	s.queries++
	if err := s.conn.QueryRowContext(ctx, q, args...).Scan(dest...); err != nil {
		return queryError(q, err)
	}
	return nil
}

// query runs q and calls scan for every row.
func (s *session) query(ctx context.Context, q string, args []any, scan func(*sql.Rows) error) (err error) {
	s.queries++
	rows, err := s.conn.QueryContext(ctx, q, args...)
	if err != nil {
		return queryError(q, err)
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return queryError(q, err)
		}
	}
	if err := rows.Err(); err != nil {
		return queryError(q, err)
	}
	return nil
}

// queryError names the catalog a failed query read, in one line.
func queryError(q string, err error) error {
	what := strings.Fields(q)
	name := q
	for i, w := range what {
		if strings.EqualFold(w, "FROM") && i+1 < len(what) {
			name = what[i+1]
			break
		}
	}
	if len(name) > 60 {
		name = name[:60]
	}
	var me *mysql.MySQLError
	if errors.As(err, &me) && (me.Number == 1969 || me.Number == 3024) {
		return fmt.Errorf("mysql: reading %s: the statement time limit was reached (raise Inspector.StatementTimeout): %s", name, oneLine(me.Message))
	}
	return fmt.Errorf("mysql: reading %s: %w", name, err)
}

// Inspect reads every object of the scope: the URL's database, or every user
// database (never information_schema, innodb, mysql, performance_schema,
// sys), narrowed by opts.Schemas. Include and Exclude are left to
// inspect.Filter. Each object kind is one query for the whole scope; SHOW
// CREATE is sent once per partitioned table, per table with a FULLTEXT index
// (for the parser), and, on MySQL only, per view (for the algorithm), since
// no catalog table holds those facts.
func (in *Inspector) Inspect(ctx context.Context, opts inspect.Options) (_ *schema.Snapshot, err error) {
	conn, err := in.db.Conn(ctx)
	if err != nil {
		return nil, in.connError("", err)
	}
	defer func() { err = errors.Join(err, conn.Close()) }()
	s := &session{conn: conn}
	defer func() { in.queries = s.queries }()
	fl, err := s.begin(ctx, in.StatementTimeout)
	if err != nil {
		return nil, err
	}
	defer func() {
		if e := s.end(ctx); e != nil && err == nil {
			err = e
		}
	}()
	r := &reader{s: s, fl: fl, tables: map[string]*schema.Table{}, views: map[string]*schema.View{}}
	if err := r.readSchemas(ctx, in.scope, opts.Schemas); err != nil {
		return nil, err
	}
	steps := []func(context.Context) error{
		r.readTables, r.readColumns, r.readIndexes, r.readForeignKeys, r.readChecks,
		r.readShowCreate, r.readViews, r.readTriggers, r.readRoutines, r.readEvents, r.readHiddenEvents, r.readSequences,
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}
	snap := r.snapshot()
	snap.Canonicalize()
	return snap, nil
}

// reader accumulates one inspection.
type reader struct {
	s        *session
	fl       flavor
	schemas  []schema.Schema
	tables   map[string]*schema.Table // key: schema NUL table
	order    []string                 // table keys in catalog order
	views    map[string]*schema.View
	viewKeys []string
	// needCreate lists table keys whose SHOW CREATE TABLE is needed.
	needCreate []string
	routines   map[string]*schema.Routine
	rtKeys     []string
	sequences  []seqRef
	notes      []schema.Note
	// tableCollation is each table's default collation, to drop column
	// collations equal to it.
	tableCollation map[string]string
}

type seqRef struct{ schema, name string }

func key(schemaName, name string) string { return schemaName + "\x00" + name }

func splitKey(k string) (string, string) {
	a, b, _ := strings.Cut(k, "\x00")
	return a, b
}

// scoped builds one statement from q, which filters with "= ?" on the
// column MariaDB uses to choose the databases it opens, repeated per schema
// with UNION ALL. An IN list would make MariaDB open every table of every
// database (EXPLAIN says "Scanned all databases"); equality with one value
// scans one database.
func (r *reader) scoped(q, orderBy string) (string, []any) {
	q = r.fl.querySubst(q)
	parts := make([]string, len(r.schemas))
	args := make([]any, len(r.schemas))
	for i, sc := range r.schemas {
		parts[i] = q
		args[i] = sc.Name
	}
	return strings.Join(parts, "\nUNION ALL\n") + "\nORDER BY " + orderBy, args
}

func (r *reader) readSchemas(ctx context.Context, scope string, want []string) error {
	all := map[string]schema.Schema{}
	var names []string
	err := r.s.query(ctx, r.fl.querySubst(schemasQuery), nil, func(rows *sql.Rows) error {
		var sc schema.Schema
		if err := rows.Scan(&sc.Name, &sc.Charset, &sc.Collation, &sc.Comment); err != nil {
			return err
		}
		all[sc.Name] = sc
		names = append(names, sc.Name)
		return nil
	})
	if err != nil {
		return err
	}
	var pick []string
	switch {
	case scope != "":
		if _, ok := all[scope]; !ok {
			return fmt.Errorf("mysql: database %q %w (or this user may not see it)", scope, inspect.ErrNotExist)
		}
		for _, w := range want {
			if w != scope {
				return fmt.Errorf("mysql: schema %q %w in this scope: the URL names database %q", w, inspect.ErrNotExist, scope)
			}
		}
		pick = []string{scope}
	case len(want) > 0:
		for _, w := range want {
			if _, ok := all[w]; !ok {
				return fmt.Errorf("mysql: schema %q %w (or this user may not see it)", w, inspect.ErrNotExist)
			}
		}
		pick = slices.Compact(slices.Sorted(slices.Values(want)))
	default:
		for _, n := range names {
			if !isSystemSchema(n) {
				pick = append(pick, n)
			}
		}
	}
	for _, n := range pick {
		r.schemas = append(r.schemas, all[n])
	}
	return nil
}

func (r *reader) readTables(ctx context.Context) error {
	if len(r.schemas) == 0 {
		return nil
	}
	r.tableCollation = map[string]string{}
	q, args := r.scoped(tablesQuery, "TABLE_SCHEMA, TABLE_NAME")
	return r.s.query(ctx, q, args, func(rows *sql.Rows) error {
		var sc, name, typ, engine, opts, coll, comment string
		if err := rows.Scan(&sc, &name, &typ, &engine, &opts, &coll, &comment); err != nil {
			return err
		}
		if typ == "SEQUENCE" {
			r.sequences = append(r.sequences, seqRef{sc, name})
			return nil
		}
		t := &schema.Table{Name: name, Comment: comment, Engine: engine, Collation: coll, Charset: charsetOf(coll)}
		if coll == "" {
			t.Charset = ""
		}
		t.RowFormat, t.Options = createOptions(opts)
		if typ == "SYSTEM VERSIONED" {
			t.Options = append(t.Options, "with_system_versioning")
		}
		k := key(sc, name)
		r.tables[k] = t
		r.order = append(r.order, k)
		r.tableCollation[k] = coll
		if strings.Contains(strings.ToLower(opts), "partitioned") {
			r.needCreate = append(r.needCreate, k)
		}
		return nil
	})
}

func (r *reader) readColumns(ctx context.Context) error {
	if len(r.tables) == 0 {
		return nil
	}
	q, args := r.scoped(columnsQuery, "TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION")
	return r.s.query(ctx, q, args, func(rows *sql.Rows) error {
		var c colRow
		var nullable string
		if err := rows.Scan(&c.Schema, &c.Table, &c.Name, &c.Ordinal, &c.Default, &nullable, &c.DataType,
			&c.ColumnType, &c.Collation, &c.Extra, &c.Comment, &c.GenExpr, &c.SRID); err != nil {
			return err
		}
		k := key(c.Schema, c.Table)
		t := r.tables[k]
		if t == nil { // a view's or sequence's columns
			return nil
		}
		c.Nullable = nullable == "YES"
		t.Columns = append(t.Columns, r.fl.column(c, r.tableCollation[k]))
		return nil
	})
}

func (r *reader) readIndexes(ctx context.Context) error {
	if len(r.tables) == 0 {
		return nil
	}
	q, args := r.scoped(indexesQuery, "TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")
	fulltext := map[string]bool{}
	err := r.s.query(ctx, q, args, func(rows *sql.Rows) error {
		var sc, tname, iname, typ, comment, ignored string
		var nonUnique, seq int
		var col, expr, coll sql.NullString
		var sub sql.NullInt64
		if err := rows.Scan(&sc, &tname, &iname, &nonUnique, &seq, &col, &expr, &sub, &coll, &typ, &comment, &ignored); err != nil {
			return err
		}
		k := key(sc, tname)
		t := r.tables[k]
		if t == nil {
			return nil
		}
		part := schema.IndexPart{Column: col.String, Desc: coll.String == "D", Prefix: int(sub.Int64)}
		if typ == "SPATIAL" {
			// MariaDB reports SUB_PART 32 for a spatial key part; it is no
			// prefix and cannot be written as one.
			part.Prefix = 0
		}
		if expr.Valid && expr.String != "" {
			part = schema.IndexPart{Expr: r.fl.normExpr(expr.String), Desc: coll.String == "D"}
		}
		if iname == "PRIMARY" {
			if t.PrimaryKey == nil {
				t.PrimaryKey = &schema.Key{Name: iname}
			}
			t.PrimaryKey.Columns = append(t.PrimaryKey.Columns, part.Column)
			t.PrimaryKey.Parts = append(t.PrimaryKey.Parts, part)
			return nil
		}
		if n := len(t.Indexes); n == 0 || t.Indexes[n-1].Name != iname {
			ix := schema.Index{Name: iname, Unique: nonUnique == 0, Comment: comment, Invisible: ignored == "YES"}
			// BTREE is the default except on MEMORY tables, whose default is
			// HASH: there the type is always kept.
			if typ != "BTREE" || strings.EqualFold(t.Engine, "MEMORY") {
				ix.Method = typ
			}
			if typ == "FULLTEXT" && !fulltext[k] {
				fulltext[k] = true
				r.needCreate = append(r.needCreate, k)
			}
			t.Indexes = append(t.Indexes, ix)
		}
		ix := &t.Indexes[len(t.Indexes)-1]
		ix.Parts = append(ix.Parts, part)
		return nil
	})
	if err != nil {
		return err
	}
	// Key.Parts is only set when a part says more than its column name.
	for _, t := range r.tables {
		if pk := t.PrimaryKey; pk != nil && !slices.ContainsFunc(pk.Parts, func(p schema.IndexPart) bool { return p.Desc || p.Prefix > 0 }) {
			pk.Parts = nil
		}
	}
	return nil
}

func (r *reader) readForeignKeys(ctx context.Context) error {
	if len(r.tables) == 0 {
		return nil
	}
	// Two queries, not a join: MariaDB 10.11 joins KEY_COLUMN_USAGE with
	// REFERENTIAL_CONSTRAINTS by opening tables again per row (measured for
	// the issue at 5,000 tables: 3.5 s joined, 0.45 s for the two queries).
	q, args := r.scoped(fkColumnsQuery, "TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")
	// Positions, not pointers: t.ForeignKeys grows while rows arrive.
	type fkPos struct {
		t *schema.Table
		i int
	}
	fks := map[string]fkPos{}
	err := r.s.query(ctx, q, args, func(rows *sql.Rows) error {
		var sc, tname, name, col, rsc, rtab, rcol string
		var pos int
		if err := rows.Scan(&sc, &tname, &name, &pos, &col, &rsc, &rtab, &rcol); err != nil {
			return err
		}
		t := r.tables[key(sc, tname)]
		if t == nil {
			return nil
		}
		k := key(key(sc, tname), name)
		p, ok := fks[k]
		if !ok {
			fk := schema.ForeignKey{Name: name, RefTable: rtab}
			if rsc != sc {
				fk.RefSchema = rsc
			}
			t.ForeignKeys = append(t.ForeignKeys, fk)
			p = fkPos{t, len(t.ForeignKeys) - 1}
			fks[k] = p
		}
		fk := &p.t.ForeignKeys[p.i]
		fk.Columns = append(fk.Columns, col)
		fk.RefColumns = append(fk.RefColumns, rcol)
		return nil
	})
	if err != nil || len(fks) == 0 {
		return err
	}
	q, args = r.scoped(fkRulesQuery, "CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME")
	return r.s.query(ctx, q, args, func(rows *sql.Rows) error {
		var sc, tname, name, upd, del string
		if err := rows.Scan(&sc, &tname, &name, &upd, &del); err != nil {
			return err
		}
		if p, ok := fks[key(key(sc, tname), name)]; ok {
			fk := &p.t.ForeignKeys[p.i]
			fk.OnUpdate, fk.OnDelete = normAction(upd), normAction(del)
		}
		return nil
	})
}

func (r *reader) readChecks(ctx context.Context) error {
	if len(r.tables) == 0 || !r.fl.HasCheckConstraints() {
		return nil
	}
	q := checksMySQLQuery
	if r.fl.HasColumnChecks() {
		q = checksMariaDBQuery
	}
	q, args := r.scoped(q, "CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME")
	return r.s.query(ctx, q, args, func(rows *sql.Rows) error {
		var sc, tname, name, level, clause, enforced string
		if err := rows.Scan(&sc, &tname, &name, &level, &clause, &enforced); err != nil {
			return err
		}
		t := r.tables[key(sc, tname)]
		if t == nil {
			return nil
		}
		c := schema.Check{Name: name, Expr: r.fl.normExpr(clause), NotEnforced: enforced == "NO"}
		if level == "Column" {
			// MariaDB spells JSON as longtext with this check; MySQL 8 has a
			// json type. The model says json either way.
			for i := range t.Columns {
				col := &t.Columns[i]
				if col.Type == "longtext" && isJSONCheck(col.Name, c) {
					col.Type, col.Charset, col.Collation = "json", "", ""
					return nil
				}
			}
		}
		t.Checks = append(t.Checks, c)
		return nil
	})
}

// readShowCreate reads the facts only SHOW CREATE TABLE has: the partition
// clause and FULLTEXT parsers. It runs once per partitioned table and per
// table with a FULLTEXT index, and never for the others.
func (r *reader) readShowCreate(ctx context.Context) error {
	slices.Sort(r.needCreate)
	for _, k := range slices.Compact(r.needCreate) {
		sc, name := splitKey(k)
		var n, create string
		err := r.s.queryRow(ctx, "SHOW CREATE TABLE "+quoteIdent(sc)+"."+quoteIdent(name), nil, &n, &create)
		var me *mysql.MySQLError
		if errors.As(err, &me) && me.Number == 1146 {
			r.notes = append(r.notes, schema.Note{Object: "table " + sc + "." + name, Reason: "dropped while the inspection ran"})
			continue
		}
		if err != nil {
			return err
		}
		t := r.tables[k]
		t.Partitioning = partitionClause(create)
		parsers := fulltextParsers(create)
		for i := range t.Indexes {
			t.Indexes[i].Parser = parsers[t.Indexes[i].Name]
		}
	}
	return nil
}

func (r *reader) readViews(ctx context.Context) error {
	if len(r.schemas) == 0 {
		return nil
	}
	q, args := r.scoped(viewsQuery, "TABLE_SCHEMA, TABLE_NAME")
	err := r.s.query(ctx, q, args, func(rows *sql.Rows) error {
		var sc, name, def, check, security string
		var alg sql.NullString
		if err := rows.Scan(&sc, &name, &def, &check, &security, &alg); err != nil {
			return err
		}
		v := &schema.View{Name: name, Def: stripSchema(def, sc), Security: security}
		if check != "NONE" {
			v.CheckOption = check
		}
		if alg.String != "UNDEFINED" {
			v.Algorithm = alg.String
		}
		if def == "" {
			r.notes = append(r.notes, schema.Note{Object: "view " + sc + "." + name, Reason: "definition not visible to this user (grant SHOW VIEW)"})
		}
		k := key(sc, name)
		r.views[k] = v
		r.viewKeys = append(r.viewKeys, k)
		return nil
	})
	if err != nil || r.fl.HasViewAlgorithm() {
		return err
	}
	// MySQL keeps the algorithm out of information_schema.VIEWS: one SHOW
	// CREATE VIEW per view.
	for _, k := range r.viewKeys {
		sc, name := splitKey(k)
		var n, create, cs, coll string
		if err := r.s.queryRow(ctx, "SHOW CREATE VIEW "+quoteIdent(sc)+"."+quoteIdent(name), nil, &n, &create, &cs, &coll); err != nil {
			return err
		}
		if m := algorithmRE.FindStringSubmatch(create); m != nil && m[1] != "UNDEFINED" {
			r.views[k].Algorithm = m[1]
		}
	}
	return nil
}

func (r *reader) readTriggers(ctx context.Context) error {
	if len(r.tables) == 0 {
		return nil
	}
	q, args := r.scoped(triggersQuery, "EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME")
	return r.s.query(ctx, q, args, func(rows *sql.Rows) error {
		var sc, tname, name, event, timing, body, orient string
		var order int
		if err := rows.Scan(&sc, &tname, &name, &event, &timing, &order, &body, &orient); err != nil {
			return err
		}
		t := r.tables[key(sc, tname)]
		if t == nil {
			return nil
		}
		t.Triggers = append(t.Triggers, schema.Trigger{
			Name: name, Timing: timing, Events: []string{event}, ForEachRow: orient == "ROW", Body: body, Order: order,
		})
		return nil
	})
}

func (r *reader) readRoutines(ctx context.Context) error {
	if len(r.schemas) == 0 {
		return nil
	}
	r.routines = map[string]*schema.Routine{}
	q, args := r.scoped(routinesQuery, "ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE")
	err := r.s.query(ctx, q, args, func(rows *sql.Rows) error {
		var sc, name, kind, det, access, security, comment string
		var returns, body sql.NullString
		if err := rows.Scan(&sc, &name, &kind, &returns, &body, &det, &access, &security, &comment); err != nil {
			return err
		}
		rt := &schema.Routine{
			Name: name, Kind: kind, Language: "SQL", Body: body.String, Deterministic: det == "YES",
			DataAccess: access, SecurityDefiner: security == "DEFINER", Comment: comment,
		}
		if kind == "FUNCTION" {
			rt.Returns = normType(returns.String)
		}
		if !body.Valid {
			rt.BodyHidden = true
			r.notes = append(r.notes, schema.Note{Object: strings.ToLower(kind) + " " + sc + "." + name,
				Reason: "body not visible to this user (MySQL 8: grant SHOW_ROUTINE or global SELECT; MariaDB: SELECT on mysql.proc)"})
		}
		k := key(sc, key(kind, name))
		r.routines[k] = rt
		r.rtKeys = append(r.rtKeys, k)
		return nil
	})
	if err != nil || len(r.routines) == 0 {
		return err
	}
	q, args = r.scoped(paramsQuery, "SPECIFIC_SCHEMA, SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION")
	return r.s.query(ctx, q, args, func(rows *sql.Rows) error {
		var sc, name, kind, dtd string
		var pos int
		var mode, pname sql.NullString
		if err := rows.Scan(&sc, &name, &kind, &pos, &mode, &pname, &dtd); err != nil {
			return err
		}
		rt := r.routines[key(sc, key(kind, name))]
		if rt == nil {
			return nil
		}
		arg := quoteIdent(pname.String) + " " + normType(dtd)
		if kind == "PROCEDURE" && mode.Valid {
			arg = mode.String + " " + arg
		}
		if rt.Args != "" {
			rt.Args += ", "
		}
		rt.Args += arg
		return nil
	})
}

func (r *reader) readEvents(ctx context.Context) error {
	if len(r.schemas) == 0 {
		return nil
	}
	q, args := r.scoped(eventsQuery, "EVENT_SCHEMA, EVENT_NAME")
	return r.s.query(ctx, q, args, func(rows *sql.Rows) error {
		var sc, name, body, typ, status, completion, comment string
		var at, starts, ends sql.NullTime
		var ival, field sql.NullString
		if err := rows.Scan(&sc, &name, &body, &typ, &at, &ival, &field, &starts, &ends, &status, &completion, &comment); err != nil {
			return err
		}
		ev := schema.Event{Name: name, Body: body, Status: status, Comment: comment, Schedule: schedule(typ, at, ival, field, starts, ends)}
		if completion == "PRESERVE" {
			ev.OnCompletion = completion
		}
		for i := range r.schemas {
			if r.schemas[i].Name == sc {
				r.schemas[i].Events = append(r.schemas[i].Events, ev)
			}
		}
		return nil
	})
}

// readHiddenEvents notes events information_schema.EVENTS hides: it lists
// only events in schemas where the user has the EVENT privilege, which the
// documented monitoring grants (SHOW DATABASES, SHOW VIEW, SELECT, TRIGGER) do
// not include. On MariaDB global SELECT can read mysql.event, so each hidden
// event becomes a Note instead of a silent gap. MySQL 8 has no readable
// mysql.event; there, grant EVENT to see events.
func (r *reader) readHiddenEvents(ctx context.Context) error {
	if !r.fl.IsMariaDB() || len(r.schemas) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, sc := range r.schemas {
		for _, ev := range sc.Events {
			seen[key(sc.Name, ev.Name)] = true
		}
	}
	q, args := r.scoped(hiddenEventsQuery, "db, name")
	err := r.s.query(ctx, q, args, func(rows *sql.Rows) error {
		var sc, name string
		if err := rows.Scan(&sc, &name); err != nil {
			return err
		}
		if !seen[key(sc, name)] {
			r.notes = append(r.notes, schema.Note{Object: "event " + sc + "." + name,
				Reason: "not visible in information_schema.EVENTS to this user (grant EVENT on the schema)"})
		}
		return nil
	})
	var me *mysql.MySQLError
	if errors.As(err, &me) && (me.Number == 1142 || me.Number == 1044) {
		return nil // mysql.event is not readable either: nothing to compare with
	}
	return err
}

const eventTime = "2006-01-02 15:04:05"

// schedule spells an event's schedule as CREATE EVENT takes it.
func schedule(typ string, at sql.NullTime, ival, field sql.NullString, starts, ends sql.NullTime) string {
	if typ == "ONE TIME" {
		return "AT '" + at.Time.Format(eventTime) + "'"
	}
	v := ival.String
	if isStringLiteral(v) { // MariaDB quotes compound values: '1:30'
		v = unquote(v)
	}
	if _, err := strconv.Atoi(v); err != nil {
		v = quoteString(v)
	}
	s := "EVERY " + v + " " + field.String
	if starts.Valid {
		s += " STARTS '" + starts.Time.Format(eventTime) + "'"
	}
	if ends.Valid {
		s += " ENDS '" + ends.Time.Format(eventTime) + "'"
	}
	return s
}

// readSequences reads MariaDB sequence parameters. No catalog table holds them
// before MariaDB 11.5, so one statement selects from every sequence at once
// (UNION ALL): one round trip however many there are.
func (r *reader) readSequences(ctx context.Context) error {
	if len(r.sequences) == 0 {
		return nil
	}
	parts := make([]string, len(r.sequences))
	args := make([]any, 0, 2*len(r.sequences))
	for i, q := range r.sequences {
		parts[i] = fmt.Sprintf(sequenceQuery, quoteIdent(q.schema)+"."+quoteIdent(q.name))
		args = append(args, q.schema, q.name)
	}
	return r.s.query(ctx, strings.Join(parts, "\nUNION ALL\n"), args, func(rows *sql.Rows) error {
		var sc, name string
		var q schema.Sequence
		if err := rows.Scan(&sc, &name, &q.Start, &q.Min, &q.Max, &q.Increment, &q.Cache, &q.Cycle); err != nil {
			return err
		}
		q.Name = name
		for i := range r.schemas {
			if r.schemas[i].Name == sc {
				r.schemas[i].Sequences = append(r.schemas[i].Sequences, q)
			}
		}
		return nil
	})
}

func (r *reader) snapshot() *schema.Snapshot {
	idx := map[string]int{}
	for i, sc := range r.schemas {
		idx[sc.Name] = i
	}
	for _, k := range r.order {
		sc, _ := splitKey(k)
		r.schemas[idx[sc]].Tables = append(r.schemas[idx[sc]].Tables, *r.tables[k])
	}
	for _, k := range r.viewKeys {
		sc, _ := splitKey(k)
		r.schemas[idx[sc]].Views = append(r.schemas[idx[sc]].Views, *r.views[k])
	}
	for _, k := range r.rtKeys {
		sc, _ := splitKey(k)
		r.schemas[idx[sc]].Routines = append(r.schemas[idx[sc]].Routines, *r.routines[k])
	}
	return &schema.Snapshot{Dialect: schema.MySQL, Schemas: r.schemas, Notes: r.notes}
}

// The catalog queries. Each filters with "= ?" on the column MariaDB uses to
// pick the databases it opens (see reader.scoped); $NAMES are filled per
// flavour by flavor.querySubst.
const (
	// schemasQuery lists every database the user can see.
	schemasQuery = `SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME, $SCHEMA_COMMENT
FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME`

	// tablesQuery lists base tables (and MariaDB sequences, which are tables
	// there) with their options; views come from viewsQuery.
	tablesQuery = `SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, COALESCE(ENGINE, '') AS ENGINE,
COALESCE(CREATE_OPTIONS, '') AS CREATE_OPTIONS, COALESCE(TABLE_COLLATION, '') AS TABLE_COLLATION,
COALESCE(TABLE_COMMENT, '') AS TABLE_COMMENT
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'SEQUENCE')`

	// columnsQuery lists every column of the scope in ordinal order.
	columnsQuery = `SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE,
DATA_TYPE, COLUMN_TYPE, COLLATION_NAME, EXTRA, COLUMN_COMMENT, GENERATION_EXPRESSION, $SRID AS SRS_ID
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?`

	// indexesQuery lists every index key part, the primary key included.
	indexesQuery = `SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME,
$EXPRESSION AS EXPR, SUB_PART, COLLATION, INDEX_TYPE, INDEX_COMMENT, $IGNORED AS IS_IGNORED
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?`

	// fkColumnsQuery lists foreign key columns and what they reference;
	// filtered on TABLE_SCHEMA, since MariaDB scans every database when
	// KEY_COLUMN_USAGE is filtered on CONSTRAINT_SCHEMA.
	fkColumnsQuery = `SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION, COLUMN_NAME,
REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL`

	// fkRulesQuery lists foreign key actions.
	fkRulesQuery = `SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE
FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?`

	// checksMariaDBQuery lists check constraints; MariaDB has the table and
	// the level (a check written on a column is named after the column).
	checksMariaDBQuery = `SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, LEVEL, CHECK_CLAUSE, 'YES' AS ENFORCED
FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?`

	// checksMySQLQuery lists check constraints; MySQL 8 keeps the table and
	// ENFORCED in TABLE_CONSTRAINTS.
	checksMySQLQuery = `SELECT tc.TABLE_SCHEMA AS CONSTRAINT_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, 'Table' AS LEVEL,
cc.CHECK_CLAUSE, tc.ENFORCED
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc
  ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA = ? AND tc.CONSTRAINT_TYPE = 'CHECK'`

	// viewsQuery lists views; DEFINER is left out like an owner.
	viewsQuery = `SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, $ALGORITHM AS ALGORITHM
FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?`

	// triggersQuery lists triggers by the schema of their table, which MariaDB
	// can use to pick databases (TRIGGER_SCHEMA it cannot).
	triggersQuery = `SELECT EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME, EVENT_MANIPULATION, ACTION_TIMING,
ACTION_ORDER, ACTION_STATEMENT, ACTION_ORIENTATION
FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ?`

	// routinesQuery lists procedures and functions; ROUTINE_DEFINITION is
	// NULL when the user may not read the body.
	routinesQuery = `SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_DEFINITION,
IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT
FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?`

	// paramsQuery lists routine parameters (position 0 is a function's result).
	paramsQuery = `SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION, PARAMETER_MODE,
PARAMETER_NAME, DTD_IDENTIFIER
FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = ? AND ORDINAL_POSITION > 0`

	// eventsQuery lists scheduled events.
	eventsQuery = `SELECT EVENT_SCHEMA, EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE,
INTERVAL_FIELD, STARTS, ENDS, STATUS, ON_COMPLETION, EVENT_COMMENT
FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?`

	// hiddenEventsQuery lists event names from the MariaDB event table, to
	// find those information_schema.EVENTS hides.
	hiddenEventsQuery = `SELECT CONVERT(db USING utf8mb4) AS db, CONVERT(name USING utf8mb4) AS name FROM mysql.event WHERE db = ?`

	// sequenceQuery reads one MariaDB sequence's parameters (the table is an
	// identifier, quoted by quoteIdent; schema and name are bound).
	sequenceQuery = `SELECT ?, ?, start_value, minimum_value, maximum_value, increment, cache_size, cycle_option FROM %s`
)

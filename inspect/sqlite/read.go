package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/schema"
)

// querier is the one method the inspector needs of a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// catalog gathers the rows of the four catalog queries for one schema.
type catalog struct {
	tables  map[string]*tableInfo
	order   []string          // table names in sqlite_schema order
	indexes map[string]string // index name → CREATE INDEX text
	views   []schema.View
	// triggers by the table or view they fire on.
	triggers map[string][]schema.Trigger
	notes    []schema.Note
	// kinds holds pragma_table_list's type for virtual and shadow tables.
	kinds map[string]string
}

type tableInfo struct {
	t      schema.Table
	parsed *parsedTable
	// colColl maps a lower-case column name to its collation ("" = BINARY).
	colColl map[string]string
	pk      []pkCol
	// indexRows and fkRows wait for finish, once every column is known.
	indexRows []indexRow
	fkRows    []fkRow
}

type pkCol struct {
	pos  int
	name string
}

// read runs the catalog queries on q, which holds the read transaction, and
// builds the snapshot. The number of queries does not grow with the schema:
// pragma table-valued functions are joined over sqlite_schema.
func (in *Inspector) read(ctx context.Context, q querier) (*schema.Snapshot, error) {
	c := &catalog{tables: map[string]*tableInfo{}, indexes: map[string]string{}, triggers: map[string][]schema.Trigger{}, kinds: map[string]string{}}
	steps := []struct {
		query string
		scan  func(*sql.Rows) error
	}{
		{queryTableKinds, c.scanTableKind},
		{queryObjects, c.scanObject},
		{queryColumns, c.scanColumn},
		{queryIndexes, c.scanIndexRows},
		{queryForeignKeys, c.scanForeignKey},
	}
	for _, s := range steps {
		if err := in.each(ctx, q, s.query, s.scan); err != nil {
			return nil, err
		}
	}
	c.finishIndexes()
	sc := schema.Schema{Name: "main", Views: c.views}
	for _, name := range c.order {
		ti := c.tables[name]
		ti.finish()
		ti.t.Triggers = c.triggers[strings.ToLower(name)]
		sc.Tables = append(sc.Tables, ti.t)
	}
	for i := range sc.Views {
		sc.Views[i].Triggers = c.triggers[strings.ToLower(sc.Views[i].Name)]
	}
	snap := &schema.Snapshot{Dialect: schema.SQLite, Schemas: []schema.Schema{sc}, Notes: c.notes}
	snap.Canonicalize()
	return snap, nil
}

// each runs one query and scans every row.
func (in *Inspector) each(ctx context.Context, q querier, query string, scan func(*sql.Rows) error) (err error) {
	in.queries++
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (c *catalog) note(object, reason string) {
	c.notes = append(c.notes, schema.Note{Object: object, Reason: reason})
}

func (c *catalog) scanTableKind(rows *sql.Rows) error {
	var name, kind string
	if err := rows.Scan(&name, &kind); err != nil {
		return err
	}
	c.kinds[name] = kind
	return nil
}

func (c *catalog) scanObject(rows *sql.Rows) error {
	var typ, name, tbl, text string
	if err := rows.Scan(&typ, &name, &tbl, &text); err != nil {
		return err
	}
	listType := c.kinds[name]
	switch typ {
	case "table":
		if listType == "shadow" {
			return nil // belongs to its virtual table
		}
		if listType == "virtual" {
			c.note("table main."+name, "virtual tables are not inspected")
			return nil
		}
		ti := &tableInfo{t: schema.Table{Name: name}, colColl: map[string]string{}}
		p, err := parseTable(text)
		if err != nil {
			c.note("table main."+name, "could not read its CREATE TABLE text: "+err.Error())
			p = &parsedTable{columns: map[string]*parsedColumn{}}
		}
		ti.parsed = p
		ti.t.Strict, ti.t.WithoutRowID = p.strict, p.withoutRowID
		c.tables[name] = ti
		c.order = append(c.order, name)
	case "index":
		c.indexes[name] = text
	case "view":
		v := schema.View{Name: name}
		p, err := parseView(text)
		if err != nil {
			c.note("view main."+name, "could not read its CREATE VIEW text: "+err.Error())
		} else {
			v.Def = p.def
			for _, col := range p.columns {
				v.Columns = append(v.Columns, schema.Column{Name: col})
			}
		}
		c.views = append(c.views, v)
	case "trigger":
		tr := schema.Trigger{Name: name, ForEachRow: true} // SQLite has only row triggers
		p, err := parseTrigger(text)
		if err != nil {
			c.note("trigger main."+name, "could not read its CREATE TRIGGER text: "+err.Error())
		} else {
			tr.Timing, tr.Events, tr.Columns, tr.When, tr.Body = p.timing, []string{p.event}, p.columns, p.when, p.body
		}
		key := strings.ToLower(tbl)
		c.triggers[key] = append(c.triggers[key], tr)
	}
	return nil
}

func (c *catalog) scanColumn(rows *sql.Rows) error {
	var (
		table, name, typ       string
		cid, notNull, pk, hide int
		dflt                   sql.NullString
	)
	if err := rows.Scan(&table, &cid, &name, &typ, &notNull, &dflt, &pk, &hide); err != nil {
		return err
	}
	ti := c.tables[table]
	if ti == nil {
		return nil
	}
	col := schema.Column{Name: name, Type: normType(typ), Nullable: notNull == 0, Invisible: hide == 1}
	if dflt.Valid {
		col.Default = render(tokenize(dflt.String))
	}
	if pc := ti.parsed.columns[strings.ToLower(name)]; pc != nil {
		if pc.collation != "BINARY" {
			col.Collation = pc.collation
		}
		if hide == 2 || hide == 3 {
			col.Generated = &schema.Generated{Expr: pc.genExpr, Stored: hide == 3}
		}
	}
	ti.colColl[strings.ToLower(name)] = col.Collation
	if pk > 0 {
		ti.pk = append(ti.pk, pkCol{pk, name})
	}
	ti.t.Columns = append(ti.t.Columns, col)
	return nil
}

// normType spells a declared type canonically: words lower case (SQLite type
// names are case-insensitive and STRICT tables report them upper case),
// layout normalised as Atlas prints it. The affinity is not stored: it is a function of the
// declared type (https://www.sqlite.org/datatype3.html#determination_of_column_affinity).
func normType(typ string) string {
	toks := tokenize(typ)
	for i := range toks {
		if toks[i].kind == tWord {
			toks[i].text = strings.ToLower(toks[i].text)
		}
	}
	// Atlas spells parameters without a space: numeric(10,2).
	return strings.ReplaceAll(render(toks), ", ", ",")
}

// indexRow is one key column of an index, from pragma_index_list joined with
// pragma_index_xinfo.
type indexRow struct {
	table, index, origin, column, coll string
	unique, partial                    bool
	seqno, cid                         int
	desc                               bool
}

func (c *catalog) scanIndexRows(rows *sql.Rows) error {
	var r indexRow
	var col sql.NullString
	if err := rows.Scan(&r.table, &r.index, &r.unique, &r.origin, &r.partial, &r.seqno, &r.cid, &col, &r.desc, &r.coll); err != nil {
		return err
	}
	r.column = col.String
	ti := c.tables[r.table]
	if ti == nil {
		return nil
	}
	ti.indexRows = append(ti.indexRows, r)
	return nil
}

func (c *catalog) finishIndexes() {
	for _, name := range c.order {
		ti := c.tables[name]
		rows := ti.indexRows
		for len(rows) > 0 {
			n := 1
			for n < len(rows) && rows[n].index == rows[0].index {
				n++
			}
			c.addIndex(ti, rows[:n])
			rows = rows[n:]
		}
	}
}

// addIndex files one index: a UNIQUE constraint, the primary key's own index
// (nothing to add), or a CREATE INDEX.
func (c *catalog) addIndex(ti *tableInfo, rows []indexRow) {
	first := rows[0]
	switch first.origin {
	case "pk":
		return
	case "u":
		k := schema.Key{}
		var cols []string
		for _, r := range rows {
			k.Columns = append(k.Columns, r.column)
			cols = append(cols, strings.ToLower(r.column))
			k.Parts = append(k.Parts, ti.part(r, nil))
		}
		if !hasDetail(k.Parts) {
			k.Parts = nil
		}
		for i, u := range ti.parsed.uniques {
			if slices.Equal(u.columns, cols) {
				k.Name, k.Conflict = u.name, u.conflict
				ti.parsed.uniques = slices.Delete(ti.parsed.uniques, i, i+1)
				break
			}
		}
		ti.t.Uniques = append(ti.t.Uniques, k)
		return
	}
	ix := schema.Index{Name: first.index, Unique: first.unique}
	p, err := parseIndex(c.indexes[first.index])
	if err != nil {
		c.note("index main."+first.index, "could not read its CREATE INDEX text: "+err.Error())
		p = &parsedIndex{}
	}
	for _, r := range rows {
		var expr []token
		if r.seqno < len(p.parts) {
			expr = p.parts[r.seqno]
		}
		ix.Parts = append(ix.Parts, ti.part(r, expr))
	}
	if first.partial {
		ix.Where = p.where
	}
	ti.t.Indexes = append(ti.t.Indexes, ix)
}

// part builds an index key part. A collation is kept only when it is not the
// one the column (or, for an expression, BINARY) already implies.
func (ti *tableInfo) part(r indexRow, expr []token) schema.IndexPart {
	p := schema.IndexPart{Desc: r.desc}
	implied := ""
	if r.cid >= 0 {
		p.Column = r.column
		implied = ti.colColl[strings.ToLower(r.column)]
	} else {
		p.Expr = render(expr)
	}
	coll := strings.ToUpper(r.coll)
	if coll == "BINARY" {
		coll = ""
	}
	if coll != implied {
		p.Collation = coll
		if coll == "" {
			p.Collation = "BINARY"
		}
	}
	return p
}

func hasDetail(parts []schema.IndexPart) bool {
	for _, p := range parts {
		if p.Desc || p.Collation != "" {
			return true
		}
	}
	return false
}

// fkRow is one column pair of a foreign key.
type fkRow struct {
	id, seq            int
	ref, from          string
	to                 sql.NullString
	onUpdate, onDelete string
}

func (c *catalog) scanForeignKey(rows *sql.Rows) error {
	var table string
	var r fkRow
	if err := rows.Scan(&table, &r.id, &r.seq, &r.ref, &r.from, &r.to, &r.onUpdate, &r.onDelete); err != nil {
		return err
	}
	if ti := c.tables[table]; ti != nil {
		ti.fkRows = append(ti.fkRows, r)
	}
	return nil
}

// finish turns the gathered rows of one table into its keys, foreign keys
// and checks, in an order that does not depend on declaration order.
func (ti *tableInfo) finish() {
	p := ti.parsed
	if len(ti.pk) > 0 {
		slices.SortFunc(ti.pk, func(a, b pkCol) int { return a.pos - b.pos })
		k := &schema.Key{}
		for i, pc := range ti.pk {
			k.Columns = append(k.Columns, pc.name)
			part := schema.IndexPart{Column: pc.name}
			if p.pk != nil && i < len(p.pk.columns) {
				part.Desc = p.pk.descs[i]
				if coll := p.pk.colls[i]; coll != "" && coll != ti.colColl[strings.ToLower(pc.name)] && !(coll == "BINARY" && ti.colColl[strings.ToLower(pc.name)] == "") {
					part.Collation = coll
				}
			}
			k.Parts = append(k.Parts, part)
		}
		if !hasDetail(k.Parts) {
			k.Parts = nil
		}
		if p.pk != nil {
			k.Name, k.Conflict, k.AutoIncrement = p.pk.name, p.pk.conflict, p.pk.autoinc
		}
		ti.t.PrimaryKey = k
	}
	slices.SortStableFunc(ti.t.Uniques, func(a, b schema.Key) int {
		return strings.Compare(a.Name+"\x00"+strings.Join(a.Columns, "\x00"), b.Name+"\x00"+strings.Join(b.Columns, "\x00"))
	})
	ti.foreignKeys()
	for _, ch := range p.checks {
		ti.t.Checks = append(ti.t.Checks, schema.Check{Name: ch.name, Expr: ch.expr})
	}
	slices.SortStableFunc(ti.t.Checks, func(a, b schema.Check) int {
		return strings.Compare(a.Name+"\x00"+a.Expr, b.Name+"\x00"+b.Expr)
	})
}

// foreignKeys groups pragma_foreign_key_list rows by id. SQLite numbers
// foreign keys from the last declared, so id n is parsed clause len-1-n; the
// columns are checked before the clause's name and deferrability are used.
func (ti *tableInfo) foreignKeys() {
	rows := ti.fkRows
	parsed := ti.parsed.fks
	for len(rows) > 0 {
		n := 1
		for n < len(rows) && rows[n].id == rows[0].id {
			n++
		}
		r0 := rows[0]
		fk := schema.ForeignKey{RefTable: r0.ref, OnUpdate: r0.onUpdate, OnDelete: r0.onDelete}
		var cols []string
		for _, r := range rows[:n] {
			fk.Columns = append(fk.Columns, r.from)
			cols = append(cols, strings.ToLower(r.from))
			if r.to.Valid {
				fk.RefColumns = append(fk.RefColumns, r.to.String)
			}
		}
		if i := len(parsed) - 1 - r0.id; i >= 0 && i < len(parsed) && slices.Equal(parsed[i].columns, cols) {
			pf := parsed[i]
			fk.Name, fk.Deferrable, fk.InitiallyDeferred = pf.name, pf.deferrable, pf.initiallyDeferred
			if pf.match != "" && pf.match != "SIMPLE" { // SIMPLE is the default
				fk.Match = pf.match
			}
		}
		ti.t.ForeignKeys = append(ti.t.ForeignKeys, fk)
		rows = rows[n:]
	}
	key := func(f schema.ForeignKey) string {
		return strings.Join([]string{f.Name, strings.Join(f.Columns, ","), f.RefTable, strings.Join(f.RefColumns, ","), f.OnUpdate, f.OnDelete}, "\x00")
	}
	slices.SortStableFunc(ti.t.ForeignKeys, func(a, b schema.ForeignKey) int { return strings.Compare(key(a), key(b)) })
}

// The catalog queries. Internal objects (sqlite_*) are skipped; virtual tables
// are not opened, since their module may not be available here.
const (
	// queryTableKinds names the virtual and shadow tables. It is a query of
	// its own: pragma_table_list(name) scans every table per call, so joining
	// it per row would be quadratic.
	queryTableKinds = `
SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type IN ('virtual', 'shadow')`

	// queryObjects lists every schema object with its CREATE text.
	queryObjects = `
SELECT m.type, m.name, m.tbl_name, coalesce(m.sql, '')
FROM sqlite_schema AS m
WHERE m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY m.type, m.name`

	// queryColumns lists the columns of every ordinary table, hidden ones
	// (generated columns) included.
	queryColumns = `
SELECT m.name, c.cid, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden
FROM sqlite_schema AS m
JOIN pragma_table_xinfo(m.name) AS c
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.sql NOT LIKE 'CREATE VIRTUAL %'
ORDER BY m.name, c.cid`

	// queryIndexes lists the key columns of every index of every table.
	queryIndexes = `
SELECT m.name, il.name, il."unique", il.origin, il.partial, ix.seqno, ix.cid, ix.name, ix."desc", ix.coll
FROM sqlite_schema AS m
JOIN pragma_index_list(m.name) AS il
JOIN pragma_index_xinfo(il.name) AS ix
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.sql NOT LIKE 'CREATE VIRTUAL %' AND ix.key = 1
ORDER BY m.name, il.name, ix.seqno`

	// queryForeignKeys lists every foreign key column pair.
	queryForeignKeys = `
SELECT m.name, f.id, f.seq, f."table", f."from", f."to", f.on_update, f.on_delete
FROM sqlite_schema AS m
JOIN pragma_foreign_key_list(m.name) AS f
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.sql NOT LIKE 'CREATE VIRTUAL %'
ORDER BY m.name, f.id, f.seq`
)

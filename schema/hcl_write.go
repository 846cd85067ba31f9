package schema

import (
	"strconv"
	"strings"
)

// hclWriter turns the model into blocks. Dialect differences come from d;
// fields a dialect never fills stay zero and print nothing.
type hclWriter struct {
	s *Snapshot
	d *hclDialect
	r *refs
}

func (w *hclWriter) tables() []*hclBlock {
	var out []*hclBlock
	for _, sc := range w.s.Schemas {
		for i := range sc.Tables {
			out = append(out, w.table(&sc, &sc.Tables[i]))
		}
	}
	return out
}

func (w *hclWriter) schema(sc *Schema) *hclBlock {
	b := newBlock("schema", sc.Name)
	if sc.Comment != "" {
		b.set("comment", hclString(sc.Comment))
	}
	if sc.Charset != "" {
		b.set("charset", hclString(sc.Charset))
	}
	if sc.Collation != "" {
		b.set("collate", hclString(sc.Collation))
	}
	return b
}

func (w *hclWriter) table(sc *Schema, t *Table) *hclBlock {
	b := newBlock("table", w.r.labels("table", sc.Name, t.Name)...)
	b.set("schema", ref("schema", sc.Name))
	if t.Comment != "" {
		b.set("comment", hclString(t.Comment))
	}
	// Atlas prints the table charset and collation only where they differ
	// from the schema's; ParseHCL fills them back from the schema.
	if t.Charset != "" && t.Charset != sc.Charset {
		b.set("charset", hclString(t.Charset))
	}
	if t.Collation != "" && t.Collation != sc.Collation {
		b.set("collate", hclString(t.Collation))
	}
	if t.Engine != "" && t.Engine != w.d.defaultEngine {
		b.set("engine", bareOrQuoted(t.Engine, "InnoDB", "MyISAM", "MEMORY", "CSV", "NDB"))
	}
	// Attributes below are not in Atlas's open-source output; they keep what
	// the snapshot knows and are skipped by readers that do not know them.
	if t.Unlogged {
		b.set("unlogged", "true")
	}
	if len(t.Options) > 0 {
		b.set("options", stringList(t.Options))
	}
	if len(t.Inherits) > 0 {
		b.set("inherits", stringList(t.Inherits))
	}
	if t.PartitionOf != nil {
		b.set("partition_of", hclString(t.PartitionOf.Parent))
		b.set("partition_bound", hclString(t.PartitionOf.Bound))
	}
	if t.RowFormat != "" {
		b.set("row_format", hclString(t.RowFormat))
	}
	if t.Partitioning != "" {
		b.set("partitioning", hclText(t.Partitioning, 1))
	}
	if t.RLS || t.RLSForced {
		rs := b.add("row_security")
		rs.set("enabled", hclBool(t.RLS))
		if t.RLSForced {
			rs.set("enforced", "true")
		}
	}
	for i := range t.Columns {
		w.column(b, sc.Name, t.Name, &t.Columns[i], "column")
	}
	if pk := t.PrimaryKey; pk != nil {
		var pb *hclBlock
		if pk.Name != "" && pk.Name != w.d.pkName(t.Name) {
			pb = b.add("primary_key", pk.Name)
		} else {
			pb = b.add("primary_key")
		}
		w.key(pb, pk)
	}
	unnamed := 0
	for _, fk := range t.ForeignKeys {
		label := fk.Name
		if w.d.numberUnnamedFKs && label == "" {
			label = strconv.Itoa(unnamed)
			unnamed++
		}
		w.foreignKey(b, sc.Name, t.Name, label, &fk)
	}
	for i := range t.Indexes {
		w.index(b, sc.Name, t.Name, t.PartitionBy != nil, &t.Indexes[i])
	}
	for _, c := range t.Checks {
		w.check(b, &c)
	}
	for _, u := range t.Uniques {
		w.key(b.add("unique", u.Name), &u)
	}
	for _, x := range t.Exclusions {
		xb := b.add("exclude", x.Name)
		xb.set("def", hclString(x.Def))
		if x.Comment != "" {
			xb.set("comment", hclString(x.Comment))
		}
	}
	if p := t.PartitionBy; p != nil {
		pb := b.add("partition")
		pb.set("type", bareOrQuoted(p.Strategy, "RANGE", "LIST", "HASH"))
		if cols, ok := partitionColumns(p.Key); ok {
			pb.set("columns", colRefs(cols))
		} else {
			pb.add("by").set("expr", hclString(p.Key))
		}
	}
	if t.Strict {
		b.set("strict", "true")
	}
	if t.WithoutRowID {
		b.set("without_rowid", "true")
	}
	return b
}

// partitionColumns reads a partition key that is a parenthesised list of
// plain column names, the form Atlas prints as `columns`.
func partitionColumns(key string) ([]string, bool) {
	inner, ok := strings.CutPrefix(key, "(")
	if !ok {
		return nil, false
	}
	inner, ok = strings.CutSuffix(inner, ")")
	if !ok {
		return nil, false
	}
	cols := strings.Split(inner, ", ")
	for _, c := range cols {
		if !identRE.MatchString(c) || strings.ToLower(c) != c {
			return nil, false
		}
	}
	return cols, true
}

func (w *hclWriter) column(parent *hclBlock, schema, table string, c *Column, kind string) {
	b := parent.add(kind, c.Name)
	def, typ := w.d.spellDefault(c, table)
	unsigned := false
	if typ == "" {
		if ref := w.r.typeRef(c.Type, schema); ref != "" {
			typ = ref
		} else {
			typ, unsigned = w.d.spellType(c.Type, w.r, schema)
		}
	}
	// Composite fields are nullable unless said otherwise (PostgreSQL
	// cannot declare them NOT NULL, so `null` is almost never printed).
	if kind == "column" || !c.Nullable {
		b.set("null", hclBool(c.Nullable))
	}
	b.set("type", typ)
	if def != "" {
		b.set("default", def)
	}
	if unsigned {
		b.set("unsigned", "true")
	}
	if c.Comment != "" {
		b.set("comment", hclString(c.Comment))
	}
	if c.Charset != "" {
		b.set("charset", hclString(c.Charset))
	}
	if c.Collation != "" {
		b.set("collate", hclString(w.d.spellCollation(c.Collation)))
	}
	if c.OnUpdate != "" {
		b.set("on_update", sqlCall(c.OnUpdate))
	}
	if c.AutoIncrement {
		b.set("auto_increment", "true")
	}
	if c.Invisible {
		b.set("invisible", "true")
	}
	if c.SRID != nil {
		b.set("srid", strconv.Itoa(*c.SRID))
	}
	if c.Storage != "" {
		b.set("storage", hclString(c.Storage))
	}
	if c.Compression != "" {
		b.set("compression", hclString(c.Compression))
	}
	if c.Statistics != nil {
		b.set("statistics", strconv.Itoa(*c.Statistics))
	}
	// Not in Atlas's output: a PostgreSQL column that a parent table gives
	// this one (attislocal = false), which no other field tells.
	if c.Inherited {
		b.set("inherited", "true")
	}
	if id := c.Identity; id != nil {
		ib := b.add("identity")
		if id.Always {
			ib.set("generated", "ALWAYS")
		} else {
			ib.set("generated", "BY_DEFAULT")
		}
		writeSeqOptions(ib, c.Type, id.Start, id.Increment, id.Min, id.Max, id.Cache, id.Cycle)
	}
	if g := c.Generated; g != nil {
		gb := b.add("as")
		gb.set("expr", hclString(g.Expr))
		if g.Stored {
			gb.set("type", "STORED")
		} else {
			gb.set("type", "VIRTUAL")
		}
	}
}

// seqDefaults gives the values PostgreSQL picks for a sequence of the type
// when none is given: Atlas prints start and increment only when not 1, and
// the other options are printed only when they differ from these.
func seqDefaults(typ string, inc int64) (start, min, max, cache int64) {
	hi := int64(9223372036854775807)
	switch typ {
	case "integer":
		hi = 2147483647
	case "smallint":
		hi = 32767
	}
	if inc < 0 {
		return -1, -hi - 1, -1, 1
	}
	return 1, 1, hi, 1
}

func writeSeqOptions(b *hclBlock, typ string, start, inc, min, max, cache int64, cycle bool) {
	dstart, dmin, dmax, dcache := seqDefaults(typ, inc)
	if start != dstart {
		b.set("start", hclInt(start))
	}
	if inc != 1 {
		b.set("increment", hclInt(inc))
	}
	if min != dmin {
		b.set("min_value", hclInt(min))
	}
	if max != dmax {
		b.set("max_value", hclInt(max))
	}
	if cache != dcache {
		b.set("cache", hclInt(cache))
	}
	if cycle {
		b.set("cycle", "true")
	}
}

func (w *hclWriter) key(b *hclBlock, k *Key) {
	if len(k.Parts) > 0 {
		for _, p := range k.Parts {
			w.indexPart(b, &p)
		}
	} else {
		b.set("columns", colRefs(k.Columns))
	}
	if len(k.Include) > 0 {
		b.set("include", colRefs(k.Include))
	}
	if k.NullsNotDistinct {
		b.set("nulls_distinct", "false")
	}
	if k.Comment != "" {
		b.set("comment", hclString(k.Comment))
	}
	if k.Deferrable {
		b.set("deferrable", "true")
	}
	if k.InitiallyDeferred {
		b.set("initially_deferred", "true")
	}
	if len(k.Options) > 0 {
		b.set("options", stringList(k.Options))
	}
	if k.AutoIncrement {
		b.set("auto_increment", "true")
	}
	if k.Conflict != "" {
		b.set("on_conflict", bareOrQuoted(k.Conflict, "ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE"))
	}
	if len(k.Parts) > 0 {
		// on blocks come after attributes; move them to the end.
		var attrs, blocks []hclItem
		for _, it := range b.items {
			if it.block != nil {
				blocks = append(blocks, it)
			} else {
				attrs = append(attrs, it)
			}
		}
		b.items = append(attrs, blocks...)
	}
}

// foreignKey writes fk under label, which is its name or, for an unnamed
// SQLite key, its number.
func (w *hclWriter) foreignKey(parent *hclBlock, schema, table, label string, fk *ForeignKey) {
	b := parent.add("foreign_key", label)
	if w.d.numberUnnamedFKs && fk.Name != "" && isNumber(fk.Name) {
		// A key really named "0" must not read back as an unnamed one.
		b.set("named", "true")
	}
	b.set("columns", colRefs(fk.Columns))
	refSchema := fk.RefSchema
	if refSchema == "" {
		refSchema = schema
	}
	refs := make([]string, len(fk.RefColumns))
	for i, c := range fk.RefColumns {
		switch {
		case fk.RefTable == table && refSchema == schema:
			refs[i] = ref("column", c)
		case fk.RefSchema != "" && !w.r.hasTable(refSchema, fk.RefTable),
			w.r.clashing["table\x00"+fk.RefTable]:
			refs[i] = ref("table", refSchema, fk.RefTable, "column", c)
		default:
			refs[i] = ref("table", fk.RefTable, "column", c)
		}
	}
	b.set("ref_columns", refList(refs))
	if len(refs) == 0 {
		// Not in Atlas's output: with no ref_columns (SQLite's REFERENCES
		// t, meaning t's primary key) nothing else names the table.
		if fk.RefSchema == "" || w.r.hasTable(refSchema, fk.RefTable) {
			b.set("ref_table", w.tableRef(refSchema, fk.RefTable))
		} else {
			b.set("ref_table", ref("table", refSchema, fk.RefTable))
		}
	}
	b.set("on_update", fkAction(fk.OnUpdate))
	b.set("on_delete", fkAction(fk.OnDelete))
	if fk.Match != "" {
		b.set("match", bareOrQuoted(fk.Match, "FULL", "PARTIAL", "SIMPLE"))
	}
	if fk.Deferrable {
		b.set("deferrable", "true")
	}
	if fk.InitiallyDeferred {
		b.set("initially_deferred", "true")
	}
	if fk.NotValid {
		b.set("not_valid", "true")
	}
	if fk.Comment != "" {
		b.set("comment", hclString(fk.Comment))
	}
}

// hasTable tells whether schema holds the table in this snapshot, and the
// table's name is unique, so that table.<t> finds it.
func (r *refs) hasTable(schema, table string) bool {
	sc := r.tables[table]
	return len(sc) == 1 && sc[0] == schema
}

func fkAction(a string) string {
	if a == "" {
		return "NO_ACTION"
	}
	return bareOrQuoted(strings.ReplaceAll(a, " ", "_"), "NO_ACTION", "RESTRICT", "CASCADE", "SET_NULL", "SET_DEFAULT")
}

func (w *hclWriter) check(parent *hclBlock, c *Check) {
	b := parent.add("check", c.Name)
	b.set("expr", hclString(c.Expr))
	// Atlas's open-source writer prints `enforced = true` for a NOT ENFORCED
	// MySQL check (sic); ParseHCL reads any `enforced` as NOT ENFORCED.
	if c.NotEnforced {
		b.set("enforced", "true")
	}
	if c.NoInherit {
		b.set("no_inherit", "true")
	}
	if c.NotValid {
		b.set("not_valid", "true")
	}
	if c.Comment != "" {
		b.set("comment", hclString(c.Comment))
	}
}

// indexMethods are the methods Atlas prints bare.
var indexMethods = []string{"GIN", "GIST", "BRIN", "HASH", "SPGIST", "FULLTEXT", "SPATIAL", "BTREE"}

// index writes an index of table (or materialized view) in schema; only
// tells that the table is partitioned, which the server's text records.
func (w *hclWriter) index(parent *hclBlock, schema, table string, only bool, ix *Index) {
	b := parent.add("index", ix.Name)
	if ix.Unique {
		b.set("unique", "true")
	}
	plain := true
	for _, p := range ix.Parts {
		if p.Column == "" || p.Desc || p.NullsFirst != nil || p.Opclass != "" || p.Collation != "" || p.Prefix != 0 {
			plain = false
		}
	}
	if plain && len(ix.Parts) > 0 {
		cols := make([]string, len(ix.Parts))
		for i, p := range ix.Parts {
			cols[i] = p.Column
		}
		b.set("columns", colRefs(cols))
	}
	if ix.Comment != "" {
		b.set("comment", hclString(ix.Comment))
	}
	if ix.Method != "" && ix.Method != w.d.indexMethod {
		// Known methods print bare and upper case, as Atlas does; ParseHCL
		// gives them the dialect's case back. Others keep their spelling.
		if upper := strings.ToUpper(ix.Method); contains(indexMethods, upper) {
			b.set("type", upper)
		} else {
			b.set("type", hclString(ix.Method))
		}
	}
	if ix.Where != "" {
		b.set("where", goString(ix.Where))
	}
	if ix.NullsNotDistinct {
		b.set("nulls_distinct", "false")
	}
	if len(ix.Include) > 0 {
		b.set("include", colRefs(ix.Include))
	}
	if ix.Parser != "" {
		if identRE.MatchString(ix.Parser) {
			b.set("parser", ix.Parser)
		} else {
			b.set("parser", hclString(ix.Parser))
		}
	}
	if ix.Invisible {
		b.set("invisible", "true")
	}
	if len(ix.Options) > 0 {
		b.set("options", stringList(ix.Options))
	}
	w.def(b, ix.Def, func(d *hclDialect) string { return d.indexDef(schema, table, only, ix) }, 2)
	if !plain || len(ix.Parts) == 0 {
		for _, p := range ix.Parts {
			w.indexPart(b, &p)
		}
	}
}

func (w *hclWriter) indexPart(parent *hclBlock, p *IndexPart) {
	b := parent.add("on")
	if p.Desc {
		b.set("desc", "true")
	}
	if p.Column != "" {
		b.set("column", ref("column", p.Column))
	} else {
		b.set("expr", hclString(p.Expr))
	}
	if p.Opclass != "" {
		switch {
		case strings.Contains(p.Opclass, "("):
			b.set("ops", sqlCall(p.Opclass))
		case identRE.MatchString(p.Opclass):
			b.set("ops", p.Opclass)
		default:
			b.set("ops", hclString(p.Opclass))
		}
	}
	if p.NullsFirst != nil {
		if *p.NullsFirst {
			b.set("nulls_first", "true")
		} else {
			b.set("nulls_last", "true")
		}
	}
	if p.Collation != "" {
		b.set("collate", hclString(w.d.spellCollation(p.Collation)))
	}
	if p.Prefix != 0 {
		b.set("prefix", strconv.Itoa(p.Prefix))
	}
}

// def writes Def through setDef when the dialect rebuilds such text, and
// as it is otherwise.
func (w *hclWriter) def(b *hclBlock, def string, regen func(*hclDialect) string, depth int) {
	switch {
	case w.d.indexDef != nil:
		setDef(b, def, regen(w.d), depth)
	case def != "":
		b.set("def", hclText(def, depth))
	}
}

// isNumber tells whether s is a decimal number, the label of an unnamed
// SQLite foreign key.
func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

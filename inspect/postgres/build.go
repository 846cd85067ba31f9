package postgres

import (
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/schema"
)

// catalog holds the rows of every per-kind query until build assembles them.
type catalog struct {
	names []string
	realm bool

	extensions   []extensionRow
	tables       []tableRow
	columns      []columnRow
	constraints  []constraintRow
	indexes      []indexRow
	opclasses    []opclassRow
	casts        []castRow
	collations   []collationRow
	triggers     []triggerRow
	policies     []policyRow
	views        []viewRow
	routines     []routineRow
	sequences    []sequenceRow
	types        []typeRow
	domainChecks []domainCheckRow
	unsupported  []unsupportedRow

	notes []schema.Note
}

func newCatalog(names []string) *catalog { return &catalog{names: names} }

// key names a relation or type within the scope.
type key struct{ schema, name string }

// build assembles the snapshot. An object whose server-rendered text came back
// NULL was dropped after the snapshot was taken (the pg_get_* functions read
// the latest catalog, not the transaction's snapshot): it becomes a note.
func (c *catalog) build(schemas []schemaRow, realm bool) *schema.Snapshot {
	snap := &schema.Snapshot{Dialect: schema.Postgres, Notes: c.notes}
	for _, e := range c.extensions {
		snap.Extensions = append(snap.Extensions, schema.Extension(e))
	}
	byName := map[string]*schema.Schema{}
	snap.Schemas = make([]schema.Schema, len(schemas))
	for k, s := range schemas {
		snap.Schemas[k] = schema.Schema{Name: s.Name, Comment: s.Comment}
		byName[s.Name] = &snap.Schemas[k]
	}
	vanished := func(kind, sch, name string) {
		snap.Notes = append(snap.Notes, schema.Note{Object: kind + " " + sch + "." + name, Reason: "dropped while the inspection ran"})
	}

	// Columns first: tables, views and composites take theirs by name.
	cols := map[key][]schema.Column{}
	for _, r := range c.columns {
		k := key{r.Schema, r.Rel}
		cols[k] = append(cols[k], column(r))
	}

	tables := map[key]*schema.Table{}
	tableList := make([]schema.Table, len(c.tables))
	for n, r := range c.tables {
		t := &tableList[n]
		*t = schema.Table{
			Name: r.Name, Comment: r.Comment, Unlogged: r.Unlogged, RLS: r.RLS, RLSForced: r.RLSForced,
			Options: r.Options, Columns: cols[key{r.Schema, r.Name}],
		}
		if r.PartKey != "" {
			strategy, rest, _ := strings.Cut(r.PartKey, " ")
			t.PartitionBy = &schema.PartitionBy{Strategy: strategy, Key: rest}
		}
		for p := range r.ParentNames {
			parent := r.ParentSchemas[p] + "." + r.ParentNames[p]
			if r.IsPartition {
				if r.ParentSchemas[p] == r.Schema {
					parent = r.ParentNames[p]
				}
				t.PartitionOf = &schema.PartitionOf{Parent: parent, Bound: r.Bound}
				continue
			}
			t.Inherits = append(t.Inherits, parent)
		}
		tables[key{r.Schema, r.Name}] = t
	}

	for _, r := range c.constraints {
		t := tables[key{r.Schema, r.Rel}]
		if t == nil {
			continue
		}
		switch r.Type {
		case "p", "u":
			k := schema.Key{
				Name: r.Name, Columns: r.Columns, Include: r.Include, NullsNotDistinct: r.NullsNotDistinct,
				Deferrable: r.Deferrable, InitiallyDeferred: r.Deferred, Options: r.Options, Comment: r.Comment,
			}
			if r.Type == "p" {
				t.PrimaryKey = &k
			} else {
				t.Uniques = append(t.Uniques, k)
			}
		case "f":
			fk := schema.ForeignKey{
				Name: r.Name, Columns: r.Columns, RefTable: r.RefTable, RefColumns: r.RefColumns,
				OnUpdate: fkAction(r.OnUpdate), OnDelete: fkAction(r.OnDelete), Match: fkMatch(r.Match),
				Deferrable: r.Deferrable, InitiallyDeferred: r.Deferred, NotValid: r.NotValid, Comment: r.Comment,
			}
			if r.RefSchema != r.Schema {
				fk.RefSchema = r.RefSchema
			}
			t.ForeignKeys = append(t.ForeignKeys, fk)
		case "c":
			t.Checks = append(t.Checks, schema.Check{Name: r.Name, Expr: r.Expr, NoInherit: r.NoInherit, NotValid: r.NotValid, Comment: r.Comment})
		case "x":
			if r.Def == nil {
				vanished("constraint", r.Schema, r.Rel+"."+r.Name)
				continue
			}
			t.Exclusions = append(t.Exclusions, schema.Exclusion{Name: r.Name, Def: *r.Def, Comment: r.Comment})
		}
	}

	views := map[key]*schema.View{}
	viewList := make([]schema.View, 0, len(c.views))
	viewSchemas := make([]string, 0, len(c.views))
	for _, r := range c.views {
		if r.Def == nil {
			vanished("view", r.Schema, r.Name)
			continue
		}
		v := schema.View{
			Name: r.Name, Def: *r.Def, Materialized: r.Materialized, Comment: r.Comment,
			Columns: cols[key{r.Schema, r.Name}], DependsOn: sorted(r.DependsOn),
		}
		for _, o := range r.Options {
			if val, ok := strings.CutPrefix(o, "check_option="); ok {
				v.CheckOption = strings.ToUpper(val)
				continue
			}
			v.Options = append(v.Options, o)
		}
		viewList = append(viewList, v)
		viewSchemas = append(viewSchemas, r.Schema)
	}
	for k := range viewList {
		views[key{viewSchemas[k], viewList[k].Name}] = &viewList[k]
	}

	for _, r := range c.indexes {
		if r.Def == nil {
			vanished("index", r.Schema, r.Name)
			continue
		}
		ix := index(r)
		if t := tables[key{r.Schema, r.Rel}]; t != nil {
			t.Indexes = append(t.Indexes, ix)
		} else if v := views[key{r.Schema, r.Rel}]; v != nil {
			v.Indexes = append(v.Indexes, ix)
		}
	}
	for _, r := range c.triggers {
		if r.Def == nil {
			vanished("trigger", r.Schema, r.Rel+"."+r.Name)
			continue
		}
		tr := trigger(r)
		if t := tables[key{r.Schema, r.Rel}]; t != nil {
			t.Triggers = append(t.Triggers, tr)
		} else if v := views[key{r.Schema, r.Rel}]; v != nil {
			v.Triggers = append(v.Triggers, tr)
		}
	}
	for _, r := range c.policies {
		if t := tables[key{r.Schema, r.Rel}]; t != nil {
			t.Policies = append(t.Policies, schema.Policy{
				Name: r.Name, Command: policyCommand(r.Cmd), Permissive: r.Permissive, Roles: r.Roles,
				Using: r.Using, Check: r.Check, Comment: r.Comment,
			})
		}
	}

	for n, r := range c.tables {
		s := byName[r.Schema]
		s.Tables = append(s.Tables, tableList[n])
	}
	for k := range viewList {
		s := byName[viewSchemas[k]]
		s.Views = append(s.Views, viewList[k])
	}
	for _, r := range c.routines {
		if r.Def == nil {
			if r.Kind == "a" {
				continue // reported by unsupportedQuery
			}
			vanished("routine", r.Schema, r.Name+"("+r.Identity+")")
			continue
		}
		byName[r.Schema].Routines = append(byName[r.Schema].Routines, routine(r))
	}
	for _, r := range c.sequences {
		byName[r.Schema].Sequences = append(byName[r.Schema].Sequences, schema.Sequence{
			Name: r.Name, Type: r.Type, Start: r.Start, Increment: r.Increment, Min: r.Min, Max: r.Max,
			Cache: r.Cache, Cycle: r.Cycle, OwnedBy: r.OwnedBy, Comment: r.Comment,
		})
	}
	checks := map[key][]schema.Check{}
	for _, r := range c.domainChecks {
		k := key{r.Schema, r.Domain}
		checks[k] = append(checks[k], schema.Check{Name: r.Name, Expr: r.Expr, NotValid: r.NotValid, Comment: r.Comment})
	}
	for _, r := range c.types {
		s := byName[r.Schema]
		switch r.Kind {
		case "e":
			s.Enums = append(s.Enums, schema.Enum{Name: r.Name, Values: r.Labels, Comment: r.Comment})
		case "d":
			s.Domains = append(s.Domains, schema.Domain{
				Name: r.Name, Type: r.Base, NotNull: r.NotNull, Default: r.Default, Collation: r.Collation,
				Checks: checks[key{r.Schema, r.Name}], Comment: r.Comment,
			})
		case "c":
			s.Composites = append(s.Composites, schema.Composite{Name: r.Name, Fields: cols[key{r.Schema, r.Name}], Comment: r.Comment})
		}
	}
	for _, r := range c.unsupported {
		snap.Notes = append(snap.Notes, schema.Note{
			Object: r.Kind + " " + r.Schema + "." + r.Name,
			Reason: "not modelled by schemawatch: changes to it do not change the hash",
		})
	}
	return snap
}

func column(r columnRow) schema.Column {
	col := schema.Column{
		Name: r.Name, Type: r.Type, Nullable: r.Nullable, Comment: r.Comment, Collation: r.Collation,
		Storage: storageName(r.Storage), Compression: compressionName(r.Compression), Statistics: r.StatTarget,
		Inherited: !r.Local,
	}
	switch {
	case r.Generated == "s":
		col.Generated = &schema.Generated{Expr: r.Expr, Stored: true}
	case r.Identity != "" && r.SeqStart != nil:
		col.Identity = &schema.Identity{
			Always: r.Identity == "a", Start: *r.SeqStart, Increment: *r.SeqInc, Min: *r.SeqMin,
			Max: *r.SeqMax, Cache: *r.SeqCache, Cycle: *r.SeqCycle,
		}
	default:
		col.Default = r.Expr
	}
	return col
}

func index(r indexRow) schema.Index {
	ix := schema.Index{
		Name: r.Name, Unique: r.Unique, Method: r.Method, Where: deref(r.Pred), NullsNotDistinct: r.NullsNotDistinct,
		Options: r.Options, Comment: r.Comment, Def: *r.Def,
	}
	for k := range r.PartColumns {
		if k >= r.NKey {
			ix.Include = append(ix.Include, r.PartColumns[k])
			continue
		}
		p := schema.IndexPart{Column: r.PartColumns[k]}
		if p.Column == "" {
			p.Expr = r.PartExprs[k]
		}
		if k < len(r.KeyOptions) && r.Method != "gin" && r.Method != "brin" && r.Method != "hash" {
			// indoption bit 0 is DESC, bit 1 NULLS FIRST; only ordered
			// methods have them.
			p.Desc = r.KeyOptions[k]&1 != 0
			nf := r.KeyOptions[k]&2 != 0
			if nf != p.Desc {
				p.NullsFirst = &nf
			}
		}
		if k < len(r.PartOpclasses) {
			p.Opclass = r.PartOpclasses[k]
		}
		if k < len(r.PartCollations) {
			p.Collation = r.PartCollations[k]
		}
		ix.Parts = append(ix.Parts, p)
	}
	if ix.Def == "" {
		// resolveIndexes found that the parts say all of the definition:
		// compose it rather than have the server deparse every index.
		ix.Def = schema.PostgresIndexDef(r.QName, r.QTable, r.Only, &ix, r.PartQColumns)
	}
	return ix
}

// Trigger tgtype bits, from PostgreSQL's catalog/pg_trigger.h.
const (
	tgRow      = 1 << 0
	tgBefore   = 1 << 1
	tgInsert   = 1 << 2
	tgDelete   = 1 << 3
	tgUpdate   = 1 << 4
	tgTruncate = 1 << 5
	tgInstead  = 1 << 6
)

func trigger(r triggerRow) schema.Trigger {
	t := schema.Trigger{
		Name: r.Name, Columns: r.Columns, ForEachRow: r.Type&tgRow != 0, Def: *r.Def,
		Constraint: r.Constraint, Comment: r.Comment, Timing: "AFTER",
	}
	switch {
	case r.Type&tgBefore != 0:
		t.Timing = "BEFORE"
	case r.Type&tgInstead != 0:
		t.Timing = "INSTEAD OF"
	}
	for _, e := range []struct {
		bit  int
		name string
	}{{tgInsert, "INSERT"}, {tgUpdate, "UPDATE"}, {tgDelete, "DELETE"}, {tgTruncate, "TRUNCATE"}} {
		if r.Type&e.bit != 0 {
			t.Events = append(t.Events, e.name)
		}
	}
	if r.Enabled != "O" {
		t.Enabled = r.Enabled
	}
	// The definition ends "EXECUTE FUNCTION <call>" and may hold a
	// "WHEN (<expr>)" just before: split those out for readers.
	def := *r.Def
	if i := strings.LastIndex(def, " EXECUTE FUNCTION "); i >= 0 {
		t.Function = def[i+len(" EXECUTE FUNCTION "):]
		head := def[:i]
		if w := strings.Index(head, " WHEN ("); w >= 0 && strings.HasSuffix(head, ")") {
			t.When = head[w+len(" WHEN (") : len(head)-1]
		}
	}
	return t
}

func routine(r routineRow) schema.Routine {
	rt := schema.Routine{
		Name: r.Name, Args: r.Args, Returns: r.Returns, Language: r.Language, Strict: r.Strict,
		SecurityDefiner: r.SecurityDefiner, Leakproof: r.Leakproof, Config: r.Config, Body: r.Body,
		Def: strings.TrimRight(*r.Def, "\n"), Comment: r.Comment,
	}
	if r.Atomic {
		rt.DependsOn = sorted(r.DependsOn)
	}
	switch r.Kind {
	case "p":
		rt.Kind = "PROCEDURE"
	case "a":
		rt.Kind = "AGGREGATE"
	default:
		rt.Kind = "FUNCTION"
	}
	if r.Kind != "p" && r.Kind != "a" {
		rt.Volatility = map[string]string{"i": "IMMUTABLE", "s": "STABLE", "v": "VOLATILE"}[r.Volatility]
	}
	switch r.Parallel {
	case "s":
		rt.Parallel = "SAFE"
	case "r":
		rt.Parallel = "RESTRICTED"
	}
	return rt
}

func fkAction(c string) string {
	return map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}[c]
}

func fkMatch(c string) string {
	return map[string]string{"f": "FULL", "p": "PARTIAL"}[c]
}

func policyCommand(c string) string {
	return map[string]string{"*": "ALL", "r": "SELECT", "a": "INSERT", "w": "UPDATE", "d": "DELETE"}[c]
}

func storageName(c string) string {
	return map[string]string{"p": "PLAIN", "e": "EXTERNAL", "m": "MAIN", "x": "EXTENDED"}[c]
}

func compressionName(c string) string {
	return map[string]string{"p": "pglz", "l": "lz4"}[c]
}

// sorted returns s sorted bytewise: the server sorts by the database's
// collation, which differs between databases.
func sorted(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

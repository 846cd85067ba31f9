package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Change is one object that differs between two snapshots, named by kind and
// qualified name: "table public.users", "column public.users.email",
// "routine public.f(integer)".
type Change struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
	// Details lists what differs in a changed object, one "field: old → new"
	// line each ("type: integer → bigint"); long text says only "changed" and
	// puts both versions in Before and After.
	Details []string `json:"details,omitempty"`
	// Before and After hold the SQL-level text (view query, routine body,
	// index or trigger definition) when that text changed.
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

// String returns the kind and qualified name, "column public.users.email".
func (c Change) String() string { return c.Kind + " " + c.Name }

// Changes is what Diff finds: objects only in the new snapshot, only in the
// old one, and in both but different. Children of an added or removed object
// (the columns of a new table) are not listed on their own.
type Changes struct {
	Added   []Change `json:"added"`
	Removed []Change `json:"removed"`
	Changed []Change `json:"changed"`
}

// Empty tells whether the snapshots are the same.
func (c *Changes) Empty() bool {
	return len(c.Added)+len(c.Removed)+len(c.Changed) == 0
}

// Summary returns one line, "2 added, 1 removed, 3 changed".
func (c *Changes) Summary() string {
	return fmt.Sprintf("%d added, %d removed, %d changed", len(c.Added), len(c.Removed), len(c.Changed))
}

// Lists returns the three lists as "kind name" strings, the form the cloud
// API extension sends ("table public.users").
func (c *Changes) Lists() (added, removed, changed []string) {
	names := func(cs []Change) []string {
		out := make([]string, len(cs))
		for i, ch := range cs {
			out[i] = ch.String()
		}
		return out
	}
	return names(c.Added), names(c.Removed), names(c.Changed)
}

// Diff compares two snapshots object by object. Objects are matched by kind
// and qualified name only, so a rename shows as one removed and one added
// object. The result is sorted by name, then kind.
func Diff(from, to *Snapshot) *Changes {
	a, b := flatten(from), flatten(to)
	c := &Changes{Added: []Change{}, Removed: []Change{}, Changed: []Change{}}
	for _, key := range b.order {
		o := b.objs[key]
		if _, ok := a.objs[key]; ok {
			continue
		}
		if _, parentNew := a.objs[o.parent]; o.parent == (objKey{}) || parentNew {
			c.Added = append(c.Added, Change{Kind: o.kind, Name: o.name})
		}
	}
	for _, key := range a.order {
		o := a.objs[key]
		n, ok := b.objs[key]
		if !ok {
			if _, parentKept := b.objs[o.parent]; o.parent == (objKey{}) || parentKept {
				c.Removed = append(c.Removed, Change{Kind: o.kind, Name: o.name})
			}
			continue
		}
		if ch, differ := compare(o, n); differ {
			c.Changed = append(c.Changed, ch)
		}
	}
	for _, list := range [][]Change{c.Added, c.Removed, c.Changed} {
		slices.SortFunc(list, func(x, y Change) int {
			if n := strings.Compare(x.Name, y.Name); n != 0 {
				return n
			}
			return strings.Compare(x.Kind, y.Kind)
		})
	}
	return c
}

// object is one comparable thing of a snapshot: its fields in a fixed order,
// and the long text (definition, body) compared as a whole.
type object struct {
	objKey
	parent objKey   // the enclosing object, zero at the top
	fields []string // name, value, name, value, ...
	text   string
}

// objKey matches objects across snapshots. A struct rather than one
// "kind name" string saves building a key per object: Diff flattens every
// column of both snapshots.
type objKey struct{ kind, name string }

type flat struct {
	objs  map[objKey]*object
	order []objKey
}

func (f *flat) add(parent *object, kind, name string, text string, fields ...string) *object {
	o := &object{objKey: objKey{kind, name}, text: text, fields: fields[:len(fields)&^1]}
	if parent != nil {
		o.parent = parent.objKey
	}
	if _, dup := f.objs[o.objKey]; !dup {
		f.order = append(f.order, o.objKey)
	}
	f.objs[o.objKey] = o
	return o
}

// objectCount is about how many objects flatten finds in s, to size its
// map once.
func objectCount(s *Snapshot) int {
	n := len(s.Extensions)
	for _, sc := range s.Schemas {
		n += 1 + len(sc.Views) + len(sc.Routines) + len(sc.Sequences) + len(sc.Enums) + len(sc.Domains) +
			len(sc.Composites) + len(sc.Events)
		for i := range sc.Tables {
			t := &sc.Tables[i]
			n += 1 + len(t.Columns) + len(t.Uniques) + len(t.Indexes) + len(t.ForeignKeys) + len(t.Checks) +
				len(t.Exclusions) + len(t.Triggers) + len(t.Policies)
		}
	}
	return n
}

func flatten(s *Snapshot) *flat {
	if s == nil {
		return &flat{objs: map[objKey]*object{}}
	}
	n := objectCount(s)
	f := &flat{objs: make(map[objKey]*object, n), order: make([]objKey, 0, n)}
	for _, e := range s.Extensions {
		f.add(nil, "extension", e.Name, "", "schema", e.Schema, "version", e.Version, "comment", e.Comment)
	}
	for si := range s.Schemas {
		sc := &s.Schemas[si]
		so := f.add(nil, "schema", sc.Name, "", "comment", sc.Comment, "charset", sc.Charset, "collation", sc.Collation)
		for i := range sc.Tables {
			flattenTable(f, so, sc.Name, &sc.Tables[i])
		}
		for _, v := range sc.Views {
			kind := "view"
			if v.Materialized {
				kind = "materialized view"
			}
			cols := make([]string, len(v.Columns))
			for i, c := range v.Columns {
				cols[i] = c.Name + " " + c.Type
			}
			vo := f.add(so, kind, sc.Name+"."+v.Name, v.Def, "columns", strings.Join(cols, ", "),
				"check_option", v.CheckOption, "options", strings.Join(v.Options, ", "), "algorithm", v.Algorithm,
				"security", v.Security, "comment", v.Comment)
			for _, ix := range v.Indexes {
				flattenIndex(f, vo, &ix)
			}
			for _, tr := range v.Triggers {
				flattenTrigger(f, vo, &tr)
			}
		}
		for _, r := range sc.Routines {
			f.add(so, "routine", sc.Name+"."+r.Name+"("+argTypes(r.Args)+")", r.Body, "kind", r.Kind, "args", r.Args,
				"returns", r.Returns, "language", r.Language, "volatility", r.Volatility, "strict", flag(r.Strict),
				"security_definer", flag(r.SecurityDefiner), "leakproof", flag(r.Leakproof), "parallel", r.Parallel,
				"config", strings.Join(r.Config, ", "), "deterministic", flag(r.Deterministic),
				"data_access", r.DataAccess, "body_hidden", flag(r.BodyHidden), "comment", r.Comment)
		}
		for _, q := range sc.Sequences {
			f.add(so, "sequence", sc.Name+"."+q.Name, "", "type", q.Type, "start", num(q.Start), "increment", num(q.Increment),
				"min", num(q.Min), "max", num(q.Max), "cache", num(q.Cache), "cycle", flag(q.Cycle), "owned_by", q.OwnedBy,
				"comment", q.Comment)
		}
		for _, e := range sc.Enums {
			f.add(so, "enum", sc.Name+"."+e.Name, "", "values", strings.Join(e.Values, ", "), "comment", e.Comment)
		}
		for _, d := range sc.Domains {
			checks := make([]string, len(d.Checks))
			for i, c := range d.Checks {
				checks[i] = c.Name + " " + c.Expr
			}
			f.add(so, "domain", sc.Name+"."+d.Name, "", "type", d.Type, "not_null", flag(d.NotNull), "default", d.Default,
				"collation", d.Collation, "checks", strings.Join(checks, "; "), "comment", d.Comment)
		}
		for _, c := range sc.Composites {
			fields := make([]string, len(c.Fields))
			for i, fl := range c.Fields {
				fields[i] = fl.Name + " " + fl.Type
			}
			f.add(so, "composite", sc.Name+"."+c.Name, "", "fields", strings.Join(fields, ", "), "comment", c.Comment)
		}
		for _, e := range sc.Events {
			f.add(so, "event", sc.Name+"."+e.Name, e.Body, "schedule", e.Schedule, "on_completion", e.OnCompletion,
				"status", e.Status, "comment", e.Comment)
		}
	}
	return f
}

func flattenTable(f *flat, so *object, schema string, t *Table) {
	pk := ""
	if t.PrimaryKey != nil {
		pk = keyText(t.PrimaryKey)
	}
	partBy, partOf := "", ""
	if t.PartitionBy != nil {
		partBy = t.PartitionBy.Strategy + " " + t.PartitionBy.Key
	}
	if t.PartitionOf != nil {
		partOf = t.PartitionOf.Parent + " " + t.PartitionOf.Bound
	}
	to := f.add(so, "table", schema+"."+t.Name, "", "comment", t.Comment, "primary_key", pk,
		"engine", t.Engine, "charset", t.Charset, "collation", t.Collation, "row_format", t.RowFormat,
		"partitioning", t.Partitioning, "unlogged", flag(t.Unlogged), "rls", flag(t.RLS), "rls_forced", flag(t.RLSForced),
		"options", strings.Join(t.Options, ", "), "inherits", strings.Join(t.Inherits, ", "),
		"partition_by", partBy, "partition_of", partOf, "strict", flag(t.Strict), "without_rowid", flag(t.WithoutRowID))
	for i := range t.Columns {
		c := &t.Columns[i]
		identity, generated := "", ""
		if id := c.Identity; id != nil {
			identity = fmt.Sprintf("always=%t start=%d increment=%d min=%d max=%d cache=%d cycle=%t",
				id.Always, id.Start, id.Increment, id.Min, id.Max, id.Cache, id.Cycle)
		}
		if g := c.Generated; g != nil {
			generated = g.Expr
			if g.Stored {
				generated += " STORED"
			}
		}
		f.add(to, "column", to.name+"."+c.Name, "", "position", strconv.Itoa(i+1), "type", c.Type,
			"nullable", strconv.FormatBool(c.Nullable), "default", c.Default, "comment", c.Comment,
			"collation", c.Collation, "charset", c.Charset, "identity", identity, "generated", generated,
			"auto_increment", flag(c.AutoIncrement), "on_update", c.OnUpdate, "invisible", flag(c.Invisible),
			"srid", optInt(c.SRID), "storage", c.Storage, "compression", c.Compression, "statistics", optInt(c.Statistics))
	}
	for _, u := range t.Uniques {
		f.add(to, "unique", to.name+"."+u.Name, "", "definition", keyText(&u))
	}
	for i := range t.Indexes {
		flattenIndex(f, to, &t.Indexes[i])
	}
	for _, fk := range t.ForeignKeys {
		ref := fk.RefTable
		if fk.RefSchema != "" {
			ref = fk.RefSchema + "." + ref
		}
		f.add(to, "foreign_key", to.name+"."+fk.Name, "", "columns", strings.Join(fk.Columns, ", "),
			"references", ref+"("+strings.Join(fk.RefColumns, ", ")+")", "on_update", fk.OnUpdate, "on_delete", fk.OnDelete,
			"match", fk.Match, "deferrable", flag(fk.Deferrable), "initially_deferred", flag(fk.InitiallyDeferred),
			"not_valid", flag(fk.NotValid), "comment", fk.Comment)
	}
	for _, c := range t.Checks {
		f.add(to, "check", to.name+"."+c.Name, "", "expr", c.Expr, "no_inherit", flag(c.NoInherit),
			"not_valid", flag(c.NotValid), "not_enforced", flag(c.NotEnforced), "comment", c.Comment)
	}
	for _, x := range t.Exclusions {
		f.add(to, "exclusion", to.name+"."+x.Name, x.Def, "comment", x.Comment)
	}
	for _, tr := range t.Triggers {
		flattenTrigger(f, to, &tr)
	}
	for _, p := range t.Policies {
		f.add(to, "policy", to.name+"."+p.Name, "", "command", p.Command, "permissive", strconv.FormatBool(p.Permissive),
			"roles", strings.Join(p.Roles, ", "), "using", p.Using, "check", p.Check, "comment", p.Comment)
	}
}

func flattenIndex(f *flat, parent *object, ix *Index) {
	f.add(parent, "index", parent.name+"."+ix.Name, ix.Def, "unique", flag(ix.Unique), "method", ix.Method,
		"parts", partsText(ix.Parts), "include", strings.Join(ix.Include, ", "), "where", ix.Where,
		"nulls_not_distinct", flag(ix.NullsNotDistinct), "options", strings.Join(ix.Options, ", "),
		"invisible", flag(ix.Invisible), "parser", ix.Parser, "comment", ix.Comment)
}

func flattenTrigger(f *flat, parent *object, tr *Trigger) {
	text := tr.Def
	if text == "" {
		text = tr.Body
	}
	f.add(parent, "trigger", parent.name+"."+tr.Name, text, "timing", tr.Timing, "events", strings.Join(tr.Events, ", "),
		"columns", strings.Join(tr.Columns, ", "), "for_each_row", strconv.FormatBool(tr.ForEachRow), "when", tr.When,
		"function", tr.Function, "enabled", tr.Enabled, "constraint", flag(tr.Constraint), "order", optInt(nonZero(tr.Order)),
		"comment", tr.Comment)
}

// keyText prints a key compactly, for a one-line detail.
func keyText(k *Key) string {
	s := k.Name + " (" + strings.Join(k.Columns, ", ") + ")"
	if len(k.Parts) > 0 {
		s = k.Name + " (" + partsText(k.Parts) + ")"
	}
	if len(k.Include) > 0 {
		s += " INCLUDE (" + strings.Join(k.Include, ", ") + ")"
	}
	for _, f := range []struct {
		on   bool
		text string
	}{{k.NullsNotDistinct, "NULLS NOT DISTINCT"}, {k.Deferrable, "DEFERRABLE"}, {k.InitiallyDeferred, "INITIALLY DEFERRED"}, {k.AutoIncrement, "AUTOINCREMENT"}} {
		if f.on {
			s += " " + f.text
		}
	}
	if len(k.Options) > 0 {
		s += " WITH (" + strings.Join(k.Options, ", ") + ")"
	}
	if k.Conflict != "" {
		s += " ON CONFLICT " + k.Conflict
	}
	if k.Comment != "" {
		s += " COMMENT " + strconv.Quote(k.Comment)
	}
	return s
}

func partsText(parts []IndexPart) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		s := p.Column
		if s == "" {
			s = "(" + p.Expr + ")"
		}
		if p.Prefix != 0 {
			s += "(" + strconv.Itoa(p.Prefix) + ")"
		}
		if p.Collation != "" {
			s += " COLLATE " + p.Collation
		}
		if p.Opclass != "" {
			s += " " + p.Opclass
		}
		if p.Desc {
			s += " DESC"
		}
		if p.NullsFirst != nil {
			if *p.NullsFirst {
				s += " NULLS FIRST"
			} else {
				s += " NULLS LAST"
			}
		}
		out[i] = s
	}
	return strings.Join(out, ", ")
}

// argTypes reduces an argument list to the types that identify an overload:
// "a integer, b text DEFAULT 'x'" → "integer, text".
func argTypes(args string) string {
	parts := splitArgs(args)
	for i, p := range parts {
		if j := strings.Index(strings.ToUpper(p), " DEFAULT "); j >= 0 {
			p = p[:j]
		}
		if j := strings.Index(p, " = "); j >= 0 {
			p = p[:j]
		}
		p = strings.TrimPrefix(p, "IN ")
		mode := ""
		for _, m := range []string{"INOUT ", "OUT ", "VARIADIC "} {
			if rest, ok := strings.CutPrefix(p, m); ok {
				mode, p = m, rest
				break
			}
		}
		if m := plainArgRE.FindStringSubmatch(p); m != nil && !argTypeWords[m[1]] {
			p = m[2]
		}
		p = mode + p
		parts[i] = p
	}
	return strings.Join(parts, ", ")
}

func flag(b bool) string {
	if b {
		return "true"
	}
	return ""
}

func num(n int64) string { return strconv.FormatInt(n, 10) }

func optInt(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func nonZero(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// compare lists the fields that differ; long text is compared whole and
// shown in Before and After.
func compare(a, b *object) (Change, bool) {
	ch := Change{Kind: a.kind, Name: a.name}
	for i := 0; i+1 < len(a.fields) && i+1 < len(b.fields); i += 2 {
		if a.fields[i+1] != b.fields[i+1] {
			ch.Details = append(ch.Details, a.fields[i]+": "+detailValue(a.fields[i+1])+" → "+detailValue(b.fields[i+1]))
		}
	}
	if a.text != b.text {
		ch.Details = append(ch.Details, "definition changed")
		ch.Before, ch.After = a.text, b.text
	}
	return ch, len(ch.Details) > 0
}

// detailValue keeps a detail on one line: empty is "(none)", long or
// multi-line text is shortened.
func detailValue(v string) string {
	switch {
	case v == "":
		return "(none)"
	case strings.ContainsAny(v, "\r\n") || len(v) > 120:
		v = strings.Join(strings.Fields(v), " ")
		if r := []rune(v); len(r) > 120 {
			v = string(r[:117]) + "..."
		}
	}
	return v
}

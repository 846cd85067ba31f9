package schema

import (
	"regexp"
	"strings"
)

// schemaObjects writes everything but tables and schemas, kind by kind in the
// order Atlas uses for PostgreSQL (enum, domain, composite, sequence, ...);
// where Atlas Pro puts views, routines and triggers is not documented, so they
// go after sequences, in dependency order.
func (w *hclWriter) schemaObjects() []*hclBlock {
	var out []*hclBlock
	each := func(f func(sc *Schema)) {
		for i := range w.s.Schemas {
			f(&w.s.Schemas[i])
		}
	}
	each(func(sc *Schema) {
		for _, e := range sc.Enums {
			b := newBlock("enum", w.r.labels("enum", sc.Name, e.Name)...)
			b.set("schema", ref("schema", sc.Name))
			vals := make([]string, len(e.Values))
			for i, v := range e.Values {
				vals[i] = goString(v)
			}
			b.set("values", refList(vals))
			if e.Comment != "" {
				b.set("comment", hclString(e.Comment))
			}
			out = append(out, b)
		}
	})
	each(func(sc *Schema) {
		for _, d := range sc.Domains {
			b := newBlock("domain", w.r.labels("domain", sc.Name, d.Name)...)
			b.set("schema", ref("schema", sc.Name))
			typ, _ := w.d.spellType(d.Type, w.r, sc.Name)
			b.set("type", typ)
			b.set("null", hclBool(!d.NotNull))
			if d.Default != "" {
				b.set("default", sqlCall(d.Default))
			}
			if d.Collation != "" {
				b.set("collate", hclString(d.Collation))
			}
			if d.Comment != "" {
				b.set("comment", hclString(d.Comment))
			}
			for _, c := range d.Checks {
				w.check(b, &c)
			}
			out = append(out, b)
		}
	})
	each(func(sc *Schema) {
		for _, c := range sc.Composites {
			b := newBlock("composite", w.r.labels("composite", sc.Name, c.Name)...)
			b.set("schema", ref("schema", sc.Name))
			if c.Comment != "" {
				b.set("comment", hclString(c.Comment))
			}
			for i := range c.Fields {
				w.column(b, sc.Name, "", &c.Fields[i], "field")
			}
			out = append(out, b)
		}
	})
	each(func(sc *Schema) {
		for _, q := range sc.Sequences {
			b := newBlock("sequence", w.r.labels("sequence", sc.Name, q.Name)...)
			b.set("schema", ref("schema", sc.Name))
			typ := q.Type
			if typ == "" {
				typ = "bigint"
			}
			if q.Type != "" {
				t, _ := w.d.spellType(q.Type, w.r, sc.Name)
				b.set("type", t)
			}
			writeSeqOptions(b, typ, q.Start, q.Increment, q.Min, q.Max, q.Cache, q.Cycle)
			if t, c, ok := strings.Cut(q.OwnedBy, "."); ok && !strings.Contains(c, ".") {
				b.set("owned_by", w.tableRef(sc.Name, t)+refStep("column")+refStep(c))
			} else if q.OwnedBy != "" {
				b.set("owned_by", hclString(q.OwnedBy))
			}
			if q.Comment != "" {
				b.set("comment", hclString(q.Comment))
			}
			out = append(out, b)
		}
	})
	each(func(sc *Schema) {
		for _, v := range sc.Views {
			out = append(out, w.view(sc, &v))
		}
	})
	each(func(sc *Schema) {
		for _, f := range sc.Routines {
			out = append(out, w.routine(sc, &f))
		}
	})
	each(func(sc *Schema) {
		for _, t := range sc.Tables {
			for _, tr := range t.Triggers {
				out = append(out, w.trigger(sc, w.tableRef(sc.Name, t.Name), t.Name, &tr))
			}
		}
		for _, v := range sc.Views {
			kind := "view"
			if v.Materialized {
				kind = "materialized"
			}
			for _, tr := range v.Triggers {
				out = append(out, w.trigger(sc, w.r.object(kind, sc.Name, v.Name), v.Name, &tr))
			}
		}
	})
	each(func(sc *Schema) {
		for _, t := range sc.Tables {
			for _, p := range t.Policies {
				out = append(out, w.policy(w.tableRef(sc.Name, t.Name), &p))
			}
		}
	})
	each(func(sc *Schema) {
		for _, e := range sc.Events {
			b := newBlock("event", w.r.labels("event", sc.Name, e.Name)...)
			b.set("schema", ref("schema", sc.Name))
			b.set("schedule", hclString(e.Schedule))
			if e.OnCompletion != "" {
				b.set("on_completion", bareOrQuoted(e.OnCompletion, "PRESERVE", "NOT_PRESERVE"))
			}
			b.set("status", bareOrQuoted(e.Status, "ENABLED", "DISABLED"))
			if e.Comment != "" {
				b.set("comment", hclString(e.Comment))
			}
			b.set("as", hclText(e.Body, 1))
			out = append(out, b)
		}
	})
	for _, e := range w.s.Extensions {
		b := newBlock("extension", e.Name)
		b.set("schema", ref("schema", e.Schema))
		b.set("version", hclString(e.Version))
		if e.Comment != "" {
			b.set("comment", hclString(e.Comment))
		}
		out = append(out, b)
	}
	return out
}

// tableRef spells a reference to a table of the snapshot.
func (w *hclWriter) tableRef(schema, table string) string {
	return w.r.object("table", schema, table)
}

func (w *hclWriter) view(sc *Schema, v *View) *hclBlock {
	kind := "view"
	if v.Materialized {
		kind = "materialized"
	}
	b := newBlock(kind, w.r.labels(kind, sc.Name, v.Name)...)
	b.set("schema", ref("schema", sc.Name))
	if v.Comment != "" {
		b.set("comment", hclString(v.Comment))
	}
	for i := range v.Columns {
		w.column(b, sc.Name, v.Name, &v.Columns[i], "column")
	}
	for i := range v.Indexes {
		w.index(b, sc.Name, v.Name, false, &v.Indexes[i])
	}
	b.set("as", hclText(v.Def, 1))
	if len(v.DependsOn) > 0 {
		b.set("depends_on", w.dependsOn(v.DependsOn))
	}
	if v.CheckOption != "" {
		b.set("check_option", bareOrQuoted(v.CheckOption, "LOCAL", "CASCADED"))
	}
	if len(v.Options) > 0 {
		b.set("options", stringList(v.Options))
	}
	if v.Algorithm != "" {
		b.set("algorithm", bareOrQuoted(v.Algorithm, "UNDEFINED", "MERGE", "TEMPTABLE"))
	}
	if v.Security != "" {
		b.set("security", bareOrQuoted(v.Security, "DEFINER", "INVOKER"))
	}
	return b
}

// plainArgRE matches an argument "name type" with no mode and no default,
// the form that prints as an `arg` block.
var plainArgRE = regexp.MustCompile(`^([a-z_][a-z0-9_]*) ([^ ].*)$`)

// argTypeWords start multi-word type names, so "double precision" is not an
// argument named double.
var argTypeWords = map[string]bool{
	"double": true, "character": true, "bit": true, "timestamp": true, "time": true,
	"interval": true, "in": true, "out": true, "inout": true, "variadic": true,
}

// splitArgs splits an argument list at the commas outside parentheses and
// quotes.
func splitArgs(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []string
	depth, quote, start := 0, false, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			quote = !quote
		case quote:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
			for start < len(s) && s[start] == ' ' {
				start++
			}
			i = start - 1
		}
	}
	return append(out, s[start:])
}

// routineArgs reads an argument list as name/type pairs when every argument
// is that simple and the list reads back exactly.
func routineArgs(args string) ([][2]string, bool) {
	parts := splitArgs(args)
	var out [][2]string
	for _, p := range parts {
		m := plainArgRE.FindStringSubmatch(p)
		if m == nil || argTypeWords[m[1]] || strings.Contains(strings.ToUpper(m[2]), " DEFAULT ") || strings.Contains(m[2], "=") {
			return nil, false
		}
		out = append(out, [2]string{m[1], m[2]})
	}
	return out, true
}

func (w *hclWriter) routine(sc *Schema, f *Routine) *hclBlock {
	kind := blockOfRoutine(f.Kind)
	b := newBlock(kind, w.r.labels(kind, sc.Name, f.Name)...)
	b.set("schema", ref("schema", sc.Name))
	if f.Language != "" {
		b.set("lang", spellLang(f.Language))
	}
	args, simple := routineArgs(f.Args)
	if !simple {
		b.set("args", hclString(f.Args))
	}
	if f.Returns != "" {
		b.set("return", w.spellOther(f.Returns, sc.Name))
	}
	if f.Volatility != "" {
		b.set("volatility", bareOrQuoted(f.Volatility, "IMMUTABLE", "STABLE", "VOLATILE"))
	}
	if f.Strict {
		b.set("strict", "true")
	}
	if f.SecurityDefiner {
		b.set("security", "DEFINER")
	}
	if f.Leakproof {
		b.set("leakproof", "true")
	}
	if f.Parallel != "" {
		b.set("parallel", bareOrQuoted(f.Parallel, "SAFE", "RESTRICTED", "UNSAFE"))
	}
	if len(f.Config) > 0 {
		b.set("config", stringList(f.Config))
	}
	if f.Deterministic {
		b.set("deterministic", "true")
	}
	if f.DataAccess != "" {
		b.set("data_access", hclString(f.DataAccess))
	}
	if f.Comment != "" {
		b.set("comment", hclString(f.Comment))
	}
	if f.BodyHidden {
		b.set("body_hidden", "true")
	}
	for _, a := range args {
		b.add("arg", a[0]).set("type", w.spellOther(a[1], sc.Name))
	}
	b.set("as", hclText(f.Body, 1))
	if len(f.DependsOn) > 0 {
		b.set("depends_on", w.dependsOn(f.DependsOn))
	}
	w.def(b, f.Def, func(d *hclDialect) string { return d.routineDef(sc.Name, f) }, 1)
	return b
}

// dependsOn spells View.DependsOn and Routine.DependsOn as Atlas Pro's
// depends_on meta-argument: references to the views and routines of the
// snapshot (view.v, function.f, view.s.v where names clash); a name the
// snapshot does not hold stays a string.
func (w *hclWriter) dependsOn(deps []string) string {
	out := make([]string, len(deps))
	for i, d := range deps {
		out[i] = hclString(d)
		schema, name, ok := strings.Cut(d, ".")
		if !ok {
			continue
		}
		if kind := w.dependKind(schema, name); kind != "" {
			out[i] = w.r.object(kind, schema, strings.TrimSuffix(name, "()"))
		}
	}
	return refList(out)
}

// dependKind is the block kind of the view ("name") or routine ("name()")
// in schema, or "" when the snapshot has none or the name reads back
// differently (a dot in it).
func (w *hclWriter) dependKind(schema, name string) string {
	for i := range w.s.Schemas {
		sc := &w.s.Schemas[i]
		if sc.Name != schema {
			continue
		}
		if fn, ok := strings.CutSuffix(name, "()"); ok {
			kind := ""
			for _, f := range sc.Routines {
				if f.Name != fn {
					continue
				}
				k := blockOfRoutine(f.Kind)
				if kind != "" && kind != k {
					return "" // two kinds share the name: no one reference
				}
				kind = k
			}
			return kind
		}
		for _, v := range sc.Views {
			if v.Name == name {
				if v.Materialized {
					return "materialized"
				}
				return "view"
			}
		}
	}
	return ""
}

// spellOther spells a type outside a column (argument, return value): a
// reference to an enum, domain or composite, or the dialect's spelling.
func (w *hclWriter) spellOther(typ, schema string) string {
	if r := w.r.typeRef(typ, schema); r != "" {
		return r
	}
	s, unsigned := w.d.spellType(typ, w.r, schema)
	if unsigned {
		return sqlCall(typ)
	}
	return s
}

var langs = map[string]string{"sql": "SQL", "plpgsql": "PLpgSQL"}

func spellLang(l string) string {
	if s, ok := langs[l]; ok {
		return s
	}
	return hclString(l)
}

// trigger writes a trigger of the table or view named table, which on
// references.
func (w *hclWriter) trigger(sc *Schema, on, table string, tr *Trigger) *hclBlock {
	b := newBlock("trigger", tr.Name)
	b.set("on", on)
	if tr.ForEachRow {
		b.set("for", "ROW")
	} else {
		b.set("for", "STATEMENT")
	}
	if tr.When != "" {
		b.set("when", hclString(tr.When))
	}
	if tr.Enabled != "" {
		b.set("enabled", hclString(tr.Enabled))
	}
	if tr.Constraint {
		b.set("constraint", "true")
	}
	if tr.Order != 0 {
		b.set("order", hclInt(int64(tr.Order)))
	}
	if tr.Comment != "" {
		b.set("comment", hclString(tr.Comment))
	}
	timing := strings.ToLower(strings.ReplaceAll(tr.Timing, " ", "_"))
	if timing != "before" && timing != "after" && timing != "instead_of" {
		b.set("timing", hclString(tr.Timing))
		timing = "events"
	}
	eb := b.add(timing)
	for _, e := range tr.Events {
		switch {
		case e == "UPDATE" && len(tr.Columns) > 0:
			cols := make([]string, len(tr.Columns))
			for i, c := range tr.Columns {
				cols[i] = on + refStep("column") + refStep(c)
			}
			eb.set("update_of", refList(cols))
		case identRE.MatchString(e) && strings.ToUpper(e) == e:
			eb.set(strings.ToLower(e), "true")
		default:
			eb.set("event", hclString(e))
		}
	}
	if tr.Function != "" {
		xb := b.add("execute")
		if name, ok := strings.CutSuffix(tr.Function, "()"); ok && w.hasRoutine(sc.Name, name) {
			xb.set("function", w.r.object("function", sc.Name, name))
		} else {
			xb.set("call", hclString(tr.Function))
		}
	}
	if tr.Body != "" {
		b.set("as", hclText(tr.Body, 1))
	}
	w.def(b, tr.Def, func(d *hclDialect) string { return d.triggerDef(sc.Name, table, tr) }, 1)
	return b
}

// hasRoutine tells whether schema has exactly one function of that name, so
// that function.<name> identifies the trigger's function.
func (w *hclWriter) hasRoutine(schema, name string) bool {
	for _, sc := range w.s.Schemas {
		if sc.Name != schema {
			continue
		}
		n := 0
		for _, f := range sc.Routines {
			if f.Name == name && f.Kind == "FUNCTION" {
				n++
			}
		}
		return n == 1
	}
	return false
}

func (w *hclWriter) policy(on string, p *Policy) *hclBlock {
	b := newBlock("policy", p.Name)
	b.set("on", on)
	if !p.Permissive {
		b.set("as", "RESTRICTIVE")
	}
	if p.Command != "" && p.Command != "ALL" {
		b.set("for", bareOrQuoted(p.Command, "SELECT", "INSERT", "UPDATE", "DELETE"))
	}
	if len(p.Roles) > 0 {
		b.set("to", stringList(p.Roles))
	}
	if p.Using != "" {
		b.set("using", hclString(p.Using))
	}
	if p.Check != "" {
		b.set("check", hclString(p.Check))
	}
	if p.Comment != "" {
		b.set("comment", hclString(p.Comment))
	}
	return b
}

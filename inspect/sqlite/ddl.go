package sqlite

import (
	"fmt"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/schema"
)

// SQL writes the DDL that recreates an SQLite snapshot in an empty database:
// tables (referenced tables first), indexes, views (each after the views it
// reads) and triggers. The text is canonical, not the user's original: it is
// generated from the model, so inspecting its result gives the same snapshot
// and hash. Virtual tables, recorded only as notes, are not written.
func SQL(s *schema.Snapshot) (string, error) {
	if s.Dialect != schema.SQLite {
		return "", fmt.Errorf("sqlite: cannot write SQL for a %q snapshot", s.Dialect)
	}
	var b strings.Builder
	for _, sc := range s.Schemas {
		if sc.Name != "main" {
			return "", fmt.Errorf("sqlite: schema %q cannot be written: SQLite has only main", sc.Name)
		}
		tables := tableOrder(sc.Tables)
		for _, t := range tables {
			writeTable(&b, t)
		}
		for _, t := range tables {
			for _, ix := range t.Indexes {
				writeIndex(&b, t.Name, ix)
			}
		}
		views := viewOrder(sc.Views)
		for _, v := range views {
			fmt.Fprintf(&b, "CREATE VIEW %s", quoteIdent(v.Name))
			if len(v.Columns) > 0 {
				names := make([]string, len(v.Columns))
				for i, c := range v.Columns {
					names[i] = quoteIdent(c.Name)
				}
				fmt.Fprintf(&b, " (%s)", strings.Join(names, ", "))
			}
			fmt.Fprintf(&b, " AS %s;\n", v.Def)
		}
		for _, t := range tables {
			for _, tr := range t.Triggers {
				writeTrigger(&b, t.Name, tr)
			}
		}
		for _, v := range views {
			for _, tr := range v.Triggers {
				writeTrigger(&b, v.Name, tr)
			}
		}
	}
	return b.String(), nil
}

func writeTable(b *strings.Builder, t *schema.Table) {
	var defs []string
	// AUTOINCREMENT exists only as a column constraint.
	inlinePK := t.PrimaryKey != nil && t.PrimaryKey.AutoIncrement && len(t.PrimaryKey.Columns) == 1
	for _, c := range t.Columns {
		d := quoteIdent(c.Name)
		if c.Type != "" {
			d += " " + c.Type
		}
		if !c.Nullable {
			d += " NOT NULL"
		}
		if c.Default != "" {
			d += " DEFAULT " + defaultExpr(c.Default)
		}
		if c.Collation != "" {
			d += " COLLATE " + quoteIdent(c.Collation)
		}
		if g := c.Generated; g != nil {
			kind := "VIRTUAL"
			if g.Stored {
				kind = "STORED"
			}
			d += fmt.Sprintf(" GENERATED ALWAYS AS (%s) %s", g.Expr, kind)
		}
		if inlinePK && c.Name == t.PrimaryKey.Columns[0] {
			d += constraintName(t.PrimaryKey.Name) + " PRIMARY KEY"
			if parts := t.PrimaryKey.Parts; len(parts) == 1 && parts[0].Desc {
				d += " DESC"
			}
			d += onConflict(t.PrimaryKey.Conflict) + " AUTOINCREMENT"
		}
		defs = append(defs, d)
	}
	if k := t.PrimaryKey; k != nil && !inlinePK {
		defs = append(defs, strings.TrimPrefix(constraintName(k.Name)+" PRIMARY KEY ("+keyParts(k)+")"+onConflict(k.Conflict), " "))
	}
	for _, k := range t.Uniques {
		defs = append(defs, strings.TrimPrefix(constraintName(k.Name)+" UNIQUE ("+keyParts(&k)+")"+onConflict(k.Conflict), " "))
	}
	for _, c := range t.Checks {
		defs = append(defs, strings.TrimPrefix(constraintName(c.Name)+" CHECK ("+c.Expr+")", " "))
	}
	for _, f := range t.ForeignKeys {
		d := strings.TrimPrefix(constraintName(f.Name)+" FOREIGN KEY ("+identList(f.Columns)+") REFERENCES "+quoteIdent(f.RefTable), " ")
		if len(f.RefColumns) > 0 {
			d += " (" + identList(f.RefColumns) + ")"
		}
		d += " ON UPDATE " + f.OnUpdate + " ON DELETE " + f.OnDelete
		if f.Match != "" {
			d += " MATCH " + f.Match
		}
		if f.Deferrable {
			d += " DEFERRABLE INITIALLY "
			if f.InitiallyDeferred {
				d += "DEFERRED"
			} else {
				d += "IMMEDIATE"
			}
		}
		defs = append(defs, d)
	}
	fmt.Fprintf(b, "CREATE TABLE %s (\n  %s\n)", quoteIdent(t.Name), strings.Join(defs, ",\n  "))
	var opts []string
	if t.WithoutRowID {
		opts = append(opts, "WITHOUT ROWID")
	}
	if t.Strict {
		opts = append(opts, "STRICT")
	}
	if len(opts) > 0 {
		b.WriteString(" " + strings.Join(opts, ", "))
	}
	b.WriteString(";\n")
}

// defaultExpr spells a column default: a single literal or word as it is, a
// signed number as it is, anything else in parentheses (SQLite reports
// DEFAULT (expr) without them).
func defaultExpr(d string) string {
	toks := tokenize(d)
	switch {
	case len(toks) == 1:
		return d
	case len(toks) == 2 && toks[0].kind == tPunct && (toks[0].text == "-" || toks[0].text == "+") && toks[1].kind == tNumber:
		return d
	}
	return "(" + d + ")"
}

func constraintName(name string) string {
	if name == "" {
		return ""
	}
	return " CONSTRAINT " + quoteIdent(name)
}

func onConflict(c string) string {
	if c == "" {
		return ""
	}
	return " ON CONFLICT " + c
}

func identList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteIdent(n)
	}
	return strings.Join(q, ", ")
}

// keyParts spells the columns of a key with their collation and order.
func keyParts(k *schema.Key) string {
	if len(k.Parts) == 0 {
		return identList(k.Columns)
	}
	return partList(k.Parts)
}

func partList(parts []schema.IndexPart) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		s := p.Expr
		if p.Column != "" {
			s = quoteIdent(p.Column)
		}
		if p.Collation != "" {
			s += " COLLATE " + quoteIdent(p.Collation)
		}
		if p.Desc {
			s += " DESC"
		}
		q[i] = s
	}
	return strings.Join(q, ", ")
}

func writeIndex(b *strings.Builder, table string, ix schema.Index) {
	unique := ""
	if ix.Unique {
		unique = "UNIQUE "
	}
	fmt.Fprintf(b, "CREATE %sINDEX %s ON %s (%s)", unique, quoteIdent(ix.Name), quoteIdent(table), partList(ix.Parts))
	if ix.Where != "" {
		b.WriteString(" WHERE " + ix.Where)
	}
	b.WriteString(";\n")
}

func writeTrigger(b *strings.Builder, on string, tr schema.Trigger) {
	fmt.Fprintf(b, "CREATE TRIGGER %s %s %s", quoteIdent(tr.Name), tr.Timing, strings.Join(tr.Events, " OR "))
	if len(tr.Columns) > 0 {
		b.WriteString(" OF " + identList(tr.Columns))
	}
	fmt.Fprintf(b, " ON %s FOR EACH ROW", quoteIdent(on))
	if tr.When != "" {
		b.WriteString(" WHEN " + tr.When)
	}
	fmt.Fprintf(b, " BEGIN %s END;\n", tr.Body)
}

// tableOrder returns the tables with every referenced table before the
// tables referring to it, by name otherwise; a cycle is broken at the name
// that sorts first. SQLite does not check references at CREATE TABLE, so the
// order is for readers and for other tools that do.
func tableOrder(ts []schema.Table) []*schema.Table {
	byName := map[string]*schema.Table{}
	names := make([]string, len(ts))
	for i := range ts {
		byName[strings.ToLower(ts[i].Name)] = &ts[i]
		names[i] = strings.ToLower(ts[i].Name)
	}
	deps := func(n string) []string {
		var d []string
		for _, f := range byName[n].ForeignKeys {
			d = append(d, strings.ToLower(f.RefTable))
		}
		return d
	}
	var out []*schema.Table
	for _, n := range topo(names, deps) {
		out = append(out, byName[n])
	}
	return out
}

// viewOrder returns the views with every view a definition names before it.
func viewOrder(vs []schema.View) []schema.View {
	byName := map[string]schema.View{}
	names := make([]string, len(vs))
	for i, v := range vs {
		byName[strings.ToLower(v.Name)] = v
		names[i] = strings.ToLower(v.Name)
	}
	deps := func(n string) []string {
		var d []string
		for _, t := range tokenize(byName[n].Def) {
			if t.kind == tWord || t.kind == tQuoted {
				d = append(d, strings.ToLower(t.ident()))
			}
		}
		return d
	}
	var out []schema.View
	for _, n := range topo(names, deps) {
		out = append(out, byName[n])
	}
	return out
}

// topo orders names depth-first so that dependencies come first; names not in
// the list and self-references are ignored.
func topo(names []string, deps func(string) []string) []string {
	slices.Sort(names)
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	seen := map[string]bool{}
	var out []string
	var visit func(string)
	visit = func(n string) {
		if seen[n] {
			return
		}
		seen[n] = true
		d := deps(n)
		slices.Sort(d)
		for _, m := range d {
			if known[m] && m != n {
				visit(m)
			}
		}
		out = append(out, n)
	}
	for _, n := range names {
		visit(n)
	}
	return out
}

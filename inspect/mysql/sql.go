package mysql

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/schemawatch/schemawatch/schema"
)

// SQL writes DDL that recreates s on an empty MySQL 8 or MariaDB server:
// CREATE DATABASE and USE per schema, sequences, tables, then foreign keys
// once every table exists, routines, views in dependency order, triggers and
// events.
//
// The output has no DELIMITER lines. Every statement, compound routine and
// trigger bodies included, ends with ";" and a newline, and the whole text is
// meant to be sent as one multi-statement batch, which the server splits
// itself: go-sql-driver/mysql with multiStatements=true applies it as one
// Exec, and so does the mariadb (or mysql) command line client when told a
// delimiter that never occurs, so it stops splitting on ";":
//
//	mariadb --delimiter='$$sw$$' shop < schema.sql
//
// The batch must fit max_allowed_packet (16 MB by default).
// Server-specific clauses are versioned comments each server reads or skips:
// /*M!100600 IGNORED*/ for MariaDB, /*!80000 INVISIBLE*/ for MySQL.
// Routines whose body the inspecting user could not read are written as a
// comment only. Definers are not written (they are not in the snapshot): the
// applying user becomes the definer.
func SQL(s *schema.Snapshot) (string, error) {
	if s.Dialect != schema.MySQL {
		return "", fmt.Errorf("mysql: cannot write SQL for a %q snapshot", s.Dialect)
	}
	var b strings.Builder
	b.WriteString("-- Written by schemawatch from a " + s.Dialect + " snapshot. Apply as one batch: mariadb --delimiter='$$sw$$' < this.sql\n")
	for _, sc := range s.Schemas {
		fmt.Fprintf(&b, "CREATE DATABASE IF NOT EXISTS %s", quoteIdent(sc.Name))
		if sc.Charset != "" {
			b.WriteString(" DEFAULT CHARACTER SET " + sc.Charset)
		}
		if sc.Collation != "" {
			b.WriteString(" DEFAULT COLLATE " + sc.Collation)
		}
		if sc.Comment != "" {
			b.WriteString(" /*M!100500 COMMENT " + quoteString(sc.Comment) + "*/")
		}
		b.WriteString(";\nUSE " + quoteIdent(sc.Name) + ";\n")
		for _, q := range sc.Sequences {
			writeSequence(&b, q)
		}
		for _, t := range sc.Tables {
			writeTable(&b, t)
		}
	}
	for _, sc := range s.Schemas {
		for _, t := range sc.Tables {
			for _, fk := range t.ForeignKeys {
				writeForeignKey(&b, sc.Name, t.Name, fk)
			}
		}
	}
	for _, sc := range s.Schemas {
		if len(sc.Routines) == 0 {
			continue
		}
		b.WriteString("USE " + quoteIdent(sc.Name) + ";\n")
		for _, rt := range sc.Routines {
			writeRoutine(&b, rt)
		}
	}
	writeViews(&b, s.Schemas)
	for _, sc := range s.Schemas {
		if !slices.ContainsFunc(sc.Tables, func(t schema.Table) bool { return len(t.Triggers) > 0 }) && len(sc.Events) == 0 {
			continue
		}
		b.WriteString("USE " + quoteIdent(sc.Name) + ";\n")
		for _, t := range sc.Tables {
			writeTriggers(&b, t)
		}
		for _, ev := range sc.Events {
			writeEvent(&b, ev)
		}
	}
	return b.String(), nil
}

func writeSequence(b *strings.Builder, q schema.Sequence) {
	fmt.Fprintf(b, "CREATE SEQUENCE %s START WITH %d MINVALUE %d MAXVALUE %d INCREMENT BY %d CACHE %d %s;\n",
		quoteIdent(q.Name), q.Start, q.Min, q.Max, q.Increment, q.Cache, map[bool]string{true: "CYCLE", false: "NOCYCLE"}[q.Cycle])
}

func writeTable(b *strings.Builder, t schema.Table) {
	var lines []string
	colChecks := map[string][]schema.Check{}
	var tableChecks []schema.Check
	for _, c := range t.Checks {
		// MariaDB names a check written on a column after the column; write
		// it there again so the server records it the same way.
		if slices.ContainsFunc(t.Columns, func(col schema.Column) bool { return col.Name == c.Name }) {
			colChecks[c.Name] = append(colChecks[c.Name], c)
		} else {
			tableChecks = append(tableChecks, c)
		}
	}
	for _, c := range t.Columns {
		lines = append(lines, columnDef(c, colChecks[c.Name]))
	}
	if pk := t.PrimaryKey; pk != nil {
		lines = append(lines, "PRIMARY KEY "+keyParts(pk.Columns, pk.Parts))
	}
	for _, ix := range t.Indexes {
		lines = append(lines, indexDef(ix))
	}
	for _, c := range tableChecks {
		s := "CONSTRAINT " + quoteIdent(c.Name) + " CHECK (" + c.Expr + ")"
		if c.NotEnforced {
			s += " /*!80016 NOT ENFORCED */"
		}
		lines = append(lines, s)
	}
	fmt.Fprintf(b, "CREATE TABLE %s (\n  %s\n)", quoteIdent(t.Name), strings.Join(lines, ",\n  "))
	if t.Engine != "" {
		b.WriteString(" ENGINE=" + t.Engine)
	}
	if t.Charset != "" {
		b.WriteString(" DEFAULT CHARSET=" + t.Charset)
	}
	if t.Collation != "" {
		b.WriteString(" COLLATE=" + t.Collation)
	}
	if t.RowFormat != "" {
		b.WriteString(" ROW_FORMAT=" + t.RowFormat)
	}
	versioning := false
	for _, o := range t.Options {
		if o == "with_system_versioning" {
			versioning = true
			continue
		}
		k, v, _ := strings.Cut(o, "=")
		b.WriteString(" " + strings.ToUpper(k) + "=" + v)
	}
	if t.Comment != "" {
		b.WriteString(" COMMENT=" + quoteString(t.Comment))
	}
	if versioning {
		b.WriteString(" WITH SYSTEM VERSIONING")
	}
	if t.Partitioning != "" {
		b.WriteString("\n" + t.Partitioning)
	}
	b.WriteString(";\n")
}

var bitTypeRE = regexp.MustCompile(`^bit\b`)

func columnDef(c schema.Column, checks []schema.Check) string {
	s := quoteIdent(c.Name) + " " + c.Type
	if c.Charset != "" {
		s += " CHARACTER SET " + c.Charset
	}
	if c.Collation != "" {
		s += " COLLATE " + c.Collation
	}
	if g := c.Generated; g != nil {
		s += " AS (" + g.Expr + ")"
		if g.Stored {
			s += " STORED"
		} else {
			s += " VIRTUAL"
		}
		if !c.Nullable {
			s += " NOT NULL"
		}
	} else if c.Nullable {
		s += " NULL"
	} else {
		s += " NOT NULL"
	}
	// An empty literal is DEFAULT '' (Default "" with DefaultLiteral).
	if c.Default != "" || c.DefaultLiteral {
		s += " DEFAULT " + defaultSQL(c)
	}
	if c.OnUpdate != "" {
		s += " ON UPDATE " + c.OnUpdate
	}
	if c.AutoIncrement {
		s += " AUTO_INCREMENT"
	}
	if c.Invisible {
		s += " INVISIBLE"
	}
	if c.SRID != nil {
		s += " /*!80003 SRID " + strconv.Itoa(*c.SRID) + " */"
	}
	if c.Comment != "" {
		s += " COMMENT " + quoteString(c.Comment)
	}
	for _, k := range checks {
		s += " CHECK (" + k.Expr + ")"
	}
	return s
}

// defaultSQL spells a default for CREATE TABLE: literals quoted (bit literals
// as written), the current time bare, other expressions in parentheses, which
// MySQL 8 requires and MariaDB accepts.
func defaultSQL(c schema.Column) string {
	switch {
	case c.DefaultLiteral && bitTypeRE.MatchString(c.Type) && bitLitRE.MatchString(c.Default):
		return c.Default
	case c.DefaultLiteral:
		return quoteString(c.Default)
	case strings.HasPrefix(c.Default, "CURRENT_TIMESTAMP"):
		return c.Default
	}
	return "(" + c.Default + ")"
}

func keyParts(cols []string, parts []schema.IndexPart) string {
	if len(parts) == 0 {
		for _, c := range cols {
			parts = append(parts, schema.IndexPart{Column: c})
		}
	}
	out := make([]string, len(parts))
	for i, p := range parts {
		if p.Expr != "" {
			out[i] = "(" + p.Expr + ")"
		} else {
			out[i] = quoteIdent(p.Column)
			if p.Prefix > 0 {
				out[i] += "(" + strconv.Itoa(p.Prefix) + ")"
			}
		}
		if p.Desc {
			out[i] += " DESC"
		}
	}
	return "(" + strings.Join(out, ", ") + ")"
}

func indexDef(ix schema.Index) string {
	s := "KEY " + quoteIdent(ix.Name) + " " + keyParts(nil, ix.Parts)
	switch ix.Method {
	case "FULLTEXT", "SPATIAL":
		s = ix.Method + " " + s
	case "":
	default:
		s += " USING " + ix.Method
	}
	if ix.Unique {
		s = "UNIQUE " + s
	}
	if ix.Parser != "" {
		s += " WITH PARSER " + quoteIdent(ix.Parser)
	}
	if ix.Comment != "" {
		s += " COMMENT " + quoteString(ix.Comment)
	}
	if ix.Invisible {
		s += " /*M!100600 IGNORED*/ /*!80000 INVISIBLE*/"
	}
	return s
}

func writeForeignKey(b *strings.Builder, sc, table string, fk schema.ForeignKey) {
	ref := quoteIdent(fk.RefTable)
	if fk.RefSchema != "" {
		ref = quoteIdent(fk.RefSchema) + "." + ref
	} else {
		ref = quoteIdent(sc) + "." + ref
	}
	fmt.Fprintf(b, "ALTER TABLE %s.%s ADD CONSTRAINT %s FOREIGN KEY %s REFERENCES %s %s",
		quoteIdent(sc), quoteIdent(table), quoteIdent(fk.Name), keyParts(fk.Columns, nil), ref, keyParts(fk.RefColumns, nil))
	if fk.OnDelete != "" {
		b.WriteString(" ON DELETE " + fk.OnDelete)
	}
	if fk.OnUpdate != "" {
		b.WriteString(" ON UPDATE " + fk.OnUpdate)
	}
	b.WriteString(";\n")
}

func writeRoutine(b *strings.Builder, rt schema.Routine) {
	if rt.BodyHidden {
		fmt.Fprintf(b, "-- %s %s: body not visible to the inspecting user, not written\n", strings.ToLower(rt.Kind), quoteIdent(rt.Name))
		return
	}
	fmt.Fprintf(b, "CREATE %s %s(%s)", rt.Kind, quoteIdent(rt.Name), rt.Args)
	if rt.Kind == "FUNCTION" {
		b.WriteString(" RETURNS " + rt.Returns)
	}
	if rt.Comment != "" {
		b.WriteString("\n  COMMENT " + quoteString(rt.Comment))
	}
	if rt.Deterministic {
		b.WriteString("\n  DETERMINISTIC")
	} else {
		b.WriteString("\n  NOT DETERMINISTIC")
	}
	if rt.DataAccess != "" {
		b.WriteString("\n  " + rt.DataAccess)
	}
	if rt.SecurityDefiner {
		b.WriteString("\n  SQL SECURITY DEFINER")
	} else {
		b.WriteString("\n  SQL SECURITY INVOKER")
	}
	b.WriteString("\n" + rt.Body + ";\n")
}

// writeViews writes views so each comes after the views it reads, switching
// schemas with USE as needed.
func writeViews(b *strings.Builder, schemas []schema.Schema) {
	type ref struct{ sc, name string }
	views := map[ref]schema.View{}
	var all []ref
	for _, sc := range schemas {
		for _, v := range sc.Views {
			views[ref{sc.Name, v.Name}] = v
			all = append(all, ref{sc.Name, v.Name})
		}
	}
	done := map[ref]bool{}
	current := ""
	var visit func(r ref, path map[ref]bool)
	visit = func(r ref, path map[ref]bool) {
		if done[r] || path[r] {
			return
		}
		path[r] = true
		v := views[r]
		for _, o := range all {
			if o == r {
				continue
			}
			q := quoteIdent(o.name)
			if o.sc != r.sc {
				q = quoteIdent(o.sc) + "." + q
			}
			if strings.Contains(v.Def, q) {
				visit(o, path)
			}
		}
		done[r] = true
		if current != r.sc {
			b.WriteString("USE " + quoteIdent(r.sc) + ";\n")
			current = r.sc
		}
		b.WriteString("CREATE")
		if v.Algorithm != "" {
			b.WriteString(" ALGORITHM=" + v.Algorithm)
		}
		if v.Security != "" {
			b.WriteString(" SQL SECURITY " + v.Security)
		}
		fmt.Fprintf(b, " VIEW %s AS %s", quoteIdent(v.Name), v.Def)
		if v.CheckOption != "" {
			b.WriteString(" WITH " + v.CheckOption + " CHECK OPTION")
		}
		b.WriteString(";\n")
	}
	for _, r := range all {
		visit(r, map[ref]bool{})
	}
}

// writeTriggers writes a table's triggers in ACTION_ORDER, which the server
// gives them again in creation order.
func writeTriggers(b *strings.Builder, t schema.Table) {
	trs := slices.Clone(t.Triggers)
	slices.SortStableFunc(trs, func(x, y schema.Trigger) int { return x.Order - y.Order })
	for _, tr := range trs {
		each := ""
		if tr.ForEachRow {
			each = " FOR EACH ROW"
		}
		fmt.Fprintf(b, "CREATE TRIGGER %s %s %s ON %s%s %s;\n",
			quoteIdent(tr.Name), tr.Timing, strings.Join(tr.Events, " OR "), quoteIdent(t.Name), each, tr.Body)
	}
}

func writeEvent(b *strings.Builder, ev schema.Event) {
	fmt.Fprintf(b, "CREATE EVENT %s ON SCHEDULE %s", quoteIdent(ev.Name), ev.Schedule)
	if ev.OnCompletion == "PRESERVE" {
		b.WriteString(" ON COMPLETION PRESERVE")
	} else {
		b.WriteString(" ON COMPLETION NOT PRESERVE")
	}
	switch ev.Status {
	case "DISABLED":
		b.WriteString(" DISABLE")
	case "SLAVESIDE_DISABLED", "REPLICA_SIDE_DISABLED":
		b.WriteString(" DISABLE ON SLAVE")
	default:
		b.WriteString(" ENABLE")
	}
	if ev.Comment != "" {
		b.WriteString(" COMMENT " + quoteString(ev.Comment))
	}
	b.WriteString(" DO " + ev.Body + ";\n")
}

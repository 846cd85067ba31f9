package schema

import (
	"regexp"
	"strings"
)

// The PostgreSQL inspector keeps the server's own CREATE text of indexes
// (pg_get_indexdef), triggers (pg_get_triggerdef) and routines
// (pg_get_functiondef) in Def. Atlas prints no such attribute, so WriteHCL
// rebuilds the text from the structured fields the way PostgreSQL 15 prints
// it, and writes `def` only where the rebuilt text differs (a feature the
// model does not break down, such as opclass parameters, REFERENCING
// clauses or BEGIN ATOMIC bodies). ParseHCL rebuilds Def the same way when
// `def` is absent, so the round trip is exact either way, and a wrong guess
// here costs one extra line, never a changed snapshot.

// pgIdentRE matches names quote_ident leaves bare, keywords aside.
var pgIdentRE = regexp.MustCompile(`^[a-z_][a-z0-9_$]*$`)

// pgKeywords are the reserved, type/function-name and column-name keywords
// that quote_ident quotes (https://www.postgresql.org/docs/15/sql-keywords-appendix.html).
var pgKeywords = wordSet(`all analyse analyze and any array as asc asymmetric both case cast check
		collate column constraint create current_catalog current_date current_role current_time
		current_timestamp current_user default deferrable desc distinct do else end except false fetch
		for foreign from grant group having in initially intersect into lateral leading limit localtime
		localtimestamp not null offset on only or order placing primary references returning select
		session_user some symmetric system_user table then to trailing true union unique user using
		variadic when where window with authorization binary collation concurrently cross
		current_schema freeze full ilike inner is isnull join left like natural notnull outer overlaps
		right similar tablesample verbose between bigint bit boolean char character coalesce dec
		decimal exists extract float greatest grouping inout int integer interval json json_array
		json_arrayagg json_object json_objectagg least national nchar none normalize nullif numeric out
		overlay position precision real row setof smallint substring time timestamp treat trim values
		varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi
		xmlroot xmlserialize xmltable`)

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// pgIdent quotes a name as PostgreSQL's quote_ident does.
func pgIdent(s string) string {
	if pgIdentRE.MatchString(s) && !pgKeywords[s] {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func pgQualified(schema, name string) string { return pgIdent(schema) + "." + pgIdent(name) }

func pgLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// pgOptions prints storage parameters as reloptions are printed: name='value'.
func pgOptions(opts []string) string {
	out := make([]string, len(opts))
	for i, o := range opts {
		k, v, _ := strings.Cut(o, "=")
		out[i] = k + "=" + pgLiteral(v)
	}
	return strings.Join(out, ", ")
}

// pgIndexDef rebuilds pg_get_indexdef's text. only is set for indexes of a
// partitioned table, which PostgreSQL prints as ON ONLY.
func pgIndexDef(schema, table string, only bool, ix *Index) string {
	keys := make([]string, 0, len(ix.Parts)+len(ix.Include))
	for _, p := range ix.Parts {
		if p.Column != "" {
			keys = append(keys, pgIdent(p.Column))
		} else {
			keys = append(keys, p.Expr)
		}
	}
	for _, c := range ix.Include {
		keys = append(keys, pgIdent(c))
	}
	return PostgresIndexDef(pgIdent(ix.Name), pgQualified(schema, table), only, ix, keys)
}

// PostgresIndexDef writes ix as pg_get_indexdef prints it (ruleutils.c),
// given the quoted index and table names and keys: how each part, then each
// INCLUDE column, is printed. only is set for indexes of a partitioned
// table, which PostgreSQL prints as ON ONLY. The HCL reader and the
// PostgreSQL inspector share it; each quotes names its own way.
func PostgresIndexDef(name, table string, only bool, ix *Index, keys []string) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if ix.Unique {
		b.WriteString("UNIQUE ")
	}
	b.WriteString("INDEX " + name + " ON ")
	if only {
		b.WriteString("ONLY ")
	}
	method := ix.Method
	if method == "" {
		method = "btree"
	}
	b.WriteString(table + " USING " + method + " (")
	for i, p := range ix.Parts {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(keys[i])
		if p.Collation != "" {
			b.WriteString(" COLLATE " + p.Collation)
		}
		if p.Opclass != "" {
			b.WriteString(" " + p.Opclass)
		}
		if p.Desc {
			b.WriteString(" DESC")
		}
		if p.NullsFirst != nil {
			if *p.NullsFirst {
				b.WriteString(" NULLS FIRST")
			} else {
				b.WriteString(" NULLS LAST")
			}
		}
	}
	b.WriteString(")")
	if len(ix.Include) > 0 {
		b.WriteString(" INCLUDE (" + strings.Join(keys[len(ix.Parts):], ", ") + ")")
	}
	if ix.NullsNotDistinct {
		b.WriteString(" NULLS NOT DISTINCT")
	}
	if len(ix.Options) > 0 {
		b.WriteString(" WITH (" + pgOptions(ix.Options) + ")")
	}
	if ix.Where != "" {
		b.WriteString(" WHERE " + ix.Where)
	}
	return b.String()
}

// pgTriggerEvents is the order pg_get_triggerdef lists events in.
var pgTriggerEvents = []string{"INSERT", "DELETE", "UPDATE", "TRUNCATE"}

// pgTriggerDef rebuilds pg_get_triggerdef's text. Constraint triggers are
// printed NOT DEFERRABLE INITIALLY IMMEDIATE, as the model keeps no
// deferrability for them; others keep `def`.
func pgTriggerDef(schema, table string, tr *Trigger) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if tr.Constraint {
		b.WriteString("CONSTRAINT ")
	}
	b.WriteString("TRIGGER " + pgIdent(tr.Name) + " " + tr.Timing + " ")
	n := 0
	for _, e := range pgTriggerEvents {
		if !contains(tr.Events, e) {
			continue
		}
		if n > 0 {
			b.WriteString(" OR ")
		}
		n++
		b.WriteString(e)
		if e == "UPDATE" && len(tr.Columns) > 0 {
			cols := make([]string, len(tr.Columns))
			for i, c := range tr.Columns {
				cols[i] = pgIdent(c)
			}
			b.WriteString(" OF " + strings.Join(cols, ", "))
		}
	}
	b.WriteString(" ON " + pgQualified(schema, table) + " ")
	if tr.Constraint {
		b.WriteString("NOT DEFERRABLE INITIALLY IMMEDIATE ")
	}
	if tr.ForEachRow {
		b.WriteString("FOR EACH ROW ")
	} else {
		b.WriteString("FOR EACH STATEMENT ")
	}
	if tr.When != "" {
		b.WriteString("WHEN (" + tr.When + ") ")
	}
	b.WriteString("EXECUTE FUNCTION " + tr.Function)
	return b.String()
}

// pgListConfigs are the settings whose values pg_get_functiondef prints as
// a list of literals (GUC_LIST_QUOTE).
var pgListConfigs = map[string]bool{"search_path": true, "temp_tablespaces": true,
	"local_preload_libraries": true, "session_preload_libraries": true, "shared_preload_libraries": true}

// pgRoutineDef rebuilds pg_get_functiondef's text for functions and
// procedures with a dollar-quoted body; aggregates, SQL-standard bodies
// (BEGIN ATOMIC) and C functions keep `def`.
func pgRoutineDef(schema string, f *Routine) string {
	kind := strings.ToLower(f.Kind)
	if kind != "function" && kind != "procedure" {
		return ""
	}
	var b strings.Builder
	b.WriteString("CREATE OR REPLACE " + f.Kind + " " + pgQualified(schema, f.Name) + "(" + f.Args + ")\n")
	if f.Kind == "FUNCTION" {
		b.WriteString(" RETURNS " + f.Returns + "\n")
	}
	b.WriteString(" LANGUAGE " + pgIdent(f.Language) + "\n")
	var opts []string
	if f.Volatility == "IMMUTABLE" || f.Volatility == "STABLE" {
		opts = append(opts, f.Volatility)
	}
	if f.Parallel == "SAFE" || f.Parallel == "RESTRICTED" {
		opts = append(opts, "PARALLEL "+f.Parallel)
	}
	if f.Strict {
		opts = append(opts, "STRICT")
	}
	if f.SecurityDefiner {
		opts = append(opts, "SECURITY DEFINER")
	}
	if f.Leakproof {
		opts = append(opts, "LEAKPROOF")
	}
	if len(opts) > 0 {
		b.WriteString(" " + strings.Join(opts, " ") + "\n")
	}
	for _, c := range f.Config {
		k, v, _ := strings.Cut(c, "=")
		if pgListConfigs[k] {
			items := strings.Split(v, ", ")
			for i, it := range items {
				items[i] = pgLiteral(it)
			}
			v = strings.Join(items, ", ")
		} else {
			v = pgLiteral(v)
		}
		b.WriteString(" SET " + k + " TO " + v + "\n")
	}
	tag := "$" + kind + "$"
	b.WriteString("AS " + tag + f.Body + tag)
	return b.String()
}

package postgres

import (
	"slices"
	"strings"
)

// Pseudo-types whose default operator classes take any input type
// (pg_type.dat): any, anyelement, anycompatible, anynonarray and
// anycompatiblenonarray.
var anyTypes = []uint32{2276, 2283, 5077, 2776, 5079}

// indexLookup holds what resolveIndexes and resolveConstraints consult: the
// columns of each relation, operator classes, implicit binary casts and
// collation names.
type indexLookup struct {
	columns    map[uint32][]columnRow
	opclasses  map[uint32]*opclassRow
	defaults   map[uint32][]*opclassRow // default operator classes by method
	casts      map[[2]uint32]bool
	collations map[uint32]string
}

func (c *catalog) indexLookup() *indexLookup {
	l := &indexLookup{
		columns:    map[uint32][]columnRow{},
		opclasses:  make(map[uint32]*opclassRow, len(c.opclasses)),
		defaults:   map[uint32][]*opclassRow{},
		casts:      make(map[[2]uint32]bool, len(c.casts)),
		collations: make(map[uint32]string, len(c.collations)),
	}
	// Column rows come ordered by relation and attnum: each relation's
	// are one run of the slice.
	for start := 0; start < len(c.columns); {
		end := start + 1
		for end < len(c.columns) && c.columns[end].RelID == c.columns[start].RelID {
			end++
		}
		l.columns[c.columns[start].RelID] = c.columns[start:end]
		start = end
	}
	for k := range c.opclasses {
		o := &c.opclasses[k]
		l.opclasses[o.OID] = o
		if o.Default {
			l.defaults[o.Method] = append(l.defaults[o.Method], o)
		}
	}
	for _, r := range c.casts {
		l.casts[[2]uint32{r.Source, r.Target}] = true
	}
	for _, r := range c.collations {
		l.collations[r.OID] = r.Name
	}
	return l
}

// column returns the column attnum of relation rel, or nil.
func (l *indexLookup) column(rel uint32, attnum int16) *columnRow {
	cols := l.columns[rel]
	k, ok := slices.BinarySearchFunc(cols, attnum, func(c columnRow, n int16) int { return int(c.Num) - int(n) })
	if !ok {
		return nil
	}
	return &cols[k]
}

// surelyDefault tells whether the default operator class o is certainly the
// one PostgreSQL picks for col's type, so that pg_get_indexdef omits it. It
// mirrors the common cases of GetDefaultOpClass (indexcmds.c): the class of
// the column's exact type, or for a plain base type the one class reached by
// an implicit binary cast, preferring its category's preferred type, when no
// class takes any type at all. Domains, arrays, enums, ranges and the rest
// answer false: the server then prints those indexes itself.
func (l *indexLookup) surelyDefault(o *opclassRow, col *columnRow) bool {
	if col.TypeType == "d" {
		return false
	}
	if o.InType == col.TypeID {
		return true
	}
	if col.TypeType != "b" || col.TypeElem {
		return false
	}
	var all, preferred []uint32
	for _, d := range l.defaults[o.Method] {
		if d.InType == col.TypeID || slices.Contains(anyTypes, d.InType) {
			return false
		}
		if !l.casts[[2]uint32{col.TypeID, d.InType}] {
			continue
		}
		all = append(all, d.OID)
		if d.Category == col.TypeCat && d.Preferred {
			preferred = append(preferred, d.OID)
		}
	}
	switch {
	case len(preferred) == 1:
		return o.OID == preferred[0]
	case len(preferred) == 0 && len(all) == 1:
		return o.OID == all[0]
	}
	return false
}

// resolveIndexes names each index's columns, operator classes and
// collations from the raw pg_index arrays, and takes the key expressions and
// predicate out of the server's definition where it sent one. It returns the
// indexes it could not resolve, for the server to print (indexFixQuery).
func (c *catalog) resolveIndexes(l *indexLookup) []uint32 {
	var fix []uint32
	for k := range c.indexes {
		if !l.resolve(&c.indexes[k]) {
			fix = append(fix, c.indexes[k].OID)
		}
	}
	return fix
}

// resolve fills r's parts and reports whether they and r.Def are complete.
func (l *indexLookup) resolve(r *indexRow) bool {
	n := len(r.Keys)
	exprs := slices.Contains(r.Keys[:min(r.NKey, n)], 0)
	if r.Def == nil || r.Partial && r.Pred == nil && !exprs {
		r.Def = nil // dropped after the snapshot was taken
		return true
	}
	r.PartColumns = make([]string, n)
	r.PartQColumns = make([]string, n)
	r.PartExprs = make([]string, n)
	r.PartOpclasses = make([]string, n)
	r.PartCollations = make([]string, n)
	ok, composable := true, *r.Def == ""
	for k, attnum := range r.Keys {
		var col *columnRow
		if attnum != 0 {
			if col = l.column(r.RelID, attnum); col == nil {
				ok = false
				continue
			}
			r.PartColumns[k], r.PartQColumns[k] = col.Name, col.Name
			if col.QName != nil {
				r.PartQColumns[k] = *col.QName
			}
		} else {
			composable = false
		}
		if k >= r.NKey || k >= len(r.Opclasses) {
			continue
		}
		o := l.opclasses[r.Opclasses[k]]
		if o == nil {
			ok = false
			continue
		}
		if !o.Default {
			r.PartOpclasses[k] = o.Name
		} else if col == nil || !l.surelyDefault(o, col) {
			composable = false
		}
		if k < len(r.Collations) {
			coll, keyColl := r.Collations[k], uint32(100) // an expression's: default
			if col != nil {
				keyColl = col.CollationID
			}
			if coll != 0 && coll != keyColl {
				name, found := l.collations[coll]
				ok = ok && found
				r.PartCollations[k] = name
			}
		}
	}
	switch {
	case !ok:
		return false
	case *r.Def == "":
		// Go composes the text (indexDef) unless a default operator
		// class is in doubt: then the server prints it.
		return composable
	case exprs:
		return l.splitDef(r)
	}
	return true
}

// splitDef takes the key expressions and the predicate out of the server's
// definition of r, which reads
//
//	CREATE [UNIQUE ]INDEX name ON [ONLY ]table USING method (key, ...)[ INCLUDE (...)][ NULLS NOT DISTINCT][ WITH (...)][ WHERE predicate]
//
// pg_get_indexdef prints each key expression as pg_get_indexdef(oid, k) does:
// in parentheses, or bare when it looks like a function call. It reports
// false on any other shape (quote_all_identifiers, say).
func (l *indexLookup) splitDef(r *indexRow) bool {
	def := *r.Def
	var head strings.Builder
	head.WriteString("CREATE ")
	if r.Unique {
		head.WriteString("UNIQUE ")
	}
	head.WriteString("INDEX " + r.QName + " ON ")
	if r.Only {
		head.WriteString("ONLY ")
	}
	head.WriteString(r.QTable + " USING " + r.Method + " (")
	rest, found := strings.CutPrefix(def, head.String())
	if !found {
		return false
	}
	end := closing(rest, 0)
	if end < 0 {
		return false
	}
	keys, tail := splitTop(rest[:end]), rest[end+1:]
	if len(keys) != len(r.Keys) {
		return false
	}
	for k, key := range keys[:min(r.NKey, len(keys))] {
		if r.Keys[k] != 0 {
			continue
		}
		expr := exprPrefix(key)
		if expr == "" {
			return false
		}
		r.PartExprs[k] = expr
	}
	if r.Partial {
		at := topLevelIndex(tail, " WHERE ")
		if at < 0 {
			return false
		}
		pred := tail[at+len(" WHERE "):]
		r.Pred = &pred
	}
	return true
}

// closing returns the index in s of the parenthesis that closes one opened
// before s[from:], skipping quoted literals and identifiers, or -1.
func closing(s string, from int) int {
	depth := 1
	for k := from; k < len(s); k++ {
		switch s[k] {
		case '\'', '"':
			if k = closingQuote(s, k); k < 0 {
				return -1
			}
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return k
			}
		}
	}
	return -1
}

// topLevelIndex returns the index of sep in s outside parentheses and
// quotes, or -1.
func topLevelIndex(s, sep string) int {
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case '\'', '"':
			if k = closingQuote(s, k); k < 0 {
				return -1
			}
		case '(':
			if k = closing(s, k+1); k < 0 {
				return -1
			}
		default:
			if strings.HasPrefix(s[k:], sep) {
				return k
			}
		}
	}
	return -1
}

// splitTop splits a key list at its top-level ", ".
func splitTop(s string) []string {
	var out []string
	for {
		at := topLevelIndex(s, ", ")
		if at < 0 {
			return append(out, s)
		}
		out = append(out, s[:at])
		s = s[at+2:]
	}
}

// exprPrefix returns the expression at the head of an index key, "(...)" or
// a function call "name(...)", provided only " COLLATE", an operator class,
// DESC or NULLS can follow it; otherwise "".
func exprPrefix(key string) string {
	open := 0
	for open < len(key) && key[open] != '(' {
		switch ch := key[open]; {
		case ch == '"':
			e := closingQuote(key, open)
			if e < 0 {
				return ""
			}
			open = e + 1
		case ch == '_' || ch == '.' || ch == '$' || ch >= '0' && ch <= '9' ||
			ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= 0x80:
			open++
		default:
			return ""
		}
	}
	if open == len(key) {
		return ""
	}
	end := closing(key, open+1)
	if end < 0 || end+1 < len(key) && key[end+1] != ' ' {
		return ""
	}
	return key[:end+1]
}

// closingQuote returns the index of the next quote like the one at s[from],
// or -1. A doubled quote inside a literal or identifier needs no care: for
// finding boundaries, it reads as closing and reopening the quote.
func closingQuote(s string, from int) int {
	e := strings.IndexByte(s[from+1:], s[from])
	if e < 0 {
		return -1
	}
	return from + 1 + e
}

// applyIndexFixes takes the server's text for the indexes resolveIndexes
// left unresolved (fix). One printed as NULL, or missing, was dropped after
// the snapshot was taken.
func (c *catalog) applyIndexFixes(fix []uint32, rows []indexFixRow) {
	byOID := make(map[uint32]*indexFixRow, len(fix))
	for _, oid := range fix {
		byOID[oid] = nil
	}
	for k := range rows {
		byOID[rows[k].OID] = &rows[k]
	}
	for k := range c.indexes {
		r := &c.indexes[k]
		f, listed := byOID[r.OID]
		if !listed {
			continue
		}
		if f == nil || f.Def == nil || r.Partial && f.Pred == nil {
			r.Def = nil
			continue
		}
		r.Def, r.Pred = f.Def, f.Pred
		r.PartColumns, r.PartQColumns, r.PartExprs = f.Columns, f.QColumns, f.Exprs
		r.PartOpclasses, r.PartCollations = f.Opclasses, f.Collations
	}
}

// names returns the names of the columns attnums of relation rel, and false
// when one is missing (the relation lies outside the scope).
func (l *indexLookup) names(rel uint32, attnums []int16) ([]string, bool) {
	out := make([]string, len(attnums))
	for k, n := range attnums {
		col := l.column(rel, n)
		if col == nil {
			return nil, false
		}
		out[k] = col.Name
	}
	return out, true
}

// resolveConstraints names the key, referenced and INCLUDE columns of each
// constraint from the column rows, as resolveIndexes does for indexes, and
// returns those it could not (a foreign key to a table an extension owns),
// for constraintFixQuery.
func (c *catalog) resolveConstraints(l *indexLookup) []uint32 {
	var fix []uint32
	for k := range c.constraints {
		r := &c.constraints[k]
		var ok, refOK, incOK bool
		r.Columns, ok = l.names(r.RelID, r.Keys)
		r.Include, incOK = l.names(r.RelID, r.IncludeKeys)
		refOK = true
		if r.Type == "f" && r.RefColumns == nil {
			r.RefColumns, refOK = l.names(r.RefRelID, r.RefKeys)
		}
		if !ok || !refOK || !incOK {
			fix = append(fix, r.OID)
		}
	}
	return fix
}

// applyConstraintFixes takes the server's names for the constraints
// resolveConstraints could not name.
func (c *catalog) applyConstraintFixes(rows []constraintFixRow) {
	byOID := make(map[uint32]*constraintFixRow, len(rows))
	for k := range rows {
		byOID[rows[k].OID] = &rows[k]
	}
	for k := range c.constraints {
		r := &c.constraints[k]
		if f := byOID[r.OID]; f != nil {
			r.Columns, r.Include = f.Columns, f.Include
			if r.Type == "f" {
				r.RefColumns = f.RefColumns
			}
		}
	}
}

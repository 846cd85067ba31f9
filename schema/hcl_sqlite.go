package schema

import (
	"regexp"
	"strings"
)

// sqliteHCL spells SQLite declared types as Atlas does: lower case, known
// names bare, anything else as sql("<declared>"). Atlas prints a column
// with no declared type as blob too; here a declared blob, the commoner
// case, keeps the bare spelling and no type is sql(""), so both read back.
var sqliteHCL = hclDialect{
	spellType:    liteSpellType,
	parseType:    func(text string, _ bool) string { return liteParseType(text) },
	spellDefault: liteSpellDefault,
	parseDefault: liteParseDefault,
	pkName:       func(string) string { return "" },
	// SQLite numbers foreign keys from the last declared, so pragma id i
	// is the i-th unnamed key in the model's order whenever every key of
	// the table is unnamed, the usual case; names are not in the pragma.
	numberUnnamedFKs: true,
}

var liteKnownRE = regexp.MustCompile(`^(integer|int|tinyint|smallint|mediumint|bigint|text|varchar|char|clob|real|double|float|numeric|decimal|bool|boolean|date|datetime|timestamp|time|json|uuid|blob)(?:\((\d+(?:,\d+)?)\))?$`)

// liteSpellType prints a declared type bare only when it reads back exactly:
// the inspector lower-cases type names, and a type it keeps in another
// spelling ("numeric(10, 2)") prints as sql("...").
func liteSpellType(typ string, _ *refs, _ string) (string, bool) {
	if liteKnownRE.MatchString(typ) {
		return typ, false
	}
	return sqlCall(typ), false
}

func liteParseType(text string) string {
	if raw, ok := unSQL(text); ok {
		return raw
	}
	return strings.ReplaceAll(text, " ", "")
}

var liteStringRE = regexp.MustCompile(`^'((?:[^']|'')*)'$`)

func liteSpellDefault(c *Column, _ string) (string, string) {
	d := c.Default
	switch {
	case d == "":
		return "", ""
	case d == "true" || d == "false":
		return d, ""
	case isCanonicalNumber(d):
		return d, ""
	}
	if m := liteStringRE.FindStringSubmatch(d); m != nil {
		return hclString(strings.ReplaceAll(m[1], "''", "'")), ""
	}
	return sqlCall(d), ""
}

func liteParseDefault(c *Column, v hclValue, _ string) {
	if v.kind == valString {
		c.Default = "'" + strings.ReplaceAll(v.text, "'", "''") + "'"
		return
	}
	c.Default = v.text
}

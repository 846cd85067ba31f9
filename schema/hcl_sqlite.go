package schema

import (
	"regexp"
	"strings"
)

// sqliteHCL spells SQLite declared types as Atlas does: lower case, known
// names bare, no type as blob, anything else as sql("<declared>").
var sqliteHCL = hclDialect{
	spellType:    liteSpellType,
	parseType:    func(text string, _ bool) string { return liteParseType(text) },
	spellDefault: liteSpellDefault,
	parseDefault: liteParseDefault,
	pkName:       func(string) string { return "" },
}

var liteKnownRE = regexp.MustCompile(`^(integer|int|tinyint|smallint|mediumint|bigint|text|varchar|char|clob|real|double|float|numeric|decimal|bool|boolean|date|datetime|timestamp|time|json|uuid|blob)(?:\((\d+(?:,\d+)?)\))?$`)

// liteSpellType prints a declared type bare only when it reads back exactly;
// SQLite keeps the declared case, so "INTEGER" prints as sql("INTEGER")
// unless the inspector lower-cases types.
func liteSpellType(typ string, _ *refs, _ string) (string, bool) {
	if typ == "" {
		return "blob", false
	}
	if liteKnownRE.MatchString(typ) && typ != "blob" {
		return typ, false
	}
	return sqlCall(typ), false
}

func liteParseType(text string) string {
	if raw, ok := unSQL(text); ok {
		return raw
	}
	if text == "blob" {
		return ""
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

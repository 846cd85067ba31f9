package schema

import (
	"regexp"
	"strconv"
	"strings"
)

// mysqlHCL spells MySQL and MariaDB column types as Atlas does: display
// widths dropped, tinyint(1) as bool, unsigned as its own attribute, enum and
// set values Go-quoted without spaces.
var mysqlHCL = hclDialect{
	spellType:     mySpellType,
	parseType:     myParseType,
	spellDefault:  mySpellDefault,
	parseDefault:  myParseDefault,
	defaultEngine: "InnoDB",
	indexMethod:   "", // the inspector leaves BTREE empty except where it is not the engine default
	pkName:        func(string) string { return "PRIMARY" },
}

var (
	myIntRE  = regexp.MustCompile(`^(tinyint|smallint|mediumint|int|bigint)(?:\((\d+)\))?( unsigned)?$`)
	myEnumRE = regexp.MustCompile(`^(enum|set)\((.*)\)$`)
	// "varchar(255)", "decimal(10,2) unsigned", "datetime(6)", "json"
	mySimpleRE = regexp.MustCompile(`^([a-z]+)(?:\((\d+(?:,\d+)?)\))?( unsigned)?$`)
)

func mySpellType(typ string, _ *refs, _ string) (string, bool) {
	spelled, unsigned := mySpellTypeTry(typ)
	if spelled != "" && myParseType(spelled, unsigned) == typ {
		return spelled, unsigned
	}
	return sqlCall(typ), false
}

func mySpellTypeTry(typ string) (string, bool) {
	if typ == "tinyint(1)" {
		return "bool", false
	}
	if m := myIntRE.FindStringSubmatch(typ); m != nil {
		return m[1], m[3] != ""
	}
	if m := myEnumRE.FindStringSubmatch(typ); m != nil {
		vals, ok := sqlStringList(m[2])
		if !ok {
			return "", false
		}
		for i, v := range vals {
			vals[i] = goString(v)
		}
		return m[1] + "(" + strings.Join(vals, ",") + ")", false
	}
	if m := mySimpleRE.FindStringSubmatch(typ); m != nil {
		if m[2] != "" {
			return m[1] + "(" + m[2] + ")", m[3] != ""
		}
		return m[1], m[3] != ""
	}
	return "", false
}

// sqlStringList reads 'a','b”c' into its values.
func sqlStringList(s string) ([]string, bool) {
	var out []string
	for len(s) > 0 {
		if s[0] != '\'' {
			return nil, false
		}
		i, val := 1, ""
		for ; i < len(s); i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					val += "'"
					i++
					continue
				}
				break
			}
			val += string(s[i])
		}
		if i >= len(s) {
			return nil, false
		}
		out = append(out, val)
		s = s[i+1:]
		if s == "" {
			break
		}
		if s[0] != ',' {
			return nil, false
		}
		s = s[1:]
	}
	return out, true
}

func myParseType(text string, unsigned bool) string {
	if raw, ok := unSQL(text); ok {
		return raw
	}
	suffix := ""
	if unsigned {
		suffix = " unsigned"
	}
	if text == "bool" || text == "boolean" {
		return "tinyint(1)"
	}
	if m := myEnumRE.FindStringSubmatch(text); m != nil {
		vals, ok := goStringList(m[2])
		if !ok {
			return text
		}
		for i, v := range vals {
			vals[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		}
		return m[1] + "(" + strings.Join(vals, ",") + ")"
	}
	return strings.ReplaceAll(text, " ", "") + suffix
}

// goStringList reads "a","b" (Go or HCL quoted, as Atlas writes enum values).
func goStringList(s string) ([]string, bool) {
	var out []string
	for len(s) > 0 {
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return nil, false
		}
		v, err := strconv.Unquote(q)
		if err != nil {
			return nil, false
		}
		out = append(out, v)
		s = strings.TrimLeft(s[len(q):], " ")
		if s == "" {
			break
		}
		if s[0] != ',' {
			return nil, false
		}
		s = strings.TrimLeft(s[1:], " ")
	}
	return out, true
}

// mySpellDefault follows Atlas: a literal prints as a number on numeric
// columns (when the number reads back the same) and as a string elsewhere;
// an expression prints as sql("...") exactly as the inspector recorded it.
func mySpellDefault(c *Column, _ string) (string, string) {
	if c.Default == "" && !c.DefaultLiteral {
		return "", ""
	}
	if !c.DefaultLiteral {
		return sqlCall(c.Default), ""
	}
	if myIsNumeric(c.Type) && isCanonicalNumber(c.Default) {
		return c.Default, ""
	}
	return hclString(c.Default), ""
}

func myIsNumeric(typ string) bool {
	if typ == "tinyint(1)" {
		return true
	}
	for _, p := range []string{"tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "float", "double", "bit"} {
		if strings.HasPrefix(typ, p) {
			return true
		}
	}
	return false
}

func myParseDefault(c *Column, v hclValue, _ string) {
	switch v.kind {
	case valSQL:
		c.Default = v.text
	case valBool:
		c.Default, c.DefaultLiteral = "0", true
		if v.text == "true" {
			c.Default = "1"
		}
	default:
		c.Default, c.DefaultLiteral = v.text, true
	}
}

// isCanonicalNumber tells whether s prints the same after a trip through an
// HCL number.
func isCanonicalNumber(s string) bool {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return false
	}
	return strconv.FormatFloat(f, 'f', -1, 64) == s && len(s) < 16
}

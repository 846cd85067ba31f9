package schema

import (
	"regexp"
	"strings"
)

// postgresHCL spells PostgreSQL's format_type names the way Atlas prints them
// (integer, character_varying(40), timestamptz(3)) and peels the casts
// PostgreSQL puts on literal defaults.
var postgresHCL = hclDialect{
	spellType:      pgSpellType,
	parseType:      func(text string, _ bool) string { return pgParseType(text) },
	spellDefault:   pgSpellDefault,
	parseDefault:   pgParseDefault,
	typeAfterParse: pgSerialAfterParse,
	indexMethod:    "btree",
	pkName:         func(t string) string { return t + "_pkey" },
	indexDef:       pgIndexDef,
	triggerDef:     pgTriggerDef,
	routineDef:     pgRoutineDef,
	collation:      pgSpellCollation,
	parseCollation: pgIdent,
}

// pgSpellCollation prints a collation by its name, as Atlas does (C, not
// "C" in quotes): the inspector keeps quote_ident's spelling, which
// ParseHCL puts back with pgIdent. Other spellings print as they are.
func pgSpellCollation(c string) string {
	if inner, ok := strings.CutPrefix(c, `"`); ok {
		if inner, ok = strings.CutSuffix(inner, `"`); ok && pgIdent(inner) == c {
			return inner
		}
	}
	return c
}

// pgBare are the format_type names Atlas prints as they are, or with spaces
// turned into underscores.
var pgBare = map[string]string{
	"integer": "integer", "bigint": "bigint", "smallint": "smallint", "boolean": "boolean",
	"text": "text", "character varying": "character_varying", "bpchar": "bpchar",
	"numeric": "numeric", "real": "real", "double precision": "double_precision",
	"date": "date", "timestamp without time zone": "timestamp", "timestamp with time zone": "timestamptz",
	"time without time zone": "time", "time with time zone": "timetz", "interval": "interval",
	"json": "json", "jsonb": "jsonb", "uuid": "uuid", "bytea": "bytea", "inet": "inet",
	"cidr": "cidr", "macaddr": "macaddr", "macaddr8": "macaddr8", "money": "money", "xml": "xml",
	"tsvector": "tsvector", "tsquery": "tsquery", "bit varying": "bit_varying",
	"int4range": "int4range", "int8range": "int8range", "numrange": "numrange", "tsrange": "tsrange",
	"tstzrange": "tstzrange", "daterange": "daterange", "int4multirange": "int4multirange",
	"int8multirange": "int8multirange", "nummultirange": "nummultirange", "tsmultirange": "tsmultirange",
	"tstzmultirange": "tstzmultirange", "datemultirange": "datemultirange", "hstore": "hstore",
	"point": "point", "line": "line", "lseg": "lseg", "box": "box", "path": "path",
	"polygon": "polygon", "circle": "circle", "oid": "oid", "regclass": "regclass",
	"pg_lsn": "pg_lsn", "txid_snapshot": "txid_snapshot",
	"character": "character", "bit": "bit",
}

var (
	// "character varying(40)", "numeric(12,2)", "bit(8)"
	pgSizedRE = regexp.MustCompile(`^(character varying|character|numeric|bit varying|bit)\((\d+(?:,\d+)?)\)$`)
	// "timestamp(3) with time zone", "time(0) without time zone"
	pgTimeRE = regexp.MustCompile(`^(timestamp|time)\((\d)\) (with|without) time zone$`)
	// "interval(4)", "interval day to second(4)"
	pgIntervalRE = regexp.MustCompile(`^interval(?: ([a-z]+(?: to [a-z]+)?))?(?:\((\d)\))?$`)
)

func pgSpellType(typ string, _ *refs, _ string) (string, bool) {
	spelled := pgSpellTypeTry(typ)
	if spelled != "" && pgParseType(spelled) == typ {
		return spelled, false
	}
	return sqlCall(typ), false
}

func pgSpellTypeTry(typ string) string {
	if s, ok := pgBare[typ]; ok {
		return s
	}
	if m := pgSizedRE.FindStringSubmatch(typ); m != nil {
		return strings.ReplaceAll(m[1], " ", "_") + "(" + m[2] + ")"
	}
	if m := pgTimeRE.FindStringSubmatch(typ); m != nil {
		name := m[1]
		if m[3] == "with" {
			name += "tz"
		}
		if m[2] == "6" {
			return name
		}
		return name + "(" + m[2] + ")"
	}
	if m := pgIntervalRE.FindStringSubmatch(typ); m != nil && typ != "interval" {
		name := "interval"
		if m[1] != "" {
			name = strings.ReplaceAll(m[1], " ", "_")
		}
		if m[2] != "" {
			return name + "(" + m[2] + ")"
		}
		return name
	}
	return ""
}

var pgSpelledRE = regexp.MustCompile(`^([a-z_0-9]+)(?:\(([0-9, ]+)\))?$`)

// pgParseType reverses pgSpellTypeTry and unwraps sql("...").
func pgParseType(text string) string {
	if raw, ok := unSQL(text); ok {
		return raw
	}
	m := pgSpelledRE.FindStringSubmatch(text)
	if m == nil {
		return text
	}
	name, args := m[1], strings.ReplaceAll(m[2], " ", "")
	for k, v := range pgBare {
		if v == name && !strings.Contains(name, "time") && name != "interval" {
			if args == "" {
				return k
			}
			return k + "(" + args + ")"
		}
	}
	switch name {
	case "timestamp", "timestamptz", "time", "timetz":
		base, zone := strings.TrimSuffix(name, "tz"), " without time zone"
		if strings.HasSuffix(name, "tz") {
			zone = " with time zone"
		}
		if args == "" {
			return base + zone
		}
		return base + "(" + args + ")" + zone
	case "interval":
		if args == "" {
			return "interval"
		}
		return "interval(" + args + ")"
	}
	if strings.Contains(name, "_to_") || contains([]string{"year", "month", "day", "hour", "minute", "second"}, name) {
		s := "interval " + strings.ReplaceAll(name, "_", " ")
		if args != "" {
			s += "(" + args + ")"
		}
		return s
	}
	return text
}

// pgCastName is how PostgreSQL names a column's type in a cast on a default:
// without length, precision or time zone shorthand.
func pgCastName(typ string) string {
	if m := pgSizedRE.FindStringSubmatch(typ); m != nil {
		if m[1] == "character" {
			return "bpchar"
		}
		return m[1]
	}
	if m := pgTimeRE.FindStringSubmatch(typ); m != nil {
		return m[1] + " " + m[3] + " time zone"
	}
	return typ
}

var (
	pgNumberRE  = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	pgCastStrRE = regexp.MustCompile(`^'((?:[^']|'')*)'::(.+)$`)
	pgSerialRE  = regexp.MustCompile(`^nextval\('([a-z_][a-z0-9_]*)'::regclass\)$`)
)

var pgSerials = map[string]string{"integer": "serial", "bigint": "bigserial", "smallint": "smallserial"}

func pgSpellDefault(c *Column, table string) (string, string) {
	d := c.Default
	if d == "" {
		return "", ""
	}
	if m := pgSerialRE.FindStringSubmatch(d); m != nil && pgSerials[c.Type] != "" && m[1] == table+"_"+c.Name+"_seq" {
		return "", pgSerials[c.Type]
	}
	var v hclValue
	switch {
	case d == "true" || d == "false":
		v = hclValue{kind: valBool, text: d}
	case pgNumberRE.MatchString(d):
		v = hclValue{kind: valNumber, text: d}
	default:
		if m := pgCastStrRE.FindStringSubmatch(d); m != nil {
			lit := strings.ReplaceAll(m[1], "''", "'")
			if pgNumberRE.MatchString(lit) && pgIsNumeric(c.Type) {
				v = hclValue{kind: valNumber, text: lit}
			} else {
				v = hclValue{kind: valString, text: lit}
			}
		}
	}
	// Atlas reads only '<text>'::<type name> as a literal; array casts
	// ('{}'::text[]) stay expressions.
	if v.kind != valNone && !strings.HasSuffix(c.Type, "]") {
		probe := Column{Type: c.Type}
		pgParseDefault(&probe, v, table)
		if probe.Default == d {
			return v.spell(), ""
		}
	}
	return sqlCall(d), ""
}

func pgIsNumeric(typ string) bool {
	switch pgCastName(typ) {
	case "integer", "bigint", "smallint", "numeric", "real", "double precision":
		return true
	}
	return false
}

// pgParseDefault puts back the cast PostgreSQL renders on a literal default:
// numbers stay bare unless negative or out of int4 range, strings get
// '<text>'::<type>.
func pgParseDefault(c *Column, v hclValue, _ string) {
	switch v.kind {
	case valSQL:
		c.Default = v.text
	case valBool:
		c.Default = v.text
	case valNumber:
		cast := pgCastName(c.Type)
		if !pgIsNumeric(c.Type) {
			c.Default = "'" + v.text + "'::" + cast
			return
		}
		c.Default = v.text
		if strings.HasPrefix(v.text, "-") || (!strings.Contains(v.text, ".") && len(strings.TrimLeft(v.text, "0")) > 9 && cast != "numeric") {
			c.Default = "'" + v.text + "'::" + cast
		}
	case valString:
		c.Default = "'" + strings.ReplaceAll(v.text, "'", "''") + "'::" + pgCastName(c.Type)
	}
}

// pgSerialAfterParse turns Atlas's serial types back into the integer type
// and nextval default PostgreSQL reports.
func pgSerialAfterParse(c *Column, table string) {
	for typ, serial := range pgSerials {
		if c.Type == serial {
			c.Type = typ
			c.Default = "nextval('" + table + "_" + c.Name + "_seq'::regclass)"
		}
	}
}

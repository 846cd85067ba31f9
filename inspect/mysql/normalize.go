package mysql

import (
	"database/sql"
	"regexp"
	"strings"

	"github.com/schemawatch/schemawatch/schema"
)

// This file turns catalog rows into model values. The functions are pure so
// the MySQL 8 and MariaDB spellings of the same fact can be fed to them side
// by side in unit tests (normalize_test.go).

// colRow is one row of information_schema.COLUMNS as both flavours have it.
type colRow struct {
	Schema, Table, Name string
	Ordinal             int
	Default             sql.NullString
	Nullable            bool
	DataType            string
	ColumnType          string
	Collation           sql.NullString
	Extra               string
	Comment             string
	GenExpr             sql.NullString
	SRID                sql.NullInt64
}

// column builds a column from its catalog row. tableCollation is the table's
// default collation: a column's charset and collation are kept only when they
// differ from it, so changing a table's default does not list every column.
func (fl flavor) column(r colRow, tableCollation string) schema.Column {
	c := schema.Column{
		Name:     r.Name,
		Type:     normType(r.ColumnType),
		Nullable: r.Nullable,
		Comment:  r.Comment,
	}
	extra := strings.ToLower(r.Extra)
	if !r.GenExpr.Valid || r.GenExpr.String == "" {
		c.Default, c.DefaultLiteral = fl.normDefault(r.Default, r.Extra)
		if !c.DefaultLiteral {
			// nextval(`db`.`seq`): the own schema is implied.
			c.Default = stripSchema(c.Default, r.Schema)
		}
	} else {
		c.Generated = &schema.Generated{
			Expr:   fl.normExpr(r.GenExpr.String),
			Stored: strings.Contains(extra, "stored") || strings.Contains(extra, "persistent"),
		}
	}
	c.AutoIncrement = strings.Contains(extra, "auto_increment")
	c.Invisible = strings.Contains(extra, "invisible")
	if m := onUpdateRE.FindStringSubmatch(r.Extra); m != nil {
		c.OnUpdate = normNow(m[1])
	}
	if r.Collation.Valid && r.Collation.String != "" && r.Collation.String != tableCollation && r.DataType != "json" {
		c.Collation = r.Collation.String
		if cs := charsetOf(c.Collation); cs != charsetOf(tableCollation) {
			c.Charset = cs
		}
	}
	if r.SRID.Valid {
		v := int(r.SRID.Int64)
		c.SRID = &v
	}
	return c
}

var onUpdateRE = regexp.MustCompile(`(?i)on update ([a-z_]+(?:\(\d*\))?)`)

// charsetOf derives a collation's character set: no MySQL or MariaDB charset
// name has an underscore and every collation name starts with its charset
// ("utf8mb4_0900_ai_ci", "latin1_swedish_ci", "binary").
func charsetOf(collation string) string {
	cs, _, _ := strings.Cut(collation, "_")
	return cs
}

var (
	intWidthRE = regexp.MustCompile(`^(tinyint|smallint|mediumint|int|bigint)\((\d+)\)(.*)$`)
	yearRE     = regexp.MustCompile(`^year\(4\)$`)
)

// normType spells a COLUMN_TYPE the way MySQL 8.0.19+ does: integer display
// widths are dropped ("int(11)" → "int") except for tinyint(1) and zerofill
// columns, and year(4) is "year". See the 8.0.19 release notes: "statements
// that include data type definitions in their output no longer show the
// display width for integer types, with these exceptions: the type is
// TINYINT(1) ... the type includes the ZEROFILL attribute". MariaDB still
// prints widths; a width is display-only, so dropping it loses no behaviour.
func normType(t string) string {
	t = strings.TrimSpace(t)
	if m := intWidthRE.FindStringSubmatch(t); m != nil {
		keep := (m[1] == "tinyint" && m[2] == "1") || strings.Contains(m[3], "zerofill")
		if !keep {
			t = m[1] + m[3]
		}
	}
	return yearRE.ReplaceAllString(t, "year")
}

var (
	numberRE   = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$`)
	bitLitRE   = regexp.MustCompile(`^[bB]'[01]*'$`)
	nowRE      = regexp.MustCompile(`(?i)^(current_timestamp|now|localtime|localtimestamp)(?:\((\d*)\))?$`)
	introRE    = regexp.MustCompile("(^|[^\\w`$])_[a-z0-9]+'")
	escQuoteRE = regexp.MustCompile(`\\'`)
)

// normDefault returns a column default as the model holds it: the value of a
// literal (unquoted, DefaultLiteral true) or the text of an expression.
//
// MariaDB 10.2.7+ writes COLUMN_DEFAULT as SQL: 'abc' quoted, numbers bare,
// NULL for "DEFAULT NULL", current_timestamp() and other expressions bare
// (https://mariadb.com/kb/en/information-schema-columns-table/). MySQL 8
// writes the raw value and marks expressions with DEFAULT_GENERATED in EXTRA,
// spelling CURRENT_TIMESTAMP in capitals and string literals inside
// expressions with an introducer and escaped quotes (_utf8mb4\'abc\')
// (https://dev.mysql.com/doc/refman/8.0/en/information-schema-columns-table.html).
// A default of NULL is the same as none on both.
func (fl flavor) normDefault(def sql.NullString, extra string) (string, bool) {
	if !def.Valid {
		return "", false
	}
	s := def.String
	if fl.QuotesDefaults() {
		switch {
		case s == "NULL":
			return "", false
		case len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'':
			return unquote(s), true
		case numberRE.MatchString(s), bitLitRE.MatchString(s):
			return s, true
		}
		return fl.exprDefault(s)
	}
	if strings.Contains(strings.ToUpper(extra), "DEFAULT_GENERATED") {
		return fl.exprDefault(s)
	}
	return s, true
}

// exprDefault normalises an expression default; an expression that is only a
// string literal (MySQL 8 requires DEFAULT ('x') on TEXT columns, where
// MariaDB keeps a literal) is a literal.
func (fl flavor) exprDefault(s string) (string, bool) {
	e := fl.normExpr(s)
	if isStringLiteral(e) {
		return unquote(e), true
	}
	return normNow(e), false
}

// normNow spells every form of the current time as MySQL 8 does:
// CURRENT_TIMESTAMP or CURRENT_TIMESTAMP(n).
func normNow(s string) string {
	m := nowRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return s
	}
	if m[2] == "" || m[2] == "0" {
		return "CURRENT_TIMESTAMP"
	}
	return "CURRENT_TIMESTAMP(" + m[2] + ")"
}

// normExpr normalises an expression from a catalog (check clause, generated
// column, functional key part, default): MySQL's escaped quotes and charset
// introducers are removed, and so are parentheses around the whole
// expression, which MySQL adds and MariaDB does not.
func (fl flavor) normExpr(s string) string {
	s = strings.TrimSpace(s)
	if !fl.mariadb {
		s = escQuoteRE.ReplaceAllString(s, "'")
	}
	s = introRE.ReplaceAllString(s, "$1'")
	for len(s) >= 2 && s[0] == '(' && closingParen(s) == len(s)-1 {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// closingParen returns the index of the parenthesis that closes s[0], skipping
// quoted strings and identifiers, or -1.
func closingParen(s string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote != '`' {
				i++
			} else if c == quote {
				if i+1 < len(s) && s[i+1] == quote {
					i++
				} else {
					quote = 0
				}
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func isStringLiteral(s string) bool {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		switch s[i] {
		case '\\':
			i++
		case '\'':
			if i+1 < len(s)-1 && s[i+1] == '\'' {
				i++
			} else {
				return false
			}
		}
	}
	return true
}

// unquote undoes SQL string quoting: ” and the backslash escapes MariaDB
// writes into COLUMN_DEFAULT.
func unquote(s string) string {
	s = s[1 : len(s)-1]
	if !strings.ContainsAny(s, `'\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case c == '\\' && i+1 < len(s):
			i++
			c = s[i]
			switch c {
			case 'n':
				c = '\n'
			case 't':
				c = '\t'
			case 'r':
				c = '\r'
			case '0':
				c = 0
			case 'Z':
				c = 26
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// jsonCheck matches MariaDB's check that makes a longtext column JSON.
var jsonCheckRE = regexp.MustCompile("^json_valid\\(`((?:[^`]|``)+)`\\)$")

// isJSONCheck tells that a MariaDB column-level check is the json_valid
// constraint MariaDB adds for a JSON column (JSON is an alias of longtext
// there: https://mariadb.com/kb/en/json-data-type/).
func isJSONCheck(column string, c schema.Check) bool {
	m := jsonCheckRE.FindStringSubmatch(c.Expr)
	return m != nil && c.Name == column && strings.ReplaceAll(m[1], "``", "`") == column
}

// stripSchema removes qualifications with the view's own schema from a view
// definition: both servers print `db`.`t`.`c`, and without this a copy of the
// schema under another name would hash differently.
func stripSchema(def, schemaName string) string {
	return strings.ReplaceAll(def, quoteIdent(schemaName)+".", "")
}

var partitionRE = regexp.MustCompile(`(?s)\n\s*(?:/\*!\d+\s*)?(PARTITION BY .*?)(?:\s*\*/)?\s*$`)

// partitionClause extracts the PARTITION BY clause from SHOW CREATE TABLE,
// without MySQL's /*!50100 ... */ wrapper, whitespace collapsed.
func partitionClause(create string) string {
	m := partitionRE.FindStringSubmatch(create)
	if m == nil {
		return ""
	}
	return strings.Join(strings.Fields(m[1]), " ")
}

var parserRE = regexp.MustCompile("FULLTEXT (?:KEY|INDEX) `((?:[^`]|``)+)` .*WITH PARSER `((?:[^`]|``)+)`")

// fulltextParsers maps index name to parser from SHOW CREATE TABLE; no
// catalog table records a FULLTEXT parser.
func fulltextParsers(create string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(create, "\n") {
		if m := parserRE.FindStringSubmatch(line); m != nil {
			out[strings.ReplaceAll(m[1], "``", "`")] = strings.ReplaceAll(m[2], "``", "`")
		}
	}
	return out
}

var algorithmRE = regexp.MustCompile(`ALGORITHM=(\w+)`)

// createOptions splits TABLES.CREATE_OPTIONS into the explicit row format and
// the remaining options, dropping "partitioned" (kept as Partitioning).
func createOptions(s string) (rowFormat string, opts []string) {
	for _, o := range strings.Fields(s) {
		k, v, _ := strings.Cut(o, "=")
		switch strings.ToLower(k) {
		case "partitioned":
		case "row_format":
			rowFormat = strings.ToUpper(v)
		default:
			opts = append(opts, strings.ToLower(k)+"="+v)
		}
	}
	return rowFormat, opts
}

func quoteIdent(s string) string {
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}

func quoteString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `''`, "\x00", `\0`, "\n", `\n`, "\r", `\r`, "\x1a", `\Z`)
	return "'" + r.Replace(s) + "'"
}

// normAction spells a foreign key action. MySQL 8 reports an omitted action as
// NO ACTION, MariaDB as RESTRICT; InnoDB treats the two alike ("NO ACTION: ...
// In MySQL, equivalent to RESTRICT", https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html),
// so both are RESTRICT here.
func normAction(a string) string {
	if a == "NO ACTION" {
		return "RESTRICT"
	}
	return a
}

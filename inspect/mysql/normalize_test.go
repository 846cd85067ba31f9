package mysql

import (
	"database/sql"
	"reflect"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/schema"
)

var (
	mysql8  = flavor{major: 8, minor: 0, patch: 36, version: "8.0.36"}
	mariadb = flavor{mariadb: true, major: 10, minor: 11, patch: 6, version: "10.11.6-MariaDB"}
)

func str(s string) sql.NullString { return sql.NullString{String: s, Valid: true} }

// TestColumnSpellings feeds the same column as MySQL 8 and MariaDB 10.11
// spell it in information_schema.COLUMNS (MySQL's from its reference manual,
// MariaDB's as 10.11 prints them) and wants one model column from both.
func TestColumnSpellings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		mysql, maria colRow
		want         schema.Column
	}{
		{
			name:  "int display width",
			mysql: colRow{Name: "c", ColumnType: "int", DataType: "int"},
			maria: colRow{Name: "c", ColumnType: "int(11)", DataType: "int"},
			want:  schema.Column{Name: "c", Type: "int"},
		},
		{
			name:  "unsigned bigint",
			mysql: colRow{Name: "c", ColumnType: "bigint unsigned", DataType: "bigint", Extra: "auto_increment"},
			maria: colRow{Name: "c", ColumnType: "bigint(20) unsigned", DataType: "bigint", Extra: "auto_increment"},
			want:  schema.Column{Name: "c", Type: "bigint unsigned", AutoIncrement: true},
		},
		{
			name:  "tinyint(1) keeps its width",
			mysql: colRow{Name: "c", ColumnType: "tinyint(1)", DataType: "tinyint", Default: str("0")},
			maria: colRow{Name: "c", ColumnType: "tinyint(1)", DataType: "tinyint", Default: str("0")},
			want:  schema.Column{Name: "c", Type: "tinyint(1)", Default: "0", DefaultLiteral: true},
		},
		{
			name:  "zerofill keeps its width",
			mysql: colRow{Name: "c", ColumnType: "int(5) unsigned zerofill", DataType: "int"},
			maria: colRow{Name: "c", ColumnType: "int(5) unsigned zerofill", DataType: "int"},
			want:  schema.Column{Name: "c", Type: "int(5) unsigned zerofill"},
		},
		{
			name:  "year",
			mysql: colRow{Name: "c", ColumnType: "year", DataType: "year", Nullable: true},
			maria: colRow{Name: "c", ColumnType: "year(4)", DataType: "year", Nullable: true},
			want:  schema.Column{Name: "c", Type: "year", Nullable: true},
		},
		{
			name:  "string literal default",
			mysql: colRow{Name: "c", ColumnType: "varchar(9)", DataType: "varchar", Default: str("it's")},
			maria: colRow{Name: "c", ColumnType: "varchar(9)", DataType: "varchar", Default: str("'it''s'")},
			want:  schema.Column{Name: "c", Type: "varchar(9)", Default: "it's", DefaultLiteral: true},
		},
		{
			name:  "empty string default",
			mysql: colRow{Name: "c", ColumnType: "char(2)", DataType: "char", Default: str("")},
			maria: colRow{Name: "c", ColumnType: "char(2)", DataType: "char", Default: str("''")},
			want:  schema.Column{Name: "c", Type: "char(2)", DefaultLiteral: true},
		},
		{
			name:  "default NULL is no default",
			mysql: colRow{Name: "c", ColumnType: "int", DataType: "int", Nullable: true},
			maria: colRow{Name: "c", ColumnType: "int(11)", DataType: "int", Nullable: true, Default: str("NULL")},
			want:  schema.Column{Name: "c", Type: "int", Nullable: true},
		},
		{
			name:  "the string 'NULL' is a literal",
			mysql: colRow{Name: "c", ColumnType: "varchar(4)", DataType: "varchar", Default: str("NULL")},
			maria: colRow{Name: "c", ColumnType: "varchar(4)", DataType: "varchar", Default: str("'NULL'")},
			want:  schema.Column{Name: "c", Type: "varchar(4)", Default: "NULL", DefaultLiteral: true},
		},
		{
			name:  "decimal literal",
			mysql: colRow{Name: "c", ColumnType: "decimal(10,2)", DataType: "decimal", Default: str("1.50")},
			maria: colRow{Name: "c", ColumnType: "decimal(10,2)", DataType: "decimal", Default: str("1.50")},
			want:  schema.Column{Name: "c", Type: "decimal(10,2)", Default: "1.50", DefaultLiteral: true},
		},
		{
			name:  "bit literal",
			mysql: colRow{Name: "c", ColumnType: "bit(3)", DataType: "bit", Default: str("b'101'")},
			maria: colRow{Name: "c", ColumnType: "bit(3)", DataType: "bit", Default: str("b'101'")},
			want:  schema.Column{Name: "c", Type: "bit(3)", Default: "b'101'", DefaultLiteral: true},
		},
		{
			name:  "current timestamp with on update",
			mysql: colRow{Name: "c", ColumnType: "timestamp", DataType: "timestamp", Default: str("CURRENT_TIMESTAMP"), Extra: "DEFAULT_GENERATED on update CURRENT_TIMESTAMP"},
			maria: colRow{Name: "c", ColumnType: "timestamp", DataType: "timestamp", Default: str("current_timestamp()"), Extra: "on update current_timestamp()"},
			want:  schema.Column{Name: "c", Type: "timestamp", Default: "CURRENT_TIMESTAMP", OnUpdate: "CURRENT_TIMESTAMP"},
		},
		{
			name:  "current timestamp with precision",
			mysql: colRow{Name: "c", ColumnType: "datetime(3)", DataType: "datetime", Default: str("CURRENT_TIMESTAMP(3)"), Extra: "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)"},
			maria: colRow{Name: "c", ColumnType: "datetime(3)", DataType: "datetime", Default: str("current_timestamp(3)"), Extra: "on update current_timestamp(3)"},
			want:  schema.Column{Name: "c", Type: "datetime(3)", Default: "CURRENT_TIMESTAMP(3)", OnUpdate: "CURRENT_TIMESTAMP(3)"},
		},
		{
			name:  "function default",
			mysql: colRow{Name: "c", ColumnType: "varchar(36)", DataType: "varchar", Default: str("uuid()"), Extra: "DEFAULT_GENERATED"},
			maria: colRow{Name: "c", ColumnType: "varchar(36)", DataType: "varchar", Default: str("uuid()")},
			want:  schema.Column{Name: "c", Type: "varchar(36)", Default: "uuid()"},
		},
		{
			name:  "text default: MySQL expression, MariaDB literal",
			mysql: colRow{Name: "c", ColumnType: "text", DataType: "text", Default: str(`_utf8mb4\'hi\'`), Extra: "DEFAULT_GENERATED"},
			maria: colRow{Name: "c", ColumnType: "text", DataType: "text", Default: str("'hi'")},
			want:  schema.Column{Name: "c", Type: "text", Default: "hi", DefaultLiteral: true},
		},
		{
			name:  "expression with a string literal",
			mysql: colRow{Name: "c", ColumnType: "varchar(9)", DataType: "varchar", Default: str("concat(_utf8mb4\\'a\\',_utf8mb4\\'b\\')"), Extra: "DEFAULT_GENERATED"},
			maria: colRow{Name: "c", ColumnType: "varchar(9)", DataType: "varchar", Default: str("concat('a','b')")},
			want:  schema.Column{Name: "c", Type: "varchar(9)", Default: "concat('a','b')"},
		},
		{
			name:  "virtual generated",
			mysql: colRow{Name: "c", ColumnType: "int", DataType: "int", Nullable: true, GenExpr: str("(`a` + 1)"), Extra: "VIRTUAL GENERATED"},
			maria: colRow{Name: "c", ColumnType: "int(11)", DataType: "int", Nullable: true, GenExpr: str("`a` + 1"), Extra: "VIRTUAL GENERATED"},
			want:  schema.Column{Name: "c", Type: "int", Nullable: true, Generated: &schema.Generated{Expr: "`a` + 1"}},
		},
		{
			name:  "stored generated with a string",
			mysql: colRow{Name: "c", ColumnType: "varchar(9)", DataType: "varchar", Nullable: true, GenExpr: str("concat(`n`,_utf8mb4\\'!\\')"), Extra: "STORED GENERATED"},
			maria: colRow{Name: "c", ColumnType: "varchar(9)", DataType: "varchar", Nullable: true, GenExpr: str("concat(`n`,'!')"), Extra: "STORED GENERATED"},
			want:  schema.Column{Name: "c", Type: "varchar(9)", Nullable: true, Generated: &schema.Generated{Expr: "concat(`n`,'!')", Stored: true}},
		},
		{
			name:  "invisible",
			mysql: colRow{Name: "c", ColumnType: "int", DataType: "int", Nullable: true, Extra: "INVISIBLE"},
			maria: colRow{Name: "c", ColumnType: "int(11)", DataType: "int", Nullable: true, Extra: "INVISIBLE"},
			want:  schema.Column{Name: "c", Type: "int", Nullable: true, Invisible: true},
		},
		{
			name:  "collation unlike the table's",
			mysql: colRow{Name: "c", ColumnType: "varchar(5)", DataType: "varchar", Collation: str("latin1_swedish_ci")},
			maria: colRow{Name: "c", ColumnType: "varchar(5)", DataType: "varchar", Collation: str("latin1_swedish_ci")},
			want:  schema.Column{Name: "c", Type: "varchar(5)", Collation: "latin1_swedish_ci", Charset: "latin1"},
		},
		{
			name:  "collation like the table's",
			mysql: colRow{Name: "c", ColumnType: "varchar(5)", DataType: "varchar", Collation: str("utf8mb4_general_ci")},
			maria: colRow{Name: "c", ColumnType: "varchar(5)", DataType: "varchar", Collation: str("utf8mb4_general_ci")},
			want:  schema.Column{Name: "c", Type: "varchar(5)"},
		},
		{
			name:  "own schema in nextval",
			mysql: colRow{Schema: "s", Name: "c", ColumnType: "bigint", DataType: "bigint", Default: str("nextval(`s`.`q`)"), Extra: "DEFAULT_GENERATED"},
			maria: colRow{Schema: "s", Name: "c", ColumnType: "bigint(20)", DataType: "bigint", Default: str("nextval(`s`.`q`)")},
			want:  schema.Column{Name: "c", Type: "bigint", Default: "nextval(`q`)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, side := range []struct {
				fl  flavor
				row colRow
			}{{mysql8, tt.mysql}, {mariadb, tt.maria}} {
				got := side.fl.column(side.row, "utf8mb4_general_ci")
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("%s:\n got %+v\nwant %+v", side.fl, got, tt.want)
				}
			}
		})
	}
}

// TestExprSpellings covers check clauses, key part expressions and foreign
// key actions as each server spells them.
func TestExprSpellings(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, mysql, maria, want string }{
		{"check", "(`qty` >= 0)", "`qty` >= 0", "`qty` >= 0"},
		{"check with string", "(`s` <> _utf8mb4'x')", "`s` <> 'x'", "`s` <> 'x'"},
		{"functional key part", "(lower(`name`))", "lower(`name`)", "lower(`name`)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := mysql8.normExpr(tt.mysql); got != tt.want {
				t.Errorf("MySQL %q → %q, want %q", tt.mysql, got, tt.want)
			}
			if got := mariadb.normExpr(tt.maria); got != tt.want {
				t.Errorf("MariaDB %q → %q, want %q", tt.maria, got, tt.want)
			}
		})
	}
	if normAction("NO ACTION") != normAction("RESTRICT") {
		t.Error("NO ACTION (MySQL's omitted action) and RESTRICT (MariaDB's) differ")
	}
	if !isJSONCheck("doc", schema.Check{Name: "doc", Expr: "json_valid(`doc`)"}) {
		t.Error("MariaDB's JSON check not recognised")
	}
	if isJSONCheck("doc", schema.Check{Name: "other", Expr: "json_valid(`doc`)"}) {
		t.Error("a table-level json_valid check taken for the JSON type")
	}
}

func TestFlavor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		version string
		maria   bool
		timeout string
		checks  bool
	}{
		{"8.0.36", false, "SET SESSION max_execution_time = 30000", true},
		{"8.4.0-commercial", false, "SET SESSION max_execution_time = 30000", true},
		{"5.7.44-log", false, "SET SESSION max_execution_time = 30000", false},
		{"10.11.19-MariaDB-0+deb12u1", true, "SET SESSION max_statement_time = 30", true},
		{"5.5.5-10.6.12-MariaDB-log", true, "SET SESSION max_statement_time = 30", true},
		{"10.0.38-MariaDB", true, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			t.Parallel()
			fl, err := parseFlavor(tt.version)
			if err != nil {
				t.Fatal(err)
			}
			if fl.IsMariaDB() != tt.maria || fl.timeoutStmt(30*time.Second) != tt.timeout || fl.HasCheckConstraints() != tt.checks {
				t.Errorf("%s: maria=%v timeout=%q checks=%v", fl, fl.IsMariaDB(), fl.timeoutStmt(30*time.Second), fl.HasCheckConstraints())
			}
		})
	}
	if _, err := parseFlavor("garbage"); err == nil {
		t.Error("garbage version accepted")
	}
}

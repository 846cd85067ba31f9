package mysql

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// flavor is the server family and version. Every difference between MySQL and
// MariaDB the inspector knows of is a method here, so a new server difference
// is one method, not a condition scattered over the queries.
type flavor struct {
	mariadb             bool
	major, minor, patch int
	version             string // as SELECT VERSION() returned it
}

var versionRE = regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)`)

// parseFlavor reads SELECT VERSION(): "10.11.6-MariaDB-0+deb12u1",
// "8.0.36", "8.4.0-commercial". MariaDB 10 behind a MySQL 5.5 replication
// prefix ("5.5.5-10.11.6-MariaDB") is recognised too.
func parseFlavor(v string) (flavor, error) {
	fl := flavor{version: v, mariadb: strings.Contains(strings.ToLower(v), "mariadb")}
	s := v
	if fl.mariadb {
		s = strings.TrimPrefix(s, "5.5.5-")
	}
	m := versionRE.FindStringSubmatch(s)
	if m == nil {
		return fl, fmt.Errorf("mysql: unrecognised server version %q", v)
	}
	fl.major, _ = strconv.Atoi(m[1])
	fl.minor, _ = strconv.Atoi(m[2])
	fl.patch, _ = strconv.Atoi(m[3])
	return fl, nil
}

func (fl flavor) atLeast(major, minor, patch int) bool {
	if fl.major != major {
		return fl.major > major
	}
	if fl.minor != minor {
		return fl.minor > minor
	}
	return fl.patch >= patch
}

// IsMariaDB tells the server is MariaDB.
func (fl flavor) IsMariaDB() bool { return fl.mariadb }

// String names the flavour for messages.
func (fl flavor) String() string {
	if fl.mariadb {
		return fmt.Sprintf("MariaDB %d.%d.%d", fl.major, fl.minor, fl.patch)
	}
	return fmt.Sprintf("MySQL %d.%d.%d", fl.major, fl.minor, fl.patch)
}

// timeoutStmt sets a per-statement limit for the session: MariaDB's
// max_statement_time is in seconds and covers every statement
// (https://mariadb.com/kb/en/server-system-variables/#max_statement_time);
// MySQL's max_execution_time is in milliseconds and covers SELECT
// (https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_max_execution_time).
// Servers without either (MySQL < 5.7.8, MariaDB < 10.1) get none.
func (fl flavor) timeoutStmt(d time.Duration) string {
	switch {
	case d <= 0:
		return ""
	case fl.mariadb && fl.atLeast(10, 1, 1):
		return fmt.Sprintf("SET SESSION max_statement_time = %g", d.Seconds())
	case !fl.mariadb && fl.atLeast(5, 7, 8):
		return fmt.Sprintf("SET SESSION max_execution_time = %d", d.Milliseconds())
	}
	return ""
}

// beginStmt opens the read: one consistent InnoDB snapshot, read-only
// (MySQL 5.6.5+, MariaDB 10.0+). information_schema itself is not versioned
// on MariaDB or MySQL 5.7; on MySQL 8 the data dictionary is InnoDB and the
// snapshot does cover it.
func (fl flavor) beginStmt() string {
	if fl.mariadb || fl.atLeast(5, 6, 5) {
		return "START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT"
	}
	return "START TRANSACTION WITH CONSISTENT SNAPSHOT"
}

// HasCheckConstraints tells information_schema.CHECK_CONSTRAINTS exists and
// checks are enforced (MySQL 8.0.16, MariaDB 10.2.1).
func (fl flavor) HasCheckConstraints() bool {
	if fl.mariadb {
		return fl.atLeast(10, 2, 1)
	}
	return fl.atLeast(8, 0, 16)
}

// HasSequences tells the server has CREATE SEQUENCE (MariaDB 10.3).
func (fl flavor) HasSequences() bool { return fl.mariadb && fl.atLeast(10, 3, 0) }

// HasViewAlgorithm tells information_schema.VIEWS has an ALGORITHM column
// (MariaDB only; MySQL keeps it for SHOW CREATE VIEW).
func (fl flavor) HasViewAlgorithm() bool { return fl.mariadb }

// HasIndexExpressions tells STATISTICS has EXPRESSION for functional key
// parts (MySQL 8.0.13; MariaDB indexes virtual columns instead).
func (fl flavor) HasIndexExpressions() bool { return !fl.mariadb && fl.atLeast(8, 0, 13) }

// indexVisibility is the STATISTICS expression that is 'YES' for an index the
// optimiser ignores: MySQL 8 IS_VISIBLE, MariaDB 10.6 IGNORED.
func (fl flavor) indexVisibility() string {
	switch {
	case fl.mariadb && fl.atLeast(10, 6, 0):
		return "IGNORED"
	case !fl.mariadb && fl.atLeast(8, 0, 0):
		return "IF(IS_VISIBLE = 'NO', 'YES', 'NO')"
	}
	return "'NO'"
}

// HasSRID tells COLUMNS has SRS_ID (MySQL 8.0). MariaDB keeps REF_SYSTEM_ID in
// GEOMETRY_COLUMNS and is not read (see the package report).
func (fl flavor) HasSRID() bool { return !fl.mariadb && fl.atLeast(8, 0, 0) }

// QuotesDefaults tells COLUMN_DEFAULT holds SQL text (MariaDB 10.2.7+:
// literals quoted, NULL as the word NULL, expressions bare) rather than the
// raw value with DEFAULT_GENERATED in EXTRA marking expressions (MySQL 8).
func (fl flavor) QuotesDefaults() bool { return fl.mariadb && fl.atLeast(10, 2, 7) }

// HasColumnChecks tells CHECK_CONSTRAINTS has LEVEL and TABLE_NAME and checks
// written on a column are named after it (MariaDB).
func (fl flavor) HasColumnChecks() bool { return fl.mariadb }

// HasEnforced tells checks may be NOT ENFORCED (MySQL 8.0.16).
func (fl flavor) HasEnforced() bool { return !fl.mariadb && fl.atLeast(8, 0, 16) }

// querySubst fills the flavour-dependent column expressions of a query.
func (fl flavor) querySubst(q string) string {
	expr := "NULL"
	if fl.HasIndexExpressions() {
		expr = "EXPRESSION"
	}
	srid := "NULL"
	if fl.HasSRID() {
		srid = "SRS_ID"
	}
	alg := "NULL"
	if fl.HasViewAlgorithm() {
		alg = "ALGORITHM"
	}
	comment := "''"
	if fl.mariadb && fl.atLeast(10, 5, 0) {
		comment = "SCHEMA_COMMENT"
	}
	return strings.NewReplacer(
		"$SCHEMA_COMMENT", comment,
		"$IGNORED", fl.indexVisibility(),
		"$EXPRESSION", expr,
		"$SRID", srid,
		"$ALGORITHM", alg,
	).Replace(q)
}

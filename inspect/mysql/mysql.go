// Package mysql inspects MySQL and MariaDB databases into a schema.Snapshot and
// writes a snapshot back as DDL. It registers the schemes mysql, mysql+unix,
// maria, maria+unix, mariadb and mariadb+unix with package inspect.
//
// Both servers produce Snapshot.Dialect "mysql": the inspector detects the
// flavour and version (SELECT VERSION()) and normalises the places where
// MariaDB's information_schema spells the same fact differently from MySQL 8
// (quoted literal defaults, current_timestamp(), JSON as a checked longtext,
// integer display widths, outer parentheses of expressions), so one schema
// hashes alike on both. Definers, AUTO_INCREMENT counters, row counts and
// statistics are not part of the model and never change the hash.
package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/schema"
)

func init() {
	inspect.Register(inspect.Driver{
		Name:     schema.MySQL,
		Schemes:  []string{"mysql", "mysql+unix", "maria", "maria+unix", "mariadb", "mariadb+unix"},
		Open:     open,
		SQL:      SQL,
		Dialects: []string{schema.MySQL},
		Scope:    scope,
	})
}

// Inspector reads one MySQL or MariaDB server. It holds a pool limited to one
// connection; each Inspect runs on a single *sql.Conn inside one read-only,
// consistent-snapshot transaction.
type Inspector struct {
	db *sql.DB
	// scope is the database the URL names; empty means every user database.
	scope string
	// addr names the server in messages (never the password).
	addr string
	// StatementTimeout bounds each catalog query on the server
	// (max_statement_time on MariaDB, max_execution_time on MySQL).
	StatementTimeout time.Duration
	// queries counts round trips of the last Inspect, for the benchmark.
	queries int
}

// DefaultStatementTimeout is the server-side limit put on each catalog query.
const DefaultStatementTimeout = 5 * time.Minute

// Open connects to the server a mysql://, mariadb:// (or +unix) URL names and
// checks the credentials with a ping. It is what inspect.Open calls; use it
// directly to get the concrete *Inspector.
func Open(ctx context.Context, rawURL string) (*Inspector, error) {
	u, err := inspect.ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	return openURL(ctx, u)
}

func open(ctx context.Context, u *url.URL) (inspect.Inspector, error) {
	in, err := openURL(ctx, u)
	if err != nil {
		return nil, err
	}
	return in, nil
}

func openURL(ctx context.Context, u *url.URL) (*Inspector, error) {
	cfg, err := ParseURL(u)
	if err != nil {
		return nil, err
	}
	conn, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("mysql: %v", err)
	}
	db := sql.OpenDB(conn)
	db.SetMaxOpenConns(1)
	in := &Inspector{db: db, scope: cfg.DBName, addr: cfg.Addr, StatementTimeout: DefaultStatementTimeout}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, in.connError(cfg.User, err)
	}
	return in, nil
}

// ParseURL turns a database URL into a driver configuration the way Atlas
// does: user:pass@tcp(host:port)/schema with parseTime=true, every other query
// parameter passed to go-sql-driver/mysql (tls, charset, loc, timeout, ...).
// mysql+unix URLs name the socket in the path and the schema in ?database=.
// Errors never repeat the URL or the password.
func ParseURL(u *url.URL) (*mysql.Config, error) {
	q := u.Query()
	unix := strings.HasSuffix(u.Scheme, "+unix")
	db := ""
	if unix {
		db = q.Get("database")
		q.Del("database")
	} else {
		db = strings.TrimPrefix(u.Path, "/")
		if strings.Contains(db, "/") {
			return nil, fmt.Errorf("mysql: malformed URL: the path names one database, got %q", db)
		}
	}
	// Unknown keys become session variables in go-sql-driver; parse them the
	// driver's way from a DSN that holds nothing but parameters.
	cfg, err := mysql.ParseDSN("/?" + q.Encode())
	if err != nil {
		return nil, fmt.Errorf("mysql: malformed URL parameters: %v", err)
	}
	cfg.ParseTime = true
	cfg.DBName = db
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	if unix {
		cfg.Net = "unix"
		cfg.Addr = u.Path
		if u.Host != "" {
			return nil, errors.New("mysql: malformed URL: a +unix URL names the socket in the path, e.g. mysql+unix://user@/run/mysqld/mysqld.sock?database=shop")
		}
		if cfg.Addr == "" {
			return nil, errors.New("mysql: malformed URL: the +unix URL names no socket path")
		}
	} else {
		host, port := u.Hostname(), u.Port()
		if host == "" {
			host = "127.0.0.1"
		}
		if port == "" {
			port = "3306"
		}
		cfg.Net = "tcp"
		cfg.Addr = net.JoinHostPort(host, port)
	}
	if cfg.Timeout == 0 {
		// The driver waits for the OS otherwise; an unreachable host should
		// fail in seconds.
		cfg.Timeout = 10 * time.Second
	}
	return cfg, nil
}

// connError turns a connection failure into one line that names the problem
// and the fix, without the password.
func (in *Inspector) connError(user string, err error) error {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		switch me.Number {
		case 1045:
			return fmt.Errorf("mysql: access denied for user %q at %s: check the user name and password", user, in.addr)
		case 1049:
			return fmt.Errorf("mysql: database %q %w on %s", in.scope, inspect.ErrNotExist, in.addr)
		case 1044:
			return fmt.Errorf("mysql: user %q may not use database %q: grant it SELECT, SHOW VIEW and TRIGGER", user, in.scope)
		}
		return fmt.Errorf("mysql: connecting to %s: %s", in.addr, oneLine(me.Message))
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, mysql.ErrInvalidConn) {
		return fmt.Errorf("mysql: cannot reach %s: %s (check host, port and firewall)", in.addr, oneLine(err.Error()))
	}
	return fmt.Errorf("mysql: connecting to %s: %s", in.addr, oneLine(err.Error()))
}

// Close releases the connection pool.
func (in *Inspector) Close() error {
	return in.db.Close()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// systemSchemas are never inspected in server scope.
var systemSchemas = []string{"information_schema", "innodb", "mysql", "performance_schema", "sys"}

func isSystemSchema(name string) bool {
	return slices.Contains(systemSchemas, strings.ToLower(name))
}

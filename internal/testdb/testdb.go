// Package testdb gives tests throwaway databases on the PostgreSQL and MariaDB
// servers of the machine: each call creates a uniquely named database (or
// role) and drops it when the test ends, so parallel tests and concurrent runs
// never meet. When a server is unreachable the test is skipped with the
// reason, except under CI=true, where a missing server is a failure.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"
)

// Server addresses; SCHEMAWATCH_TEST_PG and SCHEMAWATCH_TEST_MARIADB override
// them for machines with other set-ups.
func pgAdminURL() string {
	if v := os.Getenv("SCHEMAWATCH_TEST_PG"); v != "" {
		return v
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

func mariaAdminDSN() string {
	if v := os.Getenv("SCHEMAWATCH_TEST_MARIADB"); v != "" {
		return v
	}
	return "root@tcp(127.0.0.1:3306)/?multiStatements=true"
}

// Name returns a fresh lower-case identifier "sw_<prefix>_<hex>" that is safe
// to splice into DDL unquoted.
func Name(prefix string) string {
	var b [5]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	prefix = strings.ToLower(regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(prefix, "_"))
	if len(prefix) > 30 {
		prefix = prefix[:30]
	}
	return "sw_" + strings.Trim(prefix, "_") + "_" + hex.EncodeToString(b[:])
}

func unavailable(t testing.TB, what string, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required under CI=true: %v", what, err)
	}
	t.Skipf("%s unavailable: %v", what, err)
}

// PG is a throwaway PostgreSQL database.
type PG struct {
	Name string
	// URL connects as the superuser, with sslmode=disable.
	URL string
	// Admin is a connection to the database as the superuser.
	Admin *pgx.Conn
	// Host is host:port of the server.
	Host string
}

// Postgres creates an empty database and drops it (with its connections) when
// t ends.
func Postgres(t testing.TB) *PG {
	t.Helper()
	db, drop, err := NewPostgres(context.Background())
	if err != nil {
		if errors.Is(err, errUnavailable) {
			unavailable(t, "PostgreSQL", err)
		}
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Error(err)
		}
	})
	return db
}

// errUnavailable marks a server that could not be reached at all.
var errUnavailable = errors.New("server unavailable")

// NewPostgres creates an empty database for callers without a testing.TB
// (testscript set-ups); drop removes it. An unreachable server gives an error
// for which Unavailable is true.
func NewPostgres(ctx context.Context) (db *PG, drop func() error, err error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, pgAdminURL())
	if err != nil {
		return nil, nil, fmt.Errorf("%w: PostgreSQL: %v", errUnavailable, err)
	}
	defer admin.Close(ctx)
	name := Name("db")
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return nil, nil, fmt.Errorf("testdb: creating database %s: %v", name, err)
	}
	cfg := admin.Config()
	host := fmt.Sprintf("%s:%d", cfg.Host, cfg.Port)
	db = &PG{
		Name: name,
		Host: host,
		URL:  fmt.Sprintf("postgres://%s@%s/%s?sslmode=disable", cfg.User, host, name),
	}
	drop = func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if db.Admin != nil {
			db.Admin.Close(ctx)
		}
		c, err := pgx.Connect(ctx, pgAdminURL())
		if err != nil {
			return fmt.Errorf("testdb: dropping %s: %v", name, err)
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("testdb: dropping %s: %v", name, err)
		}
		return nil
	}
	db.Admin, err = pgx.Connect(ctx, db.URL)
	if err != nil {
		return nil, nil, errors.Join(fmt.Errorf("testdb: connecting to %s: %v", name, err), drop())
	}
	return db, drop, nil
}

// Unavailable tells whether err says a server could not be reached; callers
// skip then, except under CI=true.
func Unavailable(err error) bool { return errors.Is(err, errUnavailable) }

// Exec runs SQL (several statements allowed) in the database as the superuser.
func (db *PG) Exec(t testing.TB, sql string) {
	t.Helper()
	if _, err := db.Admin.Exec(context.Background(), sql); err != nil {
		t.Fatalf("testdb: %s: %v\n%s", db.Name, err, sql)
	}
}

// Role creates a login role with a password and drops it (after revoking what
// it owns or was granted in this database) when t ends. It returns a URL that
// connects to the database as that role.
func (db *PG) Role(t testing.TB, prefix, password string) (name, url string) {
	t.Helper()
	name = Name(prefix)
	db.Exec(t, fmt.Sprintf("CREATE USER %s WITH PASSWORD '%s'", name, strings.ReplaceAll(password, "'", "''")))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		// The role holds privileges in db; drop them there before the role.
		if c, err := pgx.Connect(ctx, db.URL); err == nil {
			_, _ = c.Exec(ctx, "DROP OWNED BY "+name)
			c.Close(ctx)
		}
		c, err := pgx.Connect(ctx, pgAdminURL())
		if err != nil {
			t.Errorf("testdb: dropping role %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP ROLE IF EXISTS "+name); err != nil {
			t.Errorf("testdb: dropping role %s: %v", name, err)
		}
	})
	return name, fmt.Sprintf("postgres://%s:%s@%s/%s?sslmode=disable", name, password, db.Host, db.Name)
}

// Maria is a throwaway MariaDB database (schema).
type Maria struct {
	Name string
	// URL is a mysql:// URL naming the database, as root.
	URL string
	// Admin is a connection pool as root with multiStatements enabled.
	Admin *sql.DB
	// Host is host:port of the server.
	Host string
}

// MariaDB creates an empty database and drops it when t ends.
func MariaDB(t testing.TB) *Maria {
	t.Helper()
	db, drop, err := NewMariaDB(context.Background())
	if err != nil {
		if errors.Is(err, errUnavailable) {
			unavailable(t, "MariaDB", err)
		}
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Error(err)
		}
	})
	return db
}

// NewMariaDB creates an empty database for callers without a testing.TB;
// drop removes it.
func NewMariaDB(ctx context.Context) (db *Maria, drop func() error, err error) {
	cfg, err := mysql.ParseDSN(mariaAdminDSN())
	if err != nil {
		return nil, nil, fmt.Errorf("testdb: %v", err)
	}
	admin, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		return nil, nil, fmt.Errorf("testdb: %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		return nil, nil, fmt.Errorf("%w: MariaDB: %v", errUnavailable, err)
	}
	name := Name("db")
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return nil, nil, fmt.Errorf("testdb: creating database %s: %v", name, err)
	}
	drop = func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		defer admin.Close()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name); err != nil {
			return fmt.Errorf("testdb: dropping %s: %v", name, err)
		}
		return nil
	}
	user := cfg.User
	if cfg.Passwd != "" {
		user += ":" + cfg.Passwd
	}
	return &Maria{Name: name, Admin: admin, Host: cfg.Addr, URL: fmt.Sprintf("mysql://%s@%s/%s", user, cfg.Addr, name)}, drop, nil
}

// Exec runs SQL (several statements allowed) with name as the default database.
func (db *Maria) Exec(t testing.TB, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := db.Admin.Conn(ctx)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "USE "+db.Name); err != nil {
		t.Fatalf("testdb: %v", err)
	}
	if _, err := conn.ExecContext(ctx, sql); err != nil {
		t.Fatalf("testdb: %s: %v\n%s", db.Name, err, sql)
	}
}

// User creates 'name'@'%' with a password, runs the grants (each "%s" in
// grants is replaced by the quoted user), and drops the user when t ends. It
// returns a mysql:// URL that connects to the database as that user.
func (db *Maria) User(t testing.TB, prefix, password string, grants ...string) (name, url string) {
	t.Helper()
	name = Name(prefix)
	if len(name) > 80 {
		name = name[:80]
	}
	quoted := fmt.Sprintf("'%s'@'%%'", name)
	db.Exec(t, fmt.Sprintf("CREATE USER %s IDENTIFIED BY '%s'", quoted, strings.ReplaceAll(password, "'", "''")))
	t.Cleanup(func() {
		_, err := db.Admin.ExecContext(context.Background(), "DROP USER IF EXISTS "+quoted)
		if err != nil {
			t.Errorf("testdb: dropping user %s: %v", name, err)
		}
	})
	for _, g := range grants {
		db.Exec(t, strings.ReplaceAll(g, "%s", quoted))
	}
	return name, fmt.Sprintf("mysql://%s:%s@%s/%s", name, password, db.Host, db.Name)
}

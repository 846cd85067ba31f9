// Package postgres inspects PostgreSQL 13 and later into a schema.Snapshot and
// writes a snapshot back as DDL. It registers the postgres and postgresql URL
// schemes with package inspect.
//
// The URL's path is the database. ?search_path=<schema> scopes an inspection to
// that one schema (expressions stay unqualified); without it every user schema
// is inspected (realm scope) and the session search_path is emptied inside the
// inspecting transaction, so catalog-rendered expressions come out
// schema-qualified. See ATLAS-COMPAT.md §1.
//
// Every inspection runs inside one read-only REPEATABLE READ transaction, sends
// one query per object kind for the whole scope, and takes no lock on any user
// relation once its statements return (see inspect.go).
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/schema"
)

func init() {
	inspect.Register(inspect.Driver{
		Name:    schema.Postgres,
		Schemes: []string{"postgres", "postgresql"},
		Open:    Open,
		SQL:     SQL,
		Scope:   scope,
	})
}

// Inspector reads one PostgreSQL database, over one connection or, for a
// large schema, two that share a snapshot. It is not safe for concurrent use.
type Inspector struct {
	conn *pgx.Conn
	cfg  *pgx.ConnConfig
	// helper is the second connection, opened by the first inspection of a
	// database holding at least parallelMin relations (see readCatalog).
	helper      *pgx.Conn
	parallelMin int
	fl          flavor
	// scope is the schema named by ?search_path, empty in realm scope.
	scope string
	// stats counts what the last Inspect sent.
	stats Stats
	// pause, when set (tests only), runs inside the inspecting transaction
	// after every query has returned, before it ends.
	pause func(ctx context.Context) error
}

// Stats counts the statements and network round trips of one inspection;
// both stay constant whatever the number of objects.
type Stats struct {
	Queries    int
	RoundTrips int
	// Connections is 2 when a helper connection ran part of the queries.
	Connections int
}

// parallelMin is the number of relations (tables, indexes, sequences, views)
// from which an inspection splits its queries over two connections. Below it
// the second connection's start-up (a few milliseconds nearby, more over TLS
// to a distant server) outweighs what it saves; at 1,000 relations the
// catalog queries take about 50 ms.
const parallelMin = 1000

// Open connects to the database the URL names. It injects sslmode=require when
// the URL sets no sslmode (the lib/pq default Atlas users rely on) and passes
// every other libpq parameter through to pgx. Errors name the host and user,
// never the password or the URL.
func Open(ctx context.Context, u *url.URL) (inspect.Inspector, error) {
	return open(ctx, u)
}

func open(ctx context.Context, u *url.URL) (*Inspector, error) {
	cfg, scope, err := parseConfig(u)
	if err != nil {
		return nil, err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, connectError(cfg, err)
	}
	fl, err := parseFlavor(conn.PgConn().ParameterStatus("server_version"))
	if err != nil {
		conn.Close(ctx)
		return nil, err
	}
	return &Inspector{conn: conn, cfg: cfg, fl: fl, scope: scope, parallelMin: parallelMin}, nil
}

// parseConfig turns the URL into a pgx configuration and the schema scope.
func parseConfig(u *url.URL) (*pgx.ConnConfig, string, error) {
	c := *u
	q := c.Query()
	scope := q.Get("search_path")
	if strings.Contains(scope, ",") {
		return nil, "", fmt.Errorf("postgres: search_path %q names several schemas: give one schema, or none to inspect every schema", scope)
	}
	if q.Get("sslmode") == "" {
		q.Set("sslmode", "require")
	}
	c.RawQuery = q.Encode()
	if strings.Trim(c.Path, "/") == "" {
		return nil, "", errors.New("postgres: the URL names no database: add it as the path, e.g. postgres://user@host:5432/app")
	}
	cfg, err := pgx.ParseConfig(c.String())
	if err != nil {
		// pgconn's parse errors quote the connection string (password masked);
		// keep only the reason.
		var pe *pgconn.ParseConfigError
		if errors.As(err, &pe) && pe.Unwrap() != nil {
			return nil, "", fmt.Errorf("postgres: malformed URL: %v", pe.Unwrap())
		}
		return nil, "", errors.New("postgres: malformed URL")
	}
	// One round trip per batch: no implicit Parse/Describe round trip per
	// statement, and nothing cached between inspections.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeExec
	return cfg, scope, nil
}

// connectError reduces pgx's verbose connection error to one line naming the
// server, the user and the essential cause.
func connectError(cfg *pgx.ConnConfig, err error) error {
	where := fmt.Sprintf("postgres: connecting to %s as %s", net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))), cfg.User)
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "3D000": // invalid_catalog_name
			return fmt.Errorf("%s: database %q %w", where, cfg.Database, inspect.ErrNotExist)
		}
		// Authentication failures and the rest: the server's message alone
		// ("password authentication failed for user ...") is the cause.
		return fmt.Errorf("%s: %s", where, pg.Message)
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return fmt.Errorf("%s: timed out", where)
	}
	var op *net.OpError
	if errors.As(err, &op) {
		inner := op.Err
		for {
			u := errors.Unwrap(inner)
			if u == nil {
				break
			}
			inner = u
		}
		return fmt.Errorf("%s: %v", where, inner)
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return fmt.Errorf("%s: unknown host %s", where, dns.Name)
	}
	msg := err.Error()
	// Other pgconn errors: keep the part after the last "): " or ": ", which
	// is the cause (TLS refusal, timeout...).
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return fmt.Errorf("%s: %s", where, msg)
}

// flavor holds what differs between the server versions we support.
type flavor struct{ major int }

func parseFlavor(version string) (flavor, error) {
	v := version
	if i := strings.IndexAny(v, " ."); i >= 0 {
		v = v[:i]
	}
	major, err := strconv.Atoi(v)
	if err != nil {
		return flavor{}, fmt.Errorf("postgres: cannot read the server version %q", version)
	}
	if major < 13 {
		return flavor{}, fmt.Errorf("postgres: server version %d is not supported: schemawatch needs PostgreSQL 13 or later", major)
	}
	return flavor{major: major}, nil
}

// HasNullsNotDistinct tells whether the server has UNIQUE NULLS NOT DISTINCT (15).
func (f flavor) HasNullsNotDistinct() bool { return f.major >= 15 }

// HasCompression tells whether columns carry a compression method (14).
func (f flavor) HasCompression() bool { return f.major >= 14 }

// HasSQLBody tells whether routines may have SQL-standard bodies (14).
func (f flavor) HasSQLBody() bool { return f.major >= 14 }

// query adapts a catalog query to the server: each catalog column newer than
// PostgreSQL 13 appears in the queries under one exact spelling, replaced here
// by the constant it means on older servers.
func (f flavor) query(q string) string {
	if !f.HasNullsNotDistinct() {
		q = strings.ReplaceAll(q, "i.indnullsnotdistinct", "false")
	}
	if !f.HasCompression() {
		q = strings.ReplaceAll(q, "a.attcompression::text", "''::text")
	}
	if !f.HasSQLBody() {
		q = strings.ReplaceAll(q, "p.prosqlbody IS NOT NULL", "false")
	}
	return q
}

// LastStats returns what the last Inspect sent: statements and network round
// trips, both independent of the number of objects.
func (i *Inspector) LastStats() Stats { return i.stats }

// Close closes the connection. Inspector.Close takes no context, and the
// Terminate message pgx sends cannot block for long, so none is threaded here.
func (i *Inspector) Close() error {
	if i.helper != nil {
		i.helper.Close(context.TODO())
		i.helper = nil
	}
	return i.conn.Close(context.TODO())
}

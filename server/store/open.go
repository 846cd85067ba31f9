package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// Open opens the store named by dsn and applies its migrations:
// "postgres://…" or "postgresql://…" for PostgreSQL, "sqlite:PATH" (or
// "sqlite://PATH") for an SQLite file.
func Open(ctx context.Context, dsn string) (Store, error) {
	scheme, rest, ok := strings.Cut(dsn, ":")
	if !ok {
		return nil, errors.New("store: the store must be a URL: postgres://… or sqlite:PATH")
	}
	switch strings.ToLower(scheme) {
	case "postgres", "postgresql":
		return OpenPostgres(ctx, dsn)
	case "sqlite", "sqlite3":
		return OpenSQLite(ctx, strings.TrimPrefix(rest, "//"))
	}
	return nil, fmt.Errorf("store: unknown store scheme %q (known: postgres, sqlite)", scheme)
}

// OpenSQLite opens (creating it if needed) the SQLite database file at path.
// It runs in WAL mode, so the UI reads while a push writes, with a busy
// timeout, so concurrent writers wait instead of failing, and with
// transactions that take the write lock when they begin, so two pushes never
// deadlock upgrading a read lock.
func OpenSQLite(ctx context.Context, path string) (Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, errors.New("store: the SQLite path must be non-empty and hold no '?' or '#'")
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	// Writers are serialised by SQLite anyway; a few connections let readers
	// work beside the writer.
	db.SetMaxOpenConns(8)
	s := &sqlStore{db: db, dialect: sqliteDialect}
	if err := s.migrate(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("store: %s: %w", path, err), db.Close())
	}
	return s, nil
}

// OpenPostgres connects to the PostgreSQL database at dsn. The password in
// dsn never reaches an error message.
func OpenPostgres(ctx context.Context, dsn string) (Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, errors.New("store: the PostgreSQL URL does not parse (percent-encode special characters in the password)")
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(16)
	shown := fmt.Sprintf("postgres://%s:%d/%s", cfg.Host, cfg.Port, cfg.Database)
	if err := db.PingContext(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("store: connecting to %s: %w", shown, scrub(err, cfg.Password)), db.Close())
	}
	s := &sqlStore{db: db, dialect: postgresDialect}
	if err := s.migrate(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("store: %s: %w", shown, scrub(err, cfg.Password)), db.Close())
	}
	return s, nil
}

// scrub removes a password from an error message, should a driver quote it.
func scrub(err error, password string) error {
	if password == "" || !strings.Contains(err.Error(), password) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), password, "xxxxx"))
}

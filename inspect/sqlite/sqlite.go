// Package sqlite inspects SQLite database files with modernc.org/sqlite (pure
// Go, no cgo) and writes SQLite DDL for a snapshot. It registers the URL
// schemes sqlite, sqlite3 and file with package inspect.
//
// The file is opened read-only (SQLite's mode=ro plus PRAGMA query_only), is
// never created, and is read in one transaction, so a database that another
// process writes to (WAL or rollback journal) is seen in one consistent state.
// SQLite has one schema here, main; attached databases are not inspected.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/schema"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

func init() {
	inspect.Register(inspect.Driver{
		Name:    schema.SQLite,
		Schemes: []string{"sqlite", "sqlite3", "file"},
		Open:    Open,
		SQL:     SQL,
		Scope:   func(*url.URL) string { return "main" }, // always one schema
	})
}

// defaultBusyTimeout is how long (ms) a read waits for a writer's lock before
// giving up, so inspecting a busy database does not fail at once.
const defaultBusyTimeout = 5000

// Inspector reads the main schema of one SQLite file. It is not safe for
// concurrent use.
type Inspector struct {
	db   *sql.DB
	path string
	// queries counts statements sent, for the benchmark's per-inspection figure.
	queries int
}

// Open opens the SQLite file a URL names, read-only, and checks that it is an
// SQLite database. Accepted forms: sqlite://rel/app.db, sqlite:///abs/app.db,
// sqlite3://..., file:app.db and file:///abs/app.db. Of go-sqlite3's query
// parameters, _busy_timeout (or _timeout), cache and vfs are honoured; mode
// is always ro (mode=memory is refused: it names an empty database); the rest
// (_fk, _journal, _sync, ...) set up writing and are ignored.
func Open(ctx context.Context, u *url.URL) (inspect.Inspector, error) {
	path, dsn, err := DSN(u)
	if err != nil {
		return nil, err
	}
	if err := checkFile(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	// One connection: a read transaction belongs to a connection, and
	// pragmas set at open must apply to every statement.
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		return nil, errors.Join(openError(path, err), db.Close())
	}
	return &Inspector{db: db, path: path}, nil
}

// DSN turns a sqlite, sqlite3 or file URL into the file path it names and the
// modernc.org/sqlite data source name that opens it read-only. It is pure: it
// does not look at the file.
func DSN(u *url.URL) (path, dsn string, err error) {
	switch {
	case u.Opaque != "": // file:app.db
		path, err = url.PathUnescape(u.Opaque)
		if err != nil {
			return "", "", fmt.Errorf("sqlite: malformed path in URL: %v", err)
		}
	case u.Host == "localhost" && u.Scheme == "file":
		path = u.Path
	default:
		// sqlite://data/app.db puts "data" in Host: the path is relative.
		path = u.Host + u.Path
	}
	if path == "" {
		return "", "", errors.New("sqlite: the URL names no database file, e.g. sqlite://app.db or sqlite:///abs/app.db")
	}
	q := u.Query()
	params := url.Values{"mode": {"ro"}}
	if m := q.Get("mode"); strings.EqualFold(m, "memory") {
		return "", "", errors.New("sqlite: mode=memory names a new, empty in-memory database; give the path of a database file")
	}
	busy := strconv.Itoa(defaultBusyTimeout)
	for _, k := range []string{"_busy_timeout", "_timeout"} {
		if v := q.Get(k); v != "" {
			if _, err := strconv.ParseUint(v, 10, 31); err != nil {
				return "", "", fmt.Errorf("sqlite: %s=%q is not a number of milliseconds", k, v)
			}
			busy = v
		}
	}
	for _, k := range []string{"cache", "vfs", "immutable"} {
		if v := q.Get(k); v != "" {
			params.Set(k, v)
		}
	}
	// busy_timeout first, then query_only: modernc runs _pragma values in
	// order before any statement of ours.
	params.Add("_pragma", "busy_timeout("+busy+")")
	params.Add("_pragma", "query_only(1)")
	return path, "file:" + escapePath(path) + "?" + params.Encode(), nil
}

// escapePath escapes what would end the path part of an SQLite URI filename
// (https://www.sqlite.org/uri.html): "%", "?" and "#".
func escapePath(p string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(p)
}

// checkFile gives one clear error for the usual mistakes before SQLite sees
// the path: SQLite's own messages ("unable to open database file") do not say
// which one it was.
func checkFile(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("sqlite: database file %s %w (schemawatch never creates it; check the path in the URL)", path, inspect.ErrNotExist)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("sqlite: database file %s: permission denied (the inspecting user needs read access to the file and its directory)", path)
	case err != nil:
		return fmt.Errorf("sqlite: database file %s: %v", path, err)
	case fi.IsDir():
		return fmt.Errorf("sqlite: %s is a directory, not a database file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("sqlite: database file %s: permission denied (the inspecting user needs read access)", path)
		}
		return fmt.Errorf("sqlite: database file %s: %v", path, err)
	}
	defer f.Close()
	head := make([]byte, 16)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return fmt.Errorf("sqlite: database file %s: %v", path, err)
	}
	// An empty file is an empty database to SQLite; anything else must start
	// with the header of https://www.sqlite.org/fileformat.html.
	if n > 0 && !bytes.Equal(head[:n], []byte("SQLite format 3\x00")[:n]) || n > 0 && n < 16 {
		return fmt.Errorf("sqlite: %s is not an SQLite database (its header is not \"SQLite format 3\")", path)
	}
	return nil
}

// openError words an SQLite failure at open or first read.
func openError(path string, err error) error {
	var se *msqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("sqlite: %s is not an SQLite database (or it is encrypted)", path)
		case sqlite3.SQLITE_CANTOPEN:
			return fmt.Errorf("sqlite: cannot open %s read-only: %s (a WAL database also needs its -shm file or a writable directory)", path, msqlite.ErrorCodeString[se.Code()])
		case sqlite3.SQLITE_BUSY:
			return fmt.Errorf("sqlite: %s stayed locked by a writer for longer than the busy timeout; retry or raise _busy_timeout", path)
		case sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("sqlite: %s is corrupt: %v", path, err)
		}
	}
	return fmt.Errorf("sqlite: reading %s: %v", path, err)
}

// Close closes the database connection.
func (in *Inspector) Close() error { return in.db.Close() }

// Inspect reads the main schema in one read transaction. Options.Schemas may
// only name main: SQLite URLs are always schema scope.
func (in *Inspector) Inspect(ctx context.Context, opts inspect.Options) (snap *schema.Snapshot, err error) {
	for _, s := range opts.Schemas {
		if s != "main" {
			return nil, fmt.Errorf("sqlite: schema %q %w (an SQLite file has only main)", s, inspect.ErrNotExist)
		}
	}
	tx, err := in.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, openError(in.path, err)
	}
	// Read-only: there is nothing to commit, and rollback ends the snapshot.
	defer func() { err = errors.Join(err, ignoreDone(tx.Rollback())) }()
	snap, err = in.read(ctx, tx)
	if err != nil {
		return nil, openError(in.path, err)
	}
	return snap, nil
}

func ignoreDone(err error) error {
	if errors.Is(err, sql.ErrTxDone) {
		return nil
	}
	return err
}

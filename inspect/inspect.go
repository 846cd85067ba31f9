// Package inspect turns a database URL into a canonical schema.Snapshot. The
// drivers live in sub-packages (inspect/postgres, inspect/mysql,
// inspect/sqlite) and register themselves by URL scheme; a program imports the
// ones it wants for their side effect.
package inspect

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/schemawatch/schemawatch/schema"
)

// Options narrow what an inspection covers.
type Options struct {
	// Schemas limits a database-scope inspection to these schemas. Naming a
	// schema that does not exist is an error.
	Schemas []string
	// Include keeps only objects matching one of these Atlas globs; Exclude then
	// drops the objects matching any of its globs. See Filter.
	Include []string
	Exclude []string
}

// Inspector reads one database's schema. Close releases its connection.
type Inspector interface {
	Inspect(ctx context.Context, opts Options) (*schema.Snapshot, error)
	Close() error
}

// Driver is what an inspector package registers for its URL schemes.
type Driver struct {
	// Name is the dialect, as in schema.Snapshot.Dialect.
	Name string
	// Schemes lists the URL schemes the driver answers to, e.g. "postgres".
	Schemes []string
	// Open connects to the database the URL names. The URL has been parsed and
	// its scheme matched; Open reads the rest.
	Open func(ctx context.Context, u *url.URL) (Inspector, error)
	// SQL writes DDL that recreates s in an empty database, in dependency order.
	SQL func(s *schema.Snapshot) (string, error)
	// Scope returns the one schema the URL selects (PostgreSQL's search_path,
	// MySQL's path, SQLite's "main"), or "" when it names the whole database.
	// Include and exclude patterns start below that schema when it is set.
	Scope func(u *url.URL) string
	// Dialects lists further snapshot dialects SQL can write, besides Name.
	Dialects []string
}

// ErrNotExist is wrapped by errors for a database or schema that is not there.
var ErrNotExist = errors.New("does not exist")

var registry = struct {
	sync.RWMutex
	byScheme map[string]*Driver
}{byScheme: map[string]*Driver{}}

// Register makes a driver available for its schemes. It panics when a scheme
// is registered twice, which is a programming error found at start-up.
func Register(d Driver) {
	registry.Lock()
	defer registry.Unlock()
	for _, s := range d.Schemes {
		if _, dup := registry.byScheme[s]; dup {
			panic("inspect: scheme " + s + " registered twice")
		}
		registry.byScheme[s] = &d
	}
}

// Schemes returns every registered URL scheme, sorted.
func Schemes() []string {
	registry.RLock()
	defer registry.RUnlock()
	out := make([]string, 0, len(registry.byScheme))
	for s := range registry.byScheme {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Open connects to the database named by rawURL with the driver registered for
// its scheme. Errors never repeat the URL, which may hold a password.
func Open(ctx context.Context, rawURL string) (Inspector, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	registry.RLock()
	d := registry.byScheme[u.Scheme]
	registry.RUnlock()
	return d.Open(ctx, u)
}

// ParseURL parses a database URL and checks that a driver is registered for
// its scheme. The error names the problem without repeating the URL.
func ParseURL(rawURL string) (*url.URL, error) {
	if strings.TrimSpace(rawURL) == "" {
		return nil, errors.New("inspect: the database URL is empty")
	}
	// "file:app.db" (SQLite) has no "//"; every other form is scheme://...
	i := strings.Index(rawURL, ":")
	if i <= 0 || (!strings.HasPrefix(rawURL[i:], "://") && !strings.EqualFold(rawURL[:i], "file")) {
		return nil, fmt.Errorf("inspect: malformed database URL: want scheme://..., e.g. postgres://user:pass@host:5432/db (known schemes: %s)", strings.Join(Schemes(), ", "))
	}
	scheme := strings.ToLower(rawURL[:i])
	registry.RLock()
	_, ok := registry.byScheme[scheme]
	registry.RUnlock()
	if !ok {
		return nil, fmt.Errorf("inspect: unknown scheme %q (known: %s)", scheme, strings.Join(Schemes(), ", "))
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		// url.Error repeats the URL; keep only its reason.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("inspect: malformed %s URL: %v", scheme, err)
	}
	u.Scheme = scheme
	return u, nil
}

// DriverFor returns the driver that writes SQL for a snapshot dialect.
func DriverFor(dialect string) (*Driver, error) {
	registry.RLock()
	defer registry.RUnlock()
	var known []string
	for _, d := range registry.byScheme {
		if d.Name == dialect || slices.Contains(d.Dialects, dialect) {
			return d, nil
		}
		known = append(known, d.Name)
	}
	slices.Sort(known)
	return nil, fmt.Errorf("inspect: no driver for dialect %q (known: %s)", dialect, strings.Join(slices.Compact(known), ", "))
}

// SchemaScope returns the one schema rawURL selects, or "" when the URL names
// a whole database (realm scope), following the driver's rules.
func SchemaScope(rawURL string) (string, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return "", err
	}
	registry.RLock()
	d := registry.byScheme[u.Scheme]
	registry.RUnlock()
	if d.Scope == nil {
		return "", nil
	}
	return d.Scope(u), nil
}

// Snapshot opens the database named by dbURL, inspects it with opts and
// applies opts' include and exclude globs: the whole of an inspection in one
// call. Malformed globs fail before any connection is made.
func Snapshot(ctx context.Context, dbURL string, opts Options) (snap *schema.Snapshot, err error) {
	if err := CheckGlobs(opts.Include, opts.Exclude); err != nil {
		return nil, err
	}
	scope, err := SchemaScope(dbURL)
	if err != nil {
		return nil, err
	}
	insp, err := Open(ctx, dbURL)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, insp.Close()) }()
	if snap, err = insp.Inspect(ctx, opts); err != nil {
		return nil, err
	}
	if err := Filter(snap, opts.Include, opts.Exclude, scope); err != nil {
		return nil, err
	}
	return snap, nil
}

package mysql

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/internal/testdb"
	"github.com/schemawatch/schemawatch/schema"
)

func TestParseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, url               string
		net, addr, db, user, pw string
		params                  map[string]string
		tls                     bool
	}{
		{name: "schema scope", url: "mysql://app:s3cret@db.internal:3307/shop", net: "tcp", addr: "db.internal:3307", db: "shop", user: "app", pw: "s3cret"},
		{name: "server scope empty path", url: "mariadb://root@db", net: "tcp", addr: "db:3306", user: "root"},
		{name: "server scope slash", url: "maria://root@db/", net: "tcp", addr: "db:3306", user: "root"},
		{name: "escaped password", url: "mysql://app:p%40ss%2Fw%3Ard@h/s", net: "tcp", addr: "h:3306", db: "s", user: "app", pw: "p@ss/w:rd"},
		{name: "ipv6", url: "mysql://u@[::1]:3306/s", net: "tcp", addr: "[::1]:3306", db: "s", user: "u"},
		{name: "unix socket", url: "mysql+unix://u:p@/run/mysqld/mysqld.sock?database=shop", net: "unix", addr: "/run/mysqld/mysqld.sock", db: "shop", user: "u", pw: "p"},
		{name: "mariadb unix", url: "mariadb+unix:///tmp/m.sock", net: "unix", addr: "/tmp/m.sock"},
		{name: "driver params", url: "mysql://u@h/s?tls=skip-verify&time_zone=%27%2B00%3A00%27", net: "tcp", addr: "h:3306", db: "s", user: "u", params: map[string]string{"time_zone": "'+00:00'"}, tls: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, err := inspect.ParseURL(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := ParseURL(u)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Net != tt.net || cfg.Addr != tt.addr || cfg.DBName != tt.db || cfg.User != tt.user || cfg.Passwd != tt.pw {
				t.Errorf("got net=%q addr=%q db=%q user=%q pw=%q", cfg.Net, cfg.Addr, cfg.DBName, cfg.User, cfg.Passwd)
			}
			if !cfg.ParseTime {
				t.Error("parseTime not set")
			}
			for k, v := range tt.params {
				if cfg.Params[k] != v {
					t.Errorf("param %s = %q, want %q", k, cfg.Params[k], v)
				}
			}
			if got := cfg.TLSConfig != ""; got != tt.tls {
				t.Errorf("tls = %v (%q), want %v", got, cfg.TLSConfig, tt.tls)
			}
		})
	}
}

// TestBadInput checks that each kind of bad input fails with one line that
// names the problem and never holds the password.
func TestBadInput(t *testing.T) {
	t.Parallel()
	db := testdb.MariaDB(t)
	const pw = "Sup3rSecret"
	_, good := db.User(t, "badinput", pw, "GRANT SELECT ON *.* TO %s")
	tests := []struct {
		name, url, want string
		notExist        bool
	}{
		{name: "wrong password", url: strings.Replace(good, ":"+pw+"@", ":"+pw+"x@", 1), want: "access denied"},
		{name: "unknown database", url: strings.Replace(good, "/"+db.Name, "/sw_no_such_db", 1), want: "does not exist", notExist: true},
		{name: "unreachable host", url: "mysql://root:" + pw + "@127.0.0.1:1/x", want: "cannot reach 127.0.0.1:1"},
		{name: "malformed port", url: "mysql://root:" + pw + "@" + "h:port/x", want: "malformed"},
		{name: "malformed parameter", url: "mysql://root:" + pw + "@h/x?parseTime=maybe", want: "malformed URL parameters"},
		{name: "two path segments", url: "mysql://root:" + pw + "@h/a/b", want: "names one database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in, err := inspect.Open(context.Background(), tt.url)
			if err == nil {
				in.Close()
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error %q does not say %q", msg, tt.want)
			}
			if strings.Contains(msg, pw) || strings.Contains(msg, "\n") {
				t.Errorf("error %q holds the password or several lines", msg)
			}
			if got := errors.Is(err, inspect.ErrNotExist); got != tt.notExist {
				t.Errorf("errors.Is(ErrNotExist) = %v, want %v", got, tt.notExist)
			}
		})
	}
}

// TestScope checks server scope (no system schemas), Options.Schemas narrowing
// and an unknown schema.
func TestScope(t *testing.T) {
	t.Parallel()
	a, b := testdb.MariaDB(t), testdb.MariaDB(t)
	a.Exec(t, "CREATE TABLE ta (id int)")
	b.Exec(t, "CREATE TABLE tb (id int)")
	server := "mysql://root@" + a.Host + "/"
	ctx := context.Background()
	in, err := inspect.Open(ctx, server)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	all, err := in.Inspect(ctx, inspect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, sc := range all.Schemas {
		names[sc.Name] = true
	}
	for _, sys := range systemSchemas {
		if names[sys] {
			t.Errorf("server scope lists system schema %s", sys)
		}
	}
	if !names[a.Name] || !names[b.Name] {
		t.Errorf("server scope misses %s or %s: %v", a.Name, b.Name, names)
	}
	two, err := in.Inspect(ctx, inspect.Options{Schemas: []string{b.Name, a.Name}})
	if err != nil {
		t.Fatal(err)
	}
	if len(two.Schemas) != 2 || two.Schemas[0].Name > two.Schemas[1].Name {
		t.Fatalf("narrowed to %d schemas", len(two.Schemas))
	}
	if two.Schemas[0].Tables[0].Name != "ta" && two.Schemas[1].Tables[0].Name != "ta" {
		t.Errorf("table ta missing")
	}
	if _, err := in.Inspect(ctx, inspect.Options{Schemas: []string{"sw_nope_x"}}); !errors.Is(err, inspect.ErrNotExist) {
		t.Errorf("unknown schema: err = %v, want ErrNotExist", err)
	}
	one, err := inspect.Open(ctx, a.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	if _, err := one.Inspect(ctx, inspect.Options{Schemas: []string{b.Name}}); !errors.Is(err, inspect.ErrNotExist) {
		t.Errorf("schema outside the URL scope: err = %v, want ErrNotExist", err)
	}
	snap, err := one.Inspect(ctx, inspect.Options{Schemas: []string{a.Name}})
	if err != nil || len(snap.Schemas) != 1 || snap.Dialect != "mysql" {
		t.Fatalf("schema scope: %v", err)
	}
}

// TestMonitorUser inspects as the documented monitoring user, with exactly
// its grants, and must see what root sees: triggers, views, routines. Events
// need the EVENT privilege in information_schema.EVENTS; without it each one
// must be a Note, not a silent gap.
func TestMonitorUser(t *testing.T) {
	t.Parallel()
	db := testdb.MariaDB(t)
	fx := fixtures(t)
	for _, k := range []string{"views", "triggers", "routines", "events"} {
		db.Exec(t, fx[k])
	}
	_, u := db.User(t, "atlas_monitor", "m0nitor!", "GRANT SHOW DATABASES, SHOW VIEW, SELECT, TRIGGER ON *.* TO %s")
	asRoot := inspectURL(t, db.URL)
	asMonitor := inspectURL(t, u)
	var notes []schema.Note
	for _, ev := range asRoot.Schemas[0].Events {
		notes = append(notes, schema.Note{Object: "event " + db.Name + "." + ev.Name,
			Reason: "not visible in information_schema.EVENTS to this user (grant EVENT on the schema)"})
	}
	asRoot.Schemas[0].Events = nil
	asRoot.Notes = notes
	asRoot.Canonicalize()
	got, _ := canonical(t, asMonitor)
	want, _ := canonical(t, asRoot)
	if got != want {
		t.Errorf("the monitoring user sees another schema (- root, + monitor):\n%s", lineDiff(string(indented(t, asRoot)), string(indented(t, asMonitor))))
	}
	if len(asMonitor.Schemas[0].Routines) == 0 || len(asMonitor.Schemas[0].Views) == 0 || len(asMonitor.Notes) != 3 {
		t.Errorf("monitor snapshot lacks routines, views or event notes")
	}
}

// TestHiddenRoutineBody checks that a routine whose body the user may not read
// is kept, marked BodyHidden and noted, never dropped.
func TestHiddenRoutineBody(t *testing.T) {
	t.Parallel()
	db := testdb.MariaDB(t)
	db.Exec(t, testdbFixture(t, "routines"))
	_, u := db.User(t, "nobody", "n0body!", "GRANT SELECT, EXECUTE ON "+db.Name+".* TO %s")
	snap := inspectURL(t, u)
	rts := snap.Schemas[0].Routines
	if len(rts) != 4 {
		t.Fatalf("got %d routines, want 4", len(rts))
	}
	for _, rt := range rts {
		if !rt.BodyHidden || rt.Body != "" {
			t.Errorf("routine %s: BodyHidden=%v body=%q", rt.Name, rt.BodyHidden, rt.Body)
		}
	}
	if len(snap.Notes) != 4 {
		t.Errorf("got notes %v, want one per routine", snap.Notes)
	}
	ddl, err := SQL(snap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ddl, "body not visible") {
		t.Errorf("SQL does not say a body was hidden:\n%s", ddl)
	}
}

func testdbFixture(t *testing.T, name string) string { return fixtures(t)[name] }

// TestNoMetadataLocks runs an ALTER TABLE with a one second lock wait while an
// inspection's transaction is still open (between two of its statements):
// the inspection must hold no metadata lock on user tables.
func TestNoMetadataLocks(t *testing.T) {
	t.Parallel()
	db := testdb.MariaDB(t)
	db.Exec(t, fixtures(t)["partitions"]+fixtures(t)["indexes"])
	ctx := context.Background()
	in, err := Open(ctx, db.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	conn, err := in.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	s := &session{conn: conn}
	fl, err := s.begin(ctx, DefaultStatementTimeout)
	if err != nil {
		t.Fatal(err)
	}
	r := &reader{s: s, fl: fl, tables: map[string]*schema.Table{}, views: map[string]*schema.View{}}
	if err := r.readSchemas(ctx, db.Name, nil); err != nil {
		t.Fatal(err)
	}
	for _, step := range []func(context.Context) error{r.readTables, r.readColumns, r.readIndexes, r.readShowCreate} {
		if err := step(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// The transaction is open and has read every table through
	// information_schema and SHOW CREATE TABLE.
	db.Exec(t, "SET SESSION lock_wait_timeout = 1; ALTER TABLE logs COMMENT 'altered'; ALTER TABLE docs COMMENT 'altered'")
	if err := s.end(ctx); err != nil {
		t.Fatal(err)
	}
}

package monitor_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/cloudapi"
	_ "github.com/schemawatch/schemawatch/inspect/sqlite"
	"github.com/schemawatch/schemawatch/internal/fakecloud"
	"github.com/schemawatch/schemawatch/monitor"
)

// env is a CI as a map: what the action reads and what it reports.
type env struct {
	inputs  map[string]string
	outputs map[string]string
	masks   []string
	logs    bytes.Buffer
	summary string
}

func (e *env) Input(name string) string { return e.inputs[name] }
func (e *env) SetOutput(name, value string) error {
	e.outputs[name] = value
	return nil
}
func (e *env) Mask(s string)                         { e.masks = append(e.masks, s) }
func (e *env) Logger() *slog.Logger                  { return slog.New(slog.NewTextHandler(&e.logs, nil)) }
func (e *env) RunURL() string                        { return "" }
func (e *env) AddSummary(markdown string) error      { e.summary += markdown; return nil }
func newEnv(inputs map[string]string) *env           { return &env{inputs: inputs, outputs: map[string]string{}} }
func (e *env) requests(api *fakecloud.Server) string { return api.Dump() }

func sqliteDB(t *testing.T, ddl string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "app.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(ddl); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t *testing.T, e *env) error {
	t.Helper()
	return action.Run(context.Background(), e, monitor.Spec(monitor.Deps{Version: "test", CloudOptions: []cloudapi.Option{cloudapi.WithRetries(0)}}))
}

// TestMonitor runs the action three times on a real SQLite file: first push,
// unchanged, changed; and checks outputs, summary and what was sent.
func TestMonitor(t *testing.T) {
	t.Parallel()
	path := sqliteDB(t, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`)
	api := fakecloud.New("tok")
	defer api.Close()
	inputs := map[string]string{"cloud-token": "tok", "cloud-url": api.URL, "url": "sqlite://" + path, "slug": "notes", "exclude": "tmp_*"}

	e := newEnv(inputs)
	if err := run(t, e); err != nil {
		t.Fatal(err)
	}
	if got := e.outputs["url"]; !strings.HasPrefix(got, api.URL+"/schemas/") {
		t.Errorf("output url = %q", got)
	}
	if !strings.Contains(e.logs.String(), "first snapshot") || !strings.Contains(e.summary, "first snapshot") {
		t.Errorf("first run not reported as such:\n%s\n%s", e.logs.String(), e.summary)
	}
	if len(e.masks) == 0 || e.masks[0] != "tok" {
		t.Errorf("the token was not masked first: %q", e.masks)
	}

	e = newEnv(inputs)
	if err := run(t, e); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.logs.String(), "unchanged") {
		t.Errorf("second run not unchanged:\n%s", e.logs.String())
	}
	sqliteExec(t, path, `CREATE TABLE tmp_x (a int); ALTER TABLE notes ADD COLUMN title TEXT`)
	e = newEnv(inputs)
	if err := run(t, e); err != nil {
		t.Fatal(err)
	}
	if api.Versions() != 2 {
		t.Errorf("%d versions stored, want 2", api.Versions())
	}

	// The last push: the scope identity as given, the snapshot without the
	// excluded table.
	reqs := api.Requests()
	var body struct {
		Variables struct {
			Input struct {
				URL      string   `json:"url"`
				ExtID    string   `json:"extID"`
				Exclude  []string `json:"exclude"`
				Snapshot struct{ HCL string }
			} `json:"input"`
		} `json:"variables"`
	}
	if err := json.Unmarshal(reqs[len(reqs)-1].Body, &body); err != nil {
		t.Fatal(err)
	}
	in := body.Variables.Input
	if in.URL != "sqlite://"+path || in.ExtID != "notes" || len(in.Exclude) != 1 || in.Exclude[0] != "tmp_*" {
		t.Errorf("scope sent = %+v", in)
	}
	if !strings.Contains(in.Snapshot.HCL, `column "title"`) || strings.Contains(in.Snapshot.HCL, "tmp_x") {
		t.Errorf("snapshot HCL:\n%s", in.Snapshot.HCL)
	}
}

func sqliteExec(t *testing.T, path, ddl string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(ddl); err != nil {
		t.Fatal(err)
	}
}

// TestMonitorMasksPasswords checks that the password of a URL is masked
// before anything else happens, raw and escaped, even when the run fails.
func TestMonitorMasksPasswords(t *testing.T) {
	t.Parallel()
	e := newEnv(map[string]string{"cloud-token": "tok", "cloud-url": "http://127.0.0.1:1", "url": "postgres://u:p%40ss%20w@127.0.0.1:1/db?sslmode=disable&connect_timeout=1"})
	if err := run(t, e); err == nil {
		t.Fatal("want a connection error")
	}
	for _, want := range []string{"tok", "p@ss w", "p%40ss+w", "p%40ss%20w"} {
		found := false
		for _, m := range e.masks {
			found = found || m == want
		}
		if !found {
			t.Errorf("%q not masked (masks %q)", want, e.masks)
		}
	}
}

// TestMonitorInputErrors lists what the action itself refuses.
func TestMonitorInputErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		inputs map[string]string
		want   string
	}{
		{"nothing to inspect", map[string]string{"cloud-token": "t"}, `one of the inputs "url" or "config" with "env" is required`},
		{"config without env", map[string]string{"cloud-token": "t", "config": "file://atlas.hcl"}, `the input "env" is required with "config"`},
		{"vars not an object", map[string]string{"cloud-token": "t", "env": "prod", "vars": "[1]"}, `the input "vars" must be a JSON object`},
		{"url and env", map[string]string{"cloud-token": "t", "env": "prod", "url": "sqlite://x.db"}, `only one of the inputs "url" or "env"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := run(t, newEnv(tt.inputs))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// Package fourthci_test shows that a new CI needs nothing outside ci/: a
// package that implements action.Env (with ci.Finisher and
// action.InputLocator) and calls ci.Register from init is detected and runs
// the real monitor/schema action, which imports no adapter. The adapter
// here is a test fixture; a real one would live in ci/<name>.
package fourthci_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
	_ "github.com/schemawatch/schemawatch/ci/bitbucket" // the shipped adapters, to prove detection order holds
	_ "github.com/schemawatch/schemawatch/ci/github"
	_ "github.com/schemawatch/schemawatch/ci/gitlab"
	_ "github.com/schemawatch/schemawatch/ci/terminal"
	_ "github.com/schemawatch/schemawatch/inspect/sqlite"
	"github.com/schemawatch/schemawatch/internal/fakecloud"
	"github.com/schemawatch/schemawatch/monitor"
)

// env is a Woodpecker-like CI: detected by CI_SYSTEM=fourth, inputs in
// ATLAS_INPUT_*, outputs as one JSON object in $FOURTH_OUTPUTS.
type env struct {
	base    *ci.Base // host, masks, logger and lock, as the shipped adapters keep them
	outputs map[string]string
}

func init() {
	ci.Register(ci.Adapter{
		Name:   "fourth",
		Order:  20,
		Detect: func(h ci.Host) bool { return h.Env("CI_SYSTEM") == "fourth" },
		New: func(h ci.Host, actionID string) (action.Env, error) {
			b, err := ci.NewBase("fourth", h, actionID, slog.LevelInfo, func(b *ci.Base, _ slog.Level, text string) error {
				return b.Print(b.Host.Stdout, text+"\n")
			})
			if err != nil {
				return nil, err
			}
			return &env{base: b, outputs: map[string]string{}}, nil
		},
	})
}

func (e *env) Input(name string) string         { return e.base.Input(name) }
func (e *env) InputLocation(name string) string { return ci.InputVar(name) }
func (e *env) Mask(secret string)               { e.base.Secrets.Add(secret) }
func (e *env) Logger() *slog.Logger             { return e.base.Logger() }
func (e *env) RunURL() string                   { return e.base.Host.Env("CI_PIPELINE_URL") }
func (e *env) Succeeded(msg string) {
	fmt.Fprintln(e.base.Host.Stdout, "OK "+e.base.Secrets.Redact(msg))
}
func (e *env) Failed(err error) {
	fmt.Fprintln(e.base.Host.Stdout, "FAIL "+e.base.Secrets.Redact(err.Error()))
}

func (e *env) SetOutput(name, value string) error {
	if e.base.Secrets.Contains(value) {
		return errors.New("fourth: output holds a secret")
	}
	e.base.Lock()
	defer e.base.Unlock()
	e.outputs[name] = value
	b, err := json.Marshal(e.outputs)
	if err != nil {
		return err
	}
	return os.WriteFile(e.base.Host.Path(e.base.Host.Env("FOURTH_OUTPUTS")), b, 0o644)
}

func TestFourthAdapterRunsMonitor(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, err := sql.Open("sqlite", filepath.Join(dir, "app.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	const token = "f0urth-t0ken"
	api := fakecloud.New(token)
	t.Cleanup(api.Close)

	vars := map[string]string{
		"CI_SYSTEM":               "fourth",
		"CI":                      "true",
		"FOURTH_OUTPUTS":          "outputs.json",
		"ATLAS_INPUT_CLOUD_TOKEN": token,
		"ATLAS_INPUT_CLOUD_URL":   api.URL,
		"ATLAS_INPUT_URL":         "sqlite://" + filepath.Join(dir, "app.db"),
		"ATLAS_INPUT_SLUG":        "fourth",
	}
	var stdout bytes.Buffer
	h := ci.Host{Getenv: func(k string) string { return vars[k] }, Stdout: &stdout, Stderr: io.Discard, Dir: dir}
	a, err := ci.Detect(h)
	if err != nil || a.Name != "fourth" {
		t.Fatalf("Detect = %q, %v; want the fourth adapter", a.Name, err)
	}
	spec := monitor.Spec(monitor.Deps{Getenv: h.Env, Dir: dir, Version: "test"})
	e, err := a.New(h, spec.ID)
	if err != nil {
		t.Fatal(err)
	}
	err = action.Run(t.Context(), e, spec)
	ci.Finish(e, spec.ID+" done", err)
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, stdout.String())
	}
	if !strings.Contains(stdout.String(), "OK monitor/schema done") || strings.Contains(stdout.String(), token) {
		t.Errorf("log:\n%s", stdout.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "outputs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var outs map[string]string
	if err := json.Unmarshal(b, &outs); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(outs[monitor.OutputURL], api.URL+"/schemas/") {
		t.Errorf("outputs %q, want the schema's URL", outs)
	}
	if api.Versions() != 1 {
		t.Errorf("%d snapshots stored, want 1\n%s", api.Versions(), api.Dump())
	}

	// The shipped adapters still come first where their markers are set.
	vars["GITHUB_ACTIONS"] = "true"
	if a, _ := ci.Detect(h); a.Name != "github" {
		t.Errorf("with GITHUB_ACTIONS=true Detect = %q", a.Name)
	}
}

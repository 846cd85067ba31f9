package terminal_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
	"github.com/schemawatch/schemawatch/ci/internal/citest"
	"github.com/schemawatch/schemawatch/ci/terminal"
)

// host keeps stderr apart from stdout: the terminal prints outputs on one
// and logs on the other.
func host(t *testing.T, env map[string]string) (ci.Host, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	h, stdout := citest.Host(t, env)
	var stderr bytes.Buffer
	h.Stderr = &stderr
	return h, stdout, &stderr
}

var spec = &action.Spec{
	ID: "monitor/schema",
	Inputs: []action.Input{
		{Name: "cloud-token", Required: true, Secret: true, Description: "Atlas Cloud token."},
		{Name: "url"},
		{Name: "schemas", Kind: action.List},
		{Name: "collect-stats", Kind: action.Bool, Default: "true"},
		{Name: "ci"}, // collides with a flag main defines
	},
	Outputs: []action.Output{{Name: "url"}},
	Run: func(_ context.Context, env action.Env, in *action.Inputs) error {
		env.Logger().Info("pushing", "token", in.String("cloud-token"), "schemas", strings.Join(in.List("schemas"), ","))
		env.Logger().Debug("debug line")
		return env.SetOutput("url", "https://cloud.example.test/s?u="+in.String("url"))
	},
}

func TestAddFlags(t *testing.T) {
	t.Parallel()
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	ciFlag := fs.String("ci", "", "CI to use")
	var o terminal.Options
	o.AddFlags(fs, spec)
	err := fs.Parse([]string{
		"--ci", "terminal",
		"--input", "cloud-token=t=0k",
		"--url", "postgres://h/db",
		"--schemas", "public", "--input", "schemas=billing",
		"--output-file", "out.json", "--debug",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := terminal.Options{
		Inputs: map[string][]string{
			"cloud-token": {"t=0k"},
			"url":         {"postgres://h/db"},
			"schemas":     {"public", "billing"},
		},
		OutputFile: "out.json",
		Debug:      true,
	}
	if !reflect.DeepEqual(o, want) {
		t.Errorf("Options = %+v, want %+v", o, want)
	}
	if *ciFlag != "terminal" {
		t.Errorf("main's own --ci flag was taken over: %q", *ciFlag)
	}
	if err := fs.Parse([]string{"--input", "novalue"}); err == nil || !strings.Contains(err.Error(), `want name=value, got "novalue"`) {
		t.Errorf("bad --input error = %v", err)
	}
}

func TestRunLocally(t *testing.T) {
	t.Parallel()
	h, stdout, stderr := host(t, map[string]string{
		"ATLAS_INPUT_CLOUD_TOKEN": "env-s3cr3t",
		"ATLAS_INPUT_URL":         "from-env",
	})
	e, err := terminal.New(h, spec.ID, terminal.Options{Inputs: map[string][]string{
		"url": {"from-flag"}, "schemas": {"a", "b\nc"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	err = action.Run(t.Context(), e, spec)
	ci.Finish(e, "done", err)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := stdout.String(), "url=https://cloud.example.test/s?u=from-flag\n"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	if got, want := stderr.String(), "pushing token=*** schemas=a,b,c\n✔ done\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}

func TestInputErrorsNameBothSources(t *testing.T) {
	t.Parallel()
	h, _, stderr := host(t, nil)
	e, err := terminal.New(h, spec.ID, terminal.Options{Inputs: map[string][]string{"collect-stats": {"maybe"}}})
	if err != nil {
		t.Fatal(err)
	}
	err = action.Run(t.Context(), e, spec)
	want := `action: input "cloud-token" is required (set --input cloud-token=… or ATLAS_INPUT_CLOUD_TOKEN); ` +
		`input "collect-stats": "maybe" is not a boolean (use true or false)`
	if err == nil || err.Error() != want {
		t.Fatalf("Run error:\n got %v\nwant %s", err, want)
	}
	ci.Finish(e, "", err)
	if !strings.HasPrefix(stderr.String(), "✖ action: ") {
		t.Errorf("stderr = %q, want the failure line", stderr)
	}
}

func TestOutputFile(t *testing.T) {
	t.Parallel()
	h, stdout, stderr := host(t, map[string]string{"DEBUG": "true"})
	e, err := terminal.New(h, spec.ID, terminal.Options{OutputFile: "out.json"})
	if err != nil {
		t.Fatal(err)
	}
	e.Mask("s3cr3t")
	for _, kv := range [][2]string{{"url", "https://x"}, {"multi", "a\nb"}, {"url", "https://y"}} {
		if err := e.SetOutput(kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.SetOutput("leak", "s3cr3t"); err == nil {
		t.Error("an output holding a secret was written")
	}
	raw, err := os.ReadFile(filepath.Join(h.Dir, "out.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]string
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"url": "https://y", "multi": "a\nb"}; !reflect.DeepEqual(got, want) {
		t.Errorf("out.json = %v, want %v", got, want)
	}
	if fi, _ := os.Stat(filepath.Join(h.Dir, "out.json")); fi.Mode() != 0o644 {
		t.Errorf("out.json mode = %v, want 0644", fi.Mode())
	}
	entries, _ := os.ReadDir(h.Dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	e.Logger().Debug("token s3cr3t")
	if stdout.Len() != 0 || stderr.String() != "debug: token ***\n" {
		t.Errorf("stdout = %q, stderr = %q", stdout, stderr)
	}
}

func TestStdoutOutputsStayOneLine(t *testing.T) {
	t.Parallel()
	h, stdout, _ := host(t, nil)
	e, err := terminal.New(h, spec.ID, terminal.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"plain value", "two\nlines", "tab\there", ""} {
		if err := e.SetOutput("v", v); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"v=plain value", `v="two\nlines"`, `v="tab\there"`, "v="}
	if got := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n"); !slices.Equal(got, want) {
		t.Errorf("stdout lines = %q, want %q", got, want)
	}
}

func TestOutputFileUnwritable(t *testing.T) {
	t.Parallel()
	h, _, _ := host(t, nil)
	e, err := terminal.New(h, spec.ID, terminal.Options{OutputFile: filepath.Join("missing-dir", "out.json")})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.SetOutput("url", "x"); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("SetOutput error = %v, want a not-exist error", err)
	}
}

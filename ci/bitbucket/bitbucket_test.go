package bitbucket_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/ci"
	"github.com/schemawatch/schemawatch/ci/bitbucket"
	"github.com/schemawatch/schemawatch/ci/internal/citest"
)

func newEnv(t *testing.T, h ci.Host) *bitbucket.Env { return citest.Env(t, bitbucket.New, h) }

func TestInput(t *testing.T) {
	t.Parallel()
	h, _ := citest.Host(t, map[string]string{
		"ATLAS_INPUT_CLOUD_TOKEN":       "  tok\n",
		"ATLAS_INPUT_WORKING_DIRECTORY": "sub dir",
		"ATLAS_INPUT_A_B_C":             "abc",
		"ATLAS_INPUT_SCHEMAS_COUNT":     "3",
		"ATLAS_INPUT_SCHEMAS_0":         " public ",
		"ATLAS_INPUT_SCHEMAS_2":         "billing",
		"ATLAS_INPUT_BROKEN_COUNT":      "two",
	})
	e := newEnv(t, h)
	tests := []struct{ name, want string }{
		{"cloud-token", "tok"},
		{"working-directory", "sub dir"},
		{"a/b c", "abc"},
		{"unset", ""},
	}
	for _, tt := range tests {
		if got := e.Input(tt.name); got != tt.want {
			t.Errorf("Input(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got, err := e.InputList("schemas"); err != nil || !slices.Equal(got, []string{"public", "", "billing"}) {
		t.Errorf("InputList(schemas) = %q, %v", got, err)
	}
	if got, err := e.InputList("exclude"); got != nil || err != nil {
		t.Errorf("InputList(exclude) = %q, %v; want nil, nil", got, err)
	}
	_, err := e.InputList("broken")
	if want := `ATLAS_INPUT_BROKEN_COUNT is "two", not a count from 0 to 1000`; err == nil || err.Error() != want {
		t.Errorf("InputList(broken) error = %v, want %s", err, want)
	}
	if got := e.InputLocation("cloud-token"); got != "ATLAS_INPUT_CLOUD_TOKEN" {
		t.Errorf("InputLocation = %q", got)
	}
}

// sourced runs bash, sources file and prints each variable NUL-terminated,
// so the test sees exactly what a later pipeline script line would.
func sourced(t *testing.T, file string, vars ...string) []string {
	t.Helper()
	script := `. "$1" || exit 9; shift; for v in "$@"; do printf '%s\0' "${!v}"; done`
	cmd := exec.Command("bash", append([]string{"-c", script, "bash", file}, vars...)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash could not source %s: %v\n%s", file, err, readFile(t, file))
	}
	got := strings.Split(string(out), "\x00")
	return got[:len(got)-1]
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSetOutputSourcesBackExactly(t *testing.T) {
	t.Parallel()
	values := []struct{ name, value string }{
		{"url", "https://example.test/s/1?a=1&b=2#frag"},
		{"dollar", "$HOME ${PATH} $(id) $"},
		{"backtick", "`id` and `"},
		{"single", "it's 'quoted' ''"},
		{"double", `say "hi" \"`},
		{"backslash", `C:\path\n\\end\`},
		{"newlines", "line 1\nline 2\n\n"},
		{"crlf", "a\r\nb\r"},
		{"unicode", "ünïcødé ✔ 日本 🚀"},
		{"empty", ""},
		{"spaces", "  lead and trail  "},
		{"bang-glob", "!! * ? [a] ~ # ; & | < >"},
	}
	h, _ := citest.Host(t, map[string]string{"BITBUCKET_CLONE_DIR": "clone"})
	e := newEnv(t, h)
	var vars []string
	for _, v := range values {
		if err := e.SetOutput(v.name, v.value); err != nil {
			t.Fatalf("SetOutput(%q): %v", v.name, err)
		}
		vars = append(vars, "ATLAS_OUTPUT_MONITOR_SCHEMA_"+strings.ToUpper(strings.ReplaceAll(v.name, "-", "_")))
	}
	path := filepath.Join(h.Dir, "clone", ".atlas-action", "outputs.sh")
	if e.OutputPath() != path {
		t.Fatalf("OutputPath = %s, want %s", e.OutputPath(), path)
	}
	got := sourced(t, path, vars...)
	for i, v := range values {
		if got[i] != v.value {
			t.Errorf("output %s sourced as %q, want %q", v.name, got[i], v.value)
		}
	}
	for _, c := range []struct {
		path string
		want os.FileMode
	}{{filepath.Dir(path), 0o700 | os.ModeDir}, {path, 0o644}} {
		fi, err := os.Stat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != c.want {
			t.Errorf("%s mode = %v, want %v", c.path, fi.Mode(), c.want)
		}
	}
}

func TestSetOutputAppends(t *testing.T) {
	t.Parallel()
	h, _ := citest.Host(t, map[string]string{"ATLAS_OUTPUT_DIR": "out"})
	path := filepath.Join(h.Dir, "out", "outputs.sh")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	// A previous writer left a line without its newline.
	if err := os.WriteFile(path, []byte("export KEEP='me'"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, h)
	for _, v := range []string{"first", "second"} {
		if err := e.SetOutput("url", v); err != nil {
			t.Fatal(err)
		}
	}
	want := "export KEEP='me'\n" +
		"export ATLAS_OUTPUT_MONITOR_SCHEMA_URL='first'\n" +
		"export ATLAS_OUTPUT_MONITOR_SCHEMA_URL='second'\n"
	if got := readFile(t, path); got != want {
		t.Errorf("outputs.sh =\n%s\nwant\n%s", got, want)
	}
	if got := sourced(t, path, "KEEP", "ATLAS_OUTPUT_MONITOR_SCHEMA_URL"); !slices.Equal(got, []string{"me", "second"}) {
		t.Errorf("sourced = %q, want the last write to win", got)
	}
}

func TestSetOutputRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, output, value, want string
	}{
		{"nul", "url", "a\x00b", `bitbucket: output "url" holds a NUL byte, which no shell variable can hold`},
		{"secret", "url", "https://x/?token=s3cr3t", `bitbucket: output "url" holds a masked secret; refusing to write it`},
		{"bad name", "url.full", "x", `bitbucket: ci: output "url.full" of action "monitor/schema" makes "ATLAS_OUTPUT_MONITOR_SCHEMA_URL.FULL", which is not a variable name (use letters, digits, '-', '_')`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, _ := citest.Host(t, nil)
			e := newEnv(t, h)
			e.Mask("s3cr3t")
			err := e.SetOutput(tt.output, tt.value)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("SetOutput error = %v, want %s", err, tt.want)
			}
			if _, err := os.Stat(e.OutputPath()); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused output left %s behind (%v)", e.OutputPath(), err)
			}
		})
	}
}

func TestSetOutputUnwritableDir(t *testing.T) {
	t.Parallel()
	h, _ := citest.Host(t, nil)
	// A file where the directory should be.
	if err := os.WriteFile(filepath.Join(h.Dir, "blocked"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	h.Getenv = func(k string) string {
		if k == "ATLAS_OUTPUT_DIR" {
			return "blocked"
		}
		return ""
	}
	e := newEnv(t, h)
	if err := e.SetOutput("url", "x"); err == nil || !strings.HasPrefix(err.Error(), `bitbucket: output "url": `) {
		t.Errorf("SetOutput error = %v, want a bitbucket output error", err)
	}
}

func TestRunURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"pipeline", map[string]string{"BITBUCKET_REPO_FULL_NAME": "acme/shop", "BITBUCKET_BUILD_NUMBER": "42"},
			"https://bitbucket.org/acme/shop/pipelines/results/42"},
		{"step", map[string]string{"BITBUCKET_REPO_FULL_NAME": "acme/shop", "BITBUCKET_BUILD_NUMBER": "42",
			"BITBUCKET_STEP_UUID": "{1c2d-3e4f}"},
			"https://bitbucket.org/acme/shop/pipelines/results/42/steps/%7B1c2d-3e4f%7D"},
		{"unknown build", map[string]string{"BITBUCKET_REPO_FULL_NAME": "acme/shop"}, ""},
		{"unknown repo", map[string]string{"BITBUCKET_BUILD_NUMBER": "42"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, _ := citest.Host(t, tt.env)
			if got := newEnv(t, h).RunURL(); got != tt.want {
				t.Errorf("RunURL = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLogGolden(t *testing.T) {
	t.Parallel()
	for _, debug := range []string{"", "true"} {
		name := "log"
		if debug != "" {
			name = "log-debug"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h, out := citest.Host(t, map[string]string{"DEBUG": debug})
			e := newEnv(t, h)
			e.Mask("s3cr3t")
			e.Mask("multi\nline-secret")
			log := e.Logger()
			log.Debug("connecting", "url", "postgres://u:s3cr3t@db/app")
			log.Info("inspected 3 schemas", "hash", "sw1:ab")
			log.Warn("token s3cr3t looks short")
			log.Error("push failed:\nline-secret rejected")
			log.With("action", "monitor/schema").WithGroup("db").Info("ok", "password", "s3cr3t")
			e.Succeeded("schema pushed with s3cr3t")
			e.Failed(errors.New("monitor: s3cr3t invalid"))
			if strings.Contains(out.String(), "s3cr3t") || strings.Contains(out.String(), "line-secret") {
				t.Errorf("a secret reached the log:\n%s", out)
			}
			citest.Golden(t, filepath.Join("testdata", name+".golden"), out.String())
		})
	}
}

func TestDetect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{"BITBUCKET_PIPELINE_UUID": "{p1}"}, true},
		{map[string]string{"BITBUCKET_PIPELINE_UUID": ""}, false},
		{map[string]string{"BITBUCKET_BUILD_NUMBER": "4"}, false},
	}
	for _, tt := range tests {
		h, _ := citest.Host(t, tt.env)
		if got := bitbucket.Detect(h); got != tt.want {
			t.Errorf("Detect(%v) = %v, want %v", tt.env, got, tt.want)
		}
	}
}

func TestShellQuote(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"it's": `'it'\''s'`, "": "''", "plain": "'plain'", "''": `''\'''\'''`} {
		if got := bitbucket.ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

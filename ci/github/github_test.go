package github_test

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/ci"
	"github.com/schemawatch/schemawatch/ci/github"
	"github.com/schemawatch/schemawatch/ci/internal/citest"
	"github.com/schemawatch/schemawatch/internal/envfile"
)

func newEnv(t *testing.T, h ci.Host) *github.Env { return citest.Env(t, github.New, h) }

func TestInput(t *testing.T) {
	t.Parallel()
	h, _ := citest.Host(t, map[string]string{
		"INPUT_CLOUD-TOKEN":   " tok \n",
		"INPUT_COLLECT-STATS": "false",
		"INPUT_A_B":           "ab",
		"INPUT_CLOUD_TOKEN":   "wrong: GitHub keeps hyphens",
	})
	e := newEnv(t, h)
	for name, want := range map[string]string{"cloud-token": "tok", "collect-stats": "false", "a b": "ab", "url": ""} {
		if got := e.Input(name); got != want {
			t.Errorf("Input(%q) = %q, want %q", name, got, want)
		}
	}
	if got := e.InputLocation("cloud-token"); got != "INPUT_CLOUD-TOKEN" {
		t.Errorf("InputLocation = %q", got)
	}
}

func TestSetOutputParsesBack(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"url":          "https://example.test/s/1?a=1&b=2",
		"equals":       "a=b=c",
		"heredoc-like": "x<<EOF",
		"empty":        "",
		"multi":        "line 1\nline 2",
		"trailing":     "ends with newline\n",
		"blank-lines":  "\n\nmiddle\n\n",
		"injection":    "x\n_GitHubActionsFileCommandDelimeter_\nurl=https://evil.test",
		"fake-entry":   "first\nurl=https://evil.test\nEOF",
		"nasty":        "$HOME `id` 'q' \"d\" \\ ünï ✔ %25 %0A",
		"carriage":     "a\rb",
	}
	h, _ := citest.Host(t, map[string]string{"GITHUB_OUTPUT": "out.txt"})
	e := newEnv(t, h)
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if err := e.SetOutput(name, want[name]); err != nil {
			t.Fatalf("SetOutput(%q): %v", name, err)
		}
	}
	raw, err := os.ReadFile(filepath.Join(h.Dir, "out.txt"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := envfile.GitHubOutput(string(raw))
	if err != nil {
		t.Fatalf("GITHUB_OUTPUT does not parse: %v\n%s", err, raw)
	}
	if !maps.Equal(got, want) {
		t.Errorf("GITHUB_OUTPUT parsed as\n%q\nwant\n%q\nfile:\n%s", got, want, raw)
	}
	if !strings.Contains(string(raw), "url=https://example.test/s/1?a=1&b=2\n") {
		t.Errorf("a one-line value was not written as name=value:\n%s", raw)
	}
}

func TestSetOutputRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, output, value string
		env                 map[string]string
		want                string
	}{
		{"no output file", "url", "x", nil,
			`github: output "url": GITHUB_OUTPUT is not set (is this a GitHub Actions step?)`},
		{"secret", "url", "x\ns3cr3t", map[string]string{"GITHUB_OUTPUT": "o"},
			`github: output "url" holds a masked secret; refusing to write it`},
		{"bad name", "a=b", "x", map[string]string{"GITHUB_OUTPUT": "o"},
			`github: output name "a=b" is not valid (start with a letter or '_'; use letters, digits, '-', '_')`},
		{"heredoc in name", "a<<b", "x", map[string]string{"GITHUB_OUTPUT": "o"},
			`github: output name "a<<b" is not valid (start with a letter or '_'; use letters, digits, '-', '_')`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, _ := citest.Host(t, tt.env)
			e := newEnv(t, h)
			e.Mask("s3cr3t")
			if err := e.SetOutput(tt.output, tt.value); err == nil || err.Error() != tt.want {
				t.Fatalf("SetOutput error = %v, want %s", err, tt.want)
			}
			if _, err := os.Stat(filepath.Join(h.Dir, "o")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused output created the output file (%v)", err)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	t.Parallel()
	h, _ := citest.Host(t, map[string]string{"GITHUB_STEP_SUMMARY": "summary.md"})
	e := newEnv(t, h)
	e.Mask("s3cr3t")
	for _, md := range []string{"# Schema\n", "token s3cr3t | ok"} {
		if err := e.AddSummary(md); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(filepath.Join(h.Dir, "summary.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "# Schema\ntoken *** | ok\n"; string(got) != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
	h2, _ := citest.Host(t, nil)
	if err := newEnv(t, h2).AddSummary("x"); err == nil {
		t.Error("AddSummary without GITHUB_STEP_SUMMARY returned nil")
	}
}

var stopToken = regexp.MustCompile(`sw-[A-Z2-7]{26}`)

func TestLogGolden(t *testing.T) {
	t.Parallel()
	h, out := citest.Host(t, nil)
	e := newEnv(t, h)
	e.Mask("s3cr3t")
	e.Mask("pa%ss\nword")
	log := e.Logger()
	log.Debug("connecting", "url", "postgres://u:s3cr3t@db/app")
	log.Info("inspected 3 schemas", "hash", "sw1:ab")
	log.Info("table comment:\n::error::not a real error")
	log.Warn("100% sure\r\nsecond line")
	log.Error("push failed: word pa%ss rejected")
	end := e.Group("Inspect s3cr3t")
	log.Info("inside")
	end()
	e.Succeeded("schema pushed")
	e.Failed(errors.New("monitor: s3cr3t invalid"))

	// Every line but the add-mask ones must be free of secrets.
	for line := range strings.Lines(out.String()) {
		if strings.HasPrefix(line, "::add-mask::") {
			continue
		}
		for _, s := range []string{"s3cr3t", "pa%ss", "pa%25ss", "word"} {
			if strings.Contains(line, s) {
				t.Errorf("secret %q printed: %q", s, line)
			}
		}
	}
	if !strings.HasPrefix(out.String(), "::add-mask::s3cr3t\n") {
		t.Errorf("masks are not the first thing printed:\n%s", out)
	}
	citest.Golden(t, filepath.Join("testdata", "log.golden"), stopToken.ReplaceAllString(out.String(), "TOKEN"))
}

func TestRunURL(t *testing.T) {
	t.Parallel()
	base := map[string]string{"GITHUB_REPOSITORY": "acme/shop", "GITHUB_RUN_ID": "123"}
	with := func(kv ...string) map[string]string {
		m := maps.Clone(base)
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"default server", base, "https://github.com/acme/shop/actions/runs/123"},
		{"enterprise server", with("GITHUB_SERVER_URL", "https://ghe.example.test/"), "https://ghe.example.test/acme/shop/actions/runs/123"},
		{"first attempt", with("GITHUB_RUN_ATTEMPT", "1"), "https://github.com/acme/shop/actions/runs/123"},
		{"re-run", with("GITHUB_RUN_ATTEMPT", "3"), "https://github.com/acme/shop/actions/runs/123/attempts/3"},
		{"no run id", map[string]string{"GITHUB_REPOSITORY": "acme/shop"}, ""},
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

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("stdout closed") }

func TestBrokenStdoutDoesNotPanic(t *testing.T) {
	t.Parallel()
	h, _ := citest.Host(t, nil)
	h.Stdout = failingWriter{}
	e := newEnv(t, h)
	e.Mask("s3cr3t")
	e.Logger().Warn("still here")
	e.Group("g")()
	e.Failed(errors.New("x"))
}

func TestDetect(t *testing.T) {
	t.Parallel()
	for v, want := range map[string]bool{"true": true, "": false, "1": false} {
		h, _ := citest.Host(t, map[string]string{"GITHUB_ACTIONS": v})
		if got := github.Detect(h); got != want {
			t.Errorf("Detect(GITHUB_ACTIONS=%q) = %v, want %v", v, got, want)
		}
	}
}

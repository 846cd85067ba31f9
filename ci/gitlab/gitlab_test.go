package gitlab_test

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/ci"
	"github.com/schemawatch/schemawatch/ci/gitlab"
	"github.com/schemawatch/schemawatch/ci/internal/citest"
	"github.com/schemawatch/schemawatch/internal/envfile"
)

func host(t *testing.T, env map[string]string) (ci.Host, *bytes.Buffer) {
	t.Helper()
	h, out := citest.Host(t, env)
	clock := h.Now()
	h.Now = func() time.Time {
		clock = clock.Add(time.Second) // each reading one second later
		return clock
	}
	return h, out
}

func newEnv(t *testing.T, h ci.Host) *gitlab.Env { return citest.Env(t, gitlab.New, h) }

func TestInput(t *testing.T) {
	t.Parallel()
	h, _ := host(t, map[string]string{
		"ATLAS_INPUT_URL":           ` "postgres://h/db" `,
		"ATLAS_INPUT_ENV":           `'prod'`,
		"ATLAS_INPUT_SLUG":          `plain`,
		"ATLAS_INPUT_CONFIG":        `"file://a.hcl`,
		"ATLAS_INPUT_SCHEMAS":       `"a"b'`,
		"ATLAS_INPUT_COLLECT_STATS": `""`,
	})
	e := newEnv(t, h)
	for name, want := range map[string]string{
		"url": "postgres://h/db", "env": "prod", "slug": "plain",
		"config": `"file://a.hcl`, "schemas": `"a"b'`, "collect-stats": "", "exclude": "",
	} {
		if got := e.Input(name); got != want {
			t.Errorf("Input(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestSetOutputParsesBack(t *testing.T) {
	t.Parallel()
	values := map[string]string{
		"url":     "https://example.test/s/1?a=1&b=2#x",
		"quotes":  `"quoted" and 'single'`,
		"equals":  "a=b=c",
		"unicode": "ünïcødé ✔ 日本",
		"empty":   "",
		"inner":   "inner  spaces\tand tab",
		"special": "`id` \\ # ; & | < > %",
	}
	h, _ := host(t, map[string]string{"CI_PROJECT_DIR": "project"})
	if err := os.Mkdir(filepath.Join(h.Dir, "project"), 0o755); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, h)
	want := map[string]string{}
	for name, v := range values {
		if err := e.SetOutput(name, v); err != nil {
			t.Fatalf("SetOutput(%q): %v", name, err)
		}
		want["ATLAS_OUTPUT_MONITOR_SCHEMA_"+strings.ToUpper(name)] = v
	}
	path := filepath.Join(h.Dir, "project", ".env")
	if e.DotenvPath() != path {
		t.Fatalf("DotenvPath = %s, want %s", e.DotenvPath(), path)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := envfile.Dotenv(string(raw))
	if err != nil {
		t.Fatalf("GitLab would reject the report: %v\n%s", err, raw)
	}
	if !maps.Equal(got, want) {
		t.Errorf("dotenv parsed as\n%q\nwant\n%q", got, want)
	}
	if !bytes.Contains(raw, []byte("ATLAS_OUTPUT_MONITOR_SCHEMA_URL=https://example.test/s/1?a=1&b=2#x\n")) {
		t.Errorf("value not written unquoted:\n%s", raw)
	}
}

func TestSetOutputRefuses(t *testing.T) {
	t.Parallel()
	const prefix = `gitlab: output "url" cannot go in a dotenv report: `
	tests := []struct {
		name, value, want string
	}{
		{"newline", "a\nb", prefix + "it spans lines"},
		{"carriage return", "a\rb", prefix + "it spans lines"},
		{"nul", "a\x00b", prefix + "it holds a NUL byte"},
		{"invalid utf-8", "a\xffb", prefix + "it is not valid UTF-8"},
		{"leading space", " a", prefix + "it has leading or trailing whitespace, which GitLab strips"},
		{"trailing tab", "a\t", prefix + "it has leading or trailing whitespace, which GitLab strips"},
		{"dollar", "$HOME", prefix + `it holds "$", which GitLab expands as a variable reference`},
		{"secret", "x-s3cr3t", `gitlab: output "url" holds a masked secret; refusing to write it`},
		{"too big", strings.Repeat("x", gitlab.DotenvSizeLimit),
			`gitlab: output "url" would make .env 5153 bytes; GitLab rejects dotenv reports of 5120 bytes or more`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, _ := host(t, nil)
			e := newEnv(t, h)
			e.Mask("s3cr3t")
			err := e.SetOutput("url", tt.value)
			want := strings.Replace(tt.want, ".env", e.DotenvPath(), 1)
			if err == nil || err.Error() != want {
				t.Fatalf("SetOutput error = %v, want %s", err, want)
			}
			if _, err := os.Stat(e.DotenvPath()); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused output created %s (%v)", e.DotenvPath(), err)
			}
		})
	}
}

func TestSetOutputSizeLimitCountsExistingLines(t *testing.T) {
	t.Parallel()
	h, _ := host(t, nil)
	e := newEnv(t, h)
	existing := "OTHER=" + strings.Repeat("y", gitlab.DotenvSizeLimit-100) + "\n"
	if err := os.WriteFile(e.DotenvPath(), []byte(existing), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := e.SetOutput("url", "short"); err != nil {
		t.Fatalf("a line that fits was refused: %v", err)
	}
	if err := e.SetOutput("url", strings.Repeat("z", 80)); err == nil {
		t.Fatal("a line past the limit was written")
	}
	raw, _ := os.ReadFile(e.DotenvPath())
	if _, err := envfile.Dotenv(string(raw)); err != nil {
		t.Errorf("report no longer parses: %v", err)
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
			h, out := host(t, map[string]string{"DEBUG": debug})
			e := newEnv(t, h)
			e.Mask("s3cr3t")
			log := e.Logger()
			log.Debug("connecting", "url", "postgres://u:s3cr3t@db/app")
			end := e.Group("Inspect postgres://u:s3cr3t@db/app\nnow")
			log.Info("inspected 3 schemas", "hash", "sw1:ab")
			log.Warn("token s3cr3t looks short")
			end()
			end = e.Group("Push")
			log.Error("push failed:\ns3cr3t rejected")
			end()
			e.Succeeded("schema pushed")
			e.Failed(errors.New("monitor: s3cr3t invalid"))
			if strings.Contains(out.String(), "s3cr3t") {
				t.Errorf("a secret reached the log:\n%s", out)
			}
			citest.Golden(t, filepath.Join("testdata", name+".golden"), out.String())
		})
	}
}

func TestRunURLAndDetect(t *testing.T) {
	t.Parallel()
	h, _ := host(t, map[string]string{"GITLAB_CI": "true", "CI_JOB_URL": "https://gitlab.example.test/g/p/-/jobs/7"})
	if got := newEnv(t, h).RunURL(); got != "https://gitlab.example.test/g/p/-/jobs/7" {
		t.Errorf("RunURL = %q", got)
	}
	if !gitlab.Detect(h) {
		t.Error("Detect = false with GITLAB_CI=true")
	}
	h2, _ := host(t, map[string]string{"GITLAB_CI": "1"})
	if newEnv(t, h2).RunURL() != "" || gitlab.Detect(h2) {
		t.Error("RunURL or Detect wrong without GitLab variables")
	}
}

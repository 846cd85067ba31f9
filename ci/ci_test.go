package ci_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
	_ "github.com/schemawatch/schemawatch/ci/bitbucket"
	_ "github.com/schemawatch/schemawatch/ci/github"
	_ "github.com/schemawatch/schemawatch/ci/gitlab"
	_ "github.com/schemawatch/schemawatch/ci/terminal"
)

func mapHost(env map[string]string) ci.Host {
	return ci.Host{Getenv: func(k string) string { return env[k] }}
}

func TestDetectOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"all markers: GitHub first", map[string]string{"GITHUB_ACTIONS": "true", "GITLAB_CI": "true", "BITBUCKET_PIPELINE_UUID": "{p}"}, "github"},
		{"GitLab before Bitbucket", map[string]string{"GITLAB_CI": "true", "BITBUCKET_PIPELINE_UUID": "{p}"}, "gitlab"},
		{"Bitbucket", map[string]string{"BITBUCKET_PIPELINE_UUID": "{p}", "CI": "true"}, "bitbucket"},
		{"markers must be exact", map[string]string{"GITHUB_ACTIONS": "1", "GITLAB_CI": "TRUE", "BITBUCKET_PIPELINE_UUID": ""}, "terminal"},
		{"nothing: terminal", nil, "terminal"},
		{"nil Getenv: terminal", nil, "terminal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := mapHost(tt.env)
			if tt.name == "nil Getenv: terminal" {
				h.Getenv = nil
			}
			a, err := ci.Detect(h)
			if err != nil || a.Name != tt.want {
				t.Errorf("Detect = %q, %v; want %q", a.Name, err, tt.want)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"bitbucket", "github", "gitlab", "terminal"} {
		if a, err := ci.Lookup(name); err != nil || a.Name != name {
			t.Errorf("Lookup(%q) = %q, %v", name, a.Name, err)
		}
	}
	_, err := ci.Lookup("jenkins")
	if want := `ci: unknown CI "jenkins" (known: bitbucket, github, gitlab, terminal)`; err == nil || err.Error() != want {
		t.Errorf("Lookup(jenkins) error = %v, want %s", err, want)
	}
}

func TestRegisterRejectsDuplicates(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("registering a second github adapter did not panic")
		}
	}()
	ci.Register(ci.Adapter{Name: "github", New: func(ci.Host, string) (action.Env, error) { return nil, nil }})
}

// TestEveryAdapter holds each registered adapter to the same contract: it
// builds from a Host, reads a trimmed input, masks a secret from everything
// it prints, refuses to publish that secret, publishes an ordinary output,
// and can finish a run.
func TestEveryAdapter(t *testing.T) {
	t.Parallel()
	const secret = "s3cr3t-Tok3n"
	spec := &action.Spec{
		ID: "monitor/schema",
		Inputs: []action.Input{
			{Name: "cloud-token", Required: true, Secret: true},
			{Name: "url", Required: true},
		},
		Outputs: []action.Output{{Name: "url"}},
		Run: func(_ context.Context, env action.Env, in *action.Inputs) error {
			log := env.Logger()
			log.Info("token is " + in.String("cloud-token"))
			log.Warn("warning", "token", in.String("cloud-token"))
			log.Error("error\n" + in.String("cloud-token"))
			if g, ok := env.(action.Grouper); ok {
				g.Group("group " + in.String("cloud-token"))()
			}
			if err := env.SetOutput("url", "https://x/?t="+in.String("cloud-token")); err == nil {
				return errors.New("an output holding a masked secret was accepted")
			}
			if got := in.String("url"); got != "https://cloud.example.test/s/1" {
				return errors.New("url input read as " + got)
			}
			return env.SetOutput("url", in.String("url"))
		},
	}
	for _, a := range ci.Adapters() {
		t.Run(a.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			env := map[string]string{
				// Every CI's way of giving the two inputs, padded to test trimming.
				"ATLAS_INPUT_CLOUD_TOKEN": " " + secret + " ",
				"ATLAS_INPUT_URL":         " https://cloud.example.test/s/1\n",
				"INPUT_CLOUD-TOKEN":       " " + secret + " ",
				"INPUT_URL":               " https://cloud.example.test/s/1\n",
				// Every CI's output location.
				"GITHUB_OUTPUT":       filepath.Join(dir, "github_output"),
				"BITBUCKET_CLONE_DIR": dir,
				"CI_PROJECT_DIR":      dir,
				"DEBUG":               "true",
			}
			var stdout, stderr bytes.Buffer
			h := ci.Host{
				Getenv: func(k string) string { return env[k] },
				Stdout: &stdout, Stderr: &stderr, Dir: dir,
				Now: func() time.Time { return time.Unix(1_700_000_000, 0) },
			}
			e, err := a.New(h, spec.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := e.(ci.Finisher); !ok {
				t.Errorf("%s does not implement ci.Finisher", a.Name)
			}
			if _, ok := e.(action.InputLocator); !ok {
				t.Errorf("%s does not implement action.InputLocator", a.Name)
			}
			err = action.Run(t.Context(), e, spec)
			ci.Finish(e, "done with "+secret, err)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			for stream, text := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
				for line := range strings.Lines(text) {
					// GitHub's add-mask command is the one line that must carry it.
					if strings.Contains(line, secret) && !strings.HasPrefix(line, "::add-mask::") {
						t.Errorf("%s printed the secret on %s: %q", a.Name, stream, line)
					}
				}
			}
			if !strings.Contains(stdout.String()+stderr.String(), "https://cloud.example.test/s/1") &&
				!filesContain(t, dir, "https://cloud.example.test/s/1") {
				t.Errorf("%s published the output nowhere", a.Name)
			}
			if filesContain(t, dir, secret) {
				t.Errorf("%s wrote the secret into a file", a.Name)
			}
		})
	}
}

func filesContain(t *testing.T, dir, s string) bool {
	t.Helper()
	found := false
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if strings.Contains(string(b), s) {
			found = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestLayering keeps the CI layer thin: action, ci and the adapters may not
// depend on what actions do (inspection, the snapshot API, the server).
func TestLayering(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found:", err)
	}
	const mod = "github.com/schemawatch/schemawatch/"
	forbidden := []string{"monitor", "inspect", "cloudapi", "server", "config", "schema", "cmd"}
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "./...", "../action").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 5 {
		t.Fatalf("go list returned too little to check: %q", deps)
	}
	for _, dep := range deps {
		rest, ours := strings.CutPrefix(dep, mod)
		if !ours {
			continue
		}
		top, _, _ := strings.Cut(rest, "/")
		for _, f := range forbidden {
			if top == f {
				t.Errorf("action/ci depend on %s", dep)
			}
		}
	}

	// The other way round: actions know no CI, so a new adapter needs
	// nothing outside ci/ (see ci/internal/fourthci).
	out, err = exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "../monitor", "../action").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps = strings.Fields(string(out))
	if !slices.Contains(deps, mod+"monitor") {
		t.Fatalf("go list did not list monitor itself: %q", deps)
	}
	for _, dep := range deps {
		if dep == mod+"ci" || strings.HasPrefix(dep, mod+"ci/") {
			t.Errorf("monitor or action depend on %s", dep)
		}
	}
}

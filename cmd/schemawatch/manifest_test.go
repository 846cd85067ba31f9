package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
	"github.com/schemawatch/schemawatch/ci/github"
	"github.com/schemawatch/schemawatch/ci/gitlab"
	"github.com/schemawatch/schemawatch/ci/manifest"
)

// repoRoot is where the manifests live, relative to this package.
const repoRoot = "../.."

// registry is the real registry of the binary, as run.go builds it.
func registry(t *testing.T) action.Registry {
	t.Helper()
	reg, err := (&cli{getenv: func(string) string { return "" }, dir: t.TempDir()}).actions()
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// TestManifests renders every CI manifest from the real registry and fails
// when a committed file differs; UPDATE_GOLDEN=1 rewrites them.
func TestManifests(t *testing.T) {
	t.Parallel()
	files, err := manifest.Files(registry(t), manifest.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"monitor/schema/action.yml", "templates/monitor-schema.yml", "pipe.yml", "pipe/README.md"} {
		if _, ok := files[want]; !ok {
			t.Errorf("no %s rendered", want)
		}
	}
	for path, want := range files {
		full := filepath.Join(repoRoot, filepath.FromSlash(path))
		if os.Getenv("UPDATE_GOLDEN") == "1" {
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(full)
		if err != nil {
			t.Errorf("%s: %v (run UPDATE_GOLDEN=1 go test ./cmd/schemawatch -run TestManifests)", path, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: it differs from what the registry renders (run UPDATE_GOLDEN=1 go test ./cmd/schemawatch -run TestManifests and review the diff)", path)
		}
	}
	// A component with no action behind it is stale too.
	comps, _ := filepath.Glob(filepath.Join(repoRoot, "templates", "*.yml"))
	for _, c := range comps {
		if _, ok := files["templates/"+filepath.Base(c)]; !ok {
			t.Errorf("templates/%s is no registered action's component", filepath.Base(c))
		}
	}
}

func readYAML(t *testing.T, path string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	var docs []map[string]any
	dec := yaml.NewDecoder(bytes.NewReader(b))
	for {
		var d map[string]any
		if err := dec.Decode(&d); err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("%s does not parse as YAML: %v", path, err)
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		t.Fatalf("%s is empty", path)
	}
	return docs
}

func get[T any](t *testing.T, m map[string]any, keys ...string) T {
	t.Helper()
	var v any = m
	for _, k := range keys {
		mm, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s: not a mapping above %q", strings.Join(keys, "."), k)
		}
		v = mm[k]
	}
	out, ok := v.(T)
	if !ok {
		t.Fatalf("%s is %T (%v), not %T", strings.Join(keys, "."), v, v, out)
	}
	return out
}

func names(specs []action.Input) []string {
	var out []string
	for _, in := range specs {
		out = append(out, in.Name)
	}
	slices.Sort(out)
	return out
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestGitHubActionAgrees reads the committed action.yml as the runner does:
// each `with:` input becomes INPUT_<NAME>, defaults applied by the runner,
// ATLAS_ACTION from runs.env; the github adapter must read every input back.
func TestGitHubActionAgrees(t *testing.T) {
	t.Parallel()
	spec := registry(t)["monitor/schema"]
	doc := readYAML(t, "monitor/schema/action.yml")[0]
	inputs := get[map[string]any](t, doc, "inputs")
	if got, want := keys(inputs), names(spec.Inputs); !slices.Equal(got, want) {
		t.Errorf("action.yml inputs %q, spec %q", got, want)
	}
	env := map[string]string{}
	for _, in := range spec.Inputs {
		def := get[map[string]any](t, inputs, in.Name)
		if got := def["required"]; got != in.Required {
			t.Errorf("input %s: required %v, spec %v", in.Name, got, in.Required)
		}
		if got, _ := def["default"].(string); got != in.Default {
			t.Errorf("input %s: default %q, spec %q", in.Name, got, in.Default)
		}
		if d, _ := def["description"].(string); d == "" {
			t.Errorf("input %s has no description", in.Name)
		}
		// The runner's spelling: upper case, spaces to '_', hyphens kept.
		env["INPUT_"+strings.ToUpper(strings.ReplaceAll(in.Name, " ", "_"))] = "  value of " + in.Name + " "
	}
	outputs := get[map[string]any](t, doc, "outputs")
	for _, o := range spec.Outputs {
		if _, ok := outputs[o.Name]; !ok {
			t.Errorf("action.yml lacks output %s", o.Name)
		}
	}
	if len(outputs) != len(spec.Outputs) {
		t.Errorf("action.yml has outputs %q, spec %d", keys(outputs), len(spec.Outputs))
	}
	if got := get[string](t, doc, "runs", "using"); got != "docker" {
		t.Errorf("runs.using = %q", got)
	}
	if got, want := get[string](t, doc, "runs", "image"), "docker://"+manifest.Default().ImageRef(); got != want {
		t.Errorf("runs.image = %q, want %q", got, want)
	}
	if got := get[string](t, doc, "runs", "env", "ATLAS_ACTION"); got != spec.ID {
		t.Errorf("runs.env.ATLAS_ACTION = %q", got)
	}
	e, err := github.New(ci.Host{Getenv: func(k string) string { return env[k] }}, spec.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range spec.Inputs {
		if got, want := e.Input(in.Name), "value of "+in.Name; got != want {
			t.Errorf("github adapter reads input %s as %q, want %q", in.Name, got, want)
		}
	}
}

// TestGitLabComponentAgrees interpolates the committed component the way
// GitLab does at pipeline creation and hands the job's variables to the
// gitlab adapter, which must read every input back as given.
func TestGitLabComponentAgrees(t *testing.T) {
	t.Parallel()
	spec := registry(t)["monitor/schema"]
	docs := readYAML(t, "templates/monitor-schema.yml")
	if len(docs) != 2 {
		t.Fatalf("component has %d YAML documents, want spec + jobs", len(docs))
	}
	inputs := get[map[string]any](t, docs[0], "spec", "inputs")
	want := append(names(spec.Inputs), manifest.InputJobName, manifest.InputStage, manifest.InputImage, manifest.InputVersion)
	slices.Sort(want)
	if got := keys(inputs); !slices.Equal(got, want) {
		t.Errorf("component inputs %q, want %q", got, want)
	}
	// Values as a user passes them, odd characters included.
	given := map[string]string{}
	for name := range inputs {
		d := get[map[string]any](t, inputs, name)
		_, hasDefault := d["default"]
		in := spec.Input(name)
		switch {
		case in == nil:
			given[name] = get[string](t, d, "default")
		case in.Required && hasDefault:
			t.Errorf("required input %s has a default, so GitLab would not require it", name)
		case !in.Required && !hasDefault:
			t.Errorf("optional input %s has no default, so GitLab would require it", name)
		}
		if in != nil && in.Kind == action.Bool && d["type"] != "boolean" {
			t.Errorf("boolean input %s has type %v", name, d["type"])
		}
	}
	for _, in := range spec.Inputs {
		given[in.Name] = `it's "quoted" = x ` + in.Name
		if in.Kind == action.List {
			given[in.Name] = "first " + in.Name + "\nsecond"
		}
	}
	interp := func(s string) string {
		for name, v := range given {
			s = strings.ReplaceAll(s, "$[[ inputs."+name+" ]]", v)
		}
		if strings.Contains(s, "$[[") {
			t.Errorf("uninterpolated input in %q", s)
		}
		return s
	}
	jobs := docs[1]
	if len(jobs) != 1 {
		t.Fatalf("component defines %d jobs, want 1", len(jobs))
	}
	var job map[string]any
	for name, j := range jobs {
		if got := interp(name); got != manifest.ComponentName(spec.ID) {
			t.Errorf("job name interpolates to %q", got)
		}
		job = j.(map[string]any)
	}
	if got := interp(get[string](t, job, "image", "name")); got != manifest.Default().ImageRef() {
		t.Errorf("image interpolates to %q", got)
	}
	if got := get[string](t, job, "artifacts", "reports", "dotenv"); got != ".env" {
		t.Errorf("dotenv report is %q; the gitlab adapter writes $CI_PROJECT_DIR/.env", got)
	}
	rules := get[[]any](t, job, "rules")
	if first := rules[0].(map[string]any); first["if"] != `$CI_PIPELINE_SOURCE == "schedule"` {
		t.Errorf("first rule is %v, want the schedule rule", first)
	}
	vars := get[map[string]any](t, job, "variables")
	env := map[string]string{"GITLAB_CI": "true"}
	for k, v := range vars {
		env[k] = interp(v.(string))
	}
	if env["ATLAS_ACTION"] != spec.ID {
		t.Errorf("ATLAS_ACTION = %q", env["ATLAS_ACTION"])
	}
	e, err := gitlab.New(ci.Host{Getenv: func(k string) string { return env[k] }}, spec.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range spec.Inputs {
		if got := e.Input(in.Name); got != given[in.Name] {
			t.Errorf("gitlab adapter reads input %s as %q, want %q", in.Name, got, given[in.Name])
		}
	}
}

// TestPipeAgrees checks pipe.yml lists each input as the variable the
// bitbucket adapter reads, with the spec's defaults.
func TestPipeAgrees(t *testing.T) {
	t.Parallel()
	spec := registry(t)["monitor/schema"]
	doc := readYAML(t, "pipe.yml")[0]
	for _, k := range []string{"name", "image", "description", "category", "repository"} {
		if get[string](t, doc, k) == "" {
			t.Errorf("pipe.yml has no %s", k)
		}
	}
	if got := get[string](t, doc, "image"); got != manifest.Default().ImageRef() {
		t.Errorf("pipe.yml image %q", got)
	}
	vars := map[string]any{}
	for _, v := range get[[]any](t, doc, "variables") {
		m := v.(map[string]any)
		vars[m["name"].(string)] = m["default"]
	}
	if vars["ATLAS_ACTION"] != spec.ID {
		t.Errorf("ATLAS_ACTION default %v", vars["ATLAS_ACTION"])
	}
	for _, in := range spec.Inputs {
		d, ok := vars[ci.InputVar(in.Name)]
		if !ok {
			t.Errorf("pipe.yml lacks %s", ci.InputVar(in.Name))
			continue
		}
		if got, _ := d.(string); got != in.Default {
			t.Errorf("%s default %q, spec %q", ci.InputVar(in.Name), got, in.Default)
		}
	}
	if len(vars) != len(spec.Inputs)+2 {
		t.Errorf("pipe.yml lists %d variables, want the %d inputs, ATLAS_ACTION and DEBUG", len(vars), len(spec.Inputs))
	}
}

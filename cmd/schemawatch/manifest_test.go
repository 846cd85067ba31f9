package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
	"github.com/schemawatch/schemawatch/ci/github"
	"github.com/schemawatch/schemawatch/ci/gitlab"
	"github.com/schemawatch/schemawatch/ci/manifest"
	"github.com/schemawatch/schemawatch/config"
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

// TestExamples parses every example and checks it against the manifests it
// uses: only declared inputs, every required one, our image and action.
func TestExamples(t *testing.T) {
	t.Parallel()
	spec := registry(t)["monitor/schema"]
	m := manifest.Default()
	required := func(t *testing.T, given map[string]any, name func(string) string) {
		t.Helper()
		for _, in := range spec.Inputs {
			if _, ok := given[name(in.Name)]; in.Required && !ok {
				t.Errorf("required input %s not given", name(in.Name))
			}
		}
	}

	t.Run("github", func(t *testing.T) {
		t.Parallel()
		doc := readYAML(t, "examples/github/monitor-schema.yml")[0]
		on := get[map[string]any](t, doc, "on")
		if _, ok := on["workflow_dispatch"]; !ok {
			t.Error("no workflow_dispatch trigger")
		}
		cron := get[string](t, get[[]any](t, on, "schedule")[0].(map[string]any), "cron")
		if minute := strings.Fields(cron)[0]; minute == "0" || minute == "*" {
			t.Errorf("cron %q runs at the top of the hour, when GitHub drops schedules", cron)
		}
		action := registryActionYAML(t)
		var used bool
		for _, j := range get[map[string]any](t, doc, "jobs") {
			for _, s := range j.(map[string]any)["steps"].([]any) {
				step := s.(map[string]any)
				if step["uses"] != "schemawatch/schemawatch/monitor/schema@"+m.Tag {
					continue
				}
				used = true
				with := step["with"].(map[string]any)
				for k := range with {
					if _, ok := action[k]; !ok {
						t.Errorf("with: %s is not an input of the action", k)
					}
				}
				required(t, with, func(n string) string { return n })
			}
		}
		if !used {
			t.Errorf("no step uses schemawatch/schemawatch/monitor/schema@%s", m.Tag)
		}
	})

	t.Run("gitlab", func(t *testing.T) {
		t.Parallel()
		doc := readYAML(t, "examples/gitlab/.gitlab-ci.yml")[0]
		comp := readYAML(t, "templates/monitor-schema.yml")[0]
		declared := get[map[string]any](t, comp, "spec", "inputs")
		inc := get[[]any](t, doc, "include")[0].(map[string]any)
		if c := inc["component"].(string); !strings.Contains(c, "/"+manifest.ComponentName(spec.ID)+"@") {
			t.Errorf("include names %q, not the %s component", c, manifest.ComponentName(spec.ID))
		}
		inputs := inc["inputs"].(map[string]any)
		for k := range inputs {
			if _, ok := declared[k]; !ok {
				t.Errorf("input %s is not declared by the component", k)
			}
		}
		required(t, inputs, func(n string) string { return n })
		if stage := inputs[manifest.InputStage]; stage != nil && !slices.Contains(get[[]any](t, doc, "stages"), stage) {
			t.Errorf("stage %v is not in stages", stage)
		}
	})

	t.Run("bitbucket", func(t *testing.T) {
		t.Parallel()
		doc := readYAML(t, "examples/bitbucket-pipelines.yml")[0]
		pipe := readYAML(t, "pipe.yml")[0]
		declared := map[string]bool{}
		for _, v := range get[[]any](t, pipe, "variables") {
			declared[v.(map[string]any)["name"].(string)] = true
		}
		steps := get[[]any](t, doc, "pipelines", "custom", "monitor-schema")
		script := get[[]any](t, steps[0].(map[string]any), "step", "script")
		p := script[0].(map[string]any)
		if p["pipe"] != "docker://"+m.ImageRef() {
			t.Errorf("pipe is %v, want docker://%s", p["pipe"], m.ImageRef())
		}
		vars := p["variables"].(map[string]any)
		if vars["ATLAS_ACTION"] != spec.ID {
			t.Errorf("ATLAS_ACTION is %v", vars["ATLAS_ACTION"])
		}
		for k := range vars {
			if !declared[k] {
				t.Errorf("variable %s is not one the pipe reads", k)
			}
		}
		required(t, vars, ci.InputVar)
		if !slices.Contains(script, any("source .atlas-action/outputs.sh")) {
			t.Error("the example does not source the outputs file")
		}
	})

	t.Run("pipe README", func(t *testing.T) {
		t.Parallel()
		b, err := os.ReadFile(filepath.Join(repoRoot, "pipe", "README.md"))
		if err != nil {
			t.Fatal(err)
		}
		blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(b), -1)
		if len(blocks) < 3 {
			t.Fatalf("pipe/README.md has %d YAML blocks, want the definition and two examples", len(blocks))
		}
		pipe := readYAML(t, "pipe.yml")[0]
		declared := map[string]bool{}
		for _, v := range get[[]any](t, pipe, "variables") {
			declared[v.(map[string]any)["name"].(string)] = true
		}
		for i, blk := range blocks {
			var doc any
			if err := yaml.Unmarshal([]byte(blk[1]), &doc); err != nil {
				t.Errorf("YAML block %d does not parse: %v\n%s", i, err, blk[1])
				continue
			}
			for _, name := range regexp.MustCompile(`(?m)^\s*(?:# )?(ATLAS_[A-Z_]+|DEBUG):`).FindAllStringSubmatch(blk[1], -1) {
				if !declared[name[1]] {
					t.Errorf("YAML block %d sets %s, which the pipe does not read", i, name[1])
				}
			}
		}
	})

	t.Run("atlas.hcl", func(t *testing.T) {
		t.Parallel()
		env := map[string]string{"DB_PASSWORD": "p@ss/w:rd", "DB_HOST": "db.internal", "DB_REPLICA_HOST": "replica.internal"}
		for name, want := range map[string]string{
			"prod":    "postgres://monitor:p%40ss%2Fw%3Ard@db.internal:5432/shop?sslmode=require",
			"replica": "postgres://monitor:p%40ss%2Fw%3Ard@replica.internal:5432/shop?sslmode=require",
		} {
			e, err := config.Load(t.Context(), config.LoadOptions{
				URLs: []string{"file://atlas.hcl"}, Dir: filepath.Join(repoRoot, "examples"), Env: name,
				Vars: map[string]string{"db_name": "shop"}, Getenv: func(k string) string { return env[k] },
			})
			if err != nil {
				t.Fatalf("examples/atlas.hcl env %s: %v", name, err)
			}
			if e.URL != want {
				t.Errorf("env %s: url %q, want %q", name, e.URL, want)
			}
		}
	})
}

// registryActionYAML returns the inputs of the committed action.yml.
func registryActionYAML(t *testing.T) map[string]any {
	t.Helper()
	return get[map[string]any](t, readYAML(t, "monitor/schema/action.yml")[0], "inputs")
}

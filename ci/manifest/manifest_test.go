package manifest_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci/manifest"
)

func spec(inputs ...action.Input) *action.Spec {
	return &action.Spec{
		ID:          "demo/thing",
		Description: "Do a thing.",
		Inputs:      inputs,
		Outputs:     []action.Output{{Name: "result", Description: "What came out."}},
		Run:         func(context.Context, action.Env, *action.Inputs) error { return nil },
	}
}

func decode(t *testing.T, b []byte) []map[string]any {
	t.Helper()
	var docs []map[string]any
	dec := yaml.NewDecoder(bytes.NewReader(b))
	for {
		var d map[string]any
		if err := dec.Decode(&d); err != nil {
			if err.Error() == "EOF" {
				return docs
			}
			t.Fatalf("does not parse: %v\n%s", err, b)
		}
		docs = append(docs, d)
	}
}

// TestGitLabKinds checks how each kind of input becomes a component input:
// booleans typed with a boolean default, required inputs without a default
// (which makes GitLab require them), lists as one-per-line strings.
func TestGitLabKinds(t *testing.T) {
	t.Parallel()
	b, err := manifest.GitLab(spec(
		action.Input{Name: "token", Required: true, Secret: true, Description: "A token."},
		action.Input{Name: "dry-run", Kind: action.Bool, Default: "true", Description: "Only look."},
		action.Input{Name: "tags", Kind: action.List, Description: "Tags."},
		action.Input{Name: "level", Default: "info", Description: "Log level."},
	), manifest.Default())
	if err != nil {
		t.Fatal(err)
	}
	docs := decode(t, b)
	if len(docs) != 2 || !bytes.Contains(b, []byte("\n---\n")) {
		t.Fatalf("want a spec document, ---, and the job:\n%s", b)
	}
	inputs := docs[0]["spec"].(map[string]any)["inputs"].(map[string]any)
	tests := []struct {
		name        string
		wantType    any
		wantDefault any
		hasDefault  bool
		descHas     string
	}{
		{"token", nil, nil, false, "masked CI/CD variable"},
		{"dry-run", "boolean", true, true, "Only look."},
		{"tags", nil, "", true, "One per line."},
		{"level", nil, "info", true, "Log level."},
	}
	for _, tt := range tests {
		in := inputs[tt.name].(map[string]any)
		def, has := in["default"]
		if in["type"] != tt.wantType || has != tt.hasDefault || def != tt.wantDefault || !strings.Contains(in["description"].(string), tt.descHas) {
			t.Errorf("input %s = %v", tt.name, in)
		}
	}
	job := docs[1]["$[[ inputs.job-name ]]"].(map[string]any)
	vars := job["variables"].(map[string]any)
	if vars["ATLAS_INPUT_DRY_RUN"] != "$[[ inputs.dry-run ]]" || vars["ATLAS_ACTION"] != "demo/thing" {
		t.Errorf("variables = %v", vars)
	}
}

func TestRefusedNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		inputs []action.Input
		want   string
	}{
		{"space", []action.Input{{Name: "a b"}}, `input "a b": use letters, digits, '-' and '_' only`},
		{"collision", []action.Input{{Name: "a-b"}, {Name: "a_b"}}, `inputs "a-b" and "a_b" are both read from ATLAS_INPUT_A_B`},
		{"reserved", []action.Input{{Name: "stage"}}, `input "stage" collides with a component input`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := manifest.GitLab(spec(tt.inputs...), manifest.Default())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("GitLab error = %v, want %s", err, tt.want)
			}
		})
	}
}

func TestFilesNeedsThePipeAction(t *testing.T) {
	t.Parallel()
	reg, err := action.NewRegistry(spec())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := manifest.Files(reg, manifest.Default()); err == nil || !strings.Contains(err.Error(), `unknown action "monitor/schema"`) {
		t.Errorf("Files error = %v", err)
	}
	m := manifest.Default()
	m.PipeAction = "demo/thing"
	files, err := manifest.Files(reg, m)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"demo/thing/action.yml", "templates/demo-thing.yml", "pipe.yml", "pipe/README.md"} {
		if len(files[p]) == 0 {
			t.Errorf("no %s", p)
		}
	}
	if !bytes.Contains(files["pipe/README.md"], []byte("| ATLAS_OUTPUT_DEMO_THING_RESULT | What came out. |")) {
		t.Errorf("README lacks the output row:\n%s", files["pipe/README.md"])
	}
}

package action_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/action"
)

// fakeEnv is an action.Env backed by maps; its logger writes to log and
// redacts masked secrets the way adapters do.
type fakeEnv struct {
	inputs  map[string]string
	outputs map[string]string
	masks   []string
	log     bytes.Buffer
}

func newFakeEnv(inputs map[string]string) *fakeEnv {
	return &fakeEnv{inputs: inputs, outputs: map[string]string{}}
}

func (e *fakeEnv) Input(name string) string { return strings.TrimSpace(e.inputs[name]) }
func (e *fakeEnv) SetOutput(name, value string) error {
	e.outputs[name] = value
	return nil
}
func (e *fakeEnv) Mask(secret string) { e.masks = append(e.masks, secret) }
func (e *fakeEnv) RunURL() string     { return "" }
func (e *fakeEnv) Logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(redactor{e}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type redactor struct{ e *fakeEnv }

func (r redactor) Write(p []byte) (int, error) {
	s := string(p)
	for _, m := range r.e.masks {
		s = strings.ReplaceAll(s, m, "***")
	}
	r.e.log.WriteString(s)
	return len(p), nil
}

// listEnv adds Bitbucket-style list inputs.
type listEnv struct {
	*fakeEnv
	lists map[string][]string
	err   error
}

func (e listEnv) InputList(name string) ([]string, error) { return e.lists[name], e.err }

// locEnv says where inputs come from.
type locEnv struct{ *fakeEnv }

func (locEnv) InputLocation(name string) string {
	return "ATLAS_INPUT_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

func testSpec(run func(context.Context, action.Env, *action.Inputs) error) *action.Spec {
	return &action.Spec{
		ID: "monitor/schema",
		Inputs: []action.Input{
			{Name: "cloud-token", Required: true, Secret: true},
			{Name: "url"},
			{Name: "config", Kind: action.List},
			{Name: "env"},
			{Name: "schemas", Kind: action.List},
			{Name: "collect-stats", Kind: action.Bool, Default: "true"},
			{Name: "verbose", Kind: action.Bool},
			{Name: "mode", Default: "auto"},
		},
		Outputs:   []action.Output{{Name: "url"}},
		Exclusive: [][]string{{"url", "config"}, {"url", "env"}},
		Run:       run,
	}
}

func TestRunValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		env     action.Env
		wantErr string // "" means Run must reach spec.Run
	}{
		{
			name: "valid",
			env:  newFakeEnv(map[string]string{"cloud-token": "tok", "url": "postgres://h/db"}),
		},
		{
			name:    "missing required",
			env:     newFakeEnv(map[string]string{"url": "postgres://h/db"}),
			wantErr: `action: input "cloud-token" is required`,
		},
		{
			name:    "missing required names its variable",
			env:     locEnv{newFakeEnv(nil)},
			wantErr: `action: input "cloud-token" is required (set ATLAS_INPUT_CLOUD_TOKEN)`,
		},
		{
			name:    "whitespace is not a value",
			env:     newFakeEnv(map[string]string{"cloud-token": " \n "}),
			wantErr: `action: input "cloud-token" is required`,
		},
		{
			name:    "bad bool",
			env:     newFakeEnv(map[string]string{"cloud-token": "tok", "collect-stats": "yes"}),
			wantErr: `action: input "collect-stats": "yes" is not a boolean (use true or false)`,
		},
		{
			name:    "exclusive pair",
			env:     newFakeEnv(map[string]string{"cloud-token": "tok", "url": "u", "config": "file://atlas.hcl"}),
			wantErr: `action: only one of the inputs "url" or "config" may be given`,
		},
		{
			name:    "exclusive list given only as blank lines is not given",
			env:     newFakeEnv(map[string]string{"cloud-token": "tok", "url": "u", "config": "\n \n"}),
			wantErr: "",
		},
		{
			name: "every problem in one message",
			env: newFakeEnv(map[string]string{
				"collect-stats": "maybe", "verbose": "2", "url": "u", "config": "c", "env": "prod",
			}),
			wantErr: `action: input "cloud-token" is required; ` +
				`input "collect-stats": "maybe" is not a boolean (use true or false); ` +
				`input "verbose": "2" is not a boolean (use true or false); ` +
				`only one of the inputs "url" or "config" may be given; ` +
				`only one of the inputs "url" or "env" may be given`,
		},
		{
			name:    "broken list form",
			env:     listEnv{fakeEnv: newFakeEnv(map[string]string{"cloud-token": "tok"}), err: errors.New(`SCHEMAS_COUNT is "x", not a number`)},
			wantErr: `action: input "config": SCHEMAS_COUNT is "x", not a number; input "schemas": SCHEMAS_COUNT is "x", not a number`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ran := false
			spec := testSpec(func(context.Context, action.Env, *action.Inputs) error {
				ran = true
				return nil
			})
			err := action.Run(t.Context(), tt.env, spec)
			if tt.wantErr == "" {
				if err != nil || !ran {
					t.Fatalf("Run = %v, ran = %v; want nil error and the action run", err, ran)
				}
				return
			}
			if err == nil || err.Error() != tt.wantErr {
				t.Fatalf("Run error:\n got %v\nwant %s", err, tt.wantErr)
			}
			var ie *action.InputError
			if !errors.As(err, &ie) || ie.Action != "monitor/schema" {
				t.Errorf("error %T is not an *action.InputError for monitor/schema", err)
			}
			if ran {
				t.Error("action ran despite bad inputs")
			}
		})
	}
}

func TestInputsGetters(t *testing.T) {
	t.Parallel()
	env := listEnv{
		fakeEnv: newFakeEnv(map[string]string{
			"cloud-token": "tok",
			"url":         "  postgres://h/db  ",
			"config":      "file://a.hcl\n\n  file://b.hcl  \r\n",
			"schemas":     "ignored when the list form is given",
			"verbose":     "T",
		}),
		lists: map[string][]string{"schemas": {" public ", "", "billing\naudit"}},
	}
	in := action.NewInputs(testSpec(nil), env)
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"string trimmed", in.String("url"), "postgres://h/db"},
		{"string default", in.String("mode"), "auto"},
		{"string unset", in.String("env"), ""},
		{"bool default true", in.Bool("collect-stats"), true},
		{"bool ParseBool spelling", in.Bool("verbose"), true},
		{"list from lines", in.List("config"), []string{"file://a.hcl", "file://b.hcl"}},
		{"list form wins", in.List("schemas"), []string{"public", "billing", "audit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !equal(tt.got, tt.want) {
				t.Errorf("got %#v, want %#v", tt.got, tt.want)
			}
		})
	}
	if err := in.Err(); err != nil {
		t.Errorf("Err() = %v, want nil", err)
	}
}

func equal(a, b any) bool {
	as, aok := a.([]string)
	bs, bok := b.([]string)
	if aok && bok {
		return slices.Equal(as, bs)
	}
	return a == b
}

func TestUndeclaredInputIsReported(t *testing.T) {
	t.Parallel()
	spec := testSpec(func(_ context.Context, _ action.Env, in *action.Inputs) error {
		_ = in.String("cloud_token") // typo: underscore
		return nil
	})
	err := action.Run(t.Context(), newFakeEnv(map[string]string{"cloud-token": "tok"}), spec)
	want := `action: input "cloud_token" is not declared by action "monitor/schema"`
	if err == nil || err.Error() != want {
		t.Fatalf("Run error = %v, want %s", err, want)
	}
}

func TestRunMasksSecretsBeforeTheActionLogs(t *testing.T) {
	t.Parallel()
	env := newFakeEnv(map[string]string{"cloud-token": "  s3cr3t-t0ken  ", "url": "u"})
	spec := testSpec(func(_ context.Context, env action.Env, in *action.Inputs) error {
		env.Logger().Info("using token " + in.String("cloud-token"))
		return nil
	})
	if err := action.Run(t.Context(), env, spec); err != nil {
		t.Fatal(err)
	}
	if got := env.log.String(); strings.Contains(got, "s3cr3t") || !strings.Contains(got, "***") {
		t.Errorf("log = %q, want the token masked", got)
	}
}

func TestRunReturnsActionError(t *testing.T) {
	t.Parallel()
	boom := errors.New("monitor: push failed")
	spec := testSpec(func(context.Context, action.Env, *action.Inputs) error { return boom })
	if err := action.Run(t.Context(), newFakeEnv(map[string]string{"cloud-token": "t"}), spec); !errors.Is(err, boom) {
		t.Errorf("Run = %v, want %v", err, boom)
	}
}

func TestSpecCheck(t *testing.T) {
	t.Parallel()
	run := func(context.Context, action.Env, *action.Inputs) error { return nil }
	tests := []struct {
		name string
		spec action.Spec
		want string
	}{
		{"ok", action.Spec{ID: "a/b", Run: run, Inputs: []action.Input{{Name: "x"}}}, ""},
		{"no id no run", action.Spec{}, "action: spec (no ID): spec has no ID; spec has no Run function"},
		{"dup input", action.Spec{ID: "a", Run: run, Inputs: []action.Input{{Name: "x"}, {Name: "x"}}},
			`action: spec a: input "x" is declared twice`},
		{"bad bool default", action.Spec{ID: "a", Run: run, Inputs: []action.Input{{Name: "x", Kind: action.Bool, Default: "yes"}}},
			`action: spec a: input "x" has default "yes", which is not a boolean`},
		{"exclusive undeclared", action.Spec{ID: "a", Run: run, Inputs: []action.Input{{Name: "x"}}, Exclusive: [][]string{{"x", "y"}}},
			`action: spec a: exclusive group names undeclared input "y"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.spec.Check()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Check() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRegistry(t *testing.T) {
	t.Parallel()
	spec := testSpec(func(context.Context, action.Env, *action.Inputs) error { return nil })
	reg, err := action.NewRegistry(spec)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := reg.Lookup("monitor/schema"); err != nil || got != spec {
		t.Errorf("Lookup(monitor/schema) = %v, %v", got, err)
	}
	_, err = reg.Lookup("x")
	if want := `action: unknown action "x" (known: monitor/schema)`; err == nil || err.Error() != want {
		t.Errorf("Lookup(x) error = %v, want %s", err, want)
	}
	if _, err := action.NewRegistry(spec, spec); err == nil {
		t.Error("NewRegistry accepted two specs with one ID")
	}
}

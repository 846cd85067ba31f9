// Package action declares CI-independent actions and runs them against a CI.
//
// An action is declared once as a Spec (its inputs, outputs and Run function)
// and runs unchanged on every CI: the CI is reached only through Env, which a
// ci adapter implements. Extra abilities a CI may have (job summaries,
// collapsible log groups, list-valued inputs) are small interfaces found by
// type assertion, so an action that wants one asks for it and copes without.
package action

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
)

// Kind is how an input's text is read.
type Kind int

const (
	// String is read as it is given (trimmed by the adapter).
	String Kind = iota
	// Bool is read with Go's strconv.ParseBool rules; empty means the default or false.
	Bool
	// List is split on newlines, each line trimmed, empty lines dropped.
	List
)

// String returns the kind's name as documentation generators print it.
func (k Kind) String() string {
	switch k {
	case String:
		return "string"
	case Bool:
		return "boolean"
	case List:
		return "list"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Input declares one input of an action. Name is lower case with hyphens
// ("cloud-token"); each adapter maps it to its CI's spelling.
type Input struct {
	Name        string
	Description string
	// Default is applied by Inputs on every CI when the input is empty; a
	// list default is newline separated.
	Default string
	// Required inputs must be non-empty (after Default) or Run fails before
	// the action starts.
	Required bool
	// Secret inputs are masked by Run before anything is logged.
	Secret bool
	Kind   Kind
}

// Output declares one output of an action.
type Output struct {
	Name        string
	Description string
}

// Spec declares an action. Generators of CI manifests (action.yml, pipe.yml,
// GitLab components) and docs read it; Run executes it.
type Spec struct {
	// ID names the action, e.g. "monitor/schema"; adapters derive output
	// variable names from it.
	ID          string
	Description string
	Inputs      []Input
	Outputs     []Output
	// Exclusive lists groups of inputs of which at most one may be given.
	Exclusive [][]string
	// Run does the work. It reads inputs through in, which already passed
	// validation, and reports results through env.
	Run func(ctx context.Context, env Env, in *Inputs) error
}

// Input returns the declaration of the named input, or nil.
func (s *Spec) Input(name string) *Input {
	for i := range s.Inputs {
		if s.Inputs[i].Name == name {
			return &s.Inputs[i]
		}
	}
	return nil
}

// Check reports mistakes in the declaration itself: a missing ID or Run,
// duplicate or empty names, a Bool default that does not parse, or an
// Exclusive group naming an undeclared input. It says nothing about the
// values a CI supplies; Run validates those.
func (s *Spec) Check() error {
	var problems []string
	if s.ID == "" {
		problems = append(problems, "spec has no ID")
	}
	if s.Run == nil {
		problems = append(problems, "spec has no Run function")
	}
	seen := make(map[string]bool)
	for _, in := range s.Inputs {
		switch {
		case strings.TrimSpace(in.Name) == "":
			problems = append(problems, "an input has no name")
		case seen[in.Name]:
			problems = append(problems, fmt.Sprintf("input %q is declared twice", in.Name))
		}
		seen[in.Name] = true
		if in.Kind == Bool && in.Default != "" {
			if _, err := strconv.ParseBool(in.Default); err != nil {
				problems = append(problems, fmt.Sprintf("input %q has default %q, which is not a boolean", in.Name, in.Default))
			}
		}
	}
	outs := make(map[string]bool)
	for _, out := range s.Outputs {
		switch {
		case strings.TrimSpace(out.Name) == "":
			problems = append(problems, "an output has no name")
		case outs[out.Name]:
			problems = append(problems, fmt.Sprintf("output %q is declared twice", out.Name))
		}
		outs[out.Name] = true
	}
	for _, group := range s.Exclusive {
		if len(group) < 2 {
			problems = append(problems, fmt.Sprintf("exclusive group %q needs at least two inputs", group))
		}
		for _, name := range group {
			if !seen[name] {
				problems = append(problems, fmt.Sprintf("exclusive group names undeclared input %q", name))
			}
		}
	}
	if len(problems) > 0 {
		id := s.ID
		if id == "" {
			id = "(no ID)"
		}
		return fmt.Errorf("action: spec %s: %s", id, strings.Join(problems, "; "))
	}
	return nil
}

// Env is everything an action may ask of its CI. It is implemented by the
// ci adapters; a test implements it with a map.
type Env interface {
	// Input returns the raw, trimmed value of the named input, "" when unset.
	// Actions read inputs through Inputs, which applies defaults and kinds.
	Input(name string) string
	// SetOutput publishes an output for later steps. It returns an error when
	// the CI cannot carry the value; it never exits the process.
	SetOutput(name, value string) error
	// Mask hides secret from every line the adapter prints from now on.
	Mask(secret string)
	// Logger returns the logger whose handler renders records for the CI and
	// redacts every masked secret.
	Logger() *slog.Logger
	// RunURL returns a link to the running job or pipeline, "" when unknown.
	RunURL() string
}

// Summarizer is implemented by CIs that show a Markdown report on the run
// page (GitHub's job summary).
type Summarizer interface {
	AddSummary(markdown string) error
}

// Grouper is implemented by CIs that fold a span of log lines under a title.
// Callers defer the returned function to close the group.
type Grouper interface {
	Group(title string) (end func())
}

// ListInput is implemented by CIs that have a native form for list inputs
// besides newline-separated text (Bitbucket's YAML arrays, arriving as
// NAME_COUNT and NAME_0..NAME_n, or repeated command-line flags).
type ListInput interface {
	// InputList returns the items of the named input given in list form, or
	// nil when it was not given that way. An error means the form was used
	// but is broken (e.g. a COUNT that is not a number).
	InputList(name string) ([]string, error)
}

// InputLocator is implemented by CIs that can tell a user where an input is
// read from, e.g. "ATLAS_INPUT_CLOUD_TOKEN"; validation errors name it.
type InputLocator interface {
	InputLocation(name string) string
}

// Run runs spec against env: it masks every Secret input before anything
// else can log, validates all inputs (reporting every problem in one
// *InputError), and then calls spec.Run. Run never exits the process; the
// caller decides what an error means.
func Run(ctx context.Context, env Env, spec *Spec) error {
	if spec == nil || env == nil {
		return errors.New("action: Run needs a spec and an env")
	}
	if err := spec.Check(); err != nil {
		return err
	}
	for _, def := range spec.Inputs {
		if def.Secret {
			if v := env.Input(def.Name); v != "" {
				env.Mask(v)
				if t := strings.TrimSpace(v); t != v {
					env.Mask(t)
				}
			}
		}
	}
	in := NewInputs(spec, env)
	in.validate()
	if err := in.Err(); err != nil {
		return err
	}
	err := spec.Run(ctx, env, in)
	if err == nil {
		// An action that read an undeclared input has a bug that must not pass
		// silently even when it forgot to look at in.Err().
		err = in.Err()
	}
	return err
}

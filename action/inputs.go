package action

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Inputs reads an action's inputs from its Env with the spec's defaults and
// kinds applied, the same way on every CI. Getters never fail and never exit:
// a bad value is recorded and reported, with every other problem, by Err.
type Inputs struct {
	spec *Spec
	env  Env

	mu       sync.Mutex
	problems []string
}

// NewInputs returns the inputs of spec as env supplies them. Run builds one
// after validation; tests of an action may build one directly.
func NewInputs(spec *Spec, env Env) *Inputs {
	return &Inputs{spec: spec, env: env}
}

// InputError lists every problem found with an action's inputs.
type InputError struct {
	Action   string
	Problems []string
}

// Error joins the problems into one message, e.g.
// `action: only one of the inputs "url" or "config" may be given`.
func (e *InputError) Error() string {
	return "action: " + strings.Join(e.Problems, "; ")
}

// Err returns an *InputError listing every problem recorded so far, or nil.
func (in *Inputs) Err() error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if len(in.problems) == 0 {
		return nil
	}
	return &InputError{Action: in.spec.ID, Problems: slices.Clone(in.problems)}
}

// String returns the trimmed value of the named input, or its default.
func (in *Inputs) String(name string) string {
	def := in.decl(name)
	if def == nil {
		return ""
	}
	return in.value(def)
}

// Bool returns the named input parsed with strconv.ParseBool ("1", "t",
// "true", "TRUE", "0", "f", "false", ...). Empty means the spec's default, or
// false. Any other text is recorded as a problem and reads as false.
func (in *Inputs) Bool(name string) bool {
	def := in.decl(name)
	if def == nil {
		return false
	}
	v := in.value(def)
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		in.addf("input %q: %q is not a boolean (use true or false)", name, v)
		return false
	}
	return b
}

// List returns the named input split on newlines, each line trimmed and
// empty lines dropped. When the CI supplies the input in a native list form
// (see ListInput), those items are used instead, split the same way. The
// spec's default applies when neither form gives any item.
func (in *Inputs) List(name string) []string {
	def := in.decl(name)
	if def == nil {
		return nil
	}
	if li, ok := in.env.(ListInput); ok {
		items, err := li.InputList(name)
		if err != nil {
			in.addf("input %q: %v", name, err)
		}
		if out := splitLines(strings.Join(items, "\n")); len(out) > 0 {
			return out
		}
	}
	return splitLines(in.value(def))
}

// validate records every problem with the supplied values: required inputs
// left empty, bad booleans, broken list forms and exclusive inputs given
// together.
func (in *Inputs) validate() {
	for _, def := range in.spec.Inputs {
		switch def.Kind {
		case Bool:
			in.Bool(def.Name)
		case List:
			in.List(def.Name)
		}
		if def.Required && !in.isSet(&def) {
			in.addf("input %q is required%s", def.Name, in.where(def.Name, " (set ", ")"))
		}
	}
	for _, group := range in.spec.Exclusive {
		var given []string
		for _, name := range group {
			if def := in.spec.Input(name); def != nil && in.isSet(def) {
				given = append(given, strconv.Quote(name))
			}
		}
		if len(given) > 1 {
			in.addf("only one of the inputs %s or %s may be given",
				strings.Join(given[:len(given)-1], ", "), given[len(given)-1])
		}
	}
}

// isSet reports whether the input has a value after defaults, reading it
// the way its kind is read.
func (in *Inputs) isSet(def *Input) bool {
	if def.Kind == List {
		return len(in.List(def.Name)) > 0
	}
	return in.value(def) != ""
}

func (in *Inputs) value(def *Input) string {
	if v := strings.TrimSpace(in.env.Input(def.Name)); v != "" {
		return v
	}
	return def.Default
}

// decl returns the declaration of name, recording a problem when the spec
// does not declare it: reading an undeclared input is a bug in the action.
func (in *Inputs) decl(name string) *Input {
	def := in.spec.Input(name)
	if def == nil {
		in.addf("input %q is not declared by action %q", name, in.spec.ID)
	}
	return def
}

// where tells the user where the CI reads the input from, when it can say.
func (in *Inputs) where(name, prefix, suffix string) string {
	l, ok := in.env.(InputLocator)
	if !ok {
		return ""
	}
	loc := l.InputLocation(name)
	if loc == "" {
		return ""
	}
	return prefix + loc + suffix
}

func (in *Inputs) addf(format string, args ...any) {
	p := fmt.Sprintf(format, args...)
	in.mu.Lock()
	defer in.mu.Unlock()
	// Validation reads each input and the action may read it again; the user
	// needs to hear about each problem once.
	if !slices.Contains(in.problems, p) {
		in.problems = append(in.problems, p)
	}
}

func splitLines(s string) []string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

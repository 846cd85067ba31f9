// Package terminal runs any action locally, outside CI: inputs from
// command-line flags with ATLAS_INPUT_* variables as fallback, outputs on
// stdout (or in a JSON file), plain logs on stderr with secrets masked.
//
// It is registered as the fallback adapter, used when no CI is detected.
// Registered that way it sees no flags; main builds it with New and the
// Options it parsed (see Options.AddFlags) when it wants them.
package terminal

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
)

// Name is the adapter's name for --ci.
const Name = "terminal"

func init() {
	ci.Register(ci.Adapter{
		Name:  Name,
		Order: 1000,
		// No Detect: the terminal is what runs when no CI is detected.
		New: func(h ci.Host, actionID string) (action.Env, error) { return New(h, actionID, Options{}) },
	})
}

// Options is what a local run takes from the command line.
type Options struct {
	// Inputs holds values given as flags, by input name; a name given more
	// than once is a list input's items. They win over ATLAS_INPUT_*.
	Inputs map[string][]string
	// OutputFile, when set, receives the outputs as one JSON object instead
	// of name=value lines on stdout. Relative to Host.Dir.
	OutputFile string
	// Debug prints debug lines; DEBUG=true does too.
	Debug bool
}

// AddFlags registers the local-run flags on fs, storing into o:
//
//	--input name=value   an input (repeatable; repeat a name for a list)
//	--output-file path   write outputs as JSON to path
//	--debug              print debug lines
//
// and, when spec is not nil, one --<input-name> flag per input of spec (the
// same as --input <input-name>=value), skipping names fs already defines.
// Secret values given as flags show in the process list; the ATLAS_INPUT_*
// variables are the better place for them.
func (o *Options) AddFlags(fs *flag.FlagSet, spec *action.Spec) {
	fs.Var(inputFlag{o}, "input", "an action input as `name=value` (repeatable; repeat a name to give a list)")
	fs.StringVar(&o.OutputFile, "output-file", o.OutputFile, "write the action's outputs to this `file` as a JSON object instead of stdout")
	fs.BoolVar(&o.Debug, "debug", o.Debug, "print debug log lines")
	if spec == nil {
		return
	}
	for _, in := range spec.Inputs {
		if fs.Lookup(in.Name) != nil {
			continue
		}
		usage := in.Description
		if usage == "" {
			usage = "input " + in.Name
		}
		if in.Kind == action.List {
			usage += " (repeatable)"
		}
		if in.Default != "" {
			usage += " (default " + strconv.Quote(in.Default) + ")"
		}
		fs.Var(namedFlag{o, in.Name}, in.Name, usage)
	}
}

func (o *Options) add(name, value string) {
	if o.Inputs == nil {
		o.Inputs = make(map[string][]string)
	}
	o.Inputs[name] = append(o.Inputs[name], value)
}

// inputFlag is the repeatable --input name=value flag.
type inputFlag struct{ o *Options }

func (f inputFlag) String() string { return "" }
func (f inputFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("want name=value, got %q", s)
	}
	f.o.add(strings.TrimSpace(name), value)
	return nil
}

// namedFlag is a --<input-name> flag generated from a spec.
type namedFlag struct {
	o    *Options
	name string
}

func (f namedFlag) String() string { return "" }
func (f namedFlag) Set(s string) error {
	f.o.add(f.name, s)
	return nil
}

// Env is an action.Env for a local run. It also implements
// action.ListInput, action.InputLocator and ci.Finisher.
type Env struct {
	base    *ci.Base // its lock also guards outputs and OutputFile
	opts    Options
	outputs map[string]string // what OutputFile holds
}

// New returns the Env for running the action with the given ID locally.
func New(h ci.Host, actionID string, o Options) (*Env, error) {
	b, err := ci.NewBase(Name, h, actionID, ci.DebugLevel(h, o.Debug), emit)
	if err != nil {
		return nil, err
	}
	return &Env{base: b, opts: o, outputs: map[string]string{}}, nil
}

// emit prints a log line on stderr, keeping stdout for outputs.
func emit(b *ci.Base, l slog.Level, text string) error {
	prefix := ""
	switch {
	case l >= slog.LevelError:
		prefix = "error: "
	case l >= slog.LevelWarn:
		prefix = "warning: "
	case l < slog.LevelInfo:
		prefix = "debug: "
	}
	return b.Print(b.Host.Stderr, prefix+text+"\n")
}

// Input returns the flag value of the input (items joined by newlines when
// given more than once), else ATLAS_INPUT_<NAME>; trimmed either way.
func (e *Env) Input(name string) string {
	if vals := e.opts.Inputs[name]; len(vals) > 0 {
		return strings.TrimSpace(strings.Join(vals, "\n"))
	}
	return e.base.Input(name)
}

// InputList returns the items given as repeated flags, or nil.
func (e *Env) InputList(name string) ([]string, error) {
	return e.opts.Inputs[name], nil
}

// InputLocation tells a user both ways to give an input.
func (e *Env) InputLocation(name string) string {
	return "--input " + name + "=… or " + ci.InputVar(name)
}

// SetOutput prints name=value on stdout, or, with Options.OutputFile,
// rewrites that file as a JSON object of every output so far (through a
// temporary file and a rename, so a reader never sees half of it). On stdout
// a value that is not one line of printable text is Go-quoted so that the
// line stays one line. A value holding a masked secret is refused.
func (e *Env) SetOutput(name, value string) error {
	if name == "" || strings.ContainsAny(name, "=\r\n") {
		return fmt.Errorf("terminal: output name %q is not valid", name)
	}
	if e.base.Secrets.Contains(value) {
		return fmt.Errorf("terminal: output %q holds a masked secret; refusing to write it", name)
	}
	if e.opts.OutputFile == "" {
		return e.base.Print(e.base.Host.Stdout, name+"="+printable(value)+"\n")
	}
	e.base.Lock()
	defer e.base.Unlock()
	next := make(map[string]string, len(e.outputs)+1)
	for k, v := range e.outputs {
		next[k] = v
	}
	next[name] = value
	if err := writeJSON(e.base.Host.Path(e.opts.OutputFile), next); err != nil {
		return fmt.Errorf("terminal: output %q: %w", name, err)
	}
	e.outputs = next
	return nil
}

func printable(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			return strconv.Quote(s)
		}
	}
	return s
}

func writeJSON(path string, v any) (err error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, os.Remove(f.Name()))
		}
	}()
	if _, err := f.Write(append(b, '\n')); err != nil {
		return errors.Join(err, f.Close())
	}
	if err := f.Chmod(0o644); err != nil {
		return errors.Join(err, f.Close())
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// Mask hides secret from every line printed from now on.
func (e *Env) Mask(secret string) { e.base.Secrets.Add(secret) }

// Logger returns a logger printing plain lines on stderr: info as is, other
// levels prefixed with "warning: ", "error: " or "debug: ".
func (e *Env) Logger() *slog.Logger { return e.base.Logger() }

// RunURL returns "": a local run has no page.
func (e *Env) RunURL() string { return "" }

// Succeeded prints "✔ msg" on stderr, keeping stdout for outputs.
func (e *Env) Succeeded(msg string) {
	_ = e.base.Print(e.base.Host.Stderr, e.base.SuccessLine(msg)+"\n")
}

// Failed prints "✖ <err>" on stderr.
func (e *Env) Failed(err error) {
	_ = e.base.Print(e.base.Host.Stderr, e.base.FailureLine(err)+"\n")
}

var (
	_ action.Env          = (*Env)(nil)
	_ action.ListInput    = (*Env)(nil)
	_ action.InputLocator = (*Env)(nil)
	_ ci.Finisher         = (*Env)(nil)
)

// Package bitbucket runs actions as a Bitbucket Pipelines pipe, keeping the
// contract of Atlas's pipe (arigaio/atlas-action) so it is a drop-in:
// inputs from ATLAS_INPUT_<NAME>, outputs appended as export lines to a
// shell file that a later script line sources, coloured log lines.
//
// See https://support.atlassian.com/bitbucket-cloud/docs/write-a-pipe-for-bitbucket-pipelines/
package bitbucket

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
	"github.com/schemawatch/schemawatch/ci/internal/ansi"
)

// Name is the adapter's name for --ci.
const Name = "bitbucket"

func init() {
	ci.Register(ci.Adapter{
		Name:   Name,
		Order:  40,
		Detect: Detect,
		New:    func(h ci.Host, actionID string) (action.Env, error) { return New(h, actionID) },
	})
}

// Detect reports whether h runs in Bitbucket Pipelines: every pipeline step,
// pipes included, has a non-empty BITBUCKET_PIPELINE_UUID.
func Detect(h ci.Host) bool {
	return h.Env("BITBUCKET_PIPELINE_UUID") != ""
}

// Env is an action.Env for a Bitbucket pipe. It also implements
// action.ListInput, action.InputLocator and ci.Finisher.
type Env struct {
	base     *ci.Base // its lock keeps one writer at a time on Stdout and the outputs file
	actionID string
}

// New returns the Env for the action with the given ID. Debug lines are
// printed only when DEBUG is true, the switch every pipe README documents.
func New(h ci.Host, actionID string) (*Env, error) {
	b, err := ci.NewBase(Name, h, actionID, ci.DebugLevel(h, false), ansi.Emit)
	if err != nil {
		return nil, err
	}
	return &Env{base: b, actionID: actionID}, nil
}

// Input returns ATLAS_INPUT_<NAME>, trimmed.
func (e *Env) Input(name string) string { return e.base.Input(name) }

// InputLocation names the variable an input is read from.
func (e *Env) InputLocation(name string) string { return ci.InputVar(name) }

// maxListItems bounds a YAML-array input; a pipe has far fewer variables.
const maxListItems = 1000

// InputList reads the form Bitbucket gives a pipe variable written as a YAML
// array: ATLAS_INPUT_<NAME>_COUNT and ATLAS_INPUT_<NAME>_0 .. _<COUNT-1>.
// It returns nil when there is no _COUNT variable.
func (e *Env) InputList(name string) ([]string, error) {
	base := ci.InputVar(name)
	raw := strings.TrimSpace(e.base.Host.Env(base + "_COUNT"))
	if raw == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > maxListItems {
		return nil, fmt.Errorf("%s_COUNT is %q, not a count from 0 to %d", base, raw, maxListItems)
	}
	items := make([]string, 0, n)
	for i := range n {
		items = append(items, strings.TrimSpace(e.base.Host.Env(base+"_"+strconv.Itoa(i))))
	}
	return items, nil
}

// OutputPath returns the file outputs are appended to, as Atlas's pipe
// does: $ATLAS_OUTPUT_DIR/outputs.sh when set, else
// $BITBUCKET_CLONE_DIR/.atlas-action/outputs.sh (the clone dir is the one
// place a later script line can read; pipe storage dirs are not).
func (e *Env) OutputPath() string {
	dir := e.base.Host.Env("ATLAS_OUTPUT_DIR")
	if dir == "" {
		dir = filepath.Join(e.base.Host.Env("BITBUCKET_CLONE_DIR"), ".atlas-action")
	}
	return e.base.Host.Path(filepath.Join(dir, "outputs.sh"))
}

// SetOutput appends `export ATLAS_OUTPUT_<ACTION>_<NAME>='<value>'` to
// OutputPath, creating its directory (0700) and the file (0644) as needed.
// The value is single-quoted so that sourcing the file in bash or sh gives
// back exactly value, whatever it holds; Atlas's double-quoted Go syntax
// would let a shell expand $ and backticks. Refused: values holding a masked
// secret (a file in the clone dir is not masked) and NUL bytes (no shell
// variable can hold one).
func (e *Env) SetOutput(name, value string) error {
	v, err := ci.OutputVar(e.actionID, name)
	if err != nil {
		return fmt.Errorf("bitbucket: %w", err)
	}
	switch {
	case e.base.Secrets.Contains(value):
		return fmt.Errorf("bitbucket: output %q holds a masked secret; refusing to write it", name)
	case strings.IndexByte(value, 0) >= 0:
		return fmt.Errorf("bitbucket: output %q holds a NUL byte, which no shell variable can hold", name)
	}
	path := e.OutputPath()
	e.base.Lock()
	defer e.base.Unlock()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("bitbucket: output %q: %w", name, err)
	}
	// One line, one write: see ci.AppendFile for what that makes atomic.
	if err := ci.AppendFile(path, "export "+v+"="+ShellQuote(value)+"\n"); err != nil {
		return fmt.Errorf("bitbucket: output %q: %w", name, err)
	}
	return nil
}

// ShellQuote returns s as one POSIX-shell word that evaluates to exactly s.
// Inside single quotes every byte is literal except the single quote itself,
// which is closed, escaped and reopened; the empty string stays a word:
//
//	it's  →  'it'\''s'
//	(empty)  →  ''
func ShellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Mask hides secret from every line printed from now on. Bitbucket has no
// runtime mask command; only secured variables are masked by the runner.
func (e *Env) Mask(secret string) { e.base.Secrets.Add(secret) }

// Logger returns a logger printing one coloured line per record, with no
// level prefix, as Atlas's pipe does: cyan info, yellow warning, red error,
// grey debug.
func (e *Env) Logger() *slog.Logger { return e.base.Logger() }

// RunURL links the pipeline result, and the step when BITBUCKET_STEP_UUID is
// known: https://bitbucket.org/<full name>/pipelines/results/<build>/steps/<%7Buuid%7D>.
// It is "" when the repository or build number is missing.
func (e *Env) RunURL() string {
	repo, build := e.base.Host.Env("BITBUCKET_REPO_FULL_NAME"), e.base.Host.Env("BITBUCKET_BUILD_NUMBER")
	if repo == "" || build == "" {
		return ""
	}
	u := "https://bitbucket.org/" + repo + "/pipelines/results/" + url.PathEscape(build)
	if step := e.base.Host.Env("BITBUCKET_STEP_UUID"); step != "" {
		u += "/steps/" + url.PathEscape(step)
	}
	return u
}

// Succeeded prints a green "✔ msg", the success line of Atlassian's pipes.
func (e *Env) Succeeded(msg string) { ansi.Succeeded(e.base, msg) }

// Failed prints a red "✖ <err>"; main then exits non-zero, failing the step.
func (e *Env) Failed(err error) { ansi.Failed(e.base, err) }

var (
	_ action.Env          = (*Env)(nil)
	_ action.ListInput    = (*Env)(nil)
	_ action.InputLocator = (*Env)(nil)
	_ ci.Finisher         = (*Env)(nil)
)

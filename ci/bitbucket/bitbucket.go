// Package bitbucket runs actions as a Bitbucket Pipelines pipe, keeping the
// contract of Atlas's pipe (arigaio/atlas-action) so it is a drop-in:
// inputs from ATLAS_INPUT_<NAME>, outputs appended as export lines to a
// shell file that a later script line sources, coloured log lines.
//
// See https://support.atlassian.com/bitbucket-cloud/docs/write-a-pipe-for-bitbucket-pipelines/
package bitbucket

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

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
	host     ci.Host
	actionID string
	secrets  ci.Secrets
	logger   *slog.Logger
	mu       sync.Mutex // one writer at a time on Stdout and the outputs file
}

// New returns the Env for the action with the given ID. Debug lines are
// printed only when DEBUG is true, the switch every pipe README documents.
func New(h ci.Host, actionID string) (*Env, error) {
	if actionID == "" {
		return nil, errors.New("bitbucket: no action ID given")
	}
	if h.Stdout == nil {
		h.Stdout = io.Discard
	}
	e := &Env{host: h, actionID: actionID}
	level := slog.LevelInfo
	if debug, _ := strconv.ParseBool(strings.TrimSpace(h.Env("DEBUG"))); debug {
		level = slog.LevelDebug
	}
	e.logger = slog.New(ci.NewHandler(&e.secrets, level, func(l slog.Level, text string) error {
		return e.print(ansi.Paint(ansi.ForLevel(l), text))
	}))
	return e, nil
}

// Input returns ATLAS_INPUT_<NAME>, trimmed.
func (e *Env) Input(name string) string {
	return strings.TrimSpace(e.host.Env(ci.InputVar(name)))
}

// InputLocation names the variable an input is read from.
func (e *Env) InputLocation(name string) string { return ci.InputVar(name) }

// maxListItems bounds a YAML-array input; a pipe has far fewer variables.
const maxListItems = 1000

// InputList reads the form Bitbucket gives a pipe variable written as a YAML
// array: ATLAS_INPUT_<NAME>_COUNT and ATLAS_INPUT_<NAME>_0 .. _<COUNT-1>.
// It returns nil when there is no _COUNT variable.
func (e *Env) InputList(name string) ([]string, error) {
	base := ci.InputVar(name)
	raw := strings.TrimSpace(e.host.Env(base + "_COUNT"))
	if raw == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > maxListItems {
		return nil, fmt.Errorf("%s_COUNT is %q, not a count from 0 to %d", base, raw, maxListItems)
	}
	items := make([]string, 0, n)
	for i := range n {
		items = append(items, strings.TrimSpace(e.host.Env(base+"_"+strconv.Itoa(i))))
	}
	return items, nil
}

// OutputPath returns the file outputs are appended to, as Atlas's pipe
// does: $ATLAS_OUTPUT_DIR/outputs.sh when set, else
// $BITBUCKET_CLONE_DIR/.atlas-action/outputs.sh (the clone dir is the one
// place a later script line can read; pipe storage dirs are not).
func (e *Env) OutputPath() string {
	dir := e.host.Env("ATLAS_OUTPUT_DIR")
	if dir == "" {
		dir = filepath.Join(e.host.Env("BITBUCKET_CLONE_DIR"), ".atlas-action")
	}
	return e.host.Path(filepath.Join(dir, "outputs.sh"))
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
	case e.secrets.Contains(value):
		return fmt.Errorf("bitbucket: output %q holds a masked secret; refusing to write it", name)
	case strings.IndexByte(value, 0) >= 0:
		return fmt.Errorf("bitbucket: output %q holds a NUL byte, which no shell variable can hold", name)
	}
	path := e.OutputPath()
	e.mu.Lock()
	defer e.mu.Unlock()
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
func (e *Env) Mask(secret string) { e.secrets.Add(secret) }

// Logger returns a logger printing one coloured line per record, with no
// level prefix, as Atlas's pipe does: cyan info, yellow warning, red error,
// grey debug.
func (e *Env) Logger() *slog.Logger { return e.logger }

// RunURL links the pipeline result, and the step when BITBUCKET_STEP_UUID is
// known: https://bitbucket.org/<full name>/pipelines/results/<build>/steps/<%7Buuid%7D>.
// It is "" when the repository or build number is missing.
func (e *Env) RunURL() string {
	repo, build := e.host.Env("BITBUCKET_REPO_FULL_NAME"), e.host.Env("BITBUCKET_BUILD_NUMBER")
	if repo == "" || build == "" {
		return ""
	}
	u := "https://bitbucket.org/" + repo + "/pipelines/results/" + url.PathEscape(build)
	if step := e.host.Env("BITBUCKET_STEP_UUID"); step != "" {
		u += "/steps/" + url.PathEscape(step)
	}
	return u
}

// Succeeded prints a green "✔ msg", the success line of Atlassian's pipes.
func (e *Env) Succeeded(msg string) {
	_ = e.print(ansi.Paint(ansi.Green, "✔ "+e.secrets.Redact(msg)))
}

// Failed prints a red "✖ <err>"; main then exits non-zero, failing the step.
func (e *Env) Failed(err error) {
	if err == nil {
		err = errors.New("failed")
	}
	_ = e.print(ansi.Paint(ansi.Red, "✖ "+e.secrets.Redact(err.Error())))
}

func (e *Env) print(s string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, err := io.WriteString(e.host.Stdout, s)
	return err
}

var (
	_ action.Env          = (*Env)(nil)
	_ action.ListInput    = (*Env)(nil)
	_ action.InputLocator = (*Env)(nil)
	_ ci.Finisher         = (*Env)(nil)
)

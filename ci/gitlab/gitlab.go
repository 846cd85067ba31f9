// Package gitlab runs actions as a GitLab CI job (typically from a CI/CD
// component): inputs from ATLAS_INPUT_* job variables, outputs as a dotenv
// report that later jobs receive as variables, collapsible log sections.
//
// See https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsdotenv
// and https://docs.gitlab.com/ci/jobs/job_logs/#custom-collapsible-sections
package gitlab

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
	"github.com/schemawatch/schemawatch/ci/internal/ansi"
)

// Name is the adapter's name for --ci.
const Name = "gitlab"

// DotenvSizeLimit is GitLab's default limit on a dotenv report: the file must
// be smaller than this many bytes or the whole report is rejected.
// Self-managed instances can change it.
const DotenvSizeLimit = 5 * 1024

func init() {
	ci.Register(ci.Adapter{
		Name:   Name,
		Order:  30,
		Detect: Detect,
		New:    func(h ci.Host, actionID string) (action.Env, error) { return New(h, actionID) },
	})
}

// Detect reports whether h runs in a GitLab CI job (GITLAB_CI=true).
func Detect(h ci.Host) bool {
	return h.Env("GITLAB_CI") == "true"
}

// Env is an action.Env for a GitLab CI job. It also implements
// action.Grouper, action.InputLocator and ci.Finisher.
type Env struct {
	base     *ci.Base // its lock keeps one writer at a time on Stdout and the .env file
	actionID string
	sections int // numbers section names, which must be unique in a log
}

// New returns the Env for the action with the given ID. Debug lines are
// printed only when DEBUG is true.
func New(h ci.Host, actionID string) (*Env, error) {
	b, err := ci.NewBase(Name, h, actionID, ci.DebugLevel(h, false), ansi.Emit)
	if err != nil {
		return nil, err
	}
	return &Env{base: b, actionID: actionID}, nil
}

// Input returns ATLAS_INPUT_<NAME>, trimmed, without one pair of surrounding
// double or single quotes: component templates pass inputs as quoted
// strings, and Atlas strips them the same way.
func (e *Env) Input(name string) string {
	v := e.base.Input(name)
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = strings.TrimSpace(v[1 : len(v)-1])
	}
	return v
}

// InputLocation names the variable an input is read from.
func (e *Env) InputLocation(name string) string { return ci.InputVar(name) }

// DotenvPath returns $CI_PROJECT_DIR/.env, the file a component declares as
// its dotenv report. It is anchored to the project dir rather than the
// working directory because the working-directory input moves the latter.
func (e *Env) DotenvPath() string {
	return e.base.Host.Path(filepath.Join(e.base.Host.Env("CI_PROJECT_DIR"), ".env"))
}

// SetOutput appends ATLAS_OUTPUT_<ACTION>_<NAME>=value to DotenvPath,
// unquoted: GitLab's dotenv reader keeps quotes as part of the value. A value
// the reader cannot carry exactly is refused with nothing written, because
// one bad line makes GitLab reject the whole report: line breaks or NUL,
// invalid UTF-8, leading or trailing whitespace (stripped by the reader), "$"
// (GitLab expands variable references in dotenv values), a masked secret, or
// a line that would take the file past DotenvSizeLimit.
func (e *Env) SetOutput(name, value string) error {
	key, err := ci.OutputVar(e.actionID, name)
	if err != nil {
		return fmt.Errorf("gitlab: %w", err)
	}
	if why := refuse(value); why != "" {
		return fmt.Errorf("gitlab: output %q cannot go in a dotenv report: %s", name, why)
	}
	if e.base.Secrets.Contains(value) {
		return fmt.Errorf("gitlab: output %q holds a masked secret; refusing to write it", name)
	}
	line := key + "=" + value + "\n"
	path := e.DotenvPath()
	e.base.Lock()
	defer e.base.Unlock()
	var size int64
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("gitlab: output %q: %w", name, err)
	}
	if total := size + int64(len(line)); total >= DotenvSizeLimit {
		return fmt.Errorf("gitlab: output %q would make %s %d bytes; GitLab rejects dotenv reports of %d bytes or more", name, path, total, DotenvSizeLimit)
	}
	if err := ci.AppendFile(path, line); err != nil {
		return fmt.Errorf("gitlab: output %q: %w", name, err)
	}
	return nil
}

// refuse says why value cannot be carried by a dotenv line, or "".
func refuse(value string) string {
	switch {
	case strings.ContainsAny(value, "\n\r"):
		return "it spans lines"
	case strings.IndexByte(value, 0) >= 0:
		return "it holds a NUL byte"
	case !utf8.ValidString(value):
		return "it is not valid UTF-8"
	case strings.TrimSpace(value) != value:
		return "it has leading or trailing whitespace, which GitLab strips"
	case strings.Contains(value, "$"):
		return `it holds "$", which GitLab expands as a variable reference`
	}
	return ""
}

// Mask hides secret from every line printed from now on. GitLab has no
// runtime mask command; only masked CI/CD variables are masked by the runner.
func (e *Env) Mask(secret string) { e.base.Secrets.Add(secret) }

// Logger returns a logger printing one coloured line per record: cyan info,
// yellow warning, red error, grey debug.
func (e *Env) Logger() *slog.Logger { return e.base.Logger() }

// Group opens a collapsed log section titled title and returns the function
// that closes it. The markers carry Host.Now's Unix time, from which GitLab
// shows the section's duration.
func (e *Env) Group(title string) (end func()) {
	// The name is printed too, so it is derived from the redacted title.
	title = strings.Join(strings.Fields(e.base.Secrets.Redact(title)), " ")
	e.base.Lock()
	e.sections++
	name := "sw_" + strconv.Itoa(e.sections) + "_" + sectionName(title)
	e.base.Unlock()
	h := e.base.Host
	_ = e.base.Print(h.Stdout, fmt.Sprintf("\x1b[0Ksection_start:%d:%s[collapsed=true]\r\x1b[0K%s\n", h.Time().Unix(), name, title))
	return func() {
		_ = e.base.Print(h.Stdout, fmt.Sprintf("\x1b[0Ksection_end:%d:%s\r\x1b[0K\n", h.Time().Unix(), name))
	}
}

// sectionName keeps the characters GitLab allows in a section name (letters,
// digits, '_', '.', '-'), lower-cased and bounded.
func sectionName(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
		if b.Len() >= 40 {
			break
		}
	}
	return strings.Trim(b.String(), "_")
}

// RunURL returns CI_JOB_URL, the job's page.
func (e *Env) RunURL() string { return e.base.Host.Env("CI_JOB_URL") }

// Succeeded prints a green "✔ msg".
func (e *Env) Succeeded(msg string) { ansi.Succeeded(e.base, msg) }

// Failed prints a red "✖ <err>"; main then exits non-zero, failing the job.
func (e *Env) Failed(err error) { ansi.Failed(e.base, err) }

var (
	_ action.Env          = (*Env)(nil)
	_ action.Grouper      = (*Env)(nil)
	_ action.InputLocator = (*Env)(nil)
	_ ci.Finisher         = (*Env)(nil)
)

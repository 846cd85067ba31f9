// Package github runs actions as a GitHub Action, on top of
// github.com/sethvargo/go-githubactions for inputs and workflow commands.
//
// The library panics when a write fails and exits on Fatalf; neither may
// reach us. It is therefore given a writer that never reports an error, every
// call into it recovers, Fatalf is never called, and the file commands
// (outputs, job summary) are written here so that their errors are returned.
//
// See https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
package github

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"

	"github.com/sethvargo/go-githubactions"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
)

// Name is the adapter's name for --ci.
const Name = "github"

func init() {
	ci.Register(ci.Adapter{
		Name:   Name,
		Order:  10,
		Detect: Detect,
		New:    func(h ci.Host, actionID string) (action.Env, error) { return New(h, actionID) },
	})
}

// Detect reports whether h runs in GitHub Actions (GITHUB_ACTIONS=true).
func Detect(h ci.Host) bool {
	return h.Env("GITHUB_ACTIONS") == "true"
}

// Env is an action.Env for a GitHub Action step. It also implements
// action.Summarizer, action.Grouper, action.InputLocator and ci.Finisher.
type Env struct {
	base *ci.Base // its lock: one command at a time on Stdout; one writer per file
	out  *quietWriter
	act  *githubactions.Action
	// delimiter makes a heredoc delimiter; tests replace it.
	delimiter func() string
}

// New returns the Env for a step running the action with the given ID. Debug
// lines are always emitted: the runner shows them only when step debugging
// is on.
func New(h ci.Host, actionID string) (*Env, error) {
	e := &Env{delimiter: newDelimiter}
	b, err := ci.NewBase(Name, h, actionID, slog.LevelDebug, func(_ *ci.Base, l slog.Level, text string) error {
		return e.emit(l, text)
	})
	if err != nil {
		return nil, err
	}
	e.base, e.out = b, &quietWriter{w: b.Host.Stdout}
	e.act = githubactions.New(
		githubactions.WithGetenv(b.Host.Env),
		githubactions.WithWriter(e.out),
	)
	return e, nil
}

// Input returns INPUT_<NAME> (upper case, spaces to '_', hyphens kept, as
// the runner sets it), trimmed.
func (e *Env) Input(name string) string { return e.act.GetInput(name) }

// InputLocation names the variable an input is read from.
func (e *Env) InputLocation(name string) string {
	return "INPUT_" + strings.ToUpper(strings.ReplaceAll(name, " ", "_"))
}

// Mask tells the runner to mask secret (::add-mask::) and redacts it from
// everything this Env prints. The add-mask line is the one line that must
// carry the secret; the runner consumes it. Each line of a multi-line secret
// is masked too, since the runner matches line by line.
func (e *Env) Mask(secret string) {
	for _, v := range e.base.Secrets.Add(secret) {
		_ = e.issue(func() { e.act.AddMask(v) })
	}
}

// Logger returns a logger printing info as plain lines and the other levels
// as ::debug::, ::warning:: and ::error:: commands.
func (e *Env) Logger() *slog.Logger { return e.base.Logger() }

func (e *Env) emit(l slog.Level, text string) error {
	return e.issue(func() {
		switch {
		case l >= slog.LevelError:
			e.act.Errorf("%s", text)
		case l >= slog.LevelWarn:
			e.act.Warningf("%s", text)
		case l >= slog.LevelInfo:
			e.plain(text)
		default:
			e.act.Debugf("%s", text)
		}
	})
}

// plain prints text as log lines that the runner must not read as commands:
// when a line looks like one (schema comments are user text), the text is
// fenced with ::stop-commands::, which the runner documents for exactly this.
func (e *Env) plain(text string) {
	if !looksLikeCommand(text) {
		e.act.Infof("%s", text)
		return
	}
	token := "sw-" + rand.Text()
	e.act.IssueCommand(&githubactions.Command{Name: "stop-commands", Message: token})
	e.act.Infof("%s", text)
	e.act.IssueCommand(&githubactions.Command{Name: token})
}

func looksLikeCommand(text string) bool {
	for line := range strings.Lines(text) {
		// The runner trims a line before looking for "::"; "##[" is the
		// older command syntax it still reads.
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "::") || strings.HasPrefix(line, "##[") {
			return true
		}
	}
	return false
}

// Group opens a collapsible ::group:: titled title; call end to close it.
func (e *Env) Group(title string) (end func()) {
	_ = e.issue(func() { e.act.Group(e.base.Secrets.Redact(title)) })
	return func() { _ = e.issue(e.act.EndGroup) }
}

// SetOutput appends the output to the file named by $GITHUB_OUTPUT:
// "name=value" for a one-line value, else a heredoc with a fresh random
// delimiter:
//
//	name<<ghadelimiter_<random>
//	line 1
//	line 2
//	ghadelimiter_<random>
//
// We write it ourselves because the library always uses one fixed
// delimiter, so a value holding that line would end the heredoc early and
// inject other outputs; it also panics on a failed write. A value holding
// our delimiter as a line, or a masked secret (outputs are not masked), is
// refused.
func (e *Env) SetOutput(name, value string) error {
	if err := checkName(name); err != nil {
		return err
	}
	if e.base.Secrets.Contains(value) {
		return fmt.Errorf("github: output %q holds a masked secret; refusing to write it", name)
	}
	path := e.base.Host.Env("GITHUB_OUTPUT")
	if path == "" {
		return fmt.Errorf("github: output %q: GITHUB_OUTPUT is not set (is this a GitHub Actions step?)", name)
	}
	entry := name + "=" + value + githubactions.EOF
	if strings.ContainsAny(value, "\r\n") {
		delim := e.delimiter()
		for line := range strings.SplitSeq(value, githubactions.EOF) {
			if line == delim {
				return fmt.Errorf("github: output %q holds the line %q, the heredoc delimiter; refusing to write it", name, delim)
			}
		}
		entry = name + "<<" + delim + githubactions.EOF + value + githubactions.EOF + delim + githubactions.EOF
	}
	e.base.Lock()
	defer e.base.Unlock()
	if err := ci.AppendFile(e.base.Host.Path(path), entry); err != nil {
		return fmt.Errorf("github: output %q: %w", name, err)
	}
	return nil
}

// checkName accepts the names GitHub accepts as output ids, which also keeps
// "=" and "<<" (the file syntax) out of them.
func checkName(name string) error {
	for i, r := range name {
		ok := r == '_' || r == '-' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if !ok || (i == 0 && r == '-') {
			return fmt.Errorf("github: output name %q is not valid (start with a letter or '_'; use letters, digits, '-', '_')", name)
		}
	}
	if name == "" {
		return errors.New("github: output name is empty")
	}
	return nil
}

func newDelimiter() string { return "ghadelimiter_" + rand.Text() }

// AddSummary appends markdown, secrets redacted, to the job summary file
// named by $GITHUB_STEP_SUMMARY (about 1 MiB per step is shown).
func (e *Env) AddSummary(markdown string) error {
	path := e.base.Host.Env("GITHUB_STEP_SUMMARY")
	if path == "" {
		return errors.New("github: GITHUB_STEP_SUMMARY is not set; no job summary is available")
	}
	text := e.base.Secrets.Redact(markdown)
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	e.base.Lock()
	defer e.base.Unlock()
	if err := ci.AppendFile(e.base.Host.Path(path), text); err != nil {
		return fmt.Errorf("github: job summary: %w", err)
	}
	return nil
}

// RunURL links the workflow run:
// ${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID},
// plus /attempts/N for a re-run (N > 1). The job id is not in the
// environment, so there is no job link. "" when repository or run id is
// missing.
func (e *Env) RunURL() string {
	h := e.base.Host
	repo, run := h.Env("GITHUB_REPOSITORY"), h.Env("GITHUB_RUN_ID")
	if repo == "" || run == "" {
		return ""
	}
	server := strings.TrimRight(h.Env("GITHUB_SERVER_URL"), "/")
	if server == "" {
		server = "https://github.com"
	}
	u := server + "/" + repo + "/actions/runs/" + run
	if n, err := strconv.Atoi(h.Env("GITHUB_RUN_ATTEMPT")); err == nil && n > 1 {
		u += "/attempts/" + strconv.Itoa(n)
	}
	return u
}

// Succeeded prints msg as a plain log line.
func (e *Env) Succeeded(msg string) {
	_ = e.emit(slog.LevelInfo, e.base.Secrets.Redact(msg))
}

// Failed prints err as an ::error:: annotation, shown on the run page.
func (e *Env) Failed(err error) {
	if err == nil {
		err = errors.New("failed")
	}
	_ = e.emit(slog.LevelError, e.base.Secrets.Redact(err.Error()))
}

// issue runs one library call under the lock, turning a panic into an error.
func (e *Env) issue(f func()) (err error) {
	e.base.Lock()
	defer e.base.Unlock()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("github: workflow command: %v", r)
		}
	}()
	f()
	return e.out.Err()
}

// quietWriter passes writes through and remembers the first error instead of
// returning it: the library panics on a write error, and a log line that
// cannot be printed is not worth failing a run for.
type quietWriter struct {
	w   io.Writer
	err error
}

func (q *quietWriter) Write(p []byte) (int, error) {
	if q.err == nil {
		_, q.err = q.w.Write(p)
	}
	return len(p), nil
}

// Err returns the first write error.
func (q *quietWriter) Err() error { return q.err }

var (
	_ action.Env          = (*Env)(nil)
	_ action.Summarizer   = (*Env)(nil)
	_ action.Grouper      = (*Env)(nil)
	_ action.InputLocator = (*Env)(nil)
	_ ci.Finisher         = (*Env)(nil)
)

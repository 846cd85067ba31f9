package ci

import (
	"errors"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
)

// Base is what every adapter's Env keeps and does the same way: the host,
// the secrets masked so far, a logger that redacts them, and one lock, so
// that log lines, section markers and output-file appends never interleave.
// An adapter holds a *Base and adds only what its CI does differently.
type Base struct {
	// Host is the host the adapter was built from, with a nil Stdout or
	// Stderr replaced by io.Discard.
	Host Host
	// Secrets holds what Mask was given; the logger redacts them.
	Secrets Secrets
	logger  *slog.Logger
	mu      sync.Mutex
}

// NewBase returns the Base of the adapter called name (the prefix of its
// errors) for the action with the given ID. Its logger passes records at
// level or above, redacted, to emit; emit may call the Base's Print, since
// the logger is used only after NewBase returns.
func NewBase(name string, h Host, actionID string, level slog.Leveler, emit func(b *Base, l slog.Level, text string) error) (*Base, error) {
	if actionID == "" {
		return nil, errors.New(name + ": no action ID given")
	}
	if h.Stdout == nil {
		h.Stdout = io.Discard
	}
	if h.Stderr == nil {
		h.Stderr = io.Discard
	}
	b := &Base{Host: h}
	b.logger = slog.New(NewHandler(&b.Secrets, level, func(l slog.Level, text string) error {
		return emit(b, l, text)
	}))
	return b, nil
}

// DebugLevel returns slog.LevelDebug when the DEBUG variable is true (the
// switch every pipe README documents) or when on is set, else
// slog.LevelInfo.
func DebugLevel(h Host, on bool) slog.Level {
	if debug, _ := strconv.ParseBool(strings.TrimSpace(h.Env("DEBUG"))); debug || on {
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

// Input returns the variable InputVar(name), trimmed: how Bitbucket, GitLab
// and the terminal read an input.
func (b *Base) Input(name string) string {
	return strings.TrimSpace(b.Host.Env(InputVar(name)))
}

// Logger returns the logger NewBase built.
func (b *Base) Logger() *slog.Logger { return b.logger }

// Lock takes the lock that Print holds while writing, for an adapter that
// appends to an output file or updates its own state.
func (b *Base) Lock() { b.mu.Lock() }

// Unlock releases the lock taken by Lock.
func (b *Base) Unlock() { b.mu.Unlock() }

// Print writes s to w under the lock.
func (b *Base) Print(w io.Writer, s string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, err := io.WriteString(w, s)
	return err
}

// SuccessLine returns "✔ msg" with secrets redacted: the success line of
// Atlassian's pipes, which the terminal prints too.
func (b *Base) SuccessLine(msg string) string {
	return "✔ " + b.Secrets.Redact(msg)
}

// FailureLine returns "✖ <err>" with secrets redacted ("✖ failed" for a nil
// err).
func (b *Base) FailureLine(err error) string {
	if err == nil {
		err = errors.New("failed")
	}
	return "✖ " + b.Secrets.Redact(err.Error())
}

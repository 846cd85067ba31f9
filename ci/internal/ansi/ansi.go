// Package ansi colours log lines for CIs whose log viewers render ANSI
// escapes (Bitbucket Pipelines, GitLab). It follows the palette of
// Atlassian's pipe helper (common.sh) and Atlas's pipe.
package ansi

import (
	"log/slog"
	"strings"

	"github.com/schemawatch/schemawatch/ci"
)

// Colours used by the adapters.
const (
	Reset  = "\x1b[0m"
	Red    = "\x1b[31m"
	Green  = "\x1b[32m"
	Yellow = "\x1b[33m"
	Cyan   = "\x1b[36m"
	Grey   = "\x1b[90m"
)

// ForLevel returns the colour of a log level: grey debug, cyan info, yellow
// warning, red error.
func ForLevel(l slog.Level) string {
	switch {
	case l >= slog.LevelError:
		return Red
	case l >= slog.LevelWarn:
		return Yellow
	case l >= slog.LevelInfo:
		return Cyan
	default:
		return Grey
	}
}

// Paint colours every line of text separately and ends it with a newline.
// Log viewers reset colours at line breaks, so a colour opened once would be
// lost after the first line of a multi-line message.
func Paint(colour, text string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(strings.TrimSuffix(text, "\n"), "\n") {
		b.WriteString(colour)
		b.WriteString(strings.TrimSuffix(line, "\r"))
		b.WriteString(Reset)
		b.WriteByte('\n')
	}
	return b.String()
}

// Emit prints a log record on the host's stdout in its level's colour: the
// emit function of ci.NewBase for adapters whose CIs render colours.
func Emit(b *ci.Base, l slog.Level, text string) error {
	return b.Print(b.Host.Stdout, Paint(ForLevel(l), text))
}

// Succeeded prints a green "✔ msg" on the host's stdout.
func Succeeded(b *ci.Base, msg string) {
	_ = b.Print(b.Host.Stdout, Paint(Green, b.SuccessLine(msg)))
}

// Failed prints a red "✖ <err>" on the host's stdout.
func Failed(b *ci.Base, err error) {
	_ = b.Print(b.Host.Stdout, Paint(Red, b.FailureLine(err)))
}

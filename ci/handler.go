package ci

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"unicode"
)

// EmitFunc prints one log record for a CI. text is the message followed by
// its attributes as key=value pairs, already redacted; it may span lines.
type EmitFunc func(level slog.Level, text string) error

// Handler is the slog.Handler every adapter's Logger uses: it renders a
// record as one readable text, removes every masked secret from it and hands
// it to the adapter's EmitFunc, which adds the CI's colours or commands.
// Redaction happens on the whole rendered text, attributes included, before
// any CI escaping could split a secret.
type Handler struct {
	secrets *Secrets
	level   slog.Leveler
	emit    EmitFunc
	attrs   string // pre-rendered attributes from WithAttrs
	group   string // dotted prefix from WithGroup
}

// NewHandler returns a handler that passes records at or above level, with
// secrets redacted, to emit.
func NewHandler(secrets *Secrets, level slog.Leveler, emit EmitFunc) *Handler {
	if level == nil {
		level = slog.LevelInfo
	}
	return &Handler{secrets: secrets, level: level, emit: emit}
}

// Enabled reports whether records at l are printed.
func (h *Handler) Enabled(_ context.Context, l slog.Level) bool {
	return l >= h.level.Level()
}

// Handle renders, redacts and emits r.
func (h *Handler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	b.WriteString(h.attrs)
	r.Attrs(func(a slog.Attr) bool {
		appendAttr(&b, h.group, a)
		return true
	})
	return h.emit(r.Level, h.secrets.Redact(b.String()))
}

// WithAttrs returns a handler that adds attrs to every record.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	var b strings.Builder
	b.WriteString(h.attrs)
	for _, a := range attrs {
		appendAttr(&b, h.group, a)
	}
	h2 := *h
	h2.attrs = b.String()
	return &h2
}

// WithGroup returns a handler that prefixes later attribute keys with name.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	h2 := *h
	h2.group = h.group + name + "."
	return &h2
}

func appendAttr(b *strings.Builder, prefix string, a slog.Attr) {
	v := a.Value.Resolve()
	if a.Equal(slog.Attr{}) {
		return
	}
	if v.Kind() == slog.KindGroup {
		if a.Key != "" {
			prefix += a.Key + "."
		}
		for _, ga := range v.Group() {
			appendAttr(b, prefix, ga)
		}
		return
	}
	b.WriteByte(' ')
	b.WriteString(prefix)
	b.WriteString(a.Key)
	b.WriteByte('=')
	b.WriteString(quoteIfNeeded(v.String()))
}

// quoteIfNeeded keeps plain values readable and quotes the rest, as
// slog.TextHandler does, so a value cannot fake another key.
func quoteIfNeeded(s string) string {
	if s == "" {
		return `""`
	}
	for _, r := range s {
		if r == '=' || r == '"' || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

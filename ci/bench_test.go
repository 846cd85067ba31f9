package ci_test

import (
	"fmt"
	"log/slog"
	"testing"

	"github.com/schemawatch/schemawatch/ci"
)

// BenchmarkHandler measures one log record rendered and redacted against a
// few masked secrets, the cost every adapter pays per line.
func BenchmarkHandler(b *testing.B) {
	var s ci.Secrets
	for i := range 4 {
		s.Add(fmt.Sprintf("secret-value-%d-abcdefghijklmnop", i))
	}
	log := slog.New(ci.NewHandler(&s, slog.LevelInfo, func(slog.Level, string) error { return nil }))
	b.ReportAllocs()
	for b.Loop() {
		log.Info("pushed snapshot for postgres://monitor:secret-value-2-abcdefghijklmnop@db/app", "hash", "sw1:0123456789abcdef", "tables", 42)
	}
}

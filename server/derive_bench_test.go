package server_test

import (
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/schema"
)

// BenchmarkDerive5000Tables measures, on a 5,000-table snapshot, what the
// server does with pushed content: parse the HCL, decode the stored
// canonical JSON instead, and compare two versions.
func BenchmarkDerive5000Tables(b *testing.B) {
	skipLarge(b)
	s1, s2 := bigSnapshot(5000, 1), bigSnapshot(5000, 2)
	var hcl strings.Builder
	if err := schema.WriteHCL(&hcl, s1); err != nil {
		b.Fatal(err)
	}
	js, err := s1.CanonicalJSON()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("parse-hcl", func(b *testing.B) {
		b.SetBytes(int64(hcl.Len()))
		for b.Loop() {
			if _, err := schema.ParseHCL([]byte(hcl.String()), "snapshot.hcl"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode-json", func(b *testing.B) {
		b.SetBytes(int64(len(js)))
		for b.Loop() {
			if _, err := schema.ParseJSON(js); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("diff", func(b *testing.B) {
		for b.Loop() {
			schema.Diff(s1, s2)
		}
	})
}

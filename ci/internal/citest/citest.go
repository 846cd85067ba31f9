// Package citest holds the fixtures the adapter tests share: a host built
// from a map, and golden files. It is imported only from _test.go files.
package citest

import (
	"bytes"
	"flag"
	"os"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/ci"
)

var update = flag.Bool("update", os.Getenv("UPDATE_GOLDEN") == "1", "rewrite golden files")

// Host returns a host reading env, writing Stdout and Stderr both to the
// returned buffer, in a fresh temporary directory, with a clock fixed at
// 2026-05-04 03:02:01 UTC.
func Host(t testing.TB, env map[string]string) (ci.Host, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	return ci.Host{
		Getenv: func(k string) string { return env[k] },
		Stdout: &out,
		Stderr: &out,
		Dir:    t.TempDir(),
		Now:    func() time.Time { return time.Date(2026, 5, 4, 3, 2, 1, 0, time.UTC) },
	}, &out
}

// Env builds the Env for monitor/schema with an adapter's New, failing t
// when it cannot.
func Env[E any](t testing.TB, newEnv func(ci.Host, string) (E, error), h ci.Host) E {
	t.Helper()
	e, err := newEnv(h, "monitor/schema")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Golden compares got with the file at path, or rewrites the file when
// UPDATE_GOLDEN=1 (or -update) is given.
func Golden(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (UPDATE_GOLDEN=1 rewrites it)\n got: %q\nwant: %q", path, got, want)
	}
}

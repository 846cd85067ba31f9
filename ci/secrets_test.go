package ci_test

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/schemawatch/schemawatch/ci"
)

func TestSecrets(t *testing.T) {
	t.Parallel()
	var s ci.Secrets
	if got := s.Redact("nothing masked"); got != "nothing masked" {
		t.Errorf("zero Secrets changed text: %q", got)
	}
	if added := s.Add("abc"); !slices.Equal(added, []string{"abc"}) {
		t.Errorf("Add(abc) = %q", added)
	}
	if added := s.Add("abc"); added != nil {
		t.Errorf("second Add(abc) = %q, want nil", added)
	}
	s.Add("abcdef") // contains the first: must be replaced whole
	s.Add("   ")    // ignored: would blank every space
	s.Add("line one\nline two")
	tests := []struct{ in, want string }{
		{"x abcdef y", "x *** y"},
		{"x abc y", "x *** y"},
		{"a b  c", "a b  c"},
		{"line one\nline two", "***"},
		{"only line two here", "only *** here"},
	}
	for _, tt := range tests {
		if got := s.Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if !s.Contains("zabcz") || s.Contains("ab c") {
		t.Error("Contains is wrong")
	}
}

func TestHandler(t *testing.T) {
	t.Parallel()
	var s ci.Secrets
	s.Add("hunter2")
	type rec struct {
		level slog.Level
		text  string
	}
	var got []rec
	h := ci.NewHandler(&s, slog.LevelInfo, func(l slog.Level, text string) error {
		got = append(got, rec{l, text})
		return nil
	})
	log := slog.New(h)
	log.Debug("hidden")
	log.Info("plain", "n", 3, "s", "two words", "q", `a"b`, "empty", "", "err", errors.New("pw hunter2"))
	log.With("a", 1).WithGroup("g").Warn("grouped", "k", "v", slog.Group("sub", "x", "y"))
	log.Error("msg with hunter2\nsecond line")
	want := []rec{
		{slog.LevelInfo, `plain n=3 s="two words" q="a\"b" empty="" err="pw ***"`},
		{slog.LevelWarn, "grouped a=1 g.k=v g.sub.x=y"},
		{slog.LevelError, "msg with ***\nsecond line"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("records:\n got %+v\nwant %+v", got, want)
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	if got := ci.InputVar("working-directory"); got != "ATLAS_INPUT_WORKING_DIRECTORY" {
		t.Errorf("InputVar = %q", got)
	}
	if got := ci.AtlasName("a/b c-d"); got != "A_B_C_D" {
		t.Errorf("AtlasName = %q", got)
	}
	if got, err := ci.OutputVar("monitor/schema", "url"); err != nil || got != "ATLAS_OUTPUT_MONITOR_SCHEMA_URL" {
		t.Errorf("OutputVar = %q, %v", got, err)
	}
	if _, err := ci.OutputVar("monitor/schema", "ü"); err == nil {
		t.Error("OutputVar accepted a non-ASCII name")
	}
}

func TestAppendFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "f")
	steps := []struct{ add, want string }{
		{"a\n", "a\n"},
		{"b\n", "a\nb\n"},
	}
	for _, s := range steps {
		if err := ci.AppendFile(path, s.add); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != s.want {
			t.Errorf("file = %q, want %q", got, s.want)
		}
	}
	// An unterminated last line gets its newline before our entry.
	if err := os.WriteFile(path, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := ci.AppendFile(path, "c\n"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, []byte("half\nc\n")) {
		t.Errorf("file = %q, want %q", got, "half\nc\n")
	}
	if err := ci.AppendFile(filepath.Join(path, "not-a-dir"), "x"); err == nil {
		t.Error("AppendFile under a regular file succeeded")
	}
}

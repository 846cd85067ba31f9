package github

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/schemawatch/schemawatch/ci"
)

// The delimiter is random, so only a test that fixes it can show that a value
// holding it is refused rather than written.
func TestSetOutputRefusesValueHoldingDelimiter(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := map[string]string{"GITHUB_OUTPUT": "out"}
	e, err := New(ci.Host{Getenv: func(k string) string { return env[k] }, Dir: dir}, "a/b")
	if err != nil {
		t.Fatal(err)
	}
	e.delimiter = func() string { return "ghadelimiter_FIXED" }
	err = e.SetOutput("url", "a\nghadelimiter_FIXED\nurl=https://evil.test")
	want := `github: output "url" holds the line "ghadelimiter_FIXED", the heredoc delimiter; refusing to write it`
	if err == nil || err.Error() != want {
		t.Fatalf("SetOutput error = %v, want %s", err, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Errorf("refused output created the file (%v)", err)
	}
	if err := e.SetOutput("url", "a\nghadelimiter_FIXEDx"); err != nil {
		t.Errorf("a line merely starting with the delimiter was refused: %v", err)
	}
}

package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// hclDocuments returns every HCL document the repository pins: this
// package's goldens and Atlas examples and the inspectors' goldens.
func hclDocuments(t *testing.T) map[string][]byte {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"testdata/*/*.hcl", "../inspect/*/testdata/golden/*.hcl"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 10 {
		t.Fatalf("found only %d HCL documents: %v", len(paths), paths)
	}
	docs := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs[p] = b
	}
	return docs
}

// formatted is the old WriteHCL body: every block rendered with
// placeholders and laid out by hclwrite.Format.
func formatted(b *hclBlock) string {
	var body strings.Builder
	var values []string
	b.render(&body, 0, &values)
	return unshield(hclwrite.Format([]byte(body.String())), values)
}

// TestWriteMatchesFormat holds hclBlock.write, which lays blocks out by
// itself, to hclwrite.Format's layout on every fixture, every pinned
// document read back, and a generated snapshot.
func TestWriteMatchesFormat(t *testing.T) {
	t.Parallel()
	snaps := map[string]*Snapshot{"bench": benchSnapshot(60, 1)}
	for _, fx := range hclFixtures {
		snaps[fx.name] = fx.snap()
	}
	for path, src := range hclDocuments(t) {
		s, err := ParseHCL(src, filepath.Base(path))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		snaps[path] = s
	}
	for name, s := range snaps {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d, err := dialectOf(s.Dialect)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range topBlocks(s, d) {
				if !b.plain() {
					continue
				}
				var got strings.Builder
				b.writeAt(&got, 0)
				if want := formatted(b); got.String() != want {
					t.Errorf("write differs from hclwrite.Format:\n--- got\n%s\n--- want\n%s", got.String(), want)
				}
			}
		})
	}
}

// TestHCLStringFastPath holds hclString's shortcut to hclwrite's quoting.
func TestHCLStringFastPath(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "users", "a b", "it's", `a"b`, `a\b`, "${x}", "$${x}", "%{x}", "a$b", "100%", "$", "%",
		"tab\there", "line\nbreak", "é", "\x7f", "~!@#^&*()_+-=[]{}|;:,./<>?`"} {
		want := string(hclwrite.TokensForValue(cty.StringVal(s)).Bytes())
		if got := hclString(s); got != want {
			t.Errorf("hclString(%q) = %s, want %s", s, got, want)
		}
	}
}

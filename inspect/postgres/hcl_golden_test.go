package postgres

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/schema"
)

// TestFixturesHCL inspects every fixture, compares its HCL with
// testdata/golden/<fixture>.hcl (UPDATE_GOLDEN=1 rewrites it), and reads
// the HCL back: the self-hosted server shows and diffs what was pushed
// through ParseHCL, so it must give the same canonical JSON and hash.
func TestFixturesHCL(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".sql")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db := fixture(t, name)
			snap := inspectURL(t, db.URL, inspect.Options{})
			var buf bytes.Buffer
			if err := schema.WriteHCL(&buf, snap); err != nil {
				t.Fatal(err)
			}
			golden(t, name+".hcl", buf.Bytes())
			back, err := schema.ParseHCL(buf.Bytes(), name+".pg.hcl")
			if err != nil {
				t.Fatalf("ParseHCL: %v", err)
			}
			if got, want := indented(t, back), indented(t, snap); !bytes.Equal(got, want) {
				t.Errorf("HCL round trip changed the snapshot:\n%s", firstDiff(string(want), string(got)))
			}
			if got, want := hashOf(t, back), hashOf(t, snap); got != want {
				t.Errorf("HCL round trip hash = %s, want %s", got, want)
			}
		})
	}
}

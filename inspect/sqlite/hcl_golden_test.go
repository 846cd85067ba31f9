package sqlite

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/schema"
)

// TestFixturesHCL inspects every fixture, compares its HCL with
// testdata/golden/<fixture>.hcl (UPDATE_GOLDEN=1 rewrites it), and reads
// the HCL back: the self-hosted server shows and diffs what was pushed
// through ParseHCL, so it must give the same canonical JSON and hash.
func TestFixturesHCL(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/fixtures/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		kind := strings.TrimSuffix(filepath.Base(f), ".sql")
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			ddl, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			snap := inspectPath(t, createDB(t, string(ddl)))
			var buf bytes.Buffer
			if err := schema.WriteHCL(&buf, snap); err != nil {
				t.Fatal(err)
			}
			golden(t, kind+".hcl", buf.String())
			back, err := schema.ParseHCL(buf.Bytes(), kind+".lt.hcl")
			if err != nil {
				t.Fatalf("ParseHCL: %v", err)
			}
			gotJSON, gotHash := canonical(t, back)
			wantJSON, wantHash := canonical(t, snap)
			if gotJSON != wantJSON {
				t.Errorf("HCL round trip changed the snapshot:\n got %s\nwant %s", gotJSON, wantJSON)
			}
			if gotHash != wantHash {
				t.Errorf("HCL round trip hash = %s, want %s", gotHash, wantHash)
			}
		})
	}
}

package mysql

import (
	"bytes"
	"testing"

	"github.com/schemawatch/schemawatch/internal/testdb"
	"github.com/schemawatch/schemawatch/schema"
)

// TestFixturesHCL inspects every fixture, compares its HCL with
// testdata/golden/<fixture>.hcl (UPDATE_GOLDEN=1 rewrites it), and reads
// the HCL back: the self-hosted server shows and diffs what was pushed
// through ParseHCL, so it must give the same canonical JSON and hash.
func TestFixturesHCL(t *testing.T) {
	t.Parallel()
	for name, src := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db := testdb.MariaDB(t)
			db.Exec(t, src)
			// Goldens name the schema "fixture": the database name is random.
			snap := renamed(t, inspectURL(t, db.URL), "fixture")
			var buf bytes.Buffer
			if err := schema.WriteHCL(&buf, snap); err != nil {
				t.Fatal(err)
			}
			golden(t, name+".hcl", buf.Bytes())
			back, err := schema.ParseHCL(buf.Bytes(), name+".my.hcl")
			if err != nil {
				t.Fatalf("ParseHCL: %v", err)
			}
			gotJSON, gotHash := canonical(t, back)
			wantJSON, wantHash := canonical(t, snap)
			if gotJSON != wantJSON {
				t.Errorf("HCL round trip changed the snapshot (- inspected, + read back):\n%s", lineDiff(string(indented(t, snap)), string(indented(t, back))))
			}
			if gotHash != wantHash {
				t.Errorf("HCL round trip hash = %s, want %s", gotHash, wantHash)
			}
		})
	}
}

package postgres

import (
	"bytes"
	"testing"

	"github.com/schemawatch/schemawatch/schema"
)

// checkHCL compares a fixture's HCL with testdata/golden/<fixture>.hcl
// (UPDATE_GOLDEN=1 rewrites it) and reads the HCL back: the self-hosted
// server shows and diffs what was pushed through ParseHCL, so it must give
// the same canonical JSON and hash. TestFixtures calls it on the snapshot it
// already inspected, so each fixture is loaded once.
func checkHCL(t *testing.T, name string, snap *schema.Snapshot) {
	t.Helper()
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
}

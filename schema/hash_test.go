package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestHashIsDigestOfCanonicalJSON holds Hash, which encodes straight into the
// digest, to the SHA-256 of the bytes CanonicalJSON returns (the stored form
// and what the golden .hash files were written from).
func TestHashIsDigestOfCanonicalJSON(t *testing.T) {
	for name, s := range map[string]*Snapshot{
		"postgres": fixturePostgresFull(), "mysql": fixtureMySQLFull(), "sqlite": fixtureSQLiteFull(),
		"quoting": fixtureQuoting(), "empty": {Dialect: Postgres},
	} {
		s.Canonicalize()
		b, err := s.CanonicalJSON()
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		want := HashPrefix + hex.EncodeToString(sum[:])
		got, err := s.Hash()
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: Hash() = %s, want %s", name, got, want)
		}
	}
}

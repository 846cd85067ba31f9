package server

import (
	"github.com/schemawatch/schemawatch/schema"
	"github.com/schemawatch/schemawatch/server/store"
)

// parseHCL reads a pushed snapshot. The parser is lenient: HCL from the
// official Atlas CLI with blocks it does not know still parses.
func parseHCL(hcl string) (*schema.Snapshot, error) {
	return schema.ParseHCL([]byte(hcl), "snapshot.hcl")
}

// diff compares two parsed versions; nil when either did not parse, since a
// raw snapshot has no objects to compare (its HCL diff is still shown).
func diff(prev, next *derived) *schema.Changes {
	if prev.snap == nil || next.snap == nil {
		return nil
	}
	return schema.Diff(prev.snap, next.snap)
}

// summarize returns what the store keeps and the API reports of a change:
// "kind name" strings.
func summarize(prev, next *derived) store.Changes {
	c := diff(prev, next)
	if c == nil {
		return store.Changes{}
	}
	var out store.Changes
	out.Added, out.Removed, out.Changed = c.Lists()
	return out
}

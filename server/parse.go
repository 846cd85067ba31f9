package server

import (
	"encoding/json"

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
func summarize(c *schema.Changes) store.Changes {
	if c == nil {
		return store.Changes{}
	}
	var out store.Changes
	out.Added, out.Removed, out.Changed = c.Lists()
	return out
}

// detail is what a push records about the change from the previous version
// (store.Version.Detail), so the first view of that diff compares nothing.
// Changes is nil when either version did not parse.
type detail struct {
	Changes *schema.Changes `json:"changes"`
}

func encodeDetail(c *schema.Changes) []byte {
	b, err := json.Marshal(detail{Changes: c})
	if err != nil {
		return nil // the diff page then compares the versions itself
	}
	return b
}

// decodeDetail reads a recorded detail; false when there is none or it
// cannot be read.
func decodeDetail(b []byte) (*detail, bool) {
	if b == nil {
		return nil, false
	}
	var d detail
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, false
	}
	return &d, true
}

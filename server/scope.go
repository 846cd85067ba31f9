package server

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/cloudapi"
	"github.com/schemawatch/schemawatch/server/store"
)

// ScopeKey returns the identity under which a scope's history is kept. When
// the client sends an extID (the slug input), it alone identifies the
// database, so the URL may change (a new host, a rotated user) without
// starting a new history. Otherwise the redacted URL and the schemas and
// exclude lists do, the lists compared as sets: order and repetition do not
// matter. The two kinds of key cannot collide.
func ScopeKey(id cloudapi.ScopeIdent) string {
	if ext := strings.TrimSpace(id.ExtID); ext != "" {
		return "ext:" + ext
	}
	b, _ := json.Marshal([]any{id.URL, setOf(id.Schemas), setOf(id.Exclude)})
	return "url:" + string(b)
}

func scopeOf(id cloudapi.ScopeIdent) store.Scope {
	return store.Scope{
		Key:     ScopeKey(id),
		URL:     id.URL,
		ExtID:   strings.TrimSpace(id.ExtID),
		Schemas: setOf(id.Schemas),
		Exclude: setOf(id.Exclude),
	}
}

// setOf returns the trimmed, non-empty entries of l, sorted and unique.
func setOf(l []string) []string {
	out := make([]string, 0, len(l))
	for _, v := range l {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

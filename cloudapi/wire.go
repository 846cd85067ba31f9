package cloudapi

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
)

// The two GraphQL documents, spelled as ATLAS-COMPAT §5 records them. They are
// exported so the self-hosted server can recognise them; a server that should
// also accept other clients must parse the document rather than compare bytes,
// since whitespace in a GraphQL document is insignificant.
const (
	// SnapshotHashQuery asks for the hash of the last snapshot stored for a scope.
	SnapshotHashQuery = `query snapshotHash($input: SnapshotHashInput!) { snapshotHash(input: $input) { hash } }`
	// PushSnapshotMutation records a run: a new snapshot, or only that the schema
	// was seen unchanged.
	PushSnapshotMutation = `mutation pushSnapshot($input: PushSnapshotInput!) { pushSnapshot(input: $input) { newVersion url } }`
)

// ScopeIdent names a monitored database scope. The service keys its history on
// these four fields, so they must be byte-for-byte what earlier runs sent.
type ScopeIdent struct {
	// URL is the database URL after RedactURL; never the URL with its password.
	URL string `json:"url"`
	// ExtID is the user's stable identifier for the instance (the slug input),
	// omitted when empty.
	ExtID string `json:"extID,omitempty"`
	// Schemas and Exclude are the schemas and exclude inputs, one entry a line,
	// omitted when empty.
	Schemas []string `json:"schemas,omitempty"`
	Exclude []string `json:"exclude,omitempty"`
}

// SnapshotInput is a snapshot as pushed: its hash and its HCL text.
type SnapshotInput struct {
	Hash string `json:"hash"`
	HCL  string `json:"hcl"`
}

// StatsInput carries optional statistics gathered with a snapshot.
type StatsInput struct {
	// Stats is a JSON document serialised into a string, as Atlas sends it.
	Stats string `json:"stats"`
	// Time is when the statistics were taken; encoding/json writes it as RFC 3339
	// with nanoseconds and the zone offset it carries.
	Time time.Time `json:"time"`
}

// PushSnapshotInput is the input of pushSnapshot: the scope, whether the stored
// hash matched, the snapshot when it did not, and optional statistics.
type PushSnapshotInput struct {
	ScopeIdent
	// Snapshot is sent only when HashMatch is false; it is required then.
	Snapshot *SnapshotInput `json:"snapshot,omitempty"`
	// HashMatch is always sent.
	HashMatch bool `json:"hashMatch"`
	// Stats is omitted when nil.
	Stats *StatsInput `json:"stats,omitempty"`
}

// MarshalJSON writes the input in Atlas's field order and drops Snapshot when
// HashMatch is true, so a caller that filled both cannot upload HCL the service
// was told it already has.
func (in PushSnapshotInput) MarshalJSON() ([]byte, error) {
	type wire PushSnapshotInput // the same fields without this method
	w := wire(in)
	if w.HashMatch {
		w.Snapshot = nil
	}
	return json.Marshal(w)
}

// PushResult is what pushSnapshot returned.
type PushResult struct {
	// NewVersion reports whether the service stored a new version.
	NewVersion bool
	// URL links to the schema's page in the monitoring service.
	URL string
	// Changes is the schemawatch server's summary of what changed; nil when the
	// server sent none, which is always the case for Atlas Cloud.
	Changes *ChangeSummary
}

// ExtensionName is the member of a GraphQL reply's top-level "extensions"
// object under which the schemawatch server puts an Extension.
const ExtensionName = "schemawatch"

// Extension is what the schemawatch server adds to a pushSnapshot reply:
// {"extensions":{"schemawatch":{"changes":{...}}}}. Atlas Cloud does not send it.
type Extension struct {
	Changes *ChangeSummary `json:"changes,omitempty"`
}

// ChangeSummary lists, in short words, what differs from the previous
// snapshot: each entry names a kind and a qualified name, such as
// "table public.users" or "column public.users.email".
type ChangeSummary struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Changed []string `json:"changed"`
}

// HashMatches reports whether the hash the service stored (stored) describes the
// snapshot at hand: it equals our hash, or it is the legacy "h1:" hash, the
// standard base64 SHA-256 of the exact HCL text (ATLAS-COMPAT §5). An empty
// stored hash (nothing stored yet) never matches.
func HashMatches(stored, ours, hcl string) bool {
	if stored == "" {
		return false
	}
	if stored == ours {
		return true
	}
	return strings.HasPrefix(stored, "h1:") && stored == LegacyHash(hcl)
}

// LegacyHash returns "h1:" and the standard base64 SHA-256 of hcl, the hash
// format Atlas Cloud compares against the exact HCL text.
func LegacyHash(hcl string) string {
	sum := sha256.Sum256([]byte(hcl))
	return "h1:" + base64.StdEncoding.EncodeToString(sum[:])
}

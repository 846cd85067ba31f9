package schema

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"slices"
	"strings"
)

// HashPrefix names the algorithm of Snapshot.Hash: SHA-256 over the canonical
// JSON encoding. A different algorithm gets a different prefix, so stored
// hashes never compare equal across algorithms.
const HashPrefix = "sw1:"

// Note records something the inspection could not see completely: an object
// the user may not read, or one dropped while the inspection ran. Notes are
// part of the snapshot, so a partial view never hashes like a complete one.
type Note struct {
	Object string `json:"object"` // "table public.t", "routine app.f"
	Reason string `json:"reason"`
}

// Canonicalize puts s in canonical order: every named list sorted bytewise by
// name, lists whose order is meaning (columns, key parts, enum values) kept,
// and nil lists that encode as [] made empty. Inspectors call it once, after
// filling the model; the encodings and the hash assume it.
func (s *Snapshot) Canonicalize() {
	s.Format = Format
	sortBy(s.Extensions, func(e Extension) string { return e.Name })
	sortBy(s.Schemas, func(sc Schema) string { return sc.Name })
	if s.Schemas == nil {
		s.Schemas = []Schema{}
	}
	sortBy(s.Notes, func(n Note) string { return n.Object + "\x00" + n.Reason })
	s.Notes = slices.Compact(s.Notes)
	for i := range s.Schemas {
		s.Schemas[i].canonicalize()
	}
}

func (sc *Schema) canonicalize() {
	sortBy(sc.Tables, func(t Table) string { return t.Name })
	sortBy(sc.Views, func(v View) string { return v.Name })
	sortBy(sc.Routines, func(r Routine) string { return r.Name + "\x00" + r.Args + "\x00" + r.Kind })
	sortBy(sc.Sequences, func(q Sequence) string { return q.Name })
	sortBy(sc.Enums, func(e Enum) string { return e.Name })
	sortBy(sc.Domains, func(d Domain) string { return d.Name })
	sortBy(sc.Composites, func(c Composite) string { return c.Name })
	sortBy(sc.Events, func(e Event) string { return e.Name })
	for i := range sc.Tables {
		sc.Tables[i].canonicalize()
	}
	for i := range sc.Views {
		v := &sc.Views[i]
		canonicalColumns(&v.Columns)
		canonicalIndexes(v.Indexes)
		canonicalTriggers(v.Triggers)
		slices.Sort(v.Options)
	}
	for i := range sc.Enums {
		nonNil(&sc.Enums[i].Values)
	}
	for i := range sc.Domains {
		sortBy(sc.Domains[i].Checks, func(c Check) string { return c.Name })
	}
	for i := range sc.Composites {
		canonicalColumns(&sc.Composites[i].Fields)
		nonNil(&sc.Composites[i].Fields)
	}
	for i := range sc.Routines {
		slices.Sort(sc.Routines[i].Config)
	}
}

func (t *Table) canonicalize() {
	canonicalColumns(&t.Columns)
	nonNil(&t.Columns)
	if t.PrimaryKey != nil {
		nonNil(&t.PrimaryKey.Columns)
		slices.Sort(t.PrimaryKey.Options)
	}
	sortBy(t.Uniques, func(k Key) string { return k.Name })
	for i := range t.Uniques {
		nonNil(&t.Uniques[i].Columns)
		slices.Sort(t.Uniques[i].Options)
	}
	canonicalIndexes(t.Indexes)
	sortBy(t.ForeignKeys, func(f ForeignKey) string { return f.Name })
	for i := range t.ForeignKeys {
		nonNil(&t.ForeignKeys[i].Columns)
		nonNil(&t.ForeignKeys[i].RefColumns)
	}
	sortBy(t.Checks, func(c Check) string { return c.Name })
	sortBy(t.Exclusions, func(x Exclusion) string { return x.Name })
	canonicalTriggers(t.Triggers)
	sortBy(t.Policies, func(p Policy) string { return p.Name })
	for i := range t.Policies {
		slices.Sort(t.Policies[i].Roles)
		nonNil(&t.Policies[i].Roles)
	}
	slices.Sort(t.Options)
}

func canonicalColumns(cols *[]Column) {
	if len(*cols) == 0 {
		*cols = nil
	}
}

func canonicalIndexes(ix []Index) {
	sortBy(ix, func(i Index) string { return i.Name })
	for i := range ix {
		nonNil(&ix[i].Parts)
		slices.Sort(ix[i].Options)
	}
}

func canonicalTriggers(tr []Trigger) {
	sortBy(tr, func(t Trigger) string { return t.Name })
	for i := range tr {
		slices.Sort(tr[i].Events)
		nonNil(&tr[i].Events)
	}
}

// sortBy sorts s stably by key, comparing bytes: catalogs may sort names
// case-insensitively or by OID, and the canonical form must not depend on it.
func sortBy[T any](s []T, key func(T) string) {
	slices.SortStableFunc(s, func(a, b T) int { return strings.Compare(key(a), key(b)) })
}

func nonNil[T any](s *[]T) {
	if *s == nil {
		*s = []T{}
	}
}

// CanonicalJSON returns the canonical encoding of s: compact JSON with fields
// in declaration order and HTML characters left unescaped. s must be
// canonicalized first.
func (s *Snapshot) CanonicalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("schema: encoding snapshot: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Hash returns HashPrefix and the hex SHA-256 of the canonical JSON encoding.
// Equal schemas give equal hashes whatever order the catalogs returned them in;
// owners, grants and statistics have no field in the model and so never count.
func (s *Snapshot) Hash() (string, error) {
	// Encode straight into the digest: a copy of the canonical JSON (18 MB
	// at 5,000 tables) would only be hashed and dropped.
	h := &heldNewline{h: sha256.New()}
	enc := json.NewEncoder(h)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return "", fmt.Errorf("schema: encoding snapshot: %w", err)
	}
	return HashPrefix + hex.EncodeToString(h.h.Sum(nil)), nil
}

// heldNewline passes writes on to h but holds back a final newline, which
// json.Encoder adds and CanonicalJSON trims.
type heldNewline struct {
	h       hash.Hash
	pending bool
}

func (w *heldNewline) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if w.pending {
		w.h.Write([]byte{'\n'})
	}
	w.pending = p[len(p)-1] == '\n'
	if w.pending {
		w.h.Write(p[:len(p)-1])
	} else {
		w.h.Write(p)
	}
	return len(p), nil
}

// ParseJSON decodes a snapshot encoded by CanonicalJSON or WriteJSON and puts
// it in canonical order.
func ParseJSON(b []byte) (*Snapshot, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s Snapshot
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("schema: decoding snapshot: %w", err)
	}
	if s.Format != Format {
		return nil, fmt.Errorf("schema: snapshot format %d is not supported (this build reads format %d)", s.Format, Format)
	}
	s.Canonicalize()
	return &s, nil
}

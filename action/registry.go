package action

import (
	"fmt"
	"slices"
	"strings"
)

// Registry holds the actions a binary can run, keyed by Spec.ID. It is a
// plain map built by main; manifest and doc generators range over it.
type Registry map[string]*Spec

// NewRegistry checks each spec and returns them keyed by ID. Two specs with
// one ID are an error.
func NewRegistry(specs ...*Spec) (Registry, error) {
	r := make(Registry, len(specs))
	for _, s := range specs {
		if err := s.Check(); err != nil {
			return nil, err
		}
		if _, dup := r[s.ID]; dup {
			return nil, fmt.Errorf("action: two specs share the ID %q", s.ID)
		}
		r[s.ID] = s
	}
	return r, nil
}

// Lookup returns the spec with the given ID. The error for an unknown ID
// lists the known ones.
func (r Registry) Lookup(id string) (*Spec, error) {
	if s, ok := r[id]; ok {
		return s, nil
	}
	if id == "" {
		return nil, fmt.Errorf("action: no action given (known: %s)", r.known())
	}
	return nil, fmt.Errorf("action: unknown action %q (known: %s)", id, r.known())
}

// IDs returns the registered IDs in sorted order.
func (r Registry) IDs() []string {
	ids := make([]string, 0, len(r))
	for id := range r {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func (r Registry) known() string {
	if len(r) == 0 {
		return "none registered"
	}
	return strings.Join(r.IDs(), ", ")
}

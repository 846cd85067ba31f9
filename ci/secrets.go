package ci

import (
	"slices"
	"strings"
	"sync"
)

// Redacted replaces a masked secret in everything an adapter prints; it is
// what GitHub prints for its own masks.
const Redacted = "***"

// Secrets is the set of values an adapter must never print. The zero value is
// empty and ready to use; it is safe for concurrent use.
type Secrets struct {
	mu       sync.RWMutex
	values   []string
	replacer *strings.Replacer
}

// Add masks secret from now on. A multi-line secret is also masked line by
// line, so a log line that holds part of it is still redacted. Empty and
// whitespace-only values are ignored: masking them would blank every line.
// Add returns the values it newly masked, for CIs that must also be told.
func (s *Secrets) Add(secret string) (added []string) {
	parts := []string{secret}
	if strings.ContainsAny(secret, "\r\n") {
		for line := range strings.Lines(secret) {
			parts = append(parts, strings.TrimRight(line, "\r\n"))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range parts {
		if strings.TrimSpace(p) == "" || slices.Contains(s.values, p) {
			continue
		}
		s.values = append(s.values, p)
		added = append(added, p)
	}
	if len(added) == 0 {
		return nil
	}
	// Longest first: strings.Replacer tries patterns in argument order at
	// each position, so a secret that contains another is replaced whole.
	slices.SortFunc(s.values, func(a, b string) int { return len(b) - len(a) })
	pairs := make([]string, 0, 2*len(s.values))
	for _, v := range s.values {
		pairs = append(pairs, v, Redacted)
	}
	s.replacer = strings.NewReplacer(pairs...)
	return added
}

// Redact returns text with every masked secret replaced by Redacted.
func (s *Secrets) Redact(text string) string {
	s.mu.RLock()
	r := s.replacer
	s.mu.RUnlock()
	if r == nil {
		return text
	}
	return r.Replace(text)
}

// Contains reports whether text holds any masked secret. Adapters refuse to
// publish such an output, since outputs are not masked by any CI.
func (s *Secrets) Contains(text string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, v := range s.values {
		if strings.Contains(text, v) {
			return true
		}
	}
	return false
}

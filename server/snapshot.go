package server

import (
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"sync"

	"github.com/schemawatch/schemawatch/schema"
	"github.com/schemawatch/schemawatch/server/store"
)

// derived is what the server learns from a snapshot's HCL. Snapshots pushed
// by the official Atlas action may use HCL the parser does not know; they
// are still stored and their raw HCL shown, with the parse error.
type derived struct {
	snap   *schema.Snapshot // nil when the HCL did not parse
	err    error
	tables int
	names  []store.Name
}

func (d *derived) parseError() string {
	if d.err == nil {
		return ""
	}
	return d.err.Error()
}

// derive parses hcl, or returns the result of an earlier parse of the same
// text: pages of one version are viewed many times, and parsing a 5,000-table
// schema takes far longer than rendering a page of it.
func (s *Server) derive(hcl string) *derived {
	return s.deriveKeyed(sha256.Sum256([]byte(hcl)), hcl)
}

// deriveVersion is derive keyed by the SHA-256 the store already computed,
// which saves hashing megabytes of HCL on every page view.
func (s *Server) deriveVersion(v *store.Version) *derived {
	var key [32]byte
	if b, err := hex.DecodeString(v.ContentHash); err == nil && len(b) == len(key) {
		copy(key[:], b)
		return s.deriveKeyed(key, v.HCL)
	}
	return s.derive(v.HCL)
}

func (s *Server) deriveKeyed(key [32]byte, hcl string) *derived {
	return s.parsed.get(key, func() *derived {
		d := &derived{}
		d.snap, d.err = parseHCL(hcl)
		if d.snap != nil {
			d.names = namesOf(d.snap)
			for _, sc := range d.snap.Schemas {
				d.tables += len(sc.Tables)
			}
		}
		return d
	})
}

// namesOf lists what search finds: tables, views and their columns.
func namesOf(snap *schema.Snapshot) []store.Name {
	var out []store.Name
	for _, sc := range snap.Schemas {
		for _, t := range sc.Tables {
			out = append(out, store.Name{Kind: "table", Schema: sc.Name, Table: t.Name})
			for _, c := range t.Columns {
				out = append(out, store.Name{Kind: "column", Schema: sc.Name, Table: t.Name, Column: c.Name})
			}
		}
		for _, v := range sc.Views {
			out = append(out, store.Name{Kind: "view", Schema: sc.Name, Table: v.Name})
			for _, c := range v.Columns {
				out = append(out, store.Name{Kind: "column", Schema: sc.Name, Table: v.Name, Column: c.Name})
			}
		}
	}
	return out
}

// lru keeps the most recently used results of an expensive computation (a
// parse, a diff), keyed by the SHA-256 of its input. Concurrent requests for
// the same key compute it once.
type lru[V any] struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *cacheEntry[V], most recent first
	byKey map[[32]byte]*list.Element
}

type cacheEntry[V any] struct {
	key  [32]byte
	once sync.Once
	val  V
}

func newLRU[V any](max int) *lru[V] {
	return &lru[V]{max: max, order: list.New(), byKey: map[[32]byte]*list.Element{}}
}

func (c *lru[V]) get(key [32]byte, compute func() V) V {
	c.mu.Lock()
	el, ok := c.byKey[key]
	if ok {
		c.order.MoveToFront(el)
	} else {
		el = c.order.PushFront(&cacheEntry[V]{key: key})
		c.byKey[key] = el
		if c.order.Len() > c.max {
			last := c.order.Back()
			c.order.Remove(last)
			delete(c.byKey, last.Value.(*cacheEntry[V]).key)
		}
	}
	e := el.Value.(*cacheEntry[V])
	c.mu.Unlock()
	e.once.Do(func() { e.val = compute() })
	return e.val
}

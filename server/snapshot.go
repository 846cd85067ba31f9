package server

import (
	"container/list"
	"context"
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
	// names are listed when a push asks for them, not for every page.
	namesOnce sync.Once
	nameList  []store.Name
	// loadErr is set when the store could not be read: such a result is
	// not kept, and the request fails.
	loadErr error
}

func (d *derived) parseError() string {
	if d.err == nil {
		return ""
	}
	return d.err.Error()
}

// names returns what search finds in the snapshot, nil when it did not parse.
func (d *derived) names() []store.Name {
	d.namesOnce.Do(func() {
		if d.snap != nil {
			d.nameList = namesOf(d.snap)
		}
	})
	return d.nameList
}

func newDerived(snap *schema.Snapshot, err error) *derived {
	d := &derived{snap: snap, err: err}
	if snap != nil {
		for _, sc := range snap.Schemas {
			d.tables += len(sc.Tables)
		}
	}
	return d
}

// contentKey is the cache key of a content: the SHA-256 of its HCL, which the
// store names it by (hex), so pushes and pages share parses.
func contentKey(hcl string) [32]byte { return sha256.Sum256([]byte(hcl)) }

// derive parses pushed hcl, or returns the result of an earlier parse of
// the same text.
func (s *Server) derive(hcl string) *derived {
	return s.parsed.get(contentKey(hcl), func() *derived { return newDerived(parseHCL(hcl)) })
}

// snapshotOf returns the parsed snapshot of a stored version. Parsing the
// HCL of a 5,000-table schema takes about a second, so the snapshot is kept
// as canonical JSON beside it (decoded many times faster) and the last few
// are kept in memory. Contents stored before snapshots were kept are parsed
// once and their snapshot recorded then.
func (s *Server) snapshotOf(ctx context.Context, v *store.Version) (*derived, error) {
	var key [32]byte
	if b, err := hex.DecodeString(v.ContentHash); err == nil && len(b) == len(key) {
		copy(key[:], b)
	} else {
		key = sha256.Sum256([]byte("content:" + v.ContentHash))
	}
	// The work is shared by concurrent requests for the same content, so one
	// leaving must not cancel it for the others.
	ctx = context.WithoutCancel(ctx)
	d := s.parsed.get(key, func() *derived { return s.load(ctx, v.ContentHash) })
	if d.loadErr != nil {
		s.parsed.forget(key)
		return nil, d.loadErr
	}
	return d, nil
}

func (s *Server) load(ctx context.Context, contentHash string) *derived {
	js, err := s.st.Snapshot(ctx, contentHash)
	if err != nil {
		return &derived{loadErr: err}
	}
	if js != nil {
		snap, err := schema.ParseJSON(js)
		if err == nil {
			return newDerived(snap, nil)
		}
		// Written by another schemawatch (another snapshot format): the
		// HCL is the record, so read it again.
		s.log.Info("re-reading a stored snapshot", "content", contentHash, "reason", err)
	}
	hcl, err := s.st.HCL(ctx, contentHash)
	if err != nil {
		return &derived{loadErr: err}
	}
	d := newDerived(parseHCL(hcl))
	if d.snap != nil {
		if js, err := d.snap.CanonicalJSON(); err == nil {
			if err := s.st.SetSnapshot(ctx, contentHash, js); err != nil {
				s.log.Warn("recording a parsed snapshot", "err", err)
			}
		}
	}
	return d
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

// forget drops a result that must not be reused, such as a failed read.
func (c *lru[V]) forget(key [32]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		c.order.Remove(el)
		delete(c.byKey, key)
	}
}

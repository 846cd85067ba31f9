package inspect

import (
	"encoding/csv"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/schema"
)

// A glob is one parsed include or exclude pattern: up to three dot-separated
// parts (schema, object, child), each a path/filepath.Match pattern that may
// end in a [type=a|b] selector. See ATLAS-COMPAT §4.
type glob struct {
	src   string
	parts []globPart
}

type globPart struct {
	pattern string
	kinds   []string // empty matches every kind
}

// Kinds a [type=...] selector may name, by level. Table children and
// schema-level objects use the block names of the HCL format.
var (
	schemaKinds = []string{"schema", "extension"}
	objectKinds = []string{"table", "view", "materialized", "function", "procedure", "aggregate", "sequence", "enum", "domain", "composite", "event"}
	childKinds  = []string{"column", "index", "unique", "primary_key", "fk", "check", "exclusion", "trigger", "policy"}
)

// parseGlob splits a pattern on dots with CSV quoting rules, so "a.b".t names
// table t in schema a.b.
func parseGlob(p string) (glob, error) {
	r := csv.NewReader(strings.NewReader(p))
	r.Comma = '.'
	r.LazyQuotes = true
	fields, err := r.Read()
	if err != nil {
		return glob{}, fmt.Errorf("inspect: invalid glob %q: %v", p, err)
	}
	if len(fields) > 3 {
		return glob{}, fmt.Errorf("inspect: invalid glob %q: at most 3 dot-separated parts (schema.object.child)", p)
	}
	g := glob{src: p}
	for _, f := range fields {
		gp := globPart{pattern: f}
		if i := strings.LastIndex(f, "[type="); i >= 0 && strings.HasSuffix(f, "]") {
			gp.pattern = f[:i]
			gp.kinds = strings.Split(f[i+len("[type="):len(f)-1], "|")
			for _, k := range gp.kinds {
				if !slices.Contains(schemaKinds, k) && !slices.Contains(objectKinds, k) && !slices.Contains(childKinds, k) {
					return glob{}, fmt.Errorf("inspect: invalid glob %q: unknown type %q", p, k)
				}
			}
		}
		if gp.pattern == "" {
			return glob{}, fmt.Errorf("inspect: invalid glob %q: empty part", p)
		}
		if _, err := filepath.Match(gp.pattern, ""); err != nil {
			return glob{}, fmt.Errorf("inspect: invalid glob %q: %v", p, err)
		}
		g.parts = append(g.parts, gp)
	}
	return g, nil
}

func (p globPart) match(kind, name string) bool {
	if len(p.kinds) > 0 && !slices.Contains(p.kinds, kind) {
		return false
	}
	ok, _ := filepath.Match(p.pattern, name)
	return ok
}

// CheckGlobs reports the first malformed include or exclude pattern, so bad
// input fails before a connection is made.
func CheckGlobs(include, exclude []string) error {
	for _, p := range slices.Concat(include, exclude) {
		if _, err := parseGlob(p); err != nil {
			return err
		}
	}
	return nil
}

// Filter applies Atlas's include and exclude semantics to snap in place. In
// schema scope (schemaScope names the one schema the URL selects) patterns
// start at the object level; otherwise at the schema level.
//
// With includes, only objects matching one of them are kept: a matching schema
// keeps everything in it, a matching object keeps its children, and a child
// pattern keeps its table with only the matching children. Excludes then drop
// what they match. Dropping a column drops the keys, indexes and foreign keys
// that use it. Filter never reorders what it keeps.
func Filter(snap *schema.Snapshot, include, exclude []string, schemaScope string) error {
	if len(include) == 0 && len(exclude) == 0 {
		return nil
	}
	parse := func(ps []string) ([]glob, error) {
		var gs []glob
		for _, p := range ps {
			g, err := parseGlob(p)
			if err != nil {
				return nil, err
			}
			if schemaScope != "" {
				// The schema is implied: prefix a part that matches exactly it.
				g.parts = append([]globPart{{pattern: escapeGlob(schemaScope)}}, g.parts...)
				if len(g.parts) > 3 {
					return nil, fmt.Errorf("inspect: invalid glob %q: in schema scope at most 2 parts (object.child)", p)
				}
			}
			gs = append(gs, g)
		}
		return gs, nil
	}
	inc, err := parse(include)
	if err != nil {
		return err
	}
	exc, err := parse(exclude)
	if err != nil {
		return err
	}
	if len(inc) > 0 {
		keep(snap, inc)
	}
	drop(snap, exc)
	return nil
}

func escapeGlob(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// node is one object of the snapshot as the globs see it.
type node struct{ kind, name string }

// matches tells whether g matches the path of nodes exactly (same depth).
func (g glob) matches(path ...node) bool {
	if len(g.parts) != len(path) {
		return false
	}
	for i, p := range g.parts {
		if !p.match(path[i].kind, path[i].name) {
			return false
		}
	}
	return true
}

func anyMatch(gs []glob, path ...node) bool {
	return slices.ContainsFunc(gs, func(g glob) bool { return g.matches(path...) })
}

// prefixMatch tells whether some glob deeper than path matches path as its
// prefix, meaning that something below path is selected.
func prefixMatch(gs []glob, path ...node) bool {
	for _, g := range gs {
		if len(g.parts) > len(path) && (glob{parts: g.parts[:len(path)]}).matches(path...) {
			return true
		}
	}
	return false
}

func keep(snap *schema.Snapshot, inc []glob) {
	snap.Extensions = slices.DeleteFunc(snap.Extensions, func(e schema.Extension) bool {
		return !anyMatch(inc, node{"extension", e.Name})
	})
	kept := snap.Schemas[:0]
	for _, s := range snap.Schemas {
		sn := node{"schema", s.Name}
		switch {
		case anyMatch(inc, sn):
			kept = append(kept, s)
		case prefixMatch(inc, sn):
			keepObjects(&s, inc, sn)
			kept = append(kept, s)
		}
	}
	snap.Schemas = kept
}

func keepObjects(s *schema.Schema, inc []glob, sn node) {
	// An object is kept whole when a glob names it, with some children when a
	// deeper glob names them.
	whole := func(kind, name string) bool { return anyMatch(inc, sn, node{kind, name}) }
	s.Tables = slices.DeleteFunc(s.Tables, func(t schema.Table) bool {
		return !whole("table", t.Name) && !prefixMatch(inc, sn, node{"table", t.Name})
	})
	for i := range s.Tables {
		t := &s.Tables[i]
		tn := node{"table", t.Name}
		if whole("table", t.Name) {
			continue
		}
		filterChildren(t, func(kind, name string) bool { return !anyMatch(inc, sn, tn, node{kind, name}) })
	}
	s.Views = slices.DeleteFunc(s.Views, func(v schema.View) bool { return !whole(viewKind(v), v.Name) })
	s.Routines = slices.DeleteFunc(s.Routines, func(r schema.Routine) bool { return !whole(routineKind(r), r.Name) })
	s.Sequences = slices.DeleteFunc(s.Sequences, func(q schema.Sequence) bool { return !whole("sequence", q.Name) })
	s.Enums = slices.DeleteFunc(s.Enums, func(e schema.Enum) bool { return !whole("enum", e.Name) })
	s.Domains = slices.DeleteFunc(s.Domains, func(d schema.Domain) bool { return !whole("domain", d.Name) })
	s.Composites = slices.DeleteFunc(s.Composites, func(c schema.Composite) bool { return !whole("composite", c.Name) })
	s.Events = slices.DeleteFunc(s.Events, func(e schema.Event) bool { return !whole("event", e.Name) })
}

func drop(snap *schema.Snapshot, exc []glob) {
	snap.Extensions = slices.DeleteFunc(snap.Extensions, func(e schema.Extension) bool {
		return anyMatch(exc, node{"extension", e.Name})
	})
	snap.Schemas = slices.DeleteFunc(snap.Schemas, func(s schema.Schema) bool { return anyMatch(exc, node{"schema", s.Name}) })
	for i := range snap.Schemas {
		s := &snap.Schemas[i]
		sn := node{"schema", s.Name}
		gone := func(kind, name string) bool { return anyMatch(exc, sn, node{kind, name}) }
		s.Tables = slices.DeleteFunc(s.Tables, func(t schema.Table) bool { return gone("table", t.Name) })
		for j := range s.Tables {
			t := &s.Tables[j]
			tn := node{"table", t.Name}
			filterChildren(t, func(kind, name string) bool { return anyMatch(exc, sn, tn, node{kind, name}) })
		}
		s.Views = slices.DeleteFunc(s.Views, func(v schema.View) bool { return gone(viewKind(v), v.Name) })
		s.Routines = slices.DeleteFunc(s.Routines, func(r schema.Routine) bool { return gone(routineKind(r), r.Name) })
		s.Sequences = slices.DeleteFunc(s.Sequences, func(q schema.Sequence) bool { return gone("sequence", q.Name) })
		s.Enums = slices.DeleteFunc(s.Enums, func(e schema.Enum) bool { return gone("enum", e.Name) })
		s.Domains = slices.DeleteFunc(s.Domains, func(d schema.Domain) bool { return gone("domain", d.Name) })
		s.Composites = slices.DeleteFunc(s.Composites, func(c schema.Composite) bool { return gone("composite", c.Name) })
		s.Events = slices.DeleteFunc(s.Events, func(e schema.Event) bool { return gone("event", e.Name) })
	}
}

// filterChildren drops the children of t for which drop is true; dropping a
// column also drops the keys, indexes and foreign keys that use it.
func filterChildren(t *schema.Table, drop func(kind, name string) bool) {
	var dropped []string
	t.Columns = slices.DeleteFunc(t.Columns, func(c schema.Column) bool {
		if drop("column", c.Name) {
			dropped = append(dropped, c.Name)
			return true
		}
		return false
	})
	uses := func(cols ...[]string) bool {
		for _, l := range cols {
			if slices.ContainsFunc(l, func(c string) bool { return slices.Contains(dropped, c) }) {
				return true
			}
		}
		return false
	}
	if pk := t.PrimaryKey; pk != nil && (drop("primary_key", pk.Name) || uses(pk.Columns, pk.Include)) {
		t.PrimaryKey = nil
	}
	t.Uniques = slices.DeleteFunc(t.Uniques, func(k schema.Key) bool { return drop("unique", k.Name) || uses(k.Columns, k.Include) })
	t.Indexes = slices.DeleteFunc(t.Indexes, func(ix schema.Index) bool {
		var cols []string
		for _, p := range ix.Parts {
			cols = append(cols, p.Column)
		}
		return drop("index", ix.Name) || uses(cols, ix.Include)
	})
	t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(f schema.ForeignKey) bool { return drop("fk", f.Name) || uses(f.Columns) })
	t.Checks = slices.DeleteFunc(t.Checks, func(c schema.Check) bool { return drop("check", c.Name) })
	t.Exclusions = slices.DeleteFunc(t.Exclusions, func(x schema.Exclusion) bool { return drop("exclusion", x.Name) })
	t.Triggers = slices.DeleteFunc(t.Triggers, func(tr schema.Trigger) bool { return drop("trigger", tr.Name) })
	t.Policies = slices.DeleteFunc(t.Policies, func(p schema.Policy) bool { return drop("policy", p.Name) })
}

func viewKind(v schema.View) string {
	if v.Materialized {
		return "materialized"
	}
	return "view"
}

func routineKind(r schema.Routine) string {
	return strings.ToLower(r.Kind)
}

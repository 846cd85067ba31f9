package schema

import (
	"reflect"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	base := fixturePostgresOrders
	tests := []struct {
		name                    string
		edit                    func(s *Snapshot)
		added, removed, changed []string
		details                 []string // details of the first changed object
	}{
		{name: "same", edit: func(*Snapshot) {}},
		{
			name: "column added to an existing table",
			edit: func(s *Snapshot) {
				tbl(s).Columns = append(tbl(s).Columns, Column{Name: "note", Type: "text", Nullable: true})
			},
			added: []string{"column public.orders.note"},
		},
		{
			name: "table added, its children not listed",
			edit: func(s *Snapshot) {
				s.Schemas[0].Tables = append(s.Schemas[0].Tables, Table{Name: "items", Columns: []Column{{Name: "id", Type: "integer"}},
					Indexes: []Index{{Name: "items_idx", Parts: []IndexPart{{Column: "id"}}}}})
			},
			added: []string{"table public.items"},
		},
		{
			name:    "table removed",
			edit:    func(s *Snapshot) { s.Schemas[0].Tables = nil },
			removed: []string{"table public.orders"},
		},
		{
			name:    "column type, nullability and default",
			edit:    func(s *Snapshot) { c := &tbl(s).Columns[0]; c.Type, c.Nullable, c.Identity = "integer", true, nil },
			changed: []string{"column public.orders.id"},
			details: []string{"type: bigint → integer", "nullable: false → true",
				"identity: always=true start=1 increment=1 min=1 max=9223372036854775807 cache=1 cycle=false → (none)"},
		},
		{
			name:    "rename is removed plus added",
			edit:    func(s *Snapshot) { tbl(s).Columns[2].Name = "created_at" },
			added:   []string{"column public.orders.created_at"},
			removed: []string{"column public.orders.placed_at"},
		},
		{
			name:    "index predicate",
			edit:    func(s *Snapshot) { tbl(s).Indexes[0].Where = "(state = 'paid'::order_state)" },
			changed: []string{"index public.orders.orders_open_idx"},
			details: []string{"where: (state = 'open'::order_state) → (state = 'paid'::order_state)"},
		},
		{
			name:    "enum value added",
			edit:    func(s *Snapshot) { e := &s.Schemas[0].Enums[0]; e.Values = append(e.Values, "refunded") },
			changed: []string{"enum public.order_state"},
			details: []string{"values: open, paid, void → open, paid, void, refunded"},
		},
		{
			name: "routine body, view definition, trigger added",
			edit: func(s *Snapshot) {
				s.Schemas[0].Routines = []Routine{{Name: "f", Kind: "FUNCTION", Args: "x integer", Returns: "integer", Body: "SELECT x + 2"}}
				s.Schemas[0].Views = []View{{Name: "v", Def: "SELECT 2"}}
				tbl(s).Triggers = []Trigger{{Name: "tr", Timing: "AFTER", Events: []string{"INSERT"}, Function: "f()"}}
			},
			added:   []string{"trigger public.orders.tr"},
			changed: []string{"routine public.f(integer)", "view public.v"},
			details: []string{"definition changed"},
		},
		{
			name:    "primary key and comment on the table",
			edit:    func(s *Snapshot) { tbl(s).PrimaryKey.Columns = []string{"id", "state"}; tbl(s).Comment = "" },
			changed: []string{"table public.orders"},
			details: []string{"comment: customer orders → (none)", "primary_key: orders_pkey (id) → orders_pkey (id, state)"},
		},
		{
			name: "schema comment, extension added",
			edit: func(s *Snapshot) {
				s.Schemas[0].Comment = "x"
				s.Extensions = []Extension{{Name: "citext", Schema: "public", Version: "1.6"}}
			},
			added:   []string{"extension citext"},
			changed: []string{"schema public"},
			details: []string{"comment: standard public schema → x"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			from, to := base(), base()
			if strings.HasPrefix(tt.name, "routine body") {
				from.Schemas[0].Routines = []Routine{{Name: "f", Kind: "FUNCTION", Args: "x integer", Returns: "integer", Body: "SELECT x + 1"}}
				from.Schemas[0].Views = []View{{Name: "v", Def: "SELECT 1"}}
			}
			tt.edit(to)
			from.Canonicalize()
			to.Canonicalize()
			got := Diff(from, to)
			added, removed, changed := got.Lists()
			for _, c := range []struct {
				what      string
				got, want []string
			}{{"added", added, tt.added}, {"removed", removed, tt.removed}, {"changed", changed, tt.changed}} {
				if len(c.got) != 0 || len(c.want) != 0 {
					if !reflect.DeepEqual(c.got, c.want) {
						t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
					}
				}
			}
			if tt.details != nil && len(got.Changed) > 0 && !reflect.DeepEqual(got.Changed[0].Details, tt.details) {
				t.Errorf("details = %q, want %q", got.Changed[0].Details, tt.details)
			}
			if got.Empty() != (len(tt.added)+len(tt.removed)+len(tt.changed) == 0) {
				t.Errorf("Empty() = %t", got.Empty())
			}
		})
	}
}

func tbl(s *Snapshot) *Table { return &s.Schemas[0].Tables[0] }

func TestDiffBeforeAfter(t *testing.T) {
	t.Parallel()
	from, to := fixturePostgresFull(), fixturePostgresFull()
	to.Schemas[1].Views[0].Def = "SELECT 1"
	got := Diff(from, to)
	if len(got.Changed) != 1 {
		t.Fatalf("changed = %v", got.Changed)
	}
	c := got.Changed[0]
	if c.String() != "view public.active" || c.Before != from.Schemas[1].Views[0].Def || c.After != "SELECT 1" {
		t.Errorf("change = %+v", c)
	}
	if s := got.Summary(); s != "0 added, 0 removed, 1 changed" {
		t.Errorf("Summary() = %q", s)
	}
}

func TestDiffFixturesAgainstThemselves(t *testing.T) {
	t.Parallel()
	for _, fx := range hclFixtures {
		if d := Diff(fx.snap(), fx.snap()); !d.Empty() {
			t.Errorf("%s: %s: %+v", fx.name, d.Summary(), d)
		}
		if d := Diff(nil, fx.snap()); len(d.Removed)+len(d.Changed) != 0 || len(d.Added) == 0 {
			t.Errorf("%s from nil: %s", fx.name, d.Summary())
		}
	}
}

func TestArgTypes(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"a integer, b text DEFAULT 'x, y'::text", "integer, text"},
		{"IN x numeric(10,2), OUT y double precision", "numeric(10,2), OUT double precision"},
		{"double precision", "double precision"},
		{"VARIADIC xs integer[]", "VARIADIC integer[]"},
	}
	for _, tt := range tests {
		if got := argTypes(tt.in); got != tt.want {
			t.Errorf("argTypes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

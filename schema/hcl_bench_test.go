package schema

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// benchSnapshot builds a PostgreSQL-like snapshot of n tables over two
// schemas: ten columns, a primary key, three indexes (one unique, one on an
// expression), a foreign key and a check per table, plus a view per 50
// tables and a function per 100 (multi-line bodies, so heredocs are
// exercised). variant > 0 adds a column to every 97th table.
func benchSnapshot(n, variant int) *Snapshot {
	schemas := []Schema{{Name: "public"}, {Name: "billing"}}
	for i := range n {
		sc := &schemas[i%2]
		name := fmt.Sprintf("table_%05d", i)
		t := Table{
			Name: name,
			Columns: []Column{
				{Name: "id", Type: "bigint", Identity: &Identity{Start: 1, Increment: 1, Min: 1, Max: 9223372036854775807, Cache: 1}},
				{Name: "parent_id", Type: "bigint", Nullable: true},
				{Name: "name", Type: "character varying(200)"},
				{Name: "status", Type: "text", Default: "'new'::text"},
				{Name: "amount", Type: "numeric(12,2)", Nullable: true},
				{Name: "payload", Type: "jsonb", Nullable: true},
				{Name: "tags", Type: "text[]", Nullable: true},
				{Name: "active", Type: "boolean", Default: "true"},
				{Name: "created_at", Type: "timestamp with time zone", Default: "now()"},
				{Name: "updated_at", Type: "timestamp with time zone", Nullable: true, Comment: "last change"},
			},
			PrimaryKey: &Key{Name: name + "_pkey", Columns: []string{"id"}},
			Indexes: []Index{
				{Name: name + "_name_idx", Unique: true, Parts: []IndexPart{{Column: "name"}}},
				{Name: name + "_created_idx", Parts: []IndexPart{{Column: "created_at", Desc: true}, {Column: "status"}}},
				{Name: name + "_lower_idx", Parts: []IndexPart{{Expr: "lower((name)::text)"}}, Where: "active"},
			},
			Checks: []Check{{Name: name + "_amount_check", Expr: "(amount >= (0)::numeric)"}},
		}
		if i >= 2 {
			t.ForeignKeys = []ForeignKey{{Name: name + "_parent_fk", Columns: []string{"parent_id"},
				RefTable: fmt.Sprintf("table_%05d", i-2), RefColumns: []string{"id"}, OnUpdate: "NO ACTION", OnDelete: "SET NULL"}}
		}
		if variant > 0 && i%97 == variant%97 {
			t.Columns = append(t.Columns, Column{Name: fmt.Sprintf("extra_%d", variant), Type: "integer", Nullable: true})
		}
		sc.Tables = append(sc.Tables, t)
		if i%50 == 0 {
			sc.Views = append(sc.Views, View{Name: "v_" + name,
				Def:     " SELECT id,\n    name\n   FROM " + sc.Name + "." + name + "\n  WHERE active;",
				Columns: []Column{{Name: "id", Type: "bigint"}, {Name: "name", Type: "character varying(200)"}}})
		}
		if i%100 == 0 {
			sc.Routines = append(sc.Routines, Routine{Name: "f_" + name, Kind: "FUNCTION", Args: "a integer, b text",
				Returns: "integer", Language: "plpgsql", Volatility: "STABLE",
				Body: "\nBEGIN\n  RETURN a + length(b);\nEND;\n"})
		}
	}
	s := &Snapshot{Format: Format, Dialect: Postgres, Schemas: schemas}
	s.Canonicalize()
	return s
}

func benchHCL(b *testing.B, s *Snapshot) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := WriteHCL(&buf, s); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkWriteHCL(b *testing.B) {
	for _, n := range []int{100, 5000} {
		s := benchSnapshot(n, 0)
		size := len(benchHCL(b, s))
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteHCL(&bytes.Buffer{}, s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseHCL(b *testing.B) {
	for _, n := range []int{100, 5000} {
		src := benchHCL(b, benchSnapshot(n, 0))
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseHCL(src, "bench.hcl"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDiff(b *testing.B) {
	for _, n := range []int{100, 5000} {
		from, to := benchSnapshot(n, 0), benchSnapshot(n, 1)
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if c := Diff(from, to); c.Empty() {
					b.Fatal("no changes found")
				}
			}
		})
	}
}

// BenchmarkReadTopLevel compares parsing the document whole with parsing
// its top-level blocks one by one, the step ParseHCL spends most on.
func BenchmarkReadTopLevel(b *testing.B) {
	src := benchHCL(b, benchSnapshot(5000, 0))
	b.Run("whole", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f, diags := hclsyntax.ParseConfig(src, "bench.hcl", hcl.InitialPos)
			if diags.HasErrors() {
				b.Fatal(diags)
			}
			for _, blk := range f.Body.(*hclsyntax.Body).Blocks {
				readBlock(blk, src)
			}
		}
	})
	b.Run("spans", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := readSpans(src, "bench.hcl"); !ok {
				b.Fatal("not split")
			}
		}
	})
}

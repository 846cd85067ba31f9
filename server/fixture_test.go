package server_test

import (
	"fmt"

	"github.com/schemawatch/schemawatch/schema"
)

// bigSnapshot returns a PostgreSQL snapshot of n tables in two schemas, each
// with eight columns, a primary key, an index and a foreign key to an earlier
// table. variant changes a few tables, so versions differ.
func bigSnapshot(n, variant int) *schema.Snapshot {
	schemas := []schema.Schema{{Name: "public"}, {Name: "billing"}}
	for i := range n {
		sc := &schemas[i%2]
		t := schema.Table{
			Name: fmt.Sprintf("table_%05d", i),
			Columns: []schema.Column{
				{Name: "id", Type: "bigint"},
				{Name: "parent_id", Type: "bigint", Nullable: true},
				{Name: "name", Type: "character varying(200)"},
				{Name: "status", Type: "text", Default: "'new'::text"},
				{Name: "amount", Type: "numeric(12,2)", Nullable: true},
				{Name: "payload", Type: "jsonb", Nullable: true},
				{Name: "created_at", Type: "timestamp with time zone", Default: "now()"},
				{Name: "updated_at", Type: "timestamp with time zone", Nullable: true},
			},
			PrimaryKey: &schema.Key{Name: fmt.Sprintf("table_%05d_pkey", i), Columns: []string{"id"}},
			Indexes:    []schema.Index{{Name: fmt.Sprintf("table_%05d_name_idx", i), Parts: []schema.IndexPart{{Column: "name"}}}},
		}
		if i >= 2 {
			t.ForeignKeys = []schema.ForeignKey{{Name: fmt.Sprintf("table_%05d_parent_fk", i), Columns: []string{"parent_id"},
				RefTable: fmt.Sprintf("table_%05d", i-2), RefColumns: []string{"id"}, OnUpdate: "NO ACTION", OnDelete: "SET NULL"}}
		}
		if variant > 0 && i%97 == variant%97 {
			t.Columns = append(t.Columns, schema.Column{Name: fmt.Sprintf("extra_%d", variant), Type: "integer", Nullable: true})
		}
		sc.Tables = append(sc.Tables, t)
	}
	s := &schema.Snapshot{Dialect: schema.Postgres, Schemas: schemas}
	s.Canonicalize()
	return s
}

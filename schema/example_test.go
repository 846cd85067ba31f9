package schema_test

import (
	"fmt"

	"github.com/schemawatch/schemawatch/schema"
)

// The hash depends on what the schema is, not on the order a catalog listed
// it in: two inspections that saw the tables in different orders agree.
func ExampleSnapshot_Hash() {
	users := schema.Table{Name: "users", Columns: []schema.Column{{Name: "id", Type: "bigint"}}}
	orders := schema.Table{Name: "orders", Columns: []schema.Column{{Name: "id", Type: "bigint"}}}
	a := &schema.Snapshot{Dialect: schema.Postgres, Schemas: []schema.Schema{{Name: "public", Tables: []schema.Table{users, orders}}}}
	b := &schema.Snapshot{Dialect: schema.Postgres, Schemas: []schema.Schema{{Name: "public", Tables: []schema.Table{orders, users}}}}
	a.Canonicalize()
	b.Canonicalize()
	ha, _ := a.Hash()
	hb, _ := b.Hash()
	fmt.Println(ha == hb, ha[:len(schema.HashPrefix)])
	// Output: true sw1:
}

package schema_test

import (
	"fmt"
	"os"

	"github.com/schemawatch/schemawatch/schema"
)

func ExampleWriteHCL() {
	s := &schema.Snapshot{Dialect: schema.SQLite, Schemas: []schema.Schema{{
		Name: "main",
		Tables: []schema.Table{{
			Name:       "notes",
			Columns:    []schema.Column{{Name: "id", Type: "integer"}, {Name: "body", Type: "text", Nullable: true, Default: "'hi'"}},
			PrimaryKey: &schema.Key{Columns: []string{"id"}},
		}},
	}}}
	s.Canonicalize()
	if err := schema.WriteHCL(os.Stdout, s); err != nil {
		fmt.Println(err)
	}
	// Output:
	// table "notes" {
	//   schema = schema.main
	//   column "id" {
	//     null = false
	//     type = integer
	//   }
	//   column "body" {
	//     null    = true
	//     type    = text
	//     default = "hi"
	//   }
	//   primary_key {
	//     columns = [column.id]
	//   }
	// }
	// schema "main" {
	// }
}

func ExampleDiff() {
	from := &schema.Snapshot{Dialect: schema.SQLite, Schemas: []schema.Schema{{Name: "main",
		Tables: []schema.Table{{Name: "t", Columns: []schema.Column{{Name: "a", Type: "integer"}}}}}}}
	to := &schema.Snapshot{Dialect: schema.SQLite, Schemas: []schema.Schema{{Name: "main",
		Tables: []schema.Table{{Name: "t", Columns: []schema.Column{{Name: "a", Type: "bigint"}, {Name: "b", Type: "text"}}}}}}}
	d := schema.Diff(from, to)
	fmt.Println(d.Summary())
	for _, c := range d.Changed {
		fmt.Println(c, c.Details)
	}
	// Output:
	// 1 added, 0 removed, 1 changed
	// column main.t.a [type: integer → bigint]
}

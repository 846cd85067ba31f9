package inspect_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite"

	"github.com/schemawatch/schemawatch/inspect"
	_ "github.com/schemawatch/schemawatch/inspect/sqlite" // registers sqlite:// and file:
)

// Snapshot inspects a database named by URL; drivers are linked in by
// importing their packages.
func ExampleSnapshot() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "app.db")
	db, _ := sql.Open("sqlite", "file:"+path)
	_, _ = db.Exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE TABLE tmp_import (x)`)
	db.Close()

	snap, err := inspect.Snapshot(context.Background(), "sqlite://"+path, inspect.Options{Exclude: []string{"tmp_*"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range snap.Schemas[0].Tables {
		fmt.Println(snap.Schemas[0].Name, t.Name, len(t.Columns))
	}
	// Output: main notes 2
}

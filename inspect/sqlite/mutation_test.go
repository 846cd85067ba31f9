package sqlite

import (
	"testing"
)

// mutationBase is the schema every mutation starts from.
const mutationBase = `
CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL UNIQUE, name TEXT COLLATE NOCASE DEFAULT 'x');
CREATE TABLE child (
  id INTEGER PRIMARY KEY,
  parent_id INT REFERENCES parent (id) ON DELETE CASCADE,
  qty INT DEFAULT 0 CHECK (qty >= 0),
  total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL,
  note TEXT
);
CREATE INDEX child_note ON child (note);
CREATE VIEW child_v AS SELECT id, qty FROM child;
CREATE TRIGGER child_ins AFTER INSERT ON child BEGIN UPDATE parent SET name = 'y' WHERE id = new.parent_id; END;
`

// TestMutations applies changes to mutationBase: every semantic change must
// change the hash, and every no-op (storage, statistics, rows, counters,
// cosmetic layout) must leave it alone.
func TestMutations(t *testing.T) {
	t.Parallel()
	base := createDB(t, mutationBase)
	_, baseHash := canonical(t, inspectPath(t, base))

	// Each change is applied to a fresh copy of the base schema; changes that
	// rebuild a table do it with the full statement.
	rebuildChild := func(cols string) string {
		return `DROP TRIGGER child_ins; DROP VIEW child_v; DROP TABLE child; CREATE TABLE child (` + cols + `);
CREATE INDEX child_note ON child (note);
CREATE VIEW child_v AS SELECT id, qty FROM child;
CREATE TRIGGER child_ins AFTER INSERT ON child BEGIN UPDATE parent SET name = 'y' WHERE id = new.parent_id; END;`
	}
	const childCols = `id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (id) ON DELETE CASCADE, qty INT DEFAULT 0 CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL, note TEXT`
	rebuildParent := func(def string) string {
		return `PRAGMA foreign_keys = OFF; DROP TABLE parent; CREATE TABLE parent (` + def + `);`
	}

	changes := []struct{ name, sql string }{
		{"add table", `CREATE TABLE extra (a INT);`},
		{"drop table", `DROP TRIGGER child_ins; DROP VIEW child_v; DROP TABLE child;`},
		{"rename table", `ALTER TABLE child RENAME TO kid;`},
		{"add column", `ALTER TABLE child ADD COLUMN extra TEXT;`},
		{"drop column", `DROP INDEX child_note; ALTER TABLE child DROP COLUMN note; CREATE INDEX child_note ON child (qty);`},
		{"rename column", `ALTER TABLE child RENAME COLUMN note TO remark;`},
		{"change type", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (id) ON DELETE CASCADE, qty BIGINT DEFAULT 0 CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL, note TEXT`)},
		{"set not null", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (id) ON DELETE CASCADE, qty INT NOT NULL DEFAULT 0 CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL, note TEXT`)},
		{"change default", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (id) ON DELETE CASCADE, qty INT DEFAULT 1 CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL, note TEXT`)},
		{"drop default", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (id) ON DELETE CASCADE, qty INT CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL, note TEXT`)},
		{"add collation", rebuildChild(childCols + ` COLLATE NOCASE`)},
		{"change generated expr", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (id) ON DELETE CASCADE, qty INT DEFAULT 0 CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 3) VIRTUAL, note TEXT`)},
		{"virtual to stored", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (id) ON DELETE CASCADE, qty INT DEFAULT 0 CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 2) STORED, note TEXT`)},
		{"change check", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (id) ON DELETE CASCADE, qty INT DEFAULT 0 CHECK (qty > 0), total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL, note TEXT`)},
		{"name check", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (id) ON DELETE CASCADE, qty INT DEFAULT 0 CONSTRAINT qty_ok CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL, note TEXT`)},
		{"fk on delete", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (id) ON DELETE SET NULL, qty INT DEFAULT 0 CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL, note TEXT`)},
		{"fk deferrable", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, qty INT DEFAULT 0 CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL, note TEXT`)},
		{"fk match", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (id) ON DELETE CASCADE MATCH FULL, qty INT DEFAULT 0 CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL, note TEXT`)},
		{"fk target column", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent (code) ON DELETE CASCADE, qty INT DEFAULT 0 CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL, note TEXT`)},
		{"drop fk", rebuildChild(`id INTEGER PRIMARY KEY, parent_id INT, qty INT DEFAULT 0 CHECK (qty >= 0), total REAL GENERATED ALWAYS AS (qty * 2) VIRTUAL, note TEXT`)},
		{"unique constraint", rebuildChild(childCols + `, UNIQUE (note)`)},
		{"drop autoincrement", rebuildParent(`id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT COLLATE NOCASE DEFAULT 'x'`)},
		{"pk conflict clause", rebuildParent(`id INTEGER PRIMARY KEY ON CONFLICT REPLACE AUTOINCREMENT, code TEXT NOT NULL UNIQUE, name TEXT COLLATE NOCASE DEFAULT 'x'`)},
		{"unique conflict clause", rebuildParent(`id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL UNIQUE ON CONFLICT IGNORE, name TEXT COLLATE NOCASE DEFAULT 'x'`)},
		{"unique to index", rebuildParent(`id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL, name TEXT COLLATE NOCASE DEFAULT 'x'`) + `CREATE UNIQUE INDEX parent_code ON parent (code);`},
		{"composite pk", rebuildParent(`id INTEGER, code TEXT NOT NULL UNIQUE, name TEXT COLLATE NOCASE DEFAULT 'x', PRIMARY KEY (id, code)`)},
		{"without rowid", rebuildParent(`id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT COLLATE NOCASE DEFAULT 'x') WITHOUT ROWID; SELECT (1`)},
		{"strict", rebuildParent(`id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL UNIQUE, name TEXT COLLATE NOCASE DEFAULT 'x') STRICT; SELECT (1`)},
		{"add index", `CREATE INDEX child_qty ON child (qty);`},
		{"drop index", `DROP INDEX child_note;`},
		{"index desc", `DROP INDEX child_note; CREATE INDEX child_note ON child (note DESC);`},
		{"index unique", `DROP INDEX child_note; CREATE UNIQUE INDEX child_note ON child (note);`},
		{"index partial", `DROP INDEX child_note; CREATE INDEX child_note ON child (note) WHERE note IS NOT NULL;`},
		{"index collation", `DROP INDEX child_note; CREATE INDEX child_note ON child (note COLLATE NOCASE);`},
		{"index expression", `DROP INDEX child_note; CREATE INDEX child_note ON child (lower(note));`},
		{"index column order", `DROP INDEX child_note; CREATE INDEX child_note ON child (note, qty);`},
		{"change view", `DROP VIEW child_v; CREATE VIEW child_v AS SELECT id, qty, note FROM child;`},
		{"add view", `CREATE VIEW v2 AS SELECT 1;`},
		{"change trigger timing", `DROP TRIGGER child_ins; CREATE TRIGGER child_ins BEFORE INSERT ON child BEGIN UPDATE parent SET name = 'y' WHERE id = new.parent_id; END;`},
		{"change trigger body", `DROP TRIGGER child_ins; CREATE TRIGGER child_ins AFTER INSERT ON child BEGIN UPDATE parent SET name = 'z' WHERE id = new.parent_id; END;`},
		{"trigger when", `DROP TRIGGER child_ins; CREATE TRIGGER child_ins AFTER INSERT ON child WHEN new.qty > 0 BEGIN UPDATE parent SET name = 'y' WHERE id = new.parent_id; END;`},
		{"drop trigger", `DROP TRIGGER child_ins;`},
	}
	for _, c := range changes {
		t.Run("change/"+c.name, func(t *testing.T) {
			t.Parallel()
			path := createDB(t, mutationBase)
			execFile(t, path, c.sql)
			if _, h := canonical(t, inspectPath(t, path)); h == baseHash {
				t.Errorf("hash unchanged by %q", c.sql)
			}
		})
	}

	noops := []struct{ name, sql string }{
		{"vacuum", `VACUUM;`},
		{"analyze", `INSERT INTO parent (code) VALUES ('a'), ('b'); ANALYZE;`},
		{"rows and autoincrement counter", `INSERT INTO parent (code) VALUES ('a'); INSERT INTO parent (id, code) VALUES (1000, 'b'); DELETE FROM parent; INSERT INTO child (qty) VALUES (3);`},
		{"wal mode", `PRAGMA journal_mode = WAL;`},
		{"user_version", `PRAGMA user_version = 7;`},
		{"reindex", `REINDEX;`},
		{"cosmetic layout", `DROP INDEX child_note; CREATE   INDEX child_note
ON child ( note /* same */ ) ;`},
		{"recreate identical view", `DROP VIEW child_v; CREATE VIEW child_v AS
  SELECT id,qty   FROM child; -- same view`},
		{"case of type name", rebuildChild(`id integer PRIMARY KEY, parent_id int REFERENCES parent (id) ON DELETE CASCADE, qty Int DEFAULT 0 CHECK (qty >= 0), total real GENERATED ALWAYS AS (qty * 2) VIRTUAL, note text`)},
	}
	for _, c := range noops {
		t.Run("noop/"+c.name, func(t *testing.T) {
			t.Parallel()
			path := createDB(t, mutationBase)
			execFile(t, path, c.sql)
			if got, h := canonical(t, inspectPath(t, path)); h != baseHash {
				t.Errorf("hash changed by %q:\n%s", c.sql, got)
			}
		})
	}
}

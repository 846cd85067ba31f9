package mysql

import (
	"testing"

	"github.com/schemawatch/schemawatch/internal/testdb"
)

const mutationBase = `
CREATE TABLE p (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name varchar(20) NOT NULL DEFAULT 'x',
  qty int,
  note text,
  at timestamp NULL,
  KEY ix_name (name),
  CONSTRAINT qty_pos CHECK (qty > 0)
) COMMENT 'parent';
CREATE TABLE c (id int NOT NULL PRIMARY KEY, p_id int, CONSTRAINT fk_p FOREIGN KEY (p_id) REFERENCES p (id));
CREATE VIEW v AS SELECT id, name FROM p;
CREATE TRIGGER tr BEFORE INSERT ON p FOR EACH ROW SET NEW.qty = 1;
CREATE PROCEDURE pr() SELECT 1;
CREATE FUNCTION f() RETURNS int DETERMINISTIC RETURN 1;
CREATE EVENT e ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO SELECT 1;
CREATE SEQUENCE sq;
`

// TestMutations applies one semantic change per case to a copy of a base
// schema and wants a different hash; the no-op cases change data, statistics
// and counters only and want the same hash.
func TestMutations(t *testing.T) {
	t.Parallel()
	base := testdb.MariaDB(t)
	base.Exec(t, mutationBase)
	_, want := canonical(t, renamed(t, inspectURL(t, base.URL), "m"))

	changes := map[string]string{
		"add column":             "ALTER TABLE p ADD COLUMN extra int",
		"drop column":            "ALTER TABLE p DROP COLUMN note",
		"rename column":          "ALTER TABLE p RENAME COLUMN note TO notes",
		"widen type":             "ALTER TABLE p MODIFY name varchar(21) NOT NULL DEFAULT 'x'",
		"unsigned":               "ALTER TABLE p MODIFY qty int unsigned",
		"nullability":            "ALTER TABLE p MODIFY name varchar(20) NULL DEFAULT 'x'",
		"default value":          "ALTER TABLE p ALTER name SET DEFAULT 'y'",
		"drop default":           "ALTER TABLE p ALTER name DROP DEFAULT",
		"expression default":     "ALTER TABLE p MODIFY at timestamp NULL DEFAULT current_timestamp()",
		"on update":              "ALTER TABLE p MODIFY at timestamp NULL ON UPDATE current_timestamp()",
		"column comment":         "ALTER TABLE p MODIFY qty int COMMENT 'how many'",
		"column collation":       "ALTER TABLE p MODIFY note text COLLATE utf8mb4_bin",
		"column order":           "ALTER TABLE p MODIFY note text AFTER id",
		"invisible column":       "ALTER TABLE p MODIFY qty int INVISIBLE",
		"generated column":       "ALTER TABLE p ADD COLUMN q2 int AS (qty * 2) VIRTUAL",
		"drop auto_increment":    "ALTER TABLE c DROP FOREIGN KEY fk_p; ALTER TABLE p MODIFY id int NOT NULL",
		"add index":              "CREATE INDEX ix_qty ON p (qty)",
		"drop index":             "DROP INDEX ix_name ON p",
		"unique index":           "DROP INDEX ix_name ON p; CREATE UNIQUE INDEX ix_name ON p (name)",
		"index prefix":           "DROP INDEX ix_name ON p; CREATE INDEX ix_name ON p (name(5))",
		"index part order":       "DROP INDEX ix_name ON p; CREATE INDEX ix_name ON p (name DESC)",
		"index comment":          "DROP INDEX ix_name ON p; CREATE INDEX ix_name ON p (name) COMMENT 'by name'",
		"ignored index":          "ALTER TABLE p ALTER INDEX ix_name IGNORED",
		"fulltext index":         "CREATE FULLTEXT INDEX ft_note ON p (note)",
		"add foreign key":        "ALTER TABLE c ADD CONSTRAINT fk_self FOREIGN KEY (p_id) REFERENCES c (id)",
		"foreign key action":     "ALTER TABLE c DROP FOREIGN KEY fk_p; ALTER TABLE c ADD CONSTRAINT fk_p FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE",
		"drop check":             "ALTER TABLE p DROP CONSTRAINT qty_pos",
		"check expression":       "ALTER TABLE p DROP CONSTRAINT qty_pos, ADD CONSTRAINT qty_pos CHECK (qty >= 0)",
		"table comment":          "ALTER TABLE p COMMENT 'parents'",
		"row format":             "ALTER TABLE p ROW_FORMAT=COMPACT",
		"table charset":          "ALTER TABLE c DEFAULT CHARSET latin1",
		"engine":                 "CREATE TABLE e2 (id int) ENGINE=InnoDB; ALTER TABLE e2 ENGINE=MyISAM",
		"partitioning":           "CREATE TABLE pt (id int NOT NULL PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2; ALTER TABLE pt PARTITION BY HASH (id) PARTITIONS 3",
		"rename table":           "RENAME TABLE c TO c2",
		"new table":              "CREATE TABLE n (id int)",
		"view definition":        "CREATE OR REPLACE VIEW v AS SELECT id FROM p",
		"view algorithm":         "CREATE OR REPLACE ALGORITHM=MERGE VIEW v AS SELECT id, name FROM p",
		"view security":          "CREATE OR REPLACE SQL SECURITY INVOKER VIEW v AS SELECT id, name FROM p",
		"view check option":      "CREATE OR REPLACE VIEW v AS SELECT id, name FROM p WITH CHECK OPTION",
		"trigger body":           "DROP TRIGGER tr; CREATE TRIGGER tr BEFORE INSERT ON p FOR EACH ROW SET NEW.qty = 2",
		"trigger timing":         "DROP TRIGGER tr; CREATE TRIGGER tr AFTER INSERT ON p FOR EACH ROW SET @x = 1",
		"procedure body":         "DROP PROCEDURE pr; CREATE PROCEDURE pr() SELECT 2",
		"procedure parameter":    "DROP PROCEDURE pr; CREATE PROCEDURE pr(IN a int) SELECT a",
		"function determinism":   "DROP FUNCTION f; CREATE FUNCTION f() RETURNS int NOT DETERMINISTIC RETURN 1",
		"function return type":   "DROP FUNCTION f; CREATE FUNCTION f() RETURNS bigint DETERMINISTIC RETURN 1",
		"routine comment":        "ALTER PROCEDURE pr COMMENT 'hi'",
		"event schedule":         "ALTER EVENT e ON SCHEDULE EVERY 2 DAY STARTS '2030-01-01 00:00:00'",
		"event status":           "ALTER EVENT e ENABLE",
		"event body":             "ALTER EVENT e DO SELECT 2",
		"sequence increment":     "ALTER SEQUENCE sq INCREMENT BY 2",
		"drop sequence":          "DROP SEQUENCE sq",
		"schema default collate": "ALTER DATABASE DEFAULT COLLATE utf8mb4_bin",
	}
	noops := map[string]string{
		"analyze":                  "ANALYZE TABLE p, c",
		"optimize":                 "OPTIMIZE TABLE p",
		"rows move AUTO_INCREMENT": "INSERT INTO p (name) VALUES ('a'), ('b'), ('c'); DELETE FROM p WHERE name = 'b'",
		"AUTO_INCREMENT counter":   "ALTER TABLE p AUTO_INCREMENT = 5000",
		"sequence position":        "SELECT nextval(sq); SELECT nextval(sq)",
		"flush":                    "FLUSH TABLES",
	}
	if len(changes) < 30 {
		t.Fatalf("only %d mutations", len(changes))
	}
	run := func(name, stmt string, same bool) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db := testdb.MariaDB(t)
			db.Exec(t, mutationBase)
			db.Exec(t, stmt)
			_, got := canonical(t, renamed(t, inspectURL(t, db.URL), "m"))
			if same && got != want {
				t.Errorf("%s changed the hash", stmt)
			}
			if !same && got == want {
				t.Errorf("%s left the hash unchanged", stmt)
			}
		})
	}
	for name, stmt := range changes {
		run("change/"+name, stmt, false)
	}
	for name, stmt := range noops {
		run("noop/"+name, stmt, true)
	}
}

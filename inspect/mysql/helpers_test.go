package mysql

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/testdb"
	"github.com/schemawatch/schemawatch/schema"
)

// inspectURL inspects the database u names (schema scope).
func inspectURL(t testing.TB, u string) *schema.Snapshot {
	t.Helper()
	ctx := context.Background()
	in, err := Open(ctx, u)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer in.Close()
	snap, err := in.Inspect(ctx, inspectOptions())
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	return snap
}

// renamed returns a copy of snap whose only schema is called name, so that
// snapshots of two databases holding the same objects compare equal.
func renamed(t testing.TB, snap *schema.Snapshot, name string) *schema.Snapshot {
	t.Helper()
	b, err := snap.CanonicalJSON()
	if err != nil {
		t.Fatal(err)
	}
	cp, err := schema.ParseJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(cp.Schemas) != 1 {
		t.Fatalf("want one schema, got %d", len(cp.Schemas))
	}
	old := cp.Schemas[0].Name
	cp.Schemas[0].Name = name
	for i := range cp.Notes {
		cp.Notes[i].Object = strings.ReplaceAll(cp.Notes[i].Object, " "+old+".", " "+name+".")
	}
	cp.Canonicalize()
	return cp
}

func canonical(t testing.TB, snap *schema.Snapshot) (string, string) {
	t.Helper()
	b, err := snap.CanonicalJSON()
	if err != nil {
		t.Fatal(err)
	}
	h, err := snap.Hash()
	if err != nil {
		t.Fatal(err)
	}
	return string(b), h
}

func indented(t testing.TB, snap *schema.Snapshot) []byte {
	t.Helper()
	b, err := snap.CanonicalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

// golden compares got with testdata/golden/name, rewriting it under
// UPDATE_GOLDEN=1.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (UPDATE_GOLDEN=1 rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// dump runs mysqldump --no-data --routines --triggers --events on db and
// normalises what legitimately differs between two copies of one schema:
// comment lines (host, date, server version), AUTO_INCREMENT= counters,
// DEFINER clauses and the database name.
func dump(t testing.TB, db *testdb.Maria) string {
	t.Helper()
	bin, err := exec.LookPath("mysqldump")
	if err != nil {
		if bin, err = exec.LookPath("mariadb-dump"); err != nil {
			t.Skip("mysqldump not installed")
		}
	}
	host, port, _ := strings.Cut(db.Host, ":")
	cmd := exec.Command(bin, "--no-data", "--routines", "--triggers", "--events", "--skip-dump-date",
		"-uroot", "-h"+host, "-P"+port, "--protocol=tcp", db.Name)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("mysqldump: %v: %s", err, stderr.String())
	}
	return normaliseDump(string(out), db.Name)
}

var (
	dumpComment  = regexp.MustCompile(`(?m)^--.*\n`)
	dumpAutoInc  = regexp.MustCompile(` AUTO_INCREMENT=\d+`)
	dumpDefiner  = regexp.MustCompile("(?:/\\*!50017 |/\\*!50020 )?DEFINER=`[^`]*`@`[^`]*`(?:\\*/)?\\s*")
	dumpSandbox  = regexp.MustCompile(`(?m)^/\*M!999999\\- enable the sandbox mode \*/\s*\n`)
	dumpHeader   = regexp.MustCompile(`^(/\*!50003 CREATE\*/ /\*!50003 TRIGGER|CREATE (FUNCTION|PROCEDURE) )`)
	dumpBlankRun = regexp.MustCompile(`\n{3,}`)
)

// lineDiff lists the lines only one side has, for short failure messages.
func lineDiff(a, b string) string {
	count := map[string]int{}
	for _, l := range strings.Split(a, "\n") {
		count[l]++
	}
	for _, l := range strings.Split(b, "\n") {
		count[l]--
	}
	var out []string
	for _, l := range strings.Split(a, "\n") {
		if count[l] > 0 {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if count[l] < 0 {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

func normaliseDump(s, dbName string) string {
	s = dumpSandbox.ReplaceAllString(s, "")
	s = dumpComment.ReplaceAllString(s, "")
	s = dumpAutoInc.ReplaceAllString(s, "")
	s = dumpDefiner.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, dbName, "DB")
	// The server keeps trigger and routine headers as they were typed; the
	// writer quotes every identifier.
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if dumpHeader.MatchString(l) {
			lines[i] = strings.ReplaceAll(l, "`", "")
		}
	}
	s = strings.Join(lines, "\n")
	return dumpBlankRun.ReplaceAllString(s, "\n\n")
}

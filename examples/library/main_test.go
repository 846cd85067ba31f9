package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/schemawatch/schemawatch/internal/fakecloud"
)

// pushed is what a pushSnapshot request carried.
type pushed struct {
	Query     string `json:"query"`
	Variables struct {
		Input struct {
			URL       string `json:"url"`
			ExtID     string `json:"extID"`
			HashMatch bool   `json:"hashMatch"`
			Snapshot  *struct {
				Hash string `json:"hash"`
				HCL  string `json:"hcl"`
			} `json:"snapshot"`
		} `json:"input"`
	} `json:"variables"`
}

// TestExample builds the example as a user would and runs it against a real
// SQLite file and a fake monitoring service: the first run pushes the
// snapshot, the second finds it and sends only the hash match, and the
// token travels only in the Authorization header.
func TestExample(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "library")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	dbPath := filepath.Join(dir, "app.db")
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)`,
		`CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), total REAL)`,
		`CREATE INDEX orders_user ON orders(user_id)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	const token = "ex4mple-t0ken"
	api := fakecloud.New(token)
	t.Cleanup(api.Close)
	runExample := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = []string{"SCHEMAWATCH_TOKEN=" + token}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("example %q: %v\n%s", args, err, out)
		}
		if strings.Contains(string(out), token) {
			t.Errorf("the example printed the token:\n%s", out)
		}
		return string(out)
	}
	dbURL := "sqlite://" + dbPath

	out := runExample("-url", dbURL, "-cloud-url", api.URL, "-slug", "app-local", "-hcl")
	if !strings.Contains(out, `table "orders"`) || !regexp.MustCompile(`recorded a new snapshot sw1:[0-9a-f]{64}\n`).MatchString(out) {
		t.Errorf("first run printed:\n%s", out)
	}
	out = runExample("-url", dbURL, "-cloud-url", api.URL, "-slug", "app-local")
	if !strings.Contains(out, ": unchanged sw1:") || !strings.Contains(out, api.URL+"/schemas/") {
		t.Errorf("second run printed:\n%s", out)
	}

	reqs := api.Requests()
	if len(reqs) != 4 {
		t.Fatalf("%d requests, want snapshotHash and pushSnapshot twice:\n%s", len(reqs), api.Dump())
	}
	if api.Versions() != 1 {
		t.Errorf("%d versions stored, want 1", api.Versions())
	}
	var first, second pushed
	for i, p := range map[int]*pushed{1: &first, 3: &second} {
		if err := json.Unmarshal(reqs[i].Body, p); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(p.Query, "mutation pushSnapshot") {
			t.Errorf("request %d is %q, want pushSnapshot", i, p.Query)
		}
	}
	for _, r := range reqs {
		if r.Authorization != "Bearer "+token || strings.Contains(string(r.Body), token) {
			t.Errorf("token misplaced in %+v", r)
		}
	}
	in := first.Variables.Input
	if in.URL != dbURL || in.ExtID != "app-local" || in.HashMatch || in.Snapshot == nil {
		t.Fatalf("first push sent %+v", in)
	}
	for _, want := range []string{`table "users"`, `table "orders"`, `index "orders_user"`, `foreign_key`} {
		if !strings.Contains(in.Snapshot.HCL, want) {
			t.Errorf("pushed HCL lacks %s:\n%s", want, in.Snapshot.HCL)
		}
	}
	if !regexp.MustCompile(`^sw1:[0-9a-f]{64}$`).MatchString(in.Snapshot.Hash) {
		t.Errorf("pushed hash %q", in.Snapshot.Hash)
	}
	if in := second.Variables.Input; !in.HashMatch || in.Snapshot != nil {
		t.Errorf("second push sent %+v, want hashMatch only", in)
	}
	if _, err := os.Stat(dbPath + "-journal"); err == nil {
		t.Errorf("the example left a journal: it should only read")
	}
}

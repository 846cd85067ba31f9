package cloudapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/cloudapi"
)

const hcl = "table \"users\" {\n  schema = schema.public\n}\nschema \"public\" {\n}\n"

// TestRequests pins what each call sends: method, path, headers and the body,
// byte for byte against testdata (ATLAS-COMPAT §5).
func TestRequests(t *testing.T) {
	t.Parallel()
	stats := &cloudapi.StatsInput{
		Stats: `{"tables":{"public.users":{"rows":3}}}`,
		Time:  time.Date(2026, 5, 4, 3, 2, 1, 123456789, time.FixedZone("CEST", 2*60*60)),
	}
	scope := cloudapi.ScopeIdent{
		URL:     "postgres://monitor:xxxxx@db.internal:5432/app?sslmode=require&search_path=public",
		ExtID:   "prod-app",
		Schemas: []string{"public", "billing"},
		Exclude: []string{"*.tmp_*"},
	}
	urlOnly := cloudapi.ScopeIdent{URL: "mysql://app:xxxxx@db/shop?tls=true"}
	tests := []struct {
		name  string
		call  func(*cloudapi.Client) error
		reply string
	}{
		{
			name:  "snapshot_hash_url_only",
			call:  hashCall(urlOnly),
			reply: `{"data":{"snapshotHash":{"hash":""}}}`,
		},
		{
			name:  "snapshot_hash_full_scope",
			call:  hashCall(scope),
			reply: `{"data":{"snapshotHash":{"hash":""}}}`,
		},
		{
			// Empty, non-nil lists are omitted like absent ones.
			name:  "snapshot_hash_empty_lists",
			call:  hashCall(cloudapi.ScopeIdent{URL: urlOnly.URL, Schemas: []string{}, Exclude: []string{}}),
			reply: `{"data":{"snapshotHash":{"hash":""}}}`,
		},
		{
			name: "push_new_snapshot",
			call: pushCall(cloudapi.PushSnapshotInput{
				ScopeIdent: scope,
				Snapshot:   &cloudapi.SnapshotInput{Hash: "sw1:abc", HCL: hcl},
			}),
			reply: `{"data":{"pushSnapshot":{"newVersion":true,"url":"https://cloud/s/1"}}}`,
		},
		{
			// A snapshot given with hashMatch=true is not sent.
			name: "push_hash_match",
			call: pushCall(cloudapi.PushSnapshotInput{
				ScopeIdent: urlOnly,
				HashMatch:  true,
				Snapshot:   &cloudapi.SnapshotInput{Hash: "sw1:abc", HCL: hcl},
			}),
			reply: `{"data":{"pushSnapshot":{"newVersion":false,"url":"https://cloud/s/1"}}}`,
		},
		{
			name: "push_with_stats",
			call: pushCall(cloudapi.PushSnapshotInput{
				ScopeIdent: urlOnly,
				Snapshot:   &cloudapi.SnapshotInput{Hash: "sw1:abc", HCL: hcl},
				Stats:      stats,
			}),
			reply: `{"data":{"pushSnapshot":{"newVersion":true,"url":"https://cloud/s/1"}}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeCloud(t, reply{Body: tt.reply})
			c := newClient(t, f.URL, &sleeps{})
			if err := tt.call(c); err != nil {
				t.Fatal(err)
			}
			reqs := f.requests()
			if len(reqs) != 1 {
				t.Fatalf("got %d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != http.MethodPost || r.Path != "/query" {
				t.Errorf("got %s %s, want POST /query", r.Method, r.Path)
			}
			wantHeader := map[string]string{
				"Authorization": "Bearer " + token,
				"Content-Type":  "application/json",
				"User-Agent":    "schemawatch/v1.2.3 (+https://github.com/schemawatch/schemawatch)",
			}
			for k, want := range wantHeader {
				if got := r.Header.Get(k); got != want {
					t.Errorf("header %s = %q, want %q", k, got, want)
				}
			}
			if strings.Contains(string(r.Body), token) {
				t.Errorf("the token is in the body:\n%s", r.Body)
			}
			golden(t, tt.name+".json", indent(t, r.Body))
		})
	}
}

// TestRequestDocuments checks that each call sends its own document, which the
// golden files show only as escaped strings.
func TestRequestDocuments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		call  func(*cloudapi.Client) error
		reply string
		want  string
	}{
		{"snapshotHash", hashCall(cloudapi.ScopeIdent{URL: "u"}), `{"data":{"snapshotHash":null}}`, cloudapi.SnapshotHashQuery},
		{"pushSnapshot", pushCall(cloudapi.PushSnapshotInput{ScopeIdent: cloudapi.ScopeIdent{URL: "u"}, HashMatch: true}),
			`{"data":{"pushSnapshot":{"newVersion":false,"url":""}}}`, cloudapi.PushSnapshotMutation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeCloud(t, reply{Body: tt.reply})
			if err := tt.call(newClient(t, f.URL, &sleeps{})); err != nil {
				t.Fatal(err)
			}
			var body struct {
				Query     string                     `json:"query"`
				Variables map[string]json.RawMessage `json:"variables"`
			}
			if err := json.Unmarshal(f.requests()[0].Body, &body); err != nil {
				t.Fatal(err)
			}
			if body.Query != tt.want {
				t.Errorf("query = %q, want %q", body.Query, tt.want)
			}
			if _, ok := body.Variables["input"]; !ok || len(body.Variables) != 1 {
				t.Errorf("variables = %v, want only input", body.Variables)
			}
			if !strings.HasPrefix(body.Query, map[string]string{"snapshotHash": "query ", "pushSnapshot": "mutation "}[tt.name]+tt.name+"(") {
				t.Errorf("query %q does not declare operation %s", body.Query, tt.name)
			}
		})
	}
}

func TestPushSnapshotNeedsSnapshot(t *testing.T) {
	t.Parallel()
	f := newFakeCloud(t, reply{Body: `{}`})
	_, err := newClient(t, f.URL, &sleeps{}).PushSnapshot(context.Background(), cloudapi.PushSnapshotInput{ScopeIdent: cloudapi.ScopeIdent{URL: "u"}})
	if err == nil || !strings.Contains(err.Error(), "snapshot is required") {
		t.Fatalf("got %v, want the missing snapshot reported", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("sent %d requests, want none", n)
	}
}

func TestUserAgentDefault(t *testing.T) {
	t.Parallel()
	f := newFakeCloud(t, reply{Body: `{"data":{"snapshotHash":{"hash":"h"}}}`})
	c, err := cloudapi.New(f.URL, token)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SnapshotHash(context.Background(), cloudapi.ScopeIdent{URL: "u"}); err != nil {
		t.Fatal(err)
	}
	if got, want := f.requests()[0].Header.Get("User-Agent"), "schemawatch/devel (+https://github.com/schemawatch/schemawatch)"; got != want {
		t.Errorf("User-Agent = %q, want %q", got, want)
	}
}

func hashCall(s cloudapi.ScopeIdent) func(*cloudapi.Client) error {
	return func(c *cloudapi.Client) error {
		_, err := c.SnapshotHash(context.Background(), s)
		return err
	}
}

func pushCall(in cloudapi.PushSnapshotInput) func(*cloudapi.Client) error {
	return func(c *cloudapi.Client) error {
		_, err := c.PushSnapshot(context.Background(), in)
		return err
	}
}

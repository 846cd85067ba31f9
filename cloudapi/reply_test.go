package cloudapi_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/cloudapi"
)

func TestSnapshotHashReply(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, want string
	}{
		{"stored", `{"data":{"snapshotHash":{"hash":"h1:abc="}}}`, "h1:abc="},
		{"nothing stored", `{"data":{"snapshotHash":{"hash":""}}}`, ""},
		{"null field", `{"data":{"snapshotHash":null}}`, ""},
		{"unknown members ignored", `{"data":{"snapshotHash":{"hash":"x","other":1}},"extensions":{"trace":"t"}}`, "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeCloud(t, reply{Body: tt.body})
			got, err := newClient(t, f.URL, &sleeps{}).SnapshotHash(t.Context(), cloudapi.ScopeIdent{URL: "u"})
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPushSnapshotReply(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		want cloudapi.PushResult
	}{
		{
			name: "atlas cloud",
			body: `{"data":{"pushSnapshot":{"newVersion":true,"url":"https://a.atlasgo.cloud/monitor/1"}}}`,
			want: cloudapi.PushResult{NewVersion: true, URL: "https://a.atlasgo.cloud/monitor/1"},
		},
		{
			name: "schemawatch server with changes",
			body: `{"data":{"pushSnapshot":{"newVersion":true,"url":"https://sw/s/1"}},
				"extensions":{"schemawatch":{"changes":{"added":["table public.orders"],"removed":["column public.users.fax"],"changed":["column public.users.email"]}}}}`,
			want: cloudapi.PushResult{NewVersion: true, URL: "https://sw/s/1", Changes: &cloudapi.ChangeSummary{
				Added:   []string{"table public.orders"},
				Removed: []string{"column public.users.fax"},
				Changed: []string{"column public.users.email"},
			}},
		},
		{
			name: "unchanged, no extension",
			body: `{"data":{"pushSnapshot":{"newVersion":false,"url":"https://sw/s/1"}},"extensions":{"schemawatch":{}}}`,
			want: cloudapi.PushResult{URL: "https://sw/s/1"},
		},
		{
			name: "other extensions only",
			body: `{"data":{"pushSnapshot":{"newVersion":false,"url":"u"}},"extensions":{"tracing":{"ms":3}}}`,
			want: cloudapi.PushResult{URL: "u"},
		},
		{
			// The push is stored by now; a broken summary must not fail the run.
			name: "malformed extension ignored",
			body: `{"data":{"pushSnapshot":{"newVersion":true,"url":"u"}},"extensions":{"schemawatch":{"changes":"lots"}}}`,
			want: cloudapi.PushResult{NewVersion: true, URL: "u"},
		},
		{
			name: "extensions not an object",
			body: `{"data":{"pushSnapshot":{"newVersion":true,"url":"u"}},"extensions":[1]}`,
			want: cloudapi.PushResult{NewVersion: true, URL: "u"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeCloud(t, reply{Body: tt.body})
			got, err := newClient(t, f.URL, &sleeps{}).PushSnapshot(t.Context(), cloudapi.PushSnapshotInput{
				ScopeIdent: cloudapi.ScopeIdent{URL: "u"},
				HashMatch:  true,
			})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got %+v (changes %+v), want %+v (changes %+v)", *got, got.Changes, tt.want, tt.want.Changes)
			}
		})
	}
}

// TestMalformedReply: a 200 that is not a GraphQL reply fails clearly, once.
func TestMalformedReply(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body string
		push       bool
		want       string
	}{
		{"not JSON", `<html>proxy login</html>`, false, "cloudapi: snapshotHash: malformed reply from %s: invalid character '<' looking for beginning of value"},
		{"empty body", ``, false, "cloudapi: snapshotHash: malformed reply from %s: unexpected end of JSON input"},
		{"no data", `{}`, false, `cloudapi: snapshotHash: malformed reply from %s: reply has no "data" object`},
		{"null data", `{"data":null}`, false, `cloudapi: snapshotHash: malformed reply from %s: reply has no "data" object`},
		{"data not an object", `{"data":[]}`, false, `cloudapi: snapshotHash: malformed reply from %s: reply has no "data" object`},
		{"field missing", `{"data":{}}`, false, `cloudapi: snapshotHash: malformed reply from %s: data has no "snapshotHash"`},
		{"wrong type", `{"data":{"snapshotHash":{"hash":3}}}`, false, "cloudapi: snapshotHash: malformed reply from %s: json: cannot unmarshal number into Go struct field .snapshotHash.hash of type string"},
		{"push field missing", `{"data":{"snapshotHash":{"hash":""}}}`, true, `cloudapi: pushSnapshot: malformed reply from %s: data has no "pushSnapshot"`},
		{"push field null", `{"data":{"pushSnapshot":null}}`, true, `cloudapi: pushSnapshot: malformed reply from %s: data has no "pushSnapshot"`},
		{"too large", `{"data":{"snapshotHash":{"hash":"` + strings.Repeat("a", 1<<20) + `"}}}`, false, "cloudapi: snapshotHash: malformed reply from %s: reply larger than 1048576 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeCloud(t, reply{Body: tt.body})
			s := &sleeps{}
			c := newClient(t, f.URL, s)
			var err error
			if tt.push {
				_, err = c.PushSnapshot(t.Context(), cloudapi.PushSnapshotInput{ScopeIdent: cloudapi.ScopeIdent{URL: "u"}, HashMatch: true})
			} else {
				_, err = c.SnapshotHash(t.Context(), cloudapi.ScopeIdent{URL: "u"})
			}
			want := strings.ReplaceAll(tt.want, "%s", f.URL+"/query")
			if err == nil || err.Error() != want {
				t.Errorf("got error %v\nwant       %s", err, want)
			}
			if n := len(f.requests()); n != 1 {
				t.Errorf("sent %d requests, want 1 (no retry)", n)
			}
		})
	}
}

// TestGraphQLErrors: errors in a 200 reply read as one line and are not retried.
func TestGraphQLErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, want string
	}{
		{
			name: "one with path",
			body: `{"errors":[{"message":"scope not found","path":["snapshotHash","hash"],"locations":[{"line":1,"column":50}],"extensions":{"code":"NOT_FOUND"}}],"data":null}`,
			want: "cloudapi: snapshotHash: scope not found (path snapshotHash.hash)",
		},
		{
			name: "several, index in path, multi-line message",
			body: `{"errors":[{"message":"first\nproblem","path":["a",0,"b"]},{"message":"second"}]}`,
			want: "cloudapi: snapshotHash: first problem (path a[0].b); second",
		},
		{
			name: "null and empty entries",
			body: `{"errors":[null,{"message":""}],"data":{"snapshotHash":null}}`,
			want: "cloudapi: snapshotHash: (no message); (no message)",
		},
		{
			name: "token echoed",
			body: `{"errors":[{"message":"token ` + token + ` is revoked"}]}`,
			want: "cloudapi: snapshotHash: token xxxxx is revoked",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeCloud(t, reply{Body: tt.body})
			_, err := newClient(t, f.URL, &sleeps{}).SnapshotHash(t.Context(), cloudapi.ScopeIdent{URL: "u"})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got error %v\nwant       %s", err, tt.want)
			}
			var ge *cloudapi.GraphQLError
			if !errors.As(err, &ge) || ge.Op != "snapshotHash" {
				t.Errorf("got %T, want *cloudapi.GraphQLError for snapshotHash", err)
			}
			if n := len(f.requests()); n != 1 {
				t.Errorf("sent %d requests, want 1", n)
			}
		})
	}
}

func TestCanceledBeforeCall(t *testing.T) {
	t.Parallel()
	f := newFakeCloud(t, reply{Body: `{"data":{"snapshotHash":null}}`})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := newClient(t, f.URL, &sleeps{}).SnapshotHash(ctx, cloudapi.ScopeIdent{URL: "u"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

package cloudapi_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/schemawatch/schemawatch/cloudapi"
)

// A monitoring run: redact the URL, ask for the stored hash, then push the
// snapshot, or only the fact that it is unchanged.
func ExampleClient() {
	// A stand-in for Atlas Cloud or the schemawatch server.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if strings.HasPrefix(string(body), `{"query":"query `) {
			io.WriteString(w, `{"data":{"snapshotHash":{"hash":"sw1:old"}}}`)
			return
		}
		io.WriteString(w, `{"data":{"pushSnapshot":{"newVersion":true,"url":"https://monitor.example.com/s/42"}},
			"extensions":{"schemawatch":{"changes":{"added":["column public.users.email"],"removed":[],"changed":[]}}}}`)
	}))
	defer srv.Close()

	ctx := context.Background()
	c, err := cloudapi.New(srv.URL, "the-cloud-token", cloudapi.WithUserAgent("v0.1.0"))
	if err != nil {
		fmt.Println(err)
		return
	}
	redacted, err := cloudapi.RedactURL("postgres://monitor:s3cret@db:5432/app?sslmode=require&password=s3cret")
	if err != nil {
		fmt.Println(err)
		return
	}
	scope := cloudapi.ScopeIdent{URL: redacted, Schemas: []string{"public"}}
	fmt.Println("scope:", scope.URL)

	hcl, hash := "schema \"public\" {\n}\n", "sw1:new"
	stored, err := c.SnapshotHash(ctx, scope)
	if err != nil {
		fmt.Println(err)
		return
	}
	match := cloudapi.HashMatches(stored, hash, hcl)
	fmt.Println("unchanged:", match)

	res, err := c.PushSnapshot(ctx, cloudapi.PushSnapshotInput{
		ScopeIdent: scope,
		HashMatch:  match,
		Snapshot:   &cloudapi.SnapshotInput{Hash: hash, HCL: hcl},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("new version:", res.NewVersion, res.URL)
	if res.Changes != nil {
		fmt.Println("added:", res.Changes.Added)
	}
	// Output:
	// scope: postgres://monitor:xxxxx@db:5432/app?sslmode=require
	// unchanged: false
	// new version: true https://monitor.example.com/s/42
	// added: [column public.users.email]
}

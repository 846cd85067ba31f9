// Command library shows schemawatch used as a Go library from custom
// tooling: inspect a database, print its schema as HCL, and record the
// snapshot in a monitoring service (Atlas Cloud or a schemawatch server)
// only when the service does not have it yet, which is what the
// monitor/schema action does on a CI.
//
//	SCHEMAWATCH_TOKEN=... go run ./examples/library \
//	    -url 'sqlite://app.db' -cloud-url https://schemawatch.example.com -slug app-local
//
// The token comes from the environment, never from a flag: flags show in the
// process list.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/schemawatch/schemawatch/cloudapi"
	"github.com/schemawatch/schemawatch/inspect"
	_ "github.com/schemawatch/schemawatch/inspect/mysql" // the databases this tool reads
	_ "github.com/schemawatch/schemawatch/inspect/postgres"
	_ "github.com/schemawatch/schemawatch/inspect/sqlite"
	"github.com/schemawatch/schemawatch/schema"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "library:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("library", flag.ContinueOnError)
	dbURL := fs.String("url", "", "database URL (postgres://, mysql://, sqlite://)")
	cloudURL := fs.String("cloud-url", "", "monitoring service endpoint (default Atlas Cloud)")
	slug := fs.String("slug", "", "stable name of the database in the service")
	hclOut := fs.Bool("hcl", false, "print the schema as HCL")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dbURL == "" {
		return errors.New("-url is required")
	}
	token := getenv("SCHEMAWATCH_TOKEN")
	if token == "" {
		return errors.New("set SCHEMAWATCH_TOKEN to the service's token")
	}

	// Inspect: one call opens, inspects and closes the database.
	snap, err := inspect.Snapshot(ctx, *dbURL, inspect.Options{})
	if err != nil {
		return err
	}
	for _, n := range snap.Notes {
		fmt.Fprintf(stdout, "warning: %s: %s\n", n.Object, n.Reason)
	}
	var hcl strings.Builder
	if err := schema.WriteHCL(&hcl, snap); err != nil {
		return err
	}
	if *hclOut {
		fmt.Fprint(stdout, hcl.String())
	}
	hash, err := snap.Hash()
	if err != nil {
		return err
	}

	// The service identifies the database by its URL without secrets (and
	// the slug); the password never leaves this process.
	redacted, err := cloudapi.RedactURL(*dbURL)
	if err != nil {
		return err
	}
	scope := cloudapi.ScopeIdent{URL: redacted, ExtID: *slug}
	client, err := cloudapi.New(*cloudURL, token, cloudapi.WithUserAgent("library-example"), cloudapi.WithProxyEnv(getenv))
	if err != nil {
		return err
	}
	stored, err := client.SnapshotHash(ctx, scope)
	if err != nil {
		return err
	}
	// HashMatches also accepts the legacy hash Atlas's own action stored.
	in := cloudapi.PushSnapshotInput{ScopeIdent: scope, HashMatch: cloudapi.HashMatches(stored, hash, hcl.String())}
	if !in.HashMatch {
		in.Snapshot = &cloudapi.SnapshotInput{Hash: hash, HCL: hcl.String()}
	}
	res, err := client.PushSnapshot(ctx, in)
	if err != nil {
		return err
	}
	state := "unchanged"
	if res.NewVersion {
		state = "recorded a new snapshot"
	}
	fmt.Fprintf(stdout, "%s: %s %s\n%s\n", redacted, state, hash, res.URL)
	return nil
}

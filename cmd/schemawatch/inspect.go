package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/schema"
)

// formats are the output formats of inspect, in the order the help lists them.
var formats = []string{"hcl", "json", "sql", "hash"}

func cmdInspect(ctx context.Context, c *cli, args []string) error {
	fs := c.flags("inspect")
	var (
		dbURL, format             string
		schemas, include, exclude listFlag
	)
	fs.StringVar(&dbURL, "url", "", "database URL, e.g. postgres://user:pass@host:5432/db?sslmode=disable")
	fs.Var(&schemas, "schema", "inspect only this schema (repeatable, or comma-separated)")
	fs.Var(&include, "include", "keep only objects matching this glob (repeatable)")
	fs.Var(&exclude, "exclude", "drop objects matching this glob (repeatable), e.g. 'public.tmp_*'")
	fs.StringVar(&format, "format", "hcl", "output format: "+strings.Join(formats, ", "))
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if dbURL == "" {
		return &usageError{"--url is required"}
	}
	if !slices.Contains(formats, format) {
		return &usageError{fmt.Sprintf("unknown format %q (known: %s)", format, strings.Join(formats, ", "))}
	}
	opts := inspect.Options{Schemas: splitCommas(schemas), Include: include, Exclude: exclude}
	snap, err := inspect.Snapshot(ctx, dbURL, opts)
	if err != nil {
		return err
	}
	for _, n := range snap.Notes {
		fmt.Fprintf(c.stderr, "schemawatch: warning: %s: %s\n", n.Object, n.Reason)
	}
	return writeSnapshot(c.stdout, snap, format)
}

// writeSnapshot writes snap in one of formats. Output is built in memory and
// written once, so a failure never leaves half a document on stdout.
func writeSnapshot(w io.Writer, snap *schema.Snapshot, format string) error {
	var out []byte
	switch format {
	case "json":
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // as in the canonical encoding
		enc.SetIndent("", "  ")
		if err := enc.Encode(snap); err != nil {
			return err
		}
		out = b.Bytes()
	case "hash":
		h, err := snap.Hash()
		if err != nil {
			return err
		}
		out = []byte(h + "\n")
	case "sql":
		d, err := inspect.DriverFor(snap.Dialect)
		if err != nil {
			return err
		}
		s, err := d.SQL(snap)
		if err != nil {
			return err
		}
		out = []byte(s)
	case "hcl":
		var b strings.Builder
		if err := schema.WriteHCL(&b, snap); err != nil {
			return err
		}
		out = []byte(b.String())
	}
	_, err := w.Write(out)
	return err
}

func splitCommas(l []string) []string {
	var out []string
	for _, v := range l {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/schemawatch/schemawatch/server"
)

// cmdToken manages the server's API tokens: create, list, revoke. It works on
// the store directly, so a running server sees the change on its next request.
func cmdToken(ctx context.Context, c *cli, args []string) error {
	if len(args) == 0 {
		return &usageError{"a sub-command is required: create, list or revoke"}
	}
	sub, args := args[0], args[1:]
	fs := c.flags("token")
	var data, dsn, name string
	fs.StringVar(&data, "data", "schemawatch-data", "directory of the embedded SQLite store")
	fs.StringVar(&dsn, "store", "", "store URL instead of --data: postgres://… or sqlite:PATH")
	if sub != "list" {
		fs.StringVar(&name, "name", "", "the token's name, e.g. ci (required)")
	}
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if sub != "list" && name == "" {
		return &usageError{"--name is required"}
	}
	switch sub {
	case "create", "list", "revoke":
	default:
		return &usageError{fmt.Sprintf("unknown sub-command %q (known: create, list, revoke)", sub)}
	}
	st, err := openStore(ctx, c, data, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	switch sub {
	case "create":
		tok, err := server.CreateToken(ctx, st, name, c.now())
		if err != nil {
			return err
		}
		// The token is printed once, alone on stdout, so it can be captured;
		// the advice goes to stderr.
		fmt.Fprintln(c.stdout, tok)
		fmt.Fprintf(c.stderr, "schemawatch: token %q created; it is shown only this once (use it as ATLAS_INPUT_CLOUD_TOKEN)\n", name)
		return nil
	case "revoke":
		n, err := st.RevokeToken(ctx, name, c.now())
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("token: no active token named %q", name)
		}
		fmt.Fprintf(c.stdout, "revoked %d token(s) named %q\n", n, name)
		return nil
	}
	toks, err := st.Tokens(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tCREATED\tLAST USED\tSTATE")
	for _, t := range toks {
		used, state := "never", "active"
		if !t.LastUsedAt.IsZero() {
			used = t.LastUsedAt.Format("2006-01-02 15:04")
		}
		if !t.Active() {
			state = "revoked " + t.RevokedAt.Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", t.Name, t.CreatedAt.Format("2006-01-02 15:04"), used, state)
	}
	return w.Flush()
}

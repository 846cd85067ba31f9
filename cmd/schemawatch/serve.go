package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/schemawatch/schemawatch/server"
	"github.com/schemawatch/schemawatch/server/store"
)

// cmdServe runs the self-hosted monitoring server until ctx ends. Its first
// line on stdout is "listening on http://ADDR", so scripts and tests can
// start it on port 0 and read the address.
func cmdServe(ctx context.Context, c *cli, args []string) error {
	fs := c.flags("serve")
	var (
		addr, data, dsn, baseURL, uiToken string
		webhooks, slackHooks              listFlag
		maxBody                           int64
	)
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (the UI needs no token by default: keep it on loopback or behind an authenticating proxy)")
	fs.StringVar(&data, "data", "schemawatch-data", "directory of the embedded SQLite store")
	fs.StringVar(&dsn, "store", "", "store URL instead of --data: postgres://… or sqlite:PATH")
	fs.StringVar(&baseURL, "base-url", "", "absolute URL the UI is reached at, for links in API replies and webhooks (default: from each request's Host)")
	fs.StringVar(&uiToken, "ui-token", "", "protect the UI with HTTP basic auth whose password is this value (default: $SCHEMAWATCH_UI_TOKEN)")
	fs.Var(&webhooks, "webhook", "URL to POST a JSON document to on every schema change (repeatable)")
	fs.Var(&slackHooks, "slack-webhook", "Slack incoming-webhook URL to notify on every schema change (repeatable)")
	fs.Int64Var(&maxBody, "max-body", server.DefaultMaxBodyBytes, "largest API request accepted, in bytes")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if uiToken == "" {
		uiToken = c.getenv("SCHEMAWATCH_UI_TOKEN")
	}
	st, err := openStore(ctx, c, data, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	logger := slog.New(slog.NewTextHandler(c.stderr, nil))
	srv, err := server.New(server.Options{
		Store: st, BaseURL: baseURL, UIToken: uiToken, MaxBodyBytes: maxBody,
		Webhooks: webhooks, SlackWebhooks: slackHooks, Logger: logger, Now: c.now,
	})
	if err != nil {
		return err
	}
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintf(c.stdout, "listening on http://%s\n", ln.Addr())
	if toks, err := st.Tokens(ctx); err == nil && len(toks) == 0 {
		logger.Warn("no API token yet: create one with 'schemawatch token create --name ci' (with the same --data or --store)")
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // a large snapshot over a slow link
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Let requests in flight (a push) finish, then stop webhook delivery.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	err = hs.Shutdown(sctx)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return errors.Join(err, srv.Close(sctx))
}

// openStore opens --store when given, else the SQLite file in --data
// (created, with the directory, if missing; relative to the working directory).
func openStore(ctx context.Context, c *cli, data, dsn string) (store.Store, error) {
	if dsn != "" {
		return store.Open(ctx, dsn)
	}
	if data == "" {
		return nil, &usageError{"--data or --store is required"}
	}
	if !filepath.IsAbs(data) {
		data = filepath.Join(c.dir, data)
	}
	if err := os.MkdirAll(data, 0o700); err != nil {
		return nil, fmt.Errorf("serve: creating the data directory: %w", err)
	}
	return store.OpenSQLite(ctx, filepath.Join(data, "schemawatch.db"))
}

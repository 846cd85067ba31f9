// Package server is schemawatch's self-hosted monitoring service: the
// snapshot API that Atlas Cloud speaks (POST /query, ATLAS-COMPAT §5), so
// `schemawatch run` and the official Atlas action can push to it, and a
// server-rendered web UI over the pushed history (databases, a schema
// browser, an ERD, changelogs with diffs, search). Webhooks announce changes.
//
// The API requires a bearer token created with `schemawatch token create`.
// The UI needs none unless Options.UIToken is set: bind the server to
// loopback or put it behind a proxy that authenticates, as the README says.
package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/schemawatch/schemawatch/server/store"
)

// DefaultMaxBodyBytes bounds an API request: one HCL document of a very large
// schema (5,000 tables is about 10 MiB) with room to spare.
const DefaultMaxBodyBytes = 64 << 20

// Options configure a Server. Store is required; the rest have defaults.
type Options struct {
	// Store keeps the history; the Server does not close it.
	Store store.Store
	// BaseURL is the absolute URL the UI is reached at, for the links the API
	// returns and webhooks send ("https://schemas.example.com"). When empty the
	// links are built from each request's Host.
	BaseURL string
	// UIToken, when set, protects the UI with HTTP basic authentication whose
	// password is this token (any user name). The API always needs a token.
	UIToken string
	// MaxBodyBytes bounds API request bodies (DefaultMaxBodyBytes when ≤ 0);
	// larger ones get 413.
	MaxBodyBytes int64
	// Webhooks receive a JSON document for every schema change; SlackWebhooks
	// receive a Slack-compatible {"text": ...} message.
	Webhooks      []string
	SlackWebhooks []string
	// WebhookClient sends webhook requests (a client with a 10s timeout when nil).
	WebhookClient *http.Client
	// WebhookAttempts bounds deliveries of one event to one URL (5 when ≤ 0);
	// WebhookBackoff is the first wait between attempts, doubled each time up
	// to 30 times itself (1s when ≤ 0).
	WebhookAttempts int
	WebhookBackoff  time.Duration
	// Logger receives operational messages (slog.Default when nil). Tokens and
	// snapshots are never logged.
	Logger *slog.Logger
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Server serves the API and the UI. Create it with New and stop it with Close.
type Server struct {
	opts    Options
	st      store.Store
	log     *slog.Logger
	now     func() time.Time
	mux     *http.ServeMux
	tmpl    *template.Template
	hooks   *notifier
	parsed  *lru[*derived]
	diffs   *lru[*pairDiff]
	touchMu sync.Mutex
	touched map[int64]time.Time // when each token's last use was recorded
}

// New builds a Server and starts its webhook workers. It does no other I/O.
func New(opts Options) (*Server, error) {
	if opts.Store == nil {
		return nil, errors.New("server: no store given")
	}
	if opts.BaseURL != "" {
		b, err := normalizeBaseURL(opts.BaseURL)
		if err != nil {
			return nil, err
		}
		opts.BaseURL = b
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	tmpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	hooks, err := newNotifier(opts)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:    opts,
		st:      opts.Store,
		log:     opts.Logger,
		now:     opts.Now,
		mux:     http.NewServeMux(),
		tmpl:    tmpl,
		hooks:   hooks,
		parsed:  newLRU[*derived](8),
		diffs:   newLRU[*pairDiff](8),
		touched: map[int64]time.Time{},
	}
	s.routes()
	return s, nil
}

// ServeHTTP serves the API and the UI.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// The UI loads nothing from elsewhere; say so, so a browser refuses to.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	s.mux.ServeHTTP(w, r)
}

// Close stops the webhook workers, waiting at most until ctx ends for the
// deliveries in flight. Events not yet delivered are dropped.
func (s *Server) Close(ctx context.Context) error {
	return s.hooks.close(ctx)
}

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("POST /query", s.handleQuery)
	m.HandleFunc("/query", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "POST")
		http.Error(w, "the API takes POST requests", http.StatusMethodNotAllowed)
	})
	m.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	m.Handle("GET /static/", s.ui(http.HandlerFunc(s.handleStatic)))
	m.Handle("GET /{$}", s.ui(http.HandlerFunc(s.handleDatabases)))
	m.Handle("GET /search", s.ui(http.HandlerFunc(s.handleSearch)))
	m.Handle("GET /db/{id}", s.ui(http.HandlerFunc(s.handleSchema)))
	m.Handle("GET /db/{id}/tables/{schema}/{table}", s.ui(http.HandlerFunc(s.handleTable)))
	m.Handle("GET /db/{id}/erd", s.ui(http.HandlerFunc(s.handleERD)))
	m.Handle("GET /db/{id}/erd.svg", s.ui(http.HandlerFunc(s.handleERDSVG)))
	m.Handle("GET /db/{id}/changes", s.ui(http.HandlerFunc(s.handleChanges)))
	m.Handle("GET /db/{id}/diff", s.ui(http.HandlerFunc(s.handleDiff)))
	m.Handle("GET /db/{id}/versions/{seq}/hcl", s.ui(http.HandlerFunc(s.handleHCL)))
}

// ui guards a UI handler with the optional UI token.
func (s *Server) ui(h http.Handler) http.Handler {
	if s.opts.UIToken == "" {
		return h
	}
	want := []byte(s.opts.UIToken)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pass, ok := r.BasicAuth()
		if !ok || subtle.ConstantTimeCompare([]byte(pass), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Basic realm="schemawatch", charset="UTF-8"`)
			http.Error(w, "the UI token is required (use it as the password)", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// baseURL returns the absolute URL the UI is reached at, without a final slash.
func (s *Server) baseURL(r *http.Request) string {
	if s.opts.BaseURL != "" {
		return s.opts.BaseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func normalizeBaseURL(raw string) (string, error) {
	b := strings.TrimRight(raw, "/")
	if !strings.HasPrefix(b, "http://") && !strings.HasPrefix(b, "https://") || strings.ContainsAny(b, "?#") {
		return "", errors.New("server: the base URL must be an absolute http or https URL without query, such as https://schemas.example.com")
	}
	return b, nil
}

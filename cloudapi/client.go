// Package cloudapi is the client of the snapshot API spoken by Atlas Cloud and
// by the schemawatch server: two GraphQL calls, snapshotHash and pushSnapshot,
// over one HTTP endpoint (ATLAS-COMPAT §5). It sends what it is given; building
// the snapshot, redacting the URL (see RedactURL) and deciding the hash match
// (see HashMatches) are the caller's part.
package cloudapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// DefaultEndpoint is Atlas Cloud's API, the endpoint the Atlas action hard-codes.
const DefaultEndpoint = "https://api.atlasgo.cloud/query"

// Defaults for the retry policy: five attempts like go-retryablehttp, which the
// Atlas action uses, and a bounded per-attempt timeout.
const (
	// DefaultTimeout bounds one attempt, reading the reply included. The replies
	// are a few hundred bytes; the request carries at most one HCL document.
	// (The Atlas action waits up to five minutes; a minute keeps a hung
	// connection from holding a CI job that long, and the attempt is retried.)
	DefaultTimeout = 60 * time.Second
	// DefaultRetries is how many times a failed attempt is retried.
	DefaultRetries = 4

	backoffBase   = time.Second
	backoffCap    = 30 * time.Second
	maxRetryAfter = time.Minute // longer requests are reported, not waited out
)

// Client calls the snapshot API. It is safe for concurrent use.
type Client struct {
	endpoint string // normalised, as requests go to it
	shown    string // endpoint with any password redacted, for messages
	token    string
	agent    string
	hc       *http.Client
	timeout  time.Duration
	retries  int
	sleep    func(context.Context, time.Duration) error
	jitter   func(time.Duration) time.Duration
	now      func() time.Time
}

// An Option changes how New builds a Client.
type Option func(*options)

type options struct {
	hc      *http.Client
	version string
	timeout time.Duration
	retries int
	getenv  func(string) string
	sleep   func(context.Context, time.Duration) error
	jitter  func(time.Duration) time.Duration
	now     func() time.Time
}

// WithHTTPClient sends requests through hc instead of the client New builds.
// hc's transport then decides about proxies; WithProxyEnv has no effect.
func WithHTTPClient(hc *http.Client) Option { return func(o *options) { o.hc = hc } }

// WithUserAgent names the schemawatch version in the User-Agent header:
// "schemawatch/<version> (+https://github.com/schemawatch/schemawatch)".
// Without it the version reads "devel".
func WithUserAgent(version string) Option { return func(o *options) { o.version = version } }

// WithTimeout sets the per-attempt timeout, which covers connecting, sending and
// reading the whole reply. Values ≤ 0 keep DefaultTimeout: an unbounded attempt
// could hold a CI job forever.
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithRetries sets how many times a failed attempt is retried (DefaultRetries
// when not given); 0 makes one attempt only, negative values count as 0.
func WithRetries(n int) Option { return func(o *options) { o.retries = max(n, 0) } }

// WithProxyEnv reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY (and their lower-case
// spellings) through getenv, so a CI adapter or a test decides the environment.
// Without it the standard library reads the process environment
// (http.ProxyFromEnvironment), which follows the same rules.
func WithProxyEnv(getenv func(string) string) Option {
	return func(o *options) { o.getenv = getenv }
}

// WithSleep replaces the wait between attempts, so tests need not sleep. sleep
// must return ctx.Err() if ctx ends first.
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(o *options) { o.sleep = sleep }
}

// WithJitter replaces the random draw of the backoff: jitter(d) must return a
// duration in [0, d]. The default draws uniformly ("full jitter").
func WithJitter(jitter func(d time.Duration) time.Duration) Option {
	return func(o *options) { o.jitter = jitter }
}

// WithClock sets the clock used to read a Retry-After header given as a date.
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// New returns a client of the API at endpoint, authenticated by token. An empty
// endpoint means DefaultEndpoint; a base URL without a path (or with "/") means
// its "/query". New does no I/O.
func New(endpoint, token string, opts ...Option) (*Client, error) {
	o := options{retries: DefaultRetries}
	for _, opt := range opts {
		opt(&o)
	}
	ep, err := NormalizeEndpoint(endpoint)
	if err != nil {
		return nil, err
	}
	if token == "" {
		return nil, errors.New("cloudapi: no cloud token given")
	}
	u, _ := url.Parse(ep) // NormalizeEndpoint parsed it already
	c := &Client{
		endpoint: ep,
		shown:    u.Redacted(),
		token:    token,
		agent:    userAgent(o.version),
		hc:       o.hc,
		timeout:  o.timeout,
		retries:  o.retries,
		sleep:    o.sleep,
		jitter:   o.jitter,
		now:      o.now,
	}
	if c.hc == nil {
		c.hc = &http.Client{Transport: newTransport(o.getenv)}
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.sleep == nil {
		c.sleep = sleepCtx
	}
	if c.jitter == nil {
		c.jitter = fullJitter
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c, nil
}

// Endpoint returns the URL requests are sent to, with any password redacted.
func (c *Client) Endpoint() string { return c.shown }

// NormalizeEndpoint returns the URL New sends requests to: DefaultEndpoint for
// "", base + "/query" for a base URL with an empty path or "/", and any other
// http or https URL unchanged.
func NormalizeEndpoint(endpoint string) (string, error) {
	if endpoint == "" {
		return DefaultEndpoint, nil
	}
	u, err := url.Parse(endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		// The endpoint is not secret, but it may carry userinfo: say what is
		// wrong without echoing it.
		return "", errors.New("cloudapi: the API endpoint must be an absolute http or https URL, such as " + DefaultEndpoint)
	}
	if u.Path == "" || u.Path == "/" {
		u.Path, u.RawPath = "/query", ""
	}
	return u.String(), nil
}

// SnapshotHash returns the hash of the last snapshot the service stored for
// scope, or "" when it stores none.
func (c *Client) SnapshotHash(ctx context.Context, scope ScopeIdent) (string, error) {
	var data struct {
		SnapshotHash *struct {
			Hash string `json:"hash"`
		} `json:"snapshotHash"`
	}
	present, _, err := c.call(ctx, "snapshotHash", SnapshotHashQuery, scope, &data)
	if err != nil {
		return "", err
	}
	if !present {
		return "", malformed("snapshotHash", c.shown, errors.New(`data has no "snapshotHash"`))
	}
	if data.SnapshotHash == nil { // a nullable field: nothing stored
		return "", nil
	}
	return data.SnapshotHash.Hash, nil
}

// PushSnapshot records a run. in.Snapshot is required when in.HashMatch is
// false and is not sent when it is true.
func (c *Client) PushSnapshot(ctx context.Context, in PushSnapshotInput) (*PushResult, error) {
	if !in.HashMatch && in.Snapshot == nil {
		return nil, errors.New("cloudapi: pushSnapshot: a snapshot is required when the hash does not match")
	}
	var data struct {
		PushSnapshot *struct {
			NewVersion bool   `json:"newVersion"`
			URL        string `json:"url"`
		} `json:"pushSnapshot"`
	}
	present, ext, err := c.call(ctx, "pushSnapshot", PushSnapshotMutation, in, &data)
	if err != nil {
		return nil, err
	}
	if !present || data.PushSnapshot == nil {
		return nil, malformed("pushSnapshot", c.shown, errors.New(`data has no "pushSnapshot"`))
	}
	return &PushResult{
		NewVersion: data.PushSnapshot.NewVersion,
		URL:        data.PushSnapshot.URL,
		Changes:    changes(ext),
	}, nil
}

// changes reads our server's extension. A malformed one is ignored: the push
// has been stored by then, and failing the run over a summary would report a
// failure that did not happen.
func changes(ext map[string]json.RawMessage) *ChangeSummary {
	raw, ok := ext[ExtensionName]
	if !ok {
		return nil
	}
	var e Extension
	if json.Unmarshal(raw, &e) != nil {
		return nil
	}
	return e.Changes
}

func userAgent(version string) string {
	version = strings.Join(strings.Fields(version), "-") // a product token has no spaces
	if version == "" {
		version = "devel"
	}
	return "schemawatch/" + version + " (+https://github.com/schemawatch/schemawatch)"
}

// newTransport clones the default transport, keeping its dial and TLS
// timeouts and HTTP/2, and sets its proxy from getenv when one is given.
func newTransport(getenv func(string) string) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = http.ProxyFromEnvironment
	if getenv != nil {
		t.Proxy = proxyFunc(getenv)
	}
	return t
}

// proxyFunc applies the rules of net/http's ProxyFromEnvironment (the same
// x/net/http/httpproxy code) to the variables getenv returns. Like the standard
// library it never proxies requests to localhost or loopback addresses.
func proxyFunc(getenv func(string) string) func(*http.Request) (*url.URL, error) {
	first := func(names ...string) string {
		for _, n := range names {
			if v := getenv(n); v != "" {
				return v
			}
		}
		return ""
	}
	cfg := &httpproxy.Config{
		HTTPProxy:  first("HTTP_PROXY", "http_proxy"),
		HTTPSProxy: first("HTTPS_PROXY", "https_proxy"),
		NoProxy:    first("NO_PROXY", "no_proxy"),
		CGI:        getenv("REQUEST_METHOD") != "", // HTTP_PROXY is a request header under CGI
	}
	fn := cfg.ProxyFunc()
	return func(r *http.Request) (*url.URL, error) { return fn(r.URL) }
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func fullJitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(d) + 1))
}

func malformed(op, endpoint string, err error) error {
	return fmt.Errorf("cloudapi: %s: malformed reply from %s: %w", op, endpoint, err)
}

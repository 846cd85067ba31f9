package cloudapi_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/cloudapi"
)

const okHash = `{"data":{"snapshotHash":{"hash":"h"}}}`

// TestRetries drives the retry policy with scripted replies. Sleeps are
// recorded, not slept, and the jitter takes the top of each range, so the
// wanted schedule is the ceiling of each backoff step.
func TestRetries(t *testing.T) {
	t.Parallel()
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s := time.Second
	tests := []struct {
		name     string
		replies  []reply
		retries  int // -1: the default
		wantErr  string
		wantSent int
		wantWait []time.Duration
		unauth   bool
		status   int // the HTTPError status the error wraps, if any
	}{
		{
			name:     "503 until giving up",
			replies:  []reply{{Status: 503}},
			retries:  -1,
			wantErr:  "cloudapi: POST %s: giving up after 5 attempts: 503 Service Unavailable",
			wantSent: 5, wantWait: []time.Duration{1 * s, 2 * s, 4 * s, 8 * s}, status: 503,
		},
		{
			name:     "500 then success",
			replies:  []reply{{Status: 500}, {Body: okHash}},
			retries:  -1,
			wantSent: 2, wantWait: []time.Duration{1 * s},
		},
		{
			name:     "backoff is capped at 30s",
			replies:  []reply{{Status: 502}},
			retries:  7,
			wantErr:  "cloudapi: POST %s: giving up after 8 attempts: 502 Bad Gateway",
			wantSent: 8, wantWait: []time.Duration{1 * s, 2 * s, 4 * s, 8 * s, 16 * s, 30 * s, 30 * s}, status: 502,
		},
		{
			name:     "429 Retry-After seconds",
			replies:  []reply{{Status: 429, Header: map[string]string{"Retry-After": "7"}}, {Body: okHash}},
			retries:  -1,
			wantSent: 2, wantWait: []time.Duration{7 * s},
		},
		{
			name:     "503 Retry-After date",
			replies:  []reply{{Status: 503, Header: map[string]string{"Retry-After": clock.Add(3 * s).Format(http.TimeFormat)}}, {Body: okHash}},
			retries:  -1,
			wantSent: 2, wantWait: []time.Duration{3 * s},
		},
		{
			name:     "Retry-After in the past means now",
			replies:  []reply{{Status: 503, Header: map[string]string{"Retry-After": clock.Add(-time.Hour).Format(http.TimeFormat)}}, {Body: okHash}},
			retries:  -1,
			wantSent: 2, wantWait: []time.Duration{0},
		},
		{
			name:     "Retry-After unreadable falls back to backoff",
			replies:  []reply{{Status: 429, Header: map[string]string{"Retry-After": "soon"}}, {Body: okHash}},
			retries:  -1,
			wantSent: 2, wantWait: []time.Duration{1 * s},
		},
		{
			name:     "Retry-After ignored on 502",
			replies:  []reply{{Status: 502, Header: map[string]string{"Retry-After": "20"}}, {Body: okHash}},
			retries:  -1,
			wantSent: 2, wantWait: []time.Duration{1 * s},
		},
		{
			name:     "Retry-After too long gives up at once",
			replies:  []reply{{Status: 429, Header: map[string]string{"Retry-After": "3600"}}},
			retries:  -1,
			wantErr:  "cloudapi: POST %s: giving up after 1 attempt: 429 Too Many Requests (the server asks to retry after 1h0m0s, more than the 1m0s this client waits)",
			wantSent: 1, status: 429,
		},
		{
			name:     "no retries asked",
			replies:  []reply{{Status: 503}},
			retries:  0,
			wantErr:  "cloudapi: POST %s: giving up after 1 attempt: 503 Service Unavailable",
			wantSent: 1, status: 503,
		},
		{
			name:     "501 is not retried",
			replies:  []reply{{Status: 501, Body: "no such thing"}},
			retries:  -1,
			wantErr:  "cloudapi: POST %s: 501 Not Implemented: no such thing",
			wantSent: 1, status: 501,
		},
		{
			name:     "400 is not retried, body shown on one line",
			replies:  []reply{{Status: 400, Body: "bad input:\n  url is required\n"}},
			retries:  -1,
			wantErr:  "cloudapi: POST %s: 400 Bad Request: bad input: url is required",
			wantSent: 1, status: 400,
		},
		{
			name:     "404 is not retried",
			replies:  []reply{{Status: 404}},
			retries:  -1,
			wantErr:  "cloudapi: POST %s: 404 Not Found",
			wantSent: 1, status: 404,
		},
		{
			name:     "a 4xx after a retry ends it",
			replies:  []reply{{Status: 503}, {Status: 422}},
			retries:  -1,
			wantErr:  "cloudapi: POST %s: 422 Unprocessable Entity",
			wantSent: 2, wantWait: []time.Duration{1 * s}, status: 422,
		},
		{
			name:     "401 is ErrUnauthorized",
			replies:  []reply{{Status: 401}},
			retries:  -1,
			wantErr:  "cloudapi: POST %s: 401 Unauthorized: the cloud token was refused (check that it is set, valid and not revoked)",
			wantSent: 1, unauth: true, status: 401,
		},
		{
			name:     "403 is ErrUnauthorized, echoed token hidden",
			replies:  []reply{{Status: 403, Body: `{"error":"token ` + token + ` lacks scope"}`}},
			retries:  -1,
			wantErr:  `cloudapi: POST %s: 403 Forbidden: {"error":"token xxxxx lacks scope"}: the cloud token was refused (check that it is set, valid and not revoked)`,
			wantSent: 1, unauth: true, status: 403,
		},
		{
			name:     "long body cut",
			replies:  []reply{{Status: 400, Body: strings.Repeat("é", 150)}},
			retries:  -1,
			wantErr:  "cloudapi: POST %s: 400 Bad Request: " + strings.Repeat("é", 100) + "…",
			wantSent: 1, status: 400,
		},
		{
			name:     "other 2xx is not success",
			replies:  []reply{{Status: 204}},
			retries:  -1,
			wantErr:  "cloudapi: POST %s: 204 No Content",
			wantSent: 1, status: 204,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeCloud(t, tt.replies...)
			sl := &sleeps{}
			opts := []cloudapi.Option{cloudapi.WithClock(func() time.Time { return clock })}
			if tt.retries >= 0 {
				opts = append(opts, cloudapi.WithRetries(tt.retries))
			}
			_, err := newClient(t, f.URL, sl, opts...).SnapshotHash(t.Context(), cloudapi.ScopeIdent{URL: "u"})
			want := strings.ReplaceAll(tt.wantErr, "%s", f.URL+"/query")
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("got error %v, want none", err)
			case tt.wantErr != "" && (err == nil || err.Error() != want):
				t.Errorf("got error %v\nwant       %s", err, want)
			}
			if n := len(f.requests()); n != tt.wantSent {
				t.Errorf("sent %d requests, want %d", n, tt.wantSent)
			}
			if got := sl.got(); !reflect.DeepEqual(got, tt.wantWait) {
				t.Errorf("waits %v, want %v", got, tt.wantWait)
			}
			if got := errors.Is(err, cloudapi.ErrUnauthorized); got != tt.unauth {
				t.Errorf("errors.Is(err, ErrUnauthorized) = %v, want %v", got, tt.unauth)
			}
			var he *cloudapi.HTTPError
			if got := errors.As(err, &he); got != (tt.status != 0) || (got && he.StatusCode != tt.status) {
				t.Errorf("HTTPError in %v: %v (%+v), want status %d", err, got, he, tt.status)
			}
			if err != nil && strings.Contains(err.Error(), token) {
				t.Errorf("the token is in the error: %v", err)
			}
		})
	}
}

// TestJitter checks that each wait is drawn below its ceiling, not fixed.
func TestJitter(t *testing.T) {
	t.Parallel()
	f := newFakeCloud(t, reply{Status: 503})
	var ceilings []time.Duration
	sl := &sleeps{}
	c, err := cloudapi.New(f.URL, token, cloudapi.WithSleep(sl.sleep), cloudapi.WithRetries(3),
		cloudapi.WithJitter(func(d time.Duration) time.Duration { ceilings = append(ceilings, d); return d / 4 }))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = c.SnapshotHash(t.Context(), cloudapi.ScopeIdent{URL: "u"})
	if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}; !reflect.DeepEqual(ceilings, want) {
		t.Errorf("ceilings %v, want %v", ceilings, want)
	}
	if got, want := sl.got(), []time.Duration{time.Second / 4, time.Second / 2, time.Second}; !reflect.DeepEqual(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
}

// TestDefaultJitter checks the default draw stays within [0, ceiling].
func TestDefaultJitter(t *testing.T) {
	t.Parallel()
	f := newFakeCloud(t, reply{Status: 503})
	sl := &sleeps{}
	c, err := cloudapi.New(f.URL, token, cloudapi.WithSleep(sl.sleep), cloudapi.WithRetries(6))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = c.SnapshotHash(t.Context(), cloudapi.ScopeIdent{URL: "u"})
	ceiling := []time.Duration{1, 2, 4, 8, 16, 30}
	got := sl.got()
	if len(got) != len(ceiling) {
		t.Fatalf("waits %v, want %d", got, len(ceiling))
	}
	for i, d := range got {
		if d < 0 || d > ceiling[i]*time.Second {
			t.Errorf("wait %d = %v, outside [0, %v]", i, d, ceiling[i]*time.Second)
		}
	}
}

// TestNetworkErrorRetried: a refused connection is retried, then reported with
// the endpoint and the attempts.
func TestNetworkErrorRetried(t *testing.T) {
	t.Parallel()
	dead := httptest.NewServer(http.NotFoundHandler())
	endpoint := dead.URL + "/query"
	dead.Close()
	sl := &sleeps{}
	_, err := newClient(t, endpoint, sl, cloudapi.WithRetries(2)).SnapshotHash(t.Context(), cloudapi.ScopeIdent{URL: "u"})
	if err == nil {
		t.Fatal("got no error")
	}
	prefix := "cloudapi: POST " + endpoint + ": giving up after 3 attempts: dial tcp "
	if !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("got %v\nwant %s…connection refused", err, prefix)
	}
	if n := len(sl.got()); n != 2 {
		t.Errorf("waited %d times, want 2", n)
	}
}

// TestUntrustedCertificateNotRetried: another attempt cannot fix a certificate.
func TestUntrustedCertificateNotRetried(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	srv.Config.ErrorLog = discardLog() // the refused handshake is expected
	sl := &sleeps{}
	_, err := newClient(t, srv.URL, sl).SnapshotHash(t.Context(), cloudapi.ScopeIdent{URL: "u"})
	if err == nil || !strings.Contains(err.Error(), "certificate") || strings.Contains(err.Error(), "giving up") {
		t.Errorf("got %v, want a certificate error without retries", err)
	}
	if n := len(sl.got()); n != 0 {
		t.Errorf("waited %d times, want 0", n)
	}
}

// TestTimeout: the per-attempt timeout cuts a hung reply, headers or body,
// and the attempt is retried.
func TestTimeout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"no headers", func(w http.ResponseWriter, r *http.Request) {
			hang(r)
		}},
		{"body never ends", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"data":{"snapshotHash":`)
			w.(http.Flusher).Flush()
			hang(r)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls counter
			srv := httptest.NewServer(calls.wrap(tt.handler))
			t.Cleanup(srv.Close)
			sl := &sleeps{}
			c := newClient(t, srv.URL, sl, cloudapi.WithTimeout(20*time.Millisecond), cloudapi.WithRetries(1))
			_, err := c.SnapshotHash(t.Context(), cloudapi.ScopeIdent{URL: "u"})
			want := "cloudapi: POST " + srv.URL + "/query: giving up after 2 attempts: attempt timed out after 20ms"
			if err == nil || err.Error() != want {
				t.Errorf("got %v\nwant %s", err, want)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("errors.Is(%v, context.DeadlineExceeded) = false", err)
			}
			if n := calls.n(); n != 2 {
				t.Errorf("server saw %d requests, want 2", n)
			}
		})
	}
}

// TestContextHonoured: a canceled context ends a hung attempt at once and is
// not retried; so does one canceled while waiting to retry.
func TestContextHonoured(t *testing.T) {
	t.Parallel()
	t.Run("during an attempt", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(t.Context())
		var calls counter
		srv := httptest.NewServer(calls.wrap(func(w http.ResponseWriter, r *http.Request) {
			cancel()
			hang(r)
		}))
		t.Cleanup(srv.Close)
		sl := &sleeps{}
		_, err := newClient(t, srv.URL, sl).SnapshotHash(ctx, cloudapi.ScopeIdent{URL: "u"})
		if want := "cloudapi: POST " + srv.URL + "/query: context canceled"; err == nil || err.Error() != want {
			t.Errorf("got %v, want %s", err, want)
		}
		if !errors.Is(err, context.Canceled) || calls.n() != 1 || len(sl.got()) != 0 {
			t.Errorf("got %v after %d requests and %d waits, want context.Canceled after 1 and 0", err, calls.n(), len(sl.got()))
		}
	})
	t.Run("while waiting", func(t *testing.T) {
		t.Parallel()
		f := newFakeCloud(t, reply{Status: 503})
		ctx, cancel := context.WithCancel(t.Context())
		c, err := cloudapi.New(f.URL, token, cloudapi.WithSleep(func(ctx context.Context, _ time.Duration) error {
			cancel()
			return ctx.Err()
		}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.SnapshotHash(ctx, cloudapi.ScopeIdent{URL: "u"})
		want := "cloudapi: POST " + f.URL + "/query: context canceled (after 1 attempt, the last: 503 Service Unavailable)"
		if err == nil || err.Error() != want {
			t.Errorf("got %v\nwant %s", err, want)
		}
		if !errors.Is(err, context.Canceled) || len(f.requests()) != 1 {
			t.Errorf("got %v after %d requests, want context.Canceled after 1", err, len(f.requests()))
		}
	})
}

// hang blocks until the client gives up on r. The body must be read first: the
// server notices a closed connection only once it reads past the request.
func hang(r *http.Request) {
	io.Copy(io.Discard, r.Body)
	<-r.Context().Done()
}

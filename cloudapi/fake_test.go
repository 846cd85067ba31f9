package cloudapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/cloudapi"
)

const token = "t0k3n-s3cr3t"

// sent is one request exactly as the fake cloud received it.
type sent struct {
	Method, Path string
	Header       http.Header
	Body         []byte
}

// reply is one canned answer; the last one repeats.
type reply struct {
	Status int // 200 when 0
	Header map[string]string
	Body   string
}

// fakeCloud records every request and answers from a script.
type fakeCloud struct {
	*httptest.Server
	mu      sync.Mutex
	sent    []sent
	replies []reply
}

func newFakeCloud(t *testing.T, replies ...reply) *fakeCloud {
	t.Helper()
	f := &fakeCloud{replies: replies}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeCloud) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.sent = append(f.sent, sent{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
	rep := f.replies[min(len(f.sent), len(f.replies))-1]
	f.mu.Unlock()
	for k, v := range rep.Header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(cmp(rep.Status, http.StatusOK))
	io.WriteString(w, rep.Body)
}

func (f *fakeCloud) requests() []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]sent(nil), f.sent...)
}

func cmp(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// sleeps records the waits a client asked for instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return ctx.Err()
}

func (s *sleeps) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// newClient builds a client of f that never sleeps and takes the top of each
// backoff range, so the schedule is exact.
func newClient(t *testing.T, endpoint string, s *sleeps, opts ...cloudapi.Option) *cloudapi.Client {
	t.Helper()
	base := []cloudapi.Option{
		cloudapi.WithUserAgent("v1.2.3"),
		cloudapi.WithSleep(s.sleep),
		cloudapi.WithJitter(func(d time.Duration) time.Duration { return d }),
	}
	c, err := cloudapi.New(endpoint, token, append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// golden compares got with testdata/name, or rewrites the file when
// UPDATE_GOLDEN=1.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// indent lays out a JSON body for a golden file without reordering or
// re-escaping anything, so the file pins the exact bytes sent.
func indent(t *testing.T, body []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := json.Indent(&b, body, "", "  "); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, body)
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// counter counts the requests a handler served.
type counter struct {
	mu    sync.Mutex
	calls int
}

func (c *counter) wrap(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.calls++
		c.mu.Unlock()
		h(w, r)
	}
}

func (c *counter) n() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls
}

func discardLog() *log.Logger { return log.New(io.Discard, "", 0) }

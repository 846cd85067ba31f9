// Package fakecloud is a stand-in for Atlas Cloud's snapshot API in tests: it
// answers snapshotHash and pushSnapshot the way ATLAS-COMPAT §5 describes,
// keeps the last hash per scope, and records every request exactly as it
// arrived so tests can check what would have been sent (and what never is).
package fakecloud

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Request is one recorded request.
type Request struct {
	Method        string          `json:"method"`
	Path          string          `json:"path"`
	Authorization string          `json:"authorization"`
	UserAgent     string          `json:"user_agent"`
	ContentType   string          `json:"content_type"`
	Body          json.RawMessage `json:"body"`
}

// Server is a running fake.
type Server struct {
	*httptest.Server
	// Token is the bearer token it accepts.
	Token string

	mu       sync.Mutex
	requests []Request
	hashes   map[string]string // scope → last hash
	versions int
	// failures are replies forced on the next requests, in order.
	failures []Failure
}

// Failure forces one reply.
type Failure struct {
	Status int           // HTTP status to answer with; 200 with Body for GraphQL-level failures
	Body   string        // reply body
	Delay  time.Duration // wait before answering (to provoke client timeouts)
}

// New starts a fake that accepts token.
func New(token string) *Server {
	s := &Server{Token: token, hashes: map[string]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Fail queues forced replies for the next requests.
func (s *Server) Fail(f ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, f...)
}

// Requests returns a copy of what was received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Dump returns every recorded request as one JSON document per line.
func (s *Server) Dump() string {
	var b strings.Builder
	for _, r := range s.Requests() {
		j, _ := json.Marshal(r)
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

// Versions counts the snapshots stored.
func (s *Server) Versions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.versions
}

type scope struct {
	URL     string   `json:"url"`
	ExtID   string   `json:"extID,omitempty"`
	Schemas []string `json:"schemas,omitempty"`
	Exclude []string `json:"exclude,omitempty"`
}

func (sc scope) key() string {
	if sc.ExtID != "" {
		return "ext:" + sc.ExtID
	}
	b, _ := json.Marshal(sc)
	return string(b)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	s.mu.Lock()
	rec := Request{Method: r.Method, Path: r.URL.Path, Authorization: r.Header.Get("Authorization"),
		UserAgent: r.Header.Get("User-Agent"), ContentType: r.Header.Get("Content-Type")}
	if json.Valid(body) {
		rec.Body = body
	} else {
		rec.Body, _ = json.Marshal(string(body))
	}
	s.requests = append(s.requests, rec)
	var f *Failure
	if len(s.failures) > 0 {
		f = &s.failures[0]
		s.failures = s.failures[1:]
	}
	s.mu.Unlock()
	if f != nil {
		if f.Delay > 0 {
			select {
			case <-time.After(f.Delay):
			case <-r.Context().Done():
				return
			}
		}
		w.WriteHeader(f.Status)
		io.WriteString(w, f.Body)
		return
	}
	if r.Method != http.MethodPost || r.URL.Path != "/query" {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+s.Token {
		http.Error(w, `{"errors":[{"message":"unauthorized"}]}`, http.StatusUnauthorized)
		return
	}
	var req struct {
		Query     string `json:"query"`
		Variables struct {
			Input struct {
				scope
				HashMatch *bool `json:"hashMatch"`
				Snapshot  *struct {
					Hash string `json:"hash"`
					HCL  string `json:"hcl"`
				} `json:"snapshot"`
			} `json:"input"`
		} `json:"variables"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		gqlError(w, "malformed request: "+err.Error())
		return
	}
	in := req.Variables.Input
	key := in.scope.key()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case strings.HasPrefix(req.Query, "query snapshotHash"):
		s.mu.Lock()
		h := s.hashes[key]
		s.mu.Unlock()
		fmt.Fprintf(w, `{"data":{"snapshotHash":{"hash":%q}}}`, h)
	case strings.HasPrefix(req.Query, "mutation pushSnapshot"):
		if in.HashMatch == nil {
			gqlError(w, "hashMatch is required")
			return
		}
		newVersion := false
		s.mu.Lock()
		if !*in.HashMatch {
			if in.Snapshot == nil || in.Snapshot.Hash == "" || in.Snapshot.HCL == "" {
				s.mu.Unlock()
				gqlError(w, "snapshot is required when hashMatch is false")
				return
			}
			s.hashes[key] = in.Snapshot.Hash
			s.versions++
			newVersion = true
		}
		s.mu.Unlock()
		fmt.Fprintf(w, `{"data":{"pushSnapshot":{"newVersion":%t,"url":%q}}}`, newVersion, s.URL+"/schemas/"+urlSafe(key))
	default:
		gqlError(w, "unknown operation")
	}
}

func gqlError(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "application/json")
	j, _ := json.Marshal(msg)
	fmt.Fprintf(w, `{"errors":[{"message":%s}],"data":null}`, j)
}

func urlSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
		}
	}
	out := b.String()
	if len(out) > 40 {
		out = out[:40]
	}
	return out
}

package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/schemawatch/schemawatch/server/store"
)

// tokenPrefix marks schemawatch API tokens, so secret scanners and people
// recognise one.
const tokenPrefix = "swt_"

// NewToken returns a fresh API token: "swt_" and 256 random bits in URL-safe
// base64. It is shown once and only its hash (HashToken) is stored.
func NewToken() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("server: generating a token: %w", err)
	}
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// HashToken returns what the store keeps of a token: "sha256:" and the hex
// SHA-256 of it. A single unsalted SHA-256 is enough here because tokens are
// 256 random bits, not passwords: nobody can enumerate that space, so slow
// password hashes (bcrypt, argon2) would add cost without adding safety, and
// a fast hash lets every API call be checked cheaply.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// CreateToken makes a token called name, stores its hash and returns the
// token, which cannot be recovered later.
func CreateToken(ctx context.Context, st store.Store, name string, now time.Time) (string, error) {
	if strings.TrimSpace(name) == "" {
		return "", errors.New("server: a token needs a name, such as ci")
	}
	tok, err := NewToken()
	if err != nil {
		return "", err
	}
	if _, err := st.CreateToken(ctx, name, HashToken(tok), now); err != nil {
		return "", err
	}
	return tok, nil
}

// errNoToken and errBadToken tell the client why it got 401.
var (
	errNoToken  = errors.New("an API token is required: send Authorization: Bearer <token> (create one with 'schemawatch token create')")
	errBadToken = errors.New("the API token is unknown or revoked")
)

// authenticate checks the request's bearer token against every active token.
// Each stored hash is compared in constant time and the loop never stops
// early, so the time taken says nothing about which token, or how much of
// one, matched. Tokens are read from the store on every call, so one created
// or revoked by `schemawatch token` takes effect at once.
func (s *Server) authenticate(r *http.Request) error {
	auth := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return errNoToken
	}
	got := []byte(HashToken(strings.TrimSpace(tok)))
	toks, err := s.st.Tokens(r.Context())
	if err != nil {
		return err
	}
	var match *store.Token
	for i := range toks {
		eq := subtle.ConstantTimeCompare(got, []byte(toks[i].Hash)) == 1
		if eq && toks[i].Active() {
			match = &toks[i]
		}
	}
	if match == nil {
		return errBadToken
	}
	s.touch(r.Context(), match.ID)
	return nil
}

// touch records a token's use at most once a minute: the UI shows it, and a
// write on every call would serialise reads behind SQLite's write lock.
func (s *Server) touch(ctx context.Context, id int64) {
	now := s.now()
	s.touchMu.Lock()
	last := s.touched[id]
	if now.Sub(last) < time.Minute {
		s.touchMu.Unlock()
		return
	}
	s.touched[id] = now
	s.touchMu.Unlock()
	if err := s.st.TouchToken(ctx, id, now); err != nil {
		s.log.Warn("recording token use", "err", err)
	}
}

package cloudapi

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/vektah/gqlparser/v2/gqlerror"
)

// ErrUnauthorized is wrapped by the error of a call the service refused with
// 401 or 403: the token is wrong, revoked, or lacks the right.
var ErrUnauthorized = errors.New("the cloud token was refused (check that it is set, valid and not revoked)")

const (
	maxReply     = 1 << 20 // replies are small; more than this is not our API
	maxErrorBody = 1 << 10 // what an HTTPError keeps of the body
	maxShownBody = 200     // what its message shows of it
)

// HTTPError is a reply whose status is not 200 OK.
type HTTPError struct {
	StatusCode int
	// Body is the start of the reply body (at most 1 KiB), with the token, should
	// the server echo it, replaced by "xxxxx".
	Body string
}

// Error returns the status and, when there is a body, its start folded onto one line.
func (e *HTTPError) Error() string {
	s := strconv.Itoa(e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		s += " " + t
	}
	if b := oneLine(e.Body, maxShownBody); b != "" {
		s += ": " + b
	}
	return s
}

// GraphQLError is a 200 reply whose "errors" array is not empty. Messages are
// kept as the service sent them, less the token should it appear.
type GraphQLError struct {
	Op     string // snapshotHash or pushSnapshot
	Errors gqlerror.List
}

// Error returns all messages on one line, each followed by its path when it
// has one: "cloudapi: snapshotHash: not found (path snapshotHash); …".
func (e *GraphQLError) Error() string {
	parts := make([]string, 0, len(e.Errors))
	for _, ge := range e.Errors {
		msg, path := "(no message)", ""
		if ge != nil {
			if m := oneLine(ge.Message, 0); m != "" {
				msg = m
			}
			path = ge.Path.String()
		}
		if path != "" {
			msg += " (path " + path + ")"
		}
		parts = append(parts, msg)
	}
	return "cloudapi: " + e.Op + ": " + strings.Join(parts, "; ")
}

// call posts one GraphQL operation with {"input": input} as its variables and
// decodes the reply's data into out. present reports whether data has a member
// named op; ext holds the reply's top-level extensions, if any.
func (c *Client) call(ctx context.Context, op, doc string, input, out any) (present bool, ext map[string]json.RawMessage, err error) {
	body, err := json.Marshal(struct {
		Query     string `json:"query"`
		Variables any    `json:"variables"`
	}{doc, struct {
		Input any `json:"input"`
	}{input}})
	if err != nil {
		return false, nil, fmt.Errorf("cloudapi: %s: encoding the request: %w", op, err)
	}
	reply, err := c.post(ctx, body)
	if err != nil {
		return false, nil, err
	}
	if len(reply) > maxReply {
		return false, nil, malformed(op, c.shown, fmt.Errorf("reply larger than %d bytes", maxReply))
	}
	var env struct {
		Data       json.RawMessage `json:"data"`
		Errors     gqlerror.List   `json:"errors"`
		Extensions json.RawMessage `json:"extensions"`
	}
	if err := json.Unmarshal(reply, &env); err != nil {
		return false, nil, malformed(op, c.shown, err)
	}
	if len(env.Errors) > 0 {
		for _, ge := range env.Errors {
			if ge != nil {
				ge.Message = c.scrub(ge.Message)
			}
		}
		return false, nil, &GraphQLError{Op: op, Errors: env.Errors}
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(env.Data, &members); err != nil || members == nil {
		return false, nil, malformed(op, c.shown, errors.New(`reply has no "data" object`))
	}
	if err := json.Unmarshal(env.Data, out); err != nil {
		return false, nil, malformed(op, c.shown, err)
	}
	_ = json.Unmarshal(env.Extensions, &ext) // optional, see changes
	_, present = members[op]
	return present, ext, nil
}

// post sends body until an attempt succeeds, fails for good, or the retries
// are spent, and returns the body of the 200 reply.
func (c *Client) post(ctx context.Context, body []byte) ([]byte, error) {
	where := "cloudapi: POST " + c.shown
	for attempt := 1; ; attempt++ {
		r := c.attempt(ctx, body)
		switch {
		case r.err == nil:
			return r.reply, nil
		case ctx.Err() != nil:
			return nil, fmt.Errorf("%s: %w", where, ctx.Err())
		case !r.retry:
			var he *HTTPError
			if errors.As(r.err, &he) && (he.StatusCode == http.StatusUnauthorized || he.StatusCode == http.StatusForbidden) {
				return nil, fmt.Errorf("%s: %w: %w", where, r.err, ErrUnauthorized)
			}
			return nil, fmt.Errorf("%s: %w", where, r.err)
		case attempt > c.retries:
			return nil, fmt.Errorf("%s: giving up after %s: %w", where, plural(attempt, "attempt"), r.err)
		}
		wait := c.backoff(attempt)
		if r.hasAfter {
			if r.after > maxRetryAfter {
				return nil, fmt.Errorf("%s: giving up after %s: %w (the server asks to retry after %s, more than the %s this client waits)",
					where, plural(attempt, "attempt"), r.err, r.after, maxRetryAfter)
			}
			wait = r.after
		}
		if err := c.sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("%s: %w (after %s, the last: %w)", where, err, plural(attempt, "attempt"), r.err)
		}
	}
}

// result is the outcome of one attempt.
type result struct {
	reply    []byte
	err      error
	retry    bool
	after    time.Duration // the Retry-After delay, when hasAfter
	hasAfter bool
}

func (c *Client) attempt(ctx context.Context, body []byte) result {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel() // after the body is read: the timeout covers it
	req, err := http.NewRequestWithContext(actx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return result{err: err}
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", c.agent)
	res, err := c.hc.Do(req)
	if err != nil {
		return c.transportError(actx, err)
	}
	defer res.Body.Close()
	reply, err := io.ReadAll(io.LimitReader(res.Body, maxReply+1))
	if err != nil {
		return c.transportError(actx, fmt.Errorf("reading the reply: %w", err))
	}
	if res.StatusCode == http.StatusOK {
		return result{reply: reply}
	}
	r := result{
		err:   &HTTPError{StatusCode: res.StatusCode, Body: c.scrub(string(reply[:min(len(reply), maxErrorBody)]))},
		retry: res.StatusCode == http.StatusTooManyRequests || (res.StatusCode >= 500 && res.StatusCode != http.StatusNotImplemented),
	}
	if res.StatusCode == http.StatusTooManyRequests || res.StatusCode == http.StatusServiceUnavailable {
		r.after, r.hasAfter = retryAfter(res.Header.Get("Retry-After"), c.now())
	}
	return r
}

// transportError classifies a failure to get a reply. An expired attempt is
// retried; so is a network error, except a certificate the client does not
// trust, which another attempt will not change.
func (c *Client) transportError(actx context.Context, err error) result {
	if errors.Is(actx.Err(), context.DeadlineExceeded) {
		return result{err: &timeoutError{c.timeout}, retry: true}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // it repeats the method and URL that our message already names
	}
	var (
		verify    *tls.CertificateVerificationError
		authority x509.UnknownAuthorityError
		host      x509.HostnameError
		invalid   x509.CertificateInvalidError
	)
	untrusted := errors.As(err, &verify) || errors.As(err, &authority) || errors.As(err, &host) || errors.As(err, &invalid)
	return result{err: err, retry: !untrusted}
}

// timeoutError reports an attempt that outlived the per-attempt timeout.
type timeoutError struct{ d time.Duration }

func (e *timeoutError) Error() string { return "attempt timed out after " + e.d.String() }

// Is lets callers test for context.DeadlineExceeded as with any other timeout.
func (e *timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// backoff returns the wait before retry number n (from 1): a random duration
// up to min(30s, 1s·2ⁿ⁻¹), the "full jitter" of
// https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/.
func (c *Client) backoff(n int) time.Duration {
	ceiling := backoffBase
	for i := 1; i < n && ceiling < backoffCap; i++ {
		ceiling *= 2
	}
	return c.jitter(min(ceiling, backoffCap))
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date
// (RFC 9110 §10.2.3). A date in the past means now.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		if s > int64(24*time.Hour/time.Second) { // no overflow; far beyond any wait anyway
			s = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// scrub replaces the token wherever a server might have echoed it.
func (c *Client) scrub(s string) string {
	if c.token == "" {
		return s
	}
	return strings.ReplaceAll(s, c.token, "xxxxx")
}

// oneLine folds s onto one line and, when limit > 0, cuts it to limit bytes
// (on a rune boundary) with "…".
func oneLine(s string, limit int) string {
	s = strings.Join(strings.Fields(s), " ")
	if limit > 0 && len(s) > limit {
		cut := limit
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

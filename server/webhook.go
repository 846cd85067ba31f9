package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/schemawatch/schemawatch/server/store"
)

// event is a schema change, as webhooks announce it.
type event struct {
	DatabaseID int64
	Scope      store.Scope
	Version    int
	Hash       string
	Time       time.Time
	URL        string // the diff page of the change
	Changes    store.Changes
}

// Delivery limits. The queue bounds memory when receivers are down; when it
// is full new events are dropped (and logged), never waited for: a push must
// not block on a webhook.
const (
	queueSize       = 1024
	hookWorkers     = 4
	hookTimeout     = 10 * time.Second
	maxSlackEntries = 20
)

type delivery struct {
	ctx   context.Context
	url   string
	shown string // the URL without its path and query, which often hold a secret
	body  []byte
}

// notifier delivers webhooks from a bounded queue with a few workers, each
// retrying a failed delivery with exponential backoff a bounded number of
// times.
type notifier struct {
	generic, slack []string
	hc             *http.Client
	attempts       int
	backoff        time.Duration
	log            *slog.Logger
	queue          chan delivery
	stop           chan struct{}
	wg             sync.WaitGroup
	closeOnce      sync.Once
}

func newNotifier(opts Options) (*notifier, error) {
	for _, u := range append(append([]string{}, opts.Webhooks...), opts.SlackWebhooks...) {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return nil, errors.New("server: a webhook must be an absolute http or https URL")
		}
	}
	n := &notifier{
		generic:  opts.Webhooks,
		slack:    opts.SlackWebhooks,
		hc:       opts.WebhookClient,
		attempts: opts.WebhookAttempts,
		backoff:  opts.WebhookBackoff,
		log:      opts.Logger,
		queue:    make(chan delivery, queueSize),
		stop:     make(chan struct{}),
	}
	if n.hc == nil {
		n.hc = &http.Client{Timeout: hookTimeout}
	}
	if n.attempts <= 0 {
		n.attempts = 5
	}
	if n.backoff <= 0 {
		n.backoff = time.Second
	}
	if len(n.generic)+len(n.slack) > 0 {
		for range hookWorkers {
			n.wg.Go(n.work)
		}
	}
	return n, nil
}

// notify queues the event for every webhook. ctx is the push's; its values
// are kept but not its cancellation, since delivery outlives the request.
func (n *notifier) notify(ctx context.Context, e event) {
	if len(n.generic)+len(n.slack) == 0 {
		return
	}
	ctx = context.WithoutCancel(ctx)
	generic, _ := json.Marshal(genericPayload(e))
	slack, _ := json.Marshal(map[string]string{"text": slackText(e)})
	for _, u := range n.generic {
		n.enqueue(delivery{ctx: ctx, url: u, shown: hostOf(u), body: generic})
	}
	for _, u := range n.slack {
		n.enqueue(delivery{ctx: ctx, url: u, shown: hostOf(u), body: slack})
	}
}

func (n *notifier) enqueue(d delivery) {
	select {
	case n.queue <- d:
	default:
		n.log.Warn("webhook queue full, event dropped", "webhook", d.shown)
	}
}

func (n *notifier) work() {
	for {
		select {
		case <-n.stop:
			return
		case d := <-n.queue:
			n.deliver(d)
		}
	}
}

// deliver tries one delivery until it succeeds, fails for good (a 4xx other
// than 408 and 429), runs out of attempts, or the server closes.
func (n *notifier) deliver(d delivery) {
	wait := n.backoff
	for attempt := 1; ; attempt++ {
		retry, err := n.post(d)
		if err == nil {
			return
		}
		if !retry || attempt >= n.attempts {
			n.log.Warn("webhook not delivered", "webhook", d.shown, "attempts", attempt, "err", err)
			return
		}
		t := time.NewTimer(wait)
		select {
		case <-n.stop:
			t.Stop()
			return
		case <-t.C:
		}
		wait = min(wait*2, n.backoff*30)
	}
}

func (n *notifier) post(d delivery) (retry bool, err error) {
	ctx, cancel := context.WithTimeout(d.ctx, hookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.url, bytes.NewReader(d.body))
	if err != nil {
		return false, errors.New("the webhook URL is not valid")
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "schemawatch-server")
	resp, err := n.hc.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err // its message repeats the full URL
		}
		return true, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	switch {
	case resp.StatusCode < 300:
		return false, nil
	case resp.StatusCode == http.StatusRequestTimeout || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return true, fmt.Errorf("status %d", resp.StatusCode)
	default:
		return false, fmt.Errorf("status %d", resp.StatusCode)
	}
}

func (n *notifier) close(ctx context.Context) error {
	n.closeOnce.Do(func() { close(n.stop) })
	done := make(chan struct{})
	go func() { n.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("server: webhook deliveries still running: %w", ctx.Err())
	}
}

// hostOf returns scheme://host of a webhook URL for logs: Slack and most
// services put the secret in the path.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "webhook"
	}
	return u.Scheme + "://" + u.Host
}

// WebhookPayload is the JSON document POSTed to generic webhooks when a
// database's schema changes (version 2 onwards; the first snapshot of a
// database is not a change).
type WebhookPayload struct {
	Event    string          `json:"event"` // always "schema.changed"
	Database WebhookDatabase `json:"database"`
	Version  int             `json:"version"`
	Hash     string          `json:"hash"`
	Time     time.Time       `json:"time"`
	URL      string          `json:"url"` // the diff between this version and the previous one
	Changes  store.Changes   `json:"changes"`
}

// WebhookDatabase identifies the database in a WebhookPayload.
type WebhookDatabase struct {
	ID      int64    `json:"id"`
	URL     string   `json:"url"` // redacted by the client
	ExtID   string   `json:"ext_id,omitempty"`
	Schemas []string `json:"schemas,omitempty"`
	Exclude []string `json:"exclude,omitempty"`
}

func genericPayload(e event) WebhookPayload {
	return WebhookPayload{
		Event: "schema.changed",
		Database: WebhookDatabase{ID: e.DatabaseID, URL: e.Scope.URL, ExtID: e.Scope.ExtID,
			Schemas: e.Scope.Schemas, Exclude: e.Scope.Exclude},
		Version: e.Version,
		Hash:    e.Hash,
		Time:    e.Time.UTC(),
		URL:     e.URL,
		Changes: store.Changes{Added: nonNil(e.Changes.Added), Removed: nonNil(e.Changes.Removed), Changed: nonNil(e.Changes.Changed)},
	}
}

// slackText formats the change as Slack mrkdwn
// (https://api.slack.com/reference/surfaces/formatting), escaping the three
// characters Slack reserves.
func slackText(e event) string {
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	name := e.Scope.ExtID
	if name == "" {
		name = e.Scope.URL
	}
	var b strings.Builder
	fmt.Fprintf(&b, "*Schema changed* in `%s` (version %d): %d added, %d removed, %d changed. <%s|View the diff>",
		esc.Replace(name), e.Version, len(e.Changes.Added), len(e.Changes.Removed), len(e.Changes.Changed), e.URL)
	shown := 0
	for _, l := range []struct {
		mark  string
		items []string
	}{{"+", e.Changes.Added}, {"-", e.Changes.Removed}, {"~", e.Changes.Changed}} {
		for _, it := range l.items {
			if shown == maxSlackEntries {
				fmt.Fprintf(&b, "\n… and %d more", e.Changes.Len()-shown)
				return b.String()
			}
			fmt.Fprintf(&b, "\n%s %s", l.mark, esc.Replace(it))
			shown++
		}
	}
	return b.String()
}

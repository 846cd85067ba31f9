// Package monitor holds the monitor/schema action: inspect a database, hash
// its canonical snapshot, and record it in a monitoring service (Atlas Cloud
// or a schemawatch server) when it changed.
//
// The action knows no CI: it reads inputs and reports through action.Env, so
// the same code runs as a Bitbucket pipe, a GitHub Action, a GitLab job or
// from a terminal. It opens databases through package inspect, so a program
// using it imports the inspect drivers it needs, e.g.
//
//	import _ "github.com/schemawatch/schemawatch/inspect/postgres"
package monitor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/cloudapi"
	"github.com/schemawatch/schemawatch/config"
	"github.com/schemawatch/schemawatch/inspect"
	"github.com/schemawatch/schemawatch/schema"
)

// ID is the action's name, as ATLAS_ACTION spells it.
const ID = "monitor/schema"

// Deps is what the action needs from the process around it. Every field has a
// working default, so the zero value runs the action for real.
type Deps struct {
	// Getenv backs getenv() in atlas.hcl and the proxy variables; nil reads
	// nothing.
	Getenv func(string) string
	// Dir is the working directory config files are resolved against.
	Dir string
	// Version names schemawatch in the API's User-Agent.
	Version string
	// HTTPClient, when set, carries the API calls (tests, custom transports).
	HTTPClient *http.Client
	// CloudOptions are added to the API client's options (tests shorten the
	// retry waits with them).
	CloudOptions []cloudapi.Option
	// RDSToken builds aws_rds_token values; nil uses the AWS SDK's chain.
	RDSToken config.RDSTokenBuilder
	// Now is the clock of the run's timing log; nil means time.Now.
	Now func() time.Time
}

// Outputs of the action.
const (
	OutputURL = "url"
)

// Spec returns the monitor/schema action bound to d.
func Spec(d Deps) *action.Spec {
	return &action.Spec{
		ID:          ID,
		Description: "Inspect a database schema and record a snapshot of it in a monitoring service (Atlas Cloud or a schemawatch server) whenever it changes.",
		Inputs: []action.Input{
			{Name: "cloud-token", Required: true, Secret: true, Description: "Token of the monitoring service (an Atlas Cloud bot token, or one made by `schemawatch token create`)."},
			{Name: "url", Description: "URL of the database to inspect, e.g. postgres://user:pass@host:5432/app. Mutually exclusive with config and env."},
			{Name: "config", Description: "URL of the Atlas project file, e.g. file://atlas.hcl (used with env)."},
			{Name: "env", Description: "The env of the project file whose url is inspected."},
			{Name: "vars", Description: "JSON object of values for the project file's variables, e.g. {\"db_host\": \"db.internal\"}."},
			{Name: "slug", Description: "Stable identifier of the database in the monitoring service; set it when the URL may change."},
			{Name: "schemas", Kind: action.List, Description: "Schemas to inspect, one per line; empty means every schema the URL covers."},
			{Name: "include", Kind: action.List, Description: "Globs of objects to keep, one per line (Atlas syntax, e.g. public.orders*)."},
			{Name: "exclude", Kind: action.List, Description: "Globs of objects to leave out, one per line (Atlas syntax, e.g. *.tmp_*)."},
			{Name: "cloud-url", Description: "Endpoint of the monitoring service's API; a base URL means <base>/query. Defaults to Atlas Cloud.", Default: ""},
			{Name: "working-directory", Description: "Directory the config file is read from, relative to the checkout."},
		},
		Outputs: []action.Output{
			{Name: OutputURL, Description: "Link to the schema's page in the monitoring service."},
		},
		Exclusive: [][]string{{"url", "config"}, {"url", "env"}},
		Run: func(ctx context.Context, env action.Env, in *action.Inputs) error {
			return d.run(ctx, env, in)
		},
	}
}

// Result is what a run found and recorded.
type Result struct {
	Scope     cloudapi.ScopeIdent
	Hash      string
	Unchanged bool // the service already had this snapshot
	First     bool // the service had no snapshot of this scope
	URL       string
	Changes   *cloudapi.ChangeSummary
	Notes     []schema.Note
}

func (d Deps) run(ctx context.Context, env action.Env, in *action.Inputs) error {
	log := env.Logger()
	target, err := d.target(ctx, env, in)
	if err != nil {
		return err
	}
	res, err := d.monitor(ctx, env, in.String("cloud-token"), in.String("cloud-url"), target)
	if err != nil {
		return err
	}
	if err := env.SetOutput(OutputURL, res.URL); err != nil {
		return fmt.Errorf("monitor: setting output %q: %w", OutputURL, err)
	}
	switch {
	case res.Unchanged:
		log.Info("schema unchanged since the last snapshot", "hash", res.Hash)
	case res.First:
		log.Info("first snapshot of this database recorded", "hash", res.Hash)
	case res.Changes != nil:
		log.Info("schema changed: " + summary(res.Changes))
		for _, l := range changeLines(res.Changes) {
			log.Info("  " + l)
		}
	default:
		log.Info("schema changed: new snapshot recorded", "hash", res.Hash)
	}
	log.Info("schema: " + res.URL)
	if s, ok := env.(action.Summarizer); ok {
		if err := s.AddSummary(markdown(res)); err != nil {
			log.Warn("could not write the job summary", "error", err)
		}
	}
	return nil
}

// target is what to inspect and how the service identifies it.
type target struct {
	dbURL string
	opts  inspect.Options
	scope cloudapi.ScopeIdent
}

// target resolves the database URL (directly or through atlas.hcl), masks
// every secret in it, and builds the scope identity from the redacted URL.
func (d Deps) target(ctx context.Context, env action.Env, in *action.Inputs) (*target, error) {
	t := &target{
		dbURL: in.String("url"),
		opts:  inspect.Options{Schemas: in.List("schemas"), Include: in.List("include"), Exclude: in.List("exclude")},
	}
	cfgURLs, envName := in.List("config"), in.String("env")
	switch {
	case t.dbURL == "" && len(cfgURLs) == 0 && envName == "":
		return nil, errors.New(`monitor: one of the inputs "url" or "config" with "env" is required`)
	case t.dbURL == "" && envName == "":
		return nil, errors.New(`monitor: the input "env" is required with "config": name the env whose url to inspect`)
	case t.dbURL == "":
		vars, err := parseVars(in.String("vars"))
		if err != nil {
			return nil, err
		}
		dir := d.Dir
		if wd := in.String("working-directory"); wd != "" {
			dir = filepath.Join(dir, wd)
		}
		e, err := config.Load(ctx, config.LoadOptions{URLs: cfgURLs, Dir: dir, Env: envName, Vars: vars, Getenv: d.Getenv, RDSToken: d.RDSToken})
		for _, s := range secretsOf(e) {
			env.Mask(s)
		}
		if err != nil {
			return nil, err
		}
		if e.URL == "" {
			return nil, fmt.Errorf("monitor: env %q has no url to inspect", envName)
		}
		t.dbURL = e.URL
		// As with Atlas's flags, the inputs win over the env's own lists.
		if len(t.opts.Schemas) == 0 {
			t.opts.Schemas = e.Schemas
		}
		if len(t.opts.Include) == 0 {
			t.opts.Include = e.Include
		}
		if len(t.opts.Exclude) == 0 {
			t.opts.Exclude = e.Exclude
		}
	}
	maskURL(env, t.dbURL)
	// The driver's parse gives the clearer message for a malformed URL.
	if _, err := inspect.ParseURL(t.dbURL); err != nil {
		return nil, err
	}
	redacted, err := cloudapi.RedactURL(t.dbURL)
	if err != nil {
		return nil, fmt.Errorf("monitor: the database URL: %w", err)
	}
	// The identity holds the inputs as given, not the env's lists (ATLAS-COMPAT §5).
	t.scope = cloudapi.ScopeIdent{URL: redacted, ExtID: in.String("slug"), Schemas: in.List("schemas"), Exclude: in.List("exclude")}
	return t, nil
}

func secretsOf(e *config.Env) []string {
	if e == nil {
		return nil
	}
	return e.Secrets
}

// maskURL hides the password of a database URL, raw and escaped, before the
// URL can appear anywhere.
func maskURL(env action.Env, dbURL string) {
	u, err := url.Parse(dbURL)
	if err != nil || u.User == nil {
		return
	}
	if p, ok := u.User.Password(); ok && p != "" {
		env.Mask(p)
		if raw := rawPassword(dbURL); raw != "" && raw != p {
			env.Mask(raw) // as written, whatever its escaping
		}
		if q := url.QueryEscape(p); q != p {
			env.Mask(q)
		}
		if q := url.PathEscape(p); q != p {
			env.Mask(q)
		}
	}
}

// rawPassword returns the password of a URL as it is written in it.
func rawPassword(dbURL string) string {
	_, rest, ok := strings.Cut(dbURL, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return ""
	}
	_, pass, _ := strings.Cut(rest[:at], ":")
	return pass
}

// parseVars reads the vars input: a JSON object whose values are strings,
// numbers, booleans or lists, passed to atlas.hcl variables as text.
func parseVars(s string) (map[string]string, error) {
	if s == "" {
		return nil, nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, fmt.Errorf(`monitor: the input "vars" must be a JSON object such as {"name": "value"}: %v`, err)
	}
	vars := make(map[string]string, len(raw))
	for k, v := range raw {
		var str string
		if json.Unmarshal(v, &str) == nil {
			vars[k] = str
			continue
		}
		vars[k] = string(v)
	}
	return vars, nil
}

// monitor inspects the target, compares with the service and records the run.
func (d Deps) monitor(ctx context.Context, env action.Env, token, cloudURL string, t *target) (*Result, error) {
	log := env.Logger()
	now := d.Now
	if now == nil {
		now = time.Now
	}
	start := now()
	endGroup := group(env, "Inspecting "+t.scope.URL)
	snap, err := inspect.Snapshot(ctx, t.dbURL, t.opts)
	endGroup()
	if err != nil {
		return nil, err
	}
	for _, n := range snap.Notes {
		log.Warn(fmt.Sprintf("incomplete inspection: %s: %s", n.Object, n.Reason))
	}
	var hcl strings.Builder
	if err := schema.WriteHCL(&hcl, snap); err != nil {
		return nil, err
	}
	hash, err := snap.Hash()
	if err != nil {
		return nil, err
	}
	log.Debug("inspected", "url", t.scope.URL, "hash", hash, "duration", now().Sub(start).Round(time.Millisecond).String())

	opts := append([]cloudapi.Option{cloudapi.WithUserAgent(d.Version), cloudapi.WithProxyEnv(d.getenv)}, d.CloudOptions...)
	if d.HTTPClient != nil {
		opts = append(opts, cloudapi.WithHTTPClient(d.HTTPClient))
	}
	client, err := cloudapi.New(cloudURL, token, opts...)
	if err != nil {
		return nil, err
	}
	endGroup = group(env, "Recording the snapshot at "+client.Endpoint())
	defer endGroup()
	stored, err := client.SnapshotHash(ctx, t.scope)
	if err != nil {
		return nil, err
	}
	res := &Result{Scope: t.scope, Hash: hash, First: stored == "", Notes: snap.Notes}
	res.Unchanged = cloudapi.HashMatches(stored, hash, hcl.String())
	in := cloudapi.PushSnapshotInput{ScopeIdent: t.scope, HashMatch: res.Unchanged}
	if !res.Unchanged {
		in.Snapshot = &cloudapi.SnapshotInput{Hash: hash, HCL: hcl.String()}
	}
	pushed, err := client.PushSnapshot(ctx, in)
	if err != nil {
		return nil, err
	}
	res.URL, res.Changes = pushed.URL, pushed.Changes
	return res, nil
}

// group folds what follows under a title on CIs that can (GitHub groups,
// GitLab sections); the returned function ends it.
func group(env action.Env, title string) (end func()) {
	if g, ok := env.(action.Grouper); ok {
		return g.Group(title)
	}
	return func() {}
}

func (d Deps) getenv(k string) string {
	if d.Getenv == nil {
		return ""
	}
	return d.Getenv(k)
}

func summary(c *cloudapi.ChangeSummary) string {
	return fmt.Sprintf("%d added, %d removed, %d changed", len(c.Added), len(c.Removed), len(c.Changed))
}

func changeLines(c *cloudapi.ChangeSummary) []string {
	var out []string
	for _, l := range []struct {
		sign  string
		items []string
	}{{"+", c.Added}, {"-", c.Removed}, {"~", c.Changed}} {
		items := append([]string(nil), l.items...)
		sort.Strings(items)
		for _, it := range items {
			out = append(out, l.sign+" "+it)
		}
	}
	return out
}

// markdown is the job summary of a run.
func markdown(r *Result) string {
	var b strings.Builder
	b.WriteString("### schemawatch: monitor/schema\n\n")
	fmt.Fprintf(&b, "| | |\n|---|---|\n| Database | `%s` |\n", r.Scope.URL)
	if r.Scope.ExtID != "" {
		fmt.Fprintf(&b, "| Slug | `%s` |\n", r.Scope.ExtID)
	}
	if len(r.Scope.Schemas) > 0 {
		fmt.Fprintf(&b, "| Schemas | `%s` |\n", strings.Join(r.Scope.Schemas, "`, `"))
	}
	fmt.Fprintf(&b, "| Hash | `%s` |\n", r.Hash)
	status := "changed"
	switch {
	case r.Unchanged:
		status = "unchanged"
	case r.First:
		status = "first snapshot"
	case r.Changes != nil:
		status = "changed: " + summary(r.Changes)
	}
	fmt.Fprintf(&b, "| Status | %s |\n\n[View the schema](%s)\n", status, r.URL)
	if r.Changes != nil && !r.Unchanged {
		b.WriteString("\n```diff\n")
		for _, l := range changeLines(r.Changes) {
			b.WriteString(l + "\n")
		}
		b.WriteString("```\n")
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "\n> **Warning:** %s: %s\n", n.Object, n.Reason)
	}
	return b.String()
}

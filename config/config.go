// Package config loads an Atlas project file (atlas.hcl) and returns the one
// environment a monitor run needs as a plain struct.
//
// It follows Atlas's rules for selecting an env, for variables, locals and the
// functions available in expressions, but it evaluates lazily: only the
// selected env's inspection attributes (name, url, schemas, exclude, include)
// and whatever they reference are evaluated, so a data source used by another
// env never runs. Of Atlas's data sources only aws_rds_token is supported.
//
// See https://atlasgo.io/atlas-schema/projects for the file format.
package config

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// DefaultURL is the project file Atlas reads when no config URL is given.
const DefaultURL = "file://atlas.hcl"

// ErrUnknownEnv is wrapped by the error Load returns when no env block
// matches the requested name.
var ErrUnknownEnv = errors.New("unknown env")

// LoadOptions says which project file to read, which env to select and what
// the outside world looks like to the expressions in it.
type LoadOptions struct {
	// URLs are the project files, each a file:// URL relative to Dir
	// ("file://atlas.hcl", "file://conf/atlas.hcl" or "file:///abs/atlas.hcl").
	// An element may hold several comma-separated URLs, as Atlas's --config
	// does. Several files are read as one project. Empty means DefaultURL.
	URLs []string
	// Dir is the directory relative URLs are resolved against; empty means
	// the process's working directory.
	Dir string
	// Env is the env to select (Atlas's --env); it is also atlas.env.
	Env string
	// Vars are the values of declared variables (Atlas's --var), as text.
	// A value is converted to the variable's declared type: a number or bool
	// is parsed from its text, a collection or object type (list(string),
	// map(string), ...) from JSON such as ["a","b"]. An undeclared type takes
	// the text as a string.
	Vars map[string]string
	// Getenv backs the getenv() function; nil makes every variable unset.
	Getenv func(string) string
	// RDSToken builds aws_rds_token values; nil means
	// NewRDSTokenBuilder(LoadAWSConfig), which uses the AWS SDK's default
	// credential chain.
	RDSToken RDSTokenBuilder
}

// Env is the selected environment after evaluation: what to inspect and
// which values are secret.
type Env struct {
	Name    string   // the env's name
	URL     string   // the database URL; log it only in redacted form
	Schemas []string // the env's schemas attribute, nil when absent
	Exclude []string // exclude globs, nil when absent
	Include []string // include globs, nil when absent
	// Secrets holds every generated RDS token and every password found in
	// URL, in raw and URL-escaped form, for the caller to mask.
	Secrets []string
}

// envBlock is the part of an env block schemawatch reads; everything else
// (migration, lint, dev, src, format, free-form attributes) lands in Remain
// and is never evaluated.
type envBlock struct {
	URL     string   `hcl:"url,optional"`
	Schemas []string `hcl:"schemas,optional"`
	Exclude []string `hcl:"exclude,optional"`
	Include []string `hcl:"include,optional"`
	Remain  hcl.Body `hcl:",remain"`
}

// envName reads only the name attribute of an unlabeled env block.
type envName struct {
	Name   string   `hcl:"name,optional"`
	Remain hcl.Body `hcl:",remain"`
}

// Load reads the project files, selects the env named opts.Env and evaluates
// what schemawatch needs from it. Data sources it references run now, so call
// Load right before connecting: an RDS token is valid for 15 minutes.
func Load(ctx context.Context, opts LoadOptions) (*Env, error) {
	if opts.Env == "" {
		return nil, errors.New("config: no env selected: set env to one of the env blocks in the project file")
	}
	p, err := parseProject(opts)
	if err != nil {
		return nil, err
	}
	ev, err := newEvaluator(ctx, p, opts)
	if err != nil {
		return nil, err
	}
	blk, err := ev.selectEnv(p.envs, opts.Env)
	if err != nil {
		return nil, err
	}
	return ev.loadEnv(blk, opts.Env)
}

// project is every top-level block of interest across all files, unevaluated.
type project struct {
	envs   []*hclsyntax.Block
	vars   []*hclsyntax.Block
	locals []*hclsyntax.Block
	data   []*hclsyntax.Block
	dirs   map[string]string // file name as shown in errors → its directory, for file()
}

// parseProject reads and parses every project file. Blocks it does not know
// (atlas, lint, diff, ...) are ignored, as is the cloud token inside atlas {}.
func parseProject(opts LoadOptions) (*project, error) {
	urls := opts.URLs
	if len(urls) == 0 {
		urls = []string{DefaultURL}
	}
	p := &project{dirs: make(map[string]string)}
	parser := hclparse.NewParser()
	for _, line := range urls {
		for _, raw := range strings.Split(line, ",") {
			raw = strings.TrimSpace(raw)
			if raw == "" {
				continue
			}
			name, err := filePath(raw)
			if err != nil {
				return nil, err
			}
			path := name
			if !filepath.IsAbs(path) {
				path = filepath.Join(opts.Dir, path)
			}
			src, err := os.ReadFile(path)
			if err != nil {
				if errors.Is(err, os.ErrNotExist) {
					return nil, fmt.Errorf("config: project file %q was not found (looked in %q)", name, path)
				}
				return nil, fmt.Errorf("config: reading project file: %w", err)
			}
			if abs, err := filepath.Abs(path); err == nil {
				path = abs
			}
			if _, dup := p.dirs[name]; dup {
				continue
			}
			p.dirs[name] = filepath.Dir(path)
			f, diags := parser.ParseHCL(src, name)
			if diags.HasErrors() {
				return nil, diagError(diags)
			}
			if err := p.add(f.Body.(*hclsyntax.Body)); err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

// filePath returns the path of a file:// project URL, which Atlas reads as
// host plus path so that file://atlas.hcl names a relative file.
func filePath(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("config: project file URL %q: %w", raw, err)
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("config: project file URL %q must use the file:// scheme, as in %s", raw, DefaultURL)
	}
	if u.Opaque != "" {
		return filepath.FromSlash(u.Opaque), nil
	}
	p := filepath.Join(u.Host, filepath.FromSlash(u.Path))
	if p == "." || p == string(filepath.Separator) {
		return "", fmt.Errorf("config: project file URL %q names no file", raw)
	}
	return p, nil
}

func (p *project) add(body *hclsyntax.Body) error {
	for _, b := range body.Blocks {
		switch b.Type {
		case "env":
			if len(b.Labels) > 1 {
				return errorAt(b.LabelRanges[1], "env block takes at most one label, got %d", len(b.Labels))
			}
			p.envs = append(p.envs, b)
		case "variable":
			if len(b.Labels) != 1 {
				return errorAt(b.DefRange(), `variable block needs exactly one label, as in variable "name" {}`)
			}
			p.vars = append(p.vars, b)
		case "locals":
			p.locals = append(p.locals, b)
		case "data":
			if len(b.Labels) != 2 {
				return errorAt(b.DefRange(), `data block needs two labels, as in data "aws_rds_token" "name" {}`)
			}
			p.data = append(p.data, b)
		}
	}
	return nil
}

// selectEnv applies Atlas's rule: env blocks labeled with the name win;
// otherwise unlabeled env blocks whose name attribute evaluates to it.
func (e *evaluator) selectEnv(envs []*hclsyntax.Block, name string) (*hclsyntax.Block, error) {
	var (
		picked []*hclsyntax.Block
		known  []string
	)
	for _, b := range envs {
		if len(b.Labels) == 1 {
			known = append(known, b.Labels[0])
			if b.Labels[0] == name {
				picked = append(picked, b)
			}
		}
	}
	if len(picked) == 0 {
		for _, b := range envs {
			if len(b.Labels) != 0 {
				continue
			}
			var n envName
			if err := e.decode(b.Body, &n); err != nil {
				return nil, err
			}
			if n.Name == "" {
				return nil, errorAt(b.DefRange(), "env block without a label needs a name attribute, as in name = atlas.env")
			}
			known = append(known, n.Name)
			if n.Name == name {
				picked = append(picked, b)
			}
		}
	}
	switch len(picked) {
	case 0:
		slices.Sort(known)
		known = slices.Compact(known)
		if len(known) == 0 {
			return nil, fmt.Errorf("config: env %q: %w: the project file defines no env blocks", name, ErrUnknownEnv)
		}
		return nil, fmt.Errorf("config: env %q: %w (known: %s)", name, ErrUnknownEnv, strings.Join(known, ", "))
	case 1:
		return picked[0], nil
	default:
		return nil, errorAt(picked[1].DefRange(), "env %q is defined %d times; keep one", name, len(picked))
	}
}

// loadEnv evaluates the selected env block.
func (e *evaluator) loadEnv(b *hclsyntax.Block, name string) (*Env, error) {
	if a, ok := b.Body.Attributes["for_each"]; ok {
		return nil, errorAt(a.SrcRange, "env %q uses for_each, which schemawatch does not support: write one env block per database", name)
	}
	var eb envBlock
	if err := e.decode(b.Body, &eb); err != nil {
		return nil, err
	}
	urlAttr, ok := b.Body.Attributes["url"]
	if !ok || eb.URL == "" {
		return nil, errorAt(b.DefRange(), "env %q has no url", name)
	}
	if err := checkTLS(eb.URL, e.tokens); err != nil {
		return nil, errorAt(urlAttr.SrcRange, "env %q: %v", name, err)
	}
	env := &Env{
		Name:    name,
		URL:     eb.URL,
		Schemas: eb.Schemas,
		Exclude: eb.Exclude,
		Include: eb.Include,
	}
	for _, t := range e.tokens {
		env.Secrets = appendSecret(env.Secrets, t, url.QueryEscape(t), url.PathEscape(t))
	}
	env.Secrets = appendSecret(env.Secrets, passwordForms(eb.URL)...)
	return env, nil
}

// passwordForms returns the password of a URL as the driver reads it, as
// written in the URL, and query-unescaped: urlescape() is a query escape, so
// that last form is the value the user started from.
func passwordForms(rawURL string) []string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return nil
	}
	pass, ok := u.User.Password()
	if !ok {
		return nil
	}
	forms := []string{pass}
	_, rest, _ := strings.Cut(rawURL, "://")
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndex(rest, "@"); i >= 0 {
		if _, raw, ok := strings.Cut(rest[:i], ":"); ok {
			forms = append(forms, raw)
			if q, err := url.QueryUnescape(raw); err == nil {
				forms = append(forms, q)
			}
		}
	}
	return forms
}

// appendSecret adds each non-empty value not already present.
func appendSecret(list []string, values ...string) []string {
	for _, v := range values {
		if v != "" && !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// decode evaluates the attributes target declares in body, first resolving
// whatever they reference, and decodes them with gohcl.
func (e *evaluator) decode(body hcl.Body, target any) error {
	schema, _ := gohcl.ImpliedBodySchema(target)
	content, _, diags := body.PartialContent(schema)
	if diags.HasErrors() {
		return diagError(diags)
	}
	for _, a := range sortedAttrs(content.Attributes) {
		for _, t := range a.Expr.Variables() {
			if err := e.resolve(t); err != nil {
				return err
			}
		}
	}
	if diags := gohcl.DecodeBody(body, e.hclContext(body.MissingItemRange().Filename), target); diags.HasErrors() {
		return diagError(diags)
	}
	return nil
}

// sortedAttrs orders attributes by position so evaluation, and therefore the
// first error reported, does not depend on map order.
func sortedAttrs(m hcl.Attributes) []*hcl.Attribute {
	list := make([]*hcl.Attribute, 0, len(m))
	for _, a := range m {
		list = append(list, a)
	}
	slices.SortFunc(list, func(a, b *hcl.Attribute) int {
		if c := strings.Compare(a.Range.Filename, b.Range.Filename); c != 0 {
			return c
		}
		return a.Range.Start.Byte - b.Range.Start.Byte
	})
	return list
}

// diagError renders the first error diagnostic on one line as
// "config: file:line,column: summary: detail".
func diagError(diags hcl.Diagnostics) error {
	errs := diags.Errs()
	if len(errs) == 0 {
		return nil
	}
	var d *hcl.Diagnostic
	if !errors.As(errs[0], &d) {
		return fmt.Errorf("config: %w", errs[0])
	}
	msg := lowerFirst(strings.TrimSuffix(d.Summary, "."))
	if detail := strings.TrimSuffix(oneLine(d.Detail), "."); detail != "" {
		msg += ": " + lowerFirst(detail)
	}
	if len(errs) > 1 {
		msg += fmt.Sprintf(" (and %d more errors)", len(errs)-1)
	}
	if d.Subject == nil {
		return errors.New("config: " + msg)
	}
	return fmt.Errorf("config: %s: %s", position(*d.Subject), msg)
}

// errorAt is an error located at rng in the project file.
func errorAt(rng hcl.Range, format string, args ...any) error {
	return fmt.Errorf("config: %s: %s", position(rng), fmt.Sprintf(format, args...))
}

func position(rng hcl.Range) string {
	return fmt.Sprintf("%s:%d,%d", rng.Filename, rng.Start.Line, rng.Start.Column)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// lowerFirst lower-cases a leading capital unless the word is an acronym.
func lowerFirst(s string) string {
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z') {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

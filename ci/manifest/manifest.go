// Package manifest renders the files users paste or reference to run an
// action on a CI: GitHub's action.yml, Bitbucket's pipe.yml and pipe README,
// and a GitLab CI/CD component. Every file is generated from the action's
// Spec, so an input added to a Spec reaches every CI at once; a test in
// cmd/schemawatch fails when the committed files are stale.
//
// Nothing here runs an action. The manifests only map each CI's way of
// passing inputs to the variables the ci adapters read (see package ci).
package manifest

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
)

// Meta is what the manifests say about the project rather than an action.
type Meta struct {
	// Project names the tool in titles ("schemawatch").
	Project string
	// Repository is the source repository's web address.
	Repository string
	// Image is the container image without a tag ("schemawatch/schemawatch").
	Image string
	// Tag is the image tag the manifests pin: the moving major version
	// ("v1"), which release publishes beside vX.Y.Z.
	Tag string
	// PipeAction is the action Bitbucket's pipe.yml describes: a pipe
	// repository has one pipe.yml, so only one action can be the pipe's
	// default; the others run from the same image with ATLAS_ACTION.
	PipeAction string
	// Regenerate is the command that rewrites the files, quoted in their
	// "do not edit" header.
	Regenerate string
}

// Default is the project's own Meta.
func Default() Meta {
	return Meta{
		Project:    "schemawatch",
		Repository: "https://github.com/schemawatch/schemawatch",
		Image:      "schemawatch/schemawatch",
		Tag:        "v1",
		PipeAction: "monitor/schema",
		Regenerate: "UPDATE_GOLDEN=1 go test ./cmd/schemawatch -run TestManifests",
	}
}

// ImageRef returns Image:Tag.
func (m Meta) ImageRef() string { return m.Image + ":" + m.Tag }

// Files renders every manifest of the registry, keyed by its path in the
// repository (slash separated):
//
//	<id>/action.yml          GitHub, used as owner/repo/<id>@v1
//	templates/<name>.yml     GitLab component, <name> = id with '/' → '-'
//	pipe.yml, pipe/README.md Bitbucket, for m.PipeAction only
func Files(reg action.Registry, m Meta) (map[string][]byte, error) {
	out := make(map[string][]byte)
	for _, id := range reg.IDs() {
		spec := reg[id]
		gh, err := GitHub(spec, m)
		if err != nil {
			return nil, err
		}
		out[id+"/action.yml"] = gh
		gl, err := GitLab(spec, m)
		if err != nil {
			return nil, err
		}
		out["templates/"+ComponentName(id)+".yml"] = gl
	}
	if m.PipeAction != "" {
		spec, err := reg.Lookup(m.PipeAction)
		if err != nil {
			return nil, fmt.Errorf("manifest: pipe action: %w", err)
		}
		pipe, err := Pipe(spec, m)
		if err != nil {
			return nil, err
		}
		out["pipe.yml"] = pipe
		readme, err := PipeReadme(spec, m)
		if err != nil {
			return nil, err
		}
		out["pipe/README.md"] = readme
	}
	return out, nil
}

// ComponentName is the GitLab component's name for an action ID:
// "monitor/schema" → "monitor-schema" (component names cannot hold '/').
func ComponentName(id string) string { return strings.ReplaceAll(id, "/", "-") }

// header is the comment every YAML manifest starts with.
func (m Meta) header(what string) string {
	return fmt.Sprintf("%s, generated from the action registry by\n%s. DO NOT EDIT.", what, m.Regenerate)
}

// ---- YAML building: nodes rather than structs, so key order, comments
// and quoting are ours to choose and stable across yaml versions.

func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

// quoted is a string written in double quotes, for values a reader could
// take for another type ("true", "") or that hold interpolation syntax.
func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}

func boolean(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(b)}
}

// mapping builds a mapping from key, value pairs; a value may be a string
// (plain scalar) or a *yaml.Node.
func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Content = append(n.Content, str(kv[i].(string)), node(kv[i+1]))
	}
	return n
}

func seq(items ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, it := range items {
		n.Content = append(n.Content, node(it))
	}
	return n
}

func flow(n *yaml.Node) *yaml.Node { n.Style = yaml.FlowStyle; return n }

func node(v any) *yaml.Node {
	switch v := v.(type) {
	case *yaml.Node:
		return v
	case string:
		return str(v)
	case bool:
		return boolean(v)
	}
	panic(fmt.Sprintf("manifest: cannot make a YAML node of %T", v))
}

func encode(docs ...*yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			return nil, fmt.Errorf("manifest: %w", err)
		}
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	return b.Bytes(), nil
}

// describe returns an input's description with what a user of a manifest
// must know that the Spec says in fields: lists are one item per line.
func describe(in action.Input) string {
	d := strings.TrimSpace(in.Description)
	if in.Kind == action.List && !strings.Contains(strings.ToLower(d), "per line") {
		d += " One per line."
	}
	return d
}

// checkInputNames refuses input names a manifest cannot carry: GitHub turns
// spaces into '_' and GitLab's $[[ inputs.x ]] takes letters, digits, '-'
// and '_'. Names that collide once spelled as ATLAS_INPUT_* are refused too.
func checkInputNames(spec *action.Spec, reserved ...string) error {
	seen := make(map[string]string)
	for _, in := range spec.Inputs {
		for i, r := range in.Name {
			ok := r == '_' || r == '-' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
			if !ok {
				return fmt.Errorf("manifest: action %s: input %q: use letters, digits, '-' and '_' only", spec.ID, in.Name)
			}
		}
		if slices.Contains(reserved, in.Name) {
			return fmt.Errorf("manifest: action %s: input %q collides with a component input of that name", spec.ID, in.Name)
		}
		v := ci.InputVar(in.Name)
		if other, dup := seen[v]; dup {
			return fmt.Errorf("manifest: action %s: inputs %q and %q are both read from %s", spec.ID, other, in.Name, v)
		}
		seen[v] = in.Name
	}
	return nil
}

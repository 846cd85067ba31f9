package config

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// evaluator resolves var.*, local.* and data.*.* on demand and remembers
// each value, so a data source runs at most once and only when referenced.
type evaluator struct {
	ctx     context.Context
	opts    LoadOptions
	dirs    map[string]string
	vars    map[string]*variable
	locals  map[string]*hcl.Attribute
	data    map[string]*hclsyntax.Block // by "kind.name"
	values  map[string]cty.Value        // by "var.x", "local.x", "data.kind.name"
	active  []string                    // keys being evaluated, to report cycles
	tokens  []string                    // RDS tokens generated so far
	rdsAuth RDSTokenBuilder
	sources map[string]dataSource
}

// variable is a declared variable block.
type variable struct {
	name string
	typ  cty.Type
	def  *hcl.Attribute // nil when there is no default
	rng  hcl.Range
}

// variableBlock is the decoded body of a variable block; description and
// anything else is accepted and ignored.
type variableBlock struct {
	Type    *hcl.Attribute `hcl:"type,optional"`
	Default *hcl.Attribute `hcl:"default,optional"`
	Remain  hcl.Body       `hcl:",remain"`
}

func newEvaluator(ctx context.Context, p *project, opts LoadOptions) (*evaluator, error) {
	e := &evaluator{
		ctx:     ctx,
		opts:    opts,
		dirs:    p.dirs,
		vars:    make(map[string]*variable),
		locals:  make(map[string]*hcl.Attribute),
		data:    make(map[string]*hclsyntax.Block),
		values:  make(map[string]cty.Value),
		rdsAuth: opts.RDSToken,
		sources: dataSources(),
	}
	if e.rdsAuth == nil {
		e.rdsAuth = NewRDSTokenBuilder(LoadAWSConfig)
	}
	for _, b := range p.vars {
		if err := e.declareVar(b); err != nil {
			return nil, err
		}
	}
	for _, b := range p.locals {
		attrs, diags := b.Body.JustAttributes()
		if diags.HasErrors() {
			return nil, diagError(diags)
		}
		for _, a := range sortedAttrs(attrs) {
			if prev, dup := e.locals[a.Name]; dup {
				return nil, errorAt(a.NameRange, "local %q is already defined at %s", a.Name, position(prev.NameRange))
			}
			e.locals[a.Name] = a
		}
	}
	for _, b := range p.data {
		key := b.Labels[0] + "." + b.Labels[1]
		if prev, dup := e.data[key]; dup {
			return nil, errorAt(b.DefRange(), "data.%s is already defined at %s", key, position(prev.DefRange()))
		}
		e.data[key] = b
	}
	// Atlas checks inputs before evaluating anything: every value passed in
	// must be declared, and every variable needs a value or a default.
	names := make([]string, 0, len(opts.Vars))
	for n := range opts.Vars {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		v, ok := e.vars[n]
		if !ok {
			return nil, fmt.Errorf("config: variable %q is given a value but not declared in the project file (declared: %s)", n, e.declared())
		}
		val, err := parseVar(opts.Vars[n], v.typ)
		if err != nil {
			return nil, errorAt(v.rng, "value of variable %q: %v", n, err)
		}
		e.values["var."+n] = val
	}
	for _, n := range sortedKeys(e.vars) {
		if _, given := opts.Vars[n]; !given && e.vars[n].def == nil {
			return nil, errorAt(e.vars[n].rng, "variable %q has no default and no value was given: pass it in vars or add a default", n)
		}
	}
	return e, nil
}

func (e *evaluator) declareVar(b *hclsyntax.Block) error {
	name := b.Labels[0]
	if prev, dup := e.vars[name]; dup {
		return errorAt(b.DefRange(), "variable %q is already declared at %s", name, position(prev.rng))
	}
	var vb variableBlock
	if diags := gohcl.DecodeBody(b.Body, nil, &vb); diags.HasErrors() {
		return diagError(diags)
	}
	v := &variable{name: name, typ: cty.DynamicPseudoType, def: vb.Default, rng: b.DefRange()}
	if vb.Type != nil {
		// Atlas still accepts int, a spelling from before typeexpr.
		if hcl.ExprAsKeyword(vb.Type.Expr) == "int" {
			v.typ = cty.Number
		} else {
			t, diags := typeexpr.TypeConstraint(vb.Type.Expr)
			if diags.HasErrors() {
				return diagError(diags)
			}
			v.typ = t
		}
	}
	e.vars[name] = v
	return nil
}

func (e *evaluator) declared() string {
	if len(e.vars) == 0 {
		return "none"
	}
	return strings.Join(sortedKeys(e.vars), ", ")
}

// parseVar converts text passed in for a variable to its declared type.
func parseVar(text string, typ cty.Type) (cty.Value, error) {
	switch {
	case typ == cty.DynamicPseudoType || typ == cty.String:
		return cty.StringVal(text), nil
	case typ.IsPrimitiveType():
		v, err := convert.Convert(cty.StringVal(strings.TrimSpace(text)), typ)
		if err != nil {
			return cty.NilVal, fmt.Errorf("%q is not a %s", text, typeexpr.TypeString(typ))
		}
		return v, nil
	default:
		v, err := ctyjson.Unmarshal([]byte(text), typ)
		if err != nil {
			return cty.NilVal, fmt.Errorf("a %s is passed as JSON, such as %s: %v", typeexpr.TypeString(typ), jsonExample(typ), err)
		}
		return v, nil
	}
}

func jsonExample(typ cty.Type) string {
	if typ.IsMapType() || typ.IsObjectType() {
		return `{"k":"v"}`
	}
	return `["a","b"]`
}

// resolve makes sure the value a traversal starts from is known.
func (e *evaluator) resolve(t hcl.Traversal) error {
	rng := t.SourceRange()
	switch t.RootName() {
	case "var":
		name, ok := step(t, 1)
		if !ok {
			return e.resolveAll(sortedKeys(e.vars), rng, e.resolveVar)
		}
		return e.resolveVar(name, rng)
	case "local":
		name, ok := step(t, 1)
		if !ok {
			return e.resolveAll(sortedKeys(e.locals), rng, e.resolveLocal)
		}
		return e.resolveLocal(name, rng)
	case "data":
		kind, ok := step(t, 1)
		if !ok {
			return e.resolveAll(sortedKeys(e.data), rng, e.resolveData)
		}
		name, ok := step(t, 2)
		if !ok {
			var keys []string
			for _, k := range sortedKeys(e.data) {
				if strings.HasPrefix(k, kind+".") {
					keys = append(keys, k)
				}
			}
			if len(keys) == 0 {
				return errorAt(rng, "no data source of kind %q is defined", kind)
			}
			return e.resolveAll(keys, rng, e.resolveData)
		}
		return e.resolveData(kind+"."+name, rng)
	}
	// atlas.env is always present; anything else is left for HCL to report
	// as an unknown variable with its position.
	return nil
}

func (e *evaluator) resolveAll(keys []string, rng hcl.Range, fn func(string, hcl.Range) error) error {
	for _, k := range keys {
		if err := fn(k, rng); err != nil {
			return err
		}
	}
	return nil
}

// step returns the name at position i of a traversal, written either as an
// attribute (local.a) or as a string index (local["a"]).
func step(t hcl.Traversal, i int) (string, bool) {
	if len(t) <= i {
		return "", false
	}
	switch s := t[i].(type) {
	case hcl.TraverseAttr:
		return s.Name, true
	case hcl.TraverseIndex:
		if s.Key.IsKnown() && !s.Key.IsNull() && s.Key.Type() == cty.String {
			return s.Key.AsString(), true
		}
	}
	return "", false
}

func (e *evaluator) resolveVar(name string, rng hcl.Range) error {
	key := "var." + name
	if _, ok := e.values[key]; ok {
		return nil
	}
	v, ok := e.vars[name]
	if !ok {
		return errorAt(rng, "variable %q is not declared (declared: %s)", name, e.declared())
	}
	return e.enter(key, rng, func() error {
		val, err := e.eval(v.def.Expr)
		if err != nil {
			return err
		}
		if val, err = convert.Convert(val, v.typ); err != nil {
			return errorAt(v.def.Expr.Range(), "default of variable %q is not a %s: %v", name, typeexpr.TypeString(v.typ), err)
		}
		e.values[key] = val
		return nil
	})
}

func (e *evaluator) resolveLocal(name string, rng hcl.Range) error {
	key := "local." + name
	if _, ok := e.values[key]; ok {
		return nil
	}
	a, ok := e.locals[name]
	if !ok {
		return errorAt(rng, "local %q is not defined", name)
	}
	return e.enter(key, rng, func() error {
		val, err := e.eval(a.Expr)
		if err != nil {
			return err
		}
		e.values[key] = val
		return nil
	})
}

func (e *evaluator) resolveData(kindName string, rng hcl.Range) error {
	key := "data." + kindName
	if _, ok := e.values[key]; ok {
		return nil
	}
	b, ok := e.data[kindName]
	if !ok {
		return errorAt(rng, "data.%s is not defined", kindName)
	}
	src, ok := e.sources[b.Labels[0]]
	if !ok {
		return errorAt(b.DefRange(), "data source %q is not supported by schemawatch (supported: %s)", b.Labels[0], strings.Join(sortedKeys(e.sources), ", "))
	}
	return e.enter(key, rng, func() error {
		val, err := src(e, b)
		if err != nil {
			return err
		}
		e.values[key] = val
		return nil
	})
}

// enter runs fn with key marked as being evaluated, failing on a cycle.
func (e *evaluator) enter(key string, rng hcl.Range, fn func() error) error {
	if i := slices.Index(e.active, key); i >= 0 {
		path := append(slices.Clone(e.active[i:]), key)
		return errorAt(rng, "%s refers to itself: %s", key, strings.Join(path, " -> "))
	}
	e.active = append(e.active, key)
	defer func() { e.active = e.active[:len(e.active)-1] }()
	return fn()
}

// eval resolves what expr references, then evaluates it.
func (e *evaluator) eval(expr hcl.Expression) (cty.Value, error) {
	for _, t := range expr.Variables() {
		if err := e.resolve(t); err != nil {
			return cty.NilVal, err
		}
	}
	val, diags := expr.Value(e.hclContext(expr.Range().Filename))
	if diags.HasErrors() {
		return cty.NilVal, diagError(diags)
	}
	return val, nil
}

// hclContext exposes the values resolved so far to an expression in file.
// Only resolved values are present, which is safe because every evaluation
// resolves its references first.
func (e *evaluator) hclContext(file string) *hcl.EvalContext {
	vars := map[string]cty.Value{}
	locals := map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	for k, v := range e.values {
		switch kind, rest, _ := strings.Cut(k, "."); kind {
		case "var":
			vars[rest] = v
		case "local":
			locals[rest] = v
		case "data":
			dk, name, _ := strings.Cut(rest, ".")
			if data[dk] == nil {
				data[dk] = map[string]cty.Value{}
			}
			data[dk][name] = v
		}
	}
	dataObj := map[string]cty.Value{}
	for k, m := range data {
		dataObj[k] = cty.ObjectVal(m)
	}
	return &hcl.EvalContext{
		Variables: map[string]cty.Value{
			"atlas": cty.ObjectVal(map[string]cty.Value{"env": cty.StringVal(e.opts.Env)}),
			"var":   cty.ObjectVal(vars),
			"local": cty.ObjectVal(locals),
			"data":  cty.ObjectVal(dataObj),
		},
		Functions: e.functions(e.dirs[file]),
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

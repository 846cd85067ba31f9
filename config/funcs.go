package config

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions returns the functions atlas.hcl expressions may call: Atlas's
// URL helpers, getenv and file, and the go-cty standard library under the
// names Atlas gives them. dir is the directory of the file being evaluated.
// See https://atlasgo.io/atlas-schema/projects#functions
func (e *evaluator) functions(dir string) map[string]function.Function {
	getenv := e.opts.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	return map[string]function.Function{
		"getenv":          getenvFunc(getenv),
		"file":            fileFunc(dir),
		"urlescape":       urlEscapeFunc,
		"urlsetpath":      urlSetPathFunc,
		"urlqueryset":     urlQuerySetFunc,
		"urluserinfo":     urlUserinfoFunc,
		"startswith":      stringPredicate(strings.HasPrefix),
		"endswith":        stringPredicate(strings.HasSuffix),
		"try":             tryfunc.TryFunc,
		"can":             tryfunc.CanFunc,
		"tobool":          convertFunc(cty.Bool),
		"tolist":          convertFunc(cty.List(cty.DynamicPseudoType)),
		"tonumber":        convertFunc(cty.Number),
		"toset":           convertFunc(cty.Set(cty.DynamicPseudoType)),
		"tostring":        convertFunc(cty.String),
		"abs":             stdlib.AbsoluteFunc,
		"ceil":            stdlib.CeilFunc,
		"chomp":           stdlib.ChompFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        stdlib.ContainsFunc,
		"csvdecode":       stdlib.CSVDecodeFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         stdlib.ElementFunc,
		"flatten":         stdlib.FlattenFunc,
		"floor":           stdlib.FloorFunc,
		"format":          stdlib.FormatFunc,
		"formatdate":      stdlib.FormatDateFunc,
		"formatlist":      stdlib.FormatListFunc,
		"indent":          stdlib.IndentFunc,
		"index":           stdlib.IndexFunc,
		"join":            stdlib.JoinFunc,
		"jsondecode":      stdlib.JSONDecodeFunc,
		"jsonencode":      stdlib.JSONEncodeFunc,
		"keys":            stdlib.KeysFunc,
		"length":          stdlib.LengthFunc,
		"log":             stdlib.LogFunc,
		"lookup":          stdlib.LookupFunc,
		"lower":           stdlib.LowerFunc,
		"max":             stdlib.MaxFunc,
		"merge":           stdlib.MergeFunc,
		"min":             stdlib.MinFunc,
		"parseint":        stdlib.ParseIntFunc,
		"pow":             stdlib.PowFunc,
		"range":           stdlib.RangeFunc,
		"regex":           stdlib.RegexFunc,
		"regexall":        stdlib.RegexAllFunc,
		"regexreplace":    stdlib.RegexReplaceFunc,
		"replace":         stdlib.ReplaceFunc,
		"reverse":         stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setproduct":      stdlib.SetProductFunc,
		"setsubtract":     stdlib.SetSubtractFunc,
		"setunion":        stdlib.SetUnionFunc,
		"signum":          stdlib.SignumFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"split":           stdlib.SplitFunc,
		"strlen":          stdlib.StrlenFunc,
		"strrev":          stdlib.ReverseFunc,
		"substr":          stdlib.SubstrFunc,
		"timeadd":         stdlib.TimeAddFunc,
		"title":           stdlib.TitleFunc,
		"trim":            stdlib.TrimFunc,
		"trimprefix":      stdlib.TrimPrefixFunc,
		"trimspace":       stdlib.TrimSpaceFunc,
		"trimsuffix":      stdlib.TrimSuffixFunc,
		"upper":           stdlib.UpperFunc,
		"values":          stdlib.ValuesFunc,
		"zipmap":          stdlib.ZipmapFunc,
	}
}

// getenvFunc returns an environment variable, "" when unset, as Atlas does.
func getenvFunc(getenv func(string) string) function.Function {
	return function.New(&function.Spec{
		Description: "getenv returns the value of an environment variable, or an empty string when it is unset.",
		Params:      []function.Parameter{{Name: "name", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.StringVal(getenv(args[0].AsString())), nil
		},
	})
}

// fileFunc reads a file; a relative path is taken from the project file's
// directory, not the working directory.
func fileFunc(dir string) function.Function {
	return function.New(&function.Spec{
		Description: "file returns the contents of a file.",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return cty.NilVal, fmt.Errorf("reading %s: %w", p, err)
			}
			return cty.StringVal(string(b)), nil
		},
	})
}

var (
	// urlEscapeFunc escapes text for a URL query or userinfo, as Atlas does
	// with url.QueryEscape.
	urlEscapeFunc = function.New(&function.Spec{
		Description: "urlescape escapes a string so it can be placed inside a URL.",
		Params:      []function.Parameter{{Name: "string", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.StringVal(url.QueryEscape(args[0].AsString())), nil
		},
	})

	urlSetPathFunc = function.New(&function.Spec{
		Description: "urlsetpath replaces the path of a URL.",
		Params:      []function.Parameter{{Name: "url", Type: cty.String}, {Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			u, err := url.Parse(args[0].AsString())
			if err != nil {
				return cty.NilVal, errNoURL(err)
			}
			u.Path = args[1].AsString()
			return cty.StringVal(u.String()), nil
		},
	})

	urlQuerySetFunc = function.New(&function.Spec{
		Description: "urlqueryset sets a query parameter of a URL.",
		Params: []function.Parameter{
			{Name: "url", Type: cty.String}, {Name: "key", Type: cty.String}, {Name: "value", Type: cty.String},
		},
		Type: function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			u, err := url.Parse(args[0].AsString())
			if err != nil {
				return cty.NilVal, errNoURL(err)
			}
			q := u.Query()
			q.Set(args[1].AsString(), args[2].AsString())
			u.RawQuery = q.Encode()
			return cty.StringVal(u.String()), nil
		},
	})

	urlUserinfoFunc = function.New(&function.Spec{
		Description: "urluserinfo sets the user, and optionally the password, of a URL.",
		Params:      []function.Parameter{{Name: "url", Type: cty.String}, {Name: "user", Type: cty.String}},
		VarParam:    &function.Parameter{Name: "pass", Type: cty.String, AllowNull: true},
		Type:        function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			u, err := url.Parse(args[0].AsString())
			if err != nil {
				return cty.NilVal, errNoURL(err)
			}
			if len(args) > 3 {
				return cty.NilVal, fmt.Errorf("urluserinfo takes at most 3 arguments, got %d", len(args))
			}
			if len(args) == 3 && !args[2].IsNull() {
				u.User = url.UserPassword(args[1].AsString(), args[2].AsString())
			} else {
				u.User = url.User(args[1].AsString())
			}
			return cty.StringVal(u.String()), nil
		},
	})
)

// errNoURL hides the text that failed to parse: it may hold a password.
func errNoURL(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return fmt.Errorf("not a valid URL: %v", ue.Err)
	}
	return fmt.Errorf("not a valid URL")
}

func stringPredicate(fn func(s, affix string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "s", Type: cty.String}, {Name: "affix", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(fn(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

// convertFunc builds an explicit conversion such as tostring or tolist.
func convertFunc(want cty.Type) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "v", Type: cty.DynamicPseudoType, AllowNull: true, AllowDynamicType: true}},
		Type: func(args []cty.Value) (cty.Type, error) {
			if convert.GetConversionUnsafe(args[0].Type(), want) == nil {
				return cty.NilType, function.NewArgErrorf(0, "cannot convert %s to %s", args[0].Type().FriendlyName(), want.FriendlyNameForConstraint())
			}
			if want.IsPrimitiveType() {
				return want, nil
			}
			// Let the conversion decide the element type of tolist/toset.
			v, err := convert.Convert(args[0], want)
			if err != nil {
				return cty.NilType, function.NewArgError(0, err)
			}
			return v.Type(), nil
		},
		Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
			v, err := convert.Convert(args[0], ret)
			if err != nil {
				return cty.NilVal, function.NewArgError(0, err)
			}
			return v, nil
		},
	})
}

package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestJSONSchema keeps snapshot.schema.json, the JSON Schema of the canonical
// encoding that consumers of `inspect --format json` validate against, in
// step with the Go types: it is generated from them, and the test fails when
// the committed file is stale (UPDATE_GOLDEN=1 rewrites it).
func TestJSONSchema(t *testing.T) {
	t.Parallel()
	g := &jsonSchemaGen{defs: map[string]any{}}
	root := g.ref(reflect.TypeOf(Snapshot{}))
	doc := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         "https://github.com/schemawatch/schemawatch/schema/snapshot.schema.json",
		"title":       "schemawatch snapshot",
		"description": "The canonical snapshot of a database schema, format " + strings.TrimSpace(jsonNumber(Format)) + ", as `schemawatch inspect --format json` writes it and as its hash is computed.",
		"$ref":        root["$ref"],
		"$defs":       g.defs,
	}
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	const path = "snapshot.schema.json"
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("%s is stale: run UPDATE_GOLDEN=1 go test ./schema and review the diff", path)
	}
}

func jsonNumber(n int) string { b, _ := json.Marshal(n); return string(b) }

type jsonSchemaGen struct{ defs map[string]any }

// ref returns the schema of t, defining named structs once under $defs.
func (g *jsonSchemaGen) ref(t reflect.Type) map[string]any {
	switch t.Kind() {
	case reflect.Pointer:
		return g.ref(t.Elem())
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.ref(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Struct:
		name := t.Name()
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = nil // reserve against recursion
			props := map[string]any{}
			var required []string
			for i := 0; i < t.NumField(); i++ {
				f := t.Field(i)
				tag := f.Tag.Get("json")
				if !f.IsExported() || tag == "-" {
					continue
				}
				fname, opts, _ := strings.Cut(tag, ",")
				props[fname] = g.ref(f.Type)
				if !strings.Contains(opts, "omitempty") {
					required = append(required, fname)
				}
			}
			sort.Strings(required)
			def := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
			if len(required) > 0 {
				def["required"] = required
			}
			g.defs[name] = def
		}
		return map[string]any{"$ref": "#/$defs/" + name}
	}
	panic("jsonschema: unsupported kind " + t.Kind().String())
}

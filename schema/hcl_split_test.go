package schema

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// readWhole is ParseHCL's reading of src as one document.
func readWhole(t *testing.T, src []byte) []*hblock {
	t.Helper()
	f, diags := hclsyntax.ParseConfig(src, "x.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("whole parse: %s", diags.Error())
	}
	var top []*hblock
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		top = append(top, readBlock(b, src))
	}
	return top
}

// splitDocuments are the pinned documents, what WriteHCL prints for the
// fixtures, and a generated snapshot.
func splitDocuments(t *testing.T) map[string][]byte {
	t.Helper()
	docs := hclDocuments(t)
	for _, fx := range hclFixtures {
		docs["written/"+fx.name] = writeHCL(t, fx.snap())
	}
	var buf bytes.Buffer
	if err := WriteHCL(&buf, benchSnapshot(40, 1)); err != nil {
		t.Fatal(err)
	}
	docs["written/bench"] = buf.Bytes()
	return docs
}

// TestReadSpansMatchesWhole holds the block-by-block parse to the whole
// document's: same blocks, attributes, values and line numbers.
func TestReadSpansMatchesWhole(t *testing.T) {
	t.Parallel()
	for name, src := range splitDocuments(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, ok := readSpans(src, "x.hcl")
			if !ok {
				t.Fatal("the document was not split")
			}
			if want := readWhole(t, src); !reflect.DeepEqual(got, want) {
				t.Errorf("block-by-block parse differs from the whole document's")
			}
		})
	}
}

// TestFormatByBlock checks what WriteHCL relies on: hclwrite.Format lays
// out each top-level block as it does within the whole document. The
// documents are first stripped of their layout, so that Format has work to do.
func TestFormatByBlock(t *testing.T) {
	t.Parallel()
	for name, src := range splitDocuments(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			messy := unlayout(src)
			spans, ok := splitTopLevel(messy)
			if !ok {
				t.Fatal("the document was not split")
			}
			var got []byte
			for _, sp := range spans {
				got = append(got, hclwrite.Format(messy[sp[0]:sp[1]])...)
			}
			want := hclwrite.Format(messy)
			if !bytes.Equal(got, want) {
				t.Errorf("formatting block by block differs:\n%s", firstDiff(got, want))
			}
		})
	}
}

// unlayout removes the indentation and the alignment before "=" outside
// heredocs.
func unlayout(src []byte) []byte {
	lines := strings.Split(string(src), "\n")
	inHeredoc := false
	for i, l := range lines {
		if inHeredoc {
			inHeredoc = strings.TrimSpace(l) != "SQL"
			continue
		}
		l = strings.TrimLeft(l, " ")
		if name, rest, ok := strings.Cut(l, " = "); ok && !strings.Contains(name, `"`) {
			l = strings.TrimRight(name, " ") + " = " + rest
		}
		lines[i] = l
		inHeredoc = strings.HasSuffix(l, "<<-SQL")
	}
	return []byte(strings.Join(lines, "\n"))
}

func TestSplitTopLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string // the spans, or nil when unsure
	}{
		{"blocks", "a {\n}\nb \"x\" {\n  y = 1\n}\n", []string{"a {\n}\n", "b \"x\" {\n  y = 1\n}\n"}},
		{"comments go with the next block", "# c {\na {\n}\n// }\n/* { */\nb {\n}", []string{"# c {\na {\n}\n", "// }\n/* { */\nb {\n}"}},
		{"braces in strings", "a {\n  x = \"}\\\"}\"\n}\nb {\n}\n", []string{"a {\n  x = \"}\\\"}\"\n}\n", "b {\n}\n"}},
		{"escaped templates are text", "a {\n  x = \"$${ %%{\"\n}\nb {\n}\n", []string{"a {\n  x = \"$${ %%{\"\n}\n", "b {\n}\n"}},
		{"braces in heredocs", "a {\n  x = <<-SQL\n  }\n  }\n  SQL\n}\nb {\n}\n", []string{"a {\n  x = <<-SQL\n  }\n  }\n  SQL\n}\n", "b {\n}\n"}},
		{"nested blocks", "a {\n  b {\n  }\n}\n", []string{"a {\n  b {\n  }\n}\n"}},
		{"interpolation", "a {\n  x = \"${y}\"\n}\n", nil},
		{"interpolation in heredoc", "a {\n  x = <<-SQL\n  ${y}\n  SQL\n}\n", nil},
		{"unclosed string", "a {\n  x = \"}\n}\n", nil},
		{"unclosed heredoc", "a {\n  x = <<-SQL\n}\n", nil},
		{"unclosed comment", "a {\n}\n/* b {\n}\n", nil},
		{"unbalanced", "a {\n}\n}\nb {\n", nil},
		{"open block", "a {\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			spans, ok := splitTopLevel([]byte(tt.src))
			var got []string
			if ok {
				for _, sp := range spans {
					got = append(got, tt.src[sp[0]:sp[1]])
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) || ok != (tt.want != nil) {
				t.Errorf("got %q (ok %t), want %q", got, ok, tt.want)
			}
		})
	}
}

// TestParseHCLErrorsBlockByBlock checks that errors in a later block name
// the line of the whole document, for syntax errors (found by the whole
// parse the pieces fall back to) and for model errors (from positions the
// pieces keep).
func TestParseHCLErrorsBlockByBlock(t *testing.T) {
	t.Parallel()
	head := "schema \"a\" {\n}\nschema \"b\" {\n}\ntable \"ok\" {\n  schema = schema.a\n}\n"
	tests := []struct{ name, src, want string }{
		{"syntax", head + "table \"t\" {\n  x = = 1\n}\n", "schema: parsing HCL: x.hcl:9,"},
		{"top-level attribute", head + "x = 1\nx = 2\n", "schema: parsing HCL: x.hcl:9,"},
		{"model", head + "table \"t\" {\n}\n", "schema: x.hcl:8: table \"t\" has no schema attribute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseHCL([]byte(tt.src), "x.hcl")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v, want one line starting %q", err, tt.want)
			}
		})
	}
}

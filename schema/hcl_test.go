package schema

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

var hclFixtures = []struct {
	name  string
	snap  func() *Snapshot
	atlas string // the ATLAS-COMPAT §2 example this fixture must reproduce byte for byte
}{
	{"postgres_orders", fixturePostgresOrders, "postgres_orders.hcl"},
	{"mysql_accounts", fixtureMySQLAccounts, "mysql_accounts.hcl"},
	{"sqlite_notes", fixtureSQLiteNotes, "sqlite_notes.hcl"},
	{"postgres_full", fixturePostgresFull, ""},
	{"mysql_full", fixtureMySQLFull, ""},
	{"sqlite_full", fixtureSQLiteFull, ""},
	{"quoting", fixtureQuoting, ""},
}

func writeHCL(t *testing.T, s *Snapshot) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHCL(&buf, s); err != nil {
		t.Fatalf("WriteHCL: %v", err)
	}
	return buf.Bytes()
}

// golden compares got with testdata/<name>, rewriting it when UPDATE_GOLDEN is set.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (UPDATE_GOLDEN=1 writes it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestWriteHCLGolden(t *testing.T) {
	t.Parallel()
	for _, fx := range hclFixtures {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			golden(t, filepath.Join("hcl", fx.name+".hcl"), writeHCL(t, fx.snap()))
		})
	}
}

// TestWriteHCLAtlasExamples holds the writer to the examples of Atlas's own
// output; these files are the specification and are never rewritten.
func TestWriteHCLAtlasExamples(t *testing.T) {
	t.Parallel()
	for _, fx := range hclFixtures {
		if fx.atlas == "" {
			continue
		}
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			want, err := os.ReadFile(filepath.Join("testdata", "atlas", fx.atlas))
			if err != nil {
				t.Fatal(err)
			}
			if got := writeHCL(t, fx.snap()); !bytes.Equal(got, want) {
				t.Errorf("output is not Atlas's:\n--- got\n%s\n--- want\n%s", got, want)
			}
		})
	}
}

func TestHCLRoundTrip(t *testing.T) {
	t.Parallel()
	for _, fx := range hclFixtures {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			s := fx.snap()
			want, err := s.CanonicalJSON()
			if err != nil {
				t.Fatal(err)
			}
			hcl := writeHCL(t, s)
			back, err := ParseHCL(hcl, fx.name+".hcl")
			if err != nil {
				t.Fatalf("ParseHCL: %v\n%s", err, hcl)
			}
			got, err := back.CanonicalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("round trip differs:\n%s\n--- hcl\n%s", firstDiff(got, want), hcl)
			}
			if again := writeHCL(t, back); !bytes.Equal(again, hcl) {
				t.Errorf("second write differs:\n%s", again)
			}
		})
	}
}

// TestParseHCLAtlas reads the Atlas examples, as the server receives them from
// the official action, with no dialect hint but their content.
func TestParseHCLAtlas(t *testing.T) {
	t.Parallel()
	for _, fx := range hclFixtures {
		if fx.atlas == "" {
			continue
		}
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(filepath.Join("testdata", "atlas", fx.atlas))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseHCL(src, "inspected.hcl")
			if err != nil {
				t.Fatal(err)
			}
			want := fx.snap()
			gj, _ := got.CanonicalJSON()
			wj, _ := want.CanonicalJSON()
			if !bytes.Equal(gj, wj) {
				t.Errorf("got\n%s\nwant\n%s", gj, wj)
			}
		})
	}
}

func TestParseHCLLenient(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, file string
		check           func(t *testing.T, s *Snapshot)
	}{
		{
			name: "unknown blocks and attributes are skipped",
			src: `table "t" {
  schema = schema.public
  owner  = "bob"
  column "a" {
    null = true
    type = sql("citext")
    future_attr = 1
  }
  row_level_magic {
    x = 1
  }
}
aggregate_trigger "x" {
}
schema "public" {
}
`,
			check: func(t *testing.T, s *Snapshot) {
				if got := s.Schemas[0].Tables[0].Columns[0].Type; got != "citext" {
					t.Errorf("type = %q, want citext", got)
				}
			},
		},
		{
			name: "an unknown type keeps its HCL spelling",
			src: `table "t" {
  schema = schema.public
  column "a" {
    null = false
    type = vector(3)
  }
}
schema "public" {
}
`,
			check: func(t *testing.T, s *Snapshot) {
				if got := s.Schemas[0].Tables[0].Columns[0].Type; got != "vector(3)" {
					t.Errorf("type = %q, want vector(3)", got)
				}
			},
		},
		{
			name: "dialect from a comment",
			src:  "# dialect: sqlite\nschema \"app\" {\n}\n",
			check: func(t *testing.T, s *Snapshot) {
				if s.Dialect != SQLite {
					t.Errorf("dialect = %q", s.Dialect)
				}
			},
		},
		{
			name: "dialect from the file name",
			src:  "schema \"app\" {\n}\n",
			file: "schema.my.hcl",
			check: func(t *testing.T, s *Snapshot) {
				if s.Dialect != MySQL {
					t.Errorf("dialect = %q", s.Dialect)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			file := tt.file
			if file == "" {
				file = "x.hcl"
			}
			s, err := ParseHCL([]byte(tt.src), file)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, s)
		})
	}
}

func TestParseHCLErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, src, want string }{
		{"syntax", "table {", "schema: parsing HCL: x.hcl:1"},
		{"table without schema", "table \"t\" {\n}\nschema \"a\" {\n}\nschema \"b\" {\n}\n", `table "t" has no schema attribute`},
		{"dangling trigger", "trigger \"t\" {\n  on = table.nope\n}\nschema \"a\" {\n}\n", `trigger "t" is on table.nope`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseHCL([]byte(tt.src), "x.hcl")
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v, want one line containing %q", err, tt.want)
			}
		})
	}
}

func TestWriteHCLUnknownDialect(t *testing.T) {
	t.Parallel()
	err := WriteHCL(&bytes.Buffer{}, &Snapshot{Dialect: "oracle"})
	if err == nil || !strings.Contains(err.Error(), `"oracle"`) {
		t.Errorf("err = %v", err)
	}
}

func FuzzParseHCL(f *testing.F) {
	for _, fx := range hclFixtures {
		var buf bytes.Buffer
		if err := WriteHCL(&buf, fx.snap()); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte("table \"t\" {\n  schema = schema[\"x\"]\n  column \"a\" { type = sql(1) }\n}\n"))
	f.Add([]byte("trigger \"t\" {\n  on = table\n}\n"))
	f.Add([]byte("a {\n  x = \"}\"\n}\n# {\nb {\n  y = <<-SQL\n  {\n  SQL\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		// Parsing block by block must read exactly what the whole
		// document says, or give way to it.
		if pieces, ok := readSpans(src, "fuzz.hcl"); ok {
			f, diags := hclsyntax.ParseConfig(src, "fuzz.hcl", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatalf("pieces parse, the whole does not: %s", diags.Error())
			}
			var whole []*hblock
			for _, b := range f.Body.(*hclsyntax.Body).Blocks {
				whole = append(whole, readBlock(b, src))
			}
			if !reflect.DeepEqual(pieces, whole) {
				t.Fatal("block-by-block parse differs from the whole document's")
			}
		}
		s, err := ParseHCL(src, "fuzz.hcl")
		if err != nil {
			return
		}
		var buf bytes.Buffer
		_ = WriteHCL(&buf, s)
	})
}

// firstDiff shows where two encodings part, which a long JSON line hides.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return "got …" + string(a[lo:min(len(a), i+80)]) + "…\nwant …" + string(b[lo:min(len(b), i+80)]) + "…"
}

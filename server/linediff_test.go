package server

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

func TestLineDiff(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, a, b string
		want       string // the hunks' lines, "op text" joined by "|"
	}{
		{"same", "a\nb\n", "a\nb\n", ""},
		{"added", "a\nb\n", "a\nx\nb\n", " a|+x| b"},
		{"removed", "a\nb\nc\n", "a\nc\n", " a|-b| c"},
		{"replaced", "a\nb\nc\n", "a\ny\nc\n", " a|-b|+y| c"},
		{"from empty", "", "a\n", "+a"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "x\n2\n3\n4\n5\n6\n7\n8\n9\ny\n", "-1|+x| 2|| 9|-10|+y"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			hunks, ok := lineDiff(tc.a, tc.b, 1)
			if !ok {
				t.Fatal("diff too large")
			}
			var parts []string
			for i, h := range hunks {
				if i > 0 {
					parts = append(parts, "")
				}
				for _, l := range h.Lines {
					parts = append(parts, string(l.Op)+l.Text)
				}
			}
			if got := strings.Join(parts, "|"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMyersScripts checks on random inputs that the script turns x into y
// and is as short as an LCS makes possible.
func TestMyersScripts(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		x, y := randLines(r), randLines(r)
		ops, ok := myers(x, y)
		if !ok {
			t.Fatal("too large")
		}
		var got []string
		xi, edits := 0, 0
		for _, op := range ops {
			switch op {
			case ' ':
				got = append(got, x[xi])
				xi++
			case '-':
				xi++
				edits++
			case '+':
				got = append(got, y[len(got)])
				edits++
			}
		}
		if strings.Join(got, ",") != strings.Join(y, ",") || xi != len(x) {
			t.Fatalf("script %q does not turn %v into %v", ops, x, y)
		}
		if want := len(x) + len(y) - 2*lcs(x, y); edits != want {
			t.Fatalf("%v → %v: %d edits, want %d", x, y, edits, want)
		}
	}
}

func randLines(r *rand.Rand) []string {
	out := make([]string, r.IntN(9))
	for i := range out {
		out[i] = string(rune('a' + r.IntN(3)))
	}
	return out
}

func lcs(x, y []string) int {
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				d[i][j] = d[i+1][j+1] + 1
			} else {
				d[i][j] = max(d[i+1][j], d[i][j+1])
			}
		}
	}
	return d[0][0]
}

// BenchmarkLineDiff5000Tables measures the HCL line diff of two versions of
// a 5,000-table schema that differ in about 100 tables spread all over it.
func BenchmarkLineDiff5000Tables(b *testing.B) {
	if os.Getenv("SCHEMAWATCH_BENCH_LARGE") == "0" {
		b.Skip("SCHEMAWATCH_BENCH_LARGE=0")
	}
	var x, y strings.Builder
	for i := range 5000 {
		for _, w := range []*strings.Builder{&x, &y} {
			fmt.Fprintf(w, "table %q {\n  schema = schema.public\n", fmt.Sprintf("table_%05d", i))
			for _, c := range []string{"id", "parent_id", "name", "status", "amount", "payload", "created_at", "updated_at"} {
				fmt.Fprintf(w, "  column %q {\n    null = false\n    type = bigint\n  }\n", c)
			}
		}
		if i%97 == 1 {
			fmt.Fprintf(&x, "  column \"extra_1\" {\n    null = true\n    type = integer\n  }\n")
		}
		if i%97 == 2 {
			fmt.Fprintf(&y, "  column \"extra_2\" {\n    null = true\n    type = integer\n  }\n")
		}
		x.WriteString("}\n")
		y.WriteString("}\n")
	}
	b.SetBytes(int64(x.Len()))
	for b.Loop() {
		if _, ok := lineDiff(x.String(), y.String(), 3); !ok {
			b.Fatal("too large")
		}
	}
}

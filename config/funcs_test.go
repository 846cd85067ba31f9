package config

import (
	"testing"
)

// TestFunctions evaluates one function call per case through Load, as an
// env's url, so each runs with the real evaluation context.
func TestFunctions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		expr string
		want string
	}{
		{name: "urlescape", expr: `urlescape("a b/c?d&e=f")`, want: "a+b%2Fc%3Fd%26e%3Df"},
		{name: "urlsetpath", expr: `urlsetpath("mysql://u@h:3306/old?tls=true", "/new")`, want: "mysql://u@h:3306/new?tls=true"},
		{name: "urlqueryset replaces", expr: `urlqueryset("postgres://h/db?sslmode=disable&a=1", "sslmode", "require")`, want: "postgres://h/db?a=1&sslmode=require"},
		{name: "urluserinfo escapes", expr: `urluserinfo("postgres://h/db", "u", "p@s/s")`, want: "postgres://u:p%40s%2Fs@h/db"},
		{name: "urluserinfo null password", expr: `urluserinfo("postgres://old:pw@h/db", "u", null)`, want: "postgres://u@h/db"},
		{name: "startswith", expr: `startswith("postgres://h", "postgres") ? "y" : "n"`, want: "y"},
		{name: "endswith", expr: `endswith("a.hcl", ".sql") ? "y" : "n"`, want: "n"},
		{name: "tostring of a number", expr: `tostring(5432)`, want: "5432"},
		{name: "tolist then join", expr: `join(",", tolist(["b", "a"]))`, want: "b,a"},
		{name: "toset sorts", expr: `join(",", toset(["b", "a", "b"]))`, want: "a,b"},
		{name: "tonumber", expr: `format("%d", tonumber("12") + 1)`, want: "13"},
		{name: "regexreplace", expr: `regexreplace("db-01", "[^a-z]", "")`, want: "db"},
		{name: "compact", expr: `join("-", compact(["a", "", "b"]))`, want: "a-b"},
		{name: "lookup", expr: `lookup({ a = "x" }, "b", "dflt")`, want: "dflt"},
		{name: "jsondecode", expr: `jsondecode("{\"h\":\"db\"}").h`, want: "db"},
		{name: "try falls back", expr: `try(jsondecode("not json"), "bad")`, want: "bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, map[string]string{"atlas.hcl": "env \"e\" {\n  url = " + tt.expr + "\n}\n"})
			env, err := Load(t.Context(), LoadOptions{Dir: dir, Env: "e", RDSToken: noRDS(t)})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if env.URL != tt.want {
				t.Errorf("%s = %q, want %q", tt.expr, env.URL, tt.want)
			}
		})
	}
}

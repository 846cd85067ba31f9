package config

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeFiles creates files (name → content) under a fresh temp dir.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// mapGetenv is a getenv backed by a map.
func mapGetenv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// noRDS fails the test when a token is requested.
func noRDS(t *testing.T) RDSTokenBuilder {
	return func(context.Context, RDSTokenRequest) (string, error) {
		t.Error("RDS token builder called, but no evaluated expression references aws_rds_token")
		return "", errors.New("unexpected call")
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		files  map[string]string
		urls   []string
		env    string
		vars   map[string]string
		getenv map[string]string
		want   Env
	}{
		{
			name: "labeled env among several",
			files: map[string]string{"atlas.hcl": `
env "dev" {
  url = "sqlite://dev.db"
}
env "prod" {
  url     = "postgres://monitor@db:5432/app?sslmode=require"
  schemas = ["public", "billing"]
  exclude = ["*.tmp_*"]
  include = ["public.*"]
}`},
			env: "prod",
			want: Env{Name: "prod", URL: "postgres://monitor@db:5432/app?sslmode=require",
				Schemas: []string{"public", "billing"}, Exclude: []string{"*.tmp_*"}, Include: []string{"public.*"}},
		},
		{
			name: "unlabeled env named by atlas.env",
			files: map[string]string{"atlas.hcl": `
env {
  name = atlas.env
  url  = "mysql://root@db:3306/${atlas.env}"
}`},
			env:  "shop",
			want: Env{Name: "shop", URL: "mysql://root@db:3306/shop"},
		},
		{
			name: "labeled env wins over unlabeled",
			files: map[string]string{"atlas.hcl": `
env {
  name = atlas.env
  url  = "sqlite://generic.db"
}
env "prod" {
  url = "sqlite://prod.db"
}`},
			env:  "prod",
			want: Env{Name: "prod", URL: "sqlite://prod.db"},
		},
		{
			name: "unknown attributes and blocks accepted, atlas block ignored",
			files: map[string]string{"atlas.hcl": `
atlas {
  cloud {
    token = var.never_declared
  }
}
lint {
  latest = 1
}
env "prod" {
  url    = "sqlite://prod.db"
  dev    = "docker://postgres/15/dev"
  src    = ["file://schema.hcl"]
  custom = data.sql.never.value
  migration {
    dir    = "file://migrations"
    format = atlas
  }
  format {
    schema {
      inspect = "{{ json . }}"
    }
  }
  lint {
    review = ERROR
  }
}`},
			env:  "prod",
			want: Env{Name: "prod", URL: "sqlite://prod.db"},
		},
		{
			name: "variables with defaults, values and type conversion",
			files: map[string]string{"atlas.hcl": `
variable "host" {
  type    = string
  default = "localhost"
}
variable "port" {
  type        = number
  description = "server port"
}
variable "tls" {
  type    = bool
  default = false
}
variable "schemas" {
  type    = list(string)
  default = ["public"]
}
variable "exclude" {
  type    = list(string)
  default = []
}
variable "user" {
  default = "monitor"
}
variable "legacy" {
  type    = int
  default = 3
}
env "prod" {
  url     = "postgres://${var.user}@${var.host}:${var.port + var.legacy - 3}/app?sslmode=${var.tls ? "require" : "disable"}"
  schemas = var.schemas
  exclude = var.exclude
}`},
			env:  "prod",
			vars: map[string]string{"port": "5432", "tls": "true", "schemas": `["a", "b"]`, "host": "db.internal"},
			want: Env{Name: "prod", URL: "postgres://monitor@db.internal:5432/app?sslmode=require", Schemas: []string{"a", "b"}, Exclude: []string{}},
		},
		{
			name: "for expressions and index syntax",
			files: map[string]string{"atlas.hcl": `
variable "schemas" {
  type    = list(string)
  default = ["Public", "Billing"]
}
locals {
  db = "app"
}
env "prod" {
  url     = "sqlite://${local["db"]}.db"
  schemas = [for s in var.schemas : lower(s)]
  exclude = [for i, s in var["schemas"] : "${s}.t${i}"]
}`},
			env:  "prod",
			want: Env{Name: "prod", URL: "sqlite://app.db", Schemas: []string{"public", "billing"}, Exclude: []string{"Public.t0", "Billing.t1"}},
		},
		{
			name: "default converted to the declared type",
			files: map[string]string{"atlas.hcl": `
variable "port" {
  type    = string
  default = 5432
}
env "prod" {
  url = "mysql://root@db:${var.port}/"
}`},
			env:  "prod",
			want: Env{Name: "prod", URL: "mysql://root@db:5432/"},
		},
		{
			name: "locals referencing locals, variables and getenv",
			files: map[string]string{"atlas.hcl": `
variable "db" {
  type    = string
  default = getenv("DB_NAME")
}
locals {
  host = "${local.name}.internal:5432"
  name = lower(getenv("DB_HOST"))
}
locals {
  url = "postgres://${getenv("DB_USER")}@${local.host}/${var.db}?sslmode=require"
}
env "prod" {
  url = local.url
}`},
			env:    "prod",
			getenv: map[string]string{"DB_HOST": "PG", "DB_USER": "ro", "DB_NAME": "app"},
			want:   Env{Name: "prod", URL: "postgres://ro@pg.internal:5432/app?sslmode=require"},
		},
		{
			name: "getenv of an unset variable is empty",
			files: map[string]string{"atlas.hcl": `
env "prod" {
  url = "sqlite://db${getenv("UNSET")}.db"
}`},
			env:  "prod",
			want: Env{Name: "prod", URL: "sqlite://db.db"},
		},
		{
			name: "urlescape of a password inside the url",
			files: map[string]string{"atlas.hcl": `
env "prod" {
  url = "postgres://app:${urlescape(getenv("PGPASSWORD"))}@db:5432/app?sslmode=require"
}`},
			env:    "prod",
			getenv: map[string]string{"PGPASSWORD": "p@ss:w/rd &x"},
			want: Env{Name: "prod", URL: "postgres://app:p%40ss%3Aw%2Frd+%26x@db:5432/app?sslmode=require",
				// The driver reads "+" in userinfo literally; the user's
				// original value is masked too.
				Secrets: []string{"p@ss:w/rd+&x", "p%40ss%3Aw%2Frd+%26x", "p@ss:w/rd &x"}},
		},
		{
			name: "url helper functions",
			files: map[string]string{"atlas.hcl": `
locals {
  base = "postgres://db:5432/postgres"
}
env "prod" {
  url = urluserinfo(urlqueryset(urlsetpath(local.base, "/app"), "sslmode", "verify-full"), "ro", "s3cret")
}`},
			env:  "prod",
			want: Env{Name: "prod", URL: "postgres://ro:s3cret@db:5432/app?sslmode=verify-full", Secrets: []string{"s3cret"}},
		},
		{
			name: "urluserinfo without password",
			files: map[string]string{"atlas.hcl": `
env "prod" {
  url = urluserinfo("mysql://db:3306/shop", "ro")
}`},
			env:  "prod",
			want: Env{Name: "prod", URL: "mysql://ro@db:3306/shop"},
		},
		{
			name: "cty stdlib, try and can",
			files: map[string]string{"atlas.hcl": `
locals {
  cfg = jsondecode(getenv("CFG"))
}
env "prod" {
  url     = format("mysql://%s@%s/%s", upper("ro"), trimspace("  db:3306 "), replace(local.cfg.db, "-", "_"))
  schemas = concat(split(",", "a,b"), [join("", ["c", "d"])])
  exclude = [try(local.cfg.missing, "fallback"), can(local.cfg.missing) ? "x" : "y"]
  include = keys(merge({ p = 1 }, { q = 2 }))
}`},
			env:    "prod",
			getenv: map[string]string{"CFG": `{"db":"my-shop"}`},
			want: Env{Name: "prod", URL: "mysql://RO@db:3306/my_shop", Schemas: []string{"a", "b", "cd"},
				Exclude: []string{"fallback", "y"}, Include: []string{"p", "q"}},
		},
		{
			name: "file is relative to the project file's directory",
			files: map[string]string{
				"conf/atlas.hcl": `
env "prod" {
  url = "postgres://app:${trimspace(file("secret.txt"))}@db/app"
}`,
				"conf/secret.txt": "hunter2\n",
			},
			urls: []string{"file://conf/atlas.hcl"},
			env:  "prod",
			want: Env{Name: "prod", URL: "postgres://app:hunter2@db/app", Secrets: []string{"hunter2"}},
		},
		{
			name: "several files are one project",
			files: map[string]string{
				"vars.hcl": `
variable "db" {
  type    = string
  default = "app"
}`,
				"envs.hcl": `
env "prod" {
  url = "sqlite://${var.db}.db"
}`,
			},
			urls: []string{"file://vars.hcl", "file://envs.hcl"},
			env:  "prod",
			want: Env{Name: "prod", URL: "sqlite://app.db"},
		},
		{
			name: "comma-joined config URLs",
			files: map[string]string{
				"a.hcl": `locals {
  db = "x"
}`,
				"b.hcl": `env "prod" {
  url = "sqlite://${local.db}.db"
}`,
			},
			urls: []string{"file://a.hcl,file://b.hcl"},
			env:  "prod",
			want: Env{Name: "prod", URL: "sqlite://x.db"},
		},
		{
			name: "unsupported data source not referenced by the selected env",
			files: map[string]string{"atlas.hcl": `
data "sql" "tenants" {
  url   = "postgres://never"
  query = "select 1"
}
data "aws_rds_token" "other" {
  endpoint = "other:5432"
  username = "x"
}
env "other" {
  url = "postgres://x:${urlescape(data.aws_rds_token.other)}@other:5432/app?schemas=${data.sql.tenants.value}"
}
env "prod" {
  url = "sqlite://prod.db"
}`},
			env:  "prod",
			want: Env{Name: "prod", URL: "sqlite://prod.db"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, tt.files)
			got, err := Load(t.Context(), LoadOptions{
				URLs: tt.urls, Dir: dir, Env: tt.env, Vars: tt.vars,
				Getenv: mapGetenv(tt.getenv), RDSToken: noRDS(t),
			})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("Load:\n got %#v\nwant %#v", *got, tt.want)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		urls  []string
		env   string
		vars  map[string]string
		want  string // the whole message, or its start when it ends in "…"
		is    error
	}{
		{
			name: "unknown env lists known envs",
			files: map[string]string{"atlas.hcl": `
env "prod" {
  url = "sqlite://p.db"
}
env "dev" {
  url = "sqlite://d.db"
}
env {
  name = "staging"
  url  = "sqlite://s.db"
}`},
			env:  "qa",
			want: `config: env "qa": unknown env (known: dev, prod, staging)`,
			is:   ErrUnknownEnv,
		},
		{
			name:  "no env blocks",
			files: map[string]string{"atlas.hcl": "locals {\n}\n"},
			env:   "prod",
			want:  `config: env "prod": unknown env: the project file defines no env blocks`,
			is:    ErrUnknownEnv,
		},
		{
			name:  "no env selected",
			files: map[string]string{"atlas.hcl": `env "prod" {}`},
			want:  `config: no env selected: set env to one of the env blocks in the project file`,
		},
		{
			name: "unknown variable passed in",
			files: map[string]string{"atlas.hcl": `
variable "a" {
  default = "x"
}
env "prod" {
  url = "sqlite://p.db"
}`},
			env:  "prod",
			vars: map[string]string{"nope": "1"},
			want: `config: variable "nope" is given a value but not declared in the project file (declared: a)`,
		},
		{
			name: "missing variable value",
			files: map[string]string{"atlas.hcl": `variable "password" {
  type = string
}
env "prod" {
  url = "sqlite://p.db"
}`},
			env:  "prod",
			want: `config: atlas.hcl:1,1: variable "password" has no default and no value was given: pass it in vars or add a default`,
		},
		{
			name: "variable value of the wrong type",
			files: map[string]string{"atlas.hcl": `variable "port" {
  type = number
}
env "prod" {
  url = "sqlite://${var.port}.db"
}`},
			env:  "prod",
			vars: map[string]string{"port": "abc"},
			want: `config: atlas.hcl:1,1: value of variable "port": "abc" is not a number`,
		},
		{
			name: "list variable needs JSON",
			files: map[string]string{"atlas.hcl": `variable "schemas" {
  type = list(string)
}
env "prod" {
  url     = "sqlite://p.db"
  schemas = var.schemas
}`},
			env:  "prod",
			vars: map[string]string{"schemas": "a,b"},
			want: `config: atlas.hcl:1,1: value of variable "schemas": a list(string) is passed as JSON, such as ["a","b"]: …`,
		},
		{
			name: "malformed HCL reports line and column",
			files: map[string]string{"atlas.hcl": `env "prod" {
  url = "sqlite://p.db"
  schemas = [
}
`},
			env:  "prod",
			want: `config: atlas.hcl:4,1: …`,
		},
		{
			name: "undeclared variable referenced",
			files: map[string]string{"atlas.hcl": `env "prod" {
  url = "sqlite://${var.nope}.db"
}`},
			env:  "prod",
			want: `config: atlas.hcl:2,21: variable "nope" is not declared (declared: none)`,
		},
		{
			name: "undefined local referenced",
			files: map[string]string{"atlas.hcl": `env "prod" {
  url = local.nope
}`},
			env:  "prod",
			want: `config: atlas.hcl:2,9: local "nope" is not defined`,
		},
		{
			name: "unknown function",
			files: map[string]string{"atlas.hcl": `env "prod" {
  url = nosuch("x")
}`},
			env:  "prod",
			want: `config: atlas.hcl:2,9: call to unknown function: …`,
		},
		{
			name: "locals cycle",
			files: map[string]string{"atlas.hcl": `locals {
  a = "${local.b}x"
  b = "${local.a}y"
}
env "prod" {
  url = local.a
}`},
			env:  "prod",
			want: `config: atlas.hcl:3,10: local.a refers to itself: local.a -> local.b -> local.a`,
		},
		{
			name: "unsupported data source referenced",
			files: map[string]string{"atlas.hcl": `data "runtimevar" "pass" {
  url = "awssecretsmanager://db-pass"
}
env "prod" {
  url = "postgres://app:${data.runtimevar.pass}@db/app"
}`},
			env:  "prod",
			want: `config: atlas.hcl:1,1: data source "runtimevar" is not supported by schemawatch (supported: aws_rds_token)`,
		},
		{
			name: "undefined data source",
			files: map[string]string{"atlas.hcl": `env "prod" {
  url = data.aws_rds_token.nope
}`},
			env:  "prod",
			want: `config: atlas.hcl:2,9: data.aws_rds_token.nope is not defined`,
		},
		{
			name: "aws_rds_token without username",
			files: map[string]string{"atlas.hcl": `data "aws_rds_token" "t" {
  endpoint = "db:5432"
}
env "prod" {
  url = "postgres://app:${data.aws_rds_token.t}@db/app"
}`},
			env:  "prod",
			want: `config: atlas.hcl:1,26: missing required argument: the argument "username" is required, but no definition was found`,
		},
		{
			name: "aws_rds_token endpoint without port",
			files: map[string]string{"atlas.hcl": `data "aws_rds_token" "t" {
  endpoint = "db"
  username = "u"
}
env "prod" {
  url = "postgres://app:${data.aws_rds_token.t}@db/app"
}`},
			env:  "prod",
			want: `config: atlas.hcl:2,14: data.aws_rds_token.t: endpoint "db" needs a port, as in host:5432`,
		},
		{
			name: "env without url",
			files: map[string]string{"atlas.hcl": `
env "prod" {
  schemas = ["a"]
}`},
			env:  "prod",
			want: `config: atlas.hcl:2,1: env "prod" has no url`,
		},
		{
			name: "env defined twice",
			files: map[string]string{"atlas.hcl": `env "prod" {
  url = "sqlite://a.db"
}
env "prod" {
  url = "sqlite://b.db"
}`},
			env:  "prod",
			want: `config: atlas.hcl:4,1: env "prod" is defined 2 times; keep one`,
		},
		{
			name: "env for_each",
			files: map[string]string{"atlas.hcl": `env "prod" {
  for_each = toset(["a", "b"])
  url      = "sqlite://${each.value}.db"
}`},
			env:  "prod",
			want: `config: atlas.hcl:2,3: env "prod" uses for_each, which schemawatch does not support: write one env block per database`,
		},
		{
			name: "unlabeled env without name",
			files: map[string]string{"atlas.hcl": `env {
  url = "sqlite://a.db"
}`},
			env:  "prod",
			want: `config: atlas.hcl:1,1: env block without a label needs a name attribute, as in name = atlas.env`,
		},
		{
			name:  "config URL must be file://",
			files: map[string]string{"atlas.hcl": ""},
			urls:  []string{"https://example.com/atlas.hcl"},
			env:   "prod",
			want:  `config: project file URL "https://example.com/atlas.hcl" must use the file:// scheme, as in file://atlas.hcl`,
		},
		{
			name:  "missing project file",
			files: map[string]string{},
			env:   "prod",
			want:  `config: project file "atlas.hcl" was not found …`,
		},
		{
			name: "attribute of the wrong type",
			files: map[string]string{"atlas.hcl": `env "prod" {
  url     = "sqlite://a.db"
  schemas = "public"
}`},
			env:  "prod",
			want: `config: atlas.hcl:3,14: unsuitable value type: …`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, tt.files)
			got, err := Load(t.Context(), LoadOptions{URLs: tt.urls, Dir: dir, Env: tt.env, Vars: tt.vars, RDSToken: noRDS(t)})
			if err == nil {
				t.Fatalf("Load = %+v, want error %q", got, tt.want)
			}
			msg := err.Error()
			if prefix, ok := strings.CutSuffix(tt.want, "…"); ok {
				if !strings.HasPrefix(msg, prefix) {
					t.Errorf("Load error:\n got %q\nwant prefix %q", msg, prefix)
				}
			} else if msg != tt.want {
				t.Errorf("Load error:\n got %q\nwant %q", msg, tt.want)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("Load error spans several lines: %q", msg)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
		})
	}
}

// BenchmarkLoad measures reading and evaluating a typical project file.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	src := `
variable "password" {
  type    = string
  default = getenv("PGPASSWORD")
}
locals {
  host = "db.internal:5432"
}
env "dev" {
  url = "sqlite://dev.db"
}
env "prod" {
  url     = "postgres://monitor:${urlescape(var.password)}@${local.host}/app?sslmode=require"
  schemas = ["public", "billing"]
  exclude = ["*.tmp_*"]
  migration {
    dir = "file://migrations"
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "atlas.hcl"), []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	opts := LoadOptions{Dir: dir, Env: "prod", Getenv: mapGetenv(map[string]string{"PGPASSWORD": "pw"})}
	for b.Loop() {
		if _, err := Load(b.Context(), opts); err != nil {
			b.Fatal(err)
		}
	}
}

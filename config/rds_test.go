package config

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// staticAWS is an AWSConfigLoader with fixed test credentials and no network.
// It records what it was asked for.
type staticAWS struct {
	defaultRegion   string
	region, profile string
}

func (s *staticAWS) load(_ context.Context, region, profile string) (aws.Config, error) {
	s.region, s.profile = region, profile
	return aws.Config{
		Region:      s.defaultRegion,
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token"),
	}, nil
}

func TestRDSTokenBuilder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		req           RDSTokenRequest
		defaultRegion string
		wantRegion    string
	}{
		{
			name:       "region from the block",
			req:        RDSTokenRequest{Endpoint: "db.abc.eu-west-1.rds.amazonaws.com:5432", Username: "monitor", Region: "eu-west-1", Profile: "ci"},
			wantRegion: "eu-west-1",
		},
		{
			name:          "region from the SDK configuration",
			req:           RDSTokenRequest{Endpoint: "db.abc.us-east-2.rds.amazonaws.com:3306", Username: "iam_user"},
			defaultRegion: "us-east-2",
			wantRegion:    "us-east-2",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			aws := &staticAWS{defaultRegion: tt.defaultRegion}
			before := time.Now().UTC().Format("20060102")
			token, err := NewRDSTokenBuilder(aws.load)(t.Context(), tt.req)
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			after := time.Now().UTC().Format("20060102")
			if aws.region != tt.req.Region || aws.profile != tt.req.Profile {
				t.Errorf("loader got region %q profile %q, want %q %q", aws.region, aws.profile, tt.req.Region, tt.req.Profile)
			}
			// RDS expects host:port/?Action=connect&DBUser=...&X-Amz-...
			host, rest, ok := strings.Cut(token, "/?")
			if !ok || host != tt.req.Endpoint {
				t.Fatalf("token does not start with %s/?: %q", tt.req.Endpoint, token)
			}
			q, err := url.ParseQuery(rest)
			if err != nil {
				t.Fatalf("token query: %v", err)
			}
			want := map[string]string{
				"Action":               "connect",
				"DBUser":               tt.req.Username,
				"X-Amz-Algorithm":      "AWS4-HMAC-SHA256",
				"X-Amz-Expires":        "900",
				"X-Amz-SignedHeaders":  "host",
				"X-Amz-Security-Token": "session-token",
			}
			for k, v := range want {
				if got := q.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			cred := strings.Split(q.Get("X-Amz-Credential"), "/")
			if len(cred) != 5 || cred[0] != "AKIDEXAMPLE" || (cred[1] != before && cred[1] != after) ||
				cred[2] != tt.wantRegion || cred[3] != "rds-db" || cred[4] != "aws4_request" {
				t.Errorf("X-Amz-Credential = %q, want AKIDEXAMPLE/<date>/%s/rds-db/aws4_request", q.Get("X-Amz-Credential"), tt.wantRegion)
			}
			if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(q.Get("X-Amz-Signature")) {
				t.Errorf("X-Amz-Signature = %q, want 64 hex digits", q.Get("X-Amz-Signature"))
			}
			if !regexp.MustCompile(`^\d{8}T\d{6}Z$`).MatchString(q.Get("X-Amz-Date")) {
				t.Errorf("X-Amz-Date = %q", q.Get("X-Amz-Date"))
			}
		})
	}
}

func TestRDSTokenBuilderErrors(t *testing.T) {
	t.Parallel()
	failing := func(context.Context, string, string) (aws.Config, error) {
		return aws.Config{}, errors.New("no profile named ci")
	}
	tests := []struct {
		name string
		load AWSConfigLoader
		req  RDSTokenRequest
		want string
	}{
		{
			name: "no region anywhere",
			load: (&staticAWS{}).load,
			req:  RDSTokenRequest{Endpoint: "db:5432", Username: "u"},
			want: "no AWS region: set region in the block or AWS_REGION in the environment",
		},
		{
			name: "configuration fails",
			load: failing,
			req:  RDSTokenRequest{Endpoint: "db:5432", Username: "u", Region: "eu-west-1", Profile: "ci"},
			want: "loading AWS configuration: no profile named ci",
		},
		{
			name: "no credentials",
			load: func(context.Context, string, string) (aws.Config, error) { return aws.Config{Region: "eu-west-1"}, nil },
			req:  RDSTokenRequest{Endpoint: "db:5432", Username: "u"},
			want: "no AWS credentials found",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewRDSTokenBuilder(tt.load)(t.Context(), tt.req)
			if err == nil || err.Error() != tt.want {
				t.Errorf("build error = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestLoadRDSToken runs the real builder from atlas.hcl with static
// credentials: the token lands in the URL and in Secrets.
func TestLoadRDSToken(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{"atlas.hcl": `
locals {
  host = "db.abc.eu-west-1.rds.amazonaws.com:5432"
}
variable "user" {
  type    = string
  default = "monitor"
}
data "aws_rds_token" "ro" {
  endpoint = local.host
  username = var.user
  region   = "eu-west-1"
  profile  = "ci"
}
locals {
  token = data.aws_rds_token.ro
}
env "prod" {
  url     = "postgres://${var.user}:${urlescape(local.token)}@${local.host}/app?sslmode=require"
  schemas = [strlen(data.aws_rds_token.ro) > 0 ? "public" : "none"]
}`})
	aws := &staticAWS{}
	var calls atomic.Int32
	build := NewRDSTokenBuilder(aws.load)
	env, err := Load(t.Context(), LoadOptions{Dir: dir, Env: "prod", RDSToken: func(ctx context.Context, req RDSTokenRequest) (string, error) {
		calls.Add(1)
		return build(ctx, req)
	}})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("token built %d times, want once however often it is referenced", n)
	}
	if aws.region != "eu-west-1" || aws.profile != "ci" {
		t.Errorf("AWS config loaded for region %q profile %q, want eu-west-1 ci", aws.region, aws.profile)
	}
	u, err := url.Parse(env.URL)
	if err != nil {
		t.Fatalf("env URL does not parse: %v", err)
	}
	token, _ := u.User.Password()
	if !strings.HasPrefix(token, "db.abc.eu-west-1.rds.amazonaws.com:5432/?Action=connect&DBUser=monitor&") {
		t.Errorf("URL password is not an RDS token for monitor: %q", token)
	}
	for _, s := range []string{token, url.QueryEscape(token)} {
		if !slices.Contains(env.Secrets, s) {
			t.Errorf("Secrets lacks %q", s)
		}
	}
	if !reflect.DeepEqual(env.Schemas, []string{"public"}) {
		t.Errorf("Schemas = %q", env.Schemas)
	}
}

func TestLoadRDSTokenTLS(t *testing.T) {
	t.Parallel()
	// A token with the characters real tokens carry (/, +, =, &, %).
	const token = "db:5432/?Action=connect&DBUser=u&X-Amz-Credential=AKID%2F2026%2Fx&X-Amz-Signature=ab+c/="
	tests := []struct {
		name string
		url  string // an expression; ${local.tok} is the escaped token (local.tok)
		want string // "" when the env must load
	}{
		{name: "postgres sslmode=require", url: "postgres://u:${local.tok}@db:5432/app?sslmode=require"},
		{name: "postgres sslmode=verify-ca", url: "postgres://u:${local.tok}@db:5432/app?sslmode=verify-ca"},
		{name: "postgres sslmode=verify-full", url: "postgresql://u:${local.tok}@db:5432/app?search_path=public&sslmode=verify-full"},
		{name: "postgres without sslmode defaults to require", url: "postgres://u:${local.tok}@db:5432/app"},
		{
			name: "postgres sslmode=disable",
			url:  "postgres://u:${local.tok}@db:5432/app?sslmode=disable",
			want: `config: atlas.hcl:7,3: env "prod": url carries an RDS token but has sslmode=disable, which may send it without TLS: use sslmode=require (or verify-ca, verify-full)`,
		},
		{
			name: "postgres sslmode=prefer",
			url:  "postgres://u:${local.tok}@db:5432/app?sslmode=prefer",
			want: `config: atlas.hcl:7,3: env "prod": url carries an RDS token but has sslmode=prefer, which may send it without TLS: use sslmode=require (or verify-ca, verify-full)`,
		},
		{name: "mysql tls=true", url: "mysql://u:${local.tok}@db:3306/shop?tls=true&allowCleartextPasswords=1"},
		{name: "mysql tls=skip-verify", url: "mysql://u:${local.tok}@db:3306/shop?allowCleartextPasswords=true&tls=skip-verify"},
		{name: "mysql tls=preferred", url: "mysql://u:${local.tok}@db:3306/?tls=preferred&allowCleartextPasswords=1"},
		{name: "mariadb registered tls name", url: "mariadb://u:${local.tok}@db:3306/shop?tls=rds&allowCleartextPasswords=1"},
		{
			name: "mysql without tls nor cleartext",
			url:  "mysql://u:${local.tok}@db:3306/shop",
			want: `config: atlas.hcl:7,3: env "prod": url carries an RDS token, which needs TLS: add tls=true (or skip-verify, preferred, or a registered TLS config name) and allowCleartextPasswords=1 (RDS checks the token through the cleartext plugin) to the URL query`,
		},
		{
			name: "mysql tls=false",
			url:  "mysql://u:${local.tok}@db:3306/shop?tls=false&allowCleartextPasswords=1",
			want: `config: atlas.hcl:7,3: env "prod": url carries an RDS token, which needs TLS: add tls=true (or skip-verify, preferred, or a registered TLS config name) to the URL query`,
		},
		{
			name: "maria without cleartext",
			url:  "maria://u:${local.tok}@db:3306/shop?tls=true",
			want: `config: atlas.hcl:7,3: env "prod": url carries an RDS token, which needs TLS: add allowCleartextPasswords=1 (RDS checks the token through the cleartext plugin) to the URL query`,
		},
		{
			name: "sqlite cannot use a token",
			url:  "sqlite://${local.tok}.db",
			want: `config: atlas.hcl:7,3: env "prod": url carries an RDS token but uses scheme "sqlite": RDS IAM tokens work with postgres and mysql URLs only`,
		},
		{
			name: "token alone",
			url:  "${local.tok}",
			want: `config: atlas.hcl:7,3: env "prod": url carries an RDS token but is not a URL of the form postgres://user:token@host:port/db`,
		},
		{
			name: "token as scheme",
			url:  "${local.tok}://db",
			want: `config: atlas.hcl:7,3: env "prod": url carries an RDS token but is not a URL of the form postgres://user:token@host:port/db`,
		},
		{name: "token used elsewhere, not in url", url: "postgres://u@db:5432/app?sslmode=disable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, map[string]string{"atlas.hcl": `data "aws_rds_token" "t" {
  endpoint = "db:5432"
  username = "u"
}
locals { tok = urlescape(data.aws_rds_token.t) }
env "prod" {
  url     = "` + tt.url + `"
  exclude = [strlen(local.tok) > 0 ? "x" : "y"]
}`})
			env, err := Load(t.Context(), LoadOptions{Dir: dir, Env: "prod", RDSToken: func(context.Context, RDSTokenRequest) (string, error) {
				return token, nil
			}})
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Load: %v", err)
			case tt.want != "" && err == nil:
				t.Fatalf("Load = %+v, want error %q", env, tt.want)
			case err != nil:
				if err.Error() != tt.want {
					t.Errorf("Load error:\n got %q\nwant %q", err, tt.want)
				}
				if strings.Contains(err.Error(), "Signature") || strings.Contains(err.Error(), "AKID") {
					t.Errorf("error leaks the token: %q", err)
				}
			default:
				if !slices.Contains(env.Secrets, token) || !slices.Contains(env.Secrets, url.QueryEscape(token)) {
					t.Errorf("Secrets = %q, want the token raw and escaped", env.Secrets)
				}
			}
		})
	}
}

// TestLoadRDSTokenError checks that a failing builder is reported with the
// block's position and that nothing else is attempted.
func TestLoadRDSTokenError(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{"atlas.hcl": `data "aws_rds_token" "t" {
  endpoint = "db:5432"
  username = "u"
}
env "prod" {
  url = "postgres://u:${urlescape(data.aws_rds_token.t)}@db:5432/app?sslmode=require"
}`})
	_, err := Load(t.Context(), LoadOptions{Dir: dir, Env: "prod", RDSToken: NewRDSTokenBuilder((&staticAWS{}).load)})
	want := `config: atlas.hcl:1,1: data.aws_rds_token.t: no AWS region: set region in the block or AWS_REGION in the environment`
	if err == nil || err.Error() != want {
		t.Errorf("Load error = %v, want %q", err, want)
	}
}

// TestRDSTokenSignature re-signs the token's request with the path "/" the
// way RDS verifies it: the "/" added after host:port must not change what
// was signed.
func TestRDSTokenSignature(t *testing.T) {
	t.Parallel()
	static := &staticAWS{}
	req := RDSTokenRequest{Endpoint: "db.example:5432", Username: "monitor", Region: "eu-central-1"}
	token, err := NewRDSTokenBuilder(static.load)(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse("https://" + token)
	if err != nil {
		t.Fatal(err)
	}
	at, err := time.Parse("20060102T150405Z", u.Query().Get("X-Amz-Date"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := http.NewRequest(http.MethodGet, "https://db.example:5432/?Action=connect&DBUser=monitor&X-Amz-Expires=900", nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := static.load(t.Context(), "", "")
	creds, err := cfg.Credentials.Retrieve(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	signed, _, err := v4.NewSigner().PresignHTTP(t.Context(), creds, r, emptySHA256, "rds-db", "eu-central-1", at)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := url.Parse(signed)
	if got, want := u.Query().Get("X-Amz-Signature"), want.Query().Get("X-Amz-Signature"); got != want {
		t.Errorf("token signature %s, want %s (signed over path /)", got, want)
	}
}

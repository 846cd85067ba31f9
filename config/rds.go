package config

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/rds/auth"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// dataSource evaluates one data block.
type dataSource func(e *evaluator, b *hclsyntax.Block) (cty.Value, error)

// dataSources returns the data block kinds schemawatch can evaluate.
// Atlas's gcp_cloudsql_token, runtimevar, external, sql and the schema
// sources are refused when an env references them, and ignored otherwise.
// (A function, not a package map, because the sources call back into the
// evaluator that looks them up.)
func dataSources() map[string]dataSource {
	return map[string]dataSource{
		"aws_rds_token": rdsTokenSource,
	}
}

// RDSTokenRequest is what an aws_rds_token block asks for.
type RDSTokenRequest struct {
	Endpoint string // host:port of the database
	Username string // database user the token authenticates
	Region   string // AWS region; empty means the SDK's default
	Profile  string // shared config profile; empty means the default
}

// RDSTokenBuilder returns an IAM authentication token for an RDS database.
// The token is a password: it must never be logged.
type RDSTokenBuilder func(ctx context.Context, req RDSTokenRequest) (string, error)

// AWSConfigLoader loads the AWS SDK configuration for a region and a shared
// config profile, either of which may be empty.
type AWSConfigLoader func(ctx context.Context, region, profile string) (aws.Config, error)

// LoadAWSConfig is the AWSConfigLoader Atlas uses: the SDK's default
// configuration and credential chain (environment, shared files, SSO, web
// identity, container and instance roles), narrowed by region and profile.
// The SDK reads the process environment itself.
func LoadAWSConfig(ctx context.Context, region, profile string) (aws.Config, error) {
	var opts []func(*awsconfig.LoadOptions) error
	if region != "" {
		opts = append(opts, awsconfig.WithRegion(region))
	}
	if profile != "" {
		opts = append(opts, awsconfig.WithSharedConfigProfile(profile))
	}
	return awsconfig.LoadDefaultConfig(ctx, opts...)
}

// NewRDSTokenBuilder returns an RDSTokenBuilder that loads the AWS
// configuration with load and signs a token with the SDK's BuildAuthToken:
// a presigned "connect" request for service rds-db, valid for 15 minutes.
// See https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.Connecting.html
func NewRDSTokenBuilder(load AWSConfigLoader) RDSTokenBuilder {
	return func(ctx context.Context, req RDSTokenRequest) (string, error) {
		cfg, err := load(ctx, req.Region, req.Profile)
		if err != nil {
			return "", fmt.Errorf("loading AWS configuration: %w", err)
		}
		region := req.Region
		if region == "" {
			region = cfg.Region
		}
		if region == "" {
			return "", errors.New("no AWS region: set region in the block or AWS_REGION in the environment")
		}
		if cfg.Credentials == nil {
			return "", errors.New("no AWS credentials found")
		}
		token, err := auth.BuildAuthToken(ctx, req.Endpoint, region, req.Username, cfg.Credentials)
		if err != nil {
			return "", fmt.Errorf("building token: %w", err)
		}
		// The SDK omits the "/" before the query (aws/aws-sdk-go-v2#3365),
		// which some RDS front ends reject. SigV4 signs an empty path as "/",
		// so adding it gives the token the AWS CLI prints, same signature.
		if rest, ok := strings.CutPrefix(token, req.Endpoint+"?"); ok {
			token = req.Endpoint + "/?" + rest
		}
		return token, nil
	}
}

// rdsTokenBlock is the body of data "aws_rds_token" "name" {}.
type rdsTokenBlock struct {
	Endpoint string `hcl:"endpoint"`
	Username string `hcl:"username"`
	Region   string `hcl:"region,optional"`
	Profile  string `hcl:"profile,optional"`
}

func rdsTokenSource(e *evaluator, b *hclsyntax.Block) (cty.Value, error) {
	var args rdsTokenBlock
	if err := e.decode(b.Body, &args); err != nil {
		return cty.NilVal, err
	}
	name := "data.aws_rds_token." + b.Labels[1]
	if !strings.Contains(args.Endpoint, ":") {
		return cty.NilVal, errorAt(b.Body.Attributes["endpoint"].Expr.Range(), "%s: endpoint %q needs a port, as in host:5432", name, args.Endpoint)
	}
	token, err := e.rdsAuth(e.ctx, RDSTokenRequest{
		Endpoint: args.Endpoint,
		Username: args.Username,
		Region:   args.Region,
		Profile:  args.Profile,
	})
	if err != nil {
		return cty.NilVal, errorAt(b.DefRange(), "%s: %v", name, err)
	}
	e.tokens = append(e.tokens, token)
	return cty.StringVal(token), nil
}

// checkTLS refuses a database URL that would send an RDS token without TLS.
// RDS only accepts IAM tokens over SSL, and MySQL sends the token with the
// cleartext plugin, which go-sql-driver/mysql only enables when asked.
// PostgreSQL without sslmode is accepted: Atlas (and our inspector) default
// it to require.
func checkTLS(rawURL string, tokens []string) error {
	if !usesToken(rawURL, tokens) {
		return nil
	}
	// Never quote rawURL in an error: it holds the token.
	scheme, _, ok := strings.Cut(rawURL, "://")
	if scheme = strings.ToLower(scheme); !ok || !schemeSyntax.MatchString(scheme) {
		return errors.New("url carries an RDS token but is not a URL of the form postgres://user:token@host:port/db")
	}
	if !slices.Contains(tokenSchemes, scheme) {
		return fmt.Errorf("url carries an RDS token but uses scheme %q: RDS IAM tokens work with postgres and mysql URLs only", scheme)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return errors.New("url carries an RDS token but is not a valid URL: check that the token is wrapped in urlescape()")
	}
	q := u.Query()
	switch scheme {
	case "postgres", "postgresql":
		switch mode := q.Get("sslmode"); mode {
		case "", "require", "verify-ca", "verify-full":
			return nil
		default:
			return fmt.Errorf("url carries an RDS token but has sslmode=%s, which may send it without TLS: use sslmode=require (or verify-ca, verify-full)", mode)
		}
	default: // MySQL and MariaDB
		var missing []string
		if tls := q.Get("tls"); tls == "" || isFalse(tls) {
			missing = append(missing, "tls=true (or skip-verify, preferred, or a registered TLS config name)")
		}
		if !isTrue(q.Get("allowCleartextPasswords")) {
			missing = append(missing, "allowCleartextPasswords=1 (RDS checks the token through the cleartext plugin)")
		}
		if len(missing) > 0 {
			return fmt.Errorf("url carries an RDS token, which needs TLS: add %s to the URL query", strings.Join(missing, " and "))
		}
		return nil
	}
}

// schemeSyntax is RFC 3986's scheme production, lower-cased.
var schemeSyntax = regexp.MustCompile(`^[a-z][a-z0-9+.-]*$`)

// tokenSchemes are the URL schemes an RDS token may be used with.
var tokenSchemes = []string{"postgres", "postgresql", "mysql", "mysql+unix", "mariadb", "maria", "mariadb+unix", "maria+unix"}

// usesToken reports whether any token appears in the URL, escaped or not.
func usesToken(rawURL string, tokens []string) bool {
	for _, t := range tokens {
		if slices.ContainsFunc([]string{t, url.QueryEscape(t), url.PathEscape(t)}, func(s string) bool {
			return strings.Contains(rawURL, s)
		}) {
			return true
		}
	}
	if u, err := url.Parse(rawURL); err == nil && u.User != nil {
		pass, _ := u.User.Password()
		return pass != "" && slices.Contains(tokens, pass)
	}
	return false
}

// isTrue and isFalse follow go-sql-driver/mysql's readBool.
func isTrue(s string) bool  { return s == "1" || s == "true" || s == "TRUE" || s == "True" }
func isFalse(s string) bool { return s == "0" || s == "false" || s == "FALSE" || s == "False" }

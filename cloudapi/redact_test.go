package cloudapi_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/cloudapi"
)

func TestRedactURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
		// asAtlas: no secret parameter, so the result must equal Atlas's
		// RedactedURL (net/url Redacted) and keep the scope's identity.
		asAtlas bool
	}{
		{"compat example", "mysql://app:s3cret@db/shop?tls=true", "mysql://app:xxxxx@db/shop?tls=true", true},
		{"no password", "postgres://monitor@db:5432/app?sslmode=disable", "postgres://monitor@db:5432/app?sslmode=disable", true},
		{"empty password", "mysql://root:@localhost:3306/", "mysql://root:xxxxx@localhost:3306/", true},
		{"encoded password", "postgres://u:p%40ss%2Fw@db/app", "postgres://u:xxxxx@db/app", true},
		{"order and encoding kept", "postgres://db/app?sslmode=disable&application_name=a%20b&search_path=public",
			"postgres://db/app?sslmode=disable&application_name=a%20b&search_path=public", true},
		{"socket", "mysql+unix://user:pass@/run/mysqld.sock?database=shop", "mysql+unix://user:xxxxx@/run/mysqld.sock?database=shop", true},
		{"sqlite", "sqlite://data/app.db?_fk=1", "sqlite://data/app.db?_fk=1", true},
		{"key files stay", "postgres://db/app?sslkey=/k/client.key&sslcert=/k/client.crt", "postgres://db/app?sslkey=/k/client.key&sslcert=/k/client.crt", true},
		{"password parameter", "postgres://u:p@db/app?password=s3cret&sslmode=require", "postgres://u:xxxxx@db/app?sslmode=require", false},
		{"only secrets", "postgres://db/app?password=s3cret", "postgres://db/app", false},
		{"case and spelling", "postgres://db/app?PassWord=a&pwd=b&pass=c&passwd=d&x=1", "postgres://db/app?x=1", false},
		{"encoded name", "postgres://db/app?pass%77ord=s3cret&x=1", "postgres://db/app?x=1", false},
		{"sslpassword", "postgres://db/app?sslkey=/k/c.key&sslpassword=s3cret", "postgres://db/app?sslkey=/k/c.key", false},
		{"libsql token", "libsql://db-org.turso.io?authToken=eyJs3cret", "libsql://db-org.turso.io", false},
		{"tokens and keys", "mysql://db/shop?token=1&access_token=2&secret=3&key=4&api_key=5&apikey=6&client_secret=7&auth_token=8&tls=true",
			"mysql://db/shop?tls=true", false},
		{"presigned", "mysql://db/shop?X-Amz-Algorithm=A&X-Amz-Credential=c&X-Amz-Security-Token=s3cret&X-Amz-Signature=s&X-Goog-Signature=g&sig=z&tls=true",
			"mysql://db/shop?tls=true", false},
		{"value without name kept", "postgres://db/app?=x&sslmode=disable", "postgres://db/app?=x&sslmode=disable", true},
		{"fragment kept", "postgres://u:p@db/app#x", "postgres://u:xxxxx@db/app#x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := cloudapi.RedactURL(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("RedactURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if strings.Contains(got, "s3cret") {
				t.Errorf("RedactURL(%q) = %q keeps the secret", tt.in, got)
			}
			u, err := url.Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if atlas := u.Redacted(); (atlas == got) != tt.asAtlas {
				t.Errorf("Atlas would send %q, we send %q; same identity = %v, want %v", atlas, got, atlas == got, tt.asAtlas)
			}
		})
	}
}

// TestRedactURLError: a URL that does not parse is refused without quoting it.
func TestRedactURLError(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"postgres://u:p@ss:w0rd@db:5432x/app",
		"mysql://u:s3cret%zz@db/shop",
		"postgres://u:s3cret@db/app\x7f",
	} {
		_, err := cloudapi.RedactURL(in)
		if err == nil {
			t.Errorf("RedactURL(%q) gave no error", in)
			continue
		}
		for _, secret := range []string{"s3cret", "w0rd", "p@ss"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("RedactURL(%q) error %q quotes the secret", in, err)
			}
		}
	}
}

func TestNormalizeEndpoint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{in: "", want: cloudapi.DefaultEndpoint},
		{in: "https://api.atlasgo.cloud/query", want: "https://api.atlasgo.cloud/query"},
		{in: "https://monitor.example.com", want: "https://monitor.example.com/query"},
		{in: "https://monitor.example.com/", want: "https://monitor.example.com/query"},
		{in: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080/query"},
		{in: "https://example.com/schemawatch/query", want: "https://example.com/schemawatch/query"},
		{in: "https://example.com/api/", want: "https://example.com/api/"},
		{in: "https://example.com?tenant=a", want: "https://example.com/query?tenant=a"},
		{in: "ftp://example.com", wantErr: true},
		{in: "example.com/query", wantErr: true},
		{in: "https://", wantErr: true},
		{in: "://x", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := cloudapi.NormalizeEndpoint(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("NormalizeEndpoint(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, endpoint, token, wantEndpoint, wantErr string
	}{
		{name: "default", token: token, wantEndpoint: cloudapi.DefaultEndpoint},
		{name: "userinfo hidden", endpoint: "https://u:pw@sw.example.com", token: token, wantEndpoint: "https://u:xxxxx@sw.example.com/query"},
		{name: "no token", endpoint: "https://sw.example.com", wantErr: "cloudapi: no cloud token given"},
		{name: "bad endpoint", endpoint: "sw.example.com", token: token,
			wantErr: "cloudapi: the API endpoint must be an absolute http or https URL, such as https://api.atlasgo.cloud/query"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := cloudapi.New(tt.endpoint, tt.token)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("got %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Endpoint(); got != tt.wantEndpoint {
				t.Errorf("Endpoint() = %q, want %q", got, tt.wantEndpoint)
			}
		})
	}
}

func TestHashMatches(t *testing.T) {
	t.Parallel()
	const text = "schema \"main\" {\n}\n"
	legacy := cloudapi.LegacyHash(text)
	tests := []struct {
		name, stored, ours, hcl string
		want                    bool
	}{
		{"same hash", "sw1:abc", "sw1:abc", text, true},
		{"different hash", "sw1:abc", "sw1:def", text, false},
		{"legacy over the same HCL", legacy, "sw1:abc", text, true},
		{"legacy over other HCL", legacy, "sw1:abc", text + " ", false},
		{"nothing stored", "", "sw1:abc", text, false},
		{"nothing stored, no hash of ours", "", "", text, false},
		{"legacy digest without its prefix", strings.TrimPrefix(legacy, "h1:"), "sw1:abc", text, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := cloudapi.HashMatches(tt.stored, tt.ours, tt.hcl); got != tt.want {
				t.Errorf("HashMatches(%q, %q, …) = %v, want %v", tt.stored, tt.ours, got, tt.want)
			}
		})
	}
	// Pinned independently: printf 'schema "main" {\n}\n' | sha256sum, as base64.
	if want := "h1:sAr5qAhQh35fx4lMoRTZc15t876M2BhjojNcUTsctoI="; legacy != want {
		t.Errorf("LegacyHash = %q, want %q", legacy, want)
	}
}

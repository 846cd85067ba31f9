package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/fakecloud"
	"github.com/schemawatch/schemawatch/internal/testdb"
)

// TestBadInput runs the built binary as a Bitbucket pipe with one thing wrong
// at a time. Each failure must be one clear line naming the problem (the red
// ✖ line once the pipe runs; "schemawatch: ..." when the command line itself
// is wrong, before any CI adapter exists), a non-zero exit, no outputs line written, and neither the token nor
// the password anywhere in what was printed.
func TestBadInput(t *testing.T) {
	t.Parallel()
	db := testdb.Postgres(t)
	maria := testdb.MariaDB(t)
	_, mariaURL := maria.User(t, "mon", "r1ght-pa55", "GRANT SELECT, SHOW VIEW, TRIGGER ON *.* TO %s")
	mariaWrong := strings.Replace(mariaURL, "r1ght-pa55", "Wr0ng-pa55", 1)
	db.Exec(t, `CREATE TABLE users (id bigint PRIMARY KEY)`)
	const password = "Wr0ng-pa55"
	role, goodURL := db.Role(t, "mon", "r1ght-pa55")
	db.Exec(t, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO "+role)
	const token = "t0k3n-s3cret"

	atlasHCL := `
variable "host" {
  type    = string
  default = getenv("DB_HOST")
}
variable "pass" {
  type = string
}
env "prod" {
  url = "postgres://u:${var.pass}@${var.host}/db?sslmode=disable"
}
`
	tests := []struct {
		name    string
		env     map[string]string
		files   map[string]string
		api     []fakecloud.Failure
		want    string
		wantRun int // the exit status; 1 unless said
	}{
		{name: "missing token", env: map[string]string{"ATLAS_INPUT_CLOUD_TOKEN": "", "ATLAS_INPUT_URL": goodURL}, want: `input "cloud-token" is required (set ATLAS_INPUT_CLOUD_TOKEN)`, wantRun: 2},
		{name: "url and config", env: map[string]string{"ATLAS_INPUT_URL": goodURL, "ATLAS_INPUT_CONFIG": "file://atlas.hcl"}, want: `only one of the inputs "url" or "config"`, wantRun: 2},
		{name: "url and env", env: map[string]string{"ATLAS_INPUT_URL": goodURL, "ATLAS_INPUT_ENV": "prod"}, want: `only one of the inputs "url" or "env"`, wantRun: 2},
		{name: "no url nor config", env: map[string]string{}, want: `one of the inputs "url" or "config" with "env" is required`},
		{name: "config without env", env: map[string]string{"ATLAS_INPUT_CONFIG": "file://atlas.hcl"}, files: map[string]string{"atlas.hcl": atlasHCL}, want: `the input "env" is required with "config"`},
		{name: "unknown action", env: map[string]string{"ATLAS_ACTION": "monitor/schemas", "ATLAS_INPUT_URL": goodURL}, want: `unknown action "monitor/schemas" (known: monitor/schema)`, wantRun: 2},
		{name: "unknown env", env: map[string]string{"ATLAS_INPUT_ENV": "staging", "ATLAS_INPUT_VARS": `{"pass":"x"}`}, files: map[string]string{"atlas.hcl": atlasHCL}, want: `env "staging"`},
		{name: "unknown variable", env: map[string]string{"ATLAS_INPUT_ENV": "prod", "ATLAS_INPUT_VARS": `{"pass":"x","nope":"y"}`}, files: map[string]string{"atlas.hcl": atlasHCL}, want: `"nope"`},
		{name: "variable without value", env: map[string]string{"ATLAS_INPUT_ENV": "prod"}, files: map[string]string{"atlas.hcl": atlasHCL}, want: `"pass"`},
		{name: "vars not JSON", env: map[string]string{"ATLAS_INPUT_ENV": "prod", "ATLAS_INPUT_VARS": `pass=x`}, files: map[string]string{"atlas.hcl": atlasHCL}, want: `the input "vars" must be a JSON object`},
		{name: "malformed atlas.hcl", env: map[string]string{"ATLAS_INPUT_ENV": "prod"}, files: map[string]string{"atlas.hcl": "env \"prod\" {\n  url = \n}\n"}, want: `atlas.hcl:2,`},
		{name: "missing atlas.hcl", env: map[string]string{"ATLAS_INPUT_ENV": "prod"}, want: `atlas.hcl`},
		{name: "malformed url", env: map[string]string{"ATLAS_INPUT_URL": "127.0.0.1:5432/app"}, want: `malformed database URL`},
		{name: "unknown scheme", env: map[string]string{"ATLAS_INPUT_URL": "postgress://u:" + password + "@127.0.0.1/app"}, want: `unknown scheme "postgress"`},
		{name: "unreachable database", env: map[string]string{"ATLAS_INPUT_URL": "postgres://u:" + password + "@127.0.0.1:1/app?sslmode=disable"}, want: `127.0.0.1:1`},
		// PostgreSQL here trusts loopback connections, so MariaDB shows a refused password.
		{name: "wrong password", env: map[string]string{"ATLAS_INPUT_URL": mariaWrong}, want: `access denied for user`},
		{name: "missing database", env: map[string]string{"ATLAS_INPUT_URL": strings.Replace(goodURL, "/"+db.Name, "/"+db.Name+"_gone", 1)}, want: `does not exist`},
		{name: "unknown schema", env: map[string]string{"ATLAS_INPUT_URL": goodURL, "ATLAS_INPUT_SCHEMAS": "public\nnope"}, want: `nope`},
		{name: "invalid glob", env: map[string]string{"ATLAS_INPUT_URL": goodURL, "ATLAS_INPUT_EXCLUDE": "public.["}, want: `invalid glob "public.["`},
		{name: "bad cloud url", env: map[string]string{"ATLAS_INPUT_URL": goodURL, "ATLAS_INPUT_CLOUD_URL": "ftp://example.com"}, want: `the API endpoint must be an absolute http or https URL`},
		{name: "API 401", env: map[string]string{"ATLAS_INPUT_URL": goodURL, "ATLAS_INPUT_CLOUD_TOKEN": token + "-revoked"}, want: `the cloud token was refused`},
		{name: "API 500 after retries", env: map[string]string{"ATLAS_INPUT_URL": goodURL, "SCHEMAWATCH_CLOUD_RETRIES": "2"},
			api: []fakecloud.Failure{{Status: 500}, {Status: 502}, {Status: 503}}, want: `giving up after 3 attempts: 503`},
		{name: "API timeout", env: map[string]string{"ATLAS_INPUT_URL": goodURL, "SCHEMAWATCH_CLOUD_RETRIES": "0", "SCHEMAWATCH_CLOUD_TIMEOUT": "300ms"},
			api: []fakecloud.Failure{{Status: 200, Delay: 5 * time.Second}}, want: `timed out`},
		{name: "malformed API reply", env: map[string]string{"ATLAS_INPUT_URL": goodURL}, api: []fakecloud.Failure{{Status: 200, Body: "<html>oops</html>"}}, want: `snapshotHash`},
		{name: "GraphQL error", env: map[string]string{"ATLAS_INPUT_URL": goodURL}, api: []fakecloud.Failure{{Status: 200, Body: `{"errors":[{"message":"scope is locked","path":["snapshotHash"]}]}`}},
			want: `snapshotHash: scope is locked (path snapshotHash)`},
		{name: "bad tuning variable", env: map[string]string{"ATLAS_INPUT_URL": goodURL, "SCHEMAWATCH_CLOUD_TIMEOUT": "soon"}, want: `SCHEMAWATCH_CLOUD_TIMEOUT="soon"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			api := fakecloud.New(token)
			defer api.Close()
			api.Fail(tt.api...)
			work := t.TempDir()
			for name, body := range tt.files {
				if err := os.WriteFile(filepath.Join(work, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			env := map[string]string{
				"PATH":                    os.Getenv("PATH"),
				"BITBUCKET_PIPELINE_UUID": "{p1}",
				"BITBUCKET_BUILD_NUMBER":  "7",
				"BITBUCKET_CLONE_DIR":     work,
				"ATLAS_ACTION":            "monitor/schema",
				"ATLAS_INPUT_CLOUD_TOKEN": token,
				"ATLAS_INPUT_CLOUD_URL":   api.URL,
			}
			for k, v := range tt.env {
				env[k] = v
			}
			cmd := exec.Command(filepath.Join(binDir, "schemawatch"))
			cmd.Dir = work
			for k, v := range env {
				if v != "" {
					cmd.Env = append(cmd.Env, k+"="+v)
				}
			}
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			code := cmd.ProcessState.ExitCode()
			want := tt.wantRun
			if want == 0 {
				want = 1
			}
			if err == nil || code != want {
				t.Errorf("exit status %d, want %d\n%s", code, want, out.String())
			}
			var failures []string
			for _, l := range strings.Split(out.String(), "\n") {
				if strings.Contains(l, "✖") || strings.HasPrefix(l, "schemawatch") && !strings.HasPrefix(l, "schemawatch watches") {
					failures = append(failures, l)
				}
			}
			if len(failures) != 1 || !strings.Contains(failures[0], tt.want) {
				t.Errorf("want one failure line containing %q, got:\n%s", tt.want, out.String())
			}
			for _, secret := range []string{token, password, "r1ght-pa55"} {
				if strings.Contains(out.String(), secret) {
					t.Errorf("output shows a secret %q:\n%s", secret, out.String())
				}
				for _, r := range api.Requests() {
					if strings.Contains(string(r.Body), secret) {
						t.Errorf("request body holds a secret %q: %s", secret, r.Body)
					}
				}
			}
			if _, err := os.Stat(filepath.Join(work, ".atlas-action", "outputs.sh")); !os.IsNotExist(err) {
				t.Errorf("outputs.sh was written (stat: %v)", err)
			}
		})
	}
}

// TestWrongPasswordPostgres sees a refused password on a private cluster that
// checks passwords (the shared server trusts loopback): one line naming the
// problem, exit 1, and the password nowhere; the right password works.
func TestWrongPasswordPostgres(t *testing.T) {
	t.Parallel()
	host := testdb.PrivatePostgres(t, "r1ght-Pa55")
	inspect := func(pass string) (string, int) {
		cmd := exec.Command(filepath.Join(binDir, "schemawatch"), "inspect", "--format", "hash",
			"--url", "postgres://postgres:"+pass+"@"+host+"/postgres?sslmode=disable")
		out, _ := cmd.CombinedOutput()
		return string(out), cmd.ProcessState.ExitCode()
	}
	out, code := inspect("Wr0ng-Pa55")
	if code != 1 || strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.Contains(out, `password authentication failed for user "postgres"`) {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	if strings.Contains(out, "Wr0ng-Pa55") {
		t.Errorf("the password shows in the error: %s", out)
	}
	if out, code := inspect("r1ght-Pa55"); code != 0 || !strings.HasPrefix(out, "sw1:") {
		t.Errorf("with the right password: exit %d\n%s", code, out)
	}
}

package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/schemawatch/schemawatch/internal/fakecloud"
	"github.com/schemawatch/schemawatch/internal/testdb"
)

// binDir holds the schemawatch binary the scripts run, built once by TestMain
// exactly as `make build` builds it (static, CGO_ENABLED=0).
var binDir string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "schemawatch-bin-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-X main.version=v0.0.0-test", "-o", filepath.Join(dir, "schemawatch"), ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building schemawatch: %v\n%s", err, out)
			return 1
		}
		binDir = dir
		return m.Run()
	}())
}

// TestScript runs testdata/script/*.txtar against the built binary, real
// databases and a fake of the cloud API that records every request.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("PATH", binDir+string(os.PathListSeparator)+env.Getenv("PATH"))
			env.Setenv("CI", "") // the scripts set each CI's variables themselves
			api := fakecloud.New("t0k3n-s3cret")
			env.Defer(api.Close)
			env.Values["api"] = api
			env.Setenv("CLOUD_URL", api.URL)
			env.Setenv("CLOUD_TOKEN", api.Token)
			return nil
		},
		Condition: condition,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"pgdb":     cmdPGDB,
			"mariadb":  cmdMariaDB,
			"fakeapi":  cmdFakeAPI,
			"freeport": cmdFreePort,
			"setout":   cmdSetOut,
			"httpget":  cmdHTTPGet,
			// Read outputs the way each CI does (cifile_test.go).
			"ghoutput": cmdGHOutput,
			"dotenv":   cmdDotenv,
		},
	})
}

func skipOrFail(ts *testscript.TestScript, err error) {
	ts.Fatalf("%v (scripts guard with [!pg] skip / [!mariadb] skip)", err)
}

// condition answers [pg] and [mariadb]: whether the server is reachable. A
// script skips without it on a laptop; under CI=true an unreachable server
// is an error instead, so CI never passes by skipping.
func condition(cond string) (bool, error) {
	var err error
	switch cond {
	case "pg":
		var drop func() error
		if _, drop, err = testdb.NewPostgres(context.Background()); err == nil {
			err = drop()
		}
	case "mariadb":
		var drop func() error
		if _, drop, err = testdb.NewMariaDB(context.Background()); err == nil {
			err = drop()
		}
	default:
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	if err != nil && os.Getenv("CI") == "true" {
		return false, err
	}
	return err == nil, nil
}

// pgdb VAR creates a throwaway PostgreSQL database and sets VAR to its URL
// (as the superuser), VAR_NAME to its name and VAR_HOST to host:port.
func cmdPGDB(ts *testscript.TestScript, neg bool, args []string) {
	throwaway(ts, neg, args, "pgdb", func() (name, url, host string, drop func() error, err error) {
		db, drop, err := testdb.NewPostgres(context.Background())
		if err != nil {
			return "", "", "", nil, err
		}
		return db.Name, db.URL, db.Host, drop, nil
	})
}

// mariadb VAR is pgdb for MariaDB; VAR is a mysql:// URL as root.
func cmdMariaDB(ts *testscript.TestScript, neg bool, args []string) {
	throwaway(ts, neg, args, "mariadb", func() (name, url, host string, drop func() error, err error) {
		db, drop, err := testdb.NewMariaDB(context.Background())
		if err != nil {
			return "", "", "", nil, err
		}
		return db.Name, db.URL, db.Host, drop, nil
	})
}

// throwaway creates a database with create, drops it when the script ends
// and sets the script's variables.
func throwaway(ts *testscript.TestScript, neg bool, args []string, cmd string, create func() (name, url, host string, drop func() error, err error)) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: %s VAR", cmd)
	}
	name, url, host, drop, err := create()
	if err != nil {
		skipOrFail(ts, err)
	}
	ts.Defer(func() {
		if err := drop(); err != nil {
			ts.Logf("%v", err)
		}
	})
	ts.Setenv(args[0], url)
	ts.Setenv(args[0]+"_NAME", name)
	ts.Setenv(args[0]+"_HOST", host)
}

// fakeapi dump           prints every recorded request, one JSON per line
// fakeapi count N        asserts N requests were received
// fakeapi versions N     asserts N snapshots were stored
// fakeapi fail STATUS [BODY] [DELAY]  forces the next reply
func cmdFakeAPI(ts *testscript.TestScript, neg bool, args []string) {
	api := ts.Value("api").(*fakecloud.Server)
	if len(args) == 0 {
		ts.Fatalf("usage: fakeapi dump|count N|versions N|fail STATUS [BODY] [DELAY]")
	}
	atoi := func(s string) int {
		n, err := strconv.Atoi(s)
		ts.Check(err)
		return n
	}
	switch args[0] {
	case "dump":
		ts.Stdout().Write([]byte(api.Dump()))
	case "count":
		if got, want := len(api.Requests()), atoi(args[1]); (got == want) == neg {
			ts.Fatalf("fakeapi: %d requests, want %d\n%s", got, want, api.Dump())
		}
	case "versions":
		if got, want := api.Versions(), atoi(args[1]); (got == want) == neg {
			ts.Fatalf("fakeapi: %d versions, want %d", got, want)
		}
	case "fail":
		f := fakecloud.Failure{Status: atoi(args[1])}
		if len(args) > 2 {
			f.Body = args[2]
		}
		if len(args) > 3 {
			d, err := time.ParseDuration(args[3])
			ts.Check(err)
			f.Delay = d
		}
		api.Fail(f)
	default:
		ts.Fatalf("fakeapi: unknown subcommand %q", args[0])
	}
}

// TestBinaryIsStatic checks what the Dockerfile relies on: the binary `make
// build` produces has no dynamic dependencies, so it runs in an image with
// nothing else, and it runs with an empty environment.
func TestBinaryIsStatic(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("ELF check")
	}
	bin := filepath.Join(binDir, "schemawatch")
	out, err := exec.Command("file", bin).CombinedOutput()
	if err == nil && !strings.Contains(string(out), "statically linked") {
		t.Errorf("binary is not statically linked: %s", out)
	}
	if ldd, err := exec.Command("ldd", bin).CombinedOutput(); err == nil || !strings.Contains(string(ldd), "not a dynamic executable") {
		t.Errorf("ldd sees dynamic dependencies: %s", ldd)
	}
	cmd := exec.Command(bin, "version")
	cmd.Env = []string{}
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("running with an empty environment: %v", err)
	}
	if want := "schemawatch v0.0.0-test\n"; string(got) != want {
		t.Errorf("version printed %q, want %q", got, want)
	}
}

// freeport VAR sets VAR to a TCP port on 127.0.0.1 that was free a moment ago.
func cmdFreePort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	ts.Setenv(args[0], strconv.Itoa(l.Addr().(*net.TCPAddr).Port))
	ts.Check(l.Close())
}

// setout VAR PROG ARGS... runs a program and sets VAR to its trimmed stdout
// (e.g. a token that is printed once).
func cmdSetOut(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: setout VAR PROG ARGS...")
	}
	prog := args[1]
	if !strings.Contains(prog, "/") {
		// Look the program up on the script's PATH, not the test process's.
		for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
			if _, err := os.Stat(filepath.Join(dir, prog)); err == nil {
				prog = filepath.Join(dir, prog)
				break
			}
		}
	}
	cmd := exec.Command(prog, args[2:]...)
	cmd.Dir = ts.Getenv("WORK")
	out, err := cmd.Output()
	if err != nil {
		ts.Fatalf("%s: %v", strings.Join(args[1:], " "), err)
	}
	ts.Setenv(args[0], strings.TrimSpace(string(out)))
}

// httpget URL prints the body of a GET to stdout, retrying for up to 20s
// while the server is not yet listening; a status other than 200 fails.
func cmdHTTPGet(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: httpget URL")
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(args[0])
		if err != nil {
			if time.Now().Before(deadline) {
				time.Sleep(100 * time.Millisecond)
				continue
			}
			ts.Fatalf("GET %s: %v", args[0], err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		ts.Check(err)
		if ok := resp.StatusCode == http.StatusOK; ok == neg {
			ts.Fatalf("GET %s: %s", args[0], resp.Status)
		}
		ts.Stdout().Write(body)
		return
	}
}

// Command demo runs schemawatch's whole flow on an embedded default, the way
// a team would run it: it creates a SQLite shop database, starts `schemawatch
// serve` on a free loopback port with a fresh data directory, runs the
// monitor/schema pipe with exactly the environment Bitbucket gives a pipe,
// changes the schema, runs the pipe again, and prints the link to the page
// that shows both versions and the change.
//
//	go run ./examples/demo [-bin bin/schemawatch] [-once]
//
// The server keeps running until Ctrl-C, unless -once is given.
package main

import (
	"bufio"
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	_ "modernc.org/sqlite"
)

var (
	//go:embed shop.sql
	shopSQL string
	//go:embed change.sql
	changeSQL string
)

func main() {
	bin := flag.String("bin", "bin/schemawatch", "the schemawatch binary to demonstrate")
	once := flag.Bool("once", false, "stop the server and exit after the second run")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *bin, *once, nil); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

// run runs the demo; done, when set, is called with the schema link while the
// server still runs.
func run(ctx context.Context, bin string, once bool, done func(link string) error) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("%s not found: run `make build` first (make demo does)", bin)
	}
	work, err := os.MkdirTemp("", "schemawatch-demo-")
	if err != nil {
		return err
	}
	data, clone, dbPath := filepath.Join(work, "data"), filepath.Join(work, "clone"), filepath.Join(work, "shop.db")
	if err := os.MkdirAll(clone, 0o755); err != nil {
		return err
	}
	step("a SQLite shop database", dbPath)
	if err := execSQL(dbPath, shopSQL); err != nil {
		return err
	}

	step("a token for the pipe", "schemawatch token create --data "+data+" --name demo")
	out, err := exec.CommandContext(ctx, bin, "token", "create", "--data", data, "--name", "demo").Output()
	if err != nil {
		return fmt.Errorf("token create: %w", err)
	}
	token := strings.TrimSpace(string(out))

	step("the monitoring server", "schemawatch serve --addr 127.0.0.1:0 --data "+data)
	srv := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", data)
	stdout, err := srv.StdoutPipe()
	if err != nil {
		return err
	}
	logFile, err := os.Create(filepath.Join(work, "server.log"))
	if err != nil {
		return err
	}
	defer logFile.Close()
	srv.Stderr = logFile
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() {
		_ = srv.Process.Signal(os.Interrupt)
		_ = srv.Wait()
	}()
	base, err := listening(stdout, logFile)
	if err != nil {
		return err
	}
	fmt.Println("  " + base)

	pipe := func() error {
		cmd := exec.CommandContext(ctx, bin)
		cmd.Dir = clone
		// Exactly what Bitbucket Pipelines gives a pipe, plus its variables.
		cmd.Env = []string{
			"PATH=" + os.Getenv("PATH"),
			"CI=true",
			"BITBUCKET_PIPELINE_UUID={5e0a8f1c-1d2b-4c3d-9e4f-0a1b2c3d4e5f}",
			"BITBUCKET_STEP_UUID={7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d}",
			"BITBUCKET_BUILD_NUMBER=1",
			"BITBUCKET_REPO_FULL_NAME=acme/shop",
			"BITBUCKET_CLONE_DIR=" + clone,
			"ATLAS_ACTION=monitor/schema",
			"ATLAS_INPUT_CLOUD_TOKEN=" + token,
			"ATLAS_INPUT_CLOUD_URL=" + base,
			"ATLAS_INPUT_URL=sqlite://" + dbPath,
			"ATLAS_INPUT_SLUG=shop",
		}
		cmd.Stdout, cmd.Stderr = indent{os.Stdout}, indent{os.Stderr}
		return cmd.Run()
	}
	step("monitor/schema, first run (as a Bitbucket pipe)", "ATLAS_ACTION=monitor/schema schemawatch")
	if err := pipe(); err != nil {
		return fmt.Errorf("first pipe run: %w", err)
	}
	step("a release changes the schema", "change.sql")
	if err := execSQL(dbPath, changeSQL); err != nil {
		return err
	}
	step("monitor/schema, second run", "ATLAS_ACTION=monitor/schema schemawatch")
	if err := pipe(); err != nil {
		return fmt.Errorf("second pipe run: %w", err)
	}

	// The next pipeline step reads the link the way users do: by sourcing it.
	link, err := exec.Command("bash", "-c", `. "$1/.atlas-action/outputs.sh" && printf %s "$ATLAS_OUTPUT_MONITOR_SCHEMA_URL"`, "bash", clone).Output()
	if err != nil {
		return fmt.Errorf("reading outputs.sh: %w", err)
	}
	step("done", "")
	fmt.Printf("  schema:    %s\n  changelog: %s/changes\n", link, link)
	if done != nil {
		if err := done(string(link)); err != nil {
			return err
		}
	}
	if once {
		return nil
	}
	fmt.Println("\nThe server keeps running; press Ctrl-C to stop it. Its data is in " + data)
	<-ctx.Done()
	return nil
}

// listening reads the server's first line, "listening on http://ADDR".
func listening(r io.Reader, rest io.Writer) (string, error) {
	lines := make(chan string, 1)
	sc := bufio.NewScanner(r)
	go func() {
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		_, _ = io.Copy(rest, r)
	}()
	select {
	case l, ok := <-lines:
		if base, found := strings.CutPrefix(l, "listening on "); ok && found {
			return base, nil
		}
		return "", fmt.Errorf("the server did not start (%q); see its log", l)
	case <-time.After(30 * time.Second):
		return "", errors.New("the server did not start within 30s")
	}
}

func execSQL(path, script string) error {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec(script); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return nil
}

func step(title, detail string) {
	fmt.Printf("\n\033[1m▶ %s\033[0m", title)
	if detail != "" {
		fmt.Printf("  \033[2m%s\033[0m", detail)
	}
	fmt.Println()
}

// indent prefixes each write with two spaces, to set the pipe's own output
// apart from the demo's narration.
type indent struct{ w io.Writer }

func (i indent) Write(p []byte) (int, error) {
	s := "  " + strings.ReplaceAll(strings.TrimSuffix(string(p), "\n"), "\n", "\n  ") + "\n"
	if _, err := io.WriteString(i.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}

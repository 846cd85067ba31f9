// Command schemawatch inspects a database schema, pushes canonical snapshots of
// it to a monitoring service from CI, and serves that service itself.
//
// This is the only package that touches os.Args, os.Getenv and os.Exit: every
// command receives them through cli, so tests run the same code in-process.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// version is stamped at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

// cli is the process as a command sees it.
type cli struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	environ        func() []string
	dir            string
	now            func() time.Time
}

// command is one sub-command.
type command struct {
	name, usage, summary string
	run                  func(ctx context.Context, c *cli, args []string) error
}

// commands lists every sub-command; a new one is a file with a function and a
// line here. (A function, not a variable: the commands refer back to it.)
func commands() []command {
	return []command{
		{"inspect", "inspect --url URL [--schema S]... [--include GLOB]... [--exclude GLOB]... [--format hcl|json|sql|hash]", "print a database's schema", cmdInspect},
		{"run", "run [--action ID] [--ci NAME] [--input name=value]... [--<input> value]...", "run a CI action (monitor/schema) on the detected CI or locally", cmdRun},
		{"serve", "serve [--addr HOST:PORT] [--data DIR | --store URL] [--base-url URL] [--ui-token T] [--webhook URL]... [--slack-webhook URL]...", "run the self-hosted monitoring server and web UI", cmdServe},
		{"token", "token create|list|revoke [--data DIR | --store URL] [--name NAME]", "manage the server's API tokens", cmdToken},
		{"version", "version", "print the version", cmdVersion},
	}
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	dir, _ := os.Getwd()
	c := &cli{
		stdout:  os.Stdout,
		stderr:  os.Stderr,
		getenv:  os.Getenv,
		environ: os.Environ,
		dir:     dir,
		now:     time.Now,
	}
	code := c.main(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// main runs one command line and returns the exit status: 0 on success, 1 when
// the work failed, 2 when the command line is wrong.
func (c *cli) main(ctx context.Context, args []string) int {
	if len(args) == 0 {
		// A CI pipe runs the image with no arguments and names the action in
		// ATLAS_ACTION.
		if c.getenv("ATLAS_ACTION") != "" && c.lookup("run") != nil {
			args = []string{"run"}
		} else {
			c.usage(c.stderr)
			return 2
		}
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		c.usage(c.stdout)
		return 0
	case "-version", "--version":
		args = []string{"version"}
	}
	cmd := c.lookup(args[0])
	if cmd == nil {
		fmt.Fprintf(c.stderr, "schemawatch: unknown command %q (run 'schemawatch help')\n", args[0])
		return 2
	}
	err := cmd.run(ctx, c, args[1:])
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(c.stderr, "schemawatch %s: %s\n", cmd.name, oneLine(ue.msg))
		fmt.Fprintf(c.stderr, "usage: schemawatch %s\n", cmd.usage)
		return 2
	case errors.Is(err, errReported):
		return 1
	case errors.Is(err, errReportedUsage):
		return 2
	default:
		fmt.Fprintf(c.stderr, "schemawatch: %s\n", oneLine(err.Error()))
		return 1
	}
}

// errReported is returned by commands that have already told the user what
// failed in their own way (a CI adapter's failure line).
var errReported = errors.New("failure already reported")

// errReportedUsage is errReported for bad inputs: exit status 2.
var errReportedUsage = errors.New("bad input already reported")

func (c *cli) lookup(name string) *command {
	for _, cmd := range commands() {
		if cmd.name == name {
			return &cmd
		}
	}
	return nil
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprintf(w, "schemawatch watches a database schema from CI.\n\nUsage:\n")
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  schemawatch %-10s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintf(w, "\nRun 'schemawatch COMMAND -h' for a command's flags.\n")
}

// flags returns a flag set that reports mistakes as usage errors instead of
// exiting.
func (c *cli) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses args, turning flag errors into usage errors and -h into help
// printed on stdout.
func (c *cli) parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(c.stdout)
		fmt.Fprintf(c.stdout, "usage: schemawatch %s\n\nFlags:\n", c.lookup(fs.Name()).usage)
		fs.PrintDefaults()
		return err
	}
	if err != nil {
		return &usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// oneLine folds a message onto one line: errors from drivers may span several.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func cmdVersion(_ context.Context, c *cli, args []string) error {
	fs := c.flags("version")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "schemawatch %s\n", version)
	return nil
}

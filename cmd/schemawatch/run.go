package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
	_ "github.com/schemawatch/schemawatch/ci/bitbucket" // one import line per CI
	_ "github.com/schemawatch/schemawatch/ci/github"
	_ "github.com/schemawatch/schemawatch/ci/gitlab"
	"github.com/schemawatch/schemawatch/ci/terminal"
	"github.com/schemawatch/schemawatch/cloudapi"
	_ "github.com/schemawatch/schemawatch/inspect/mysql" // one import line per database
	_ "github.com/schemawatch/schemawatch/inspect/postgres"
	_ "github.com/schemawatch/schemawatch/inspect/sqlite"
	"github.com/schemawatch/schemawatch/monitor"
)

// actions returns every action this binary runs, bound to the process.
func (c *cli) actions() (action.Registry, error) {
	opts, err := c.cloudOptions()
	if err != nil {
		return nil, err
	}
	return action.NewRegistry(monitor.Spec(monitor.Deps{Getenv: c.getenv, Dir: c.dir, Version: version, Now: c.now, CloudOptions: opts}))
}

// cloudOptions reads the API client's tuning variables:
// SCHEMAWATCH_CLOUD_TIMEOUT (per attempt, a Go duration such as 30s) and
// SCHEMAWATCH_CLOUD_RETRIES (retries after the first attempt).
func (c *cli) cloudOptions() ([]cloudapi.Option, error) {
	var opts []cloudapi.Option
	if v := c.getenv("SCHEMAWATCH_CLOUD_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("SCHEMAWATCH_CLOUD_TIMEOUT=%q: want a positive duration such as 30s", v)
		}
		opts = append(opts, cloudapi.WithTimeout(d))
	}
	if v := c.getenv("SCHEMAWATCH_CLOUD_RETRIES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("SCHEMAWATCH_CLOUD_RETRIES=%q: want a whole number of retries, 0 or more", v)
		}
		opts = append(opts, cloudapi.WithRetries(n))
	}
	return opts, nil
}

func cmdRun(ctx context.Context, c *cli, args []string) error {
	reg, err := c.actions()
	if err != nil {
		return err
	}
	// The action is needed before parsing, so that its inputs become flags.
	id := peekFlag(args, "action", c.getenv("ATLAS_ACTION"))
	spec, specErr := reg.Lookup(id)
	if id == "" {
		specErr = fmt.Errorf("no action given: set ATLAS_ACTION or --action (known: %s)", strings.Join(reg.IDs(), ", "))
	}
	fs := c.flags("run")
	fs.String("action", id, "action to run: "+strings.Join(reg.IDs(), ", ")+" (default $ATLAS_ACTION)")
	ciName := fs.String("ci", "", "CI adapter to use instead of detecting one: "+strings.Join(adapterNames(), ", "))
	var local terminal.Options
	local.AddFlags(fs, spec)
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if specErr != nil {
		return &usageError{specErr.Error()}
	}
	h := ci.Host{Getenv: c.getenv, Stdout: c.stdout, Stderr: c.stderr, Dir: c.dir, Now: c.now}
	var adapter ci.Adapter
	if *ciName != "" {
		adapter, err = ci.Lookup(*ciName)
	} else {
		adapter, err = ci.Detect(h)
	}
	if err != nil {
		return &usageError{err.Error()}
	}
	var env action.Env
	switch {
	case adapter.Name == terminal.Name:
		env, err = terminal.New(h, spec.ID, local)
	case len(local.Inputs) > 0 || local.OutputFile != "":
		return &usageError{fmt.Sprintf("--input, --<input> and --output-file apply to local runs only; on %s set the inputs the CI's way", adapter.Name)}
	default:
		env, err = adapter.New(h, spec.ID)
	}
	if err != nil {
		return err
	}
	// Atlas's generic input: relative paths (a SQLite file, atlas.hcl) are
	// read from there. Outputs stay anchored to the CI's own directories.
	if dir := env.Input("working-directory"); dir != "" {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(c.dir, dir)
		}
		if err := os.Chdir(dir); err != nil {
			err = fmt.Errorf("working-directory: %w", err)
			ci.Finish(env, "", err)
			return errReported
		}
	}
	err = action.Run(ctx, env, spec)
	ci.Finish(env, spec.ID+" done", err)
	var inputErr *action.InputError
	switch {
	case errors.As(err, &inputErr):
		return errReportedUsage
	case err != nil:
		return errReported
	}
	return nil
}

func adapterNames() []string {
	var names []string
	for _, a := range ci.Adapters() {
		names = append(names, a.Name)
	}
	return names
}

// peekFlag finds -name/--name value or -name=value before the flag set exists.
func peekFlag(args []string, name, def string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		for _, p := range []string{"-" + name, "--" + name} {
			if a == p && i+1 < len(args) {
				return args[i+1]
			}
			if v, ok := strings.CutPrefix(a, p+"="); ok {
				return v
			}
		}
	}
	return def
}

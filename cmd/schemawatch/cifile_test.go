package main

import (
	"fmt"
	"os"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/schemawatch/schemawatch/internal/envfile"
)

// ghoutput FILE NAME prints the output NAME of a $GITHUB_OUTPUT file, read
// by the runner's rules; it fails when the file does not parse or lacks NAME
// (with !, when NAME is present).
func cmdGHOutput(ts *testscript.TestScript, neg bool, args []string) {
	readEnvFile(ts, neg, args, "ghoutput", envfile.GitHubOutput)
}

// dotenv FILE NAME prints the variable NAME of a GitLab dotenv report, read
// by GitLab's rules; it fails when GitLab would reject the report or it
// lacks NAME (with !, when NAME is present).
func cmdDotenv(ts *testscript.TestScript, neg bool, args []string) {
	readEnvFile(ts, neg, args, "dotenv", envfile.Dotenv)
}

func readEnvFile(ts *testscript.TestScript, neg bool, args []string, cmd string, parse func(string) (map[string]string, error)) {
	if len(args) != 2 {
		ts.Fatalf("usage: %s FILE NAME", cmd)
	}
	b, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	vars, err := parse(string(b))
	if err != nil {
		ts.Fatalf("%s: %s would be rejected: %v\n%s", cmd, args[0], err, b)
	}
	v, ok := vars[args[1]]
	switch {
	case neg && ok:
		ts.Fatalf("%s: %s sets %s=%q", cmd, args[0], args[1], v)
	case neg:
		return
	case !ok:
		ts.Fatalf("%s: %s does not set %s\n%s", cmd, args[0], args[1], b)
	}
	fmt.Fprint(ts.Stdout(), v)
}

// Package ci connects actions to the CI system running them.
//
// Each CI has an adapter package (ci/github, ci/gitlab, ci/bitbucket,
// ci/terminal) that registers itself from init; main imports the adapters it
// ships and calls Detect or Lookup. Adding a CI means adding one package and
// one import line: nothing here switches on CI names.
//
// Adapters are built from a Host, so a test fills one with a map, a buffer
// and t.TempDir(), and nothing below main reads the process environment.
package ci

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/schemawatch/schemawatch/action"
)

// Host is the process as an adapter sees it.
type Host struct {
	// Getenv returns an environment variable, "" when unset. Nil means an
	// empty environment.
	Getenv func(string) string
	// Stdout receives what the CI parses (workflow commands, log lines);
	// Stderr receives plain logs where the CI keeps them apart.
	Stdout, Stderr io.Writer
	// Dir is the working directory: relative output paths are resolved
	// against it.
	Dir string
	// Now is the clock (GitLab section markers carry timestamps). Nil means
	// time.Now.
	Now func() time.Time
}

// Env returns the named variable, "" when unset or when Getenv is nil.
func (h Host) Env(key string) string {
	if h.Getenv == nil {
		return ""
	}
	return h.Getenv(key)
}

// Time returns the current time from h.Now, or time.Now when it is nil.
func (h Host) Time() time.Time {
	if h.Now == nil {
		return time.Now()
	}
	return h.Now()
}

// Path returns p resolved against h.Dir when p is relative.
func (h Host) Path(p string) string {
	if filepath.IsAbs(p) || h.Dir == "" {
		return p
	}
	return filepath.Join(h.Dir, p)
}

// Adapter describes one CI system to the registry.
type Adapter struct {
	// Name is what --ci accepts, e.g. "github".
	Name string
	// Order places the adapter in detection: lower is tried first. Atlas
	// detects GitHub, CircleCI, GitLab, Bitbucket, Azure, TeamCity in that
	// order; our adapters use 10, 30 and 40 so the others fit in between.
	Order int
	// Detect reports whether the process runs on this CI, by its marker
	// variables. Nil marks the fallback adapter, used when no other matches.
	Detect func(Host) bool
	// New builds the adapter's Env for the action with the given ID (output
	// variable names derive from it).
	New func(h Host, actionID string) (action.Env, error)
}

var registry struct {
	sync.Mutex
	adapters map[string]Adapter
}

// Register adds an adapter; adapter packages call it from init. It panics on
// a programming error (empty name, nil New, a name or a fallback registered
// twice), as database/sql.Register does, because no run could recover.
func Register(a Adapter) {
	registry.Lock()
	defer registry.Unlock()
	if a.Name == "" || a.New == nil {
		panic("ci: Register needs a Name and a New function")
	}
	if _, dup := registry.adapters[a.Name]; dup {
		panic("ci: adapter " + a.Name + " registered twice")
	}
	if a.Detect == nil {
		for _, other := range registry.adapters {
			if other.Detect == nil {
				panic("ci: two fallback adapters: " + other.Name + " and " + a.Name)
			}
		}
	}
	if registry.adapters == nil {
		registry.adapters = make(map[string]Adapter)
	}
	registry.adapters[a.Name] = a
}

// Adapters returns the registered adapters in detection order.
func Adapters() []Adapter {
	registry.Lock()
	defer registry.Unlock()
	out := make([]Adapter, 0, len(registry.adapters))
	for _, a := range registry.adapters {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b Adapter) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// Detect returns the first adapter, in detection order, whose marker
// variables are present in h, or else the fallback adapter (the terminal).
func Detect(h Host) (Adapter, error) {
	var fallback *Adapter
	for _, a := range Adapters() {
		if a.Detect == nil {
			fallback = &a
			continue
		}
		if a.Detect(h) {
			return a, nil
		}
	}
	if fallback == nil {
		return Adapter{}, fmt.Errorf("ci: no CI detected and no fallback adapter registered (import ci/terminal; known: %s)", known())
	}
	return *fallback, nil
}

// Lookup returns the adapter registered under name (the --ci flag). The
// error for an unknown name lists the known ones.
func Lookup(name string) (Adapter, error) {
	registry.Lock()
	a, ok := registry.adapters[name]
	registry.Unlock()
	if !ok {
		return Adapter{}, fmt.Errorf("ci: unknown CI %q (known: %s)", name, known())
	}
	return a, nil
}

func known() string {
	var names []string
	for _, a := range Adapters() {
		names = append(names, a.Name)
	}
	slices.Sort(names)
	if len(names) == 0 {
		return "none registered"
	}
	return strings.Join(names, ", ")
}

// Finisher is implemented by every adapter: it prints the final line of a
// run in its CI's way (a green "✔ message" on Bitbucket, an ::error::
// annotation on GitHub). main calls it through Finish, once, at the end.
type Finisher interface {
	Succeeded(msg string)
	Failed(err error)
}

// Finish reports the outcome of a run on env: Failed when err is non-nil,
// else Succeeded with msg. Envs without Finisher get a log line instead.
func Finish(env action.Env, msg string, err error) {
	f, ok := env.(Finisher)
	switch {
	case ok && err != nil:
		f.Failed(err)
	case ok:
		f.Succeeded(msg)
	case err != nil:
		env.Logger().Error(err.Error())
	default:
		env.Logger().Info(msg)
	}
}

package main

import (
	"bufio"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// dockerStage is one FROM … AS name block of the Dockerfile.
type dockerStage struct {
	name  string
	from  string
	lines []string // instructions after FROM, continuation lines joined
}

func (s dockerStage) instr(kw string) []string {
	var out []string
	for _, l := range s.lines {
		if k, rest, _ := strings.Cut(l, " "); strings.EqualFold(k, kw) {
			out = append(out, strings.TrimSpace(rest))
		}
	}
	return out
}

func readDockerfile(t *testing.T) []dockerStage {
	t.Helper()
	f, err := os.Open("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var stages []dockerStage
	var logical strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") || line == "" && logical.Len() == 0 {
			continue
		}
		if cont, ok := strings.CutSuffix(line, `\`); ok {
			logical.WriteString(cont + " ")
			continue
		}
		logical.WriteString(line)
		l := strings.Join(strings.Fields(logical.String()), " ")
		logical.Reset()
		if kw, rest, _ := strings.Cut(l, " "); strings.EqualFold(kw, "FROM") {
			fields := strings.Fields(rest)
			st := dockerStage{}
			for i := 0; i < len(fields); i++ {
				switch {
				case strings.HasPrefix(fields[i], "--"):
				case strings.EqualFold(fields[i], "AS") && i+1 < len(fields):
					st.name = fields[i+1]
					i++
				default:
					st.from = fields[i]
				}
			}
			stages = append(stages, st)
			continue
		}
		if len(stages) > 0 {
			stages[len(stages)-1].lines = append(stages[len(stages)-1].lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(stages) < 2 {
		t.Fatalf("Dockerfile has %d stages, want a builder and a runtime", len(stages))
	}
	return stages
}

// makeBuild returns the Makefile's build recipe with $(LDFLAGS) expanded.
func makeBuild(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	ld := regexp.MustCompile(`(?m)^LDFLAGS\s*:?=\s*(.*)$`).FindStringSubmatch(text)
	recipe := regexp.MustCompile(`(?m)^build:.*\n\t(.*)$`).FindStringSubmatch(text)
	if ld == nil || recipe == nil {
		t.Fatal("Makefile: no LDFLAGS or build recipe found")
	}
	return strings.ReplaceAll(recipe[1], "$(LDFLAGS)", strings.TrimSpace(ld[1]))
}

// TestDockerfile checks what can be checked without a Docker daemon: the
// image builds the binary exactly as `make build` does, the entrypoint is
// the copied binary, the default image is not root and the root one is the
// documented ci target, and nothing sets a WORKDIR a CI would trip on.
func TestDockerfile(t *testing.T) {
	t.Parallel()
	stages := readDockerfile(t)
	byName := map[string]dockerStage{}
	for _, s := range stages {
		byName[s.name] = s
	}

	// The build command: Makefile's, with make's $(VAR) as the shell's ${VAR},
	// the output path and cross-compilation variables aside.
	var build string
	for _, s := range stages {
		for _, run := range s.instr("RUN") {
			if strings.Contains(run, "go build") {
				build = run
			}
		}
	}
	if build == "" {
		t.Fatal("Dockerfile: no RUN with go build")
	}
	norm := func(cmd string) string {
		cmd = regexp.MustCompile(`\$\((\w+)\)`).ReplaceAllString(cmd, "$${$1}")
		cmd = regexp.MustCompile(`\s-o \S+`).ReplaceAllString(cmd, "")
		cmd = regexp.MustCompile(`\b(GOOS|GOARCH)=\S+\s`).ReplaceAllString(cmd, "")
		return strings.Join(strings.Fields(strings.ReplaceAll(cmd, "${GO}", "go")), " ")
	}
	if got, want := norm(build), norm(makeBuild(t)); got != want {
		t.Errorf("Dockerfile builds with\n\t%s\nMakefile with\n\t%s", got, want)
	}
	if !strings.Contains(build, "main.version=${VERSION}") {
		t.Errorf("the build does not stamp the version from the VERSION build arg: %s", build)
	}
	var out string
	if m := regexp.MustCompile(`\s-o (\S+)`).FindStringSubmatch(build); m != nil {
		out = m[1]
	} else {
		t.Fatal("the go build command names no output file")
	}

	// The binary is copied from the builder to where the entrypoint runs it.
	base, ok := byName["base"]
	if !ok {
		t.Fatal("Dockerfile: no stage named base")
	}
	var dest string
	for _, c := range base.instr("COPY") {
		f := strings.Fields(c)
		if len(f) == 3 && strings.HasPrefix(f[0], "--from=") && f[1] == out {
			dest = f[2]
		}
	}
	entry := base.instr("ENTRYPOINT")
	if dest == "" || len(entry) != 1 || entry[0] != `["`+dest+`"]` {
		t.Errorf("binary %s copied to %q but ENTRYPOINT is %q", out, dest, entry)
	}
	// GitLab jobs replace the entrypoint and run `schemawatch run` from a
	// shell, so the binary must be on Alpine's default PATH by that name.
	if dir, name := filepath.Split(dest); name != "schemawatch" || !slices.Contains([]string{"/usr/local/bin/", "/usr/bin/", "/bin/"}, dir) {
		t.Errorf("binary copied to %s, not as schemawatch on the default PATH", dest)
	}
	if !strings.Contains(base.from, "alpine") {
		t.Errorf("runtime base %q: GitLab jobs need a shell in the image", base.from)
	}

	// Users: the default (last) target is non-root; root only in ci.
	isRoot := func(u string) bool {
		user, _, _ := strings.Cut(u, ":")
		return user == "0" || user == "root"
	}
	last := stages[len(stages)-1]
	users := last.instr("USER")
	if len(users) == 0 || isRoot(users[len(users)-1]) {
		t.Errorf("default target %q runs as %q, want a non-root user", last.name, users)
	}
	for _, s := range stages {
		for _, u := range s.instr("USER") {
			if isRoot(u) && s.name != "ci" {
				t.Errorf("stage %q runs as root; only the ci target may", s.name)
			}
		}
		if s.from == "build" || s.name == "build" {
			continue
		}
		if w := s.instr("WORKDIR"); len(w) > 0 {
			t.Errorf("runtime stage %q sets WORKDIR %q; CI runners set the working directory", s.name, w)
		}
	}
	if ci, ok := byName["ci"]; !ok || ci.from != "base" {
		t.Errorf("no ci target built FROM base")
	}
}

// dockerignored reports whether .dockerignore keeps path (slash separated,
// relative to the context) out of the build context: the last pattern
// matching the path or one of its parents wins, "!" re-includes.
func dockerignored(patterns []string, path string) bool {
	excluded := false
	for _, p := range patterns {
		neg := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		re := globRegexp(p)
		for q := path; q != "." && q != "/" && q != ""; q = filepath.ToSlash(filepath.Dir(q)) {
			if re.MatchString(q) {
				excluded = !neg
				break
			}
		}
	}
	return excluded
}

func globRegexp(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case strings.HasPrefix(p[i:], "**/"):
			b.WriteString("(.*/)?")
			i += 2
		case strings.HasPrefix(p[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// TestDockerignore checks that the build context keeps every file the
// binary is built from (Go files and embedded assets of every package of
// ours it imports, go.mod, go.sum) and leaves out tests and test data.
func TestDockerignore(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for line := range strings.Lines(string(b)) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			patterns = append(patterns, line)
		}
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "list", "-deps", "-f",
		`{{if not .Standard}}{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}} {{end}}{{range .EmbedFiles}}{{$d}}/{{.}} {{end}}{{end}}`,
		".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	need := []string{"go.mod", "go.sum"}
	for _, f := range strings.Fields(string(out)) {
		if rel, err := filepath.Rel(root, f); err == nil && !strings.HasPrefix(rel, "..") {
			need = append(need, filepath.ToSlash(rel))
		}
	}
	if len(need) < 20 {
		t.Fatalf("go list found only %d files: %q", len(need), need)
	}
	for _, f := range need {
		if dockerignored(patterns, f) {
			t.Errorf(".dockerignore leaves out %s, which the build needs", f)
		}
	}
	for _, f := range []string{".git/config", "cmd/schemawatch/script_test.go", "inspect/sqlite/testdata/x.json", "bin/schemawatch", "examples/atlas.hcl"} {
		if !dockerignored(patterns, f) {
			t.Errorf(".dockerignore lets %s into the build context", f)
		}
	}
}

// TestDockerBuildContext runs the Dockerfile's build command, as written, in
// a copy of what .dockerignore lets into the build context, and runs the
// result with an empty environment: the image build cannot lack a file.
func TestDockerBuildContext(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Parallel()
	b, err := os.ReadFile("../../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for line := range strings.Lines(string(b)) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			patterns = append(patterns, line)
		}
	}
	var build string
	for _, s := range readDockerfile(t) {
		for _, run := range s.instr("RUN") {
			if strings.Contains(run, "go build") {
				build = run
			}
		}
	}
	ctx, out := t.TempDir(), t.TempDir()
	copied := 0
	err = filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(repoRoot, path)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == ".git" || rel == "bin" {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || dockerignored(patterns, rel) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		dst := filepath.Join(ctx, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		copied++
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(out, "schemawatch")
	m := regexp.MustCompile(`\s-o (\S+)`).FindStringSubmatch(build)
	if m == nil {
		t.Fatalf("no -o in %q", build)
	}
	cmd := exec.Command("sh", "-c", strings.Replace(build, m[0], " -o "+bin, 1))
	cmd.Dir = ctx
	cmd.Env = append(os.Environ(), "VERSION=v0.0.0-ctx", "TARGETOS="+runtime.GOOS, "TARGETARCH="+runtime.GOARCH)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the Dockerfile's build fails in its context (%d files): %v\n%s", copied, err, b)
	}
	run := exec.Command(bin, "--version")
	run.Env = []string{}
	got, err := run.Output()
	if err != nil || string(got) != "schemawatch v0.0.0-ctx\n" {
		t.Errorf("built binary --version = %q, %v", got, err)
	}
}

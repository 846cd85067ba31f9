// Package envfile reads the files CI systems take outputs from, by the rules
// each CI documents, so that tests read what an adapter wrote the way the CI
// itself would: GitHub's $GITHUB_OUTPUT and GitLab's dotenv reports.
// (Bitbucket's outputs.sh is read by a real shell.) It writes nothing.
package envfile

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// GitHubOutput parses the text of a $GITHUB_OUTPUT (or $GITHUB_ENV) file as
// the runner does: each line is `name=value`, or `name<<DELIMITER` followed
// by the value's lines and DELIMITER alone on a line. Whichever of "=" and
// "<<" comes first in a line decides its form. Empty lines are skipped; a
// later entry for a name replaces an earlier one. A line ends at "\n" and a
// "\r" is content, as on the Linux runners Docker actions run on (the
// runner reads "\r\n" as a line break only on Windows).
//
// See https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions#setting-an-output-parameter
func GitHubOutput(text string) (map[string]string, error) {
	out := make(map[string]string)
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			continue
		}
		eq, hd := strings.Index(l, "="), strings.Index(l, "<<")
		switch {
		case eq >= 0 && (hd < 0 || eq < hd):
			name := l[:eq]
			if name == "" {
				return nil, fmt.Errorf("envfile: line %d: invalid format %q (no name)", i+1, l)
			}
			out[name] = l[eq+1:]
		case hd >= 0:
			name, delim := l[:hd], l[hd+2:]
			if name == "" || delim == "" {
				return nil, fmt.Errorf("envfile: line %d: invalid format %q (empty name or delimiter)", i+1, l)
			}
			end := slices.Index(lines[i+1:], delim)
			if end < 0 {
				return nil, fmt.Errorf("envfile: line %d: invalid value: matching delimiter not found %q", i+1, delim)
			}
			out[name] = strings.Join(lines[i+1:i+1+end], "\n")
			i += 1 + end
		default:
			return nil, fmt.Errorf("envfile: line %d: invalid format %q", i+1, l)
		}
	}
	return out, nil
}

// DotenvLimit is GitLab's default size limit on a dotenv report, in bytes.
const DotenvLimit = 5 * 1024

var dotenvKey = regexp.MustCompile(`^[a-zA-Z0-9_]+$`)

// Dotenv parses a GitLab dotenv report as GitLab does: UTF-8, smaller than
// DotenvLimit, one `KEY=value` per line split at the first "=", key and
// value stripped of surrounding whitespace, keys of ASCII letters, digits
// and "_", quotes kept as part of the value, no blank lines, no comments
// (a "#" line has no valid key), no multi-line values. Any bad line rejects
// the whole report, as GitLab does.
//
// See https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsdotenv
func Dotenv(text string) (map[string]string, error) {
	if len(text) >= DotenvLimit {
		return nil, fmt.Errorf("envfile: dotenv report is %d bytes; the limit is %d", len(text), DotenvLimit)
	}
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("envfile: dotenv report is not valid UTF-8")
	}
	out := make(map[string]string)
	for n, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		key, value, ok := strings.Cut(l, "=")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if !ok || !dotenvKey.MatchString(key) {
			return nil, fmt.Errorf("envfile: dotenv line %d: invalid format %q", n+1, l)
		}
		out[key] = value
	}
	return out, nil
}

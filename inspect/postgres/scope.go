package postgres

import (
	"net/url"
	"strings"
)

// scope returns the schema a URL's search_path names, which makes the
// inspection schema-scoped (as in Atlas); "" when the URL covers the whole
// database.
func scope(u *url.URL) string {
	sp := strings.TrimSpace(u.Query().Get("search_path"))
	if strings.Contains(sp, ",") {
		return ""
	}
	return strings.Trim(sp, `"`)
}

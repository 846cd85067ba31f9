package mysql

import "net/url"

// scope returns the database a URL names (its path, or ?database= for
// sockets), which makes the inspection schema-scoped; "" for server scope.
func scope(u *url.URL) string {
	cfg, err := ParseURL(u)
	if err != nil {
		return ""
	}
	return cfg.DBName
}

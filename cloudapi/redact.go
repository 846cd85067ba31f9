package cloudapi

import (
	"errors"
	"net/url"
	"strings"
)

// secretParams are the query parameters RedactURL removes, lower case. They are
// the places a database URL carries a credential outside its userinfo:
//   - password, pass, passwd, pwd: a password given as a parameter (libpq's
//     "password" keyword, and the spellings other drivers accept);
//   - sslpassword: libpq's passphrase for an encrypted client key;
//   - token, authtoken, access_token, auth_token, secret, client_secret, key,
//     api_key, apikey: bearer tokens and API keys (libsql's authToken among them);
//   - sig, signature: presigned and SAS signatures.
//
// Parameters that name a file holding a secret (sslkey, sslcert, sslrootcert)
// stay: the path is not the secret, and it is part of how users tell scopes apart.
var secretParams = map[string]bool{
	"password": true, "pass": true, "passwd": true, "pwd": true,
	"sslpassword": true,
	"token":       true, "authtoken": true, "access_token": true, "auth_token": true,
	"secret": true, "client_secret": true,
	"key": true, "api_key": true, "apikey": true,
	"sig": true, "signature": true,
}

// secretParamPrefixes removes whole families of presigned-request parameters
// (X-Amz-Credential, X-Amz-Signature, X-Amz-Security-Token, X-Goog-Signature…).
var secretParamPrefixes = []string{"x-amz-", "x-goog-"}

// RedactURL returns the database URL as it may be shown and sent as a scope
// identity. Like Atlas's RedactedURL (net/url Redacted, ATLAS-COMPAT §1) a present
// password becomes "xxxxx". Unlike Atlas it also removes secret query
// parameters, matched by name without regard to case: password, pass, passwd,
// pwd, sslpassword, token, authToken, access_token, auth_token, secret,
// client_secret, key, api_key, apikey, sig, signature, and every X-Amz-* and
// X-Goog-* parameter. The other parameters keep their order and their original
// encoding, so a URL without secret parameters comes out exactly as Atlas
// prints it and keeps its history in the service; one with them gets a new
// identity there (use a slug, ScopeIdent.ExtID, to keep a stable one).
//
// The error never quotes the URL, which may hold the very password it failed to hide.
func RedactURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", errors.New("cloudapi: the database URL does not parse as a URL (percent-encode special characters in the user name and password)")
	}
	u.RawQuery = dropSecretParams(u.RawQuery)
	return u.Redacted(), nil
}

// dropSecretParams removes secret pairs from a raw query without re-encoding
// the others: url.Values.Encode would sort and re-escape them and so change the
// identity of URLs that hold no secret at all.
func dropSecretParams(rawQuery string) string {
	if rawQuery == "" {
		return ""
	}
	pairs := strings.Split(rawQuery, "&")
	kept := pairs[:0]
	for _, p := range pairs {
		if !isSecretParam(p) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "&")
}

func isSecretParam(pair string) bool {
	name, _, _ := strings.Cut(pair, "=")
	if n, err := url.QueryUnescape(name); err == nil {
		name = n
	}
	name = strings.ToLower(name)
	if secretParams[name] {
		return true
	}
	for _, p := range secretParamPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

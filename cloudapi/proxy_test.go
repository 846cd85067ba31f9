package cloudapi

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sync"
	"testing"
)

func TestProxyFunc(t *testing.T) {
	t.Parallel()
	const proxy = "http://proxy.corp:3128"
	tests := []struct {
		name   string
		env    map[string]string
		target string
		want   string // "" = direct
	}{
		{"https via HTTPS_PROXY", map[string]string{"HTTPS_PROXY": proxy}, "https://api.atlasgo.cloud/query", proxy},
		{"lower-case spelling", map[string]string{"https_proxy": proxy}, "https://api.atlasgo.cloud/query", proxy},
		{"upper case wins", map[string]string{"HTTPS_PROXY": proxy, "https_proxy": "http://other:1"}, "https://api.atlasgo.cloud/query", proxy},
		{"HTTP_PROXY does not serve https", map[string]string{"HTTP_PROXY": proxy}, "https://api.atlasgo.cloud/query", ""},
		{"http via HTTP_PROXY", map[string]string{"HTTP_PROXY": proxy}, "http://sw.internal/query", proxy},
		{"NO_PROXY domain", map[string]string{"HTTPS_PROXY": proxy, "NO_PROXY": "atlasgo.cloud"}, "https://api.atlasgo.cloud/query", ""},
		{"no_proxy lower case", map[string]string{"HTTPS_PROXY": proxy, "no_proxy": ".atlasgo.cloud"}, "https://api.atlasgo.cloud/query", ""},
		{"NO_PROXY other host", map[string]string{"HTTPS_PROXY": proxy, "NO_PROXY": "sw.internal"}, "https://api.atlasgo.cloud/query", proxy},
		{"NO_PROXY star", map[string]string{"HTTPS_PROXY": proxy, "NO_PROXY": "*"}, "https://api.atlasgo.cloud/query", ""},
		{"loopback never proxied", map[string]string{"HTTP_PROXY": proxy}, "http://127.0.0.1:8080/query", ""},
		{"nothing set", nil, "https://api.atlasgo.cloud/query", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req, err := http.NewRequest(http.MethodPost, tt.target, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := proxyFunc(mapEnv(tt.env))(req)
			if err != nil {
				t.Fatal(err)
			}
			if s := urlString(got); s != tt.want {
				t.Errorf("proxy for %s = %q, want %q", tt.target, s, tt.want)
			}
		})
	}
}

// TestProxyFuncCGI: under CGI, HTTP_PROXY may come from a request header
// (httpoxy), so like net/http the request fails instead of using it.
func TestProxyFuncCGI(t *testing.T) {
	t.Parallel()
	req, err := http.NewRequest(http.MethodPost, "http://sw.internal/query", nil)
	if err != nil {
		t.Fatal(err)
	}
	env := mapEnv(map[string]string{"HTTP_PROXY": "http://evil:1", "REQUEST_METHOD": "POST"})
	if got, err := proxyFunc(env)(req); err == nil {
		t.Errorf("got proxy %v, want an error", got)
	}
}

func TestDefaultProxyIsStandard(t *testing.T) {
	t.Parallel()
	c, err := New("", "tok")
	if err != nil {
		t.Fatal(err)
	}
	got := reflect.ValueOf(c.hc.Transport.(*http.Transport).Proxy).Pointer()
	if got != reflect.ValueOf(http.ProxyFromEnvironment).Pointer() {
		t.Error("without WithProxyEnv the transport should use http.ProxyFromEnvironment")
	}
}

// TestProxyEndToEnd sends real requests through a recording proxy. The API
// host is a name that does not resolve, since loopback is never proxied; when
// NO_PROXY exempts it, the dialer maps it to a second, direct server.
func TestProxyEndToEnd(t *testing.T) {
	t.Parallel()
	const answer = `{"data":{"snapshotHash":{"hash":"h"}}}`
	var mu sync.Mutex
	var viaProxy, direct []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		viaProxy = append(viaProxy, r.Method+" "+r.RequestURI+" "+r.Header.Get("Authorization"))
		mu.Unlock()
		if r.Method == http.MethodConnect { // an https endpoint: refuse the tunnel
			http.Error(w, "no tunnels here", http.StatusForbidden)
			return
		}
		io.WriteString(w, answer)
	}))
	t.Cleanup(proxy.Close)
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		direct = append(direct, r.Method+" "+r.RequestURI+" "+r.Header.Get("Authorization"))
		mu.Unlock()
		io.WriteString(w, answer)
	}))
	t.Cleanup(origin.Close)
	originAddr := origin.Listener.Addr().String()

	tests := []struct {
		name, endpoint string
		env            map[string]string
		wantErr        bool
		wantProxy      []string
		wantDirect     []string
	}{
		{
			name:      "HTTP_PROXY",
			endpoint:  "http://cloud.example.test/query",
			env:       map[string]string{"HTTP_PROXY": proxy.URL},
			wantProxy: []string{"POST http://cloud.example.test/query Bearer tok"},
		},
		{
			name:       "NO_PROXY",
			endpoint:   "http://cloud.example.test/query",
			env:        map[string]string{"HTTP_PROXY": proxy.URL, "NO_PROXY": "example.test"},
			wantDirect: []string{"POST /query Bearer tok"},
		},
		{
			// The tunnel request carries no token: that goes inside TLS.
			name:      "HTTPS_PROXY tunnels",
			endpoint:  "https://cloud.example.test/query",
			env:       map[string]string{"HTTPS_PROXY": proxy.URL},
			wantErr:   true,
			wantProxy: []string{"CONNECT cloud.example.test:443 "},
		},
	}
	for _, tt := range tests {
		// Not parallel: the two servers' logs are shared.
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			viaProxy, direct = nil, nil
			mu.Unlock()
			c, err := New(tt.endpoint, "tok", WithProxyEnv(mapEnv(tt.env)), WithRetries(0))
			if err != nil {
				t.Fatal(err)
			}
			tr := c.hc.Transport.(*http.Transport)
			dial := tr.DialContext
			tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
				if host, _, _ := net.SplitHostPort(addr); host == "cloud.example.test" {
					addr = originAddr
				}
				return dial(ctx, network, addr)
			}
			_, err = c.SnapshotHash(t.Context(), ScopeIdent{URL: "u"})
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v", err, tt.wantErr)
			}
			mu.Lock()
			defer mu.Unlock()
			if !reflect.DeepEqual(viaProxy, tt.wantProxy) || !reflect.DeepEqual(direct, tt.wantDirect) {
				t.Errorf("proxy saw %q, origin saw %q; want %q and %q", viaProxy, direct, tt.wantProxy, tt.wantDirect)
			}
		})
	}
}

func mapEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func urlString(u *url.URL) string {
	if u == nil {
		return ""
	}
	return u.String()
}

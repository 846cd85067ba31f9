package envfile

import (
	"maps"
	"testing"
)

func TestGitHubOutput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		text    string
		want    map[string]string
		wantErr bool
	}{
		{"one line", "url=https://x/?a=b\n", map[string]string{"url": "https://x/?a=b"}, false},
		{"equals before heredoc marker", "a=b<<c\n", map[string]string{"a": "b<<c"}, false},
		{"heredoc", "v<<EOF\nl1\nl2\nEOF\n", map[string]string{"v": "l1\nl2"}, false},
		{"CR is content", "v<<EOF\nl1\r\nl2\r\nEOF\na=x\r\n", map[string]string{"v": "l1\r\nl2\r", "a": "x\r"}, false},
		{"delimiter with CR is not the delimiter", "v<<EOF\nEOF\r\n", nil, true},
		{"heredoc empty value", "v<<EOF\nEOF\n", map[string]string{"v": ""}, false},
		{"last wins", "a=1\na=2\n", map[string]string{"a": "2"}, false},
		{"blank lines skipped", "\na=1\n\n", map[string]string{"a": "1"}, false},
		{"unterminated heredoc", "v<<EOF\nl1\n", nil, true},
		{"no name", "=v\n", nil, true},
		{"neither form", "just text\n", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := GitHubOutput(tt.text)
			if (err != nil) != tt.wantErr || (err == nil && !maps.Equal(got, tt.want)) {
				t.Errorf("GitHubOutput(%q) = %q, %v; want %q (error %v)", tt.text, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestDotenv(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		text    string
		want    map[string]string
		wantErr bool
	}{
		{"plain", "A=1\nB_2=x=y\n", map[string]string{"A": "1", "B_2": "x=y"}, false},
		{"quotes kept", `A="q"` + "\n", map[string]string{"A": `"q"`}, false},
		{"whitespace stripped", " A = v \n", map[string]string{"A": "v"}, false},
		{"blank line", "A=1\n\nB=2\n", nil, true},
		{"comment", "# c\nA=1\n", nil, true},
		{"bad key", "A-B=1\n", nil, true},
		{"no equals", "A\n", nil, true},
		{"not UTF-8", "A=\xff\n", nil, true},
		{"too big", "A=" + string(make([]byte, DotenvLimit)) + "\n", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Dotenv(tt.text)
			if (err != nil) != tt.wantErr || (err == nil && !maps.Equal(got, tt.want)) {
				t.Errorf("Dotenv(%q) = %q, %v; want %q (error %v)", tt.text, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

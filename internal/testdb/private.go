package testdb

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// PrivatePostgres starts a PostgreSQL cluster of its own that checks
// passwords (scram-sha-256), for the tests that must see a password refused:
// the machine's shared server trusts loopback connections. It returns
// host:port and the password of the superuser "postgres"; the cluster is
// stopped and removed when t ends. It needs the server binaries and, when
// run as root, the "postgres" system user to own the cluster.
func PrivatePostgres(t testing.TB, password string) (host string) {
	t.Helper()
	bin, err := pgBinDir()
	if err != nil {
		unavailable(t, "PostgreSQL server binaries", err)
	}
	dir, err := os.MkdirTemp("", "schemawatch-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	// initdb refuses to run as root: hand the directory to the postgres user.
	var asUser []string
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			unavailable(t, `the "postgres" system user`, err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		asUser = []string{"runuser", "-u", "postgres", "--"}
	}
	run := func(args ...string) {
		t.Helper()
		full := append(append([]string{}, asUser...), args...)
		c := exec.Command(full[0], full[1:]...)
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("testdb: %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	pwfile := filepath.Join(dir, "pw")
	if err := os.WriteFile(pwfile, []byte(password+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	run(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=scram-sha-256", "--pwfile="+pwfile, "-E", "UTF8", "--no-sync")
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	run(filepath.Join(bin, "pg_ctl"), "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-t", "60",
		"-o", fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", port, dir), "start")
	t.Cleanup(func() {
		full := append(append([]string{}, asUser...), filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop")
		_ = exec.Command(full[0], full[1:]...).Run()
	})
	return fmt.Sprintf("127.0.0.1:%d", port)
}

// pgBinDir finds the server binaries (Debian keeps them off PATH).
func pgBinDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	return "", fmt.Errorf("initdb not found")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	// Give the port back a moment before the server binds it.
	time.Sleep(10 * time.Millisecond)
	return l.Addr().(*net.TCPAddr).Port, nil
}

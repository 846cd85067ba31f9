package ci

import (
	"errors"
	"os"
)

// AppendFile appends text to the file at path (created 0644 if missing) in
// one write, the way CI environment files and Bitbucket's outputs.sh expect.
//
// What is atomic: the file is opened with O_APPEND, so on a local filesystem
// the move to end-of-file and the write are one step and a concurrent
// appender cannot interleave with us. A write can still be short (disk full,
// quota), which would leave half an entry, and half an entry can leave a
// quote or heredoc open that swallows everything after it. So callers build
// the whole entry first, and if the write fails after writing anything the
// file is truncated back to the size it had. If the file does not end in a
// newline (an earlier writer died mid-line), a newline is written first so
// our entry never joins that line. Over NFS O_APPEND is not atomic; nothing
// an adapter can do fixes that.
func AppendFile(path, text string) (err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()
	if size > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, size-1); err != nil {
			return err
		}
		if last[0] != '\n' {
			text = "\n" + text
		}
	}
	n, err := f.WriteString(text)
	if err != nil && n > 0 {
		err = errors.Join(err, f.Truncate(size))
	}
	return err
}

package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// sqlStore is the Store of both back ends. Queries use $N placeholders,
// which PostgreSQL and modernc's SQLite driver both bind by number; times are
// stored as Unix microseconds so both compare and sort them alike.
type sqlStore struct {
	db      *sql.DB
	dialect *dialect
	// pushHook, when set (by tests only), runs after each step of a push's
	// transaction; an error it returns fails the push there.
	pushHook func(step string) error
}

func (s *sqlStore) Close() error { return s.db.Close() }

func (s *sqlStore) LastHash(ctx context.Context, key string) (string, error) {
	var h string
	err := s.db.QueryRowContext(ctx, `SELECT last_hash FROM databases WHERE scope_key = $1`, key).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: reading the last hash: %w", err)
	}
	return h, nil
}

func (s *sqlStore) Latest(ctx context.Context, key string) (*Version, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+versionColumns+`
FROM databases d JOIN versions v ON v.id = d.latest_version_id
WHERE d.scope_key = $1`, key)
	v, err := scanVersion(row, false)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: reading the latest version: %w", err)
	}
	return v, nil
}

// Push records one run in one transaction. The upsert of the database row
// takes its row lock on PostgreSQL (SQLite's immediate transactions hold the
// write lock from the start), so pushes to one scope are serialised and
// version numbers never collide.
func (s *sqlStore) Push(ctx context.Context, p PushRecord) (out *PushOutcome, err error) {
	schemas, _ := json.Marshal(nonNil(p.Scope.Schemas))
	exclude, _ := json.Marshal(nonNil(p.Scope.Exclude))
	now := micros(p.Now)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: push: %w", err)
	}
	defer func() {
		if err != nil {
			err = errorsJoinRollback(err, tx)
			if !errors.Is(err, ErrConflict) {
				err = fmt.Errorf("store: push: %w", err)
			}
		}
	}()
	var (
		id                   int64
		latest, namesVersion sql.NullInt64
		count                int
	)
	err = tx.QueryRowContext(ctx, `INSERT INTO databases (scope_key, url, ext_id, schemas, exclude, created_at, last_seen_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
ON CONFLICT (scope_key) DO UPDATE SET url = excluded.url, ext_id = excluded.ext_id, schemas = excluded.schemas, exclude = excluded.exclude
RETURNING id, latest_version_id, version_count, names_version_id`,
		p.Scope.Key, p.Scope.URL, p.Scope.ExtID, string(schemas), string(exclude), now).Scan(&id, &latest, &count, &namesVersion)
	if err != nil {
		return nil, err
	}
	out = &PushOutcome{DatabaseID: id, Seq: count}
	if p.Stats != "" {
		if _, err := tx.ExecContext(ctx, `UPDATE databases SET stats = $1, stats_at = $2 WHERE id = $3`, p.Stats, micros(p.StatsAt), id); err != nil {
			return nil, err
		}
	}
	sum := sha256.Sum256([]byte(p.HCL))
	content := hex.EncodeToString(sum[:])
	unchanged := p.HashMatch
	if !unchanged && latest.Valid {
		var prev string
		if err := tx.QueryRowContext(ctx, `SELECT content_sha256 FROM versions WHERE id = $1`, latest.Int64).Scan(&prev); err != nil {
			return nil, err
		}
		unchanged = prev == content
	}
	if unchanged {
		// Seen again: no version, but the hash the client sent becomes the one
		// snapshotHash answers (it may be a new spelling of the same schema).
		q := `UPDATE databases SET last_seen_at = $1, pushes = pushes + 1 WHERE id = $2`
		args := []any{now, id}
		if !p.HashMatch {
			q = `UPDATE databases SET last_seen_at = $1, pushes = pushes + 1, last_hash = $3 WHERE id = $2`
			args = append(args, p.Hash)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return nil, err
		}
		return out, tx.Commit()
	}
	if latest.Int64 != p.BaseVersionID { // invalid latest reads as 0, "none"
		return nil, ErrConflict
	}
	if err := s.putContent(ctx, tx, content, p); err != nil {
		return nil, err
	}
	changes, _ := json.Marshal(Changes{Added: nonNil(p.Changes.Added), Removed: nonNil(p.Changes.Removed), Changed: nonNil(p.Changes.Changed)})
	var vid int64
	err = tx.QueryRowContext(ctx, `INSERT INTO versions (database_id, seq, hash, content_sha256, created_at, changes, parse_error, tables, detail)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		id, count+1, p.Hash, content, now, string(changes), p.ParseError, p.Tables, nullText(p.Detail)).Scan(&vid)
	if err != nil {
		return nil, err
	}
	if err := s.hook("version"); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE databases SET last_hash = $1, latest_version_id = $2, version_count = $3,
  last_change_at = $4, last_seen_at = $4, pushes = pushes + 1, names_version_id = $6 WHERE id = $5`, p.Hash, vid, count+1, now, id, vid); err != nil {
		return nil, err
	}
	// The index reflects the base version only if it was written for it;
	// after a failed parse, a migration or a version written by an older
	// server it is rebuilt.
	if namesVersion.Valid && latest.Valid && namesVersion.Int64 == latest.Int64 {
		err = s.updateNames(ctx, tx, id, p.BaseNames, p.Names)
	} else {
		err = s.replaceNames(ctx, tx, id, p.Names)
	}
	if err != nil {
		return nil, err
	}
	if err := s.hook("names"); err != nil {
		return nil, err
	}
	out.NewVersion, out.Seq = true, count+1
	return out, tx.Commit()
}

func (s *sqlStore) hook(step string) error {
	if s.pushHook == nil {
		return nil
	}
	return s.pushHook(step)
}

// putContent stores a content once. Its HCL is sent only when the content is
// new: a schema that goes back to an earlier state is megabytes not resent.
func (s *sqlStore) putContent(ctx context.Context, tx *sql.Tx, content string, p PushRecord) error {
	var has bool
	err := tx.QueryRowContext(ctx, `SELECT snapshot IS NOT NULL FROM contents WHERE sha256 = $1`, content).Scan(&has)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// Another push may store the same content meanwhile: both are right.
		_, err = tx.ExecContext(ctx, `INSERT INTO contents (sha256, hcl, snapshot) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING`, content, p.HCL, nullText(p.Snapshot))
		return err
	case err != nil:
		return err
	case !has && p.Snapshot != nil:
		_, err = tx.ExecContext(ctx, `UPDATE contents SET snapshot = $1 WHERE sha256 = $2`, string(p.Snapshot), content)
		return err
	}
	return nil
}

// nullText stores b as text, or NULL when it is nil.
func nullText(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

// updateNames brings the search index from the base version's names to the
// new ones by deleting and inserting only the difference. The index is
// rebuilt instead when it does not hold as many names as the caller says the
// base version has (a caller that sent none, a parser that reads the base
// differently now), or when the difference is larger than the index.
func (s *sqlStore) updateNames(ctx context.Context, tx *sql.Tx, id int64, base, names []Name) error {
	var indexed int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM names WHERE database_id = $1`, id).Scan(&indexed); err != nil {
		return err
	}
	added, removed := nameDiff(base, names)
	if indexed != len(base) || len(added)+len(removed) > len(names) {
		return s.replaceNames(ctx, tx, id, names)
	}
	if len(removed) > 0 {
		del, err := tx.PrepareContext(ctx, `DELETE FROM names WHERE database_id = $1 AND table_name = $2 AND column_name = $3 AND kind = $4 AND schema_name = $5`)
		if err != nil {
			return err
		}
		for _, nm := range removed {
			if _, err := del.ExecContext(ctx, id, nm.Table, nm.Column, nm.Kind, nm.Schema); err != nil {
				return errors.Join(err, del.Close())
			}
		}
		if err := del.Close(); err != nil {
			return err
		}
	}
	return s.insertNames(ctx, tx, id, added)
}

// nameDiff returns the names only in next and those only in prev.
func nameDiff(prev, next []Name) (added, removed []Name) {
	in := make(map[Name]bool, len(prev))
	for _, nm := range prev {
		in[nm] = true
	}
	for _, nm := range next {
		if !in[nm] {
			added = append(added, nm)
		}
		delete(in, nm)
	}
	for _, nm := range prev {
		if in[nm] {
			removed = append(removed, nm)
			delete(in, nm)
		}
	}
	return added, removed
}

// replaceNames swaps the search index of a database for its latest version,
// inserting many rows per statement: a 5,000-table schema has ~100,000 names.
func (s *sqlStore) replaceNames(ctx context.Context, tx *sql.Tx, id int64, names []Name) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM names WHERE database_id = $1`, id); err != nil {
		return err
	}
	return s.insertNames(ctx, tx, id, names)
}

// insertNames adds names to a database's search index, many rows per statement.
func (s *sqlStore) insertNames(ctx context.Context, tx *sql.Tx, id int64, names []Name) error {
	const cols = 6
	batch := min(s.dialect.maxParams/cols, 1000)
	var b strings.Builder
	for len(names) > 0 {
		n := min(len(names), batch)
		b.Reset()
		b.WriteString(`INSERT INTO names (database_id, kind, schema_name, table_name, column_name, lname) VALUES `)
		args := make([]any, 0, n*cols)
		for i, nm := range names[:n] {
			if i > 0 {
				b.WriteByte(',')
			}
			if k := i * cols; s.dialect.positional {
				b.WriteString("(?,?,?,?,?,?)")
			} else {
				fmt.Fprintf(&b, "($%d,$%d,$%d,$%d,$%d,$%d)", k+1, k+2, k+3, k+4, k+5, k+6)
			}
			leaf := nm.Table
			if nm.Kind == "column" {
				leaf = nm.Column
			}
			args = append(args, id, nm.Kind, nm.Schema, nm.Table, nm.Column, strings.ToLower(leaf))
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
		names = names[n:]
	}
	return nil
}

// databaseColumns are read from databases d joined with its latest version v
// (see databaseFrom).
const databaseColumns = `d.id, d.scope_key, d.url, d.ext_id, d.schemas, d.exclude, d.last_hash, d.created_at, d.last_seen_at,
  d.last_change_at, d.version_count, d.pushes, d.stats, d.stats_at, COALESCE(v.tables, 0), COALESCE(v.parse_error, '')`

const databaseFrom = ` FROM databases d LEFT JOIN versions v ON v.id = d.latest_version_id`

func scanDatabase(sc interface{ Scan(...any) error }) (*Database, error) {
	var (
		d                               Database
		schemas, exclude                string
		created, seen, changed, statsAt int64
	)
	err := sc.Scan(&d.ID, &d.Scope.Key, &d.Scope.URL, &d.Scope.ExtID, &schemas, &exclude, &d.LastHash,
		&created, &seen, &changed, &d.VersionCount, &d.Pushes, &d.Stats, &statsAt, &d.Tables, &d.ParseError)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	_ = json.Unmarshal([]byte(schemas), &d.Scope.Schemas)
	_ = json.Unmarshal([]byte(exclude), &d.Scope.Exclude)
	d.CreatedAt, d.LastSeenAt, d.LastChangeAt, d.StatsAt = fromMicros(created), fromMicros(seen), fromMicros(changed), fromMicros(statsAt)
	return &d, nil
}

func (s *sqlStore) Databases(ctx context.Context) (_ []Database, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+databaseColumns+databaseFrom+` ORDER BY d.last_change_at DESC, d.id`)
	if err != nil {
		return nil, fmt.Errorf("store: listing databases: %w", err)
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	var out []Database
	for rows.Next() {
		d, err := scanDatabase(rows)
		if err != nil {
			return nil, fmt.Errorf("store: listing databases: %w", err)
		}
		out = append(out, *d)
	}
	return out, rows.Err()
}

func (s *sqlStore) Database(ctx context.Context, id int64) (*Database, error) {
	d, err := scanDatabase(s.db.QueryRowContext(ctx, `SELECT `+databaseColumns+databaseFrom+` WHERE d.id = $1`, id))
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("store: reading database %d: %w", id, err)
	}
	return d, err
}

const versionColumns = `v.id, v.database_id, v.seq, v.hash, v.content_sha256, v.created_at, v.changes, v.parse_error, v.tables`

func scanVersion(sc interface{ Scan(...any) error }, withDetail bool) (*Version, error) {
	var (
		v       Version
		created int64
		changes string
		detail  sql.NullString
	)
	dest := []any{&v.ID, &v.DatabaseID, &v.Seq, &v.Hash, &v.ContentHash, &created, &changes, &v.ParseError, &v.Tables}
	if withDetail {
		dest = append(dest, &detail)
	}
	err := sc.Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	v.CreatedAt = fromMicros(created)
	_ = json.Unmarshal([]byte(changes), &v.Changes)
	if detail.Valid {
		v.Detail = []byte(detail.String)
	}
	return &v, nil
}

func (s *sqlStore) Versions(ctx context.Context, databaseID int64) (_ []Version, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+versionColumns+` FROM versions v WHERE v.database_id = $1 ORDER BY v.seq DESC`, databaseID)
	if err != nil {
		return nil, fmt.Errorf("store: listing versions: %w", err)
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	var out []Version
	for rows.Next() {
		v, err := scanVersion(rows, false)
		if err != nil {
			return nil, fmt.Errorf("store: listing versions: %w", err)
		}
		out = append(out, *v)
	}
	return out, rows.Err()
}

func (s *sqlStore) Version(ctx context.Context, databaseID int64, seq int) (*Version, error) {
	v, err := scanVersion(s.db.QueryRowContext(ctx, `SELECT `+versionColumns+`, v.detail
FROM versions v WHERE v.database_id = $1 AND v.seq = $2`, databaseID, seq), true)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("store: reading version %d: %w", seq, err)
	}
	return v, err
}

func (s *sqlStore) HCL(ctx context.Context, contentHash string) (string, error) {
	var hcl string
	err := s.db.QueryRowContext(ctx, `SELECT hcl FROM contents WHERE sha256 = $1`, contentHash).Scan(&hcl)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("store: reading HCL: %w", err)
	}
	return hcl, nil
}

func (s *sqlStore) Snapshot(ctx context.Context, contentHash string) ([]byte, error) {
	var snap sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT snapshot FROM contents WHERE sha256 = $1`, contentHash).Scan(&snap)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: reading a snapshot: %w", err)
	}
	if !snap.Valid {
		return nil, nil
	}
	return []byte(snap.String), nil
}

func (s *sqlStore) SetSnapshot(ctx context.Context, contentHash string, snapshot []byte) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE contents SET snapshot = $1 WHERE sha256 = $2`, nullText(snapshot), contentHash); err != nil {
		return fmt.Errorf("store: recording a snapshot: %w", err)
	}
	return nil
}

func (s *sqlStore) Search(ctx context.Context, q string, limit int) (_ []Hit, err error) {
	pattern := "%" + likeEscaper.Replace(strings.ToLower(q)) + "%"
	// Exact and prefix matches first: they are usually what the user means.
	rows, err := s.db.QueryContext(ctx, `SELECT n.database_id, CASE WHEN d.ext_id <> '' THEN d.ext_id ELSE d.url END,
  n.kind, n.schema_name, n.table_name, n.column_name
FROM names n JOIN databases d ON d.id = n.database_id
WHERE n.lname LIKE $1 ESCAPE '\'
ORDER BY CASE WHEN n.lname = $2 THEN 0 WHEN n.lname LIKE $3 ESCAPE '\' THEN 1 ELSE 2 END,
  n.kind DESC, n.lname, n.schema_name, n.table_name, n.database_id
LIMIT $4`, pattern, strings.ToLower(q), likeEscaper.Replace(strings.ToLower(q))+"%", limit)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	var out []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.DatabaseID, &h.Database, &h.Kind, &h.Schema, &h.Table, &h.Column); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func (s *sqlStore) CreateToken(ctx context.Context, name, hash string, now time.Time) (*Token, error) {
	t := &Token{Name: name, Hash: hash, CreatedAt: fromMicros(micros(now))}
	err := s.db.QueryRowContext(ctx, `INSERT INTO tokens (name, hash, created_at) VALUES ($1, $2, $3) RETURNING id`, name, hash, micros(now)).Scan(&t.ID)
	if err != nil {
		return nil, fmt.Errorf("store: creating token %q: %w", name, err)
	}
	return t, nil
}

func (s *sqlStore) Tokens(ctx context.Context) (_ []Token, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, hash, created_at, last_used_at, revoked_at FROM tokens ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: listing tokens: %w", err)
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	var out []Token
	for rows.Next() {
		var (
			t                      Token
			created, used, revoked int64
		)
		if err := rows.Scan(&t.ID, &t.Name, &t.Hash, &created, &used, &revoked); err != nil {
			return nil, fmt.Errorf("store: listing tokens: %w", err)
		}
		t.CreatedAt, t.LastUsedAt, t.RevokedAt = fromMicros(created), fromMicros(used), fromMicros(revoked)
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s *sqlStore) RevokeToken(ctx context.Context, name string, now time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at = 0`, micros(now), name)
	if err != nil {
		return 0, fmt.Errorf("store: revoking token %q: %w", name, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func (s *sqlStore) TouchToken(ctx context.Context, id int64, now time.Time) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE tokens SET last_used_at = $1 WHERE id = $2`, micros(now), id); err != nil {
		return fmt.Errorf("store: recording token use: %w", err)
	}
	return nil
}

func errorsJoinRollback(err error, tx *sql.Tx) error {
	if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
		return errors.Join(err, rerr)
	}
	return err
}

func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromMicros(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

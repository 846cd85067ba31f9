package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schemawatch/schemawatch/schema"
	"github.com/schemawatch/schemawatch/server/store"
)

//go:embed assets
var assets embed.FS

// Page sizes keep every page small whatever the schema: a 5,000-table schema
// is browsed a page of tables at a time, each table on its own page.
const (
	tablesPerPage = 100
	erdMaxTables  = 120
	searchLimit   = 200
	changesShown  = 40 // entries of one version's summary on the changelog
	rawHCLLines   = 3000
)

func parseTemplates() (*template.Template, error) {
	funcs := template.FuncMap{
		"join":   strings.Join,
		"add":    func(a, b int) int { return a + b },
		"dbName": dbName,
		"short":  shortHash,
		"clock":  func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return "1 " + one
			}
			return strconv.Itoa(n) + " " + many
		},
		"tableURL": func(id int64, schemaName, table string) string {
			return fmt.Sprintf("/db/%d/tables/%s/%s", id, url.PathEscape(schemaName), url.PathEscape(table))
		},
		"first": func(n int, l []string) []string { return l[:min(n, len(l))] },
		"more":  func(n int, l []string) int { return max(len(l)-n, 0) },
	}
	t, err := template.New("").Funcs(funcs).ParseFS(assets, "assets/*.html")
	if err != nil {
		return nil, fmt.Errorf("server: templates: %w", err)
	}
	return t, nil
}

// page is what every page template gets.
type page struct {
	Title string
	Tab   string // databases, schema, erd, changes, search
	DB    *store.Database
	V     *store.Version
	Now   time.Time
	Query string
	Data  any
}

// Ago renders t relative to the page's time.
func (p *page) Ago(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := p.Now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	default:
		return plural(int(d/(24*time.Hour)), "day") + " ago"
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

func dbName(d *store.Database) string {
	if d.Scope.ExtID != "" {
		return d.Scope.ExtID
	}
	return d.Scope.URL
}

func shortHash(h string) string {
	if i := strings.IndexByte(h, ':'); i >= 0 && len(h) > i+13 {
		return h[:i+13]
	}
	return h
}

// render executes a template into memory first, so a failure becomes a
// clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, p *page) {
	p.Now = s.now()
	var b bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&b, name, p); err != nil {
		s.log.Error("rendering a page", "page", name, "err", err)
		http.Error(w, "internal error rendering the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = b.WriteTo(w)
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	w.WriteHeader(status)
	s.render(w, r, "error.html", &page{Title: http.StatusText(status), Data: msg})
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	sub, _ := fs.Sub(assets, "assets/static")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.StripPrefix("/static/", http.FileServerFS(sub)).ServeHTTP(w, r)
}

func (s *Server) handleDatabases(w http.ResponseWriter, r *http.Request) {
	dbs, err := s.st.Databases(r.Context())
	if err != nil {
		s.log.Error("listing databases", "err", err)
		s.fail(w, r, http.StatusInternalServerError, "The store could not be read.")
		return
	}
	s.render(w, r, "databases.html", &page{Title: "Databases", Tab: "databases", Data: dbs})
}

// loadDB reads the database named in the path; it answers the request itself
// when it returns nil.
func (s *Server) loadDB(w http.ResponseWriter, r *http.Request) *store.Database {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "There is no such database.")
		return nil
	}
	d, err := s.st.Database(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "There is no such database.")
		return nil
	}
	if err != nil {
		s.log.Error("reading a database", "err", err)
		s.fail(w, r, http.StatusInternalServerError, "The store could not be read.")
		return nil
	}
	return d
}

// loadVersion reads the version given by ?v= (the latest by default) and
// its parse; nil when the database has no version yet.
func (s *Server) loadVersion(w http.ResponseWriter, r *http.Request, d *store.Database, param string) (*store.Version, *derived, bool) {
	seq := d.VersionCount
	if v := r.URL.Query().Get(param); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > d.VersionCount {
			s.fail(w, r, http.StatusNotFound, "There is no such version.")
			return nil, nil, false
		}
		seq = n
	}
	if seq == 0 {
		return nil, nil, true
	}
	v, err := s.st.Version(r.Context(), d.ID, seq)
	var der *derived
	if err == nil {
		der, err = s.snapshotOf(r.Context(), v)
	}
	if err != nil {
		s.log.Error("reading a version", "err", err)
		s.fail(w, r, http.StatusInternalServerError, "The store could not be read.")
		return nil, nil, false
	}
	return v, der, true
}

// tableRef is a table with the name of its schema.
type tableRef struct {
	schema string
	table  *schema.Table
}

// schemaView is the data of the schema page.
type schemaView struct {
	Snap       *schema.Snapshot
	ParseError string
	RawHCL     string
	RawTrunc   int // lines not shown
	Schemas    []schemaCount
	Schema     *schema.Schema
	Filter     string
	Tables     []tableRow
	Total      int
	Page       int
	Pages      int
	PrevURL    string
	NextURL    string
	Triggers   []triggerRow
	Counts     []kindCount
}

type schemaCount struct {
	Name    string
	Objects int
	Active  bool
	URL     string
}

type kindCount struct {
	Kind string
	N    int
}

type tableRow struct {
	Name     string
	Columns  int
	PK       string
	Indexes  int
	FKs      int
	Comment  string
	Partial  bool
	Triggers int
}

type triggerRow struct {
	Table string
	schema.Trigger
}

func (s *Server) handleSchema(w http.ResponseWriter, r *http.Request) {
	d := s.loadDB(w, r)
	if d == nil {
		return
	}
	v, der, ok := s.loadVersion(w, r, d, "v")
	if !ok {
		return
	}
	p := &page{Title: dbName(d), Tab: "schema", DB: d, V: v}
	if v == nil {
		s.render(w, r, "schema.html", p)
		return
	}
	view := &schemaView{}
	p.Data = view
	if der.snap == nil {
		view.ParseError = der.parseError()
		hcl, err := s.st.HCL(r.Context(), v.ContentHash)
		if err != nil {
			s.log.Error("reading HCL", "err", err)
			s.fail(w, r, http.StatusInternalServerError, "The store could not be read.")
			return
		}
		lines := strings.SplitAfter(hcl, "\n")
		if len(lines) > rawHCLLines {
			view.RawTrunc = len(lines) - rawHCLLines
			lines = lines[:rawHCLLines]
		}
		view.RawHCL = strings.Join(lines, "")
		s.render(w, r, "schema.html", p)
		return
	}
	snap := der.snap
	view.Snap = snap
	q := r.URL.Query()
	current := q.Get("schema")
	if current == "" && len(snap.Schemas) > 0 {
		current = snap.Schemas[0].Name
	}
	base := fmt.Sprintf("/db/%d", d.ID)
	for i := range snap.Schemas {
		sc := &snap.Schemas[i]
		u := url.Values{"schema": {sc.Name}}
		if r.URL.Query().Get("v") != "" {
			u.Set("v", strconv.Itoa(v.Seq))
		}
		view.Schemas = append(view.Schemas, schemaCount{
			Name: sc.Name, Active: sc.Name == current, URL: base + "?" + u.Encode(),
			Objects: len(sc.Tables) + len(sc.Views) + len(sc.Routines) + len(sc.Enums) + len(sc.Sequences) + len(sc.Domains) + len(sc.Composites),
		})
		if sc.Name == current {
			view.Schema = sc
		}
	}
	if view.Schema == nil {
		s.render(w, r, "schema.html", p)
		return
	}
	sc := view.Schema
	view.Counts = []kindCount{{"tables", len(sc.Tables)}, {"views", len(sc.Views)}, {"functions", len(sc.Routines)},
		{"enums", len(sc.Enums)}, {"sequences", len(sc.Sequences)}, {"domains", len(sc.Domains)}, {"types", len(sc.Composites)}, {"events", len(sc.Events)}}
	view.Filter = strings.TrimSpace(q.Get("q"))
	lf := strings.ToLower(view.Filter)
	var matched []*schema.Table
	for i := range sc.Tables {
		if lf == "" || strings.Contains(strings.ToLower(sc.Tables[i].Name), lf) {
			matched = append(matched, &sc.Tables[i])
		}
		for _, tr := range sc.Tables[i].Triggers {
			view.Triggers = append(view.Triggers, triggerRow{Table: sc.Tables[i].Name, Trigger: tr})
		}
	}
	view.Total = len(matched)
	view.Pages = max((len(matched)+tablesPerPage-1)/tablesPerPage, 1)
	view.Page, _ = strconv.Atoi(q.Get("page"))
	view.Page = min(max(view.Page, 1), view.Pages)
	lo := (view.Page - 1) * tablesPerPage
	for _, t := range matched[lo:min(lo+tablesPerPage, len(matched))] {
		row := tableRow{Name: t.Name, Columns: len(t.Columns), Indexes: len(t.Indexes), FKs: len(t.ForeignKeys),
			Comment: t.Comment, Partial: t.PartitionOf != nil, Triggers: len(t.Triggers)}
		if t.PrimaryKey != nil {
			row.PK = strings.Join(t.PrimaryKey.Columns, ", ")
		}
		view.Tables = append(view.Tables, row)
	}
	pageURL := func(n int) string {
		u := url.Values{"schema": {sc.Name}, "page": {strconv.Itoa(n)}}
		if view.Filter != "" {
			u.Set("q", view.Filter)
		}
		if q.Get("v") != "" {
			u.Set("v", strconv.Itoa(v.Seq))
		}
		return base + "?" + u.Encode()
	}
	if view.Page > 1 {
		view.PrevURL = pageURL(view.Page - 1)
	}
	if view.Page < view.Pages {
		view.NextURL = pageURL(view.Page + 1)
	}
	s.render(w, r, "schema.html", p)
}

// tableView is the data of a table page.
type tableView struct {
	Schema   string
	Table    *schema.Table
	PK       map[string]bool
	FK       map[string]string // column → referenced table page
	Indexed  map[string]bool
	Incoming []incomingFK
	ERD      template.HTML
}

type incomingFK struct {
	Schema, Table string
	FK            schema.ForeignKey
}

func (s *Server) handleTable(w http.ResponseWriter, r *http.Request) {
	d := s.loadDB(w, r)
	if d == nil {
		return
	}
	v, der, ok := s.loadVersion(w, r, d, "v")
	if !ok {
		return
	}
	if v == nil || der.snap == nil {
		s.fail(w, r, http.StatusNotFound, "This version has no parsed schema to browse.")
		return
	}
	schemaName, tableName := r.PathValue("schema"), r.PathValue("table")
	var (
		t     *schema.Table
		all   []tableRef
		byKey = map[string]*schema.Table{}
	)
	for i := range der.snap.Schemas {
		sc := &der.snap.Schemas[i]
		for j := range sc.Tables {
			all = append(all, tableRef{sc.Name, &sc.Tables[j]})
			byKey[erdKey(sc.Name, sc.Tables[j].Name)] = &sc.Tables[j]
			if sc.Name == schemaName && sc.Tables[j].Name == tableName {
				t = &sc.Tables[j]
			}
		}
	}
	if t == nil {
		s.fail(w, r, http.StatusNotFound, fmt.Sprintf("There is no table %s.%s in version %d.", schemaName, tableName, v.Seq))
		return
	}
	tv := &tableView{Schema: schemaName, Table: t, PK: map[string]bool{}, FK: map[string]string{}, Indexed: map[string]bool{}}
	if t.PrimaryKey != nil {
		for _, c := range t.PrimaryKey.Columns {
			tv.PK[c] = true
		}
	}
	for _, ix := range t.Indexes {
		for _, part := range ix.Parts {
			tv.Indexed[part.Column] = true
		}
	}
	href := func(sn, tn string) string {
		return fmt.Sprintf("/db/%d/tables/%s/%s", d.ID, url.PathEscape(sn), url.PathEscape(tn))
	}
	// The neighbourhood: this table, what it references, what references it.
	near := []tableRef{{schemaName, t}}
	seen := map[string]bool{erdKey(schemaName, t.Name): true}
	for _, f := range t.ForeignKeys {
		rs := cmpOr(f.RefSchema, schemaName)
		for _, c := range f.Columns {
			tv.FK[c] = href(rs, f.RefTable)
		}
		if k := erdKey(rs, f.RefTable); !seen[k] && byKey[k] != nil && len(near) < 40 {
			seen[k] = true
			near = append(near, tableRef{rs, byKey[k]})
		}
	}
	for _, o := range all {
		for _, f := range o.table.ForeignKeys {
			if cmpOr(f.RefSchema, o.schema) == schemaName && f.RefTable == t.Name {
				tv.Incoming = append(tv.Incoming, incomingFK{o.schema, o.table.Name, f})
				if k := erdKey(o.schema, o.table.Name); !seen[k] && len(near) < 40 {
					seen[k] = true
					near = append(near, o)
				}
			}
		}
	}
	tv.ERD = template.HTML(renderERD(near, href)) // renderERD escapes every name it writes
	s.render(w, r, "table.html", &page{Title: schemaName + "." + t.Name, Tab: "schema", DB: d, V: v, Data: tv})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// erdView is the data of the ERD page.
type erdView struct {
	Schemas []schemaCount
	Schema  string
	Shown   int
	Total   int
	SVG     template.HTML
}

// erdTables picks the tables of the ERD: those of one schema, or when there
// are too many to read, the most connected ones.
func erdTables(snap *schema.Snapshot, schemaName string) (string, []tableRef, int) {
	var sc *schema.Schema
	for i := range snap.Schemas {
		if snap.Schemas[i].Name == schemaName || (schemaName == "" && sc == nil) {
			sc = &snap.Schemas[i]
		}
	}
	if sc == nil {
		return schemaName, nil, 0
	}
	refs := make([]tableRef, len(sc.Tables))
	for i := range sc.Tables {
		refs[i] = tableRef{sc.Name, &sc.Tables[i]}
	}
	if len(refs) > erdMaxTables {
		degree := map[string]int{}
		for _, t := range refs {
			for _, f := range t.table.ForeignKeys {
				degree[t.table.Name]++
				degree[f.RefTable]++
			}
		}
		slices.SortStableFunc(refs, func(a, b tableRef) int { return degree[b.table.Name] - degree[a.table.Name] })
		refs = refs[:erdMaxTables]
		slices.SortFunc(refs, func(a, b tableRef) int { return strings.Compare(a.table.Name, b.table.Name) })
	}
	return sc.Name, refs, len(sc.Tables)
}

func (s *Server) erdSVG(w http.ResponseWriter, r *http.Request) (*store.Database, *store.Version, *erdView) {
	d := s.loadDB(w, r)
	if d == nil {
		return nil, nil, nil
	}
	v, der, ok := s.loadVersion(w, r, d, "v")
	if !ok {
		return nil, nil, nil
	}
	if v == nil || der.snap == nil {
		s.fail(w, r, http.StatusNotFound, "This version has no parsed schema to draw.")
		return nil, nil, nil
	}
	ev := &erdView{}
	name, refs, total := erdTables(der.snap, r.URL.Query().Get("schema"))
	ev.Schema, ev.Shown, ev.Total = name, len(refs), total
	for _, sc := range der.snap.Schemas {
		ev.Schemas = append(ev.Schemas, schemaCount{Name: sc.Name, Objects: len(sc.Tables), Active: sc.Name == name,
			URL: fmt.Sprintf("/db/%d/erd?schema=%s", d.ID, url.QueryEscape(sc.Name))})
	}
	ev.SVG = template.HTML(renderERD(refs, func(sn, tn string) string {
		return fmt.Sprintf("/db/%d/tables/%s/%s", d.ID, url.PathEscape(sn), url.PathEscape(tn))
	}))
	return d, v, ev
}

func (s *Server) handleERD(w http.ResponseWriter, r *http.Request) {
	d, v, ev := s.erdSVG(w, r)
	if ev == nil {
		return
	}
	s.render(w, r, "erd.html", &page{Title: "ERD · " + dbName(d), Tab: "erd", DB: d, V: v, Data: ev})
}

func (s *Server) handleERDSVG(w http.ResponseWriter, r *http.Request) {
	_, _, ev := s.erdSVG(w, r)
	if ev == nil {
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	_, _ = w.Write([]byte(ev.SVG))
}

// changesView is the data of the changelog.
type changesView struct {
	Versions []store.Version
	Shown    int
}

func (s *Server) handleChanges(w http.ResponseWriter, r *http.Request) {
	d := s.loadDB(w, r)
	if d == nil {
		return
	}
	vs, err := s.st.Versions(r.Context(), d.ID)
	if err != nil {
		s.log.Error("listing versions", "err", err)
		s.fail(w, r, http.StatusInternalServerError, "The store could not be read.")
		return
	}
	s.render(w, r, "changes.html", &page{Title: "Changelog · " + dbName(d), Tab: "changes", DB: d, Data: &changesView{Versions: vs, Shown: changesShown}})
}

// pairDiff is what the diff of two versions computes.
type pairDiff struct {
	changes  *schema.Changes
	hunks    []diffHunk
	tooLarge bool
	err      error // the store could not be read; not kept
}

// diffView is the data of the diff page.
type diffView struct {
	From, To *store.Version
	Seqs     []int
	Changes  *schema.Changes // nil when a version did not parse
	Hunks    []diffHunk
	TooLarge bool
	Added    int
	Removed  int
}

func (s *Server) handleDiff(w http.ResponseWriter, r *http.Request) {
	d := s.loadDB(w, r)
	if d == nil {
		return
	}
	if d.VersionCount == 0 {
		s.fail(w, r, http.StatusNotFound, "This database has no versions yet.")
		return
	}
	q := r.URL.Query()
	to, err := strconv.Atoi(cmpOr(q.Get("to"), strconv.Itoa(d.VersionCount)))
	if err != nil || to < 1 || to > d.VersionCount {
		s.fail(w, r, http.StatusNotFound, "There is no such version.")
		return
	}
	from, err := strconv.Atoi(cmpOr(q.Get("from"), strconv.Itoa(max(to-1, 1))))
	if err != nil || from < 1 || from > d.VersionCount {
		s.fail(w, r, http.StatusNotFound, "There is no such version.")
		return
	}
	a, err := s.st.Version(r.Context(), d.ID, from)
	if err == nil {
		var b *store.Version
		b, err = s.st.Version(r.Context(), d.ID, to)
		if err == nil {
			dv := &diffView{From: a, To: b}
			for i := d.VersionCount; i >= 1; i-- {
				dv.Seqs = append(dv.Seqs, i)
			}
			// Comparing two large schemas takes a while; the pair's diff is kept.
			key := sha256.Sum256([]byte(a.ContentHash + "\x00" + b.ContentHash))
			pd := s.diffs.get(key, func() *pairDiff { return s.compare(context.WithoutCancel(r.Context()), a, b) })
			if pd.err != nil {
				s.diffs.forget(key)
				s.log.Error("comparing versions", "err", pd.err)
				s.fail(w, r, http.StatusInternalServerError, "The store could not be read.")
				return
			}
			dv.Changes, dv.Hunks, dv.TooLarge = pd.changes, pd.hunks, pd.tooLarge
			for _, h := range dv.Hunks {
				for _, l := range h.Lines {
					switch l.Op {
					case '+':
						dv.Added++
					case '-':
						dv.Removed++
					}
				}
			}
			s.render(w, r, "diff.html", &page{Title: fmt.Sprintf("Diff %d → %d · %s", from, to, dbName(d)), Tab: "changes", DB: d, V: b, Data: dv})
			return
		}
	}
	s.log.Error("reading versions", "err", err)
	s.fail(w, r, http.StatusInternalServerError, "The store could not be read.")
}

// compare computes the diff of two versions. The object changes of a
// version against the one before it were recorded at push time; other pairs
// are compared here.
func (s *Server) compare(ctx context.Context, a, b *store.Version) *pairDiff {
	ha, err := s.st.HCL(ctx, a.ContentHash)
	if err != nil {
		return &pairDiff{err: err}
	}
	hb, err := s.st.HCL(ctx, b.ContentHash)
	if err != nil {
		return &pairDiff{err: err}
	}
	pd := &pairDiff{}
	if dt, ok := decodeDetail(b.Detail); ok && a.Seq == b.Seq-1 {
		pd.changes = dt.Changes
	} else {
		da, err := s.snapshotOf(ctx, a)
		if err != nil {
			return &pairDiff{err: err}
		}
		db, err := s.snapshotOf(ctx, b)
		if err != nil {
			return &pairDiff{err: err}
		}
		pd.changes = diff(da, db)
	}
	pd.hunks, pd.tooLarge = lineDiff(ha, hb, 3)
	pd.tooLarge = !pd.tooLarge
	return pd
}

func (s *Server) handleHCL(w http.ResponseWriter, r *http.Request) {
	d := s.loadDB(w, r)
	if d == nil {
		return
	}
	seq, err := strconv.Atoi(r.PathValue("seq"))
	if err != nil || seq < 1 || seq > d.VersionCount {
		s.fail(w, r, http.StatusNotFound, "There is no such version.")
		return
	}
	v, err := s.st.Version(r.Context(), d.ID, seq)
	var hcl string
	if err == nil {
		hcl, err = s.st.HCL(r.Context(), v.ContentHash)
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "The store could not be read.")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte(hcl))
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	var hits []store.Hit
	if q != "" {
		var err error
		hits, err = s.st.Search(r.Context(), q, searchLimit)
		if err != nil {
			s.log.Error("search", "err", err)
			s.fail(w, r, http.StatusInternalServerError, "The store could not be searched.")
			return
		}
	}
	s.render(w, r, "search.html", &page{Title: "Search", Tab: "search", Query: q, Data: hits})
}

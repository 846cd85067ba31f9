package server

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/schemawatch/schemawatch/cloudapi"
	"github.com/schemawatch/schemawatch/server/store"
)

// gqlRequest is a GraphQL-over-HTTP request body.
type gqlRequest struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

// gqlError is one entry of a reply's "errors" array.
type gqlError struct {
	Message string `json:"message"`
	Path    []any  `json:"path,omitempty"`
}

// handleQuery serves the snapshot API. It understands exactly the two fields
// Atlas Cloud offers to the monitor action, snapshotHash and pushSnapshot,
// however the document is spelled: it is parsed as GraphQL, the operation is
// picked by operationName (or is the only one), and each top-level field is
// answered with the sub-fields it selects. Anything else is a GraphQL error.
func (s *Server) handleQuery(w http.ResponseWriter, r *http.Request) {
	if err := s.authenticate(r); err != nil {
		if !errors.Is(err, errNoToken) && !errors.Is(err, errBadToken) {
			s.log.Error("checking a token", "err", err)
			writeErrors(w, http.StatusInternalServerError, gqlError{Message: "internal error"})
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="schemawatch"`)
		writeErrors(w, http.StatusUnauthorized, gqlError{Message: err.Error()})
		return
	}
	var req gqlRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeErrors(w, http.StatusRequestEntityTooLarge, gqlError{Message: fmt.Sprintf("the request is larger than %d bytes (the server's --max-body)", tooBig.Limit)})
			return
		}
		writeErrors(w, http.StatusBadRequest, gqlError{Message: "the body is not a GraphQL JSON request: " + err.Error()})
		return
	}
	doc, gerr := parser.ParseQuery(&ast.Source{Name: "query", Input: req.Query})
	if gerr != nil {
		writeErrors(w, http.StatusBadRequest, gqlError{Message: "the GraphQL document does not parse: " + gerr.Error()})
		return
	}
	op := doc.Operations.ForName(req.OperationName)
	if op == nil {
		writeErrors(w, http.StatusBadRequest, gqlError{Message: fmt.Sprintf("no operation %q in the document (give operationName when there are several)", req.OperationName)})
		return
	}
	data := &object{}
	var (
		errs []gqlError
		ext  *cloudapi.Extension
	)
	for _, sel := range op.SelectionSet {
		f, ok := sel.(*ast.Field)
		if !ok {
			errs = append(errs, gqlError{Message: "fragments are not supported at the top level"})
			continue
		}
		key := f.Alias
		if key == "" {
			key = f.Name
		}
		val, e, err := s.resolve(r, op.Operation, f, req.Variables)
		if err != nil {
			errs = append(errs, gqlError{Message: err.Error(), Path: []any{key}})
			data.set(key, nil)
			continue
		}
		if e != nil {
			ext = e
		}
		data.set(key, val)
	}
	reply := &object{}
	if len(errs) > 0 {
		reply.set("errors", errs)
	}
	reply.set("data", data)
	if ext != nil {
		reply.set("extensions", map[string]any{cloudapi.ExtensionName: ext})
	}
	writeJSON(w, http.StatusOK, reply)
}

// resolve answers one top-level field.
func (s *Server) resolve(r *http.Request, kind ast.Operation, f *ast.Field, vars map[string]any) (*object, *cloudapi.Extension, error) {
	switch {
	case kind == ast.Query && f.Name == "snapshotHash":
		var in cloudapi.ScopeIdent
		if err := decodeInput(f, vars, &in); err != nil {
			return nil, nil, err
		}
		h, err := s.st.LastHash(r.Context(), ScopeKey(in))
		if err != nil {
			s.log.Error("snapshotHash", "err", err)
			return nil, nil, errors.New("internal error reading the stored hash")
		}
		out, err := selectFields(f, map[string]any{"hash": h})
		return out, nil, err
	case kind == ast.Mutation && f.Name == "pushSnapshot":
		var in cloudapi.PushSnapshotInput
		if err := decodeInput(f, vars, &in); err != nil {
			return nil, nil, err
		}
		res, err := s.push(r.Context(), in, s.baseURL(r))
		if err != nil {
			return nil, nil, err
		}
		out, err := selectFields(f, map[string]any{"newVersion": res.NewVersion, "url": res.URL})
		if err != nil {
			return nil, nil, err
		}
		var ext *cloudapi.Extension
		if res.Changes != nil {
			ext = &cloudapi.Extension{Changes: res.Changes}
		}
		return out, ext, nil
	}
	return nil, nil, fmt.Errorf("unknown %s field %q (this server answers query snapshotHash and mutation pushSnapshot)", kind, f.Name)
}

// decodeInput reads the field's "input" argument, a variable or a literal.
func decodeInput(f *ast.Field, vars map[string]any, dst any) error {
	arg := f.Arguments.ForName("input")
	if arg == nil {
		return fmt.Errorf("%s: the argument input is required", f.Name)
	}
	v, err := arg.Value.Value(vars)
	if err != nil {
		return fmt.Errorf("%s: input: %w", f.Name, err)
	}
	if v == nil {
		return fmt.Errorf("%s: input is null", f.Name)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("%s: input: %w", f.Name, err)
	}
	if err := json.Unmarshal(b, dst); err != nil {
		return fmt.Errorf("%s: input does not have the expected shape: %w", f.Name, err)
	}
	return nil
}

// selectFields returns the sub-fields f selects from values, in the order
// selected and under their aliases.
func selectFields(f *ast.Field, values map[string]any) (*object, error) {
	out := &object{}
	for _, sel := range f.SelectionSet {
		sf, ok := sel.(*ast.Field)
		if !ok {
			return nil, fmt.Errorf("%s: fragments are not supported", f.Name)
		}
		key := sf.Alias
		if key == "" {
			key = sf.Name
		}
		if sf.Name == "__typename" {
			out.set(key, f.Name)
			continue
		}
		v, ok := values[sf.Name]
		if !ok {
			return nil, fmt.Errorf("%s has no field %q", f.Name, sf.Name)
		}
		out.set(key, v)
	}
	return out, nil
}

// pushResult is what a push did, as the reply reports it.
type pushResult struct {
	NewVersion bool
	URL        string
	Changes    *cloudapi.ChangeSummary
}

// maxPushAttempts bounds retries of a push that lost a race with another push
// of the same scope; each retry recomputes the change summary.
const maxPushAttempts = 5

// push records a pushSnapshot. The HCL is parsed and compared with the
// previous version before the store's transaction, so the transaction stays
// short; if another push of the scope committed in between, the store says
// so and the comparison is made again.
func (s *Server) push(ctx context.Context, in cloudapi.PushSnapshotInput, base string) (*pushResult, error) {
	if in.URL == "" && in.ExtID == "" {
		return nil, errors.New("pushSnapshot: input.url is required")
	}
	scope := scopeOf(in.ScopeIdent)
	rec := store.PushRecord{Scope: scope, HashMatch: in.HashMatch}
	if in.Stats != nil && in.Stats.Stats != "" {
		rec.Stats, rec.StatsAt = in.Stats.Stats, in.Stats.Time
	}
	var (
		next    *derived
		content string
	)
	if !in.HashMatch {
		if in.Snapshot == nil || in.Snapshot.HCL == "" {
			return nil, errors.New("pushSnapshot: input.snapshot with its hcl is required when hashMatch is false")
		}
		rec.Hash, rec.HCL = in.Snapshot.Hash, in.Snapshot.HCL
		key := contentKey(rec.HCL)
		content = hex.EncodeToString(key[:])
		next = s.derive(in.Snapshot.HCL)
		rec.ParseError, rec.Tables, rec.Names = next.parseError(), next.tables, next.names()
		if next.snap != nil {
			// Kept beside the HCL so that no page parses it again.
			rec.Snapshot, _ = next.snap.CanonicalJSON()
		}
	}
	var summary *cloudapi.ChangeSummary
	for attempt := 1; ; attempt++ {
		rec.Now = s.now()
		if next != nil {
			prev, err := s.st.Latest(ctx, scope.Key)
			if err != nil {
				s.log.Error("pushSnapshot", "err", err)
				return nil, errors.New("pushSnapshot: internal error reading the previous version")
			}
			rec.BaseVersionID, rec.Changes, rec.Detail, rec.BaseNames, summary = 0, store.Changes{}, nil, nil, nil
			if prev != nil {
				rec.BaseVersionID = prev.ID
				if prev.ContentHash != content {
					base, err := s.snapshotOf(ctx, prev)
					if err != nil {
						s.log.Error("pushSnapshot", "err", err)
						return nil, errors.New("pushSnapshot: internal error reading the previous version")
					}
					c := diff(base, next)
					rec.Changes, rec.Detail, rec.BaseNames = summarize(c), encodeDetail(c), base.names()
					summary = toSummary(rec.Changes)
				}
			}
		}
		out, err := s.st.Push(ctx, rec)
		if errors.Is(err, store.ErrConflict) && attempt < maxPushAttempts {
			continue
		}
		if err != nil {
			s.log.Error("pushSnapshot", "err", err)
			return nil, errors.New("pushSnapshot: internal error storing the snapshot")
		}
		res := &pushResult{NewVersion: out.NewVersion, URL: databaseURL(base, out.DatabaseID)}
		if out.NewVersion && out.Seq > 1 {
			res.Changes = summary
			s.hooks.notify(ctx, event{
				DatabaseID: out.DatabaseID, Scope: scope, Version: out.Seq, Hash: rec.Hash,
				Time: rec.Now, URL: res.URL + "/diff?from=" + strconv.Itoa(out.Seq-1) + "&to=" + strconv.Itoa(out.Seq),
				Changes: rec.Changes,
			})
		}
		return res, nil
	}
}

func databaseURL(base string, id int64) string {
	return base + "/db/" + strconv.FormatInt(id, 10)
}

func toSummary(c store.Changes) *cloudapi.ChangeSummary {
	return &cloudapi.ChangeSummary{Added: nonNil(c.Added), Removed: nonNil(c.Removed), Changed: nonNil(c.Changed)}
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// object is a JSON object that keeps its keys in insertion order, as GraphQL
// replies list fields in the order they were selected.
type object struct {
	keys []string
	vals []any
}

func (o *object) set(k string, v any) { o.keys, o.vals = append(o.keys, k), append(o.vals, v) }

func (o *object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(o.vals[i])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeErrors(w http.ResponseWriter, status int, errs ...gqlError) {
	reply := &object{}
	reply.set("errors", errs)
	writeJSON(w, status, reply)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"errors":[{"message":"internal error encoding the reply"}]}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// timeOrZero is used by templates and payloads to drop unset times.
func timeOrZero(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

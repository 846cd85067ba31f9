package schema

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// hclValue is an attribute value read without evaluating it: Atlas HCL is
// full of references (schema.public, column.id) and type calls
// (varchar(255)) that have no value outside Atlas.
type hclValue struct {
	kind  valKind
	text  string   // string value, number or bool as written, sql(...) argument, or source text
	steps []string // references: enum.s.e → [enum s e]
	list  []hclValue
}

type valKind int

const (
	valNone valKind = iota
	valString
	valNumber
	valBool
	valSQL
	valRef
	valList
	valRaw // any other expression, kept as source text (varchar(255))
)

// spell writes a literal value back.
func (v hclValue) spell() string {
	switch v.kind {
	case valString:
		return hclString(v.text)
	case valSQL:
		return sqlCall(v.text)
	}
	return v.text
}

// str is the value as a name or keyword: a string, a one-step reference
// (ALWAYS), or the source text.
func (v hclValue) str() string {
	if v.kind == valRef && len(v.steps) == 1 {
		return v.steps[0]
	}
	return v.text
}

func (v hclValue) isTrue() bool { return v.kind == valBool && v.text == "true" }

func (v hclValue) int64() int64 {
	n, _ := strconv.ParseInt(v.text, 10, 64)
	return n
}

func (v hclValue) strings() []string {
	out := make([]string, 0, len(v.list))
	for _, e := range v.list {
		out = append(out, e.str())
	}
	return out
}

// last is the last step of a reference: the column of column.c.
func (v hclValue) last() string {
	if v.kind == valRef && len(v.steps) > 0 {
		return v.steps[len(v.steps)-1]
	}
	return v.text
}

func (v hclValue) lasts() []string {
	out := make([]string, 0, len(v.list))
	for _, e := range v.list {
		out = append(out, e.last())
	}
	return out
}

func exprValue(e hclsyntax.Expression, src []byte) hclValue {
	rng := e.Range()
	text := ""
	if rng.Start.Byte >= 0 && rng.End.Byte <= len(src) && rng.Start.Byte <= rng.End.Byte {
		text = string(src[rng.Start.Byte:rng.End.Byte])
	}
	switch e := e.(type) {
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "sql" && len(e.Args) == 1 {
			if a := exprValue(e.Args[0], src); a.kind == valString {
				return hclValue{kind: valSQL, text: a.text}
			}
		}
		return hclValue{kind: valRaw, text: text}
	case *hclsyntax.ScopeTraversalExpr:
		var steps []string
		for _, t := range e.Traversal {
			switch t := t.(type) {
			case hcl.TraverseRoot:
				steps = append(steps, t.Name)
			case hcl.TraverseAttr:
				steps = append(steps, t.Name)
			case hcl.TraverseIndex:
				if t.Key.Type() == cty.String && !t.Key.IsNull() {
					steps = append(steps, t.Key.AsString())
				} else {
					return hclValue{kind: valRaw, text: text}
				}
			}
		}
		return hclValue{kind: valRef, steps: steps, text: text}
	case *hclsyntax.TupleConsExpr:
		v := hclValue{kind: valList, text: text}
		for _, x := range e.Exprs {
			v.list = append(v.list, exprValue(x, src))
		}
		return v
	case *hclsyntax.TemplateExpr, *hclsyntax.TemplateWrapExpr, *hclsyntax.LiteralValueExpr, *hclsyntax.UnaryOpExpr:
		val, diags := safeValue(e)
		if diags || !val.IsKnown() || val.IsNull() {
			return hclValue{kind: valRaw, text: text}
		}
		switch val.Type() {
		case cty.String:
			str := val.AsString()
			if strings.HasPrefix(text, "<<") {
				// WriteHCL's heredocs end the text with the line break
				// before the closing marker; it is not part of the value.
				str = strings.TrimSuffix(str, "\n")
			}
			return hclValue{kind: valString, text: str}
		case cty.Number:
			return hclValue{kind: valNumber, text: text}
		case cty.Bool:
			return hclValue{kind: valBool, text: strconv.FormatBool(val.True())}
		}
	}
	return hclValue{kind: valRaw, text: text}
}

// safeValue evaluates a literal expression with no variables; templates with
// interpolations fail instead of panicking.
func safeValue(e hclsyntax.Expression) (v cty.Value, failed bool) {
	defer func() {
		if recover() != nil {
			v, failed = cty.NilVal, true
		}
	}()
	val, diags := e.Value(nil)
	return val, diags.HasErrors()
}

// unSQL reads sql("...") source text back into its argument.
func unSQL(text string) (string, bool) {
	if !strings.HasPrefix(text, "sql(") {
		return "", false
	}
	e, diags := hclsyntax.ParseExpression([]byte(text), "", hcl.InitialPos)
	if diags.HasErrors() {
		return "", false
	}
	if v := exprValue(e, []byte(text)); v.kind == valSQL {
		return v.text, true
	}
	return "", false
}

// hblock is a parsed block with its attributes read.
type hblock struct {
	typ    string
	labels []string
	attrs  map[string]hclValue
	blocks []*hblock
	line   int
}

func readBlock(b *hclsyntax.Block, src []byte) *hblock {
	h := &hblock{typ: b.Type, labels: b.Labels, attrs: map[string]hclValue{}, line: b.TypeRange.Start.Line}
	for name, a := range b.Body.Attributes {
		h.attrs[name] = exprValue(a.Expr, src)
	}
	for _, c := range b.Body.Blocks {
		h.blocks = append(h.blocks, readBlock(c, src))
	}
	return h
}

func (h *hblock) name() string {
	if len(h.labels) == 0 {
		return ""
	}
	return h.labels[len(h.labels)-1]
}

func (h *hblock) str(name string) string { return h.attrs[name].str() }

func (h *hblock) has(name string) bool { _, ok := h.attrs[name]; return ok }

func (h *hblock) children(typ string) []*hblock {
	var out []*hblock
	for _, c := range h.blocks {
		if c.typ == typ {
			out = append(out, c)
		}
	}
	return out
}

// ParseHCL reads HCL written by WriteHCL or by the Atlas CLI back into a
// canonical snapshot. The dialect comes from a `# dialect: <name>` comment,
// the file name (.pg.hcl, .my.hcl, .ma.hcl, .lt.hcl) or the content: schema
// charset means MySQL, a lone schema "main" SQLite, anything else
// PostgreSQL. Blocks and attributes it does not know are skipped; types and
// defaults it cannot map back are kept in their HCL spelling.
func ParseHCL(src []byte, filename string) (*Snapshot, error) {
	top, err := readTopLevel(src, filename)
	if err != nil {
		return nil, err
	}
	notes, dialect := readComments(src)
	if dialect == "" {
		dialect = detectDialect(filename, top)
	}
	d, err := dialectOf(dialect)
	if err != nil {
		return nil, err
	}
	p := &hclParser{d: d, dialect: dialect, file: filename, schemas: map[string]*Schema{}, tableSchemas: map[string][]string{}, objectSchemas: map[string][]string{}}
	s, err := p.parse(top)
	if err != nil {
		return nil, err
	}
	s.Notes = notes
	s.Canonicalize()
	return s, nil
}

// readTopLevel parses src and reads its top-level blocks. Each block is
// parsed on its own where splitTopLevel can cut src safely, at its place in
// the file so that positions stay right; anything the pieces disagree with
// the whole on (an error, a top-level attribute) is decided by parsing the
// whole document, which also gives the error message.
func readTopLevel(src []byte, filename string) ([]*hblock, error) {
	if top, ok := readSpans(src, filename); ok {
		return top, nil
	}
	f, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("schema: parsing HCL: %s", oneLine(diags.Error()))
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, fmt.Errorf("schema: parsing HCL: %s: not native HCL syntax", filename)
	}
	top := make([]*hblock, 0, len(body.Blocks))
	for _, b := range body.Blocks {
		top = append(top, readBlock(b, src))
	}
	return top, nil
}

var utf8BOM = []byte("\xef\xbb\xbf")

// readSpans parses the spans splitTopLevel finds one by one; false means
// the whole document must be parsed instead.
func readSpans(src []byte, filename string) ([]*hblock, bool) {
	if bytes.LastIndex(src, utf8BOM) > 0 {
		// The lexer drops a byte-order mark only at the start of its input.
		return nil, false
	}
	spans, ok := splitTopLevel(src)
	if !ok || len(spans) < 2 {
		return nil, false
	}
	var top []*hblock
	line, prev := 1, 0
	for _, sp := range spans {
		line += bytes.Count(src[prev:sp[0]], []byte("\n"))
		prev = sp[0]
		f, diags := hclsyntax.ParseConfig(src[sp[0]:sp[1]], filename, hcl.Pos{Line: line, Column: 1, Byte: sp[0]})
		if diags.HasErrors() {
			return nil, false
		}
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok || len(body.Attributes) > 0 {
			return nil, false
		}
		for _, b := range body.Blocks {
			top = append(top, readBlock(b, src))
		}
	}
	return top, true
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// readComments reads the leading comment lines: `# warning:` notes and an
// optional `# dialect:` line.
func readComments(src []byte) (notes []Note, dialect string) {
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), len(src)+1)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "#") {
			break
		}
		if d, ok := strings.CutPrefix(line, "# dialect: "); ok {
			dialect = strings.TrimSpace(d)
		}
		if w, ok := strings.CutPrefix(line, "# warning: "); ok {
			notes = append(notes, parseNote(w))
		}
	}
	return notes, dialect
}

func parseNote(s string) Note {
	if strings.HasPrefix(s, `"`) {
		if q, err := strconv.QuotedPrefix(s); err == nil {
			obj, _ := strconv.Unquote(q)
			rest, _ := strings.CutPrefix(s[len(q):], ": ")
			if reason, err := strconv.Unquote(rest); err == nil {
				return Note{Object: obj, Reason: reason}
			}
			return Note{Object: obj, Reason: rest}
		}
	}
	obj, reason, _ := strings.Cut(s, ": ")
	return Note{Object: obj, Reason: reason}
}

func detectDialect(filename string, top []*hblock) string {
	switch {
	case strings.HasSuffix(filename, ".pg.hcl"):
		return Postgres
	case strings.HasSuffix(filename, ".my.hcl"), strings.HasSuffix(filename, ".ma.hcl"):
		return MySQL
	case strings.HasSuffix(filename, ".lt.hcl"):
		return SQLite
	}
	var schemas []string
	for _, b := range top {
		if b.typ == "schema" {
			if b.has("charset") || b.has("collate") {
				return MySQL
			}
			schemas = append(schemas, b.name())
		}
	}
	if len(schemas) == 1 && schemas[0] == "main" {
		return SQLite
	}
	return Postgres
}

type hclParser struct {
	d            *hclDialect
	dialect      string
	file         string
	s            Snapshot
	schemas      map[string]*Schema
	order        []string
	tableSchemas map[string][]string // table name → schemas declaring it
	// objectSchemas maps "kind\x00name" of views and routines to the
	// schemas declaring them, for depends_on references with one label.
	objectSchemas map[string][]string
}

func (p *hclParser) errf(b *hblock, format string, args ...any) error {
	return fmt.Errorf("schema: %s:%d: %s", p.file, b.line, fmt.Sprintf(format, args...))
}

// schemaOf finds the schema an object names in its `schema` attribute.
func (p *hclParser) schemaOf(b *hblock) (*Schema, error) {
	name := ""
	if v, ok := b.attrs["schema"]; ok && v.kind == valRef && len(v.steps) == 2 && v.steps[0] == "schema" {
		name = v.steps[1]
	} else if len(b.labels) == 2 {
		name = b.labels[0]
	} else if len(p.order) == 1 {
		name = p.order[0]
	} else {
		return nil, p.errf(b, "%s %q has no schema attribute", b.typ, b.name())
	}
	return p.schema(name), nil
}

func (p *hclParser) schema(name string) *Schema {
	if sc, ok := p.schemas[name]; ok {
		return sc
	}
	p.schemas[name] = &Schema{Name: name}
	p.order = append(p.order, name)
	return p.schemas[name]
}

func (p *hclParser) parse(top []*hblock) (*Snapshot, error) {
	p.s.Format = Format
	p.s.Dialect = p.dialect
	for _, b := range top {
		if b.typ == "schema" {
			sc := p.schema(b.name())
			sc.Comment, sc.Charset, sc.Collation = b.str("comment"), b.str("charset"), b.str("collate")
		}
	}
	for _, b := range top {
		if b.typ == "table" {
			sc, err := p.schemaOf(b)
			if err != nil {
				return nil, err
			}
			p.tableSchemas[b.name()] = append(p.tableSchemas[b.name()], sc.Name)
		}
		if _, ok := dependKinds[b.typ]; ok {
			sc, err := p.schemaOf(b)
			if err != nil {
				return nil, err
			}
			k := b.typ + "\x00" + b.name()
			if !contains(p.objectSchemas[k], sc.Name) {
				p.objectSchemas[k] = append(p.objectSchemas[k], sc.Name)
			}
		}
	}
	var later []*hblock
	for _, b := range top {
		if b.typ == "schema" {
			continue
		}
		if b.typ == "trigger" || b.typ == "policy" {
			later = append(later, b)
			continue
		}
		if b.typ == "extension" {
			e := Extension{Name: b.name(), Version: b.str("version"), Comment: b.str("comment")}
			if v := b.attrs["schema"]; v.kind == valRef {
				e.Schema = v.last()
			}
			p.s.Extensions = append(p.s.Extensions, e)
			continue
		}
		if _, known := objectParsers[b.typ]; !known {
			continue // an object Atlas knows and we do not: skipped
		}
		sc, err := p.schemaOf(b)
		if err != nil {
			return nil, err
		}
		objectParsers[b.typ](p, sc, b)
	}
	for _, b := range later {
		if err := p.attach(b); err != nil {
			return nil, err
		}
	}
	for _, name := range p.order {
		p.s.Schemas = append(p.s.Schemas, *p.schemas[name])
	}
	return &p.s, nil
}

var objectParsers = map[string]func(*hclParser, *Schema, *hblock){
	"table":        (*hclParser).table,
	"view":         (*hclParser).view,
	"materialized": (*hclParser).view,
	"function":     (*hclParser).routine,
	"procedure":    (*hclParser).routine,
	"aggregate":    (*hclParser).routine,
	"enum":         (*hclParser).enum,
	"domain":       (*hclParser).domain,
	"composite":    (*hclParser).composite,
	"sequence":     (*hclParser).sequence,
	"event":        (*hclParser).event,
}

func (p *hclParser) table(sc *Schema, b *hblock) {
	t := Table{Name: b.name(), Comment: b.str("comment"), Charset: b.str("charset"), Collation: b.str("collate"),
		Engine: b.str("engine"), Unlogged: b.attrs["unlogged"].isTrue(), Options: b.attrs["options"].strings(),
		Inherits: b.attrs["inherits"].strings(), RowFormat: b.str("row_format"), Partitioning: b.str("partitioning"),
		Strict: b.attrs["strict"].isTrue(), WithoutRowID: b.attrs["without_rowid"].isTrue()}
	if t.Charset == "" {
		t.Charset = sc.Charset
	}
	if t.Collation == "" {
		t.Collation = sc.Collation
	}
	if t.Engine == "" {
		t.Engine = p.d.defaultEngine
	}
	if b.has("partition_of") {
		t.PartitionOf = &PartitionOf{Parent: b.str("partition_of"), Bound: b.str("partition_bound")}
	}
	for _, rs := range b.children("row_security") {
		t.RLS, t.RLSForced = rs.attrs["enabled"].isTrue(), rs.attrs["enforced"].isTrue()
	}
	for _, c := range b.children("column") {
		t.Columns = append(t.Columns, p.column(sc, t.Name, c))
	}
	for _, k := range b.children("primary_key") {
		key := p.key(k)
		if key.Name == "" {
			key.Name = p.d.pkName(t.Name)
		}
		t.PrimaryKey = &key
	}
	for _, k := range b.children("unique") {
		t.Uniques = append(t.Uniques, p.key(k))
	}
	for _, f := range b.children("foreign_key") {
		t.ForeignKeys = append(t.ForeignKeys, p.foreignKey(sc, t.Name, f))
	}
	partitioned := len(b.children("partition")) > 0
	for _, x := range b.children("index") {
		t.Indexes = append(t.Indexes, p.index(x, sc.Name, t.Name, partitioned))
	}
	for _, c := range b.children("check") {
		t.Checks = append(t.Checks, parseCheck(c))
	}
	for _, x := range b.children("exclude") {
		t.Exclusions = append(t.Exclusions, Exclusion{Name: x.name(), Def: x.str("def"), Comment: x.str("comment")})
	}
	for _, pb := range b.children("partition") {
		t.PartitionBy = parsePartition(pb)
	}
	sc.Tables = append(sc.Tables, t)
}

func parsePartition(b *hblock) *PartitionBy {
	pb := &PartitionBy{Strategy: b.str("type")}
	if cols, ok := b.attrs["columns"]; ok {
		pb.Key = "(" + strings.Join(cols.lasts(), ", ") + ")"
		return pb
	}
	by := b.children("by")
	if len(by) == 1 && by[0].has("expr") {
		pb.Key = by[0].str("expr")
		return pb
	}
	var parts []string
	for _, x := range by {
		if x.has("column") {
			parts = append(parts, x.attrs["column"].last())
		} else {
			parts = append(parts, x.str("expr"))
		}
	}
	pb.Key = "(" + strings.Join(parts, ", ") + ")"
	return pb
}

// typeText reads a `type` (or `return`) value: a reference to an enum,
// domain or composite, or the dialect's spelling.
func (p *hclParser) typeText(sc *Schema, v hclValue, unsigned bool) string {
	if v.kind == valRef && len(v.steps) >= 2 {
		switch v.steps[0] {
		case "enum", "domain", "composite":
			if len(v.steps) == 3 && v.steps[1] != sc.Name {
				return v.steps[1] + "." + v.steps[2]
			}
			return v.last()
		}
	}
	text := v.text
	if v.kind == valSQL {
		text = sqlCall(v.text)
	}
	return p.d.parseType(text, unsigned)
}

func (p *hclParser) column(sc *Schema, table string, b *hblock) Column {
	c := Column{Name: b.name(), Nullable: b.attrs["null"].isTrue(), Comment: b.str("comment"),
		Charset: b.str("charset"), Collation: p.d.readCollation(b.str("collate")), AutoIncrement: b.attrs["auto_increment"].isTrue(),
		Invisible: b.attrs["invisible"].isTrue(), Storage: b.str("storage"), Compression: b.str("compression"),
		Inherited: b.attrs["inherited"].isTrue()}
	if b.typ == "field" && !b.has("null") {
		c.Nullable = true
	}
	c.Type = p.typeText(sc, b.attrs["type"], b.attrs["unsigned"].isTrue())
	if v, ok := b.attrs["default"]; ok {
		p.d.parseDefault(&c, v, table)
	}
	if p.d.typeAfterParse != nil {
		p.d.typeAfterParse(&c, table)
	}
	if v, ok := b.attrs["on_update"]; ok {
		c.OnUpdate = v.text
	}
	if v, ok := b.attrs["srid"]; ok {
		n := int(v.int64())
		c.SRID = &n
	}
	if v, ok := b.attrs["statistics"]; ok {
		n := int(v.int64())
		c.Statistics = &n
	}
	for _, id := range b.children("identity") {
		c.Identity = &Identity{Always: id.str("generated") == "ALWAYS"}
		c.Identity.Start, c.Identity.Increment, c.Identity.Min, c.Identity.Max, c.Identity.Cache, c.Identity.Cycle = readSeqOptions(id, c.Type)
	}
	for _, g := range b.children("as") {
		c.Generated = &Generated{Expr: g.str("expr"), Stored: g.str("type") == "STORED"}
	}
	return c
}

func readSeqOptions(b *hblock, typ string) (start, inc, min, max, cache int64, cycle bool) {
	inc = 1
	if v, ok := b.attrs["increment"]; ok {
		inc = v.int64()
	}
	start, min, max, cache = seqDefaults(typ, inc)
	if v, ok := b.attrs["start"]; ok {
		start = v.int64()
	}
	if v, ok := b.attrs["min_value"]; ok {
		min = v.int64()
	}
	if v, ok := b.attrs["max_value"]; ok {
		max = v.int64()
	}
	if v, ok := b.attrs["cache"]; ok {
		cache = v.int64()
	}
	return start, inc, min, max, cache, b.attrs["cycle"].isTrue()
}

func (p *hclParser) key(b *hblock) Key {
	k := Key{Name: b.name(), Columns: b.attrs["columns"].lasts(), Include: b.attrs["include"].lasts(),
		NullsNotDistinct: b.has("nulls_distinct") && !b.attrs["nulls_distinct"].isTrue(),
		Comment:          b.str("comment"), Deferrable: b.attrs["deferrable"].isTrue(),
		InitiallyDeferred: b.attrs["initially_deferred"].isTrue(), Options: b.attrs["options"].strings(),
		AutoIncrement: b.attrs["auto_increment"].isTrue(), Conflict: b.str("on_conflict")}
	if len(k.Include) == 0 {
		k.Include = nil
	}
	if len(k.Options) == 0 {
		k.Options = nil
	}
	for _, on := range b.children("on") {
		part := p.parsePart(on)
		k.Parts = append(k.Parts, part)
		k.Columns = append(k.Columns, part.Column)
	}
	return k
}

func (p *hclParser) parsePart(b *hblock) IndexPart {
	part := IndexPart{Desc: b.attrs["desc"].isTrue(), Expr: b.str("expr"), Collation: p.d.readCollation(b.str("collate"))}
	if v, ok := b.attrs["column"]; ok {
		part.Column = v.last()
	}
	if v, ok := b.attrs["ops"]; ok {
		part.Opclass = v.str()
		if v.kind == valSQL {
			part.Opclass = v.text
		}
	}
	if b.attrs["nulls_first"].isTrue() {
		t := true
		part.NullsFirst = &t
	} else if b.attrs["nulls_last"].isTrue() {
		f := false
		part.NullsFirst = &f
	}
	if v, ok := b.attrs["prefix"]; ok {
		part.Prefix = int(v.int64())
	}
	return part
}

// index reads an index of table in schema (only: the table is partitioned).
func (p *hclParser) index(b *hblock, schema, table string, only bool) Index {
	ix := Index{Name: b.name(), Unique: b.attrs["unique"].isTrue(), Comment: b.str("comment"),
		Where: b.str("where"), NullsNotDistinct: b.has("nulls_distinct") && !b.attrs["nulls_distinct"].isTrue(),
		Include: b.attrs["include"].lasts(), Parser: b.str("parser"), Invisible: b.attrs["invisible"].isTrue(),
		Options: b.attrs["options"].strings(), Def: b.str("def"), Method: p.d.indexMethod}
	if len(ix.Include) == 0 {
		ix.Include = nil
	}
	if len(ix.Options) == 0 {
		ix.Options = nil
	}
	if v, ok := b.attrs["type"]; ok {
		ix.Method = v.str()
		if v.kind == valRef && p.dialect == Postgres {
			ix.Method = strings.ToLower(ix.Method)
		}
	}
	for _, c := range b.attrs["columns"].lasts() {
		ix.Parts = append(ix.Parts, IndexPart{Column: c})
	}
	for _, on := range b.children("on") {
		ix.Parts = append(ix.Parts, p.parsePart(on))
	}
	if p.d.indexDef != nil && !b.has("def") {
		ix.Def = p.d.indexDef(schema, table, only, &ix)
	}
	return ix
}

func (p *hclParser) foreignKey(sc *Schema, table string, b *hblock) ForeignKey {
	fk := ForeignKey{Name: b.name(), Columns: b.attrs["columns"].lasts(), RefTable: table,
		OnUpdate: fkActionText(b.str("on_update")), OnDelete: fkActionText(b.str("on_delete")),
		Match: b.str("match"), Deferrable: b.attrs["deferrable"].isTrue(),
		InitiallyDeferred: b.attrs["initially_deferred"].isTrue(), NotValid: b.attrs["not_valid"].isTrue(),
		Comment: b.str("comment")}
	if p.d.numberUnnamedFKs && isNumber(fk.Name) && !b.attrs["named"].isTrue() {
		fk.Name = ""
	}
	refSchema := sc.Name
	if v := b.attrs["ref_table"]; v.kind == valRef && v.steps[0] == "table" {
		switch len(v.steps) {
		case 2:
			fk.RefTable = v.steps[1]
			if owners := p.tableSchemas[v.steps[1]]; len(owners) == 1 {
				refSchema = owners[0]
			}
		case 3:
			refSchema, fk.RefTable = v.steps[1], v.steps[2]
		}
	}
	for i, r := range b.attrs["ref_columns"].list {
		fk.RefColumns = append(fk.RefColumns, r.last())
		if i > 0 || r.kind != valRef {
			continue
		}
		switch st := r.steps; {
		case len(st) == 4 && st[0] == "table":
			fk.RefTable = st[1]
			if owners := p.tableSchemas[st[1]]; len(owners) == 1 {
				refSchema = owners[0]
			}
		case len(st) == 5 && st[0] == "table":
			refSchema, fk.RefTable = st[1], st[2]
		}
	}
	if refSchema != sc.Name {
		fk.RefSchema = refSchema
	}
	return fk
}

func fkActionText(a string) string { return strings.ReplaceAll(a, "_", " ") }

func parseCheck(b *hblock) Check {
	return Check{Name: b.name(), Expr: b.str("expr"), NotEnforced: b.has("enforced"),
		NoInherit: b.attrs["no_inherit"].isTrue(), NotValid: b.attrs["not_valid"].isTrue(), Comment: b.str("comment")}
}

func (p *hclParser) view(sc *Schema, b *hblock) {
	v := View{Name: b.name(), Def: b.str("as"), Materialized: b.typ == "materialized", Comment: b.str("comment"),
		CheckOption: b.str("check_option"), Options: b.attrs["options"].strings(), Algorithm: b.str("algorithm"),
		Security: b.str("security")}
	if len(v.Options) == 0 {
		v.Options = nil
	}
	v.DependsOn = p.dependsOn(b)
	for _, c := range b.children("column") {
		v.Columns = append(v.Columns, p.column(sc, v.Name, c))
	}
	for _, x := range b.children("index") {
		v.Indexes = append(v.Indexes, p.index(x, sc.Name, v.Name, false))
	}
	sc.Views = append(sc.Views, v)
}

func (p *hclParser) routine(sc *Schema, b *hblock) {
	f := Routine{Name: b.name(), Kind: strings.ToUpper(b.typ), Args: b.str("args"),
		Volatility: b.str("volatility"), Strict: b.attrs["strict"].isTrue(),
		SecurityDefiner: b.str("security") == "DEFINER", Leakproof: b.attrs["leakproof"].isTrue(),
		Parallel: b.str("parallel"), Config: b.attrs["config"].strings(), Deterministic: b.attrs["deterministic"].isTrue(),
		DataAccess: b.str("data_access"), Comment: b.str("comment"), BodyHidden: b.attrs["body_hidden"].isTrue(),
		Body: b.str("as"), Def: b.str("def")}
	if len(f.Config) == 0 {
		f.Config = nil
	}
	if v, ok := b.attrs["lang"]; ok {
		f.Language = v.str()
		for k, s := range langs {
			if v.kind == valRef && s == f.Language {
				f.Language = k
			}
		}
	}
	if v, ok := b.attrs["return"]; ok {
		f.Returns = p.typeText(sc, v, false)
	}
	var args []string
	for _, a := range b.children("arg") {
		s := a.name() + " " + p.typeText(sc, a.attrs["type"], false)
		if a.name() == "" {
			s = p.typeText(sc, a.attrs["type"], false)
		}
		if m := a.str("mode"); m != "" && m != "IN" {
			s = m + " " + s
		}
		if v, ok := a.attrs["default"]; ok {
			s += " DEFAULT " + v.text
		}
		args = append(args, s)
	}
	if len(args) > 0 {
		f.Args = strings.Join(args, ", ")
	}
	f.DependsOn = p.dependsOn(b)
	if p.d.routineDef != nil && !b.has("def") {
		f.Def = p.d.routineDef(sc.Name, &f)
	}
	sc.Routines = append(sc.Routines, f)
}

// dependKinds are the blocks depends_on may reference, with the suffix
// their model names carry (routines are named "schema.name()").
var dependKinds = map[string]string{"view": "", "materialized": "", "function": "()", "procedure": "()", "aggregate": "()"}

// dependsOn reads depends_on: references become "schema.name" or
// "schema.name()", strings are kept as written.
func (p *hclParser) dependsOn(b *hblock) []string {
	var out []string
	for _, v := range b.attrs["depends_on"].list {
		suffix, known := "", false
		if v.kind == valRef && len(v.steps) >= 2 {
			suffix, known = dependKinds[v.steps[0]]
		}
		switch {
		case !known:
			out = append(out, v.text)
		case len(v.steps) == 3:
			out = append(out, v.steps[1]+"."+v.steps[2]+suffix)
		default:
			schema := ""
			if owners := p.objectSchemas[v.steps[0]+"\x00"+v.steps[1]]; len(owners) == 1 {
				schema = owners[0]
			}
			out = append(out, schema+"."+v.steps[1]+suffix)
		}
	}
	return out
}

func (p *hclParser) enum(sc *Schema, b *hblock) {
	sc.Enums = append(sc.Enums, Enum{Name: b.name(), Values: b.attrs["values"].strings(), Comment: b.str("comment")})
}

func (p *hclParser) domain(sc *Schema, b *hblock) {
	d := Domain{Name: b.name(), Type: p.typeText(sc, b.attrs["type"], false), NotNull: b.has("null") && !b.attrs["null"].isTrue(),
		Collation: b.str("collate"), Comment: b.str("comment")}
	if v, ok := b.attrs["default"]; ok {
		d.Default = v.text
	}
	for _, c := range b.children("check") {
		d.Checks = append(d.Checks, parseCheck(c))
	}
	sc.Domains = append(sc.Domains, d)
}

func (p *hclParser) composite(sc *Schema, b *hblock) {
	c := Composite{Name: b.name(), Comment: b.str("comment")}
	for _, f := range b.children("field") {
		c.Fields = append(c.Fields, p.column(sc, "", f))
	}
	sc.Composites = append(sc.Composites, c)
}

func (p *hclParser) sequence(sc *Schema, b *hblock) {
	q := Sequence{Name: b.name(), Comment: b.str("comment")}
	typ := "bigint"
	if v, ok := b.attrs["type"]; ok {
		q.Type = p.typeText(sc, v, false)
		typ = q.Type
	}
	q.Start, q.Increment, q.Min, q.Max, q.Cache, q.Cycle = readSeqOptions(b, typ)
	if v, ok := b.attrs["owned_by"]; ok {
		if v.kind == valRef && len(v.steps) >= 4 {
			q.OwnedBy = v.steps[len(v.steps)-3] + "." + v.last()
		} else {
			q.OwnedBy = v.text
		}
	}
	sc.Sequences = append(sc.Sequences, q)
}

func (p *hclParser) event(sc *Schema, b *hblock) {
	sc.Events = append(sc.Events, Event{Name: b.name(), Schedule: b.str("schedule"), OnCompletion: b.str("on_completion"),
		Status: b.str("status"), Body: b.str("as"), Comment: b.str("comment")})
}

// attach adds a trigger or policy to the table or view its `on` names.
func (p *hclParser) attach(b *hblock) error {
	on := b.attrs["on"]
	if on.kind != valRef || len(on.steps) < 2 {
		return p.errf(b, "%s %q has no `on` reference", b.typ, b.name())
	}
	kind, name, schema := on.steps[0], on.last(), ""
	if len(on.steps) == 3 {
		schema = on.steps[1]
	}
	for _, sn := range p.order {
		sc := p.schemas[sn]
		if schema != "" && sn != schema {
			continue
		}
		switch kind {
		case "table":
			for i := range sc.Tables {
				if t := &sc.Tables[i]; t.Name == name {
					if b.typ == "policy" {
						t.Policies = append(t.Policies, parsePolicy(b))
					} else {
						t.Triggers = append(t.Triggers, p.trigger(sc, t.Name, b))
					}
					return nil
				}
			}
		case "view", "materialized":
			for i := range sc.Views {
				if v := &sc.Views[i]; v.Name == name && v.Materialized == (kind == "materialized") && b.typ == "trigger" {
					v.Triggers = append(v.Triggers, p.trigger(sc, v.Name, b))
					return nil
				}
			}
		}
	}
	return p.errf(b, "%s %q is on %s, which is not in the file", b.typ, b.name(), on.text)
}

// trigger reads a trigger of the table or view named table.
func (p *hclParser) trigger(sc *Schema, table string, b *hblock) Trigger {
	tr := Trigger{Name: b.name(), ForEachRow: b.str("for") == "ROW", When: b.str("when"), Enabled: b.str("enabled"),
		Constraint: b.attrs["constraint"].isTrue(), Order: int(b.attrs["order"].int64()), Comment: b.str("comment"),
		Body: b.str("as"), Def: b.str("def")}
	for _, eb := range b.blocks {
		switch eb.typ {
		case "before", "after", "instead_of", "events":
			tr.Timing = strings.ToUpper(strings.ReplaceAll(eb.typ, "_", " "))
			if eb.typ == "events" {
				tr.Timing = b.str("timing")
			}
			for _, ev := range []string{"insert", "update", "delete", "truncate"} {
				if eb.attrs[ev].isTrue() {
					tr.Events = append(tr.Events, strings.ToUpper(ev))
				}
			}
			if v, ok := eb.attrs["update_of"]; ok {
				tr.Events = append(tr.Events, "UPDATE")
				tr.Columns = v.lasts()
			}
			if v, ok := eb.attrs["event"]; ok {
				tr.Events = append(tr.Events, v.text)
			}
		case "execute":
			if v, ok := eb.attrs["function"]; ok && v.kind == valRef {
				tr.Function = v.last() + "()"
				if len(v.steps) == 3 && v.steps[1] != sc.Name {
					tr.Function = v.steps[1] + "." + tr.Function
				}
			}
			if v, ok := eb.attrs["call"]; ok {
				tr.Function = v.text
			}
		}
	}
	if p.d.triggerDef != nil && !b.has("def") {
		tr.Def = p.d.triggerDef(sc.Name, table, &tr)
	}
	return tr
}

func parsePolicy(b *hblock) Policy {
	pol := Policy{Name: b.name(), Command: "ALL", Permissive: b.str("as") != "RESTRICTIVE",
		Roles: b.attrs["to"].strings(), Using: b.str("using"), Check: b.str("check"), Comment: b.str("comment")}
	if c := b.str("for"); c != "" {
		pol.Command = c
	}
	return pol
}

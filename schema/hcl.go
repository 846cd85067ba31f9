package schema

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// hclDialect is what WriteHCL and ParseHCL need to know about one dialect:
// how its column types and defaults are spelled in Atlas HCL and back, and
// which catalog values Atlas leaves out because they are the default. A new
// dialect is a new hcl_<name>.go file and one entry in hclDialects.
type hclDialect struct {
	// spellType returns the HCL expression for a column type as Atlas writes
	// it, and whether it carries `unsigned = true` (MySQL).
	spellType func(typ string, r *refs, schema string) (expr string, unsigned bool)
	// parseType reverses spellType; text is the expression's source text.
	parseType func(text string, unsigned bool) string
	// spellDefault returns the `default` expression for c ("" for none) and
	// the column type to print instead of c's (PostgreSQL serial), if any.
	spellDefault func(c *Column, table string) (def, typ string)
	// parseDefault fills c.Default (and c.DefaultLiteral) from a `default`
	// value; c.Type is already set.
	parseDefault func(c *Column, v hclValue, table string)
	// typeAfterParse fixes up a parsed column whose HCL type stands for a type
	// plus a default (PostgreSQL serial); nil when the dialect has none.
	typeAfterParse func(c *Column, table string)
	defaultEngine  string              // table engine Atlas leaves out (MySQL)
	indexMethod    string              // index method Atlas leaves out
	pkName         func(string) string // the name a primary key gets when none is given
	// indexDef, triggerDef and routineDef rebuild the server's CREATE text
	// kept in Def (PostgreSQL), so that `def` is written only where the
	// rebuilt text differs; nil when the dialect keeps no such text.
	indexDef   func(schema, table string, only bool, ix *Index) string
	triggerDef func(schema, table string, tr *Trigger) string
	routineDef func(schema string, f *Routine) string
	// numberUnnamedFKs labels foreign keys that have no name by number,
	// as Atlas labels SQLite's by pragma id ("0", "1", ...); a numeric
	// label reads back as no name unless the block says `named = true`.
	numberUnnamedFKs bool
	// collation spells a column or key-part collation as Atlas does and
	// parseCollation reverses it; nil keeps the model's spelling.
	collation, parseCollation func(string) string
}

func (d *hclDialect) spellCollation(c string) string {
	if d.collation == nil {
		return c
	}
	return d.collation(c)
}

func (d *hclDialect) readCollation(c string) string {
	if d.parseCollation == nil || c == "" {
		return c
	}
	return d.parseCollation(c)
}

// setDef writes the `def` attribute unless regen, the text rebuilt from the
// structured fields, already equals def; ParseHCL rebuilds it when `def` is
// absent. An empty def the dialect would rebuild is written as def = "".
func setDef(b *hclBlock, def, regen string, depth int) {
	if def != regen {
		b.set("def", hclText(def, depth))
	}
}

// hclDialects is the table of dialects WriteHCL and ParseHCL know.
var hclDialects = map[string]*hclDialect{
	Postgres: &postgresHCL,
	MySQL:    &mysqlHCL,
	SQLite:   &sqliteHCL,
}

func dialectOf(name string) (*hclDialect, error) {
	d, ok := hclDialects[name]
	if !ok {
		return nil, fmt.Errorf("schema: no HCL spelling for dialect %q (known: mysql, postgres, sqlite)", name)
	}
	return d, nil
}

// WriteHCL writes s as the Atlas CLI prints `atlas schema inspect`: tables,
// then enums and the other schema objects, then schemas, laid out by hclwrite.
// Objects the open-source Atlas writer does not print (views, routines,
// triggers, sequences, ...) follow Atlas Pro's documented syntax; values Atlas
// would lose are written as extra attributes so that ParseHCL gives s back.
// Snapshot notes become leading `# warning:` comment lines. s must be
// canonicalized.
func WriteHCL(w io.Writer, s *Snapshot) error {
	d, err := dialectOf(s.Dialect)
	if err != nil {
		return err
	}
	top := topBlocks(s, d)
	var b strings.Builder
	b.Grow(2048 * len(top)) // a table block is about 2 KB; growing by copying costs more
	for _, n := range s.Notes {
		b.WriteString("# warning: " + noteText(n) + "\n")
	}
	for _, blk := range top {
		blk.write(&b)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("schema: writing HCL: %w", err)
	}
	return nil
}

// topBlocks builds the top-level blocks of s in the order WriteHCL prints
// them.
func topBlocks(s *Snapshot, d *hclDialect) []*hclBlock {
	hw := &hclWriter{s: s, d: d, r: newRefs(s)}
	var top []*hclBlock
	top = append(top, hw.tables()...)
	top = append(top, hw.schemaObjects()...)
	for _, sc := range s.Schemas {
		top = append(top, hw.schema(&sc))
	}
	return top
}

// noteText prints a note on one comment line; text that would not survive a
// comment line or the split at ": " is Go-quoted.
func noteText(n Note) string {
	if strings.ContainsAny(n.Object+n.Reason, "\r\n") || strings.Contains(n.Object, ": ") ||
		strings.HasPrefix(n.Object, `"`) || strings.HasPrefix(n.Reason, `"`) {
		return strconv.Quote(n.Object) + ": " + strconv.Quote(n.Reason)
	}
	return n.Object + ": " + n.Reason
}

// hclBlock is a block being built; items keep the order they are added in,
// which is the order Atlas prints them (attributes first in OSS blocks).
type hclBlock struct {
	typ    string
	labels []string
	items  []hclItem
}

type hclItem struct {
	name  string
	expr  string
	block *hclBlock
}

func newBlock(typ string, labels ...string) *hclBlock {
	return &hclBlock{typ: typ, labels: labels}
}

// set adds an attribute whose value is the raw expression text.
func (b *hclBlock) set(name, expr string) {
	b.items = append(b.items, hclItem{name: name, expr: expr})
}

// add appends a child block and returns it.
func (b *hclBlock) add(typ string, labels ...string) *hclBlock {
	c := newBlock(typ, labels...)
	b.items = append(b.items, hclItem{block: c})
	return c
}

// write prints a top-level block as hclwrite.Format lays out its
// rendering: two spaces per level, one space between the type, labels and
// brace, and the "=" of each run of consecutive attributes aligned one
// column after the longest name. Formatting the rendering instead costs
// seconds on a 5,000-table snapshot (the formatter lexes its input into
// one token slice and counts graphemes per line); TestWriteMatchesFormat
// holds the two to the same bytes. A block holding a multi-line value
// other than a <<-SQL heredoc goes through the formatter.
func (b *hclBlock) write(w *strings.Builder) {
	if !b.plain() {
		var body strings.Builder
		var values []string
		b.render(&body, 0, &values)
		w.WriteString(unshield(hclwrite.Format([]byte(body.String())), values))
		return
	}
	b.writeAt(w, 0)
}

// plain tells whether every multi-line value in b is a heredoc, the only
// kind write lays out by itself.
func (b *hclBlock) plain() bool {
	for _, it := range b.items {
		switch {
		case it.block != nil:
			if !it.block.plain() {
				return false
			}
		case strings.Contains(it.expr, "\n") && !strings.HasPrefix(it.expr, "<<-SQL\n"):
			return false
		}
	}
	return true
}

func (b *hclBlock) writeAt(w *strings.Builder, depth int) {
	ind := strings.Repeat(" ", 2*depth)
	w.WriteString(ind)
	w.WriteString(b.typ)
	for _, l := range b.labels {
		w.WriteByte(' ')
		w.WriteString(hclString(l))
	}
	w.WriteString(" {\n")
	for i := 0; i < len(b.items); {
		if b.items[i].block != nil {
			b.items[i].block.writeAt(w, depth+1)
			i++
			continue
		}
		j, width := i, 0
		for ; j < len(b.items) && b.items[j].block == nil; j++ {
			width = max(width, len(b.items[j].name))
		}
		for _, it := range b.items[i:j] {
			w.WriteString(ind)
			w.WriteString("  ")
			w.WriteString(it.name)
			w.WriteString(strings.Repeat(" ", width-len(it.name)+1))
			w.WriteString("= ")
			w.WriteString(it.expr)
			w.WriteByte('\n')
		}
		i = j
	}
	w.WriteString(ind)
	w.WriteString("}\n")
}

// render writes the block for hclwrite.Format. Single-line values are
// replaced by placeholders, which unshield puts back after formatting:
// Format would otherwise respace them (enum("a","b") → enum("a", "b")),
// and Atlas prints type calls without spaces.
func (b *hclBlock) render(w *strings.Builder, depth int, values *[]string) {
	w.WriteString(b.typ)
	for _, l := range b.labels {
		w.WriteString(" " + hclString(l))
	}
	w.WriteString(" {\n")
	for _, it := range b.items {
		if it.block != nil {
			it.block.render(w, depth+1, values)
			continue
		}
		expr := it.expr
		if !strings.Contains(expr, "\n") {
			expr = placeholder(len(*values))
			*values = append(*values, it.expr)
		}
		w.WriteString(it.name + " = " + expr + "\n")
	}
	w.WriteString("}\n")
}

func placeholder(i int) string { return "__sw_value_" + strconv.Itoa(i) + "__" }

var placeholderRE = regexp.MustCompile(`= __sw_value_(\d+)__$`)

// unshield puts the values back; heredoc bodies are left as they are, so
// text in them that looks like a placeholder stays text.
func unshield(formatted []byte, values []string) string {
	lines := strings.Split(string(formatted), "\n")
	inHeredoc := false
	for i, l := range lines {
		if inHeredoc {
			inHeredoc = strings.TrimSpace(l) != "SQL"
			continue
		}
		if m := placeholderRE.FindStringSubmatchIndex(l); m != nil {
			n, _ := strconv.Atoi(l[m[2]:m[3]])
			lines[i] = l[:m[0]] + "= " + values[n]
			continue
		}
		inHeredoc = strings.HasSuffix(l, "<<-SQL")
	}
	return strings.Join(lines, "\n")
}

// The value spellings. hclString uses HCL's own escaping (`$${`, `%%{`,
// `\uXXXX`), as hclwrite does for every string attribute and label; sqlCall
// and goString use Go's strconv.Quote, which is what Atlas prints inside
// sql(...), `where` and enum value lists.

func hclString(s string) string {
	if plainASCII(s) {
		// What hclwrite prints for text it need not escape, without
		// building tokens for it (most names and comments).
		return `"` + s + `"`
	}
	return string(hclwrite.TokensForValue(cty.StringVal(s)).Bytes())
}

// plainASCII tells whether s is printable ASCII with no quote, backslash
// or template opener, which HCL quotes as it is.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c > 0x7e || c == '"' || c == '\\':
			return false
		case (c == '$' || c == '%') && i+1 < len(s) && s[i+1] == '{':
			return false
		}
	}
	return true
}

// goString quotes s with Go's rules, as Atlas does. Where that is not valid
// HCL for s (a "${" or "%{" would start a template, "\x01" is no HCL escape)
// it falls back to HCL's own escaping, which Atlas also reads.
func goString(s string) string {
	q := strconv.Quote(s)
	if !strings.Contains(s, "${") && !strings.Contains(s, "%{") && !goOnlyEscape.MatchString(q) {
		return q
	}
	if v, ok := parseStandalone(q); ok && v == s {
		return q
	}
	return hclString(s)
}

// goOnlyEscape finds escapes Go writes and HCL does not read.
var goOnlyEscape = regexp.MustCompile(`\\[abfvx]`)

func sqlCall(s string) string { return "sql(" + goString(s) + ")" }

func hclBool(v bool) string { return strconv.FormatBool(v) }

func hclInt(v int64) string { return strconv.FormatInt(v, 10) }

// hclText spells a string attribute: a `<<-SQL` heredoc for multi-line text
// when that reads back exactly (at the given block depth), otherwise a quoted
// HCL string.
func hclText(s string, depth int) string {
	if !strings.Contains(s, "\n") || strings.Contains(s, "\r") {
		return hclString(s)
	}
	ind := strings.Repeat("  ", depth)
	var b strings.Builder
	b.WriteString("<<-SQL\n")
	for _, l := range strings.Split(s, "\n") {
		l = strings.ReplaceAll(strings.ReplaceAll(l, "${", "$${"), "%{", "%%{")
		if l == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString(ind + l + "\n")
	}
	b.WriteString(ind + "SQL")
	doc := b.String()
	if v, ok := parseStandalone(doc); ok && v == s+"\n" {
		return doc
	}
	return hclString(s)
}

// parseStandalone evaluates one literal expression the way ParseHCL will.
func parseStandalone(expr string) (string, bool) {
	f, diags := hclsyntax.ParseConfig([]byte("x = "+expr+"\n"), "", hcl.InitialPos)
	if diags.HasErrors() {
		return "", false
	}
	a := f.Body.(*hclsyntax.Body).Attributes["x"]
	if a == nil {
		return "", false
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || !v.Type().Equals(cty.String) || v.IsNull() {
		return "", false
	}
	return v.AsString(), true
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// refStep spells one step of a reference: `.name`, or `["na me"]` for a name
// that is not an identifier.
func refStep(name string) string {
	if identRE.MatchString(name) {
		return "." + name
	}
	return "[" + hclString(name) + "]"
}

// ref spells a reference such as schema.public or table.s1.t.column.c.
func ref(kind string, names ...string) string {
	s := kind
	for _, n := range names {
		s += refStep(n)
	}
	return s
}

func refList(items []string) string { return "[" + strings.Join(items, ", ") + "]" }

func colRefs(cols []string) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = ref("column", c)
	}
	return refList(out)
}

func stringList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = hclString(s)
	}
	return refList(out)
}

// bareOrQuoted prints an enumerated keyword bare when it is one of known (as
// Atlas does for ALWAYS, HASH, CASCADE), and quoted otherwise.
func bareOrQuoted(v string, known ...string) string {
	for _, k := range known {
		if v == k {
			return v
		}
	}
	return hclString(v)
}

// refs knows which names clash across schemas, so that tables and enums get
// the two-label form Atlas uses in realm scope.
type refs struct {
	s        *Snapshot
	tables   map[string][]string          // table name → schemas holding it
	types    map[string]map[string]string // schema → type name → block type (enum, domain, composite)
	clashing map[string]bool              // "kind\x00name" present in two schemas
	routines map[string][]string          // routine name → schemas
	views    map[string][]string
}

func newRefs(s *Snapshot) *refs {
	r := &refs{s: s, tables: map[string][]string{}, types: map[string]map[string]string{},
		clashing: map[string]bool{}, routines: map[string][]string{}, views: map[string][]string{}}
	seen := map[string]string{}
	note := func(kind, schema, name string) {
		k := kind + "\x00" + name
		if prev, ok := seen[k]; ok && prev != schema {
			r.clashing[k] = true
		}
		seen[k] = schema
	}
	for _, sc := range s.Schemas {
		r.types[sc.Name] = map[string]string{}
		for _, t := range sc.Tables {
			r.tables[t.Name] = append(r.tables[t.Name], sc.Name)
			note("table", sc.Name, t.Name)
		}
		for _, v := range sc.Views {
			kind := "view"
			if v.Materialized {
				kind = "materialized"
			}
			r.views[v.Name] = append(r.views[v.Name], sc.Name)
			note(kind, sc.Name, v.Name)
		}
		for _, e := range sc.Enums {
			r.types[sc.Name][e.Name] = "enum"
			note("enum", sc.Name, e.Name)
		}
		for _, e := range sc.Domains {
			r.types[sc.Name][e.Name] = "domain"
			note("domain", sc.Name, e.Name)
		}
		for _, e := range sc.Composites {
			r.types[sc.Name][e.Name] = "composite"
			note("composite", sc.Name, e.Name)
		}
		for _, f := range sc.Routines {
			r.routines[f.Name] = append(r.routines[f.Name], sc.Name)
			note(blockOfRoutine(f.Kind), sc.Name, f.Name)
		}
		for _, q := range sc.Sequences {
			note("sequence", sc.Name, q.Name)
		}
		for _, q := range sc.Events {
			note("event", sc.Name, q.Name)
		}
	}
	return r
}

// labels returns the block labels of an object: its name, or schema and name
// when the name is used in more than one schema.
func (r *refs) labels(kind, schema, name string) []string {
	if r.clashing[kind+"\x00"+name] {
		return []string{schema, name}
	}
	return []string{name}
}

// object spells a reference to a schema-level object.
func (r *refs) object(kind, schema, name string) string {
	return ref(kind, r.labels(kind, schema, name)...)
}

// typeRef spells a column type that names an enum, domain or composite of the
// snapshot ("order_state" in schema s, or "other.order_state"), or "".
func (r *refs) typeRef(typ, schema string) string {
	if kind, ok := r.types[schema][typ]; ok {
		return r.object(kind, schema, typ)
	}
	if sc, name, ok := strings.Cut(typ, "."); ok {
		if kind, ok := r.types[sc][name]; ok && r.clashing[kind+"\x00"+name] {
			return r.object(kind, sc, name)
		}
	}
	return ""
}

func blockOfRoutine(kind string) string {
	switch kind {
	case "PROCEDURE":
		return "procedure"
	case "AGGREGATE":
		return "aggregate"
	}
	return "function"
}

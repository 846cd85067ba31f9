package sqlite

import (
	"fmt"
	"strings"
)

// The parsers below read what SQLite's pragmas do not report from the CREATE
// statements it keeps in sqlite_schema: collations, checks, generated
// expressions, AUTOINCREMENT, conflict clauses, deferrable foreign keys and
// constraint names. SQLite accepted the text, so they only need to find
// clause boundaries; syntax follows https://www.sqlite.org/lang_createtable.html.

// parsedTable is what a CREATE TABLE statement says beyond the pragmas.
type parsedTable struct {
	columns      map[string]*parsedColumn // by lower-case name
	pk           *parsedKey
	uniques      []parsedKey
	fks          []parsedFK // in declaration order
	checks       []parsedCheck
	withoutRowID bool
	strict       bool
}

type parsedColumn struct {
	collation string
	genExpr   string
	hasGen    bool
}

type parsedKey struct {
	name     string
	columns  []string // lower-case, for matching pragma rows
	descs    []bool
	colls    []string
	conflict string
	autoinc  bool
}

type parsedFK struct {
	name              string
	columns           []string
	match             string // MATCH clause: SQLite parses it, ignores it and its pragma reports NONE
	deferrable        bool
	initiallyDeferred bool
}

type parsedCheck struct {
	name string
	expr string
}

// cursor walks a token slice.
type cursor struct {
	toks []token
	i    int
}

func (c *cursor) done() bool { return c.i >= len(c.toks) }

func (c *cursor) peek() token {
	if c.done() {
		return token{kind: tPunct}
	}
	return c.toks[c.i]
}

func (c *cursor) next() token {
	t := c.peek()
	c.i++
	return t
}

// accept consumes the keywords kws if they come next, all of them.
func (c *cursor) accept(kws ...string) bool {
	for k, kw := range kws {
		if c.i+k >= len(c.toks) || !c.toks[c.i+k].is(kw) {
			return false
		}
	}
	c.i += len(kws)
	return true
}

func (c *cursor) acceptPunct(p string) bool {
	if t := c.peek(); t.kind == tPunct && t.text == p {
		c.i++
		return true
	}
	return false
}

// group consumes a parenthesised group and returns the tokens inside it. The
// cursor must be on "(".
func (c *cursor) group() ([]token, error) {
	if !c.acceptPunct("(") {
		return nil, fmt.Errorf("expected ( near %q", c.peek().text)
	}
	start, depth := c.i, 1
	for ; c.i < len(c.toks); c.i++ {
		t := c.toks[c.i]
		if t.kind != tPunct {
			continue
		}
		switch t.text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				c.i++
				return c.toks[start : c.i-1], nil
			}
		}
	}
	return nil, fmt.Errorf("unbalanced parentheses")
}

// name consumes a possibly schema-qualified object name and returns its last part.
func (c *cursor) name() string {
	n := c.next().ident()
	if c.acceptPunct(".") {
		n = c.next().ident()
	}
	return n
}

// splitTop splits tokens at top-level commas.
func splitTop(toks []token) [][]token {
	var out [][]token
	depth, start := 0, 0
	for i, t := range toks {
		if t.kind != tPunct {
			continue
		}
		switch t.text {
		case "(":
			depth++
		case ")":
			depth--
		case ",":
			if depth == 0 {
				out = append(out, toks[start:i])
				start = i + 1
			}
		}
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

// header skips "CREATE [TEMP|TEMPORARY] [UNIQUE] <kind> [IF NOT EXISTS]" and
// returns a cursor on the object name.
func header(sql, kind string) (*cursor, error) {
	c := &cursor{toks: tokenize(sql)}
	if !c.accept("CREATE") {
		return nil, fmt.Errorf("not a CREATE statement")
	}
	_ = c.accept("TEMP") || c.accept("TEMPORARY")
	_ = c.accept("UNIQUE")
	if !c.accept(kind) {
		return nil, fmt.Errorf("not a CREATE %s statement", kind)
	}
	c.accept("IF", "NOT", "EXISTS")
	return c, nil
}

// parseTable reads a CREATE TABLE statement.
func parseTable(sql string) (*parsedTable, error) {
	c, err := header(sql, "TABLE")
	if err != nil {
		return nil, err
	}
	c.name()
	body, err := c.group()
	if err != nil {
		return nil, err
	}
	p := &parsedTable{columns: map[string]*parsedColumn{}}
	for _, opt := range splitTop(c.toks[c.i:]) {
		switch {
		case len(opt) == 2 && opt[0].is("WITHOUT") && opt[1].is("ROWID"):
			p.withoutRowID = true
		case len(opt) == 1 && opt[0].is("STRICT"):
			p.strict = true
		}
	}
	for _, def := range splitTop(body) {
		if len(def) == 0 {
			continue
		}
		d := &cursor{toks: def}
		switch f := def[0]; {
		case f.is("CONSTRAINT"), f.is("PRIMARY"), f.is("UNIQUE"), f.is("CHECK"), f.is("FOREIGN"):
			err = p.tableConstraint(d)
		default:
			err = p.column(d)
		}
		if err != nil {
			return nil, err
		}
	}
	return p, nil
}

func isColumnConstraint(t token) bool {
	for _, kw := range []string{"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"} {
		if t.is(kw) {
			return true
		}
	}
	return false
}

// column reads a column definition; the type comes from the pragmas.
func (p *parsedTable) column(c *cursor) error {
	name := c.next().ident()
	col := &parsedColumn{}
	p.columns[strings.ToLower(name)] = col
	for !c.done() && !isColumnConstraint(c.peek()) {
		if c.peek().text == "(" && c.peek().kind == tPunct {
			if _, err := c.group(); err != nil {
				return err
			}
			continue
		}
		c.next()
	}
	var cname string
	for !c.done() {
		switch t := c.next(); {
		case t.is("CONSTRAINT"):
			cname = c.next().ident()
			continue
		case t.is("PRIMARY"):
			c.accept("KEY")
			k := parsedKey{name: cname, columns: []string{strings.ToLower(name)}, descs: []bool{false}, colls: []string{""}}
			if c.accept("DESC") {
				k.descs[0] = true
			} else {
				c.accept("ASC")
			}
			k.conflict = conflict(c)
			k.autoinc = c.accept("AUTOINCREMENT")
			p.pk = &k
		case t.is("NOT"):
			c.accept("NULL")
			conflict(c)
		case t.is("NULL"):
			conflict(c)
		case t.is("UNIQUE"):
			p.uniques = append(p.uniques, parsedKey{name: cname, columns: []string{strings.ToLower(name)}, conflict: conflict(c)})
		case t.is("CHECK"):
			g, err := c.group()
			if err != nil {
				return err
			}
			p.checks = append(p.checks, parsedCheck{name: cname, expr: render(g)})
		case t.is("DEFAULT"):
			if c.peek().kind == tPunct && c.peek().text == "(" {
				if _, err := c.group(); err != nil {
					return err
				}
			} else {
				if s := c.peek(); s.kind == tPunct && (s.text == "-" || s.text == "+") {
					c.next()
				}
				c.next()
			}
		case t.is("COLLATE"):
			col.collation = strings.ToUpper(c.next().ident())
		case t.is("REFERENCES"):
			fk := parsedFK{name: cname, columns: []string{strings.ToLower(name)}}
			if err := fkClause(c, &fk); err != nil {
				return err
			}
			p.fks = append(p.fks, fk)
		case t.is("GENERATED"), t.is("AS"):
			if t.is("GENERATED") {
				c.accept("ALWAYS")
				c.accept("AS")
			}
			g, err := c.group()
			if err != nil {
				return err
			}
			col.hasGen, col.genExpr = true, render(g)
			_ = c.accept("STORED") || c.accept("VIRTUAL")
		default:
			return fmt.Errorf("column %q: unexpected %q", name, t.text)
		}
		cname = ""
	}
	return nil
}

// conflict reads an optional ON CONFLICT clause and returns its resolution.
func conflict(c *cursor) string {
	if c.accept("ON", "CONFLICT") {
		return strings.ToUpper(c.next().text)
	}
	return ""
}

// fkClause reads what follows REFERENCES: the table and columns come from the
// pragmas, the deferrability only from here.
func fkClause(c *cursor, fk *parsedFK) error {
	c.name()
	if t := c.peek(); t.kind == tPunct && t.text == "(" {
		if _, err := c.group(); err != nil {
			return err
		}
	}
	for !c.done() {
		switch {
		case c.accept("ON"):
			c.next() // DELETE or UPDATE
			switch {
			case c.accept("SET"), c.accept("NO"):
				c.next()
			default:
				c.next()
			}
		case c.accept("MATCH"):
			fk.match = strings.ToUpper(c.next().text)
		case c.accept("NOT", "DEFERRABLE"):
			fk.deferrable = false
			initially(c)
		case c.accept("DEFERRABLE"):
			fk.deferrable = true
			fk.initiallyDeferred = initially(c)
		default:
			return nil
		}
	}
	return nil
}

// initially reads an optional INITIALLY clause and reports DEFERRED.
func initially(c *cursor) bool {
	if c.accept("INITIALLY") {
		return c.next().is("DEFERRED")
	}
	return false
}

// indexedColumns reads "(col [COLLATE c] [ASC|DESC], ...)" into a key.
func indexedColumns(c *cursor, k *parsedKey) error {
	g, err := c.group()
	if err != nil {
		return err
	}
	for _, part := range splitTop(g) {
		e, coll, desc := indexedColumn(part)
		k.columns = append(k.columns, strings.ToLower(unquoteExpr(e)))
		k.colls = append(k.colls, coll)
		k.descs = append(k.descs, desc)
	}
	return nil
}

// indexedColumn splits an indexed-column into its expression, its COLLATE
// name (upper case) and its order.
func indexedColumn(part []token) (expr []token, coll string, desc bool) {
	n := len(part)
	if n > 0 && (part[n-1].is("ASC") || part[n-1].is("DESC")) {
		desc = part[n-1].is("DESC")
		n--
	}
	if n >= 2 && part[n-2].is("COLLATE") {
		coll = strings.ToUpper(part[n-1].ident())
		n -= 2
	}
	return part[:n], coll, desc
}

// unquoteExpr returns the identifier a one-token expression names, or its
// rendering.
func unquoteExpr(e []token) string {
	if len(e) == 1 {
		return e[0].ident()
	}
	return render(e)
}

func (p *parsedTable) tableConstraint(c *cursor) error {
	var name string
	if c.accept("CONSTRAINT") {
		name = c.next().ident()
	}
	switch {
	case c.accept("PRIMARY", "KEY"):
		k := parsedKey{name: name}
		if err := indexedColumns(c, &k); err != nil {
			return err
		}
		k.conflict = conflict(c)
		k.autoinc = c.accept("AUTOINCREMENT")
		p.pk = &k
	case c.accept("UNIQUE"):
		k := parsedKey{name: name}
		if err := indexedColumns(c, &k); err != nil {
			return err
		}
		k.conflict = conflict(c)
		p.uniques = append(p.uniques, k)
	case c.accept("CHECK"):
		g, err := c.group()
		if err != nil {
			return err
		}
		p.checks = append(p.checks, parsedCheck{name: name, expr: render(g)})
	case c.accept("FOREIGN", "KEY"):
		g, err := c.group()
		if err != nil {
			return err
		}
		fk := parsedFK{name: name}
		for _, part := range splitTop(g) {
			fk.columns = append(fk.columns, strings.ToLower(unquoteExpr(part)))
		}
		if !c.accept("REFERENCES") {
			return fmt.Errorf("foreign key without REFERENCES")
		}
		if err := fkClause(c, &fk); err != nil {
			return err
		}
		p.fks = append(p.fks, fk)
	default:
		return fmt.Errorf("unexpected %q in table constraint", c.peek().text)
	}
	return nil
}

// parsedIndex is what a CREATE INDEX statement says beyond the pragmas.
type parsedIndex struct {
	parts [][]token // the expression of each indexed column, without COLLATE and order
	where string
}

func parseIndex(sql string) (*parsedIndex, error) {
	c, err := header(sql, "INDEX")
	if err != nil {
		return nil, err
	}
	c.name()
	if !c.accept("ON") {
		return nil, fmt.Errorf("index without ON")
	}
	c.name()
	g, err := c.group()
	if err != nil {
		return nil, err
	}
	p := &parsedIndex{}
	for _, part := range splitTop(g) {
		e, _, _ := indexedColumn(part)
		p.parts = append(p.parts, e)
	}
	if c.accept("WHERE") {
		p.where = render(c.toks[c.i:])
	}
	return p, nil
}

// parsedView is a CREATE VIEW statement.
type parsedView struct {
	columns []string
	def     string
}

func parseView(sql string) (*parsedView, error) {
	c, err := header(sql, "VIEW")
	if err != nil {
		return nil, err
	}
	c.name()
	p := &parsedView{}
	if t := c.peek(); t.kind == tPunct && t.text == "(" {
		g, err := c.group()
		if err != nil {
			return nil, err
		}
		for _, part := range splitTop(g) {
			p.columns = append(p.columns, unquoteExpr(part))
		}
	}
	if !c.accept("AS") {
		return nil, fmt.Errorf("view without AS")
	}
	p.def = render(c.toks[c.i:])
	return p, nil
}

// parsedTrigger is a CREATE TRIGGER statement.
type parsedTrigger struct {
	timing  string
	event   string
	columns []string
	table   string
	when    string
	body    string
}

func parseTrigger(sql string) (*parsedTrigger, error) {
	c, err := header(sql, "TRIGGER")
	if err != nil {
		return nil, err
	}
	c.name()
	p := &parsedTrigger{timing: "BEFORE"} // SQLite's default when none is written
	switch {
	case c.accept("BEFORE"):
	case c.accept("AFTER"):
		p.timing = "AFTER"
	case c.accept("INSTEAD", "OF"):
		p.timing = "INSTEAD OF"
	}
	p.event = strings.ToUpper(c.next().text)
	if p.event == "UPDATE" && c.accept("OF") {
		for {
			p.columns = append(p.columns, c.next().ident())
			if !c.acceptPunct(",") {
				break
			}
		}
	}
	if !c.accept("ON") {
		return nil, fmt.Errorf("trigger without ON")
	}
	p.table = c.name()
	c.accept("FOR", "EACH", "ROW")
	if c.accept("WHEN") {
		start := c.i
		for !c.done() && !c.peek().is("BEGIN") {
			c.next()
		}
		p.when = render(c.toks[start:c.i])
	}
	if !c.accept("BEGIN") {
		return nil, fmt.Errorf("trigger without BEGIN")
	}
	end := len(c.toks)
	if end > c.i && c.toks[end-1].is("END") {
		end--
	}
	p.body = render(c.toks[c.i:end])
	return p, nil
}

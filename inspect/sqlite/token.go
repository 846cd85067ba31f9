package sqlite

import (
	"strings"
)

// tokKind classifies a token of SQLite's SQL text.
type tokKind int

const (
	tWord   tokKind = iota // bare identifier or keyword
	tQuoted                // "ident", [ident] or `ident`
	tString                // 'literal' (also x'blob')
	tNumber
	tPunct // operators, parentheses, commas, semicolons
)

// token is one lexical token; text is its exact source spelling.
type token struct {
	kind tokKind
	text string
}

// is tells whether t is the bare keyword kw (case-insensitive). Quoted
// identifiers never match, so a column named "check" stays a name.
func (t token) is(kw string) bool { return t.kind == tWord && strings.EqualFold(t.text, kw) }

// ident returns the identifier t names: quotes removed and doubled quotes
// undone. It is the text itself for words.
func (t token) ident() string {
	if t.kind != tQuoted && t.kind != tString {
		return t.text
	}
	s := t.text
	switch s[0] {
	case '[':
		return s[1 : len(s)-1]
	default:
		q := s[:1]
		return strings.ReplaceAll(s[1:len(s)-1], q+q, q)
	}
}

// tokenize splits SQLite SQL into tokens, dropping whitespace and comments.
// It follows https://www.sqlite.org/lang_expr.html and tokenize.c loosely: it
// only needs to find token boundaries, since SQLite has already accepted the
// text it is given.
func tokenize(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 4
			}
		case c == '\'' || c == '"' || c == '`':
			j := quoteEnd(s, i, c)
			kind := tQuoted
			if c == '\'' {
				kind = tString
			}
			out = append(out, token{kind, s[i:j]})
			i = j
		case c == '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				j = len(s) - i - 1
			}
			out = append(out, token{tQuoted, s[i : i+j+1]})
			i += j + 1
		case (c == 'x' || c == 'X') && i+1 < len(s) && s[i+1] == '\'':
			j := quoteEnd(s, i+1, '\'')
			out = append(out, token{tString, s[i:j]})
			i = j
		case isDigit(c) || (c == '.' && i+1 < len(s) && isDigit(s[i+1])):
			j := i + 1
			for j < len(s) && (isWordByte(s[j]) || s[j] == '.' ||
				((s[j] == '+' || s[j] == '-') && (s[j-1] == 'e' || s[j-1] == 'E') && !strings.HasPrefix(strings.ToLower(s[i:j]), "0x"))) {
				j++
			}
			out = append(out, token{tNumber, s[i:j]})
			i = j
		case isWordByte(c) || c >= 0x80 || c == '$' || c == '?' || c == ':' || c == '@' || c == '#':
			// Words, and bind parameters (?1, :name, @name, $name), which
			// never occur in stored schema text but tokenize harmlessly.
			j := i + 1
			for j < len(s) && (isWordByte(s[j]) || s[j] >= 0x80 || s[j] == '$') {
				j++
			}
			out = append(out, token{tWord, s[i:j]})
			i = j
		default:
			n := 1
			for _, op := range []string{"->>", "||", "<=", ">=", "==", "!=", "<>", "<<", ">>", "->"} {
				if strings.HasPrefix(s[i:], op) {
					n = len(op)
					break
				}
			}
			out = append(out, token{tPunct, s[i : i+n]})
			i += n
		}
	}
	return out
}

// quoteEnd returns the index just past the quoted token opening at s[i].
func quoteEnd(s string, i int, q byte) int {
	j := i + 1
	for j < len(s) {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j += 2
				continue
			}
			return j + 1
		}
		j++
	}
	return len(s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWordByte(c byte) bool {
	return c == '_' || isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

// render joins tokens into the canonical spelling of an expression or
// statement: whitespace and comments are gone, every token is separated by
// one space except around "." and inside parentheses, before commas and
// semicolons, between a word and its "(", and after a unary sign. Token
// spellings (case, quoting) are kept, so only cosmetic layout is normalised.
func render(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && spaceBetween(toks, i) {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

func spaceBetween(toks []token, i int) bool {
	prev, cur := toks[i-1], toks[i]
	switch {
	case prev.text == "(" && prev.kind == tPunct, prev.text == "." && prev.kind == tPunct:
		return false
	case cur.kind == tPunct && (cur.text == ")" || cur.text == "," || cur.text == "." || cur.text == ";"):
		return false
	case cur.kind == tPunct && cur.text == "(" && (prev.kind == tWord || prev.kind == tQuoted):
		return false
	case prev.kind == tPunct && (prev.text == "-" || prev.text == "+") && cur.kind == tNumber && isUnary(toks, i-1):
		return false
	}
	return true
}

// isUnary tells whether the sign at toks[i] is a prefix operator: it starts
// the text or follows an operator, "(" or ",".
func isUnary(toks []token, i int) bool {
	if i == 0 {
		return true
	}
	p := toks[i-1]
	return p.kind == tPunct && p.text != ")"
}

// quoteIdent spells an identifier for the SQL writer. Every name is quoted, so
// keywords and odd characters need no list.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

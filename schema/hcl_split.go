package schema

import "bytes"

// splitTopLevel cuts src into spans that each hold whole top-level items
// (blocks, with the comments and blank lines before them), so that each
// can be lexed and parsed on its own: hclsyntax gathers every token of its
// input into one slice, which on a 5,000-table document costs seconds.
// Cuts fall only after a line break at bracket depth 0 that follows a
// closed brace. It returns false whenever it is unsure (a template
// interpolation, an unclosed string, comment or heredoc, unbalanced
// brackets); the caller then parses the whole document.
func splitTopLevel(src []byte) (spans [][2]int, ok bool) {
	depth, start, closed := 0, 0, false
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '#':
			i = lineEnd(src, i) - 1
		case '/':
			switch {
			case i+1 < len(src) && src[i+1] == '/':
				i = lineEnd(src, i) - 1
			case i+1 < len(src) && src[i+1] == '*':
				end := bytes.Index(src[i+2:], []byte("*/"))
				if end < 0 {
					return nil, false
				}
				i += 2 + end + 1
			}
		case '"':
			end, ok := quotedEnd(src, i+1)
			if !ok {
				return nil, false
			}
			i = end
		case '<':
			if i+1 < len(src) && src[i+1] == '<' {
				end, ok := heredocEnd(src, i+2)
				if !ok {
					return nil, false
				}
				i = end - 1
			}
		case '{', '[', '(':
			depth++
		case '}', ']', ')':
			depth--
			if depth < 0 {
				return nil, false
			}
			if depth == 0 && c == '}' {
				closed = true
			}
		case '\n':
			if depth == 0 && closed {
				spans = append(spans, [2]int{start, i + 1})
				start, closed = i+1, false
			}
		case '$', '%':
			// Outside strings these start no template; "${" here is
			// not HCL we write, so leave it to the whole parse.
			if i+1 < len(src) && src[i+1] == '{' {
				return nil, false
			}
		}
	}
	if depth != 0 {
		return nil, false
	}
	if start < len(src) {
		spans = append(spans, [2]int{start, len(src)})
	}
	return spans, true
}

// lineEnd returns the index of the line break ending the line at i, or
// len(src).
func lineEnd(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

// quotedEnd returns the index of the quote closing a string whose text
// starts at i. An interpolation or a line break inside is unsure.
func quotedEnd(src []byte, i int) (int, bool) {
	for ; i < len(src); i++ {
		switch c := src[i]; c {
		case '\\':
			i++
		case '"':
			return i, true
		case '\n':
			return 0, false
		case '$', '%':
			if i+2 < len(src) && src[i+1] == c && src[i+2] == '{' {
				i += 2 // $${ and %%{ are literal text
			} else if i+1 < len(src) && src[i+1] == '{' {
				return 0, false
			}
		}
	}
	return 0, false
}

// heredocEnd reads a heredoc whose "<<" ends at i: an optional "-", an
// identifier and a line break, then lines up to one that holds only the
// marker after spaces and tabs. It returns the index just after the
// closing marker. Interpolations inside are unsure.
func heredocEnd(src []byte, i int) (int, bool) {
	if i < len(src) && src[i] == '-' {
		i++
	}
	j := i
	for j < len(src) && (src[j] == '_' || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z' ||
		j > i && src[j] >= '0' && src[j] <= '9') {
		j++
	}
	marker := src[i:j]
	if len(marker) == 0 || j >= len(src) || src[j] != '\n' {
		return 0, false
	}
	for pos := j + 1; pos < len(src); {
		end := lineEnd(src, pos)
		line := src[pos:end]
		if bytes.Equal(bytes.TrimLeft(line, " \t"), marker) {
			return end, true
		}
		if bytes.Contains(line, []byte("{")) && (bytes.Contains(line, []byte("${")) || bytes.Contains(line, []byte("%{"))) {
			// $${ is literal, but telling it from an interpolation
			// after $$$ is not worth the risk: parse the whole.
			if bytes.Count(line, []byte("${")) != bytes.Count(line, []byte("$${")) ||
				bytes.Count(line, []byte("%{")) != bytes.Count(line, []byte("%%{")) {
				return 0, false
			}
		}
		pos = end + 1
	}
	return 0, false
}

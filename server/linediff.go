package server

import (
	"strings"
)

// diffLine is one line of a unified line diff.
type diffLine struct {
	Op   byte // ' ', '+' or '-'
	Text string
	Old  int // line number in the old text, 0 for an added line
	New  int // line number in the new text, 0 for a removed line
}

// Class names the line's kind for the stylesheet.
func (l diffLine) Class() string {
	switch l.Op {
	case '+':
		return "add"
	case '-':
		return "del"
	}
	return "ctx"
}

// Mark is the line's sign as shown.
func (l diffLine) Mark() string { return string(l.Op) }

// diffHunk is a run of changes with context lines around them.
type diffHunk struct {
	OldStart, NewStart int
	Lines              []diffLine
}

// maxDiffEdits bounds the edit distance the line diff computes: Myers'
// algorithm keeps O(D²) state, and a diff of more lines than this is read as
// two documents anyway.
const maxDiffEdits = 4000

// lineDiff returns the hunks of a unified diff of a and b with context lines
// around each change, and false when the texts differ by more than
// maxDiffEdits lines. It trims the common head and tail first, which is most
// of a snapshot, then runs Myers' O(ND) algorithm on what is left.
func lineDiff(a, b string, context int) ([]diffHunk, bool) {
	x, y := splitLines(a), splitLines(b)
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	ops, ok := myers(x[pre:len(x)-suf], y[pre:len(y)-suf])
	if !ok {
		return nil, false
	}
	// Full script over both texts.
	var all []diffLine
	for i := 0; i < pre; i++ {
		all = append(all, diffLine{Op: ' ', Text: x[i], Old: i + 1, New: i + 1})
	}
	oi, ni := pre, pre
	for _, op := range ops {
		switch op {
		case ' ':
			all = append(all, diffLine{Op: ' ', Text: x[oi], Old: oi + 1, New: ni + 1})
			oi++
			ni++
		case '-':
			all = append(all, diffLine{Op: '-', Text: x[oi], Old: oi + 1})
			oi++
		case '+':
			all = append(all, diffLine{Op: '+', Text: y[ni], New: ni + 1})
			ni++
		}
	}
	for ; oi < len(x); oi, ni = oi+1, ni+1 {
		all = append(all, diffLine{Op: ' ', Text: x[oi], Old: oi + 1, New: ni + 1})
	}
	// Cut into hunks.
	var hunks []diffHunk
	for i := 0; i < len(all); {
		if all[i].Op == ' ' {
			i++
			continue
		}
		start := max(i-context, 0)
		end := i
		for end < len(all) {
			if all[end].Op != ' ' {
				end++
				continue
			}
			// A run of unchanged lines longer than twice the context ends the hunk.
			run := end
			for run < len(all) && all[run].Op == ' ' {
				run++
			}
			if run-end > 2*context || run == len(all) {
				end = min(end+context, len(all))
				break
			}
			end = run
		}
		h := diffHunk{Lines: all[start:end]}
		for _, l := range h.Lines {
			if h.OldStart == 0 && l.Old != 0 {
				h.OldStart = l.Old
			}
			if h.NewStart == 0 && l.New != 0 {
				h.NewStart = l.New
			}
		}
		hunks = append(hunks, h)
		i = end
	}
	return hunks, true
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// myers returns the edit script turning x into y: ' ' keep, '-' delete, '+'
// insert (E. Myers, "An O(ND) Difference Algorithm and Its Variations", 1986).
func myers(x, y []string) ([]byte, bool) {
	n, m := len(x), len(y)
	maxD := n + m
	if maxD == 0 {
		return nil, true
	}
	if maxD > maxDiffEdits {
		maxD = maxDiffEdits
	}
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	var trace [][]int
	for d := 0; d <= maxD; d++ {
		snap := make([]int, 2*d+1) // v[-d..d] before this step
		for k := -d; k <= d; k++ {
			snap[k+d] = v[k+off]
		}
		trace = append(trace, snap)
		for k := -d; k <= d; k += 2 {
			var xi int
			if k == -d || (k != d && v[k-1+off] < v[k+1+off]) {
				xi = v[k+1+off]
			} else {
				xi = v[k-1+off] + 1
			}
			yi := xi - k
			for xi < n && yi < m && x[xi] == y[yi] {
				xi++
				yi++
			}
			v[k+off] = xi
			if xi >= n && yi >= m {
				return backtrack(trace, d, n, m), true
			}
		}
	}
	return nil, false
}

// backtrack walks the saved frontiers from the end to recover the script.
func backtrack(trace [][]int, d, n, m int) []byte {
	var rev []byte
	xi, yi := n, m
	for ; d > 0; d-- {
		prev := trace[d] // the frontier after step d-1, indexed by k+d
		get := func(k int) int { return prev[k+d] }
		k := xi - yi
		var pk int
		if k == -d || (k != d && get(k-1) < get(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := get(pk)
		py := px - pk
		for xi > px && yi > py {
			rev = append(rev, ' ')
			xi--
			yi--
		}
		if xi == px {
			rev = append(rev, '+')
			yi--
		} else {
			rev = append(rev, '-')
			xi--
		}
	}
	for xi > 0 && yi > 0 {
		rev = append(rev, ' ')
		xi--
		yi--
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

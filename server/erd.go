package server

import (
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/schema"
)

// The ERD is drawn on the server as SVG: no JavaScript library, no network,
// and the browser has nothing to lay out. Tables are placed in columns by
// their depth in the foreign key graph (referenced tables on the left),
// ordered within a column to keep edges short, and edges are curves from the
// referencing column to the referenced table.

// erdTable is a table as the ERD draws it.
type erdTable struct {
	schema, name string
	cols         []erdColumn
	more         int // columns not drawn
	fks          []schema.ForeignKey
	x, y, w, h   int
	rank         int
	order        float64
	href         string
}

type erdColumn struct {
	name, typ string
	pk, fk    bool
}

const (
	erdMaxColumns = 12
	erdHeader     = 28
	erdRow        = 19
	erdCharW      = 7.2 // width of a character of the 12px monospace font
	erdGapX       = 90
	erdGapY       = 28
	erdMaxHeight  = 1600
	erdPad        = 24
)

// erdKey names a table in the diagram.
func erdKey(schemaName, table string) string { return schemaName + "\x00" + table }

// renderERD draws tables (and the foreign keys among them) as an SVG
// document. href returns the link of a table's page.
func renderERD(tables []tableRef, href func(schemaName, table string) string) string {
	nodes := make([]*erdTable, 0, len(tables))
	byKey := make(map[string]*erdTable, len(tables))
	for _, tr := range tables {
		t := tr.table
		n := &erdTable{schema: tr.schema, name: t.Name, fks: t.ForeignKeys, href: href(tr.schema, t.Name)}
		pk := map[string]bool{}
		if t.PrimaryKey != nil {
			for _, c := range t.PrimaryKey.Columns {
				pk[c] = true
			}
		}
		fk := map[string]bool{}
		for _, f := range t.ForeignKeys {
			for _, c := range f.Columns {
				fk[c] = true
			}
		}
		for i, c := range t.Columns {
			if i == erdMaxColumns {
				n.more = len(t.Columns) - i
				break
			}
			n.cols = append(n.cols, erdColumn{name: c.Name, typ: shortType(c.Type), pk: pk[c.Name], fk: fk[c.Name]})
		}
		width := len(n.name) + 4
		for _, c := range n.cols {
			width = max(width, len(c.name)+len(c.typ)+6)
		}
		n.w = int(float64(min(width, 56))*erdCharW) + 24
		rows := len(n.cols)
		if n.more > 0 {
			rows++
		}
		n.h = erdHeader + max(rows, 1)*erdRow + 6
		nodes = append(nodes, n)
		byKey[erdKey(tr.schema, t.Name)] = n
	}
	targets := func(n *erdTable) []*erdTable {
		var out []*erdTable
		for _, f := range n.fks {
			rs := f.RefSchema
			if rs == "" {
				rs = n.schema
			}
			if m := byKey[erdKey(rs, f.RefTable)]; m != nil && m != n {
				out = append(out, m)
			}
		}
		return out
	}
	// Rank: longest path to a table referencing nothing, bounded so that
	// cycles of foreign keys end.
	for range min(len(nodes), 64) {
		moved := false
		for _, n := range nodes {
			for _, m := range targets(n) {
				if n.rank < m.rank+1 && m.rank+1 < 64 {
					n.rank, moved = m.rank+1, true
				}
			}
		}
		if !moved {
			break
		}
	}
	ranks := map[int][]*erdTable{}
	maxRank := 0
	for _, n := range nodes {
		ranks[n.rank] = append(ranks[n.rank], n)
		maxRank = max(maxRank, n.rank)
	}
	// Order each column by the mean position of the tables it references,
	// a single barycentre sweep from left to right.
	for r := 0; r <= maxRank; r++ {
		col := ranks[r]
		for i, n := range col {
			ts := targets(n)
			if r == 0 || len(ts) == 0 {
				n.order = float64(i)
				continue
			}
			sum := 0.0
			for _, m := range ts {
				sum += m.order
			}
			n.order = sum / float64(len(ts))
		}
		slices.SortStableFunc(col, func(a, b *erdTable) int {
			switch {
			case a.order < b.order:
				return -1
			case a.order > b.order:
				return 1
			}
			return strings.Compare(a.name, b.name)
		})
		for i, n := range col {
			n.order = float64(i)
		}
	}
	// Place: each rank is one or more columns, wrapped at erdMaxHeight.
	x, width, height := erdPad, 0, 0
	for r := 0; r <= maxRank; r++ {
		y, colW := erdPad, 0
		for _, n := range ranks[r] {
			if y > erdPad && y+n.h > erdMaxHeight {
				x += colW + erdGapX
				y, colW = erdPad, 0
			}
			n.x, n.y = x, y
			y += n.h + erdGapY
			colW = max(colW, n.w)
			height = max(height, n.y+n.h)
		}
		if len(ranks[r]) > 0 {
			x += colW + erdGapX
		}
	}
	width = x - erdGapX + erdPad
	height += erdPad
	if len(nodes) == 0 {
		width, height = 320, 80
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="erd" width="%d" height="%d" viewBox="0 0 %d %d" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="12" role="img" aria-label="Entity relationship diagram">`, width, height, width, height)
	b.WriteString(`<defs><marker id="erd-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6366f1"/></marker></defs>`)
	if len(nodes) == 0 {
		b.WriteString(`<text x="24" y="44" fill="#64748b">No tables to draw.</text>`)
	}
	// Edges first, so boxes cover their ends.
	b.WriteString(`<g fill="none" stroke="#818cf8" stroke-width="1.4" opacity="0.85">`)
	for _, n := range nodes {
		for _, f := range n.fks {
			rs := f.RefSchema
			if rs == "" {
				rs = n.schema
			}
			m := byKey[erdKey(rs, f.RefTable)]
			if m == nil {
				continue
			}
			y1 := n.y + rowY(n, firstOr(f.Columns))
			y2 := m.y + rowY(m, firstOr(f.RefColumns))
			if m == n { // self reference: a loop on the right side
				xr := n.x + n.w
				fmt.Fprintf(&b, `<path d="M%d,%d C%d,%d %d,%d %d,%d" marker-end="url(#erd-arrow)"/>`, xr, y1, xr+40, y1, xr+40, y2, xr, y2)
				continue
			}
			x1, x2 := n.x, m.x+m.w
			if m.x > n.x {
				x1, x2 = n.x+n.w, m.x
			}
			dx := max(abs(x2-x1)/2, 30)
			if m.x > n.x {
				fmt.Fprintf(&b, `<path d="M%d,%d C%d,%d %d,%d %d,%d" marker-end="url(#erd-arrow)"/>`, x1, y1, x1+dx, y1, x2-dx, y2, x2, y2)
			} else {
				fmt.Fprintf(&b, `<path d="M%d,%d C%d,%d %d,%d %d,%d" marker-end="url(#erd-arrow)"/>`, x1, y1, x1-dx, y1, x2+dx, y2, x2, y2)
			}
		}
	}
	b.WriteString(`</g>`)
	for _, n := range nodes {
		fmt.Fprintf(&b, `<a href="%s"><g class="erd-table" data-table="%s">`, html.EscapeString(n.href), html.EscapeString(n.schema+"."+n.name))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="8" fill="#ffffff" stroke="#cbd5e1"/>`, n.x, n.y, n.w, n.h)
		fmt.Fprintf(&b, `<path d="M%d,%d h%d a8,8 0 0 1 8,8 v%d h-%d v-%d a8,8 0 0 1 8,-8 z" fill="#4f46e5"/>`, n.x+8, n.y, n.w-16, erdHeader-8, n.w, erdHeader-8)
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#ffffff" font-weight="600">%s</text>`, n.x+12, n.y+18, html.EscapeString(clip(n.name, 52)))
		for i, c := range n.cols {
			cy := n.y + erdHeader + i*erdRow + 14
			mark, color := " ", "#0f172a"
			switch {
			case c.pk:
				mark, color = "●", "#b45309"
			case c.fk:
				mark, color = "→", "#4f46e5"
			}
			fmt.Fprintf(&b, `<text x="%d" y="%d" fill="%s">%s</text>`, n.x+10, cy, color, mark)
			fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#0f172a">%s</text>`, n.x+24, cy, html.EscapeString(clip(c.name, 30)))
			fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#64748b" text-anchor="end">%s</text>`, n.x+n.w-10, cy, html.EscapeString(clip(c.typ, 22)))
		}
		if n.more > 0 {
			fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#94a3b8">… %d more</text>`, n.x+24, n.y+erdHeader+len(n.cols)*erdRow+14, n.more)
		}
		b.WriteString(`</g></a>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// rowY returns the vertical middle of a column's row, or of the header when
// the column is not drawn.
func rowY(n *erdTable, col string) int {
	for i, c := range n.cols {
		if c.name == col {
			return erdHeader + i*erdRow + 10
		}
	}
	return erdHeader / 2
}

func firstOr(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// shortType shortens long type spellings for the diagram.
func shortType(t string) string {
	r := strings.NewReplacer("character varying", "varchar", "timestamp with time zone", "timestamptz",
		"timestamp without time zone", "timestamp", "double precision", "float8")
	return r.Replace(t)
}

func clip(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

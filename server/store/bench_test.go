package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/server/store"
)

// BenchmarkPushNames measures the store's side of a push of a 1,000-table
// schema (9,000 search names) in which 20 tables changed: "incremental" hands
// over the base version's names, so only the difference is written;
// "rebuild" does not, so the whole index is rewritten.
func BenchmarkPushNames(b *testing.B) {
	names := func(variant int) []store.Name {
		var out []store.Name
		for i := range 1000 {
			tb := fmt.Sprintf("table_%05d", i)
			out = append(out, store.Name{Kind: "table", Schema: "public", Table: tb})
			for c := range 8 {
				out = append(out, store.Name{Kind: "column", Schema: "public", Table: tb, Column: fmt.Sprintf("c%d", c)})
			}
			if i%50 == variant%50 {
				out = append(out, store.Name{Kind: "column", Schema: "public", Table: tb, Column: fmt.Sprintf("extra_%d", variant)})
			}
		}
		return out
	}
	for _, be := range backends {
		for _, mode := range []string{"incremental", "rebuild"} {
			b.Run(be.name+"/"+mode, func(b *testing.B) {
				st := be.open(b)
				ctx := b.Context()
				var base int64
				var baseNames []store.Name
				start := time.Now()
				for i := 0; b.Loop(); i++ {
					nm := names(i)
					rec := store.PushRecord{Scope: store.Scope{Key: "k", URL: "u"}, Now: t0, Hash: fmt.Sprint(i), HCL: fmt.Sprint(i), BaseVersionID: base, Names: nm}
					if mode == "incremental" {
						rec.BaseNames = baseNames
					}
					if _, err := st.Push(ctx, rec); err != nil {
						b.Fatal(err)
					}
					v, err := st.Latest(ctx, "k")
					if err != nil {
						b.Fatal(err)
					}
					base, baseNames = v.ID, nm
				}
				b.Logf("%s %s: %.1f ms per push", be.name, mode, float64(time.Since(start).Microseconds())/1000/float64(b.N))
			})
		}
	}
}

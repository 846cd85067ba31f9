package inspect

import (
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/schema"
)

// fixture is a small two-schema realm.
func fixture() *schema.Snapshot {
	s := &schema.Snapshot{
		Dialect:    schema.Postgres,
		Extensions: []schema.Extension{{Name: "citext", Schema: "public"}},
		Schemas: []schema.Schema{
			{Name: "public", Tables: []schema.Table{
				{Name: "users", Columns: []schema.Column{{Name: "id"}, {Name: "email"}, {Name: "legacy_flag"}},
					PrimaryKey:  &schema.Key{Name: "users_pkey", Columns: []string{"id"}},
					Indexes:     []schema.Index{{Name: "users_email_idx", Parts: []schema.IndexPart{{Column: "email"}}}, {Name: "users_legacy_idx", Parts: []schema.IndexPart{{Column: "legacy_flag"}}}},
					Checks:      []schema.Check{{Name: "users_email_check", Expr: "email <> ''"}},
					ForeignKeys: []schema.ForeignKey{{Name: "users_legacy_fk", Columns: []string{"legacy_flag"}, RefTable: "flags", RefColumns: []string{"id"}}},
				},
				{Name: "tmp_import", Columns: []schema.Column{{Name: "x"}}},
				{Name: "flags", Columns: []schema.Column{{Name: "id"}}},
			},
				Views: []schema.View{{Name: "active_users", Def: "select 1"}, {Name: "tmp_view", Def: "select 2"}},
				Enums: []schema.Enum{{Name: "mood", Values: []string{"ok"}}}},
			{Name: "audit", Tables: []schema.Table{{Name: "log", Columns: []schema.Column{{Name: "id"}}}, {Name: "tmp_x", Columns: []schema.Column{{Name: "id"}}}}},
		},
	}
	s.Canonicalize()
	return s
}

// names lists what is left as "schema.object" and "schema.table.child" paths.
func names(s *schema.Snapshot) string {
	var out []string
	for _, e := range s.Extensions {
		out = append(out, "ext:"+e.Name)
	}
	for _, sc := range s.Schemas {
		out = append(out, sc.Name)
		for _, t := range sc.Tables {
			out = append(out, sc.Name+"."+t.Name)
			for _, c := range t.Columns {
				out = append(out, sc.Name+"."+t.Name+"."+c.Name)
			}
			if t.PrimaryKey != nil {
				out = append(out, sc.Name+"."+t.Name+".pk")
			}
			for _, ix := range t.Indexes {
				out = append(out, sc.Name+"."+t.Name+"."+ix.Name)
			}
			for _, f := range t.ForeignKeys {
				out = append(out, sc.Name+"."+t.Name+"."+f.Name)
			}
			for _, c := range t.Checks {
				out = append(out, sc.Name+"."+t.Name+"."+c.Name)
			}
		}
		for _, v := range sc.Views {
			out = append(out, sc.Name+".view:"+v.Name)
		}
		for _, e := range sc.Enums {
			out = append(out, sc.Name+".enum:"+e.Name)
		}
	}
	return strings.Join(out, " ")
}

func TestFilter(t *testing.T) {
	t.Parallel()
	all := names(fixture())
	without := func(drop ...string) string {
		var out []string
		for _, n := range strings.Fields(all) {
			if !slices.Contains(drop, n) {
				out = append(out, n)
			}
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		name             string
		include, exclude []string
		scope            string
		want             string
	}{
		{name: "nothing", want: all},
		{name: "exclude schema", exclude: []string{"audit"}, want: without("audit", "audit.log", "audit.log.id", "audit.tmp_x", "audit.tmp_x.id")},
		{name: "exclude tables in every schema", exclude: []string{"*.tmp_*"},
			want: without("public.tmp_import", "public.tmp_import.x", "public.view:tmp_view", "audit.tmp_x", "audit.tmp_x.id")},
		{name: "type selector keeps views", exclude: []string{"*.tmp_*[type=table]"},
			want: without("public.tmp_import", "public.tmp_import.x", "audit.tmp_x", "audit.tmp_x.id")},
		{name: "schema scope: one part is an object", scope: "public", exclude: []string{"tmp_*"},
			want: without("public.tmp_import", "public.tmp_import.x", "public.view:tmp_view")},
		{name: "excluding a column drops its index and fk", exclude: []string{"public.users.legacy_*[type=column]"},
			want: without("public.users.legacy_flag", "public.users.users_legacy_idx", "public.users.users_legacy_fk")},
		{name: "children everywhere", exclude: []string{"*.*.*_check"}, want: without("public.users.users_email_check")},
		{name: "extension at realm level", exclude: []string{"citext"}, want: without("ext:citext")},
		{name: "include one table", include: []string{"public.users"},
			want: "public public.users public.users.id public.users.email public.users.legacy_flag public.users.pk public.users.users_email_idx public.users.users_legacy_idx public.users.users_legacy_fk public.users.users_email_check"},
		{name: "include then exclude", include: []string{"audit"}, exclude: []string{"audit.tmp_*"}, want: "audit audit.log audit.log.id"},
		{name: "include children only", include: []string{"public.users.e*[type=column]"}, want: "public public.users public.users.email"},
		{name: "include enums by type in schema scope", scope: "public", include: []string{"*[type=enum]"}, want: "public public.enum:mood"},
		{name: "quoted dotted name", exclude: []string{`"pub.lic".users`}, want: all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := fixture()
			if err := Filter(s, tt.include, tt.exclude, tt.scope); err != nil {
				t.Fatal(err)
			}
			if got := names(s); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestCheckGlobs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		glob, wantErr string
	}{
		{"public.users", ""},
		{`"a.b".t`, ""},
		{"*.*.c*[type=column|index]", ""},
		{"a.b.c.d", "at most 3"},
		{"public.[", "syntax error in pattern"},
		{"public.t[type=tabel]", `unknown type "tabel"`},
		{"public..t", "empty part"},
	}
	for _, tt := range tests {
		t.Run(tt.glob, func(t *testing.T) {
			t.Parallel()
			err := CheckGlobs(nil, []string{tt.glob})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want it to contain %q", err, tt.wantErr)
			case err != nil && !strings.Contains(err.Error(), tt.glob):
				t.Fatalf("error %v does not name the glob", err)
			}
		})
	}
}

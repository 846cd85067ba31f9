package server

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/schemawatch/schemawatch/schema"
)

// fixtures parses the schema package's HCL fixtures, those written by
// schemawatch and those written by the Atlas CLI.
func fixtures(t *testing.T) map[string]*schema.Snapshot {
	t.Helper()
	files, err := filepath.Glob("../schema/testdata/*/*.hcl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no HCL fixtures: %v", err)
	}
	out := map[string]*schema.Snapshot{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		snap, err := parseHCL(string(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[f] = snap
	}
	return out
}

// TestStoredSnapshotIsTheParse checks that what pages decode (the canonical
// JSON recorded at push time) is exactly what parsing the HCL gives, so
// storing it changes nothing a page shows.
func TestStoredSnapshotIsTheParse(t *testing.T) {
	t.Parallel()
	for name, snap := range fixtures(t) {
		t.Run(filepath.Base(filepath.Dir(name))+"/"+filepath.Base(name), func(t *testing.T) {
			t.Parallel()
			js, err := snap.CanonicalJSON()
			if err != nil {
				t.Fatal(err)
			}
			got, err := schema.ParseJSON(js)
			if err != nil {
				t.Fatal(err)
			}
			if d := firstDifference("snapshot", reflect.ValueOf(got), reflect.ValueOf(snap)); d != "" {
				t.Errorf("decoded snapshot differs from the parse at %s", d)
			}
		})
	}
}

// TestRecordedDetailIsTheDiff checks that the change detail recorded at push
// time reads back as the diff the page would compute, details included.
func TestRecordedDetailIsTheDiff(t *testing.T) {
	t.Parallel()
	snaps := fixtures(t)
	pairs := 0
	for an, a := range snaps {
		for bn, b := range snaps {
			if a.Dialect != b.Dialect || an == bn {
				continue
			}
			want := schema.Diff(a, b)
			got, ok := decodeDetail(encodeDetail(want))
			if !ok || !reflect.DeepEqual(got.Changes, want) {
				t.Errorf("%s → %s: recorded %+v, want %+v", an, bn, got, want)
			}
			pairs++
		}
	}
	if pairs == 0 {
		t.Fatal("no pair of fixtures of one dialect")
	}
	if got, ok := decodeDetail(encodeDetail(nil)); !ok || got.Changes != nil {
		t.Errorf("detail of unparsed versions = %+v, %v; want no changes", got, ok)
	}
}

// firstDifference names where two values first differ, "" when they do not
// (an empty list and a nil one are the same here).
func firstDifference(path string, a, b reflect.Value) string {
	if a.Kind() != b.Kind() {
		return path + ": kinds differ"
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path + ": nil on one side"
			}
			return ""
		}
		return firstDifference(path, a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if d := firstDifference(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		// A nil and an empty list encode alike and render alike.
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d and %d elements", path, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := firstDifference(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return fmt.Sprintf("%s: %v and %v", path, a.Interface(), b.Interface())
	}
	return ""
}

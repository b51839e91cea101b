package synth_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"guifan/generator/build"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/synth"
	"guifan/schemas"
)

const n, seed = 300, 7

// TestSiteChecks writes a synthetic site and checks it as guifan check
// does: no errors, no warnings, every type present, a tenth restricted.
func TestSiteChecks(t *testing.T) {
	t.Parallel()
	set, _ := schema.Load(schemas.FS)
	files, err := synth.Site(set, n, seed)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := build.CreateFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(dir, build.Options{Goal: build.GoalCheck, AsOf: model.Date{Year: 2026, Month: 6, Day: 30}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.Errors() > 0 || res.Diags.Warnings() > 0 {
		var b strings.Builder
		for i, d := range res.Diags {
			if i == 10 {
				break
			}
			fmt.Fprintf(&b, "%s:%d %s %v\n", d.Pos.File, d.Pos.Line, d.Code, d.Args)
		}
		t.Errorf("check found %d errors and %d warnings, first:\n%s", res.Diags.Errors(), res.Diags.Warnings(), b.String())
	}
	if res.Docs != n {
		t.Errorf("read %d documents, want %d", res.Docs, n)
	}
	types := map[string]int{}
	restricted := 0
	for _, d := range res.Site.Project.Docs {
		types[d.Type]++
		if !d.Control.Public() {
			restricted++
		}
	}
	for _, name := range set.TypeNames() {
		if types[name] == 0 {
			t.Errorf("no document of type %s (have %v)", name, slices.Sorted(maps.Keys(types)))
		}
	}
	if restricted < n*8/100 || restricted > n*12/100 {
		t.Errorf("%d of %d documents restricted, want about a tenth", restricted, n)
	}
	links := 0
	for _, data := range files {
		links += bytes.Count(data, []byte("](doc:"))
	}
	if links < n/2 {
		t.Errorf("%d doc: links in %d documents, want at least one in two", links, n)
	}
}

// TestSameSeedSameSite: the same size and seed give the same bytes; another
// seed gives another site.
func TestSameSeedSameSite(t *testing.T) {
	t.Parallel()
	a, err := synth.Builtin(n, seed)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := synth.Builtin(n, seed)
	if len(a) != n+1 || !maps.EqualFunc(a, b, bytes.Equal) {
		t.Fatalf("two runs: %d and %d files, equal %v", len(a), len(b), maps.EqualFunc(a, b, bytes.Equal))
	}
	c, _ := synth.Builtin(n, seed+1)
	if maps.EqualFunc(a, c, bytes.Equal) {
		t.Error("another seed gave the same site")
	}
}

// TestTooFew refuses a site smaller than one document per type.
func TestTooFew(t *testing.T) {
	t.Parallel()
	set, _ := schema.Load(schemas.FS)
	if _, err := synth.Site(set, synth.MinDocs(set)-1, 1); err == nil {
		t.Error("a site with fewer documents than types was made")
	}
	if _, err := synth.Site(set, synth.MinDocs(set), 1); err != nil {
		t.Errorf("the smallest site: %v", err)
	}
}

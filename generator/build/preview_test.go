package build_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"guifan/generator/build"
)

// TestDeferredLinks: a site built with its PDFs, workbook and forms
// deferred (the preview's first build) is the site a full build makes,
// byte for byte, but for the sizes on the downloads page; what it leaves
// out is exactly the deferred outputs, which runs with Only make; and
// nothing is written (InMemory).
func TestDeferredLinks(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "examples", "community-hospital")
	run := func(only, deferred []string) map[string][]byte {
		t.Helper()
		res, err := build.Run(dir, build.Options{Goal: build.GoalBuild, AsOf: asOf, Only: only, Defer: deferred, InMemory: true, Out: filepath.Join(t.TempDir(), "never")})
		if err != nil {
			t.Fatal(err)
		}
		if res.Invalid() || res.Files == nil || res.Out != "" {
			t.Fatalf("run %v: %d errors, %d files, out %q", only, res.Diags.Errors(), len(res.Files), res.Out)
		}
		return res.Files
	}
	full := run([]string{"site", "pdf", "excel", "forms"}, nil)
	lazy := run([]string{"site"}, []string{"pdf", "excel", "forms"})
	later := map[string][]byte{}
	for _, kind := range []string{"pdf", "excel", "forms"} {
		for p, data := range run([]string{kind}, nil) {
			later[p] = data
		}
	}
	sizes := regexp.MustCompile(`· \d+ KB`)
	for p, want := range full {
		got, ok := lazy[p]
		if !ok {
			got, ok = later[p]
		} else if _, twice := later[p]; twice {
			t.Errorf("%s made by the site and by a deferred output", p)
		}
		switch {
		case !ok:
			t.Errorf("%s: not made", p)
		case p == "site/downloads/index.html":
			if g, w := sizes.ReplaceAll(got, nil), sizes.ReplaceAll(want, nil); !bytes.Equal(g, w) || bytes.Equal(got, g) {
				t.Errorf("the downloads page differs from a full build's:\n%s\nwant\n%s", got, want)
			}
		case strings.HasSuffix(p, ".html") && !bytes.Equal(got, want):
			t.Errorf("%s differs from a full build's", p)
		}
	}
	for p := range lazy {
		if _, ok := full[p]; !ok {
			t.Errorf("%s: made only when deferred", p)
		}
	}
	var deferred []string
	for p := range later {
		deferred = append(deferred, p)
	}
	if !slices.ContainsFunc(deferred, func(p string) bool { return strings.HasPrefix(p, "site/pdf/docs/") }) ||
		!slices.Contains(deferred, "site/excel/audit-checklist.xlsx") ||
		!slices.ContainsFunc(deferred, func(p string) bool { return strings.HasPrefix(p, "site/forms/") }) {
		t.Errorf("deferred outputs: %v", deferred)
	}
}

package validate_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/build"
	"guifan/generator/diag"
	"guifan/generator/internal/txtar"
	"guifan/generator/model"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// TestCases checks the sites of testdata/*.txtar. Each archive is a site
// (hospital.toml, content/...) and a "want" section: every diagnostic the
// check of its documents reports (build.Load, then Site.Check: the
// entry point guifan check uses), one a line as
//
//	path:line:col severity code args
//
// Arguments show as their catalog keys and words; a list of allowed values
// as its length. The comment says what the case is about and may set the
// assessment date with "# as-of: 2026-11-25" (the default) or "# as-of: none".
// Load must report no error: a case is about what validate finds.
// Rewrite the want sections with: go test ./generator/validate -run TestCases -update
func TestCases(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no cases in testdata")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			runCase(t, file)
		})
	}
}

func runCase(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	a := txtar.Parse(data)
	asOf, _ := model.ParseDate("2026-11-25")
	for _, line := range strings.Split(string(a.Comment), "\n") {
		key, val, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), ":")
		if key != "as-of" {
			continue
		}
		if val = strings.TrimSpace(val); val == "none" {
			asOf = model.Date{}
		} else if asOf, _ = model.ParseDate(val); asOf.IsZero() {
			t.Fatalf("%s: bad as-of %q", file, val)
		}
	}
	site := fstest.MapFS{}
	for _, f := range a.Files {
		if f.Name != "want" {
			site[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	s, loaded, err := build.Load(site)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if loaded.Errors() > 0 {
		t.Fatalf("%s: the site does not load:\n%s", file, strings.Join(show(loaded), "\n"))
	}
	got := strings.Join(show(s.Check(asOf)), "\n")
	if got != "" {
		got += "\n"
	}
	if *update {
		a.Set("want", []byte(got))
		if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, ok := a.Get("want")
	if !ok {
		t.Fatalf("%s: no want section (run with -update to create it)", file)
	}
	if got != string(want) {
		t.Errorf("%s: diagnostics differ (run with -update to accept)\ngot:\n%swant:\n%s", file, got, want)
	}
}

func show(l diag.List) []string {
	var out []string
	for _, d := range l {
		var args []string
		for _, a := range d.Args {
			args = append(args, showArg(a))
		}
		line := fmt.Sprintf("%s:%d:%d %s %s %s", d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity, d.Code, strings.Join(args, " | "))
		out = append(out, strings.TrimSpace(line))
	}
	return out
}

func showArg(a any) string {
	switch a := a.(type) {
	case diag.Msg:
		if a.Key == "" {
			return "-"
		}
		var args []string
		for _, x := range a.Args {
			args = append(args, showArg(x))
		}
		return a.Key + "(" + strings.Join(args, ", ") + ")"
	case diag.Key:
		return string(a)
	case diag.Items:
		return fmt.Sprintf("<%d items>", len(a.Items))
	case diag.Localized:
		return a.In("zh-CN")
	case fmt.Stringer:
		return a.String()
	default:
		return fmt.Sprint(a)
	}
}

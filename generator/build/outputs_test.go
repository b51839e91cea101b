package build_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/build"
)

// The outputs are one table: --only, hospital.toml's outputs, help and the
// README all name the same outputs.
func TestOutputTable(t *testing.T) {
	t.Parallel()
	names := build.OutputNames()
	if len(names) == 0 || len(build.OutputKinds()) != len(names) {
		t.Fatalf("names %v", names)
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range build.OutputKinds() {
		if k.Help == "" {
			t.Errorf("%s has no help", k.Name)
		}
		if !strings.Contains(string(readme), "`"+k.Name+"`") {
			t.Errorf("the README does not list the output `%s`", k.Name)
		}
	}
	// hospital.toml's outputs are checked against the table, at the entry.
	site, diags, err := build.Load(fstest.MapFS{"hospital.toml": {Data: []byte("name = \"x\"\noutputs = [\"site\", \"word\"]\n")}})
	if err != nil || site == nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range diags {
		if d.Code == "config.output" {
			found = d.Pos.Line == 2 && d.Args[0] == "word" && d.Args[1] == strings.Join(names, ", ")
		}
	}
	if !found {
		t.Errorf("an unknown output is not reported at its entry: %v", diags)
	}
	// --only takes the same names.
	if _, err := build.Run(t.TempDir(), build.Options{Goal: build.GoalBuild, Only: []string{"word"}}); err == nil || !strings.Contains(err.Error(), "word") {
		t.Errorf("Run with an unknown output: %v", err)
	}
	if !slices.Contains(names, "site") {
		t.Error("no site output")
	}
}

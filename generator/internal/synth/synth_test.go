package synth

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestSameSeedSameCorpus(t *testing.T) {
	t.Parallel()
	a, b := Entries(50, 3), Entries(50, 3)
	if len(a) != 50 || !reflect.DeepEqual(a, b) {
		t.Fatalf("Entries(50, 3) twice: %d and %d entries, equal %v", len(a), len(b), reflect.DeepEqual(a, b))
	}
	if reflect.DeepEqual(a, Entries(50, 4)) {
		t.Error("another seed gave the same corpus")
	}
}

// TestOnlyTestsImport keeps the synthesiser out of the program: no file of
// generator/ but a _test.go file imports this package.
func TestOnlyTestsImport(t *testing.T) {
	t.Parallel()
	const self = "guifan/generator/internal/synth"
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	seen := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, parser.ImportsOnly)
		if err != nil {
			return nil // a file mid-edit elsewhere is not this test's business
		}
		seen++
		for _, im := range f.Imports {
			if p, _ := strconv.Unquote(im.Path.Value); p == self {
				t.Errorf("%s imports %s; only tests may", path, self)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 50 {
		t.Fatalf("looked at %d Go files under %s; the walk missed the tree", seen, root)
	}
}

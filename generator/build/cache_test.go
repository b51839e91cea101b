package build_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guifan/generator/build"
)

// readTree returns every file under dir by its slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == build.StampsFile {
			return nil // the files' stamps: different at every build by design
		}
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: %s missing", what, p)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from a cold build", what, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s is not in a cold build", what, p)
		}
	}
}

// TestCachedBuildIsCold: a build into a folder that holds the previous
// build takes the PDFs whose inputs did not change from it; every file it
// writes is byte-identical to a cold build's, after no change, after an
// edit, and when a file of the previous output was altered by hand.
func TestCachedBuildIsCold(t *testing.T) {
	t.Parallel()
	site := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	reused := 0
	build1 := func(out string) map[string][]byte {
		t.Helper()
		res, err := build.Run(site, build.Options{Goal: build.GoalBuild, AsOf: asOf, Out: out})
		if err != nil || res.Invalid() {
			t.Fatal(err, res.Diags)
		}
		reused = res.Reused
		return readTree(t, out)
	}
	warm := filepath.Join(t.TempDir(), "out")
	first := build1(warm)
	if _, ok := first[".guifan-cache.json"]; !ok {
		t.Fatal("no cache index in the output folder")
	}
	if reused != 0 {
		t.Errorf("a first build reused %d PDFs", reused)
	}
	pdfs := 0 // the PDFs and the blank forms' workbooks
	for p := range first {
		if strings.HasSuffix(p, ".pdf") || strings.HasPrefix(p, "site/forms/") && strings.HasSuffix(p, ".xlsx") {
			pdfs++
		}
	}
	sameTree(t, "no change", build1(warm), first)
	if reused != pdfs {
		t.Errorf("a build after no change reused %d of %d PDFs", reused, pdfs)
	}

	// An edit of one document, in words the site already uses.
	doc := filepath.Join(site, "content", "regulations", "reg-backup.md")
	data, _ := os.ReadFile(doc)
	os.WriteFile(doc, []byte(strings.Replace(string(data), "## 目的", "## 目的\n\n数据备份管理。", 1)), 0o644)
	// A previous PDF altered by hand is not taken.
	victim := filepath.Join(warm, "site", "pdf", "docs", "reg-duty.pdf")
	os.WriteFile(victim, []byte("%PDF-1.4 not the real one"), 0o644)
	got := build1(warm)
	if reused == 0 || reused >= pdfs-2 {
		t.Errorf("after one edit and one altered file, %d of %d PDFs were reused", reused, pdfs)
	}
	cold := build1(filepath.Join(t.TempDir(), "cold"))
	sameTree(t, "after an edit", got, cold)
	if bytes.Equal(got["site/pdf/docs/reg-backup.pdf"], first["site/pdf/docs/reg-backup.pdf"]) {
		t.Error("the edited document's PDF was taken from the cache")
	}
}

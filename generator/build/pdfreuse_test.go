package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"guifan/generator/build"
)

// TestCacheLinksOnlyUntouched: a rebuild takes the previous PDFs without
// reading them only while they are the files it recorded. A PDF changed
// by hand to other bytes of the same size (its time changed) is made
// again; an edit of one document in characters the site already uses
// redoes only that document's PDFs and the binders holding it; an edit
// that brings a character the site did not use changes the fonts' cut,
// so every PDF is made again. Each result is a cold build's bytes.
func TestCacheLinksOnlyUntouched(t *testing.T) {
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
	isPDF := func(p string) bool {
		return strings.HasSuffix(p, ".pdf") || strings.HasPrefix(p, "site/forms/") && strings.HasSuffix(p, ".xlsx")
	}
	warm := filepath.Join(t.TempDir(), "out")
	first := build1(warm)
	pdfs := 0
	for p := range first {
		if isPDF(p) {
			pdfs++
		}
	}
	if _, err := os.Stat(filepath.Join(warm, build.StampsFile)); err != nil {
		t.Fatal("no stamps in the output:", err)
	}
	// Nothing is written beside the output folder.
	if entries, err := os.ReadDir(filepath.Dir(warm)); err != nil || len(entries) != 1 {
		t.Fatalf("beside the output: %v (%v)", entries, err)
	}

	// Same size, other bytes, a later time: not the file recorded.
	victim := filepath.Join(warm, "site", "pdf", "docs", "reg-duty.pdf")
	data, _ := os.ReadFile(victim)
	forged := bytes.Clone(data)
	copy(forged[len(forged)/2:], "FORGED")
	os.WriteFile(victim, forged, 0o644)
	later := time.Now().Add(time.Hour)
	os.Chtimes(victim, later, later)
	kept := filepath.Join(warm, "site", "pdf", "docs", "reg-backup.pdf")
	keptBefore, _ := os.Stat(kept)
	got := build1(warm)
	if keptAfter, err := os.Stat(kept); runtime.GOOS == "linux" && (err != nil || !os.SameFile(keptBefore, keptAfter)) {
		t.Error("an untouched PDF was not linked from the previous output")
	}
	if reused != pdfs-1 {
		t.Errorf("after one PDF was altered, %d of %d PDFs were reused", reused, pdfs)
	}
	sameTree(t, "after an altered PDF", got, first)

	// One document edited in characters the site already uses.
	doc := filepath.Join(site, "content", "regulations", "reg-backup.md")
	src, _ := os.ReadFile(doc)
	os.WriteFile(doc, []byte(strings.Replace(string(src), "## 目的", "## 目的\n\n数据备份管理。", 1)), 0o644)
	before := got
	got = build1(warm)
	var changed []string
	for p, d := range got {
		if isPDF(p) && !bytes.Equal(d, before[p]) {
			changed = append(changed, p)
			own := strings.HasSuffix(p, "/docs/reg-backup.pdf")
			binder := !strings.Contains(p, "/docs/") && !strings.Contains(p, "/cards/") && !strings.HasPrefix(p, "site/forms/")
			if !own && !binder {
				t.Errorf("%s changed after an edit of reg-backup", p)
			}
		}
	}
	if len(changed) < 2 || pdfs-reused != len(changed) {
		t.Errorf("after one edit %d PDFs were made and %d changed: %v", pdfs-reused, len(changed), changed)
	}
	sameTree(t, "after an edit in the site's characters", got, build1(filepath.Join(t.TempDir(), "cold1")))

	// A character no other document uses: every PDF's fonts are cut anew.
	os.WriteFile(doc, []byte(strings.Replace(string(src), "## 目的", "## 目的\n\n龘。", 1)), 0o644)
	got = build1(warm)
	if reused != 0 {
		t.Errorf("after a new character, %d PDFs were reused", reused)
	}
	sameTree(t, "after a new character", got, build1(filepath.Join(t.TempDir(), "cold2")))
}

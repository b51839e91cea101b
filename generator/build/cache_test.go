package build_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

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

// TestCachedAuditWorkbooks: a rebuild takes each copy of the audit
// workbook (site and restricted) from the previous build when nothing it
// is made from changed: an untouched copy is linked, not read; a copy
// altered by hand (same size, other bytes, a later time) is made again;
// an edited document, and a change of the site's address (the workbook's
// links only), make both again. Every output is a cold build's bytes.
func TestCachedAuditWorkbooks(t *testing.T) {
	t.Parallel()
	site := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	build1 := func(out string) map[string][]byte {
		t.Helper()
		res, err := build.Run(site, build.Options{Goal: build.GoalBuild, AsOf: asOf, Out: out, Only: []string{"excel", "report"}})
		if err != nil || res.Invalid() {
			t.Fatal(err, res.Diags)
		}
		return readTree(t, out)
	}
	books := []string{"site/excel/audit-checklist.xlsx", "restricted/excel/audit-checklist.xlsx"}
	warm := filepath.Join(t.TempDir(), "out")
	first := build1(warm)
	for _, p := range books {
		if len(first[p]) == 0 {
			t.Fatalf("no %s in the output", p)
		}
	}
	stat := func(p string) os.FileInfo {
		t.Helper()
		fi, err := os.Stat(filepath.Join(warm, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}

	// The restricted copy altered by hand; the site's copy untouched.
	victim := filepath.Join(warm, filepath.FromSlash(books[1]))
	forged := bytes.Clone(first[books[1]])
	copy(forged[len(forged)/2:], "FORGED")
	os.WriteFile(victim, forged, 0o644)
	later := time.Now().Add(time.Hour)
	os.Chtimes(victim, later, later)
	before := [2]os.FileInfo{stat(books[0]), stat(books[1])}
	got := build1(warm)
	if runtime.GOOS == "linux" && !os.SameFile(before[0], stat(books[0])) {
		t.Error("the untouched site workbook was not linked from the previous output")
	}
	if os.SameFile(before[1], stat(books[1])) {
		t.Error("the altered restricted workbook was taken from the previous output")
	}
	sameTree(t, "after an altered workbook", got, first)

	// A linked copy is the previous output's file too: the next build
	// still recognises it (its stamp was kept), and links it again.
	before[0] = stat(books[0])
	sameTree(t, "no change", build1(warm), first)
	if runtime.GOOS == "linux" && !os.SameFile(before[0], stat(books[0])) {
		t.Error("a workbook linked once was not linked again")
	}

	// An edit of one document: its register row and the report change.
	doc := filepath.Join(site, "content", "regulations", "reg-backup.md")
	src, _ := os.ReadFile(doc)
	os.WriteFile(doc, []byte(strings.Replace(string(src), `title = "`, `title = "修订 `, 1)), 0o644)
	got = build1(warm)
	for _, p := range books {
		if bytes.Equal(got[p], first[p]) {
			t.Errorf("%s did not change after a document's title did", p)
		}
	}
	sameTree(t, "after an edit", got, build1(filepath.Join(t.TempDir(), "cold1")))

	// The site's address: only the workbooks' links change.
	prev := got
	hosp := filepath.Join(site, "hospital.toml")
	h, _ := os.ReadFile(hosp)
	os.WriteFile(hosp, append([]byte("site_url = \"https://it.example.org/\"\n"), h...), 0o644)
	got = build1(warm)
	for _, p := range books {
		if bytes.Equal(got[p], prev[p]) {
			t.Errorf("%s did not change after the site's address did", p)
		}
	}
	sameTree(t, "after a new site address", got, build1(filepath.Join(t.TempDir(), "cold2")))
}

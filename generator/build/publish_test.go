package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// userTree makes a site folder and a neighbour with the user's own files
// and returns a function that fails the test when any of them changed.
func userTree(t *testing.T) (work string, intact func()) {
	t.Helper()
	work = t.TempDir()
	own := map[string]string{
		"site/hospital.toml":              "name = \"测试医院\"\n",
		"site/content/regulations/a.md":   "+++\ntitle = \"甲\"\n+++\n",
		"site/audit/attestations.toml":    "# 审核员手写\n",
		"site/forms/my-form.toml":         "id = \"my-form\"\n",
		"site/schemas/types/minutes.toml": "name = \"minutes\"\n",
		"site/themes/default/x.css":       "body{}\n",
		"docs/thesis.docx":                "论文",
		"site/output.old/backup.txt":      "用户自己的备份",
		"site/output.new/draft.txt":       "用户自己的草稿",
	}
	for name, text := range own {
		p := filepath.Join(work, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return work, func() {
		t.Helper()
		for name, text := range own {
			data, err := os.ReadFile(filepath.Join(work, filepath.FromSlash(name)))
			if err != nil || string(data) != text {
				t.Errorf("the user's file %s was harmed: %q, %v", name, data, err)
			}
		}
	}
}

func outputFiles(n int) map[string][]byte {
	files := map[string][]byte{"report.json": []byte("{}\n")}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("site/docs/d%03d/index.html", i)] = []byte(strings.Repeat("页", 200))
	}
	return files
}

func codeOf(err error) string {
	var oe *OutputError
	if errors.As(err, &oe) {
		return oe.Code
	}
	if err != nil {
		return "other: " + err.Error()
	}
	return ""
}

// leftovers lists the names in dir that a build should not leave behind.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".guifan-") || strings.HasSuffix(e.Name(), ".new") && e.Name() != "output.new" {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestPublishRefusesUsersFolders(t *testing.T) {
	t.Parallel()
	work, intact := userTree(t)
	site := filepath.Join(work, "site")
	cases := []struct {
		out, code string
	}{
		{site, OutSources},                                      // the site itself
		{filepath.Join(site, "content"), OutSources},            // a source folder
		{filepath.Join(site, "hospital.toml"), OutSources},      // a source file
		{filepath.Join(site, "content", "out"), OutSources},     // inside the sources
		{filepath.Join(site, "CONTENT"), OutSources},            // another case, same folder on Windows
		{filepath.Join(site, "audit"), OutSources},              // the auditor's file
		{filepath.Join(site, "themes", "default"), OutSources},  // inside a theme
		{work, OutSources},                                      // contains the site
		{filepath.Join(work, "docs"), OutNotOurs},               // a folder of the user's
		{filepath.Join(work, "docs", "thesis.docx"), OutFile},   // a file
		{filepath.Join(site, "output.old"), OutNotOurs},         // the user's backup
		{string(filepath.Separator), OutRoot},                   // a root
		{filepath.Join(work, "docs", "..", "docs"), OutNotOurs}, // the same, spelt otherwise
	}
	for _, c := range cases {
		err := Publish(c.out, site, outputFiles(3))
		if got := codeOf(err); got != c.code {
			t.Errorf("Publish(%s): got %q, want %q", c.out, got, c.code)
		}
	}
	intact()
	if l := leftovers(t, site); len(l) > 0 {
		t.Errorf("refused builds left %v", l)
	}
	if l := leftovers(t, work); len(l) > 0 {
		t.Errorf("refused builds left %v", l)
	}
}

func TestPublishRefusesLinkToSources(t *testing.T) {
	t.Parallel()
	work, intact := userTree(t)
	site := filepath.Join(work, "site")
	link := filepath.Join(work, "out-link")
	if err := os.Symlink(filepath.Join(site, "content"), link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if got := codeOf(Publish(link, site, outputFiles(1))); got != OutSources {
		t.Errorf("output through a link to content/: got %q, want %q", got, OutSources)
	}
	// A link to a folder outside the sources is refused too: guifan
	// would replace the link, not the folder.
	other := filepath.Join(work, "elsewhere")
	os.Mkdir(other, 0o755)
	link2 := filepath.Join(work, "out-link2")
	os.Symlink(other, link2)
	err := Publish(link2, site, outputFiles(1))
	if got := codeOf(err); got != OutLink {
		t.Errorf("output that is a link: got %q, want %q", got, OutLink)
	}
	// The message names where the link leads (it used to name an empty
	// list of "files guifan did not write").
	if oe, ok := err.(*OutputError); ok && oe.Detail != other {
		t.Errorf("output that is a link: detail %q, want %q", oe.Detail, other)
	}
	intact()
}

func TestPublishReplacesOnlyItsOwnOutput(t *testing.T) {
	t.Parallel()
	work, intact := userTree(t)
	site := filepath.Join(work, "site")
	out := filepath.Join(site, "output")
	if err := Publish(out, site, outputFiles(5)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		t.Fatalf("no marker in a new output: %v", err)
	}
	if st, _ := os.Stat(out); st.Mode().Perm()&0o055 != 0o055 {
		t.Errorf("output folder mode %v: others cannot read it", st.Mode())
	}
	// A second build replaces it: files of the first do not linger.
	if err := Publish(out, site, outputFiles(2)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "site/docs/d004/index.html")); err == nil {
		t.Error("a file of the earlier build lingers")
	}
	// A file the user put into the output makes it theirs... no: the
	// marker says guifan owns it and the README says so; it is replaced.
	// But a folder without the marker holding a user's file is refused.
	os.Remove(filepath.Join(out, Marker))
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
	if got := codeOf(Publish(out, site, outputFiles(1))); got != OutNotOurs {
		t.Errorf("unmarked output with a user's file: got %q, want %q", got, OutNotOurs)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "notes.txt")); string(data) != "mine" {
		t.Error("the user's file in an unmarked output was harmed")
	}
	// A folder without the marker that holds what guifan would write
	// there (site/, report.json) may be a user's own: refused too.
	os.Remove(filepath.Join(out, "notes.txt"))
	if got := codeOf(Publish(out, site, outputFiles(1))); got != OutNotOurs {
		t.Errorf("unmarked folder holding site/ and report.json: got %q, want %q", got, OutNotOurs)
	}
	// An empty folder is taken.
	empty := filepath.Join(work, "empty")
	os.Mkdir(empty, 0o755)
	if err := Publish(empty, site, outputFiles(1)); err != nil {
		t.Errorf("empty folder: %v", err)
	}
	intact()
	if l := leftovers(t, site); len(l) > 0 {
		t.Errorf("builds left %v", l)
	}
}

func TestPublishFailureLeavesPreviousOutput(t *testing.T) {
	t.Parallel()
	work, intact := userTree(t)
	site := filepath.Join(work, "site")
	out := filepath.Join(site, "output")
	if err := Publish(out, site, outputFiles(3)); err != nil {
		t.Fatal(err)
	}
	// "a" as a file and as a folder: the write fails half-way.
	bad := outputFiles(3)
	bad["site/x"] = []byte("file")
	bad["site/x/y"] = []byte("under a file")
	if got := codeOf(Publish(out, site, bad)); got != OutFailed {
		t.Errorf("conflicting names: got %q, want %q", got, OutFailed)
	}
	if _, err := os.Stat(filepath.Join(out, "site/docs/d002/index.html")); err != nil {
		t.Errorf("a failed build harmed the previous output: %v", err)
	}
	if l := leftovers(t, site); len(l) > 0 {
		t.Errorf("a failed build left %v", l)
	}
	intact()
}

func TestPublishRefusesNamesThatEscape(t *testing.T) {
	t.Parallel()
	work, intact := userTree(t)
	site := filepath.Join(work, "site")
	out := filepath.Join(work, "out")
	for _, name := range []string{
		"../escape.html", "site/../../escape.html", "/abs.html", "", ".", "site/./x",
		`site\..\..\x`, "site//x", "site/x\x00y", "site/c:x", "site/a./b", Marker,
	} {
		files := outputFiles(1)
		files[name] = []byte("x")
		if got := codeOf(Publish(out, site, files)); got != OutBadName {
			t.Errorf("file name %q: got %q, want %q", name, got, OutBadName)
		}
	}
	if _, err := os.Stat(filepath.Join(work, "escape.html")); err == nil {
		t.Error("a file was written outside the output")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused build made the output folder")
	}
	intact()
}

// Two builds into one output at once: each either succeeds or is told the
// output is locked, and the output always holds one whole build.
func TestPublishConcurrent(t *testing.T) {
	t.Parallel()
	work, intact := userTree(t)
	site := filepath.Join(work, "site")
	out := filepath.Join(site, "output")
	const builds = 6
	var wg sync.WaitGroup
	errs := make([]error, builds)
	for i := range builds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = Publish(out, site, outputFiles(300))
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch codeOf(err) {
		case "":
			ok++
		case OutLocked:
		default:
			t.Errorf("concurrent build: %v", err)
		}
	}
	if ok == 0 {
		t.Fatal("no build succeeded")
	}
	var n int
	filepath.WalkDir(filepath.Join(out, "site"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	if n != 300 {
		t.Errorf("output holds %d of 300 pages", n)
	}
	if l := leftovers(t, site); len(l) > 0 {
		t.Errorf("builds left %v", l)
	}
	intact()
}

func TestPublishLock(t *testing.T) {
	t.Parallel()
	work, _ := userTree(t)
	site := filepath.Join(work, "site")
	out := filepath.Join(site, "output")
	lock := filepath.Join(site, ".output.guifan-lock")
	host, _ := os.Hostname()
	// Held by this very process: refused.
	os.WriteFile(lock, fmt.Appendf(nil, "guifan %s %d 2099-01-01T00:00:00Z\n", host, os.Getpid()), 0o644)
	if got := codeOf(Publish(out, site, outputFiles(1))); got != OutLocked {
		t.Errorf("live lock: got %q, want %q", got, OutLocked)
	}
	// A lock in another format (not guifan's) is never taken over.
	os.WriteFile(lock, []byte("someone else's file\n"), 0o644)
	if got := codeOf(Publish(out, site, outputFiles(1))); got != OutLocked {
		t.Errorf("foreign lock file: got %q, want %q", got, OutLocked)
	}
	if data, _ := os.ReadFile(lock); string(data) != "someone else's file\n" {
		t.Error("a file guifan did not write was removed")
	}
	// Left by a process that is gone: taken over, and removed after.
	os.WriteFile(lock, fmt.Appendf(nil, "guifan %s %d 2099-01-01T00:00:00Z\n", host, 1<<22+12345), 0o644)
	if err := Publish(out, site, outputFiles(1)); err != nil {
		t.Errorf("stale lock: %v", err)
	}
	if _, err := os.Stat(lock); err == nil {
		t.Error("the lock is left behind")
	}
	// Temporary folders of a killed build are cleaned under the lock.
	killed := filepath.Join(site, ".output.guifan-new-123")
	os.MkdirAll(filepath.Join(killed, "site"), 0o755)
	if err := Publish(out, site, outputFiles(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(killed); err == nil {
		t.Error("a killed build's folder is left")
	}
}

func TestCreateFilesNeverReplaces(t *testing.T) {
	t.Parallel()
	work, intact := userTree(t)
	site := filepath.Join(work, "site")
	err := CreateFiles(site, map[string][]byte{
		"content/new.md":       []byte("new"),
		"hospital.toml":        []byte("name = \"另一家\"\n"),
		"content/other/new.md": []byte("new"),
	})
	if got := codeOf(err); got != OutNotOurs {
		t.Errorf("CreateFiles over hospital.toml: got %q, want %q", got, OutNotOurs)
	}
	if _, err := os.Stat(filepath.Join(site, "content/new.md")); err == nil {
		t.Error("CreateFiles wrote part of its files before refusing")
	}
	if got := codeOf(CreateFiles(site, map[string][]byte{"../x.md": nil})); got != OutBadName {
		t.Errorf("CreateFiles ../x.md: got %q", got)
	}
	if err := CreateFiles(site, map[string][]byte{"content/b/c.md": []byte("c")}); err != nil {
		t.Error(err)
	}
	intact()
	var names []string
	entries, _ := os.ReadDir(work)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if strings.Join(names, ",") != "docs,site" {
		t.Errorf("CreateFiles wrote beside the site: %v", names)
	}
}

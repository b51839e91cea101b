package pdf_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"guifan/generator/build"
	"guifan/generator/i18n"
	"guifan/generator/markdown"
	"guifan/generator/model"
)

var asOf = model.Date{Year: 2026, Month: 11, Day: 25}

// tool finds a command-line program; tests skip without it, except under
// .ci/run (GUIFAN_CI=1), which installs poppler-utils and qpdf.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("GUIFAN_CI") != "" {
			t.Fatalf("%s is required under CI", name)
		}
		t.Skipf("%s not installed; .ci/run installs poppler-utils and qpdf", name)
	}
	return p
}

var (
	once    sync.Once
	outDir  string
	site    *build.Site
	loadErr error
)

// demo builds the demo hospital's PDFs once into a temporary folder.
func demo(t *testing.T) (string, *build.Site) {
	t.Helper()
	once.Do(func() {
		s, diags, err := build.Load(os.DirFS(filepath.Join("..", "..")))
		if err != nil || diags.Errors() > 0 {
			loadErr = err
			return
		}
		site = s
		m, _ := s.Assess(asOf)
		cat, err := i18n.Load(s.ThemeFS, "zh-CN")
		if err != nil {
			loadErr = err
			return
		}
		files, _, err := s.Outputs(m, asOf, cat, []string{"pdf"})
		if err != nil {
			loadErr = err
			return
		}
		outDir, loadErr = os.MkdirTemp("", "guifan-pdf-")
		if loadErr == nil {
			loadErr = build.Publish(outDir, "", files)
		}
	})
	if loadErr != nil || site == nil {
		t.Fatal("building the demo's PDFs:", loadErr)
	}
	return outDir, site
}

func pdfs(t *testing.T, dir string) []string {
	var out []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".pdf") {
			out = append(out, p)
		}
		return nil
	})
	if len(out) < 70 {
		t.Fatalf("only %d PDFs", len(out))
	}
	return out
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

func TestQpdfCheckAndEmbeddedFonts(t *testing.T) {
	qpdf, pdffonts := tool(t, "qpdf"), tool(t, "pdffonts")
	dir, _ := demo(t)
	for _, p := range pdfs(t, dir) {
		run(t, qpdf, "--check", p)
		lines := strings.Split(run(t, pdffonts, p), "\n")
		for _, l := range lines[2:] {
			f := strings.Fields(l)
			if len(f) < 5 {
				continue
			}
			// name type encoding emb sub uni object-number generation:
			// emb is the fifth field from the end.
			if emb := f[len(f)-5]; emb != "yes" {
				t.Errorf("%s: font not embedded: %s", filepath.Base(p), l)
			}
		}
	}
}

func squeeze(s string) []rune {
	var out []rune
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\u3000' {
			out = append(out, r)
		}
	}
	return out
}

// TestNoCharacterLost: the text of every document's PDF contains every
// character of the document, in order.
func TestNoCharacterLost(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	dir, s := demo(t)
	for _, d := range s.Project.Docs {
		sub := "site"
		if !s.Public(d) {
			sub = "restricted"
		}
		p := filepath.Join(dir, sub, "pdf", "docs", d.ID+".pdf")
		got := squeeze(run(t, pdftotext, "-raw", "-enc", "UTF-8", p, "-"))
		want := squeeze(d.Title() + markdown.Render(d.BodyWithoutTitle(), nil).Text)
		i := 0
		for _, r := range got {
			if i < len(want) && r == want[i] {
				i++
			}
		}
		if i < len(want) {
			at := string(want[max(0, i-15):min(len(want), i+15)])
			t.Errorf("%s: %d of %d characters found in order; lost at …%s…", d.ID, i, len(want), at)
		}
	}
}

// closing punctuation that may not start a line. } and ] are left out:
// they start lines of code blocks, whose lines are the author's own.
const closing = "，。、；：？！）」』》】〕〗〉”’…%‰℃,.;:?!)"

// TestNoLineStartsWithClosingPunctuation checks the line breaker's work in
// every PDF's layout text.
func TestNoLineStartsWithClosingPunctuation(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	dir, _ := demo(t)
	for _, p := range pdfs(t, dir) {
		for n, line := range strings.Split(run(t, pdftotext, "-layout", "-enc", "UTF-8", p, "-"), "\n") {
			line = strings.TrimLeft(line, " \f")
			if line == "" {
				continue
			}
			first := []rune(line)[0]
			if strings.ContainsRune(closing, first) {
				t.Errorf("%s line %d starts with %q: %s", filepath.Base(p), n+1, first, line)
			}
		}
	}
}

type qpdfJSON struct {
	Outlines []struct {
		Title            string `json:"title"`
		DestPageposfrom1 int    `json:"destpageposfrom1"`
		Kids             []any  `json:"kids"`
	} `json:"outlines"`
}

// TestBookmarksAndContents: a binder's top-level bookmarks name its
// documents with their first pages, and the contents page gives the same
// page numbers.
func TestBookmarksAndContents(t *testing.T) {
	qpdf, pdftotext := tool(t, "qpdf"), tool(t, "pdftotext")
	dir, _ := demo(t)
	p := filepath.Join(dir, "site", "pdf", "regulations.pdf")
	var j qpdfJSON
	if err := json.Unmarshal([]byte(run(t, qpdf, "--json", "--json-key=outlines", p)), &j); err != nil {
		t.Fatal(err)
	}
	pages := map[string]int{}
	for _, o := range j.Outlines {
		pages[o.Title] = o.DestPageposfrom1
	}
	if len(j.Outlines) < 10 {
		t.Fatalf("only %d bookmarks", len(j.Outlines))
	}
	withKids := 0
	for _, o := range j.Outlines {
		if len(o.Kids) > 0 {
			withKids++
		}
	}
	if withKids < 5 {
		t.Errorf("only %d documents have second-level bookmarks", withKids)
	}
	toc := run(t, pdftotext, "-f", "2", "-l", "2", "-layout", "-enc", "UTF-8", p, "-")
	entry := regexp.MustCompile(`^\s*(\S.*?)\s+(\d+)\s*$`)
	checked := 0
	for _, line := range strings.Split(toc, "\n") {
		m := entry.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		title := strings.TrimSpace(m[1])
		page, _ := strconv.Atoi(m[2])
		want, ok := pages[title]
		if !ok {
			continue
		}
		checked++
		if want != page {
			t.Errorf("%q: contents say page %d, bookmark page %d", title, page, want)
		}
		// The page really begins with that document.
		text := run(t, pdftotext, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-enc", "UTF-8", p, "-")
		if !strings.Contains(strings.ReplaceAll(text, " ", ""), strings.ReplaceAll(title, " ", "")) {
			t.Errorf("%q: page %d does not show it", title, page)
		}
	}
	if checked < 10 {
		t.Errorf("only %d contents entries matched a bookmark:\n%s", checked, toc)
	}
}

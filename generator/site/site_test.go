package site_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"guifan/generator/build"
	"guifan/generator/i18n"
	"guifan/generator/model"
)

var (
	demoOnce sync.Once
	demoOut  string
	demoErr  error
)

// buildDemo builds the demo hospital once into a temporary folder.
func buildDemo(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "guifan-site-")
		if err != nil {
			demoErr = err
			return
		}
		demoOut = dir
		demoErr = buildInto(filepath.Join("..", ".."), dir)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoOut
}

func buildInto(siteDir, out string) error {
	files, err := outputs(siteDir)
	if err != nil {
		return err
	}
	return build.Publish(out, siteDir, files)
}

func outputs(siteDir string) (map[string][]byte, error) {
	site, diags, err := build.Load(os.DirFS(siteDir))
	if err != nil {
		return nil, err
	}
	asOf := model.Date{Year: 2026, Month: 11, Day: 25}
	diags.Append(site.Check(asOf))
	if diags.Errors() > 0 {
		return nil, errorList(diags.Errors())
	}
	m, _ := site.Assess(asOf)
	cat, err := i18n.Load(site.ThemeFS, site.Project.Hospital.Lang())
	if err != nil {
		return nil, err
	}
	files, _, err := site.Outputs(m, asOf, cat, nil)
	return files, err
}

type errorList int

func (e errorList) Error() string { return "content has errors" }

var (
	hrefRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	telRE  = regexp.MustCompile(`^tel:\+?[0-9][0-9-]*[0-9]$`)
)

// TestLinksResolve walks every page and checks that every internal link
// names a file of the site, and that nothing points outside it.
func TestLinksResolve(t *testing.T) {
	out := filepath.Join(buildDemo(t), "site")
	pages := 0
	err := filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		// An inline SVG's namespace is a name, never fetched.
		web := bytes.ReplaceAll(data, []byte(`xmlns="http://www.w3.org/2000/svg"`), nil)
		if bytes.Contains(web, []byte("http://")) || bytes.Contains(web, []byte("https://")) {
			t.Errorf("%s refers to the web", p)
		}
		for _, m := range hrefRE.FindAllSubmatch(data, -1) {
			href := string(m[1])
			if href == "" || strings.HasPrefix(href, "#") {
				continue
			}
			if strings.HasPrefix(href, "tel:") {
				// A number to dial (an action card's calls), nothing to fetch.
				if !telRE.MatchString(href) {
					t.Errorf("%s: phone link %q is not a plain number", p, href)
				}
				continue
			}
			target, _, _ := strings.Cut(href, "#")
			target = unescape(target)
			if strings.HasSuffix(target, "/") || !strings.Contains(filepath.Base(target), ".") {
				t.Errorf("%s: link %q does not name a file (it would not work from file://)", p, href)
				continue
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(p), filepath.FromSlash(target))); err != nil {
				t.Errorf("%s: broken link %q", p, href)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 100 {
		t.Errorf("only %d pages", pages)
	}
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			var v byte
			for _, c := range s[i+1 : i+3] {
				v <<= 4
				switch {
				case c >= '0' && c <= '9':
					v |= byte(c - '0')
				case c >= 'A' && c <= 'F':
					v |= byte(c - 'A' + 10)
				case c >= 'a' && c <= 'f':
					v |= byte(c - 'a' + 10)
				}
			}
			b.WriteByte(v)
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// TestDeterministic: two builds with the same --as-of give the same bytes.
func TestDeterministic(t *testing.T) {
	a, err := outputs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	b, err := outputs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// TestOnlyPublicDocuments: no restricted document's id, title or unique
// text appears anywhere under site/.
func TestOnlyPublicDocuments(t *testing.T) {
	site, _, err := build.Load(os.DirFS(filepath.Join("..", "..")))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(buildDemo(t), "site")
	var all []byte
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && (strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".json")) {
			data, _ := os.ReadFile(p)
			all = append(all, data...)
		}
		return nil
	})
	restricted := 0
	for _, d := range site.Project.Docs {
		if site.Public(d) {
			continue
		}
		restricted++
		if _, err := os.Stat(filepath.Join(out, "docs", d.ID+".html")); err == nil {
			t.Errorf("restricted %s has a page", d.ID)
		}
		if bytes.Contains(all, []byte("docs/"+d.ID+".html")) {
			t.Errorf("restricted %s is linked from the site", d.ID)
		}
		// Its own words must not be on the site. (Its title may be: a
		// public regulation may well name the register it governs.)
		for _, line := range strings.Split(string(d.Body), "\n") {
			line = strings.TrimSpace(line)
			if len([]rune(line)) < 24 || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "|") {
				continue
			}
			if bytes.Contains(all, []byte(line)) {
				t.Errorf("restricted %s: its text %q is on the site", d.ID, line)
			}
		}
		for _, row := range d.Rows("risks") {
			if m, _ := row["measures"].(string); len(m) > 20 && bytes.Contains(all, []byte(m)) {
				t.Errorf("restricted %s: a risk measure is on the site", d.ID)
			}
		}
	}
	if restricted == 0 {
		t.Fatal("the demo has no restricted documents to check")
	}
}

// copyDir copies a site into a temporary folder.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestThemeOverrideAndEnglish: a site's own layouts/ replaces one template
// of the default theme, and languages = ["en"] gives an English interface.
func TestThemeOverrideAndEnglish(t *testing.T) {
	dir := copyDir(t, filepath.Join("..", "..", "examples", "community-hospital"))
	h := filepath.Join(dir, "hospital.toml")
	data, _ := os.ReadFile(h)
	data = []byte(strings.Replace(string(data), `languages = ["zh-CN"]`, `languages = ["en", "zh-CN"]`, 1))
	if !strings.Contains(string(data), `"en", "zh-CN"`) {
		data = append(data, []byte("\nlanguages = [\"en\", \"zh-CN\"]\n")...)
	}
	os.WriteFile(h, data, 0o644)
	os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
	os.WriteFile(filepath.Join(dir, "layouts", "home.html"), []byte(`{{define "main"}}<h1>{{.Site.Name}}</h1><p id="own-home">our own home page</p>{{end}}`), 0o644)
	files, err := outputs(dir)
	if err != nil {
		t.Fatal(err)
	}
	home := string(files["site/index.html"])
	if !strings.Contains(home, `id="own-home"`) {
		t.Error("the site's layouts/home.html did not replace the theme's")
	}
	if !strings.Contains(home, `lang="en"`) || !strings.Contains(home, ">FAQ<") {
		t.Error("the interface is not English")
	}
	if doc := string(files["site/docs/reg-security.html"]); !strings.Contains(doc, "Document control") {
		t.Error("other pages should keep the default theme's layout, in English")
	}
}

// An emergency plan's action card links each number to call (tel:), so a
// phone dials it with a tap: the demo's service desk, 8000, on every plan.
func TestCardNumbersDial(t *testing.T) {
	t.Parallel()
	out := buildDemo(t)
	pages, err := filepath.Glob(filepath.Join(out, "site", "docs", "ep-*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no emergency plan pages: %v", err)
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		calls := regexp.MustCompile(`(?s)<div class="card-calls">.*?</div>`).Find(b)
		if !bytes.Contains(calls, []byte(`<a class="tel" href="tel:8000">8000</a>`)) {
			t.Errorf("%s: the card's calls do not dial 8000:\n%s", p, calls)
		}
	}
}

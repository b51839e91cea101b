package site_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"guifan/generator/build"
	"guifan/generator/i18n"
	"guifan/generator/model"
)

// TestSearchLoadsWhatGoCounts: the index files the search page loads for
// a query (its <script> tags under search/, once the search is done) add
// up to what search.Index.LoadedBytes counts, the rest of the texts of the
// first results included.
func TestSearchLoadsWhatGoCounts(t *testing.T) {
	out := buildDemo(t)
	site, _, err := build.Load(os.DirFS(filepath.Join("..", "..")))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := site.Assess(model.Date{Year: 2026, Month: 11, Day: 25})
	cat, err := i18n.Load(site.ThemeFS, site.Project.Hospital.Lang())
	if err != nil {
		t.Fatal(err)
	}
	idx := site.SearchIndex(m, cat)
	root := filepath.Join(out, "site")
	files := map[string][]byte{}
	err = filepath.WalkDir(filepath.Join(root, "search"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := browser(t)
	defer cancel()
	texts := 0
	for _, q := range []string{"离线磁带", "表空间扩容", "机房温度", "锁定15分钟", "数据备份", "UPS", "忘了密码", "xyz不存在"} {
		searchPage(t, ctx, out, q)
		srcs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.scripts).map(s => s.src).filter(s => s.includes("/search/"))`))
		if err != nil {
			t.Fatal(err)
		}
		loaded := 0
		for _, s := range srcs {
			_, rel, _ := strings.Cut(s, "/site/")
			b, ok := files[rel]
			if !ok {
				t.Errorf("%q: the page loads %s, not an index file", q, s)
			}
			loaded += len(b)
			if strings.HasPrefix(rel, "search/t/") {
				texts++
			}
		}
		if want := idx.LoadedBytes(files, q); loaded != want {
			t.Errorf("%q: the page loads %d bytes (%d scripts), LoadedBytes counts %d", q, loaded, len(srcs), want)
		}
	}
	if texts == 0 {
		t.Error("no query loaded a text file")
	}
}

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// copySite copies a site folder into a temporary one.
func copySite(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if strings.HasPrefix(rel, "output") {
			return filepath.SkipDir
		}
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestBuildThenImportUnchanged builds a site, imports its own workbook back
// and expects no change; importing it into another hospital is refused.
func TestBuildThenImportUnchanged(t *testing.T) {
	site := copySite(t, filepath.Join("..", "..", "..", "examples", "community-hospital"))
	out := runCapture([]string{"--lang", "zh-CN", "build", "--as-of", "2026-11-25", site})
	if !strings.HasPrefix(out, "exit 0") {
		t.Fatalf("build failed:\n%s", out)
	}
	for _, f := range []string{"report.json", "site/excel/audit-checklist.xlsx", "restricted/excel/audit-checklist.xlsx"} {
		if _, err := os.Stat(filepath.Join(site, "output", f)); err != nil {
			t.Errorf("build did not write %s", f)
		}
	}
	book := filepath.Join(site, "output", "site", "excel", "audit-checklist.xlsx")
	before, _ := os.ReadFile(filepath.Join(site, "audit", "attestations.toml"))
	out = runCapture([]string{"--lang", "zh-CN", "audit", "import", book, site})
	if !strings.HasPrefix(out, "exit 0") || !strings.Contains(out, "没有需要修改") {
		t.Errorf("re-importing an unedited workbook:\n%s", out)
	}
	after, _ := os.ReadFile(filepath.Join(site, "audit", "attestations.toml"))
	if string(before) != string(after) {
		t.Error("an unedited workbook changed the attestations file")
	}

	other := copySite(t, filepath.Join("..", "..", "..", "examples", "community-hospital"))
	h := filepath.Join(other, "hospital.toml")
	data, _ := os.ReadFile(h)
	os.WriteFile(h, []byte(strings.Replace(string(data), "示例社区卫生服务中心", "另一家中心", 1)), 0o644)
	out = runCapture([]string{"--lang", "zh-CN", "audit", "import", book, other})
	if !strings.HasPrefix(out, "exit 1") || !strings.Contains(out, "未导入") {
		t.Errorf("a workbook of another hospital was not refused:\n%s", out)
	}
	out = runCapture([]string{"--lang", "zh-CN", "audit", "import", h, site})
	if !strings.HasPrefix(out, "exit 2") {
		t.Errorf("a file that is not a workbook:\n%s", out)
	}
}

// TestServeOnce builds a site for preview and starts serving it.
func TestServeOnce(t *testing.T) {
	site := copySite(t, filepath.Join("..", "..", "..", "examples", "community-hospital"))
	out := runCapture([]string{"--lang", "en", "serve", "--once", "--addr", "127.0.0.1:0", "--as-of", "2026-11-25", site})
	if !strings.HasPrefix(out, "exit 0") || !strings.Contains(out, "Preview at http://127.0.0.1:") {
		t.Errorf("serve --once:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(site, "output")); err == nil {
		t.Error("serve wrote output/; it should build into a folder of its own")
	}
}

// TestInitAndNew starts a site and a draft of every document type from
// the schemas; the result passes guifan check.
func TestInitAndNew(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if out := runCapture([]string{"--lang", "zh-CN", "init", dir, "--name", "测试医院"}); !strings.HasPrefix(out, "exit 0") {
		t.Fatalf("init:\n%s", out)
	}
	if out := runCapture([]string{"init", dir}); !strings.HasPrefix(out, "exit 2") {
		t.Errorf("init over an existing site:\n%s", out)
	}
	// Plans first, so that records can refer to one.
	types := []string{"emergency-plan", "regulation", "job-duty", "procedure", "five-year-plan", "annual-plan", "service-desk",
		"organisation", "faq", "glossary", "risk-assessment", "asset-register", "drill-record", "training-record", "inspection-record", "review-record"}
	for i, typ := range types {
		if out := runCapture([]string{"new", typ, "doc-" + strconv.Itoa(i), dir}); !strings.HasPrefix(out, "exit 0") {
			t.Errorf("new %s:\n%s", typ, out)
		}
	}
	if out := runCapture([]string{"new", "regulaton", "x", dir}); !strings.HasPrefix(out, "exit 2") || !strings.Contains(out, "regulation") {
		t.Errorf("an unknown type:\n%s", out)
	}
	if out := runCapture([]string{"--lang", "zh-CN", "check", "--as-of", "2026-11-25", dir}); !strings.HasPrefix(out, "exit 0") {
		t.Errorf("the new site does not pass check:\n%s", out)
	}
}

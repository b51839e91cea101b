package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guifan/generator/build"
	"guifan/generator/i18n"
)

// TestSiteOwnForm: a form written as TOML in a site's forms/ folder comes
// out as a PDF, a workbook and a printable page, with no code change.
func TestSiteOwnForm(t *testing.T) {
	dir := copySite(t, filepath.Join("..", "..", "examples", "community-hospital"))
	os.MkdirAll(filepath.Join(dir, "forms"), 0o755)
	os.WriteFile(filepath.Join(dir, "forms", "vaccine-fridge.toml"), []byte(`id = "vaccine-fridge"
title = { zh-CN = "疫苗冷链监控终端巡检表", en = "Vaccine cold-chain monitor check" }
purpose = { zh-CN = "预防保健科每日检查冷链温度监控终端和网络连接。", en = "Daily check of the cold-chain monitors." }
number = "SQ-XX-01"
articles = [32]

[[rows]]
cells = [
  { id = "date", kind = "field", label = { zh-CN = "检查日期", en = "Date" } },
  { id = "checker", kind = "field", label = { zh-CN = "检查人", en = "Checker" } },
]

[[rows]]
cells = [{ id = "status", kind = "check", span = 2, label = { zh-CN = "终端状态", en = "Status" }, options = [{ zh-CN = "在线", en = "Online" }, { zh-CN = "离线", en = "Offline" }] }]

[[rows]]
cells = [{ id = "notes", kind = "area", span = 2, lines = 4, label = { zh-CN = "异常情况", en = "Problems" } }]
`), 0o644)
	site, diags, err := build.Load(os.DirFS(dir))
	if err != nil || diags.Errors() > 0 {
		t.Fatal(err, diags)
	}
	if site.Forms["vaccine-fridge"] == nil {
		t.Fatal("the site's own form was not loaded")
	}
	m, _ := site.Assess(asOf)
	cat, _ := i18n.Load(site.ThemeFS, "zh-CN")
	files, _, err := site.Outputs(m, asOf, cat, []string{"site", "forms"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"site/forms/vaccine-fridge.pdf", "site/forms/vaccine-fridge.xlsx", "site/forms/vaccine-fridge/index.html"} {
		if len(files[p]) == 0 {
			t.Errorf("%s was not made", p)
		}
	}
	if !strings.Contains(string(files["site/forms/vaccine-fridge/index.html"]), "疫苗冷链监控终端巡检表") {
		t.Error("the printable page lacks the form's title")
	}
	if !strings.Contains(string(files["site/forms/index.html"]), "vaccine-fridge") {
		t.Error("the forms index does not list the form")
	}
}

package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestArticleNotesAndFormLinks: an article that earns nothing while a
// manual check is pending says so on its page (the community centre's
// article 40), and a regulation's link to a blank form (the demo's change
// regulation, form:change-request) goes to the form's page.
func TestArticleNotesAndFormLinks(t *testing.T) {
	files, err := outputs(filepath.Join("..", "..", "examples", "community-hospital"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["site/articles/40/index.html"])
	if !strings.Contains(page, `<p class="note">另有 1 项要求待审核员确认。</p>`) {
		t.Errorf("article 40 of the community centre does not say a manual check is pending")
	}
	reg, err := os.ReadFile(filepath.Join(buildDemo(t), "site", "docs", "reg-change.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(reg), `<a href="../forms/change-request/index.html">《信息系统变更申请表》</a>`) {
		t.Errorf("the change regulation's form link does not go to the form's page")
	}
}

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pdftotext runs poppler's pdftotext with args on a PDF and returns its
// text; the test is skipped without it, except under CI (GUIFAN_CI=1).
func pdftotext(t *testing.T, data []byte, args ...string) string {
	t.Helper()
	prog, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("GUIFAN_CI") != "" {
			t.Fatal("pdftotext is needed (GUIFAN_CI=1): ", err)
		}
		t.Skip("pdftotext not installed")
	}
	cmd := exec.Command(prog, append(append([]string{"-enc", "UTF-8"}, args...), "-", "-")...)
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// squeeze drops all white space: a PDF breaks lines where its cells do.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// requirementID is what a requirement's id looks like (14.five-year,
// 26.practice): ids are for report.json, never for the report's readers.
var requirementID = regexp.MustCompile(`\b\d{1,2}\.[a-z][a-z0-9]*(-[a-z0-9]+)*\b`)

// schemaHints are words of the site's configuration that readers of the
// report must never see.
var schemaHints = []string{"classification", "hospital.toml", "departments", "infocentre", "forms = [", "forms/", "members_from"}

// verdictWords are the verdicts as the Chinese catalog words them.
var verdictWords = []string{"满足", "部分满足", "不满足", "待审核员确认", "不适用", "仅作说明"}

// splitVerdicts finds verdicts broken across lines in pdftotext -layout
// output of the report's article table: below each header row (要求 结论
// 按文件计算 证据…), every cell that starts within the two verdict columns
// must be a whole verdict word. Cells are text between runs of two or more
// spaces; columns are counted in characters, as -layout sets them.
func splitVerdicts(layout string) (found []string, checked int) {
	whole := map[string]bool{}
	for _, w := range verdictWords {
		whole[w] = true
	}
	cells := regexp.MustCompile(`\S+(?: \S+)*`)
	from, to := -1, -1 // the verdict columns, in characters
	for _, line := range strings.Split(layout, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "要求") && strings.Contains(line, "结论") {
			r := []rune(line)
			from, to = runeIndex(r, "结论"), runeIndex(r, "证据")
			continue
		}
		if from < 0 || strings.Contains(line, "\f") {
			from, to = -1, -1 // a new page: wait for its header
			continue
		}
		for _, m := range cells.FindAllStringIndex(line, -1) {
			at := len([]rune(line[:m[0]]))
			c := line[m[0]:m[1]]
			if at >= from-1 && (to < 0 || at < to-1) {
				checked++
				if !whole[c] {
					found = append(found, c)
				}
			}
		}
	}
	return found, checked
}

// runeIndex is where s starts in r, in characters; -1 if it is not there.
func runeIndex(r []rune, s string) int {
	i := strings.Index(string(r), s)
	if i < 0 {
		return -1
	}
	return len([]rune(string(r)[:i]))
}

// attestationValues reads the values of an attestations file's entries
// that readers must find in the report: auditor, date (as the catalog
// writes it), note and justification. The file is written by guifan's
// import: one-line basic strings and bare dates.
func attestationValues(t *testing.T, text string) []string {
	t.Helper()
	var out []string
	str := regexp.MustCompile(`(?m)^(auditor|note|justification) = "((?:[^"\\]|\\.)*)"`)
	for _, m := range str.FindAllStringSubmatch(text, -1) {
		out = append(out, strings.ReplaceAll(m[2], `\"`, `"`))
	}
	date := regexp.MustCompile(`(?m)^date = "?(\d{4})-0?(\d{1,2})-0?(\d{1,2})"?`)
	for _, m := range date.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1]+"年"+m[2]+"月"+m[3]+"日")
	}
	return out
}

// TestReportPDFCarriesTheAttestations: after an auditor's workbook is
// imported (a verdict that differs from the computed one, a met manual
// check, a not-applicable justification, next to the example's own
// attestations), report.pdf shows every attestation's auditor, date, note
// and justification; neither it nor the site's report page shows a
// requirement id or a configuration word; no verdict is split across lines.
func TestReportPDFCarriesTheAttestations(t *testing.T) {
	t.Parallel()
	site, att, _ := auditSite(t)
	book := checklistBook(t)
	book, _ = fillRow(t, book, "40.practice", map[string]string{"K": text("不满足"), "L": text("9 月 3 日上午升级了挂号系统，正值门诊高峰。"), "M": number(46341), "N": text("郑文静")})
	book, _ = fillRow(t, book, "23.agreements", map[string]string{"K": text("满足"), "L": text("抽查 12 名职工的保密协议，均已签署并归档。"), "M": number(46340), "N": text("王立新（院办）")})
	book, _ = fillRow(t, book, "12.posts", map[string]string{"K": text("不适用"), "L": text("中心由区信息中心统一托管数据库与应用系统，不设相应岗位。"), "M": number(46340), "N": text("王立新（院办）")})
	if out := importBook(t, site, book); !strings.HasPrefix(out, "exit 0") {
		t.Fatalf("import:\n%s", out)
	}
	attested, err := os.ReadFile(att)
	if err != nil {
		t.Fatal(err)
	}
	values := attestationValues(t, string(attested))
	if len(values) < 12 {
		t.Fatalf("too few values read from the attestations file (%d):\n%s", len(values), attested)
	}
	out := filepath.Join(t.TempDir(), "out")
	if res := runCapture([]string{"--lang", "zh-CN", "build", "--as-of", "2026-11-25", "--only", "pdf,site", "-o", out, site}); !strings.HasPrefix(res, "exit 0") {
		t.Fatalf("build:\n%s", res)
	}
	for _, name := range []string{"site/pdf/report.pdf", "restricted/pdf/report.pdf"} {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		raw := pdftotext(t, data, "-raw")
		flat := squeeze(raw)
		for _, v := range values {
			if !strings.Contains(flat, squeeze(v)) {
				t.Errorf("%s lacks %q", name, v)
			}
		}
		for _, want := range []string{"按文件计算", "签字", "审核员确认记录", "医院盖章"} {
			if !strings.Contains(flat, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		if ids := requirementID.FindAllString(raw, -1); len(ids) > 0 {
			t.Errorf("%s shows requirement ids: %v", name, ids)
		}
		for _, h := range schemaHints {
			if strings.Contains(raw, h) {
				t.Errorf("%s shows the configuration word %q", name, h)
			}
		}
		split, checked := splitVerdicts(pdftotext(t, data, "-layout"))
		if len(split) > 0 || checked < 50 {
			t.Errorf("%s splits verdicts across lines: %q (%d verdict cells checked)", name, split, checked)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "site", "report", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	visible := regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`).ReplaceAllString(string(page), " ")
	if ids := requirementID.FindAllString(visible, -1); len(ids) > 0 {
		t.Errorf("the site's report page shows requirement ids: %v", ids)
	}
	for _, h := range schemaHints {
		if strings.Contains(visible, h) {
			t.Errorf("the site's report page shows the configuration word %q", h)
		}
	}
}

// TestSplitVerdictsCanFail: the check finds a verdict broken as the old
// report broke them (不适/用, 部分/满足 in a narrow column).
func TestSplitVerdictsCanFail(t *testing.T) {
	t.Parallel()
	layout := "要求            结论    按文件计算   证据\n第 34 条 档案     不适    满足         缺口\n                用\n术语            部分\n                满足\n"
	if got, _ := splitVerdicts(layout); len(got) != 3 {
		t.Errorf("found %q, want 不适, 用 and 部分", got)
	}
	if got, _ := splitVerdicts("要求            结论    按文件计算   证据\n规范的目的，仅作         仅作说明\n说明\n"); len(got) != 0 {
		t.Errorf("a title's line reported as a split verdict: %q", got)
	}
	if got, _ := splitVerdicts("要求     结论     按文件计算     证据\n第 5 条     部分满足     不适用\n"); len(got) != 0 {
		t.Errorf("whole words reported as split: %q", got)
	}
}

package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"guifan/generator/fsutil"
	"guifan/generator/model"
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
	untouchedDrafts(t, dir)
}

// untouchedDrafts checks what untouched drafts are worth: check warns at
// every section heading that still holds the placeholder text, and no
// article is met by them.
func untouchedDrafts(t *testing.T, dir string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	run([]string{"--lang", "zh-CN", "check", "--format", "json", "--as-of", "2026-11-25", dir}, &stdout, &stderr)
	var diags []struct {
		File string `json:"file"`
		Line int    `json:"line"`
		Code string `json:"code"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &diags); err != nil {
		t.Fatalf("check --format json: %v\n%s", err, stdout.String())
	}
	warned := map[string]bool{}
	for _, d := range diags {
		if d.Code == "section.placeholder" {
			warned[d.File+":"+strconv.Itoa(d.Line)] = true
		}
	}
	headings := 0
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		for i, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "## ") {
				headings++
				if key := filepath.ToSlash(rel) + ":" + strconv.Itoa(i+1); !warned[key] {
					t.Errorf("no placeholder warning at %s (%s)", key, line)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if headings == 0 {
		t.Fatal("the drafts have no section headings")
	}
	stdout.Reset()
	run([]string{"--lang", "zh-CN", "report", "--format", "json", "--as-of", "2026-11-25", dir}, &stdout, &stderr)
	var rep struct {
		Articles []struct {
			Number int    `json:"number"`
			Status string `json:"status"`
		} `json:"articles"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil || len(rep.Articles) == 0 {
		t.Fatalf("report --format json: %v\n%s", err, stdout.String())
	}
	for _, a := range rep.Articles {
		if a.Status == "met" || a.Status == "partial" {
			t.Errorf("article %d is %s on a site of untouched drafts", a.Number, a.Status)
		}
	}
}

// The tests below import workbooks an auditor (or an attacker) might hand
// over. Excelize stays in package excel, so the workbook made by guifan
// build is changed here by editing its XML with archive/zip.

var community struct {
	once sync.Once
	book []byte
	out  string
}

// checklistBook builds the community hospital once and returns the site
// copy of its audit workbook.
func checklistBook(t *testing.T) []byte {
	t.Helper()
	community.once.Do(func() {
		site := copySite(t, filepath.Join("..", "..", "..", "examples", "community-hospital"))
		community.out = runCapture([]string{"--lang", "zh-CN", "build", "--as-of", "2026-11-25", "--only", "excel", site})
		community.book, _ = os.ReadFile(filepath.Join(site, "output", "site", "excel", "audit-checklist.xlsx"))
	})
	if community.book == nil {
		t.Fatalf("build failed:\n%s", community.out)
	}
	return community.book
}

// auditSite returns a fresh copy of the community hospital, the path of
// its attestations file and that file's bytes.
func auditSite(t *testing.T) (site, att string, before []byte) {
	t.Helper()
	site = copySite(t, filepath.Join("..", "..", "..", "examples", "community-hospital"))
	att = filepath.Join(site, "audit", "attestations.toml")
	before, err := os.ReadFile(att)
	if err != nil {
		t.Fatal(err)
	}
	return site, att, before
}

// zipParts calls change for every part of a zip and returns the new zip.
func zipParts(t *testing.T, data []byte, change func(name string, part []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.Create(f.Name)
		w.Write(change(f.Name, part))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// text and number are cell contents for fillRow: an inline string (its
// bytes as given; control characters as Excel writes them, _x0001_) and a
// number.
func text(s string) string {
	var b strings.Builder
	for _, r := range []byte(s) {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r < 0x20 && r != '\t' && r != '\n':
			fmt.Fprintf(&b, "_x%04X_", r)
		default:
			b.WriteByte(r)
		}
	}
	return ` t="inlineStr"><is><t xml:space="preserve">` + b.String() + `</t></is></c>`
}

func number(n float64) string { return `><v>` + strconv.FormatFloat(n, 'f', -1, 64) + `</v></c>` }

// fillRow sets the auditor's cells of a requirement's checklist row:
// columns K (verdict), L (note), M (date) and N (auditor). It returns the
// new workbook and the row number.
func fillRow(t *testing.T, book []byte, req string, cells map[string]string) ([]byte, int) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		for _, f := range zr.File {
			if f.Name == name {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				return string(b)
			}
		}
		t.Fatalf("no %s in the workbook", name)
		return ""
	}
	// The checklist sheet's part, through the workbook's relationships.
	id := regexp.MustCompile(`<sheet name="审核清单" sheetId="\d+" r:id="(rId\d+)"`).FindStringSubmatch(read("xl/workbook.xml"))
	if id == nil {
		t.Fatal("no checklist sheet")
	}
	target := regexp.MustCompile(`Id="` + id[1] + `" Target="([^"]+)"`).FindStringSubmatch(read("xl/_rels/workbook.xml.rels"))
	if target == nil {
		t.Fatal("no checklist part")
	}
	sheet := "xl/" + target[1]
	// The requirement's shared string, then its row.
	var sst struct {
		SI []struct {
			T string `xml:"t"`
		} `xml:"si"`
	}
	if err := xml.Unmarshal([]byte(read("xl/sharedStrings.xml")), &sst); err != nil {
		t.Fatal(err)
	}
	idx := -1
	for i, si := range sst.SI {
		if si.T == req {
			idx = i
		}
	}
	m := regexp.MustCompile(`<c r="D(\d+)"[^>]*t="s"><v>` + strconv.Itoa(idx) + `</v></c>`).FindStringSubmatch(read(sheet))
	if idx < 0 || m == nil {
		t.Fatalf("requirement %s not in the checklist", req)
	}
	row := m[1]
	out := zipParts(t, book, func(name string, part []byte) []byte {
		if name != sheet {
			return part
		}
		s := string(part)
		for col, content := range cells {
			re := regexp.MustCompile(`<c r="` + col + row + `"( s="\d+")?[^>]*?(/>|>.*?</c>)`)
			cell := re.FindStringSubmatch(s)
			if cell == nil {
				t.Fatalf("no cell %s%s", col, row)
			}
			s = strings.Replace(s, cell[0], `<c r="`+col+row+`"`+cell[1]+content, 1)
		}
		return []byte(s)
	})
	n, _ := strconv.Atoi(row)
	return out, n
}

// importBook writes a workbook into the work folder and imports it.
func importBook(t *testing.T, site string, book []byte, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "审核清单.xlsx")
	if err := os.WriteFile(path, book, 0o644); err != nil {
		t.Fatal(err)
	}
	return runCapture(append([]string{"--lang", "zh-CN", "audit", "import", path, site}, args...))
}

// unchanged fails the test when the attestations file changed or a
// temporary file was left beside it.
func unchanged(t *testing.T, att string, before []byte) {
	t.Helper()
	now, err := os.ReadFile(att)
	if err != nil || !bytes.Equal(now, before) {
		t.Errorf("the attestations file changed (%v):\n%s", err, now)
	}
	entries, _ := os.ReadDir(filepath.Dir(att))
	for _, e := range entries {
		if e.Name() != "attestations.toml" && e.Name() != "attestations.toml.bak" {
			t.Errorf("left in audit/: %s", e.Name())
		}
	}
}

// TestImportEditsInPlace: a hand-written file keeps its comments, blank
// lines, order and styles; only the changed value and the new entry
// differ, and the previous version is kept as .bak.
func TestImportEditsInPlace(t *testing.T) {
	site, att, _ := auditSite(t)
	hand := `# 审核确认记录（区卫生健康委信息化检查组，2026 年 11 月现场检查）
# 这个文件由检查组手工维护，可以直接编辑。

# 第三十四条：一级中心不设技术档案室
[[attestations]]
requirement = "34.archive"
verdict = "不适用"          # 检查组一致意见
justification = "中心信息科仅 3 人，技术档案存放在办公室带锁档案柜。"
auditor = "周宏（区卫生健康委信息化检查组）"
date = 2026-11-12

# 第二十六条：服务台
[[attestations]]
auditor = "周宏（区卫生健康委信息化检查组）"
requirement = "26.practice"
date = "2026-11-12"
verdict = "partial"
note = """抽查 10 月服务记录 25 条：
两次周末来电无人接听。"""

# 文件结束
`
	if err := os.WriteFile(att, []byte(hand), 0o644); err != nil {
		t.Fatal(err)
	}
	book := checklistBook(t)
	// The workbook shows what the site had when it was built; fill it
	// with the hand-written file's words first, as a rebuild would.
	book, _ = fillRow(t, book, "34.archive", map[string]string{"K": text("不适用"), "L": text("中心信息科仅 3 人，技术档案存放在办公室带锁档案柜。"), "M": number(46338), "N": text("周宏（区卫生健康委信息化检查组）")})
	book, _ = fillRow(t, book, "26.practice", map[string]string{"K": text("满足"), "L": text("抽查 10 月服务记录 25 条：\n两次周末来电无人接听。"), "M": number(46338), "N": text("周宏（区卫生健康委信息化检查组）")})
	book, _ = fillRow(t, book, "40.practice", map[string]string{"K": text("不满足"), "L": text("9 月 3 日上午升级了挂号系统。"), "M": number(46341), "N": text("郑文静")})
	out := importBook(t, site, book)
	if !strings.HasPrefix(out, "exit 0") || !strings.Contains(out, "修改 26.practice：部分满足 → 满足") || !strings.Contains(out, "新增 40.practice") || !strings.Contains(out, "attestations.toml.bak") {
		t.Fatalf("import:\n%s", out)
	}
	// What was kept as well as what changed: the summary counts the
	// unchanged entry and the comments, and says the order was kept.
	if !strings.Contains(out, "小结：新增 1 条，修改 1 条；未变 1 条，清单中留空而保留 0 条，清单未列出、原样保留 0 条；手写注释保留 6 处（共 6 处）；条目保持原有顺序（新条目加在末尾）。") {
		t.Errorf("no summary of what was kept:\n%s", out)
	}
	got, _ := os.ReadFile(att)
	want := strings.Replace(hand, `verdict = "partial"`, `verdict = "met"`, 1) + `
[[attestations]]
requirement = "40.practice"
verdict = "missing"
auditor = "郑文静"
date = 2026-11-15
note = "9 月 3 日上午升级了挂号系统。"
`
	if string(got) != want {
		t.Errorf("the file after import:\n%s\ndiffers from:\n%s\n%s", got, want, diff(want, string(got)))
	}
	if bak, _ := os.ReadFile(att + ".bak"); string(bak) != hand {
		t.Errorf("the backup is not the previous version:\n%s", bak)
	}
	if out := runCapture([]string{"--lang", "zh-CN", "check", "--as-of", "2026-11-25", site}); !strings.HasPrefix(out, "exit 0") {
		t.Errorf("check after import:\n%s", out)
	}
}

// TestImportControlCharacters: a note with control characters (U+007F,
// which JSON does not escape, and the C0 controls Excel writes as _x0001_)
// is written escaped; the file parses, check passes and importing the
// same workbook again changes nothing.
func TestImportControlCharacters(t *testing.T) {
	site, att, _ := auditSite(t)
	note := "抽查\x7f记录\x01\x08\x1b\x1f，\"引号\"、反斜杠\\、\t制表。"
	book, _ := fillRow(t, checklistBook(t), "40.practice", map[string]string{"K": text("满足"), "L": text(note), "M": number(46341), "N": text("郑文静")})
	if out := importBook(t, site, book); !strings.HasPrefix(out, "exit 0") {
		t.Fatalf("import:\n%s", out)
	}
	got, _ := os.ReadFile(att)
	if !strings.Contains(string(got), `note = "抽查\u007F记录\u0001\b\u001B\u001F，\"引号\"、反斜杠\\、\t制表。"`) {
		t.Errorf("the note is not escaped:\n%s", got)
	}
	if out := runCapture([]string{"--lang", "zh-CN", "check", "--as-of", "2026-11-25", site}); !strings.HasPrefix(out, "exit 0") {
		t.Errorf("check after import:\n%s", out)
	}
	if out := importBook(t, site, book); !strings.HasPrefix(out, "exit 0") || !strings.Contains(out, "没有需要修改") {
		t.Errorf("importing the same workbook again:\n%s", out)
	}
}

// TestImportImplausibleDates: a number in the date cell (2 shows as
// 1900-01-02, 99999 as 2173-10-13) is refused with the row and the cell as
// shown, and nothing is written.
func TestImportImplausibleDates(t *testing.T) {
	site, att, before := auditSite(t)
	for _, c := range []struct {
		date  float64
		shown string
	}{{2, "1900-01-02"}, {99999, "2173-10-13"}, {18263, "1949-12-31"}} {
		book, row := fillRow(t, checklistBook(t), "40.practice", map[string]string{"K": text("满足"), "M": number(c.date), "N": text("郑文静")})
		out := importBook(t, site, book)
		want := fmt.Sprintf("第 %d 行（40.practice）：审核日期 “%s” 不是有效的日期（应在 1950 年至 2100 年之间）", row, c.shown)
		if !strings.HasPrefix(out, "exit 1") || !strings.Contains(out, want) {
			t.Errorf("date %v:\n%s\nwant %s", c.date, out, want)
		}
		unchanged(t, att, before)
	}
}

// TestImportInvalidUTF8: bytes that are not UTF-8 in a note made excelize
// drop every text of the workbook, so the import said "nothing to change";
// now the row is named and nothing is written.
func TestImportInvalidUTF8(t *testing.T) {
	site, att, before := auditSite(t)
	book, row := fillRow(t, checklistBook(t), "40.practice", map[string]string{"K": text("满足"), "L": text("抽查\xff\xfe记录"), "M": number(46341), "N": text("郑文静")})
	out := importBook(t, site, book)
	want := fmt.Sprintf("第 %d 行（40.practice）：“审核意见”一栏含有无法识别的字符", row)
	if !strings.HasPrefix(out, "exit 1") || !strings.Contains(out, want) {
		t.Errorf("import:\n%s\nwant %s", out, want)
	}
	unchanged(t, att, before)
}

// TestImportZipBomb: a workbook whose parts inflate past
// model.MaxWorkbookUnzipped is refused before it is opened, whether its
// zip directory tells the truth or not.
func TestImportZipBomb(t *testing.T) {
	site, att, before := auditSite(t)
	// Deflate data of 300 MiB of zeros, made by repeating one compressed
	// MiB (which refers only to zeros before it).
	var first bytes.Buffer
	w, _ := flate.NewWriter(&first, flate.BestCompression)
	mib := make([]byte, 1<<20)
	w.Write(mib)
	w.Flush()
	head := first.Len()
	w.Write(mib)
	w.Flush()
	chunk := append([]byte(nil), first.Bytes()[head:]...)
	bomb := append([]byte(nil), first.Bytes()[:head]...)
	const mb = model.MaxWorkbookUnzipped>>20 + 44
	for i := 1; i < mb; i++ {
		bomb = append(bomb, chunk...)
	}
	bomb = append(bomb, 0x01, 0x00, 0x00, 0xFF, 0xFF)
	for _, declared := range []uint64{mb << 20, 4096} {
		book := checklistBook(t)
		zr, _ := zip.NewReader(bytes.NewReader(book), int64(len(book)))
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		for _, f := range zr.File {
			zw.Copy(f)
		}
		pw, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/media/image1.png", Method: zip.Deflate, CompressedSize64: uint64(len(bomb)), UncompressedSize64: declared})
		pw.Write(bomb)
		zw.Close()
		if out.Len() > 2<<20 {
			t.Fatalf("the bomb workbook is %d bytes", out.Len())
		}
		res := importBook(t, site, out.Bytes())
		if !strings.HasPrefix(res, "exit 2") || !strings.Contains(res, "解压后超过 256 MB") {
			t.Errorf("a zip bomb (directory says %d bytes):\n%s", declared, res)
		}
		unchanged(t, att, before)
	}
}

// TestImportNotAWorkbook: files that are not workbooks are refused in
// the user's language, without a library's words.
func TestImportNotAWorkbook(t *testing.T) {
	site, att, before := auditSite(t)
	for _, c := range []struct {
		data []byte
		want string
	}{
		{[]byte("name = \"测试医院\"\n"), "不是 Excel 工作簿（.xlsx）"},
		{append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1000)...), "设置了打开密码，或是旧的 .xls 格式"},
		{checklistBook(t)[:5000], "不是 Excel 工作簿"},
	} {
		out := importBook(t, site, c.data)
		if !strings.HasPrefix(out, "exit 2") || !strings.Contains(out, c.want) || strings.Contains(out, "zip") {
			t.Errorf("import:\n%s\nwant %s", out, c.want)
		}
		unchanged(t, att, before)
	}
}

// TestImportWriteFailures: when the backup or the file itself cannot be
// written (a folder in the way, a full disk), the attestations file is
// byte-identical afterwards and nothing is left behind.
func TestImportWriteFailures(t *testing.T) {
	book, _ := fillRow(t, checklistBook(t), "40.practice", map[string]string{"K": text("满足"), "M": number(46341), "N": text("郑文静")})

	// A folder where the backup goes.
	site, att, before := auditSite(t)
	if err := os.Mkdir(att+".bak", 0o755); err != nil {
		t.Fatal(err)
	}
	out := importBook(t, site, book)
	if !strings.HasPrefix(out, "exit 2") || !strings.Contains(out, "无法保存修改前的版本") || !strings.Contains(out, "未修改") {
		t.Errorf("backup in the way:\n%s", out)
	}
	unchanged(t, att, before)

	// A full disk while the file is written.
	site, att, before = auditSite(t)
	writeFileAtomic = func(path string, data []byte, perm fs.FileMode) error {
		if strings.HasSuffix(path, "attestations.toml") {
			return &fs.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
		}
		return fsutil.WriteFileAtomic(path, data, perm)
	}
	defer func() { writeFileAtomic = fsutil.WriteFileAtomic }()
	out = importBook(t, site, book)
	if !strings.HasPrefix(out, "exit 2") || !strings.Contains(out, "磁盘空间已满") || !strings.Contains(out, "审核确认文件未修改") {
		t.Errorf("disk full:\n%s", out)
	}
	unchanged(t, att, before)
}

// TestImportEmptyAttestations: an empty attestations file (what a crash
// while writing left before) is an error for check and for import.
func TestImportEmptyAttestations(t *testing.T) {
	site, att, _ := auditSite(t)
	if err := os.WriteFile(att, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	book, _ := fillRow(t, checklistBook(t), "40.practice", map[string]string{"K": text("满足"), "M": number(46341), "N": text("郑文静")})
	for _, args := range [][]string{{"check", "--as-of", "2026-11-25", site}} {
		if out := runCapture(append([]string{"--lang", "zh-CN"}, args...)); !strings.HasPrefix(out, "exit 1") || !strings.Contains(out, "是空的") {
			t.Errorf("%s:\n%s", args[0], out)
		}
	}
	if out := importBook(t, site, book); !strings.HasPrefix(out, "exit 1") || !strings.Contains(out, "是空的") {
		t.Errorf("import:\n%s", out)
	}
	unchanged(t, att, nil)
}

// TestImportAsOf: rows without a date get the --as-of date, so the same
// workbook imported into two copies of a site with the same date gives
// byte-identical attestations files; a date that is no date is refused.
func TestImportAsOf(t *testing.T) {
	book, _ := fillRow(t, checklistBook(t), "40.practice", map[string]string{"K": text("满足"), "L": text("抽查 9 月工作单。"), "N": text("郑文静")})
	book, _ = fillRow(t, book, "48.drills", map[string]string{"K": text("部分满足"), "N": text("郑文静")})
	var files [][]byte
	for range 2 {
		site, att, _ := auditSite(t)
		if out := importBook(t, site, book, "--as-of", "2026-11-20"); !strings.HasPrefix(out, "exit 0") || !strings.Contains(out, "新增 40.practice：满足（郑文静，2026-11-20）") {
			t.Fatalf("import --as-of:\n%s", out)
		}
		data, err := os.ReadFile(att)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data)
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Errorf("two imports with the same --as-of differ:\n%s", diff(string(files[0]), string(files[1])))
	}
	if !strings.Contains(string(files[0]), "requirement = \"40.practice\"\nverdict = \"met\"\nauditor = \"郑文静\"\ndate = 2026-11-20\n") {
		t.Errorf("the row without a date did not get the --as-of date:\n%s", files[0])
	}
	site, att, before := auditSite(t)
	if out := importBook(t, site, book, "--as-of", "2026-13-01"); !strings.HasPrefix(out, "exit 2") || !strings.Contains(out, "2026-13-01") {
		t.Errorf("a bad --as-of:\n%s", out)
	}
	unchanged(t, att, before)
}

// TestImportRowPositions: each bad row is reported at once, at
// workbook:sheet:row, with the message it always had.
func TestImportRowPositions(t *testing.T) {
	site, att, before := auditSite(t)
	book, verdictRow := fillRow(t, checklistBook(t), "40.practice", map[string]string{"K": text("很好"), "N": text("郑文静")})
	book, auditorRow := fillRow(t, book, "48.drills", map[string]string{"K": text("满足")})
	dir := t.TempDir()
	path := filepath.Join(dir, "审核清单.xlsx")
	if err := os.WriteFile(path, book, 0o644); err != nil {
		t.Fatal(err)
	}
	out := runCapture([]string{"--lang", "zh-CN", "audit", "import", path, site})
	for _, want := range []string{
		fmt.Sprintf("%s:审核清单:%d: 错误: 第 %d 行（40.practice）：审核结论 “很好” 无效，请从下拉列表中选择。", path, verdictRow, verdictRow),
		fmt.Sprintf("%s:审核清单:%d: 错误: 第 %d 行（48.drills）：没有填写审核员", path, auditorRow, auditorRow),
		"有 2 行需要更正，审核确认文件未修改。",
	} {
		if !strings.HasPrefix(out, "exit 1") || !strings.Contains(out, want) {
			t.Errorf("import:\n%s\nwant %s", out, want)
		}
	}
	unchanged(t, att, before)
}

// TestImportThemeVerdictWords: a site whose theme renames 满足 builds a
// workbook whose dropdown offers the new word, and importing that word
// back works: the file gets the verdict's id.
func TestImportThemeVerdictWords(t *testing.T) {
	site, att, _ := auditSite(t)
	h := filepath.Join(site, "hospital.toml")
	settings, _ := os.ReadFile(h)
	if err := os.WriteFile(h, []byte(strings.Replace(string(settings), "framework = ", "theme = \"zhongxin\"\nframework = ", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	builtin, err := os.ReadFile(filepath.Join("..", "..", "..", "themes", "default", "i18n", "zh-CN.toml"))
	if err != nil {
		t.Fatal(err)
	}
	status := strings.Index(string(builtin), "\n[status]\n")
	renamed := string(builtin[:status]) + strings.Replace(string(builtin[status:]), "met = \"满足\"", "met = \"达标\"", 1)
	if status < 0 || renamed == string(builtin) {
		t.Fatal("no status.met in the built-in catalog")
	}
	catalog := filepath.Join(site, "themes", "zhongxin", "i18n", "zh-CN.toml")
	os.MkdirAll(filepath.Dir(catalog), 0o755)
	if err := os.WriteFile(catalog, []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := runCapture([]string{"--lang", "zh-CN", "build", "--as-of", "2026-11-25", "--only", "excel", site}); !strings.HasPrefix(out, "exit 0") {
		t.Fatalf("build:\n%s", out)
	}
	book, err := os.ReadFile(filepath.Join(site, "output", "site", "excel", "audit-checklist.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	// The dropdown offers the theme's word, not the built-in one.
	offered := false
	zipParts(t, book, func(name string, part []byte) []byte {
		if strings.HasPrefix(name, "xl/worksheets/") {
			offered = offered || bytes.Contains(part, []byte(`<formula1>"达标,部分满足,不满足,不适用"</formula1>`))
		}
		return part
	})
	if !offered {
		t.Error("the workbook's dropdown does not offer the theme's word 达标")
	}
	book, _ = fillRow(t, book, "40.practice", map[string]string{"K": text("达标"), "M": number(46341), "N": text("郑文静")})
	out := importBook(t, site, book)
	if !strings.HasPrefix(out, "exit 0") || !strings.Contains(out, "新增 40.practice") {
		t.Fatalf("importing the theme's word:\n%s", out)
	}
	got, _ := os.ReadFile(att)
	if !strings.Contains(string(got), "requirement = \"40.practice\"\nverdict = \"met\"\nauditor = \"郑文静\"\ndate = 2026-11-15\n") {
		t.Errorf("the attestations file after import:\n%s", got)
	}
	if out := runCapture([]string{"--lang", "zh-CN", "check", "--as-of", "2026-11-25", site}); !strings.HasPrefix(out, "exit 0") {
		t.Errorf("check after import:\n%s", out)
	}
}

// TestImportSaysWhatChanged: a changed entry's other keys (auditor, date,
// note) are listed one per line as before → after, and the summary line
// counts the entries the workbook did not list as kept.
func TestImportSaysWhatChanged(t *testing.T) {
	site, att, _ := auditSite(t)
	hand := `# 手写的注释
[[attestations]]
requirement = "26.practice"
verdict = "partial"
auditor = "周宏"
date = 2026-11-12
note = "两次周末来电无人接听。"

[[attestations]]
requirement = "40.practice"
verdict = "met"
auditor = "周宏"
date = 2026-11-12
`
	if err := os.WriteFile(att, []byte(hand), 0o644); err != nil {
		t.Fatal(err)
	}
	book := checklistBook(t)
	book, _ = fillRow(t, book, "26.practice", map[string]string{"K": text("满足"), "L": text("已安排周末值班。"), "M": number(46341), "N": text("郑文静")})
	out := importBook(t, site, book)
	for _, want := range []string{
		"修改 26.practice：部分满足 → 满足（郑文静，2026-11-15）",
		"    审核员：周宏 → 郑文静\n",
		"    审核日期：2026-11-12 → 2026-11-15\n",
		"    审核意见：两次周末来电无人接听。 → 已安排周末值班。\n",
		"清单未列出、原样保留 ",
		"手写注释保留 1 处（共 1 处）",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the import does not say %q:\n%s", want, out)
		}
	}
}

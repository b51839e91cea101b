package build

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/i18n"
	"guifan/generator/model"
)

// The planted documents: restricted documents whose every distinctive
// string must stay out of site/. Each is written so that it is evidence
// (articles), is named by a public document (related, a body link), and
// has a number, headings, a body sentence and, for the register, rows.
const (
	secretID      = "planted-secret-kq"
	secretTitle   = "机房备用钥匙暗格保管办法"
	secretNumber  = "MIMI-KQ-2026-917"
	secretHeading = "暗格位置与开启口令"
	secretBody    = "备用钥匙放在三号配电柜背后的暗格里，口令每季度由主任本人更换。"

	registerID    = "planted-register-kq"
	registerTitle = "涉密终端与口令台账"
	registerRow   = "财务科保险柜旁的离线签章终端"
)

var planted = map[string]string{
	"content/regulations/planted-secret.md": `+++
id = "` + secretID + `"
title = "` + secretTitle + `"
kind = "security"
number = "` + secretNumber + `"
version = "1.0"
status = "in_force"
effective = 2024-07-01
approved_by = "中心信息化工作领导小组"
approved_on = 2024-06-18
owner = "信息科"
review_by = 2027-06-30
classification = "confidential"
articles = [21, 36]
related = ["reg-backup"]
+++

# ` + secretTitle + `

## ` + secretHeading + `

` + secretBody + `

## 数据备份

每日全量备份机房钥匙登记表，异地保存一份，每月做一次恢复验证，备份介质由专人保管。
`,
	"content/registers/planted-register.toml": `id = "` + registerID + `"
title = "` + registerTitle + `"
status = "in_force"
effective = 2026-01-01
approved_by = "信息科"
approved_on = 2025-12-20
owner = "信息科"
review_by = 2027-06-30
articles = [20]

[[assets]]
id = "KQ-01"
name = "` + registerRow + `"
category = "clients"
location = "财务科"
owner = "财务科"
custodian = "信息科"
sensitivity = "confidential"
`,
}

// needles are the strings of the planted documents that the site may not
// hold, in any file.
var needles = []string{secretID, secretTitle, secretNumber, secretHeading, secretBody, registerID, registerTitle, registerRow}

// leakSite is the community example with the planted documents, and a
// public document that names the secret one.
func leakSite(t *testing.T) fstest.MapFS {
	t.Helper()
	root := filepath.Join("..", "..", "examples", "community-hospital")
	fsys := fstest.MapFS{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range planted {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	// A public document names the secret one in its related list and
	// links to it from its body.
	pub := fsys["content/regulations/reg-backup.md"]
	text := strings.Replace(string(pub.Data), `related = ["proc-backup-restore", "reg-security"]`, `related = ["proc-backup-restore", "reg-security", "`+secretID+`"]`, 1)
	text += "\n另见[钥匙保管](" + secretID + ")。\n"
	if text == string(pub.Data) {
		t.Fatal("the public document was not changed")
	}
	fsys["content/regulations/reg-backup.md"] = &fstest.MapFile{Data: []byte(text)}
	return fsys
}

// leakBuild builds every output of the planted site; route, when set,
// decides what is public instead of the rule.
func leakBuild(t *testing.T, route func(*model.Document) bool) map[string][]byte {
	t.Helper()
	s, diags, err := Load(leakSite(t))
	if err != nil {
		t.Fatal(err)
	}
	s.publicRule = route
	asOf := model.Date{Year: 2026, Month: 11, Day: 25}
	diags.Append(s.Check(asOf))
	if diags.Errors() > 0 {
		t.Fatalf("the planted site has errors: %v", diags)
	}
	for _, id := range []string{secretID, registerID} {
		if d := s.Project.Doc(id); d == nil || (route == nil && s.Public(d)) {
			t.Fatalf("%s is not loaded as a restricted document", id)
		}
	}
	m, _ := s.Assess(asOf)
	cat, err := i18n.Load(s.ThemeFS, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	files, od, err := s.Outputs(m, asOf, cat, OutputNames())
	if err != nil || od.Errors() > 0 {
		t.Fatal(err, od)
	}
	return files
}

// texts returns the readable text of each output file under prefix: web
// files as they are and with their escapes undone, PDFs through
// pdftotext, workbooks' XML parts with entities undone.
func texts(t *testing.T, files map[string][]byte, prefix string) map[string]string {
	t.Helper()
	out := map[string]string{}
	var names []string
	for p := range files {
		if strings.HasPrefix(p, prefix) {
			names = append(names, p)
		}
	}
	sort.Strings(names)
	kinds := map[string]int{}
	for _, p := range names {
		data := files[p]
		ext := strings.ToLower(filepath.Ext(p))
		kinds[ext]++
		switch ext {
		case ".pdf":
			out[p] = pdfText(t, data)
		case ".xlsx":
			out[p] = xlsxText(t, p, data)
		case ".woff2", ".woff", ".ttf", ".png", ".ico":
			// Fonts and images hold no document text.
		default:
			s := string(data)
			out[p] = s + "\n" + unescape(s)
		}
	}
	for _, ext := range []string{".html", ".js", ".pdf", ".xlsx"} {
		if kinds[ext] == 0 && prefix == "site/" {
			t.Errorf("no %s file under site/: the scan would not cover it", ext)
		}
	}
	return out
}

var uEscape = regexp.MustCompile(`\\u([0-9a-fA-F]{4})`)

// unescape undoes the escapes of HTML, JSON and JavaScript strings.
func unescape(s string) string {
	s = uEscape.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.ParseUint(m[2:], 16, 32)
		return string(rune(n))
	})
	return html.UnescapeString(s)
}

func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	prog, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("GUIFAN_CI") != "" {
			t.Fatal("pdftotext is needed (GUIFAN_CI=1): ", err)
		}
		t.Skip("pdftotext not installed")
	}
	cmd := exec.Command(prog, "-raw", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	text, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	// Lines are broken where the page or a table cell breaks them (-raw keeps
	// a cell's lines together): join them.
	return strings.Join(strings.Fields(string(text)), "")
}

func xlsxText(t *testing.T, name string, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, _ := io.ReadAll(rc)
		rc.Close()
		b.WriteString(html.UnescapeString(string(part)) + "\n")
	}
	return b.String()
}

// leaks returns "file: needle" for every needle found in the texts.
func leaks(texts map[string]string) []string {
	var found []string
	for p, text := range texts {
		squeezed := strings.Join(strings.Fields(text), "")
		for _, n := range needles {
			if strings.Contains(text, n) || strings.Contains(squeezed, strings.Join(strings.Fields(n), "")) {
				found = append(found, p+": "+n)
			}
		}
	}
	sort.Strings(found)
	return found
}

// TestNoLeak builds a site with planted restricted documents and reads
// every file under site/ (pages, scripts, search index, PDFs, workbooks,
// form files): none holds an id, title, number, heading, body sentence or
// register row of a restricted document. The restricted copies do hold
// them, so the strings are ones the outputs really carry.
func TestNoLeak(t *testing.T) {
	t.Parallel()
	files := leakBuild(t, nil)
	if found := leaks(texts(t, files, "site/")); len(found) > 0 {
		t.Errorf("restricted text under site/:\n%s", strings.Join(found, "\n"))
	}
	restricted := strings.Join(mapValues(texts(t, files, "restricted/")), "\n")
	for _, n := range []string{secretTitle, secretNumber, secretHeading, secretBody, registerTitle} {
		if !strings.Contains(strings.Join(strings.Fields(restricted), ""), n) {
			t.Errorf("the restricted outputs do not hold %q: the scan looks for text the outputs never carry", n)
		}
	}
}

// TestLeakTestCanFail routes the planted documents to the public view on
// purpose: the scan must find them under site/, in pages, the search
// index, PDFs and the workbook.
func TestLeakTestCanFail(t *testing.T) {
	t.Parallel()
	files := leakBuild(t, func(d *model.Document) bool {
		return d.ID == secretID || d.ID == registerID || d.Control.Public()
	})
	found := leaks(texts(t, files, "site/"))
	for _, want := range []string{
		"site/docs/" + secretID + ".html: " + secretBody,
		"site/pdf/docs/" + secretID + ".pdf: " + secretBody,
		"site/excel/audit-checklist.xlsx: " + secretTitle,
		"site/search/",
	} {
		ok := false
		for _, f := range found {
			ok = ok || strings.HasPrefix(f, want)
		}
		if !ok {
			t.Errorf("a restricted document routed to the site was not found at %q; found:\n%s", want, strings.Join(found, "\n"))
		}
	}
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

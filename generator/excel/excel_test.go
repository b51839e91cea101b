package excel_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guifan/generator/audit"
	"guifan/generator/build"
	"guifan/generator/coverage"
	"guifan/generator/excel"
	"guifan/generator/i18n"
	"guifan/generator/model"
)

var asOf = model.Date{Year: 2026, Month: 11, Day: 25}

// The sheets' names in the workbooks these tests read, made with the
// zh-CN catalog (excel.sheet.*); TestSheetNames checks them.
const (
	checklistName = "审核清单"
	registerName  = "文档登记"
)

func community(t *testing.T) (*build.Site, *i18n.Catalog, []byte) {
	t.Helper()
	site, diags, err := build.Load(os.DirFS(filepath.Join("..", "..", "examples", "community-hospital")))
	if err != nil || diags.Errors() > 0 {
		t.Fatal(err, diags)
	}
	cat, err := i18n.Load(site.ThemeFS, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := site.Assess(asOf)
	files, _, err := site.Outputs(m, asOf, cat, nil)
	if err != nil {
		t.Fatal(err)
	}
	return site, cat, files["site/excel/audit-checklist.xlsx"]
}

// rowOf finds the checklist row of a requirement.
func rowOf(t *testing.T, f *excelize.File, id string) int {
	rows, err := f.GetRows(checklistName)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 3 && r[3] == id {
			return i + 1
		}
	}
	t.Fatalf("requirement %s not in the checklist", id)
	return 0
}

// TestRoundTrip edits the auditor's columns as an auditor would, reads them
// back, merges them into the attestations and checks the report follows.
func TestRoundTrip(t *testing.T) {
	site, _, data := community(t)
	f, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	r := rowOf(t, f, "40.practice")
	f.SetCellStr(checklistName, "K"+itoa(r), "不满足")
	f.SetCellStr(checklistName, "L"+itoa(r), "9 月 3 日上午 10 点升级了挂号系统。")
	f.SetCellValue(checklistName, "M"+itoa(r), 46300.0) // a date serial, as a spreadsheet stores it: 2026-10-05
	f.SetCellStr(checklistName, "N"+itoa(r), "周宏")
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	meta, verdicts, err := excel.Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if meta.Hospital != site.Project.Hospital.Name || meta.Framework != "beijing-2008" || meta.AsOf != "2026-11-25" {
		t.Errorf("meta %+v", meta)
	}
	var got *excel.Verdict
	for i := range verdicts {
		if verdicts[i].Requirement == "40.practice" {
			got = &verdicts[i]
		}
	}
	if got == nil || got.Verdict != "不满足" || got.Date != "2026-10-05" || got.Auditor != "周宏" {
		t.Fatalf("read back %+v", got)
	}
	v, _ := audit.ParseVerdict(got.Verdict)
	d, _ := model.ParseDate(got.Date)
	existing, _, _ := audit.Load(os.DirFS(filepath.Join("..", "..", "examples", "community-hospital")), site.Schemas.Frameworks["beijing-2008"], asOf)
	listed := map[string]bool{}
	for _, v := range verdicts {
		listed[v.Requirement] = true
	}
	merged, changes := audit.Merge(existing, []coverage.Attestation{audit.Incoming("40.practice", v, got.Note, got.Auditor, d)}, listed)
	if len(merged) != len(existing)+1 {
		t.Errorf("merge lost or duplicated attestations: %d -> %d", len(existing), len(merged))
	}
	added := false
	for _, c := range changes {
		added = added || c.Kind == audit.Added && c.Requirement == "40.practice"
	}
	if !added {
		t.Errorf("changes %+v, want 40.practice added", changes)
	}
	before, _ := site.Assess(asOf)
	m := coverage.Assess(coverage.Input{Framework: before.Framework, Schemas: site.Schemas, Hospital: site.Project.Hospital, Docs: site.Project.Docs, Forms: site.Forms, Attestations: merged, AsOf: asOf})
	for _, a := range m.Articles {
		for _, res := range a.Requirements {
			if res.Requirement.ID == "40.practice" && res.Status != coverage.Missing {
				t.Errorf("40.practice after import: %s, want missing", res.Status)
			}
		}
	}
	// The written file reads back the same.
	text := audit.Format("x", merged)
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "audit"), 0o755)
	os.WriteFile(filepath.Join(dir, "audit", "attestations.toml"), text, 0o644)
	again, _, diags := audit.Load(os.DirFS(dir), before.Framework, asOf)
	if len(diags) > 0 || len(again) != len(merged) {
		t.Errorf("formatted attestations do not read back: %v\n%s", diags, text)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestWorkbookShape checks the dropdown, the filter, the frozen panes and
// the print setup that auditors rely on.
func TestWorkbookShape(t *testing.T) {
	_, _, data := community(t)
	f, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	dvs, err := f.GetDataValidations(checklistName)
	if err != nil || len(dvs) < 1 || !strings.Contains(dvs[0].Formula1, "部分满足") {
		t.Errorf("verdict dropdown missing: %+v %v", dvs, err)
	}
	panes, _ := f.GetPanes(checklistName)
	if !panes.Freeze {
		t.Error("the header is not frozen")
	}
	layout, _ := f.GetPageLayout(checklistName)
	if layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 {
		t.Errorf("print layout %+v, want A4 landscape", layout)
	}
	names := f.GetDefinedName()
	titles := false
	for _, n := range names {
		titles = titles || n.Name == "_xlnm.Print_Titles"
	}
	if !titles {
		t.Error("no print titles")
	}
	if vis, _ := f.GetSheetVisible("guifan"); vis {
		t.Error("the information sheet is visible")
	}
	// The site copy names no restricted document.
	rows, _ := f.GetRows(registerName)
	for _, r := range rows[1:] {
		if len(r) > 11 && r[11] != "公开" {
			t.Errorf("restricted document %s in the site's register", r[0])
		}
	}
}

// TestOpensInLibreOffice converts the workbook to PDF with LibreOffice, as
// an auditor's office suite would open it. It needs soffice; under .ci/run
// (GUIFAN_CI=1) it must run.
func TestOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("GUIFAN_CI") != "" {
			t.Fatal("soffice (LibreOffice) is required under CI")
		}
		t.Skip("soffice not installed; .ci/run installs libreoffice-calc")
	}
	_, _, data := community(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "audit.xlsx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	st, err := os.Stat(filepath.Join(dir, "audit.pdf"))
	if err != nil || st.Size() < 10000 {
		t.Fatalf("no PDF from LibreOffice: %v", err)
	}
}

// TestFormsOpenInLibreOffice converts every blank form's workbook with
// LibreOffice in one run.
func TestFormsOpenInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("GUIFAN_CI") != "" {
			t.Fatal("soffice (LibreOffice) is required under CI")
		}
		t.Skip("soffice not installed; .ci/run installs libreoffice-calc")
	}
	site, cat, _ := community(t)
	m, _ := site.Assess(asOf)
	files, _, err := site.Outputs(m, asOf, cat, []string{"forms"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", filepath.Join(dir, "out")}
	n := 0
	for p, data := range files {
		if strings.HasSuffix(p, ".xlsx") {
			f := filepath.Join(dir, filepath.Base(p))
			os.WriteFile(f, data, 0o644)
			args = append(args, f)
			n++
		}
	}
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	converted, _ := filepath.Glob(filepath.Join(dir, "out", "*.pdf"))
	if len(converted) != n || n == 0 {
		t.Errorf("LibreOffice converted %d of %d form workbooks", len(converted), n)
	}
}

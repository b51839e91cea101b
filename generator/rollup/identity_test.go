package rollup

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Hospitals are told apart by their code, else by name and region: two
// hospitals of the same name are two rows, marked, and the summary says
// the name is shared; a hospital that starts giving its code keeps its
// earlier reports.
func TestHospitalIdentity(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	add := func(file, name, region, code, date string) {
		s := one(t, name, date)
		s.Hospital.Region, s.Hospital.Code = region, code
		if err := s.Seal(); err != nil {
			t.Fatal(err)
		}
		put(t, filepath.Join(dir, file), encode(t, s))
	}
	add("a.json", "北京市第一医院", "北京市东城区", "", "2026-11-25")
	add("b.json", "北京市第一医院", "北京市西城区", "", "2026-11-25")             // same name, another district
	add("c.json", "北京市丙医院", "北京市海淀区", "12110000AAAA", "2026-11-25")  // same name and district,
	add("d.json", "北京市丙医院", "北京市海淀区", "12110000BBBB", "2026-11-25")  // another code
	add("e.json", "北京市丁医院", "北京市朝阳区", "", "2025-11-25")              // no code yet,
	add("f.json", "北京市丁医院", "北京市朝阳区", "12110000 cccc", "2026-11-25") // then a code
	add("g.json", "北京市丁医院", "北京市朝阳区", "12110000CCCC", "2026-05-25")  // the same code
	sum := rollupOf(t, dir)
	if sum.Accepted != 7 || len(sum.Notices) != 0 {
		t.Fatalf("accepted %d: %+v", sum.Accepted, sum.Notices)
	}
	by := map[string][]*Hospital{}
	for _, h := range sum.Hospitals {
		by[h.Name] = append(by[h.Name], h)
	}
	if len(by["北京市第一医院"]) != 2 || len(by["北京市丙医院"]) != 2 || len(by["北京市丁医院"]) != 1 {
		t.Fatalf("hospitals: %d %d %d", len(by["北京市第一医院"]), len(by["北京市丙医院"]), len(by["北京市丁医院"]))
	}
	for _, n := range []string{"北京市第一医院", "北京市丙医院"} {
		for _, h := range by[n] {
			if !h.Ambiguous {
				t.Errorf("%s (%s %s) not marked as a shared name", n, h.District, h.Code)
			}
		}
	}
	if d := by["北京市丁医院"][0]; d.Ambiguous || len(d.History) != 3 || d.Code != "12110000 cccc" || d.Latest.AsOf != "2026-11-25" {
		t.Errorf("丁: ambiguous %v, %d reports, code %q, latest %s", d.Ambiguous, len(d.History), d.Code, d.Latest.AsOf)
	}
	if got := strings.Join(sum.AmbiguousNames, ","); got != "北京市丙医院,北京市第一医院" {
		t.Errorf("ambiguous names %q", got)
	}
}

// A report of the same code and date as another is a duplicate, whatever
// its name says.
func TestDuplicateByCode(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for i, name := range []string{"北京市甲医院", "北京市甲医院（新名称）"} {
		s := one(t, name, "2026-11-25")
		s.Hospital.Code = "12110000XYZ"
		if err := s.Seal(); err != nil {
			t.Fatal(err)
		}
		put(t, filepath.Join(dir, string(rune('a'+i))+".json"), encode(t, s))
	}
	sum := rollupOf(t, dir)
	if sum.Accepted != 1 || len(notices(sum, filepath.Join(dir, "b.json"))) != 1 {
		t.Errorf("accepted %d: %+v", sum.Accepted, sum.Notices)
	}
}

// The workbook's detail sheet holds each hospital's latest report; older
// ones are on the history sheet. An English roll-up names a hospital by
// its English name when it gives one.
func TestLatestAndEnglishNames(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, date := range []string{"2025-11-25", "2026-11-25"} {
		s := one(t, "北京市乙医院", date)
		s.Hospital.NameEn = "Beijing Hospital B"
		if err := s.Seal(); err != nil {
			t.Fatal(err)
		}
		put(t, filepath.Join(dir, date+".json"), encode(t, s))
	}
	out := filepath.Join(t.TempDir(), "out")
	opt := options(t, framework(t), out)
	opt.Catalog = catalog(t, "en")
	sum, err := Run([]string{dir}, opt)
	if err != nil || sum.Accepted != 2 {
		t.Fatalf("%v %+v", err, sum)
	}
	z, err := zip.OpenReader(filepath.Join(out, "rollup.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	sheets := map[string]string{}
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			r, _ := f.Open()
			data, _ := io.ReadAll(r)
			r.Close()
			sheets[f.Name] = string(data)
		}
	}
	detail, history := sheets["xl/worksheets/sheet2.xml"], sheets["xl/worksheets/sheet3.xml"]
	if !strings.Contains(detail, "2026-11-25") || strings.Contains(detail, "2025-11-25") || !strings.Contains(detail, "Beijing Hospital B") {
		t.Errorf("the detail sheet does not hold the latest report only (%d bytes)", len(detail))
	}
	// 2026-11-25 is the roll-up's date, in the sheet's title.
	if !strings.Contains(history, "2025-11-25") || strings.Count(history, "2026-11-25") != 1 {
		t.Errorf("the history sheet does not hold the older report only (%d bytes)", len(history))
	}
	for _, page := range []string{"index.html", "heatmap.html", "r/1.html"} {
		data, err := os.ReadFile(filepath.Join(out, "site", page))
		if err != nil || !strings.Contains(string(data), "Beijing Hospital B") {
			t.Errorf("%s does not name the hospital in English: %v", page, err)
		}
	}
}

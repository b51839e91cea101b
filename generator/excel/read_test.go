package excel_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"guifan/generator/excel"
	"guifan/generator/model"
)

var built struct {
	once sync.Once
	book []byte
}

// communityBook is the community hospital's workbook, built once for the
// tests of this file.
func communityBook(t *testing.T) []byte {
	t.Helper()
	built.once.Do(func() { _, _, built.book = community(t) })
	if built.book == nil {
		t.Fatal("no workbook")
	}
	return built.book
}

// zeros returns raw deflate data that inflates to mb MiB of zeros, made
// from one compressed MiB repeated, so that a test can build a bomb of
// hundreds of MiB in a few hundred KiB without compressing all of it.
func zeros(t *testing.T, mb int) []byte {
	t.Helper()
	var first, chunk bytes.Buffer
	w, _ := flate.NewWriter(&first, flate.BestCompression)
	mib := make([]byte, 1<<20)
	w.Write(mib)
	w.Flush()
	head := first.Len()
	w.Write(mib)
	w.Flush()
	chunk.Write(first.Bytes()[head:]) // a MiB of zeros after a MiB of zeros
	out := append([]byte(nil), first.Bytes()[:head]...)
	for i := 1; i < mb; i++ {
		out = append(out, chunk.Bytes()...)
	}
	// A final empty stored block ends the stream.
	return append(out, 0x01, 0x00, 0x00, 0xFF, 0xFF)
}

// withParts returns a copy of the zip data with raw deflate parts added,
// each declaring size as its inflated size.
func withParts(t *testing.T, data []byte, parts map[string][]byte, size uint64) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	for name, raw := range parts {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: uint64(len(raw)), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(raw)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// rewritePart returns a copy of the zip data with one part changed.
func rewritePart(t *testing.T, data []byte, change func(name string, part []byte) []byte) []byte {
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
	zw.Close()
	return out.Bytes()
}

// TestReadRefusesBombs: what is not a workbook, or would exhaust memory,
// is refused with its own error before excelize sees it.
func TestReadRefusesBombs(t *testing.T) {
	book := communityBook(t)
	mb := int(model.MaxWorkbookUnzipped>>20) + 1
	bomb := zeros(t, mb)
	if len(bomb) > 2<<20 {
		t.Fatalf("the test's bomb is %d bytes", len(bomb))
	}
	var many = map[string][]byte{}
	one := zeros(t, 1)
	for i := 0; i < mb; i++ {
		many["xl/media/zero"+itoa(i)+".bin"] = one
	}
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"text", []byte("name = \"测试医院\"\n"), excel.ErrNotWorkbook},
		{"empty", nil, excel.ErrNotWorkbook},
		{"encrypted", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), excel.ErrEncrypted},
		{"too large", make([]byte, model.MaxWorkbookBytes+1), excel.ErrTooLarge},
		{"one part over the limit", withParts(t, book, map[string][]byte{"xl/media/zero.bin": bomb}, uint64(mb)<<20), excel.ErrInflates},
		{"many parts over the limit", withParts(t, book, many, 1<<20), excel.ErrInflates},
		// The directory says 1 KB; the part inflates to more than the limit.
		{"lying directory", withParts(t, book, map[string][]byte{"xl/media/zero.bin": bomb}, 1024), excel.ErrInflates},
		{"a zip that is no workbook", func() []byte {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			w, _ := zw.Create("word/document.xml")
			w.Write([]byte("<w:document/>"))
			zw.Close()
			return b.Bytes()
		}(), excel.ErrNotWorkbook},
	} {
		t.Run(c.name, func(t *testing.T) {
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			_, _, err := excel.Read(c.data)
			if !errors.Is(err, c.want) {
				t.Errorf("got %v, want %v", err, c.want)
			}
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if grew := after.TotalAlloc - before.TotalAlloc; grew > model.MaxWorkbookUnzipped+uint64(len(c.data))+64<<20 {
				t.Errorf("reading allocated %d MiB", grew>>20)
			}
		})
	}
	// The real workbook with a harmless extra part still reads.
	if _, rows, err := excel.Read(withParts(t, book, map[string][]byte{"xl/media/zero.bin": one}, 1<<20)); err != nil || rows == nil {
		t.Errorf("a workbook with a 1 MiB part: %v", err)
	}
}

// auditRow fills the auditor's columns of a requirement's row.
func auditRow(t *testing.T, f *excelize.File, id string, verdict, note string, date any, auditor string) int {
	r := rowOf(t, f, id)
	f.SetCellStr(checklistName, "K"+itoa(r), verdict)
	f.SetCellStr(checklistName, "L"+itoa(r), note)
	f.SetCellValue(checklistName, "M"+itoa(r), date)
	f.SetCellStr(checklistName, "N"+itoa(r), auditor)
	return r
}

// TestReadDates: a date cell is a date only when it is plausible; a
// number such as 2 (shown as 1900-01-02) or 99999 (2173-10-13) is shown
// back as the cell shows it.
func TestReadDates(t *testing.T) {
	book := communityBook(t)
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		id        string
		cell      any
		date, raw string
	}{
		{"40.practice", 46300.0, "2026-10-05", ""},
		{"26.practice", 2, "", "1900-01-02"},
		{"34.archive", 99999, "", "2173-10-13"},
		{"48.drills", "1900/1/2", "", "1900/1/2"},
		{"48.training", "2026年11月10日", "2026-11-10", ""},
		{"13.liaisons", 18263, "", "1949-12-31"},
		{"10.duties", 18264, "1950-01-01", ""},
		{"12.posts", "下周", "", "下周"},
		{"11.staffing", 73415, "2100-12-31", ""},
		{"9.supervision", 73416, "", "2101-01-01"},
	}
	rows := map[string]int{}
	rowsOf, _ := f.GetRows(checklistName)
	ids := map[string]bool{}
	for _, r := range rowsOf {
		if len(r) > 3 {
			ids[r[3]] = true
		}
	}
	for _, c := range cases {
		if !ids[c.id] {
			t.Fatalf("requirement %s is not in the checklist", c.id)
		}
		rows[c.id] = auditRow(t, f, c.id, "满足", "", c.cell, "周宏")
	}
	buf, _ := f.WriteToBuffer()
	_, verdicts, err := excel.Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]excel.Verdict{}
	for _, v := range verdicts {
		got[v.Requirement] = v
	}
	for _, c := range cases {
		if _, ok := rows[c.id]; !ok {
			continue
		}
		v := got[c.id]
		if v.Date != c.date || v.RawDate != c.raw || v.Row != rows[c.id] {
			t.Errorf("%s (%v): date %q shown %q row %d, want %q %q row %d", c.id, c.cell, v.Date, v.RawDate, v.Row, c.date, c.raw, rows[c.id])
		}
	}
}

// TestReadInvalidUTF8: bytes that are not UTF-8 in a cell make excelize
// drop every text of the workbook silently; Read names the row and column
// instead, and reads the other rows.
func TestReadInvalidUTF8(t *testing.T) {
	book := communityBook(t)
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	bad := auditRow(t, f, "40.practice", "满足", "MARK-INVALID", 46300.0, "周宏")
	good := auditRow(t, f, "26.practice", "部分满足", "夜间无人值守。", 46300.0, "周宏")
	buf, _ := f.WriteToBuffer()
	data := rewritePart(t, buf.Bytes(), func(name string, part []byte) []byte {
		return bytes.ReplaceAll(part, []byte("MARK-INVALID"), []byte("抽查\xff\xfe记录"))
	})
	_, verdicts, err := excel.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, v := range verdicts {
		switch v.Row {
		case bad:
			found++
			if v.Invalid != "audit-note" || !strings.Contains(v.Note, "\uFFFD") {
				t.Errorf("row %d: %+v, want the note column named", bad, v)
			}
		case good:
			found++
			if v.Invalid != "" || v.Note != "夜间无人值守。" || v.Verdict != "部分满足" {
				t.Errorf("row %d: %+v", good, v)
			}
		}
	}
	if found != 2 {
		t.Errorf("read %d of the 2 filled rows: %+v", found, verdicts)
	}
}

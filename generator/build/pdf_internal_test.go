package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/pdf"
)

// TestMissingGlyphsReadOnce: a document lacking thousands of characters (a
// body of rare ones, each on its own line) is read once to place the
// warnings, not once per character (20,000 of them took 7 s).
func TestMissingGlyphsReadOnce(t *testing.T) {
	var b strings.Builder
	var runes []rune
	const n = 20000
	for i := 0; i < n; i++ {
		r := rune(0x20000 + i)
		b.WriteString("生僻字" + string(r) + "\n")
		runes = append(runes, r)
	}
	src := diag.NewSource("content/faq/rare.md", []byte(b.String()))
	reads := 0
	at := firstPlaces("content/faq/rare.md", src.Lines(), func(l int) string { reads++; return src.Line(l) }, runes)
	if reads > src.Lines() {
		t.Errorf("%d lines read for a file of %d", reads, src.Lines())
	}
	for i, r := range runes {
		if p := at[r]; p.Line != i+1 || p.Col != 4 {
			t.Fatalf("%U placed at %+v, want line %d column 4", r, p, i+1)
		}
	}
	// And through missingGlyphs: one warning per character, each reported
	// once however often the PDFs lacked it.
	var missing []pdf.Missing
	for _, r := range runes {
		missing = append(missing, pdf.Missing{Doc: "rare", Rune: r})
	}
	d := &model.Document{Path: "content/faq/rare.md", ID: "rare", Source: src}
	s := &Site{Project: &model.Project{Docs: []*model.Document{d}}}
	diags := s.missingGlyphs(append(missing, missing...))
	if len(diags) != n || diags[n-1].Pos.Line != n || diags[n-1].Args[0] != string(runes[n-1]) {
		t.Errorf("%d warnings, the last %+v", len(diags), diags[len(diags)-1])
	}
}

// TestVolumes: a whole-site binder splits into volumes under both bounds,
// in order, none empty, and one of few documents stays whole.
func TestVolumes(t *testing.T) {
	t.Parallel()
	mk := func(n, size int) []*model.Document {
		out := make([]*model.Document, n)
		for i := range out {
			out[i] = &model.Document{ID: strconv.Itoa(i), Body: make([]byte, size)}
		}
		return out
	}
	for _, c := range []struct {
		name    string
		docs    []*model.Document
		volumes int
	}{
		{"few", mk(10, 1000), 1},
		{"none", nil, 0},
		{"by count", mk(2*maxVolumeDocs+1, 10), 3},
		{"by bytes", mk(30, maxVolumeBytes/10), 3},
		{"one huge document", mk(2, 2*maxVolumeBytes), 2},
	} {
		vols := volumes(c.docs)
		if len(vols) != c.volumes {
			t.Errorf("%s: %d volumes, want %d", c.name, len(vols), c.volumes)
		}
		var again []*model.Document
		for _, v := range vols {
			size := 0
			for _, d := range v {
				size += len(d.Body)
			}
			if len(v) == 0 || len(v) > maxVolumeDocs || len(v) > 1 && size > maxVolumeBytes {
				t.Errorf("%s: a volume of %d documents, %d bytes", c.name, len(v), size)
			}
			again = append(again, v...)
		}
		if len(again) != len(c.docs) {
			t.Fatalf("%s: %d documents in the volumes, want %d", c.name, len(again), len(c.docs))
		}
		for i := range again {
			if again[i] != c.docs[i] {
				t.Fatalf("%s: document %d out of order", c.name, i)
			}
		}
	}
}

// The program is identified by the Go build ID the linker wrote, as `go
// tool buildid` reads it, not by hashing the whole executable; a file with
// no build ID (not ELF, or no note) gives none, and the checksum of the
// whole file stands in.
func TestProgramID(t *testing.T) {
	t.Parallel()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	got := programID(exe)
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" {
		out, err := exec.Command("go", "tool", "buildid", exe).Output()
		if err != nil {
			t.Fatalf("go tool buildid: %v", err)
		}
		if want := strings.TrimSpace(string(out)); got != want || want == "" {
			t.Errorf("programID = %q, go tool buildid says %q", got, want)
		}
		if p := program(); p != "go-build-id:"+got {
			t.Errorf("program() = %q", p)
		}
	}
	notELF := filepath.Join(t.TempDir(), "x")
	if err := os.WriteFile(notELF, []byte("#!/bin/sh\necho hi\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if id := programID(notELF); id != "" {
		t.Errorf("a script has build id %q", id)
	}
	if id := programID(filepath.Join(t.TempDir(), "missing")); id != "" {
		t.Errorf("a missing file has build id %q", id)
	}
}

package pdf

import (
	"io/fs"
	"testing"

	"guifan/themes"
)

func TestBuiltinFonts(t *testing.T) {
	song, err := fs.ReadFile(themes.FS, "default/fonts/gbsn00lp.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFont("gbsn00lp.ttf", song, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "数据备份制度，。A1" {
		if !f.Has(r) {
			t.Errorf("Song lacks %q", r)
		}
	}
	if f.Has(0x20000) {
		t.Error("a character above U+FFFF counts as present")
	}
	hei, err := fs.ReadFile(themes.FS, "default/fonts/wqy-microhei.ttc")
	if err != nil {
		t.Fatal(err)
	}
	h, err := ParseFont("wqy-microhei.ttc", hei, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !h.Has('镕') || string(h.Data[:4]) != "\x00\x01\x00\x00" {
		t.Errorf("face extracted from the collection is not a usable TrueType font")
	}
	if _, err := ParseFont("x.ttc", hei, 7); err == nil {
		t.Error("a face that does not exist was accepted")
	}
	if _, err := ParseFont("x.otf", []byte("OTTO\x00\x00\x00\x00\x00\x00\x00\x00"), 0); err == nil {
		t.Error("a CFF font was accepted")
	}
}

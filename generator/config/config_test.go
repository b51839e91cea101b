package config

import (
	"strings"
	"testing"

	"guifan/generator/diag"
)

// TestParseEncodings: hospital.toml gets the encoding advice documents get
// (it used to get the TOML library's "invalid UTF-8 byte"), and what
// Windows and old Mac editors write is read.
func TestParseEncodings(t *testing.T) {
	// 测试医院 in GBK.
	gbk := append([]byte("name = \""), 0xB2, 0xE2, 0xCA, 0xD4, 0xD2, 0xBD, 0xD4, 0xBA, '"', '\n')
	h, src, diags := Parse(gbk)
	if len(diags) != 1 || diags[0].Code != "file.gbk" || diags[0].Pos != (diag.Pos{File: FileName, Line: 1, Col: 9}) {
		t.Errorf("GBK: %v", diags)
	}
	if src != nil || h == nil || h.Framework != "beijing-2008" {
		t.Errorf("GBK: want the defaults and no source to print, got %+v, %v", h, src)
	}
	for name, raw := range map[string]string{
		"bom and crlf": "\uFEFFname = \"测试医院\"\r\nlevel = \"二级甲等\"\r\n",
		"cr":           "name = \"测试医院\"\rlevel = \"二级甲等\"\r",
	} {
		h, _, diags := Parse([]byte(raw))
		if len(diags) > 0 || h.Name != "测试医院" || h.Level != "二级甲等" {
			t.Errorf("%s: %+v, %v", name, h, diags)
		}
		if p := h.Pos("level"); p.Line != 2 || p.Col != 9 {
			t.Errorf("%s: level at %d:%d, want 2:9", name, p.Line, p.Col)
		}
	}
}

// TestParseSyntaxExplained: a syntax error is a catalog message.
func TestParseSyntaxExplained(t *testing.T) {
	_, _, diags := Parse([]byte("name = \"测试医院\"\nlevel = “二级甲等”\n"))
	if len(diags) != 1 || diags[0].Code != "toml.syntax" {
		t.Fatalf("got %v", diags)
	}
	if m, ok := diags[0].Args[0].(diag.Msg); !ok || m.Key != "toml.curly-quote" {
		t.Errorf("argument %#v", diags[0].Args[0])
	}
}

// TestParseForms: forms lists the built-in forms the hospital adopts (the
// build checks the ids); it is a known setting.
func TestParseForms(t *testing.T) {
	h, _, diags := Parse([]byte("name = \"测试医院\"\nforms = [\"work-order\", \"change-request\"]\n"))
	if len(diags) > 0 || len(h.Forms) != 2 || h.Forms[1] != "change-request" {
		t.Errorf("got %v, %v", h.Forms, diags)
	}
	if p := h.Pos(Index("forms", 1)); p.Line != 2 || p.Col != 24 {
		t.Errorf("forms[1] at %d:%d, want 2:24", p.Line, p.Col)
	}
}

// TestParseLanguages: the languages hospital.toml may name are the
// catalogs of the theme: the built-in theme's by default, a site theme's
// with ParseFor. A language without a catalog is reported at its entry,
// with the ones there are.
func TestParseLanguages(t *testing.T) {
	t.Parallel()
	raw := []byte("name = \"测试医院\"\nlanguages = [\"zh-CN\", \"fr\"]\n")
	_, _, diags := Parse(raw)
	if len(diags) != 1 || diags[0].Code != "config.language" || diags[0].Pos != (diag.Pos{File: FileName, Line: 2, Col: 23}) {
		t.Fatalf("built-in theme: %v", diags)
	}
	if diags[0].Args[0] != "fr" || diags[0].Args[1] != "zh-CN, en" {
		t.Errorf("arguments %v", diags[0].Args)
	}
	h, _, diags := ParseFor(raw, []string{"zh-CN", "en", "fr"})
	if len(diags) > 0 || h.Lang() != "zh-CN" || h.Languages[1] != "fr" {
		t.Errorf("a theme with fr: %v, %v", h.Languages, diags)
	}
	if h, _, _ := Parse([]byte("name = \"测试医院\"\n")); h.Lang() != "zh-CN" {
		t.Errorf("default language %q", h.Lang())
	}
}

// TestSiteURL: site_url is an http(s) address; pages are linked under it
// whether or not it ends in a slash; a bad one is reported at its value.
func TestSiteURL(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"http://intranet.example/guifan/", "https://10.1.2.3:8443/guifan"} {
		h, _, diags := Parse([]byte("name = \"测试医院\"\nsite_url = \"" + u + "\"\n"))
		if len(diags) > 0 {
			t.Errorf("%s: %v", u, diags)
		}
		if got := h.SiteLink("docs/a/index.html"); got != strings.TrimSuffix(u, "/")+"/docs/a/index.html" {
			t.Errorf("%s: link %q", u, got)
		}
	}
	for _, u := range []string{"intranet/guifan", "file:///srv/site", "http://", "ftp://x/y", "http://x/?a=1"} {
		_, _, diags := Parse([]byte("name = \"测试医院\"\nsite_url = \"" + u + "\"\n"))
		if len(diags) != 1 || diags[0].Code != "config.site-url" || diags[0].Pos != (diag.Pos{File: FileName, Line: 2, Col: 12}) {
			t.Errorf("%s: %v, want config.site-url at 2:12", u, diags)
		}
	}
	if h, _, _ := Parse([]byte("name = \"测试医院\"\n")); h.SiteLink("index.html") != "" {
		t.Error("a site without site_url has a link")
	}
}

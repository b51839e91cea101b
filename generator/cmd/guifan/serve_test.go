package main

import (
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guifan/generator/i18n"
	"guifan/themes"
)

// tinySite writes a small valid site: one public regulation.
func tinySite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	files := map[string]string{
		"hospital.toml":                "name = \"测试医院\"\n",
		"content/regulations/reg-a.md": "+++\nid = \"reg-a\"\ntitle = \"公开制度\"\nkind = \"security\"\nstatus = \"draft\"\n+++\n\n# 公开制度\n\n正文。\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The handler's rules (files only, no listings, GET and HEAD, headers)
// are tested in package preview (TestHandler), which serves the site from
// memory.

// TestServeWarnsOpenAddress: serving on an address other computers can
// reach prints a warning that says so; the default, loopback, does not.
func TestServeWarnsOpenAddress(t *testing.T) {
	site := tinySite(t)
	warning := strings.SplitN(i18nT(t, "cmd.serve.open"), "%s", 2)[0]
	for _, c := range []struct {
		addr string
		warn bool
	}{
		{"127.0.0.1:0", false},
		{"localhost:0", false},
		{"0.0.0.0:0", true},
		{":0", true},
	} {
		out := runCapture([]string{"--lang", "zh-CN", "serve", "--once", "--addr", c.addr, site})
		if !strings.HasPrefix(out, "exit 0") {
			t.Errorf("serve --addr %s:\n%s", c.addr, out)
			continue
		}
		_, stderr, _ := strings.Cut(out, "-- stderr --\n")
		if got := strings.Contains(stderr, warning); got != c.warn {
			t.Errorf("serve --addr %s: warning %v, want %v:\n%s", c.addr, got, c.warn, out)
		}
	}
}

func i18nT(t *testing.T, key string) string { return zhCatalog(t).T(key) }

func zhCatalog(t testing.TB) *i18n.Catalog {
	t.Helper()
	theme, _ := fs.Sub(themes.FS, "default")
	cat, err := i18n.Load(theme, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestServePortInUse: a port another program holds is reported in the
// catalog's words, with what to do, and serve exits 2 leaving nothing.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	site := tinySite(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	addr := ln.Addr().String()
	out := runCapture([]string{"--lang", "zh-CN", "serve", "--once", "--addr", addr, site})
	if want := zhCatalog(t).T("cmd.serve.listen-in-use", addr); !strings.HasPrefix(out, "exit 2") || !strings.Contains(out, want) {
		t.Errorf("serve on a port in use:\n%s\nwant %q", out, want)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("serve left %v in the temporary folder", entries)
	}
}

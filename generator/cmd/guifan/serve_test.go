package main

import (
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
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

// TestServeHandler: the preview serves files of its folder and nothing
// else: no folder listings, no redirect of /x/index.html, no way out of
// the folder by "..", a link or another folder of the temporary folder,
// GET and HEAD only, and a rebuilt folder is served from the next request.
func TestServeHandler(t *testing.T) {
	tmp := t.TempDir()
	outside := t.TempDir()
	write := func(p, text string) {
		t.Helper()
		p = filepath.Join(tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("out/site/index.html", "home")
	write("out/site/docs/a/index.html", "page a")
	write("out/site/assets/search.js", "var x;")
	write("out/site/empty/note.txt", "note")
	write("out/restricted/secret.txt", "restricted")
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("outside"), 0o644)
	links := map[string]string{
		"out/site/leak.txt": filepath.Join(outside, "secret.txt"),
		"out/site/up.txt":   filepath.Join("..", "restricted", "secret.txt"),
		"out/site/dir":      outside,
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(tmp, filepath.FromSlash(name))); err != nil {
			t.Skipf("cannot make links here: %v", err)
		}
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	cat := zhCatalog(t)
	h := siteHandler(root, servedDir, cat.T)
	get := func(method, target string) (int, string, http.Header) {
		t.Helper()
		req := httptest.NewRequest(method, "http://127.0.0.1"+"/", nil)
		req.URL.Path = target // as sent, not cleaned by a client
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		body, _ := io.ReadAll(rec.Result().Body)
		return rec.Code, string(body), rec.Header()
	}
	notFound := cat.T("cmd.serve.not-found")
	for _, c := range []struct {
		method, path string
		code         int
		body         string
	}{
		{"GET", "/", 200, "home"},
		{"GET", "/index.html", 200, "home"},
		{"HEAD", "/index.html", 200, ""},
		{"GET", "/docs/a/index.html", 200, "page a"},
		{"GET", "/docs/a/", 200, "page a"},
		{"GET", "/assets/search.js", 200, "var x;"},
		{"GET", "/docs/", 404, notFound},
		{"GET", "/docs", 404, notFound},
		{"GET", "/empty/", 404, notFound},
		{"GET", "/assets/", 404, notFound},
		{"GET", "/nothing.html", 404, notFound},
		{"GET", "/leak.txt", 404, notFound},
		{"GET", "/up.txt", 404, notFound},
		{"GET", "/dir/secret.txt", 404, notFound},
		{"GET", "/../restricted/secret.txt", 404, notFound},
		{"GET", "/..%2frestricted/secret.txt", 404, notFound},
		{"GET", "/../../" + filepath.ToSlash(outside) + "/secret.txt", 404, notFound},
		{"POST", "/index.html", 405, cat.T("cmd.serve.method")},
	} {
		code, body, hdr := get(c.method, c.path)
		if code != c.code || strings.TrimSpace(body) != c.body {
			t.Errorf("%s %s: %d %q, want %d %q", c.method, c.path, code, body, c.code, c.body)
		}
		if code == 200 && hdr.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s %s: no nosniff header", c.method, c.path)
		}
	}
	if code, _, hdr := get("GET", "/docs/a"); code != http.StatusMovedPermanently || hdr.Get("Location") != "/docs/a/" {
		t.Errorf("/docs/a: %d to %q, want 301 to /docs/a/", code, hdr.Get("Location"))
	}
	if _, _, hdr := get("GET", "/assets/search.js"); !strings.HasPrefix(hdr.Get("Content-Type"), "text/javascript") {
		t.Errorf("search.js served as %q", hdr.Get("Content-Type"))
	}

	// A rebuild replaces the output folder as a whole (build.Publish
	// renames); the next request sees the new one.
	if err := os.Rename(filepath.Join(tmp, "out"), filepath.Join(tmp, "old")); err != nil {
		t.Fatal(err)
	}
	write("out/site/index.html", "rebuilt")
	if _, body, _ := get("GET", "/index.html"); body != "rebuilt" {
		t.Errorf("after a rebuild: %q", body)
	}
}

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

func zhCatalog(t *testing.T) *i18n.Catalog {
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

package fsutil

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/themes"
)

const secret = "root:x:0:0:secret outside the site\n"

// site makes a site folder and, beside it, a folder "outside" holding a
// secret; it returns the site folder.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "site")
	write := func(p, data string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(base, "outside", "secret.md"), secret)
	for name, data := range files {
		write(filepath.Join(dir, filepath.FromSlash(name)), data)
	}
	return dir
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks not supported here: %v", err)
	}
}

func TestSiteFSRefusesLinksOut(t *testing.T) {
	dir := site(t, map[string]string{
		"content/regulations/real.md": "+++\ntitle = \"制度\"\n+++\n",
	})
	outside := filepath.Join(filepath.Dir(dir), "outside")
	symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(dir, "content", "abs.md"))
	symlink(t, "../../outside/secret.md", filepath.Join(dir, "content", "rel.md"))
	symlink(t, outside, filepath.Join(dir, "content", "outdir"))
	symlink(t, "regulations/real.md", filepath.Join(dir, "content", "inside.md"))
	symlink(t, "../../outside", filepath.Join(dir, "themes", "evil"))
	fsys, err := SiteFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"content/abs.md", "content/rel.md", "content/outdir/secret.md", "themes/evil/secret.md", "../outside/secret.md"} {
		data, err := fs.ReadFile(fsys, name)
		if bytes.Contains(data, []byte("secret")) {
			t.Errorf("%s: read the file outside the site", name)
		}
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if name == "../outside/secret.md" {
			if !errors.Is(err, fs.ErrInvalid) {
				t.Errorf("%s: %v, want an invalid path", name, err)
			}
			continue
		}
		re, ok := IsRefused(err)
		if !ok || re.Reason != Outside {
			t.Errorf("%s: %v, want a refusal as a link out of the site", name, err)
		}
		if _, err := fsys.Open(name); err == nil {
			t.Errorf("%s: Open succeeded", name)
		}
	}
	// Through fs.Sub (as the overlays use it) the rule still holds.
	sub, err := fs.Sub(fsys, "themes")
	if err != nil {
		t.Fatal(err)
	}
	if data, err := fs.ReadFile(sub, "evil/secret.md"); err == nil || bytes.Contains(data, []byte("secret")) {
		t.Errorf("fs.Sub read outside the site: %q, %v", data, err)
	}
	// A link that stays inside is followed.
	data, err := fs.ReadFile(fsys, "content/inside.md")
	if err != nil || !strings.Contains(string(data), "制度") {
		t.Errorf("inside link: %q, %v", data, err)
	}
	// Walking content/ lists the links but never enters the linked folder.
	var walked []string
	fs.WalkDir(fsys, "content", func(p string, e fs.DirEntry, err error) error {
		walked = append(walked, p)
		return nil
	})
	for _, p := range walked {
		if strings.Contains(p, "secret") {
			t.Errorf("walk entered a folder outside the site: %s", p)
		}
	}
}

func TestReadFileLimit(t *testing.T) {
	fsys := fstest.MapFS{
		"small.md": {Data: []byte("0123456789")},
		"big.md":   {Data: []byte("0123456789A")},
		"pipe.md":  {Mode: fs.ModeNamedPipe},
		"dev.md":   {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"sock.md":  {Mode: fs.ModeSocket},
		"dir.md":   {Mode: fs.ModeDir},
	}
	if data, err := ReadFile(fsys, "small.md", 10); err != nil || len(data) != 10 {
		t.Errorf("small: %q, %v", data, err)
	}
	_, err := ReadFile(fsys, "big.md", 10)
	if re, ok := IsRefused(err); !ok || re.Reason != TooLarge || re.Size != 11 || re.Limit != 10 {
		t.Errorf("big: %v, want too large (11 > 10)", err)
	}
	for name, kind := range map[string]FileKind{"pipe.md": "fifo", "dev.md": "device", "sock.md": "socket", "dir.md": "dir"} {
		_, err := ReadFile(fsys, name, 10)
		if re, ok := IsRefused(err); !ok || re.Reason != Special || re.Kind != kind {
			t.Errorf("%s: %v, want a refusal as %s", name, err, kind)
		}
	}
}

// lyingFS holds one file that says it is empty and never ends, as
// /dev/zero does.
type lyingFS struct{}

func (lyingFS) Open(name string) (fs.File, error) { return endless{}, nil }

type endless struct{}

func (endless) Stat() (fs.FileInfo, error) { return endlessInfo{}, nil }
func (endless) Close() error               { return nil }
func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 0
	}
	return len(p), nil
}

type endlessInfo struct{}

func (endlessInfo) Name() string       { return "zero.md" }
func (endlessInfo) Size() int64        { return 0 }
func (endlessInfo) Mode() fs.FileMode  { return 0o644 }
func (endlessInfo) ModTime() time.Time { return time.Time{} }
func (endlessInfo) IsDir() bool        { return false }
func (endlessInfo) Sys() any           { return nil }

func TestReadFileNeverTrustsTheSize(t *testing.T) {
	data, err := ReadFile(lyingFS{}, "zero.md", 1000)
	if re, ok := IsRefused(err); !ok || re.Reason != TooLarge || re.Size != -1 {
		t.Fatalf("got %d bytes, %v; want a refusal after reading past the limit", len(data), err)
	}
}

func TestSiteFSSizeLimits(t *testing.T) {
	dir := site(t, map[string]string{
		"content/a.md":    strings.Repeat("x", model.MaxFileBytes),
		"content/b.md":    strings.Repeat("x", model.MaxFileBytes+1),
		"fonts/song.ttf":  strings.Repeat("x", model.MaxFileBytes+1),
		"themes/x/a.html": "ok",
	})
	fsys, err := SiteFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadFile(fsys, "content/a.md"); err != nil {
		t.Errorf("a file of exactly MaxFileBytes: %v", err)
	}
	_, err = fs.ReadFile(fsys, "content/b.md")
	if re, ok := IsRefused(err); !ok || re.Reason != TooLarge || re.Limit != model.MaxFileBytes {
		t.Errorf("a file over MaxFileBytes: %v", err)
	}
	if _, err := fsys.Open("content/b.md"); err == nil {
		t.Errorf("Open of a file over the limit succeeded")
	}
	if _, err := fs.ReadFile(fsys, "fonts/song.ttf"); err != nil {
		t.Errorf("a font is read up to MaxFontBytes: %v", err)
	}
	// Opened files stop at their limit too.
	f, err := fsys.Open("content/a.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n, err := io.Copy(io.Discard, f); err != nil || n != model.MaxFileBytes {
		t.Errorf("read %d bytes, %v", n, err)
	}
}

func TestScreen(t *testing.T) {
	dir := site(t, map[string]string{
		"themes/default/layouts/home.html": "{{define \"main\"}}own{{end}}",
		"themes/default/assets/big.css":    strings.Repeat("x", model.MaxFileBytes+1),
		"shared/img/logo.png":              "png",
	})
	outside := filepath.Join(filepath.Dir(dir), "outside")
	symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(dir, "themes", "default", "assets", "leak.css"))
	symlink(t, "../../../shared/img", filepath.Join(dir, "themes", "default", "assets", "img"))
	fsys, err := SiteFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	own, skipped := Screen(fsys, "themes/default")
	got := map[string]string{}
	for _, s := range skipped {
		re, _ := IsRefused(s.Err)
		if re == nil {
			t.Errorf("%s: %v is not a refusal", s.Path, s.Err)
			continue
		}
		got[s.Path] = string(re.Reason) + "/" + string(re.Kind)
	}
	want := map[string]string{
		"themes/default/assets/leak.css": "outside/",
		"themes/default/assets/big.css":  "too-large/",
		"themes/default/assets/img":      "special/dirlink",
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s: %q, want %q", p, got[p], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("skipped %v, want %v", got, want)
	}
	lower := fstest.MapFS{
		"assets/leak.css":   {Data: []byte("built-in")},
		"assets/style.css":  {Data: []byte("style")},
		"layouts/home.html": {Data: []byte("built-in home")},
	}
	theme := Overlay(own, lower)
	if data, err := fs.ReadFile(theme, "assets/leak.css"); err != nil || string(data) != "built-in" {
		t.Errorf("a skipped file: %q, %v; want the built-in file", data, err)
	}
	if data, err := fs.ReadFile(theme, "layouts/home.html"); err != nil || !strings.Contains(string(data), "own") {
		t.Errorf("the site's own file: %q, %v", data, err)
	}
	var files []string
	err = fs.WalkDir(theme, "assets", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			if _, err := fs.ReadFile(theme, p); err != nil {
				t.Errorf("%s listed but not readable: %v", p, err)
			}
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(files, ",") != "assets/leak.css,assets/style.css" {
		t.Errorf("assets %v", files)
	}
	// No such folder, and a folder that is itself a link out of the site.
	if own, skipped := Screen(fsys, "layouts"); own != nil || skipped != nil {
		t.Errorf("a missing folder: %v, %v", own, skipped)
	}
	symlink(t, outside, filepath.Join(dir, "forms"))
	own, skipped = Screen(fsys, "forms")
	if own != nil || len(skipped) != 1 || skipped[0].Path != "forms" {
		t.Errorf("a folder linked out of the site: %v, %v", own, skipped)
	}
}

func TestOverlayKeepsRefusals(t *testing.T) {
	dir := site(t, nil)
	symlink(t, "../../outside/secret.md", filepath.Join(dir, "schemas", "document.toml"))
	fsys, err := SiteFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	upper, _ := fs.Sub(fsys, "schemas")
	o := Overlay(upper, fstest.MapFS{"document.toml": {Data: []byte("built-in")}})
	if data, err := fs.ReadFile(o, "document.toml"); err == nil {
		t.Errorf("read %q: a refused file of the site must not silently become the built-in one", data)
	}
	if _, err := o.Open("document.toml"); err == nil {
		t.Errorf("Open: a refused file of the site must not silently become the built-in one")
	}
}

func TestReport(t *testing.T) {
	zh, err := i18n.Load(mustSub(t), "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		err  error
		code string
		want string
	}{
		{&RefusedError{Reason: Outside}, "file.outside", "站点外的链接"},
		{&RefusedError{Reason: Special, Kind: "fifo"}, "file.special", "命名管道"},
		{&RefusedError{Reason: TooLarge, Size: 50 << 20, Limit: model.MaxFileBytes}, "file.too-large", "文件有 50 MB，超过了 guifan 读取单个文件的上限 4 MB"},
		{&RefusedError{Reason: TooLarge, Size: -1, Limit: model.MaxFileBytes}, "file.too-large-read", "4 MB"},
		{&fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}, "file.permission", "权限"},
		{&fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}, "file.not-found", "不存在"},
	}
	for _, c := range cases {
		var l diag.List
		Report(&l, "content/x.md", c.err)
		if len(l) != 1 || l[0].Code != c.code || l[0].Pos.Line != 0 || l[0].Severity != diag.Error {
			t.Errorf("%v: %+v, want one error %s for the whole file", c.err, l, c.code)
			continue
		}
		if msg := zh.T(l[0].Code, l[0].Args...); !strings.Contains(msg, c.want) {
			t.Errorf("%s: %q lacks %q", c.code, msg, c.want)
		}
	}
	// Every kind of special file has its words.
	for _, kind := range []string{"fifo", "device", "socket", "dir", "dirlink", "other"} {
		if !zh.Has("file.kind." + kind) {
			t.Errorf("file.kind.%s is not in the catalog", kind)
		}
	}
}

func mustSub(t *testing.T) fs.FS {
	t.Helper()
	sub, err := fs.Sub(themes.FS, "default")
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{12: "12 B", 2048: "2 KB", 4 << 20: "4 MB", 50 << 20: "50 MB", 52428800 + 1<<19: "50.5 MB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

// A site opened again and again (serve does at every save) does not keep
// a file descriptor per opening.
func TestSiteFSReleasesRoot(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hospital.toml"), []byte("name = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fds := func() int {
		entries, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Skip("no /proc here")
		}
		return len(entries)
	}
	before := fds()
	for range 300 {
		fsys, err := SiteFS(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fs.ReadFile(fsys, "hospital.toml"); err != nil {
			t.Fatal(err)
		}
	}
	for range 5 {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
	if after := fds(); after > before+50 {
		t.Errorf("%d file descriptors open after 300 openings, %d before", after, before)
	}
}

// TestReadAllSizedBuffer: a file read at the size it reports fills one
// buffer of that size (plus one byte to see its end), and a file whose
// reported size is wrong (smaller, larger, none) is still read whole.
func TestReadAllSizedBuffer(t *testing.T) {
	t.Parallel()
	text := strings.Repeat("规范", 40000) // 240,000 bytes
	for _, size := range []int64{int64(len(text)), 0, 10, int64(len(text)) * 2, -1} {
		data, err := readAll(&chunky{s: text}, size)
		if err != nil || string(data) != text {
			t.Errorf("size %d: got %d bytes, %v; want the %d bytes", size, len(data), err, len(text))
		}
		if size == int64(len(text)) && cap(data) != len(text)+1 {
			t.Errorf("size %d: buffer of %d bytes; want it made once at %d", size, cap(data), len(text)+1)
		}
	}
	fsys, err := SiteFS(site(t, map[string]string{"content/a.md": text}))
	if err != nil {
		t.Fatal(err)
	}
	data, err := ReadFile(fsys, "content/a.md", model.MaxFileBytes)
	if err != nil || string(data) != text || cap(data) != len(text)+1 {
		t.Errorf("ReadFile: %d bytes (buffer %d), %v; want %d in one buffer", len(data), cap(data), err, len(text))
	}
}

// chunky returns its text in reads of at most 7,777 bytes.
type chunky struct{ s string }

func (c *chunky) Read(p []byte) (int, error) {
	if c.s == "" {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 7777)], c.s)
	c.s = c.s[n:]
	return n, nil
}

package rollup

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"guifan/generator/submission"
	"guifan/generator/tomlfile"
	"guifan/schemas"
	"io/fs"
)

// good writes n synthesized submissions under dir/good and returns how
// many files they are.
func good(t *testing.T, dir string, n int) int {
	t.Helper()
	return synthTo(t, framework(t), filepath.Join(dir, "good"), n, 7)
}

// one is a sealed synthesized submission of hospital name at date.
func one(t *testing.T, name, date string) *submission.Submission {
	t.Helper()
	var got *submission.Submission
	_, err := Synthesize(framework(t), 1, 3, "zh-CN", "一份内部文件", func(_ string, data []byte) error {
		s, err := submission.Decode(data)
		got = s
		return err
	})
	if err != nil || got == nil {
		t.Fatal(err)
	}
	got.Hospital.Name, got.AsOf = name, date
	if err := got.Seal(); err != nil {
		t.Fatal(err)
	}
	return got
}

func encode(t *testing.T, s *submission.Submission) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := s.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func put(t *testing.T, p string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// rollupOf rolls up dir and returns the summary; it fails the test on an
// internal error.
func rollupOf(t *testing.T, dir string) *Summary {
	t.Helper()
	sum, err := Run([]string{dir}, options(t, framework(t), filepath.Join(t.TempDir(), "out")))
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// notice returns the notices about file.
func notices(sum *Summary, file string) []Notice {
	var out []Notice
	for _, n := range sum.Notices {
		if n.File == file {
			out = append(out, n)
		}
	}
	return out
}

// Each bad input gets one message naming the file, in the catalog's
// language; the good files around it are all rolled up.
func TestBadInputs(t *testing.T) {
	t.Parallel()
	fw := framework(t)
	cases := []struct {
		name string
		// make writes the bad file(s) under dir and returns the file the
		// message names.
		make  func(t *testing.T, dir string) string
		level Level
		want  string // the message, with FILE for the file's name
		kept  int    // how many of the bad case's files are rolled up
	}{
		{"other framework", func(t *testing.T, dir string) string {
			s := one(t, "北京市甲医院", "2026-11-25")
			s.Framework = "shanghai-2020"
			return put(t, filepath.Join(dir, "a.json"), encode(t, s))
		}, Error, "FILE：按规范 shanghai-2020 评估，本次汇总的是 beijing-2008；已跳过。", 0},
		{"other framework version", func(t *testing.T, dir string) string {
			s := one(t, "北京市甲医院", "2026-11-25")
			s.FrameworkVersion = "2008-03-01+000000000000"
			return put(t, filepath.Join(dir, "a.json"), encode(t, s))
		}, Error, "FILE：规范版本 2008-03-01+000000000000 与本次汇总的版本 " + submission.FrameworkVersion(fw) + " 不同；已跳过。请用同一版本的 guifan 重新生成。", 0},
		{"duplicate hospital and date", func(t *testing.T, dir string) string {
			s := one(t, "北京市甲医院", "2026-11-25")
			put(t, filepath.Join(dir, "a", "first.json"), encode(t, s))
			s.Summary.Score = 0.1
			return put(t, filepath.Join(dir, "b", "second.json"), encode(t, s))
		}, Error, "FILE：与 DIR/a/first.json 是同一医院（北京市甲医院）同一评估日期（2026-11-25）的报告；保留先读到的那份，此份已跳过。", 1},
		{"truncated", func(t *testing.T, dir string) string {
			data := encode(t, one(t, "北京市甲医院", "2026-11-25"))
			return put(t, filepath.Join(dir, "a.json"), data[:1000])
		}, Error, "FILE：文件不完整（1000 字节后中断），可能在传输或保存时被截断；已跳过，请医院重新报送。", 0},
		{"not JSON", func(t *testing.T, dir string) string {
			return put(t, filepath.Join(dir, "a.json"), []byte("{\n  \"schema\": \"guifan-submission/1\",\n  oops\n}\n"))
		}, Error, "FILE：不是有效的 JSON（第 3 行第 4 列）；已跳过。", 0},
		{"hand-edited", func(t *testing.T, dir string) string {
			data := encode(t, one(t, "北京市甲医院", "2026-11-25"))
			edited := bytes.Replace(data, []byte(`"status": "missing"`), []byte(`"status": "met"`), 1)
			if bytes.Equal(edited, data) {
				t.Fatal("nothing edited")
			}
			return put(t, filepath.Join(dir, "a.json"), edited)
		}, Warning, "FILE：内容与其校验值不符，生成后被手工改动过；已照常汇总，并在表中标为“已改动”。", 1},
		{"dated after the roll-up", func(t *testing.T, dir string) string {
			return put(t, filepath.Join(dir, "a.json"), encode(t, one(t, "北京市甲医院", "2026-12-01")))
		}, Error, "FILE：评估日期 2026-12-01 晚于汇总日期 2026-11-25；已跳过。", 0},
		{"another schema", func(t *testing.T, dir string) string {
			s := one(t, "北京市甲医院", "2026-11-25")
			s.Schema = "guifan-submission/2"
			return put(t, filepath.Join(dir, "a.json"), encode(t, s))
		}, Error, "FILE：报送文件格式是 guifan-submission/2，本程序读取 guifan-submission/1；已跳过。请用同一版本的 guifan 重新生成。", 0},
		{"the full report.json", func(t *testing.T, dir string) string {
			return put(t, filepath.Join(dir, "report.json"), []byte(`{"framework": "beijing-2008", "hospital": "北京市甲医院", "articles": [{"number": 1}]}`))
		}, Error, "FILE：这是完整版 report.json，可能含内部文件的名称，不应报送；请医院报送 guifan build 生成的 submission.json。已跳过。", 0},
		{"zip entry outside the zip", func(t *testing.T, dir string) string {
			var b bytes.Buffer
			z := zip.NewWriter(&b)
			w, _ := z.Create("../../evil.json")
			w.Write(encode(t, one(t, "北京市甲医院", "2026-11-25")))
			z.Close()
			return put(t, filepath.Join(dir, "mail.zip"), b.Bytes())
		}, Error, "FILE：压缩包中的条目 ../../evil.json 的路径指向压缩包之外；该条目已跳过。", 0},
		{"link", func(t *testing.T, dir string) string {
			target := put(t, filepath.Join(t.TempDir(), "outside.json"), encode(t, one(t, "北京市甲医院", "2026-11-25")))
			p := filepath.Join(dir, "link.json")
			if err := os.Symlink(target, p); err != nil {
				t.Skip("no symbolic links here")
			}
			return p
		}, Warning, "FILE：是符号链接，不跟随；已跳过。", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			n := good(t, dir, 5)
			file := c.make(t, dir)
			sum := rollupOf(t, dir)
			want := strings.ReplaceAll(strings.ReplaceAll(c.want, "FILE", file), "DIR", dir)
			got := notices(sum, file)
			if len(got) != 1 || got[0].Text != want || got[0].Level != c.level {
				t.Errorf("notices about %s:\n%+v\nwant one %s:\n%s", file, got, c.level, want)
			}
			if sum.Accepted != n+c.kept {
				t.Errorf("%d reports rolled up, want the %d good ones and %d of this case", sum.Accepted, n, c.kept)
			}
			for _, x := range sum.Notices {
				if x.File != file && x.Level != Info {
					t.Errorf("a notice about another file: %+v", x)
				}
			}
		})
	}
}

// A zip of submissions, as a hospital mails it, is read like a folder;
// an edited file is rolled up and marked; a hospital with reports of
// several dates has them all, oldest first, and the latest counts.
func TestZipAndTrend(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, date := range []string{"2026-05-25", "2025-11-25", "2026-11-25"} {
		w, err := z.Create("乙医院/" + date + "/submission.json")
		if err != nil {
			t.Fatal(err)
		}
		w.Write(encode(t, one(t, "北京市乙医院", date)))
	}
	w, _ := z.Create("readme.txt")
	w.Write([]byte("hello"))
	z.Close()
	put(t, filepath.Join(dir, "sub", "mail.zip"), b.Bytes())
	sum := rollupOf(t, dir)
	if sum.Accepted != 3 || len(sum.Hospitals) != 1 {
		t.Fatalf("accepted %d, hospitals %d: %+v", sum.Accepted, len(sum.Hospitals), sum.Notices)
	}
	h := sum.Hospitals[0]
	if len(h.History) != 3 || h.History[0].AsOf != "2025-11-25" || h.Latest.AsOf != "2026-11-25" {
		t.Errorf("history %+v latest %+v", h.History, h.Latest)
	}
	if n := notices(sum, filepath.Join(dir, "sub", "mail.zip")+"!readme.txt"); len(n) != 1 || n[0].Level != Info {
		t.Errorf("the text file in the zip: %+v", n)
	}
}

// The output folder: site pages, workbook and summary, and the summary
// figures add up.
func TestOutputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	n := good(t, dir, 30)
	out := filepath.Join(t.TempDir(), "out")
	sum, err := Run([]string{dir}, options(t, framework(t), out))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Accepted != n || len(sum.Notices) != 0 {
		t.Fatalf("accepted %d of %d: %+v", sum.Accepted, n, sum.Notices)
	}
	for _, f := range []string{"summary.json", "rollup.xlsx", "site/index.html", "site/heatmap.html", "site/articles.html",
		"site/groups.html", "site/problems.html", "site/assets/style.css", "site/assets/rollup.js", "site/r/1.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	var back Summary
	data, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	if err := json.Unmarshal(data, &back); err != nil || back.Schema != SummarySchema || len(back.Hospitals) != len(sum.Hospitals) {
		t.Errorf("summary.json: %v %q %d", err, back.Schema, len(back.Hospitals))
	}
	if len(sum.Articles) != 50 {
		t.Errorf("%d articles", len(sum.Articles))
	}
	met := 0
	for _, a := range sum.Articles {
		met += a.Met
	}
	want := 0
	for _, h := range sum.Hospitals {
		want += h.Latest.Met
	}
	if met != want {
		t.Errorf("articles met over the articles %d, over the hospitals %d", met, want)
	}
	total := 0
	for _, g := range sum.Levels {
		total += g.Hospitals
	}
	if total != len(sum.Hospitals) {
		t.Errorf("levels count %d hospitals of %d", total, len(sum.Hospitals))
	}
	heat, _ := os.ReadFile(filepath.Join(out, "site", "heatmap.html"))
	if c := len(regexp.MustCompile(`\.html#a\d+"><rect class="status-`).FindAllIndex(heat, -1)); c != 50*len(sum.Hospitals) {
		t.Errorf("heat map has %d cells, want %d", c, 50*len(sum.Hospitals))
	}
}

func TestLevelClass(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ level, name, want string }{
		{"三级甲等", "北京示范医院", Level3}, {"二级", "某区医院", Level2}, {"一级", "北京市朝阳区示例社区卫生服务中心", LevelCommunity},
		{"一级", "某门诊部", Level1}, {"", "某医院", LevelOther},
	} {
		if got := LevelClass(c.level, c.name); got != c.want {
			t.Errorf("LevelClass(%q, %q) = %q, want %q", c.level, c.name, got, c.want)
		}
	}
}

// TestLevelsData: schemas/levels.toml reads without a problem, and each of
// its classes is one the roll-up knows.
func TestLevelsData(t *testing.T) {
	t.Parallel()
	src, err := fs.ReadFile(schemas.FS, "levels.toml")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Class []levelClass `toml:"class"`
	}
	if probs := tomlfile.DecodeStrict(src, &f); len(probs) > 0 {
		t.Fatalf("levels.toml: %+v", probs)
	}
	known := map[string]bool{Level3: true, Level2: true, Level1: true, LevelCommunity: true}
	if len(f.Class) != len(known) || len(levelClasses()) != len(f.Class) {
		t.Fatalf("%d classes, want %d", len(f.Class), len(known))
	}
	for _, c := range f.Class {
		if !known[c.ID] || len(c.Words)+len(c.Prefixes)+len(c.NameWords) == 0 {
			t.Errorf("class %+v", c)
		}
	}
}

func TestSafeEntry(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{"a/b.json": true, "../a.json": false, "/etc/x.json": false, `a\..\..\b.json`: false, "C:/x.json": false, "a..b.json": true} {
		if safeEntry(name) != want {
			t.Errorf("safeEntry(%q) != %v", name, want)
		}
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guifan/generator/submission"
)

// report --submit prints the community hospital's submission; synth
// rollup makes more; rollup rolls them up, says what it made, and names
// a bad file in the interface language, exiting 1 for it while rolling
// up the rest.
func TestRollupCommand(t *testing.T) {
	t.Parallel()
	in := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"report", filepath.Join("..", "..", "..", "examples", "community-hospital"), "--submit", "--as-of", "2026-11-25"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("report --submit: exit %d: %s", code, stderr.String())
	}
	sub, err := submission.Decode(stdout.Bytes())
	if err != nil || !sub.Sealed() || sub.Hospital.Name != "北京市朝阳区示例社区卫生服务中心" {
		t.Fatalf("report --submit printed no sealed submission: %v", err)
	}
	if err := os.WriteFile(filepath.Join(in, "community.json"), stdout.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	if code := run([]string{"synth", "rollup", "-n", "12", "-o", filepath.Join(in, "synth")}, &stdout, &stderr); code != exitOK {
		t.Fatalf("synth rollup: exit %d: %s", code, stderr.String())
	}
	bad := filepath.Join(in, "bad.json")
	if err := os.WriteFile(bad, stdout.Bytes()[:0], 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	stdout.Reset()
	stderr.Reset()
	code := run([]string{"rollup", in, "-o", out, "--as-of", "2026-11-25"}, &stdout, &stderr)
	if code != exitInvalid {
		t.Errorf("rollup with a bad file: exit %d, want %d", code, exitInvalid)
	}
	if want := bad + "：文件不完整（0 字节后中断），可能在传输或保存时被截断；已跳过，请医院重新报送。\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
	if !strings.Contains(stdout.String(), "份报告（读取 ") || !strings.Contains(stdout.String(), filepath.Join(out, "site", "index.html")) {
		t.Errorf("stdout %q", stdout.String())
	}
	for _, f := range []string{"summary.json", "rollup.xlsx", "site/index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	// A folder that is neither empty nor a roll-up is not written into.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "mine.txt"), []byte("x"), 0o644)
	stderr.Reset()
	if code := run([]string{"rollup", in, "-o", other}, &stdout, &stderr); code != exitMisuse || !strings.Contains(stderr.String(), "summary.json") {
		t.Errorf("rollup into a user's folder: exit %d, %q", code, stderr.String())
	}
	// A second roll-up into the same output replaces the first.
	if code := run([]string{"rollup", in, "-o", out, "--as-of", "2026-11-25"}, &stdout, &stderr); code != exitInvalid {
		t.Errorf("second rollup: exit %d", code)
	}
}

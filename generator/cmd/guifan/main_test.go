package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"guifan/generator/internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestCheckGolden runs "guifan check --as-of 2026-11-25" on every case
// testdata/check/*.txtar and compares the exit code, stdout and stderr with
// the archive's "exit", "stdout" and "stderr" sections. The archive holds
// the site checked, its files named site/...; its comment may hold
//
//	# args: --format json          extra arguments before the site folder
//	# no-newline: site/content/x   the file does not end in the newline the archive gives it
//
// $WORK in the output stands for the work folder. Regenerate the result
// sections with: go test ./generator/cmd/guifan -run TestCheckGolden -update
func TestCheckGolden(t *testing.T) {
	cases, err := filepath.Glob("testdata/check/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases in testdata/check")
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			runGolden(t, file)
		})
	}
}

var goldenResults = []string{"exit", "stdout", "stderr"}

func runGolden(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	a := txtar.Parse(data)
	var extra []string
	noNewline := map[string]bool{}
	for _, line := range strings.Split(string(a.Comment), "\n") {
		key, val, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), ":")
		switch key {
		case "args":
			extra = append(extra, strings.Fields(val)...)
		case "no-newline":
			noNewline[strings.TrimSpace(val)] = true
		}
	}
	work := t.TempDir()
	files := 0
	for _, f := range a.Files {
		if slices.Contains(goldenResults, f.Name) {
			continue
		}
		if !strings.HasPrefix(f.Name, "site/") || !fs.ValidPath(f.Name) {
			t.Fatalf("%s: file %q is not under site/", file, f.Name)
		}
		body := f.Data
		if noNewline[f.Name] {
			delete(noNewline, f.Name)
			if !bytes.HasSuffix(body, []byte("\n")) {
				t.Fatalf("%s: no-newline file %s does not end in a newline to drop", file, f.Name)
			}
			body = body[:len(body)-1]
		}
		p := filepath.Join(work, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files++
	}
	if files == 0 {
		t.Fatalf("%s: no site files", file)
	}
	for name := range noNewline {
		t.Fatalf("%s: no-newline names %s, which the archive does not hold", file, name)
	}

	args := append([]string{"--lang", "zh-CN", "check", "--as-of", "2026-11-25"}, extra...)
	args = append(args, filepath.Join(work, "site"))
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	clean := func(s string) string {
		s = strings.ReplaceAll(s, work, "$WORK")
		return strings.ReplaceAll(s, filepath.ToSlash(work), "$WORK")
	}
	got := map[string]string{
		"exit":   strconv.Itoa(code) + "\n",
		"stdout": clean(stdout.String()),
		"stderr": clean(stderr.String()),
	}

	if *update {
		for _, k := range goldenResults {
			a.Set(k, []byte(got[k]))
		}
		if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, k := range goldenResults {
		want, ok := a.Get(k)
		if !ok {
			t.Errorf("%s: no %q section (run with -update to create it)", file, k)
			continue
		}
		if got[k] != string(want) {
			t.Errorf("%s differs from %s (run with -update to accept):\n%s", k, file, diff(string(want), got[k]))
		}
	}
}

func runCapture(args []string) string {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", code, stdout.String(), stderr.String())
}

// diff shows the first lines where want and got differ.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want: %s\n  got:  %s\n", i+1, wl, gl)
			if shown++; shown == 10 {
				break
			}
		}
	}
	return b.String()
}

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"guifan/generator/internal/txtar"
)

// TestCases runs the bad-input corpus: every testdata/cases/*.txtar is one
// case, a small work folder with a site in it, the command to run and the
// expected exit code and output. Besides comparing the output, every case
// checks the rule that guifan never harms the user's files: each file of
// the archive is still there, byte for byte, after the run, unless the
// case names it in a "changes:" line.
//
// Header lines of an archive (before the first file):
//
//	# args: check --as-of 2026-11-25 $WORK/site   the command ($WORK is the work folder)
//	# exists: out/site/index.html                 must exist afterwards
//	# missing: out.new                            must not exist afterwards
//	# changes: site/audit/attestations.toml       may be changed by the command
//	# symlink: site/content/x.md -> /etc/passwd   made before the run
//	# fifo: site/content/pipe.md                  made before the run
//	# repeat: site/content/a.md 1000 文字          TEXT appended N times before the run
//
// The sections "exit", "stdout" and "stderr" are the expected results;
// regenerate them with: go test ./generator/cmd/guifan -run TestCases -update
func TestCases(t *testing.T) {
	cases, err := filepath.Glob("testdata/cases/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases in testdata/cases")
	}
	for _, file := range cases {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runCase(t, file)
		})
	}
}

type caseSpec struct {
	comment []string
	args    []string
	exists  []string
	missing []string
	changes map[string]bool
	files   []archiveFile
	results map[string]string // exit, stdout, stderr
}

func runCase(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c, err := parseCase(data)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	work := t.TempDir()
	for _, f := range c.files {
		p := filepath.Join(work, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.prepare(work); err != nil {
		if strings.Contains(err.Error(), "not supported") {
			t.Skip(err)
		}
		t.Fatal(err)
	}
	args := []string{"--lang", "zh-CN"}
	for _, a := range c.args {
		args = append(args, strings.ReplaceAll(a, "$WORK", work))
	}
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	clean := func(s string) string {
		s = strings.ReplaceAll(s, work, "$WORK")
		return strings.ReplaceAll(s, filepath.ToSlash(work), "$WORK")
	}
	got := map[string]string{
		"exit":   strconv.Itoa(code) + "\n",
		"stdout": endLine(clean(stdout.String())),
		"stderr": endLine(clean(stderr.String())),
	}

	// The user's files are sacred.
	for _, f := range c.files {
		if c.changes[f.name] {
			continue
		}
		now, err := os.ReadFile(filepath.Join(work, filepath.FromSlash(f.name)))
		if err != nil {
			t.Errorf("%s is gone after the command: %v", f.name, err)
		} else if !bytes.Equal(now, f.data) {
			t.Errorf("%s was changed by the command", f.name)
		}
	}
	for _, p := range c.exists {
		if _, err := os.Lstat(filepath.Join(work, filepath.FromSlash(p))); err != nil {
			t.Errorf("%s should exist after the command: %v", p, err)
		}
	}
	for _, p := range c.missing {
		if _, err := os.Lstat(filepath.Join(work, filepath.FromSlash(p))); err == nil {
			t.Errorf("%s should not exist after the command", p)
		}
	}

	if *update {
		c.results = got
		if err := os.WriteFile(file, c.format(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, k := range []string{"exit", "stdout", "stderr"} {
		want, ok := c.results[k]
		if !ok {
			t.Errorf("%s: no %q section (run with -update to create it)", file, k)
			continue
		}
		if got[k] != want {
			t.Errorf("%s differs from %s (run with -update to accept):\n%s", k, file, diff(want, got[k]))
		}
	}
}

// prepare makes what an archive cannot hold: links, pipes, big files.
func (c *caseSpec) prepare(work string) error {
	for _, line := range c.comment {
		key, val, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch key {
		case "symlink":
			link, target, ok := strings.Cut(val, "->")
			if !ok {
				return fmt.Errorf("symlink: want LINK -> TARGET, got %q", val)
			}
			p := filepath.Join(work, filepath.FromSlash(strings.TrimSpace(link)))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			target = strings.ReplaceAll(strings.TrimSpace(target), "$WORK", work)
			if err := os.Symlink(target, p); err != nil {
				return fmt.Errorf("symlinks not supported here: %v", err)
			}
		case "fifo":
			if runtime.GOOS == "windows" {
				return fmt.Errorf("fifos not supported on windows")
			}
			p := filepath.Join(work, filepath.FromSlash(val))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := mkfifo(p); err != nil {
				return fmt.Errorf("fifos not supported here: %v", err)
			}
		case "repeat":
			f := strings.SplitN(val, " ", 3)
			if len(f) != 3 {
				return fmt.Errorf("repeat: want PATH N TEXT, got %q", val)
			}
			n, err := strconv.Atoi(f[1])
			if err != nil {
				return fmt.Errorf("repeat: %v", err)
			}
			p := filepath.Join(work, filepath.FromSlash(f[0]))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			fh, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
			if err != nil {
				return err
			}
			_, err = fh.WriteString(strings.Repeat(f[2], n))
			if cerr := fh.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			c.changes[f[0]] = true // the archive's copy is only the start
		}
	}
	return nil
}

// endLine ends non-empty text with a newline, as an archive section does.
func endLine(s string) string {
	if s != "" && !strings.HasSuffix(s, "\n") {
		return s + "\n"
	}
	return s
}

type archiveFile struct {
	name string
	data []byte
}

// parseCase reads a txtar archive: comment lines, then files introduced
// by "-- name --" lines.
func parseCase(data []byte) (*caseSpec, error) {
	c := &caseSpec{changes: map[string]bool{}, results: map[string]string{}}
	a := txtar.Parse(data)
	for _, line := range strings.SplitAfter(string(a.Comment), "\n") {
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			continue
		}
		c.comment = append(c.comment, line)
		key, val, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), ":")
		val = strings.TrimSpace(val)
		switch key {
		case "args":
			for _, a := range strings.Fields(val) {
				if a == `""` {
					a = ""
				}
				c.args = append(c.args, a)
			}
		case "exists":
			c.exists = append(c.exists, val)
		case "missing":
			c.missing = append(c.missing, val)
		case "changes":
			c.changes[val] = true
		}
	}
	if c.args == nil {
		return nil, fmt.Errorf("no \"# args:\" line")
	}
	for _, f := range a.Files {
		switch f.Name {
		case "exit", "stdout", "stderr":
			c.results[f.Name] = string(f.Data)
		default:
			if strings.HasPrefix(f.Name, "/") || strings.Contains(f.Name, "..") {
				return nil, fmt.Errorf("file name %q leaves the work folder", f.Name)
			}
			c.files = append(c.files, archiveFile{f.Name, f.Data})
		}
	}
	return c, nil
}

// format writes the archive back with the results of this run.
func (c *caseSpec) format() []byte {
	a := &txtar.Archive{}
	for _, l := range c.comment {
		a.Comment = append(a.Comment, l+"\n"...)
	}
	for _, f := range c.files {
		a.Files = append(a.Files, txtar.File{Name: f.name, Data: f.data})
	}
	for _, k := range []string{"exit", "stdout", "stderr"} {
		a.Files = append(a.Files, txtar.File{Name: k, Data: []byte(c.results[k])})
	}
	return txtar.Format(a)
}

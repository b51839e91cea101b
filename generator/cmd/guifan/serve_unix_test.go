//go:build unix

package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeChild is the preview run by TestServeStopSignals in a process of
// its own; it does nothing in a normal test run.
func TestServeChild(t *testing.T) {
	site := os.Getenv("GUIFAN_SERVE_CHILD")
	if site == "" {
		t.Skip("run by TestServeStopSignals")
	}
	code := run([]string{"--lang", "en", "serve", "--addr", "127.0.0.1:0", site}, os.Stdout, os.Stderr)
	fmt.Printf("exit %d\n", code)
}

// TestServeStopSignals: SIGTERM, SIGINT (Ctrl+C) and SIGHUP (the terminal
// closed) each stop a running preview cleanly: it says so, exits 0 and
// leaves no temporary folder behind (it makes none: the site is served
// from memory).
func TestServeStopSignals(t *testing.T) {
	site := tinySite(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			tmp := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$", "-test.v")
			cmd.Env = append(os.Environ(), "GUIFAN_SERVE_CHILD="+site, "TMPDIR="+tmp)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			lines := make(chan string)
			go func() {
				sc := bufio.NewScanner(stdout)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			var url string
			var seen []string
			timeout := time.After(2 * time.Minute)
			for url == "" {
				select {
				case l, ok := <-lines:
					if !ok {
						t.Fatalf("the preview ended before serving:\n%s", strings.Join(seen, "\n"))
					}
					seen = append(seen, l)
					if _, rest, ok := strings.Cut(l, "Preview at "); ok {
						url, _, _ = strings.Cut(rest, " ")
					}
				case <-timeout:
					t.Fatalf("no preview address:\n%s", strings.Join(seen, "\n"))
				}
			}
			// The preview serves from memory: no temporary folder.
			if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
				t.Fatalf("want no temporary folder while serving, have %v", entries)
			}
			resp, err := http.Get(url)
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(page), "测试医院") {
				t.Fatalf("%s: %d", url, resp.StatusCode)
			}

			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			var rest []string
			for l := range lines {
				rest = append(rest, l)
			}
			if err := cmd.Wait(); err != nil {
				t.Errorf("the preview did not exit cleanly: %v", err)
			}
			out := strings.Join(rest, "\n")
			if !strings.Contains(out, "Preview stopped.") || !strings.Contains(out, "exit 0") {
				t.Errorf("after %v:\n%s", sig, out)
			}
			if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
				var names []string
				for _, e := range entries {
					names = append(names, filepath.Join(tmp, e.Name()))
				}
				t.Errorf("after %v the temporary folder is still there: %v", sig, names)
			}
		})
	}
}

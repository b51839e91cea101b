package watch

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestBatches: several quick changes arrive as one batch; output/ and
// hidden files are ignored; a new folder is watched.
func TestBatches(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	os.MkdirAll(filepath.Join(root, "output"), 0o755)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan []string, 4)
	go Watch(ctx, root, 150*time.Millisecond, []string{"output"}, func(p []string) { got <- p })
	time.Sleep(200 * time.Millisecond)
	os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(root, "content", "b.md"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(root, "output", "index.html"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(root, "content", ".a.md.swp"), []byte("x"), 0o644)
	select {
	case p := <-got:
		if !reflect.DeepEqual(p, []string{"content/a.md", "content/b.md"}) {
			t.Errorf("batch %v", p)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no batch")
	}
	os.MkdirAll(filepath.Join(root, "content", "faq"), 0o755)
	time.Sleep(300 * time.Millisecond)
	<-drain(got)
	os.WriteFile(filepath.Join(root, "content", "faq", "c.md"), []byte("x"), 0o644)
	deadline := time.After(5 * time.Second)
	for {
		select {
		case p := <-got:
			for _, x := range p {
				if x == "content/faq/c.md" {
					return
				}
			}
		case <-deadline:
			t.Fatal("a file in a new folder was not reported")
		}
	}
}

// drain empties a channel of batches already sent.
func drain(c chan []string) chan struct{} {
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-c:
			default:
				close(done)
				return
			}
		}
	}()
	return done
}

package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// sharedBodies are bodies over every kind of markup the one parser sees:
// links of every kind (to documents, forms, web addresses, broken),
// autolinks, tables, footnotes, tags, over-long blocks and deep nesting.
func sharedBodies(t *testing.T) []string {
	t.Helper()
	bodies := []string{
		"# 制度\n\n## 第一章 总则 {#scope}\n\n**规定**见[备份](doc:reg-backup#第二章)与 <doc:reg-ups> 与 <https://example.org>。\n",
		"见[工作单](form:work-order)、<form:incident> 和 [未知](doc:nope)、[裸](reg-bare)、![图](reg-img)。\n",
		"| a | b |\n|---|---|\n| [x](doc:y) | <doc:z> |\n\n- [ ] 任务\n- [x] 完成\n\n脚注[^1]\n\n[^1]: 注释 [f](form:f1)\n",
		strings.Repeat("> ", 30) + "深\n" + strings.Repeat("- ", 30) + "深\n",
		strings.Repeat("长", 5000) + " [a](doc:b)\n",
		"```\n[a](doc:in-code)\n```\n\n`<doc:span>`\n",
	}
	// The demo hospital's documents, where present.
	root := filepath.Join("..", "..", "examples", "community-hospital", "content")
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			if b, err := os.ReadFile(p); err == nil {
				bodies = append(bodies, string(b))
			}
		}
		return nil
	})
	if len(bodies) < 20 {
		t.Fatalf("only %d bodies: the demo's documents were not found", len(bodies))
	}
	return bodies
}

// TestAnalyzeIsLinksFormLinksCheck: the one parse of Analyze finds what
// Links, FormLinks and Check find, each in a parse of its own.
func TestAnalyzeIsLinksFormLinksCheck(t *testing.T) {
	t.Parallel()
	for i, src := range sharedBodies(t) {
		b := []byte(src)
		got := Analyze(b)
		want := Analysis{Links: Links(b), FormLinks: FormLinks(b), Limits: Check(b)}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("body %d: Analyze = %+v\nwant %+v", i, got, want)
		}
	}
}

// TestRenderTextWhateverResolver: the plain text of a body does not depend
// on how its links resolve (some refused, autolinks replaced), so the
// site's render serves the search index.
func TestRenderTextWhateverResolver(t *testing.T) {
	t.Parallel()
	refuseHalf := func(ref string) (string, bool) {
		if strings.HasPrefix(ref, "reg") || strings.HasPrefix(ref, "form:") {
			return "../" + ref + "/index.html", true
		}
		return "", false
	}
	changed := 0
	for i, src := range sharedBodies(t) {
		plain, linked := Render([]byte(src), nil), Render([]byte(src), refuseHalf)
		if plain.Text != linked.Text {
			t.Errorf("body %d: text with a resolver\n%q\nwithout\n%q", i, linked.Text, plain.Text)
		}
		if string(plain.HTML) != string(linked.HTML) {
			changed++
		}
	}
	if changed == 0 {
		t.Fatal("no body's HTML depends on the resolver: the test shows nothing")
	}
}

// TestSharedParserConcurrent: the one goldmark instance gives every
// goroutine the same results as one goroutine alone (run with -race).
func TestSharedParserConcurrent(t *testing.T) {
	t.Parallel()
	bodies := sharedBodies(t)
	resolve := func(ref string) (string, bool) { return "x/" + ref, !strings.HasPrefix(ref, "nope") }
	want := make([]string, len(bodies))
	for i, src := range bodies {
		want[i] = fmt.Sprint(Render([]byte(src), resolve), Blocks([]byte(src)), Headings([]byte(src)), Analyze([]byte(src)))
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range bodies {
				i := (k + g*7) % len(bodies)
				src := []byte(bodies[i])
				got := fmt.Sprint(Render(src, resolve), Blocks(src), Headings(src), Analyze(src))
				if got != want[i] {
					t.Errorf("goroutine %d, body %d: results differ when parsed concurrently", g, i)
				}
			}
		})
	}
	wg.Wait()
}

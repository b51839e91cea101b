package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"guifan/generator/model"
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

// readDiffers says how Read's one parse of src differs from Headings and
// Analyze, each parsing it on its own; "" when it does not.
func readDiffers(src []byte) string {
	heads, a := Read(src)
	if want := Headings(src); !reflect.DeepEqual(heads, want) {
		return fmt.Sprintf("Read's headings of %q = %+v\nHeadings = %+v", src, heads, want)
	}
	if want := Analyze(src); !reflect.DeepEqual(a, want) {
		return fmt.Sprintf("Read's analysis of %q = %+v\nAnalyze = %+v", src, a, want)
	}
	return ""
}

// TestReadIsHeadingsAnalyze: the loader's one parse (Read) finds the
// headings Headings finds and the analysis Analyze finds, over the shared
// bodies and the fuzz seeds; the bodies hold each kind of finding, so the
// comparison is not of empty results.
func TestReadIsHeadingsAnalyze(t *testing.T) {
	t.Parallel()
	var heads, links, forms, longs, deep int
	long := "# " + strings.Repeat("题", model.MaxParagraphRunes) + "\n\n- " + strings.Repeat("长", model.MaxParagraphRunes) + " [a](doc:b)\n"
	for i, src := range append(append(sharedBodies(t), fuzzSeeds...), long) {
		if msg := readDiffers([]byte(src)); msg != "" {
			t.Errorf("body %d: %s", i, msg)
		}
		h, a := Read([]byte(src))
		heads += len(h)
		links += len(a.Links)
		forms += len(a.FormLinks)
		longs += len(a.Limits.Long)
		deep += len(a.Limits.Deep)
	}
	if heads == 0 || links == 0 || forms == 0 || longs == 0 || deep == 0 {
		t.Fatalf("the bodies lack a kind of finding: %d headings, %d links, %d form links, %d long, %d deep", heads, links, forms, longs, deep)
	}
}

// TestKeep: AnalysisOf gives the analysis kept in a document, and
// Analyze's of its body when none was kept.
func TestKeep(t *testing.T) {
	t.Parallel()
	body := []byte("见[备份](doc:reg-backup)与[工作单](form:work-order)。\n")
	d := &model.Document{Body: body}
	if got, want := *AnalysisOf(d), Analyze(body); !reflect.DeepEqual(got, want) || len(got.Links) != 1 || len(got.FormLinks) != 1 {
		t.Fatalf("nothing kept: AnalysisOf = %+v, want %+v (one link of each kind)", got, want)
	}
	if d.Analysis != nil {
		t.Fatal("AnalysisOf kept what it parsed in a document that may be shared")
	}
	kept := Analysis{Links: []Link{{Ref: "kept", Line: 9, Col: 9}}}
	Keep(d, kept)
	if got := AnalysisOf(d); !reflect.DeepEqual(*got, kept) || AnalysisOf(d) != got {
		t.Fatalf("kept %+v, AnalysisOf = %+v", kept, *got)
	}
}

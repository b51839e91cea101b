package markdown

import (
	"strings"
	"testing"
)

// TestDocRef: a destination names a document the way a browser would
// follow it, however the author spelled it.
func TestDocRef(t *testing.T) {
	for _, c := range []struct {
		dest, ref string
		explicit  bool
		ok        bool
	}{
		{"doc:reg-backup", "reg-backup", true, true},
		{"doc:reg-backup#第二章-职责", "reg-backup#第二章-职责", true, true},
		{"doc:nope", "nope", true, true},
		{"reg-backup", "reg-backup", false, true},
		{"./reg-backup", "reg-backup", false, true},
		{"reg&#45;backup", "reg-backup", false, true},
		{"&#x72;eg-backup", "reg-backup", false, true},
		{`reg\-backup`, "reg-backup", false, true},
		{"reg%2Dbackup", "reg-backup", false, true},
		{"reg-backup?x=1", "reg-backup", false, true},
		{"reg-backup#%E7%AC%AC", "reg-backup#第", false, true},
		{"REG-Backup", "REG-Backup", false, true},
		{"备份制度", "备份制度", false, true},
		{"%E5%A4%87%E4%BB%BD", "备份", false, true},
		{"v1.2", "v1.2", false, true},
		{"#第一章", "", false, false},
		{"", "", false, false},
		{"https://example.org/x", "", false, false},
		{"mailto:a@b", "", false, false},
		{"../reg-backup/index.html", "", false, false},
		{"files/a.pdf", "", false, false},
		{"%zz", "", false, false},
	} {
		ref, explicit, ok := DocRef(c.dest)
		if ref != c.ref || explicit != c.explicit || ok != c.ok {
			t.Errorf("DocRef(%q) = %q, %v, %v; want %q, %v, %v", c.dest, ref, explicit, ok, c.ref, c.explicit, c.ok)
		}
	}
}

// TestRenderUnlinksRefused: a bare id the resolver refuses is no longer a
// link, exactly like the doc: form, whatever its spelling; the page keeps
// the author's words and not the id. Links reports the same links, with the
// column of their "[".
func TestRenderUnlinksRefused(t *testing.T) {
	src := []byte("# 标题\n\n见[甲](reg-backup)、[乙](doc:reg-backup)、[丙](reg&#45;backup)、[丁](./REG-BACKUP)、[戊][r]、![己](reg-backup)、[庚](reg-public#二)。\n\n[r]: reg%2Dbackup\n")
	var asked []string
	r := Render(src, func(ref string) (string, bool) {
		asked = append(asked, ref)
		if ref == "reg-public#二" {
			return "../reg-public/index.html#二", true
		}
		return "", false
	})
	html := string(r.HTML)
	if strings.Contains(strings.ToLower(html), "reg-backup") || strings.Contains(html, "reg&amp;#45;") {
		t.Errorf("the refused id is still on the page:\n%s", html)
	}
	if strings.Count(html, "<a ") != 1 || !strings.Contains(html, `href="../reg-public/index.html#%E4%BA%8C"`) {
		t.Errorf("want exactly the one allowed link:\n%s", html)
	}
	for _, w := range []string{"甲", "乙", "丙", "丁", "戊", "己", "庚"} {
		if !strings.Contains(html, w) {
			t.Errorf("the words %q are gone:\n%s", w, html)
		}
	}
	if len(r.Broken) != 6 {
		t.Fatalf("broken %+v, want 6", r.Broken)
	}
	if b := r.Broken[0]; b.Ref != "reg-backup" || b.Line != 3 || b.Col != 2 {
		t.Errorf("first broken link %+v, want reg-backup at 3:2", b)
	}
	if b := r.Broken[3]; b.Ref != "REG-BACKUP" {
		t.Errorf("fourth broken link %+v, want REG-BACKUP", b)
	}
	links := Links(src)
	if len(links) != 7 {
		t.Fatalf("links %+v, want 7", links)
	}
	if l := links[1]; !l.Explicit || l.Ref != "reg-backup" || l.Col != 18 {
		t.Errorf("second link %+v, want explicit reg-backup at column 18", l)
	}
	if l := links[0]; l.Explicit {
		t.Errorf("a bare id is not explicit: %+v", l)
	}
	if l := links[5]; l.Ref != "reg-backup" || l.Col != 83 {
		t.Errorf("image %+v, want reg-backup at column 83 (its \"!\")", l)
	}
}

// TestRenderLeavesOtherLinks: web addresses, anchors and paths are not
// document references and reach the page unchanged.
func TestRenderLeavesOtherLinks(t *testing.T) {
	src := []byte("[a](https://example.org/x) [b](#第一章) [c](../../forms/f/index.html)\n")
	r := Render(src, func(ref string) (string, bool) {
		t.Errorf("resolver asked about %q", ref)
		return "", false
	})
	for _, w := range []string{`href="https://example.org/x"`, `href="#%E7%AC%AC%E4%B8%80%E7%AB%A0"`, `href="../../forms/f/index.html"`} {
		if !strings.Contains(string(r.HTML), w) {
			t.Errorf("missing %s in %s", w, r.HTML)
		}
	}
}

// TestAutoLinkToDocument: <doc:id> is a link to a document like
// [words](doc:id): resolved, or refused and left as words; a web address
// in angle brackets is not asked about.
func TestAutoLinkToDocument(t *testing.T) {
	src := []byte("见 <doc:reg-public> 和 <doc:reg-backup>，另见 <https://example.org/>。\n")
	r := Render(src, func(ref string) (string, bool) {
		if ref == "reg-public" {
			return "../reg-public/index.html", true
		}
		if ref != "reg-backup" {
			t.Errorf("resolver asked about %q", ref)
		}
		return "", false
	})
	html := string(r.HTML)
	for _, w := range []string{`<a href="../reg-public/index.html">doc:reg-public</a>`, `和 doc:reg-backup，`, `<a href="https://example.org/">`} {
		if !strings.Contains(html, w) {
			t.Errorf("missing %s in %s", w, html)
		}
	}
	if strings.Contains(html, `href="doc:`) {
		t.Errorf("a doc: autolink reached the page: %s", html)
	}
	if len(r.Broken) != 1 || r.Broken[0].Ref != "reg-backup" {
		t.Errorf("broken %+v", r.Broken)
	}
	links := Links(src)
	if len(links) != 2 || !links[1].Explicit || links[1].Ref != "reg-backup" || links[1].Col != 22 {
		t.Errorf("links %+v", links)
	}
}

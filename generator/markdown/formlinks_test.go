package markdown

import (
	"strings"
	"testing"
)

// TestFormLinks: [词](form:id) names a blank form, however it is spelled;
// Links (links to documents) does not report it, and Render sends it to
// the resolver as "form:id".
func TestFormLinks(t *testing.T) {
	for dest, want := range map[string]string{
		"form:work-order":          "work-order",
		" form:work-order ":        "work-order",
		"form:work&#45;order":      "work-order",
		"form:work%2Dorder#fields": "work-order",
	} {
		if id, ok := FormRef(dest); !ok || id != want {
			t.Errorf("FormRef(%q) = %q, %v; want %q", dest, id, ok, want)
		}
	}
	for _, dest := range []string{"work-order", "doc:work-order", "https://x/form:a", "forms/work-order.html"} {
		if id, ok := FormRef(dest); ok {
			t.Errorf("FormRef(%q) = %q: not a form link", dest, id)
		}
	}
	src := []byte("转交的请求填写[工作单](form:work-order)，\n变更填写[申请表](form:change-request)，见[制度](doc:reg-change)。\n")
	got := FormLinks(src)
	if len(got) != 2 || got[0].Ref != "work-order" || got[0].Line != 1 || got[0].Col != 8 || got[1].Ref != "change-request" || got[1].Line != 2 {
		t.Errorf("FormLinks = %+v", got)
	}
	for _, l := range Links(src) {
		if strings.HasPrefix(l.Ref, "form") {
			t.Errorf("Links reports the form link %+v as a document link", l)
		}
	}
	var asked []string
	r := Render(src, func(ref string) (string, bool) {
		asked = append(asked, ref)
		if ref == "form:work-order" {
			return "../forms/work-order.html", true
		}
		return "", false
	})
	html := string(r.HTML)
	if !strings.Contains(html, `href="../forms/work-order.html"`) || strings.Contains(html, "form:") {
		t.Errorf("rendered %s", html)
	}
	if strings.Join(asked, " ") != "form:work-order form:change-request reg-change" {
		t.Errorf("resolver asked for %v", asked)
	}
}

// TestFormLinksNone: a body without "form:" is not parsed for them.
func TestFormLinksNone(t *testing.T) {
	if got := FormLinks([]byte("见[制度](doc:reg-change)。")); got != nil {
		t.Errorf("got %v", got)
	}
}

package build

import (
	"strings"
	"testing"

	"guifan/generator/submission"
)

// The submission a hospital sends out names no restricted document: the
// planted documents' ids, titles, numbers, headings, body text and
// register rows are nowhere in it, although they are evidence; they are
// there as "一份内部文件" instead. It is sealed, and reads back.
func TestSubmissionHasNoRestrictedText(t *testing.T) {
	t.Parallel()
	files := leakBuild(t, nil)
	data, ok := files["submission.json"]
	if !ok {
		t.Fatal("the build wrote no submission.json")
	}
	text := string(data) + "\n" + unescape(string(data))
	for _, n := range needles {
		if strings.Contains(text, n) {
			t.Errorf("submission.json holds the restricted %q", n)
		}
	}
	sub, err := submission.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if !sub.Sealed() {
		t.Error("submission.json as written does not match its own hash")
	}
	internal := 0
	for _, a := range sub.Articles {
		for _, q := range a.Requirements {
			for _, e := range q.Evidence {
				if e.Internal > 0 {
					internal++
					if e.Title != "一份内部文件" || e.ID != "" || e.Section != "" {
						t.Errorf("%s: internal evidence %+v says more than that it is an internal document", q.ID, e)
					}
				}
			}
		}
	}
	if internal == 0 {
		t.Error("no internal document is counted as evidence: the planted documents should be, unnamed")
	}
	// The full report of the same build does name them: the test looks
	// where they would be.
	if !strings.Contains(string(files["report.json"]), secretTitle) {
		t.Errorf("the full report.json does not name %q: the planted site is not what the test thinks", secretTitle)
	}
	if sub.Hospital.Name == "" || sub.Schema != submission.Schema || sub.FrameworkVersion == "" {
		t.Errorf("submission header %+v", sub.Hospital)
	}
}

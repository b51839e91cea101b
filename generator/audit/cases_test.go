package audit

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"guifan/generator/internal/txtar"
	"guifan/generator/schema"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/import/*.txtar")

// TestImportCases runs testdata/import/*.txtar. Each archive has the
// attestations file before the import (attestations.toml, absent for a
// site without one) and the workbook's rows (rows: one per line,
// "row|requirement|verdict|note|date|auditor"); want/attestations.toml is
// the file after the import and want/report what the import says it kept
// and changed. -update rewrites the want sections.
//
// Whatever the want sections say, every case also checks that each
// comment line of the file is in the new text byte for byte and in its
// order, that the entries keep their order, and that the summary says so.
func TestImportCases(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/import/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			runImportCase(t, file)
		})
	}
}

func runImportCase(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	a := txtar.Parse(data)
	sections := map[string][]byte{}
	for _, f := range a.Files {
		sections[f.Name] = f.Data
	}
	old, hasFile := sections["attestations.toml"]
	if !hasFile {
		old = nil
	}
	in := Input{Workbook: "审核清单.xlsx", Sheet: "审核清单", Existing: old, AsOf: asOf, Header: "审核确认记录"}
	reqs := map[string]bool{}
	for _, m := range regexp.MustCompile(`requirement = "([^"]+)"`).FindAllStringSubmatch(string(old), -1) {
		reqs[m[1]] = true
	}
	for i, line := range strings.Split(strings.TrimSpace(string(sections["rows"])), "\n") {
		c := strings.Split(line, "|")
		if len(c) != 6 {
			t.Fatalf("rows line %d: %q has %d cells, want 6", i+1, line, len(c))
		}
		n, _ := strconv.Atoi(c[0])
		in.Rows = append(in.Rows, Row{Row: n, Requirement: c[1], Verdict: c[2], Note: c[3], Date: c[4], Auditor: c[5]})
		reqs[c[1]] = true
	}
	art := &schema.Article{Number: 1}
	for _, r := range slices.Sorted(func(yield func(string) bool) {
		for r := range reqs {
			if !yield(r) {
				return
			}
		}
	}) {
		art.Requirements = append(art.Requirements, &schema.Requirement{ID: r})
	}
	in.Framework = &schema.Framework{Articles: []*schema.Article{art}}

	res, diags, err := Import(in)
	if err != nil || diags.Errors() > 0 {
		t.Fatalf("import: %v %v", err, diags)
	}
	text := res.Text
	if text == nil {
		text = old
	}
	report := formatReport(res)

	// What holds whatever the want sections say.
	if res.Rewritten {
		t.Error("an editable file was rewritten")
	}
	if s := res.Summary; s.CommentsKept != s.Comments || !s.OrderKept {
		t.Errorf("summary %+v: comments or order lost", s)
	}
	j := 0
	newLines := strings.SplitAfter(string(text), "\n")
	for _, line := range strings.SplitAfter(string(old), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for j < len(newLines) && newLines[j] != line && newLines[j] != line+"\n" {
			j++
		}
		if j == len(newLines) {
			t.Errorf("comment line %q is not in the new text (in its order)", line)
			break
		}
		j++
	}
	if got, want := requirements(text), requirements(old); len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Errorf("entries in the order %v, want %v first", got, want)
	}

	if *update {
		for i := range a.Files {
			switch a.Files[i].Name {
			case "want/attestations.toml":
				a.Files[i].Data = text
			case "want/report":
				a.Files[i].Data = []byte(report)
			}
		}
		if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want := string(sections["want/attestations.toml"]); string(text) != want {
		t.Errorf("file after the import:\n%s\nwant:\n%s", text, want)
	}
	if want := string(sections["want/report"]); report != want {
		t.Errorf("report:\n%s\nwant:\n%s", report, want)
	}
}

// formatReport writes what an import says it did, one line per change
// and the summary.
func formatReport(res *Imported) string {
	var b strings.Builder
	s := res.Summary
	fmt.Fprintf(&b, "added %d, changed %d, unchanged %d, blank %d, not listed %d\n", s.Added, s.Changed, s.Unchanged, s.Blank, s.NotListed)
	fmt.Fprintf(&b, "comments kept %d of %d, order kept %v, written %v\n", s.CommentsKept, s.Comments, s.OrderKept, res.Text != nil)
	for _, c := range res.Changes {
		fmt.Fprintf(&b, "%s %s", c.Kind, c.Requirement)
		for _, f := range c.Fields() {
			fmt.Fprintf(&b, "; %s %q → %q", f.Field, f.Before, f.After)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestSummaryRewritten: a file that had to be written anew (an inline
// array) says that its comments and order were not kept.
func TestSummaryRewritten(t *testing.T) {
	t.Parallel()
	src := "# 手写的注释\nattestations = [\n  {requirement = \"34.archive\", verdict = \"met\", auditor = \"周宏\", date = 2026-11-12}, # 档案\n  {requirement = \"26.practice\", verdict = \"met\", auditor = \"周宏\", date = 2026-11-12},\n]\n"
	in := input(Row{Row: 5, Requirement: "26.practice", Verdict: "不满足", Auditor: "周宏", Date: "2026-11-12"})
	in.Existing = []byte(src)
	res, diags, err := Import(in)
	if err != nil || len(diags) > 0 || !res.Rewritten {
		t.Fatalf("import: %v %v %+v", err, diags, res)
	}
	if s := res.Summary; s.Comments != 2 || s.CommentsKept != 0 || s.OrderKept || s.Changed != 1 || s.NotListed != 1 {
		t.Errorf("summary %+v, want 2 comments none kept, order lost, 1 changed, 1 not listed", s)
	}
}

// TestComments: comments are found after values and on their own lines,
// not inside strings of any kind.
func TestComments(t *testing.T) {
	t.Parallel()
	src := "# a\nk = \"x # no\" # b\nm = '''\n# no\n''' # c\nn = \"\"\"q\"# no\"\"\"\n  # d\r\ne = 1#e"
	got := Comments([]byte(src))
	if want := []string{"# a", "# b", "# c", "# d", "#e"}; !slices.Equal(got, want) {
		t.Errorf("Comments = %q, want %q", got, want)
	}
}

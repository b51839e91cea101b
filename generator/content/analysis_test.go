package content

import (
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"guifan/generator/markdown"
	"guifan/generator/model"
	"guifan/generator/synth"
	"guifan/generator/validate"
)

// analysisSites are the demo site, the community example and a synthetic
// site, with a document over the limits and with broken links added.
func analysisSites(t *testing.T) map[string]fs.FS {
	t.Helper()
	files, err := synth.Builtin(300, 7)
	if err != nil {
		t.Fatal(err)
	}
	mfs := fstest.MapFS{}
	for p, b := range files {
		mfs[p] = &fstest.MapFile{Data: b}
	}
	mfs["content/regulations/reg-broken.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"坏\"\n+++\n\n# 坏 {#scope}\n\n见[无](doc:nope)、[裸](reg-nope)、<doc:nope2>、[表](form:nope-form)。\n\n" +
		strings.Repeat("长", model.MaxParagraphRunes+1) + "\n\n" + strings.Repeat("> ", 2*model.MaxNesting) + "深\n")}
	return map[string]fs.FS{
		"demo":      os.DirFS("../.."),
		"community": os.DirFS("../../examples/community-hospital"),
		"synth":     mfs,
	}
}

// TestLoadKeepsAnalysis: each Markdown document loaded carries the
// headings Headings finds and the analysis Analyze finds, from the one
// parse of its body; checking the documents with the kept analyses gives
// the diagnostics checking them without (each body parsed in validate)
// gives.
func TestLoadKeepsAnalysis(t *testing.T) {
	t.Parallel()
	set := builtin(t)
	var links, long int // over every site: the community example links nowhere
	for name, fsys := range analysisSites(t) {
		docs, _, _ := Load(fsys, set)
		var bodies, heads int
		for _, d := range docs {
			if d.Format != "markdown" {
				if d.Analysis != nil {
					t.Errorf("%s: %s has no body but an analysis", name, d.Path)
				}
				continue
			}
			if _, ok := d.Analysis.(*markdown.Analysis); !ok {
				t.Fatalf("%s: %s: no analysis kept (%T)", name, d.Path, d.Analysis)
			}
			bodies++
			got, want := *markdown.AnalysisOf(d), markdown.Analyze(d.Body)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s: kept analysis %+v\nAnalyze %+v", name, d.Path, got, want)
			}
			links += len(got.Links) + len(got.FormLinks)
			long += len(got.Limits.Long) + len(got.Limits.Deep)
			var wantHeads []model.Heading
			for _, h := range markdown.Headings(d.Body) {
				wantHeads = append(wantHeads, model.Heading{Level: h.Level, Text: h.Text, Tag: h.Tag, Line: h.Line + d.BodyLine - 1, Col: h.Col})
			}
			if !reflect.DeepEqual(d.Headings, wantHeads) {
				t.Errorf("%s: %s: headings %+v\nHeadings %+v", name, d.Path, d.Headings, wantHeads)
			}
			heads += len(d.Headings)
		}
		if bodies < 20 || heads == 0 {
			t.Fatalf("%s: %d bodies, %d headings: too little to compare", name, bodies, heads)
		}

		in := validate.Input{Schemas: set, Docs: docs, Forms: []string{"work-order"}, Public: func(*model.Document) bool { return true }}
		kept := validate.Check(in)
		bare := make([]*model.Document, len(docs))
		for i, d := range docs {
			c := *d
			c.Analysis = nil
			bare[i] = &c
		}
		in.Docs = bare
		if parsed := validate.Check(in); !reflect.DeepEqual(kept, parsed) {
			t.Errorf("%s: diagnostics with the kept analyses\n%v\nwith each body parsed\n%v", name, kept, parsed)
		}
		if name == "synth" && len(kept) == 0 {
			t.Fatalf("%s: no diagnostics: the broken document was not checked", name)
		}
	}
	if links == 0 || long == 0 {
		t.Fatalf("%d links, %d parts over the limits: too little to compare", links, long)
	}
}

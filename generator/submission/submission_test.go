package submission

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"guifan/generator/report"
)

func sample(t *testing.T) []byte {
	t.Helper()
	s := &Submission{Schema: Schema, Hospital: Hospital{Name: "北京市甲医院", Level: "二级", Region: "北京市海淀区"},
		Framework: "beijing-2008", FrameworkVersion: "2008-03-01+abc", AsOf: "2026-11-25", Lang: "zh-CN",
		Summary: Summary{Summary: report.Summary{Met: 1, Score: 0.5, Requirements: map[string]int{"met": 1}}},
		Articles: []Article{{Number: 1, Title: "编制目的", Status: "met", Credit: 1, Requirements: []Requirement{
			{ID: "1.a", Kind: "doc", Title: "要求 <甲> & 乙", Status: "met", Evidence: []Evidence{{Title: "一份内部文件", Internal: 1}}}}}}}
	var b bytes.Buffer
	if err := s.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSealAndRead(t *testing.T) {
	t.Parallel()
	data := sample(t)
	s, err := Decode(data)
	if err != nil || !s.Sealed() {
		t.Fatalf("as written: %v, sealed %v", err, s != nil && s.Sealed())
	}
	if !bytes.Contains(data, []byte("<甲> & 乙")) {
		t.Error("text is HTML-escaped in the file")
	}
	// Whitespace is not content.
	flat := bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\n"), nil), []byte("  "), nil)
	if s, err := Decode(flat); err != nil || !s.Sealed() {
		t.Errorf("reindented: %v", err)
	}
	// A changed verdict is.
	edited := bytes.Replace(data, []byte(`"met": 1,`), []byte(`"met": 2,`), 1)
	if s, err := Decode(edited); err != nil || s.Sealed() {
		t.Errorf("edited: %v, still sealed", err)
	}
}

func TestProblems(t *testing.T) {
	t.Parallel()
	data := sample(t)
	for name, c := range map[string]struct {
		data []byte
		key  string
	}{
		"truncated":   {data[:len(data)/2], "rollup.truncated"},
		"not json":    {[]byte("PK\x03\x04"), "rollup.bad-json"},
		"wrong type":  {[]byte(`{"schema": "guifan-submission/1", "as_of": 5}`), "rollup.bad-field"},
		"no schema":   {[]byte(`{"hospital": {"name": "x"}}`), "rollup.not-submission"},
		"full report": {[]byte(`{"framework": "beijing-2008", "hospital": "x", "articles": [{}]}`), "rollup.full-report"},
		"schema 2":    {bytes.Replace(data, []byte(Schema), []byte("guifan-submission/2"), 1), "rollup.schema"},
		"no hospital": {bytes.Replace(data, []byte(`"name": "北京市甲医院"`), []byte(`"name": ""`), 1), "rollup.incomplete"},
	} {
		_, err := Decode(c.data)
		var p *Problem
		if !errors.As(err, &p) || p.Key != c.key {
			t.Errorf("%s: %v, want %s", name, err, c.key)
		}
	}
	if _, err := Read(strings.NewReader(strings.Repeat(" ", MaxSize+1))); err == nil || err.(*Problem).Key != "rollup.too-big" {
		t.Errorf("a file over MaxSize: %v", err)
	}
}

package excel

import (
	"fmt"
	"testing"

	"guifan/generator/report"
)

// bigInput is a workbook of a 1,000-document site: 50 articles of 3
// requirements, each with 30 documents of evidence (4,500 linked rows in
// the evidence sheet), and 1,000 register rows. href says whether
// documents are linked.
func bigInput(href bool) Input {
	r := &report.Report{Framework: "f", FrameworkTitle: "F", Hospital: "H", AsOf: "2026-11-25", Lang: "zh-CN"}
	for c := 1; c <= 8; c++ {
		r.Chapters = append(r.Chapters, report.Chapter{Number: c, Title: fmt.Sprint("章", c)})
	}
	for a := 1; a <= 50; a++ {
		art := report.Article{Number: a, Chapter: a%8 + 1, Title: "条款", Status: "met", Credit: 1}
		for q := 0; q < 3; q++ {
			req := report.Requirement{ID: fmt.Sprintf("%d.r%d", a, q), Kind: "document", Title: "要求", Status: "met"}
			for d := 0; d < 30; d++ {
				id := fmt.Sprintf("doc-%04d", (a*97+q*31+d*13)%1000)
				req.Evidence = append(req.Evidence, report.Evidence{ID: id, Title: "文档 " + id, Section: "第一章 总则"})
			}
			art.Requirements = append(art.Requirements, req)
		}
		r.Articles = append(r.Articles, art)
	}
	in := Input{Report: r, T: words, Page: func(id string) string { return "docs/" + id + ".html" },
		Link: func(id string) (string, bool) {
			if !href {
				return "", true
			}
			return "http://intranet.example/guifan/docs/" + id + ".html", true
		}}
	in.Register.Columns = []Column{{Label: "id", Width: 20}, {Label: "title", Width: 30}}
	for i := 0; i < 1000; i++ {
		in.Register.Rows = append(in.Register.Rows, []string{fmt.Sprintf("doc-%04d", i), "一份相当长的文档标题，需要折成两行显示"})
	}
	return in
}

// BenchmarkWrite1k writes the workbook of a 1,000-document site with and
// without its ~4,600 links, in one run, to compare (go test -bench Write1k
// -benchtime 3x ./generator/excel).
func BenchmarkWrite1k(b *testing.B) {
	for _, linked := range []bool{false, true} {
		in := bigInput(linked)
		b.Run(fmt.Sprint("links=", linked), func(b *testing.B) {
			for b.Loop() {
				if _, err := Write(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

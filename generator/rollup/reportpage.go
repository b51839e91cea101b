package rollup

import (
	"bytes"
	"html"
	"strconv"
	"strings"

	"guifan/generator/submission"
)

// reportPage renders one report's page (r/<page>.html) without
// templates: there is one per report, thousands of them, and this is
// the roll-up's inner loop. Every text from the file is escaped.
type reportPage struct {
	head, foot []byte // around the title and the body
	mid        []byte
	words      map[string]string // status code -> word
	cat        func(key string, args ...any) string
}

func newReportPage(w *siteWriter) (*reportPage, error) {
	const mark = "@@TITLE@@"
	var b bytes.Buffer
	p := w.page(mark, "", "../")
	if err := w.tmpl.ExecuteTemplate(&b, "head", p); err != nil {
		return nil, err
	}
	head, mid, ok := strings.Cut(b.String(), mark)
	if !ok {
		return nil, errNoMark
	}
	b.Reset()
	if err := w.tmpl.ExecuteTemplate(&b, "foot", p); err != nil {
		return nil, err
	}
	rp := &reportPage{head: []byte(head), mid: []byte(mid), foot: append([]byte(nil), b.Bytes()...), words: map[string]string{}, cat: w.s.opt.Catalog.T}
	for _, st := range statuses[1:] {
		rp.words[st] = rp.cat("status." + st)
	}
	return rp, nil
}

type constError string

func (e constError) Error() string { return string(e) }

const errNoMark = constError("rollup: the page head has no title")

// render returns the page of sub; hid is its hospital's page id.
func (rp *reportPage) render(sub *submission.Submission, file, hid string, edited bool) []byte {
	var b bytes.Buffer
	b.Grow(64 << 10)
	esc := func(s string) { b.WriteString(html.EscapeString(s)) }
	t := rp.cat
	title := t("rollup.site.report-title", sub.Hospital.Name, sub.AsOf)
	b.Write(rp.head)
	esc(title)
	b.Write(rp.mid)
	b.WriteString(`<p class="kicker"><a href="../h/`)
	b.WriteString(hid)
	b.WriteString(`.html">`)
	esc(sub.Hospital.Name)
	b.WriteString("</a></p>\n<h1 class=\"page-title\">")
	esc(title)
	b.WriteString("</h1>\n")
	if edited {
		b.WriteString(`<p class="gap"><strong>`)
		esc(t("rollup.site.edited"))
		b.WriteString(`</strong>`)
		esc(t("rollup.site.edited-note"))
		b.WriteString("</p>\n")
	}
	sm := sub.Summary
	b.WriteString(`<p class="lede">`)
	esc(t("rollup.site.report-lede", t("value.score", sm.Score*100), sm.Met, sm.Partial, sm.Missing, sm.OverdueDrills, sm.OverdueReviews))
	b.WriteString("</p>\n<p class=\"muted file\">")
	esc(t("rollup.col.file") + "：" + file)
	b.WriteString("</p>\n<nav class=\"toc\" aria-label=\"")
	esc(t("rollup.col.article"))
	b.WriteString(`"><ol class="article-jump">`)
	for _, a := range sub.Articles {
		n := strconv.Itoa(a.Number)
		b.WriteString(`<li><a href="#a` + n + `"><span class="badge status-` + safeStatus(a.Status) + `">` + n + `</span></a></li>`)
	}
	b.WriteString("</ol></nav>\n")
	badge := func(status string) {
		st := safeStatus(status)
		b.WriteString(` <span class="badge status-` + st + `">`)
		esc(rp.words[st])
		b.WriteString(`</span>`)
	}
	for _, a := range sub.Articles {
		b.WriteString(`<section class="rollup-article" id="a` + strconv.Itoa(a.Number) + `">` + "\n<h2>")
		esc(t("rollup.site.article", a.Number, a.Title))
		badge(a.Status)
		b.WriteString("</h2>\n")
		for _, q := range a.Requirements {
			b.WriteString(`<div class="requirement status-border-` + safeStatus(q.Status) + `"><h3><span class="req-id">`)
			esc(q.ID)
			b.WriteString(`</span> `)
			esc(q.Title)
			badge(q.Status)
			b.WriteString("</h3>\n")
			if q.Gap != "" {
				b.WriteString(`<p class="gap"><strong>`)
				esc(t("rollup.site.gap"))
				b.WriteString(`</strong>`)
				esc(q.Gap)
				b.WriteString("</p>\n")
			}
			if len(q.Evidence) > 0 {
				b.WriteString(`<p class="evidence-h">`)
				esc(t("rollup.site.evidence"))
				b.WriteString(`</p><ul class="evidence">`)
				for _, e := range q.Evidence {
					b.WriteString("<li>")
					esc(e.Title)
					if e.Section != "" {
						esc(" · " + e.Section)
					}
					if e.Date != "" {
						esc(" · " + e.Date)
					}
					b.WriteString("</li>")
				}
				b.WriteString("</ul>\n")
			}
			if at := q.Attestation; at != nil {
				b.WriteString(`<p class="attest">`)
				esc(t("rollup.site.attest", at.Auditor, at.Date, rp.words[safeStatus(at.Verdict)]))
				if at.Justification != "" {
					esc(" " + at.Justification)
				}
				b.WriteString("</p>\n")
			}
			b.WriteString("</div>\n")
		}
		b.WriteString("</section>\n")
	}
	b.Write(rp.foot)
	return b.Bytes()
}

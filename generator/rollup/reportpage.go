package rollup

import (
	"bytes"
	"html"
	"strconv"

	"guifan/generator/submission"
)

// reportPage renders one report's part of its hospital's page without
// templates: there is one per report, thousands of them, and this is the
// roll-up's inner loop. The part holds only what the report says (the
// page's head, navigation and the hospital's header are written once per
// hospital); every text from the file is escaped. Its anchors are
// id="a<article>"; an older report's are renamed when the page is put
// together (see olderIDs).
type reportPage struct {
	words map[string]string // status code -> word
	cat   func(key string, args ...any) string
	// labels, escaped once
	gap, evidence string
}

func newReportPage(w *siteWriter) *reportPage {
	rp := &reportPage{words: map[string]string{}, cat: w.s.opt.Catalog.T}
	for _, st := range statuses[1:] {
		rp.words[st] = html.EscapeString(rp.cat("status." + st))
	}
	rp.gap = html.EscapeString(rp.cat("rollup.site.gap"))
	rp.evidence = html.EscapeString(rp.cat("rollup.site.evidence"))
	return rp
}

// render returns the part of sub.
func (rp *reportPage) render(sub *submission.Submission, file string, edited bool) []byte {
	var b bytes.Buffer
	b.Grow(16 << 10)
	esc := func(s string) { b.WriteString(html.EscapeString(s)) }
	t := rp.cat
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
	b.WriteString("</p>\n<p class=\"file\">")
	esc(t("rollup.col.file") + "：" + file)
	b.WriteString("</p>\n<p class=\"article-jump\">")
	for _, a := range sub.Articles {
		n := strconv.Itoa(a.Number)
		b.WriteString(`<a href="#a` + n + `" class="badge status-` + safeStatus(a.Status) + `">` + n + `</a>`)
	}
	b.WriteString("</p>\n")
	badge := func(status string) {
		st := safeStatus(status)
		b.WriteString(` <span class="badge status-` + st + `">`)
		b.WriteString(rp.words[st])
		b.WriteString(`</span>`)
	}
	for _, a := range sub.Articles {
		b.WriteString(`<section class="rr" id="a` + strconv.Itoa(a.Number) + `"><h2>`)
		esc(t("rollup.site.article", a.Number, a.Title))
		badge(a.Status)
		b.WriteString("</h2><ul class=\"reqs\">\n")
		for _, q := range a.Requirements {
			b.WriteString(`<li class="status-border-` + safeStatus(q.Status) + `"><b>`)
			esc(q.ID)
			b.WriteString(`</b> `)
			esc(q.Title)
			badge(q.Status)
			if q.Gap != "" {
				b.WriteString(`<br><span class="gap-t"><b>` + rp.gap + `</b>`)
				esc(q.Gap)
				b.WriteString(`</span>`)
			}
			if len(q.Evidence) > 0 {
				b.WriteString(`<br><span class="ev"><b>` + rp.evidence + `</b> `)
				for i, e := range q.Evidence {
					if i > 0 {
						b.WriteString(" / ")
					}
					esc(e.Title)
					if e.Section != "" {
						esc(" · " + e.Section)
					}
					if e.Date != "" {
						esc(" · " + e.Date)
					}
				}
				b.WriteString(`</span>`)
			}
			if at := q.Attestation; at != nil {
				b.WriteString(`<br><span class="attest">`)
				esc(t("rollup.site.attest", at.Auditor, at.Date, t("status."+safeStatus(at.Verdict))))
				if at.Justification != "" {
					esc(" " + at.Justification)
				}
				b.WriteString(`</span>`)
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ul></section>\n")
	}
	return b.Bytes()
}

// olderIDs renames the anchors of an older report's part so that they
// do not clash with the latest's: id="a7" becomes id="r2-a7". Text from
// the file cannot hold these sequences: its quotes are escaped.
func olderIDs(part []byte, k int) []byte {
	p := "r" + strconv.Itoa(k) + "-a"
	part = bytes.ReplaceAll(part, []byte(` id="a`), []byte(` id="`+p))
	return bytes.ReplaceAll(part, []byte(`href="#a`), []byte(`href="#`+p))
}

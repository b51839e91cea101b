// The auditor's report as a PDF: report.Report in the reader's words
// (pdf.Report); the pdf package lays it out.

package build

import (
	"slices"
	"strings"
	"time"

	"guifan/generator/chart"
	"guifan/generator/i18n"
	"guifan/generator/pdf"
	"guifan/generator/report"
)

// reportBinder is the PDF of a copy of the gap report.
func reportBinder(r *report.Report, cat *i18n.Catalog) pdf.Binder {
	return pdf.Binder{Title: cat.T("report.pdf.title"), Subtitle: cat.T("phrase.doc", r.FrameworkTitle), Report: reportPDF(r, cat)}
}

// reportPDF words a report for its readers: articles by number and title,
// requirements by title, never by id; dates as the catalog writes them.
func reportPDF(r *report.Report, cat *i18n.Catalog) *pdf.Report {
	verdict := func(s string) pdf.Verdict { return pdf.Verdict{Word: cat.T("status." + s), Class: s} }
	date := func(s string) string { return readerDate(cat, s) }
	s := r.Summary
	score := cat.T("value.score", s.Score*100)
	out := &pdf.Report{
		Footer:  cat.T("report.pdf.footer", date(r.AsOf)),
		Summary: cat.T("report.pdf.summary"),
		Lede: []string{
			cat.T("report.pdf.lede", r.FrameworkTitle, r.Hospital, date(r.AsOf)),
			cat.T("report.pdf.score", score, s.Met, s.Partial, s.Missing, s.Manual, s.NotApplicable, s.Info),
		},
		Chart:     cat.T("report.pdf.chart"),
		Articles:  cat.T("report.pdf.articles"),
		Columns:   [4]string{cat.T("report.pdf.col-requirement"), cat.T("report.pdf.col-verdict"), cat.T("report.pdf.col-computed"), cat.T("report.pdf.col-notes")},
		Trail:     cat.T("report.pdf.trail"),
		TrailCols: [5]string{cat.T("report.pdf.col-article"), cat.T("report.pdf.col-requirement"), cat.T("report.pdf.col-auditor"), cat.T("report.pdf.col-date"), cat.T("report.pdf.col-verdict")},
		Signature: cat.T("report.pdf.signature"),
		SignLede:  cat.T("report.pdf.sign-lede"),
		Signers:   []string{cat.T("report.pdf.signer-auditor"), cat.T("report.pdf.signer-hospital")},
		SignName:  cat.T("report.pdf.sign-name"),
		SignDate:  cat.T("report.pdf.sign-date"),
		Seal:      cat.T("report.pdf.seal"),
	}
	for _, v := range chart.Verdicts {
		out.Legend = append(out.Legend, verdict(v))
	}
	// The chart (the chapters as package chart counts them for the site's
	// picture), and the same as text.
	var alt []string
	for _, bar := range chart.Chapters(r) {
		row := pdf.ChartRow{Label: cat.T("site.chapter", bar.Number, bar.Title), Counts: make([]int, len(chart.Verdicts))}
		var items []string
		for _, c := range bar.Counts {
			row.Counts[slices.Index(chart.Verdicts, c.Status)] = c.N
			items = append(items, cat.T("report.pdf.chart-item", cat.T("status."+c.Status), c.N))
		}
		alt = append(alt, cat.T("report.pdf.chart-alt", row.Label, strings.Join(items, cat.T("list.sep"))))
		out.Chapters = append(out.Chapters, row)
	}
	out.ChartAlt = strings.Join(alt, "")
	if cat.Lang == "en" {
		out.ChartAlt = strings.Join(alt, " ")
	}
	// Article by article, and the trail of attestations.
	attested, differ := 0, 0
	where := map[string]string{} // requirement id -> its article and title, in words
	for _, a := range r.Articles {
		art := pdf.ReportArticle{Heading: cat.T("site.article-title", a.Number, a.Title), Verdict: verdict(a.Status)}
		for _, q := range a.Requirements {
			where[q.ID] = cat.T("site.article-title", a.Number, q.Title)
			req := pdf.ReportRequirement{Title: q.Title, Verdict: verdict(q.Status), Notes: requirementNotes(q, a.Notes, cat)}
			if at := q.Attestation; at != nil {
				attested++
				if q.Computed != "" && q.Computed != q.Status {
					differ++
					c := verdict(q.Computed)
					req.Computed = &c
				}
				out.TrailRows = append(out.TrailRows, [5]string{cat.T("site.article-short", a.Number), q.Title, at.Auditor, date(at.Date), cat.T("status." + at.Verdict)})
			}
			art.Requirements = append(art.Requirements, req)
		}
		out.Rows = append(out.Rows, art)
	}
	if attested > 0 {
		out.Lede = append(out.Lede, cat.T("report.pdf.attested", attested, differ))
		out.TrailLede = cat.T("report.pdf.trail-lede", attested)
	} else {
		out.Lede = append(out.Lede, cat.T("report.pdf.attested-none"))
		out.TrailLede = cat.T("report.pdf.trail-none")
	}
	if len(r.Stale) > 0 {
		out.Stale = cat.T("report.pdf.stale")
		for _, st := range r.Stale {
			name := where[st.Requirement]
			if name == "" {
				continue // not in this framework: report.json names it
			}
			out.StaleRows = append(out.StaleRows, cat.T("report.pdf.review-line", name, st.Reason))
		}
	}
	return out
}

// requirementNotes are the labelled paragraphs of a requirement's notes
// cell: the gap, remarks, evidence, documents in progress, the auditor's
// attestation (who, when, what, why) and, while it waits for an auditor,
// how to check it.
func requirementNotes(q report.Requirement, articleNotes []string, cat *i18n.Catalog) []pdf.Note {
	var notes []pdf.Note
	add := func(key, text string) {
		if text != "" {
			notes = append(notes, pdf.Note{Label: cat.T(key), Text: text})
		}
	}
	add("report.pdf.gap", q.Gap)
	for _, n := range q.Notes {
		add("report.pdf.note", n)
	}
	if q.Status == "missing" {
		for _, n := range articleNotes {
			add("report.pdf.note", n)
		}
	}
	// Evidence by document, in order of first mention, each with the
	// sections and dates found in it.
	var docs []string
	where := map[string][]string{}
	hidden := map[int]bool{}
	for _, e := range q.Evidence {
		if e.Hidden {
			hidden[e.Internal] = true
			continue
		}
		t := cat.T("phrase.doc", e.Title)
		if _, ok := where[t]; !ok {
			docs = append(docs, t)
			where[t] = nil
		}
		for _, at := range []string{e.Section, readerDate(cat, e.Date)} {
			if at != "" {
				where[t] = append(where[t], at)
			}
		}
	}
	var ev []string
	for _, t := range docs {
		if at := unique(where[t]); len(at) > 0 {
			t = cat.T("report.pdf.evidence-at", t, strings.Join(at, cat.T("list.sep")))
		}
		ev = append(ev, t)
	}
	text := strings.Join(ev, cat.T("list.sep"))
	if len(hidden) > 0 {
		text = strings.TrimSpace(text + " " + cat.T("report.pdf.hidden", len(hidden)))
	}
	add("report.pdf.evidence", text)
	var prog []string
	for _, e := range q.InProgress {
		prog = append(prog, cat.T("phrase.doc", e.Title))
	}
	add("report.pdf.in-progress", strings.Join(unique(prog), cat.T("list.sep")))
	if at := q.Attestation; at != nil {
		add("report.pdf.attested-by", cat.T("report.pdf.attested-line", at.Auditor, readerDate(cat, at.Date), cat.T("status."+at.Verdict)))
		add("report.pdf.justification", at.Justification)
		add("report.pdf.opinion", at.Note)
	}
	if q.Status == "manual" {
		add("report.pdf.check", q.Hint)
	}
	return notes
}

// unique keeps the first of each string, in order.
func unique(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// readerDate writes a report's date (2026-11-25) as the catalog writes
// dates; anything else is shown as it is.
func readerDate(cat *i18n.Catalog, s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return cat.Date(t.Year(), t.Month(), t.Day())
}

package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// gapAndFix is a requirement's gap followed by how the maintainer closes
// it: the terminal is the maintainer's, so it says both.
func (r *Report) gapAndFix(q Requirement) string {
	if q.Fix == "" {
		return q.Gap
	}
	if r.Lang == "en" {
		return q.Gap + " " + q.Fix
	}
	return q.Gap + q.Fix
}

// WriteText writes the terminal summary: the score and counts, then every
// scored article that is not met, with each unmet requirement's gap.
// Requirements awaiting an auditor are listed after the gaps.
func (r *Report) WriteText(w io.Writer, t func(key string, args ...any) string) {
	fmt.Fprintln(w, t("report.heading", r.Hospital, r.FrameworkTitle, r.AsOf))
	s := r.Summary
	fmt.Fprintln(w, t("report.score", strconv.FormatFloat(s.Score*100, 'f', 1, 64)+"%", s.Met, s.Partial, s.Missing, s.Manual, s.NotApplicable, s.Info))
	gaps, manual := 0, 0
	if len(r.Next) > 0 {
		fmt.Fprintln(w, "\n"+t("report.next"))
		for i, d := range r.Next {
			fmt.Fprintln(w, t("report.next-doc", i+1, d.Title, d.Path, articleList(d.Articles, t), len(d.Articles)))
		}
	}
	for _, a := range r.Articles {
		if a.Status != "partial" && a.Status != "missing" {
			continue
		}
		if gaps == 0 {
			fmt.Fprintln(w, "\n"+t("report.gaps"))
		}
		gaps++
		fmt.Fprintln(w, t("report.article", a.Number, a.Title, t("status."+a.Status)))
		for _, n := range a.Notes {
			fmt.Fprintln(w, t("report.article-note", n))
		}
		for _, q := range a.Requirements {
			if q.Status == "partial" || q.Status == "missing" {
				fmt.Fprintln(w, t("report.requirement", q.ID, q.Title, t("status."+q.Status), r.gapAndFix(q)))
			}
		}
	}
	for _, a := range r.Articles {
		for _, q := range a.Requirements {
			if q.Status != "manual" {
				continue
			}
			if manual == 0 {
				fmt.Fprintln(w, "\n"+t("report.manual"))
			}
			manual++
			fmt.Fprintln(w, t("report.requirement", q.ID, q.Title, t("status.manual"), r.gapAndFix(q)))
		}
	}
	if len(r.Stale) > 0 {
		fmt.Fprintln(w, "\n"+t("report.stale"))
		for _, st := range r.Stale {
			fmt.Fprintln(w, t("report.stale-line", st.Requirement, st.Reason))
		}
	}
	if gaps == 0 && manual == 0 {
		fmt.Fprintln(w, "\n"+t("report.all-met"))
	}
}

// articleList writes article numbers the catalog's way ("6、7、8").
func articleList(nums []int, t func(key string, args ...any) string) string {
	parts := make([]string, len(nums))
	for i, n := range nums {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, t("list.sep"))
}

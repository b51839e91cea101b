package report_test

// Failing case for a redaction leak (drop into generator/report/): the
// public copy of the report keeps the id of every hidden evidence document
// (report.evidence: Evidence{ID: e.ID, Hidden: true}), although Build's
// doc says the others are "referred to as internal documents without their
// ids or titles". Ids such as inspection-2026-11 or
// training-2026-05-network-outage then reach report.json.

import (
	"strings"
	"testing"

	"guifan/generator/report"
)

func TestHiddenEvidenceHasNoID(t *testing.T) {
	t.Parallel()
	for name, a := range loadSites(t) {
		ids, _ := restricted(a.site)
		cat := catalog(t, "zh-CN")
		r := report.Build(a.m, "医院", cat, report.Only(func(id string) bool { return !ids[id] }))
		j, _ := write(t, r, cat)
		for id := range ids {
			if strings.Contains(j, `"`+id+`"`) {
				t.Errorf("%s: the public report.json names restricted document %q", name, id)
			}
		}
	}
}

package coverage

import (
	"sort"

	"guifan/generator/diag"
	"guifan/generator/schema"
)

// articleNotes says, for an article that is missing, how many of its
// requirements still wait for an auditor: the article earns nothing now,
// but an attestation may change that.
func articleNotes(status Status, rs []Result) []diag.Msg {
	if status != Missing {
		return nil
	}
	n := 0
	for _, r := range rs {
		if r.Status == Manual {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return []diag.Msg{{Key: "note.manual-pending", Args: []any{n}}}
}

// placeLabels names the kinds of document a requirement searches: its own
// (type and filter) and every place, each once ("变更管理制度、网络管理制度、
// 操作规程"). A record type filtered by kind is named with both
// ("培训记录（新职工信息安全教育）").
func (e *evaluator) placeLabels(r *schema.Requirement) diag.Items {
	var texts []schema.Text
	seen := map[string]bool{}
	addAll := func(types []string, where map[string]any) {
		if len(types) == 0 {
			return
		}
		what := e.whatLabel(types, where)
		record := len(where) > 0 && isRecord(e.in.Schemas.Types[types[0]])
		for _, it := range what.Items {
			t, ok := it.(schema.Text)
			if !ok {
				continue
			}
			if record {
				t = recordLabel(e.in.Schemas.Types[types[0]].Label, t)
			}
			key := t.In(schema.DefaultLang)
			if !seen[key] {
				seen[key] = true
				texts = append(texts, t)
			}
		}
	}
	addAll(r.DocTypes(), r.Where)
	for _, pl := range r.Also {
		addAll([]string{pl.Type}, pl.Where)
	}
	return list(texts)
}

// recordLabel is "培训记录（新职工信息安全教育）" in every language of either.
func recordLabel(typ, kind schema.Text) schema.Text {
	out := schema.Text{}
	langs := map[string]bool{}
	for l := range typ {
		langs[l] = true
	}
	for l := range kind {
		langs[l] = true
	}
	keys := make([]string, 0, len(langs))
	for l := range langs {
		keys = append(keys, l)
	}
	sort.Strings(keys)
	for _, l := range keys {
		if l == "en" {
			out[l] = typ.In(l) + " (" + kind.In(l) + ")"
		} else {
			out[l] = typ.In(l) + "（" + kind.In(l) + "）"
		}
	}
	return out
}

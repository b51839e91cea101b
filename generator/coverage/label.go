package coverage

import (
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
	var out diag.Items
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
			var label any = t
			key := t.In(schema.DefaultLang)
			if record && !e.isTypeLabel(types, t) {
				typ := e.in.Schemas.Types[types[0]].Label
				label = recordKind{typ: typ, kind: t}
				key = typ.In(schema.DefaultLang) + "\x00" + key
			}
			if !seen[key] {
				seen[key] = true
				out.Items = append(out.Items, label)
			}
		}
	}
	addAll(r.DocTypes(), r.Where)
	for _, pl := range r.Also {
		addAll([]string{pl.Type}, pl.Where)
	}
	return out
}

// recordKind names a record type filtered by kind as a message argument:
// the catalog words it (phrase.record-kind) from the type's label and the
// kind ("培训记录（新职工信息安全教育）").
type recordKind struct{ typ, kind schema.Text }

// Phrase implements diag.Phrase.
func (r recordKind) Phrase() diag.Msg {
	return diag.Msg{Key: "phrase.record-kind", Args: []any{r.typ, r.kind}}
}

// recordLabel names the records a requirement looks for, narrowed by its
// filter: "应急预案培训记录", not any training record (an induction record
// is not emergency training, and a gap must not say there is no training
// record when there is one of another kind). A filter that names no kind
// leaves the type's own label, which says record already.
func (e *evaluator) recordLabel(r *schema.Requirement) diag.Items {
	out := e.whatLabel(r.DocTypes(), r.Where)
	if len(r.Where) == 0 {
		return out
	}
	dt := e.in.Schemas.Types[r.DocTypes()[0]]
	if dt == nil {
		return out
	}
	for i, it := range out.Items {
		if t, ok := it.(schema.Text); ok && !e.isTypeLabel(r.DocTypes(), t) {
			out.Items[i] = recordOf{kind: t, typ: dt.Label}
		}
	}
	return out
}

// isTypeLabel reports whether t is the label of one of types.
func (e *evaluator) isTypeLabel(types []string, t schema.Text) bool {
	for _, name := range types {
		if dt := e.in.Schemas.Types[name]; dt != nil && dt.Label.In(schema.DefaultLang) == t.In(schema.DefaultLang) {
			return true
		}
	}
	return false
}

// recordOf names the records of one kind as a message argument: the
// catalog words it (phrase.record) from the kind and the record type's
// label ("应急预案培训记录", "Training record (Emergency plan)").
type recordOf struct{ kind, typ schema.Text }

// Phrase implements diag.Phrase.
func (r recordOf) Phrase() diag.Msg {
	return diag.Msg{Key: "phrase.record", Args: []any{r.kind, r.typ}}
}

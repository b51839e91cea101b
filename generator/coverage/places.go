package coverage

import (
	"sort"

	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
)

// placePart is one part of a sections requirement searched in several
// places: the section id (empty for a field) and how to find it.
type placePart struct {
	id   string
	part part
	// def is the type that defines the section; a document of another
	// type is searched with def's definition of it.
	def *schema.DocType
}

// sectionsWithPlaces evaluates a sections requirement whose topic may be
// written in other documents too (schema.Place): a part missing from the
// document assessed counts when one of the places' documents in force has
// it; with no document of the requirement's own type in force, the places'
// documents together are assessed. Gaps name every kind of document
// searched.
func (e *evaluator) sectionsWithPlaces(r *schema.Requirement, res *Result) {
	live, drafts := e.candidates(r.DocTypes(), r.Where)
	res.InProgress = evidenceList(e.scopedQuiet(r, drafts))
	docs := e.scoped(r, live, res)
	ps := e.placeParts(r)
	own := map[*model.Document]bool{}
	for _, d := range docs {
		own[d] = true
	}
	var others []*model.Document
	provides := map[*model.Document]map[string]bool{}
	for _, pl := range r.Also {
		found, _ := e.candidates([]string{pl.Type}, pl.Where)
		for _, d := range found {
			if own[d] {
				continue
			}
			if provides[d] == nil {
				provides[d] = map[string]bool{}
				others = append(others, d)
			}
			for _, id := range pl.Provides {
				provides[d][id] = true
			}
		}
	}
	// A document of another type is searched for the section as the
	// requirement's type defines it: through a copy typed as that type,
	// so that the same section finder reads it.
	cross := map[*model.Document]*model.Document{}
	find := func(p placePart, d *model.Document) (Evidence, bool) {
		as := d
		if p.id != "" && p.def != nil && d.Type != p.def.Name {
			if as = cross[d]; as == nil {
				c := *d
				c.Type = p.def.Name
				as = &c
				cross[d] = as
			}
		}
		if ev, ok := p.part.found(as); ok {
			return ev, true
		}
		if p.id != "" && provides[d][p.id] {
			ev := evidenceOf(d)
			ev.Section = p.part.label.In(e.lang())
			ev.Line = 1
			return ev, true
		}
		return Evidence{}, false
	}
	elsewhere := func(p placePart) (Evidence, bool) {
		for _, d := range others {
			if ev, ok := find(p, d); ok {
				return ev, true
			}
		}
		return Evidence{}, false
	}
	searched := e.placeLabels(r)
	labels := func(parts []placePart) []schema.Text {
		var out []schema.Text
		for _, p := range parts {
			out = append(out, p.part.label)
		}
		return out
	}
	seen := map[string]bool{}
	add := func(ev Evidence) {
		if key := ev.ID + "|" + ev.Section; !seen[key] {
			seen[key] = true
			res.Evidence = append(res.Evidence, ev)
		}
	}

	// Every place that has a part found is evidence too, so that the
	// evidence of a met requirement is all that makes it met.
	defer func() {
		if res.Status != Met && res.Status != Partial {
			return
		}
		for _, p := range ps {
			for _, d := range others {
				if ev, ok := find(p, d); ok {
					add(ev)
				}
			}
		}
	}()

	if len(docs) == 0 {
		// Each part from any of the places' documents.
		var missing []placePart
		for _, p := range ps {
			if ev, ok := elsewhere(p); ok {
				add(ev)
			} else {
				missing = append(missing, p)
			}
		}
		switch {
		case len(missing) == len(ps):
			res.gap("gap.searched-none", searched, list(labels(ps)))
		case len(missing) > 0:
			res.gap("gap.searched-parts", searched, list(labels(missing)), len(ps)-len(missing), len(ps))
		}
		res.Status = verdict(len(missing) == 0, len(missing) < len(ps))
		return
	}

	type outcome struct {
		doc     *model.Document
		found   []Evidence
		missing []placePart
	}
	// docGaps says what a document lacks (searched in the places too),
	// and which of its sections are there but say nothing: a heading with
	// nothing under it is not reported as missing.
	docGaps := func(o outcome, also diag.Items) {
		var absent, hollow []placePart
		for _, p := range o.missing {
			if p.part.empty != nil && p.part.empty(o.doc) {
				hollow = append(hollow, p)
			} else {
				absent = append(absent, p)
			}
		}
		if len(absent) > 0 {
			res.gap("gap.searched-sections", docTitle(o.doc), list(labels(absent)), also)
		}
		if len(hollow) > 0 {
			res.gap("gap.sections-empty", docTitle(o.doc), list(labels(hollow)))
		}
	}
	var outs []outcome
	for _, d := range docs {
		o := outcome{doc: d}
		for _, p := range ps {
			if ev, ok := find(p, d); ok {
				o.found = append(o.found, ev)
			} else if ev, ok := elsewhere(p); ok {
				o.found = append(o.found, ev)
			} else {
				o.missing = append(o.missing, p)
			}
		}
		outs = append(outs, o)
	}
	also := e.placeLabels(&schema.Requirement{Also: r.Also})
	switch r.Scope {
	case "each":
		complete, some := 0, 0
		for _, o := range outs {
			for _, ev := range o.found {
				add(ev)
			}
			if len(o.missing) == 0 {
				complete++
			} else {
				docGaps(o, also)
			}
			if len(o.found) > 0 {
				some++
			}
		}
		res.Status = verdict(complete == len(outs), some > 0)
	case "any":
		var missing []placePart
		for _, p := range ps {
			found := false
			for _, d := range append(append([]*model.Document(nil), docs...), others...) {
				if ev, ok := find(p, d); ok {
					found = true
					add(ev)
				}
			}
			if !found {
				missing = append(missing, p)
			}
		}
		// A part whose heading is there with nothing under it is named
		// as empty, in the document that has the heading, not as absent.
		var absent []placePart
		var hollowDocs []*model.Document
		hollowParts := map[*model.Document][]placePart{}
		for _, p := range missing {
			var in *model.Document
			for _, d := range docs {
				if p.part.empty != nil && p.part.empty(d) {
					in = d
					break
				}
			}
			if in == nil {
				absent = append(absent, p)
				continue
			}
			if hollowParts[in] == nil {
				hollowDocs = append(hollowDocs, in)
			}
			hollowParts[in] = append(hollowParts[in], p)
		}
		if len(absent) > 0 {
			res.gap("gap.searched-parts", searched, list(labels(absent)), len(ps)-len(missing), len(ps))
		}
		for _, d := range hollowDocs {
			res.gap("gap.sections-empty", docTitle(d), list(labels(hollowParts[d])))
		}
		res.Status = verdict(len(missing) == 0, len(missing) < len(ps))
	default:
		best := -1
		for i, o := range outs {
			if len(o.missing) == 0 {
				for _, ev := range o.found {
					add(ev)
				}
				best = -2
			} else if best != -2 && (best < 0 || len(o.found) > len(outs[best].found)) {
				best = i
			}
		}
		if best == -2 {
			res.Status = Met
			return
		}
		o := outs[best]
		for _, ev := range o.found {
			add(ev)
		}
		docGaps(o, also)
		res.Status = verdict(false, len(o.found) > 0)
	}
}

// placeParts lists the requirement's parts with their section ids, each
// found as the requirement's own type defines it (the first of its types
// that has the section), whatever type the document searched is.
func (e *evaluator) placeParts(r *schema.Requirement) []placePart {
	var out []placePart
	one := func(id string, rr schema.Requirement) {
		for _, t := range r.DocTypes() {
			if ps := e.parts(&rr, t); len(ps) > 0 {
				out = append(out, placePart{id: id, part: ps[0], def: e.in.Schemas.Types[t]})
				return
			}
		}
	}
	for _, id := range r.Sections {
		rr := *r
		rr.Sections, rr.Fields = []string{id}, nil
		one(id, rr)
	}
	for _, f := range r.Fields {
		rr := *r
		rr.Sections, rr.Fields = nil, []string{f}
		one("", rr)
	}
	return out
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

package coverage

import (
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
	s := &placeSearch{
		e: e, res: res,
		docs:     e.scoped(r, live, res),
		parts:    e.placeParts(r),
		seen:     map[string]bool{},
		searched: e.placeLabels(r),
		also:     e.placeLabels(&schema.Requirement{Also: r.Also}),
	}
	s.gatherPlaces(r.Also)
	switch {
	case len(s.docs) == 0:
		s.fromPlaces()
	case r.Scope == "each":
		s.each()
	case r.Scope == "any":
		s.anyDoc()
	default:
		s.bestDoc()
	}
	s.placeEvidence()
}

// placeSearch is a sections requirement being searched in the documents
// of its own types and in its places.
type placeSearch struct {
	e        *evaluator
	res      *Result
	parts    []placePart
	docs     []*model.Document // of the requirement's own types, in scope
	others   []*model.Document // of the places, not among docs
	provides map[*model.Document]map[string]bool
	seen     map[string]bool // evidence already added
	searched diag.Items      // every kind of document searched
	also     diag.Items      // the kinds of document of the places
}

// gatherPlaces collects the places' documents in force that are not the
// requirement's own, and the sections each is declared to provide.
func (s *placeSearch) gatherPlaces(places []schema.Place) {
	own := map[*model.Document]bool{}
	for _, d := range s.docs {
		own[d] = true
	}
	s.provides = map[*model.Document]map[string]bool{}
	for _, pl := range places {
		found, _ := s.e.candidates([]string{pl.Type}, pl.Where)
		for _, d := range found {
			if own[d] {
				continue
			}
			if s.provides[d] == nil {
				s.provides[d] = map[string]bool{}
				s.others = append(s.others, d)
			}
			for _, id := range pl.Provides {
				s.provides[d][id] = true
			}
		}
	}
}

// find looks for part p in d. A document of another type is searched for
// the section as the requirement's type defines it: through a copy typed
// as that type, so that the same section finder reads it. A place that
// provides the section has it.
func (s *placeSearch) find(p placePart, d *model.Document) (Evidence, bool) {
	as := d
	if p.id != "" && p.def != nil && d.Type != p.def.Name {
		as = s.e.in.Found.As(d, p.def.Name)
	}
	if ev, ok := p.part.found(as); ok {
		return ev, true
	}
	if p.id != "" && s.provides[d][p.id] {
		ev := evidenceOf(d)
		ev.Section = p.part.label.In(s.e.lang())
		ev.Line = 1
		return ev, true
	}
	return Evidence{}, false
}

// elsewhere looks for part p in the places' documents.
func (s *placeSearch) elsewhere(p placePart) (Evidence, bool) {
	for _, d := range s.others {
		if ev, ok := s.find(p, d); ok {
			return ev, true
		}
	}
	return Evidence{}, false
}

// add adds evidence once per document and section.
func (s *placeSearch) add(ev Evidence) {
	if key := ev.ID + "|" + ev.Section; !s.seen[key] {
		s.seen[key] = true
		s.res.Evidence = append(s.res.Evidence, ev)
	}
}

func partLabels(parts []placePart) diag.Items {
	var out []schema.Text
	for _, p := range parts {
		out = append(out, p.part.label)
	}
	return list(out)
}

// placeEvidence adds every place that has a part found as evidence too,
// so that the evidence of a met requirement is all that makes it met.
func (s *placeSearch) placeEvidence() {
	if s.res.Status != Met && s.res.Status != Partial {
		return
	}
	for _, p := range s.parts {
		for _, d := range s.others {
			if ev, ok := s.find(p, d); ok {
				s.add(ev)
			}
		}
	}
}

// fromPlaces assesses the places' documents together when no document of
// the requirement's own type is in force: each part from any of them.
func (s *placeSearch) fromPlaces() {
	var missing []placePart
	for _, p := range s.parts {
		if ev, ok := s.elsewhere(p); ok {
			s.add(ev)
		} else {
			missing = append(missing, p)
		}
	}
	switch {
	case len(missing) == len(s.parts):
		s.res.gap("gap.searched-none", s.searched, partLabels(s.parts))
	case len(missing) > 0:
		s.res.gap("gap.searched-parts", s.searched, partLabels(missing), len(s.parts)-len(missing), len(s.parts))
	}
	s.res.Status = verdict(len(missing) == 0, len(missing) < len(s.parts))
}

// placeOutcome is what was found for one document of the requirement's
// own type, in it or in the places.
type placeOutcome struct {
	doc     *model.Document
	found   []Evidence
	missing []placePart
}

func (s *placeSearch) outcomes() []placeOutcome {
	var outs []placeOutcome
	for _, d := range s.docs {
		o := placeOutcome{doc: d}
		for _, p := range s.parts {
			if ev, ok := s.find(p, d); ok {
				o.found = append(o.found, ev)
			} else if ev, ok := s.elsewhere(p); ok {
				o.found = append(o.found, ev)
			} else {
				o.missing = append(o.missing, p)
			}
		}
		outs = append(outs, o)
	}
	return outs
}

// docGaps says what a document lacks (searched in the places too), and
// which of its sections are there but say nothing: a heading with nothing
// under it is not reported as missing.
func (s *placeSearch) docGaps(o placeOutcome) {
	var absent, hollow []placePart
	for _, p := range o.missing {
		if p.part.empty != nil && p.part.empty(o.doc) {
			hollow = append(hollow, p)
		} else {
			absent = append(absent, p)
		}
	}
	if len(absent) > 0 {
		s.res.gap("gap.searched-sections", docTitle(o.doc), partLabels(absent), s.also)
	}
	if len(hollow) > 0 {
		s.res.gap("gap.sections-empty", docTitle(o.doc), partLabels(hollow))
	}
}

// each asks every document of the requirement's own type to be complete.
func (s *placeSearch) each() {
	outs := s.outcomes()
	complete, some := 0, 0
	for _, o := range outs {
		for _, ev := range o.found {
			s.add(ev)
		}
		if len(o.missing) == 0 {
			complete++
		} else {
			s.docGaps(o)
		}
		if len(o.found) > 0 {
			some++
		}
	}
	s.res.Status = verdict(complete == len(outs), some > 0)
}

// anyDoc asks each part of some document, of its own type or a place.
func (s *placeSearch) anyDoc() {
	var missing []placePart
	for _, p := range s.parts {
		found := false
		for _, d := range append(append([]*model.Document(nil), s.docs...), s.others...) {
			if ev, ok := s.find(p, d); ok {
				found = true
				s.add(ev)
			}
		}
		if !found {
			missing = append(missing, p)
		}
	}
	s.partGaps(missing)
	s.res.Status = verdict(len(missing) == 0, len(missing) < len(s.parts))
}

// partGaps names the missing parts. A part whose heading is there with
// nothing under it is named as empty, in the document that has the
// heading, not as absent.
func (s *placeSearch) partGaps(missing []placePart) {
	var absent []placePart
	var hollowDocs []*model.Document
	hollowParts := map[*model.Document][]placePart{}
	for _, p := range missing {
		var in *model.Document
		for _, d := range s.docs {
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
		s.res.gap("gap.searched-parts", s.searched, partLabels(absent), len(s.parts)-len(missing), len(s.parts))
	}
	for _, d := range hollowDocs {
		s.res.gap("gap.sections-empty", docTitle(d), partLabels(hollowParts[d]))
	}
}

// bestDoc asks one complete document of the requirement's own type; with
// none, the one that has the most is assessed.
func (s *placeSearch) bestDoc() {
	outs := s.outcomes()
	best := -1
	for i, o := range outs {
		if len(o.missing) == 0 {
			for _, ev := range o.found {
				s.add(ev)
			}
			best = -2
		} else if best != -2 && (best < 0 || len(o.found) > len(outs[best].found)) {
			best = i
		}
	}
	if best == -2 {
		s.res.Status = Met
		return
	}
	o := outs[best]
	for _, ev := range o.found {
		s.add(ev)
	}
	s.docGaps(o)
	s.res.Status = verdict(false, len(o.found) > 0)
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

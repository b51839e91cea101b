package schema

import (
	"strings"

	"guifan/generator/diag"
)

// checkPlaces verifies a requirement's also list: only sections
// requirements search other places; every place names a known type, a
// filter its fields allow, and provides only sections the requirement asks
// for.
func (s *Set) checkPlaces(d *diag.List, file, rp string, r *Requirement) {
	if len(r.Also) == 0 {
		return
	}
	if r.Kind != KindSections || r.Form != "" || r.Rows != "" {
		d.Add(s.pos(file, rp+".also"), "schema.bad-param", "also", r.Kind)
		return
	}
	if len(r.DocTypes()) == 0 {
		return // the kind's own check asks for a type
	}
	for i, pl := range r.Also {
		pp := idx(rp+".also", i)
		if pl.Type == "" {
			d.Add(s.pos(file, pp), "schema.missing", "type")
			continue
		}
		if _, ok := s.Types[pl.Type]; !ok {
			d.Add(s.pos(file, pp+".type"), "schema.unknown-type", pl.Type)
			continue
		}
		s.checkWhere(d, s.pos(file, pp+".where"), []string{pl.Type}, pl.Where)
		for j, sec := range pl.Provides {
			found := false
			for _, want := range r.Sections {
				found = found || want == sec
			}
			if !found {
				d.Add(s.pos(file, idx(pp+".provides", j)), "schema.unknown-section", sec, strings.Join(r.Sections, ", "))
			}
		}
	}
}

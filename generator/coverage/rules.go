package coverage

import (
	"strings"

	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
)

// requirement evaluates one requirement, then lets an attestation decide
// where the kind allows it.
func (e *evaluator) requirement(r *schema.Requirement) Result {
	res := Result{Requirement: r}
	switch r.Kind {
	case schema.KindInfo:
		res.Status = Info
	case schema.KindDoc:
		e.doc(r, &res)
	case schema.KindSections:
		e.sections(r, &res)
	case schema.KindList:
		e.list(r, &res)
	case schema.KindRecord:
		e.record(r, &res)
	case schema.KindNumber:
		e.number(r, &res)
	case schema.KindManual:
		res.Status = Manual
		res.Gaps = append(res.Gaps, diag.Msg{Key: "gap.manual"})
	}
	e.applyAttestation(r, &res)
	return res
}

// gap records what is missing.
func (res *Result) gap(key string, args ...any) {
	res.Gaps = append(res.Gaps, diag.Msg{Key: key, Args: args})
}

func (res *Result) note(key string, args ...any) {
	res.Notes = append(res.Notes, diag.Msg{Key: key, Args: args})
}

// scoped narrows candidates by the requirement's term and year: the plan
// in force for the as-of date. It reports why documents were set aside.
func (e *evaluator) scoped(r *schema.Requirement, docs []*model.Document, res *Result) []*model.Document {
	var out []*model.Document
	year := int64(e.in.AsOf.Year)
	for _, d := range docs {
		if len(r.Term) == 2 {
			from, ok1 := d.Meta[r.Term[0]].(int64)
			to, ok2 := d.Meta[r.Term[1]].(int64)
			if !ok1 || !ok2 || year < from || year > to {
				continue
			}
		}
		if r.Year != "" {
			if y, ok := d.Meta[r.Year].(int64); !ok || y != year {
				continue
			}
		}
		out = append(out, d)
	}
	if len(out) == 0 && len(docs) > 0 {
		switch {
		case len(r.Term) == 2:
			res.gap("gap.term", year, e.typeLabel(r.DocTypes()))
		case r.Year != "":
			res.gap("gap.year", year, e.typeLabel(r.DocTypes()))
		}
	}
	return out
}

// select returns the documents a requirement looks at, recording drafts as
// in progress and a gap when there is nothing in force.
func (e *evaluator) selectDocs(r *schema.Requirement, res *Result) []*model.Document {
	live, drafts := e.candidates(r.DocTypes(), r.Where)
	res.InProgress = evidenceList(e.scopedQuiet(r, drafts))
	docs := e.scoped(r, live, res)
	if len(docs) == 0 && len(live) == 0 && !e.hollowGap(r.DocTypes(), r.Where, res) {
		res.gap("gap.no-doc", e.whatLabel(r.DocTypes(), r.Where))
	}
	return docs
}

// scopedQuiet is scoped without recording gaps (for drafts).
func (e *evaluator) scopedQuiet(r *schema.Requirement, docs []*model.Document) []*model.Document {
	var sink Result
	return e.scoped(r, docs, &sink)
}

func (e *evaluator) doc(r *schema.Requirement, res *Result) {
	docs := e.selectDocs(r, res)
	if len(docs) == 0 {
		res.Status = Missing
		return
	}
	res.Status = Met
	var approved []*model.Document
	if len(r.Approver) > 0 {
		for _, d := range docs {
			if schema.MatchAny(d.Control.ApprovedBy, r.Approver) {
				approved = append(approved, d)
			}
		}
		if len(approved) == 0 {
			res.Status = Partial
			var words []schema.Text
			for _, w := range r.Approver {
				words = append(words, schema.Text{schema.DefaultLang: w})
			}
			res.gap("gap.approver", docTitle(docs[0]), docs[0].Control.ApprovedBy, items(words, true))
			res.Evidence = evidenceList(docs)
			return
		}
		docs = approved
	}
	if r.Count > 1 && len(docs) < r.Count {
		res.Status = Partial
		res.gap("gap.count", e.typeLabel(r.DocTypes()), len(docs), r.Count)
	}
	if r.MinEntries > 0 {
		n := e.countEntries(docs)
		if n < r.MinEntries {
			res.Status = Partial
			if n == 0 {
				res.Status = Missing
			}
			res.gap("gap.entries", e.typeLabel(r.DocTypes()), n, r.MinEntries)
		}
	}
	res.Evidence = evidenceList(docs)
}

// entries counts a document's entries as its type defines them.
func (e *evaluator) entries(d *model.Document) int {
	t := e.in.Schemas.Types[d.Type]
	if t == nil {
		return 0
	}
	if t.Entries == "headings" {
		n := 0
		for _, h := range d.Headings {
			if h.Level == 2 {
				n++
			}
		}
		return n
	}
	return len(d.Rows(t.Entries))
}

// part is one thing a sections requirement asks for.
type part struct {
	label schema.Text
	found func(d *model.Document) (Evidence, bool)
	// empty, when set, tells a part that is there but says nothing (a
	// heading with no content under it) from one that is absent.
	empty func(d *model.Document) bool
}

func (e *evaluator) parts(r *schema.Requirement, typ string) []part {
	var ps []part
	t := e.in.Schemas.Types[typ]
	for _, id := range r.Sections {
		sec := t.Section(id)
		if sec == nil {
			continue
		}
		ps = append(ps, e.sectionPart(sec))
	}
	if r.Rows == "" {
		for _, name := range r.Fields {
			f := e.field(typ, name)
			if f == nil {
				continue
			}
			ps = append(ps, part{label: f.Label, found: func(d *model.Document) (Evidence, bool) {
				if v, ok := d.Meta[name]; ok && !empty(v) && !e.statesAbsence(v) {
					ev := evidenceOf(d)
					ev.Section = f.Label.In(schema.DefaultLang)
					ev.Line = d.Pos(name, true).Line
					return ev, true
				}
				return Evidence{}, false
			}})
		}
	}
	return ps
}

func empty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		return len(v) == 0
	case []map[string]any:
		return len(v) == 0
	}
	return false
}

func (e *evaluator) sections(r *schema.Requirement, res *Result) {
	if r.Form != "" {
		e.formFields(r, res)
		return
	}
	if len(r.Also) > 0 {
		e.sectionsWithPlaces(r, res)
		return
	}
	docs := e.selectDocs(r, res)
	if len(docs) == 0 {
		res.Status = Missing
		return
	}
	if r.Rows != "" {
		e.rows(r, docs, res)
		return
	}
	scope := r.Scope
	if scope == "" {
		scope = "one"
	}
	type outcome struct {
		doc     *model.Document
		found   []Evidence
		missing []schema.Text // absent or empty
		absent  []schema.Text
		empty   []schema.Text // a heading with nothing under it
	}
	var outs []outcome
	for _, d := range docs {
		o := outcome{doc: d}
		for _, p := range e.parts(r, d.Type) {
			if ev, ok := p.found(d); ok {
				o.found = append(o.found, ev)
				continue
			}
			o.missing = append(o.missing, p.label)
			if p.empty != nil && p.empty(d) {
				o.empty = append(o.empty, p.label)
			} else {
				o.absent = append(o.absent, p.label)
			}
		}
		outs = append(outs, o)
	}
	// sectionGaps says what a document lacks, and which of its sections
	// are there but say nothing.
	sectionGaps := func(o outcome) {
		if len(o.absent) > 0 {
			res.gap("gap.sections", docTitle(o.doc), list(o.absent))
		}
		if len(o.empty) > 0 {
			res.gap("gap.sections-empty", docTitle(o.doc), list(o.empty))
		}
	}
	switch scope {
	case "each":
		complete, some := 0, 0
		for _, o := range outs {
			res.Evidence = append(res.Evidence, o.found...)
			if len(o.missing) == 0 {
				complete++
			} else {
				sectionGaps(o)
			}
			if len(o.found) > 0 {
				some++
			}
		}
		res.Status = verdict(complete == len(outs), some > 0)
	case "any":
		// Each part may come from any document.
		seen := map[string]bool{}
		var missing []schema.Text
		var empties []DocRef
		var emptyParts [][]schema.Text
		parts := e.parts(r, docs[0].Type)
		for _, p := range parts {
			found := false
			var hollowIn *model.Document
			for _, d := range docs {
				if hollowIn == nil && p.empty != nil && p.empty(d) {
					hollowIn = d
				}
				if ev, ok := p.found(d); ok {
					found = true
					key := ev.ID + "|" + ev.Section
					if !seen[key] {
						seen[key] = true
						res.Evidence = append(res.Evidence, ev)
					}
				}
			}
			if !found {
				missing = append(missing, p.label)
				if hollowIn != nil {
					i := 0
					for i < len(empties) && empties[i].ID != hollowIn.ID {
						i++
					}
					if i == len(empties) {
						empties = append(empties, docTitle(hollowIn))
						emptyParts = append(emptyParts, nil)
					}
					emptyParts[i] = append(emptyParts[i], p.label)
				}
			}
		}
		if len(missing) > 0 {
			res.gap("gap.parts", list(missing), len(parts)-len(missing), len(parts))
		}
		for i, d := range empties {
			res.gap("gap.sections-empty", d, list(emptyParts[i]))
		}
		res.Status = verdict(len(missing) == 0, len(missing) < len(parts))
	default: // one: a complete document meets it; else the most complete decides
		var complete []outcome
		for _, o := range outs {
			if len(o.missing) == 0 {
				complete = append(complete, o)
			}
		}
		if len(complete) > 0 {
			for _, o := range complete {
				res.Evidence = append(res.Evidence, o.found...)
			}
			res.Status = Met
			return
		}
		best := outs[0]
		for _, o := range outs[1:] {
			if len(o.found) > len(best.found) {
				best = o
			}
		}
		res.Evidence = best.found
		sectionGaps(best)
		if len(best.missing) > 0 {
			e.absences(r, best.doc, res)
		}
		res.Status = verdict(len(best.missing) == 0, len(best.found) > 0)
		if res.statedAbsent {
			res.Status = Missing // the document says the thing is not there
		}
	}
}

// verdict turns "all there" / "some there" into a status.
func verdict(all, some bool) Status {
	switch {
	case all:
		return Met
	case some:
		return Partial
	}
	return Missing
}

// rows checks that every row of a table (narrowed by rows_where) has the
// requirement's fields filled in.
func (e *evaluator) rows(r *schema.Requirement, docs []*model.Document, res *Result) {
	total, complete := 0, 0
	counts := map[string]int{}
	var firstBad string
	for _, d := range docs {
		tf := e.field(d.Type, r.Rows)
		for i, row := range d.Rows(r.Rows) {
			if !rowMatches(e, d.Type, r.Rows, row, r.RowsWhere) {
				continue
			}
			total++
			var miss []string
			for _, name := range r.Fields {
				if empty(row[name]) {
					miss = append(miss, name)
					counts[name]++
				}
			}
			if len(miss) == 0 {
				complete++
			} else if firstBad == "" {
				firstBad = rowName(row, i)
			}
		}
		if tf != nil {
			ev := evidenceOf(d)
			ev.Section = tf.Label.In(schema.DefaultLang)
			ev.Line = d.Pos(r.Rows, true).Line
			res.Evidence = append(res.Evidence, ev)
		}
	}
	if total == 0 {
		res.Status = Missing
		res.gap("gap.no-rows", e.typeLabel(r.DocTypes()))
		return
	}
	if complete < total {
		var labels []schema.Text
		for _, name := range r.Fields {
			if counts[name] > 0 {
				if f := e.field(docs[0].Type, r.Rows+"."+name); f != nil {
					labels = append(labels, f.Label)
				}
			}
		}
		res.gap("gap.rows", total-complete, total, firstBad, list(labels))
	}
	res.Status = verdict(complete == total, complete > 0 || len(counts) < len(r.Fields))
}

func rowMatches(e *evaluator, typ, table string, row map[string]any, where map[string]any) bool {
	for key, want := range where {
		got := e.canonical(typ, table+"."+key, str(row[key]))
		ok := false
		for _, w := range schema.WhereValues(want) {
			ok = ok || got == e.canonical(typ, table+"."+key, w)
		}
		if !ok {
			return false
		}
	}
	return true
}

// rowName names a table row in a gap: its id or name, or its position.
func rowName(row map[string]any, i int) string {
	for _, k := range []string{"id", "name", "term", "process"} {
		if s, ok := row[k].(string); ok && s != "" {
			return s
		}
	}
	return "#" + itoa(i+1)
}

func itoa(i int) string { return str(int64(i)) }

// formFields checks that a blank form has the fields the requirement lists.
func (e *evaluator) formFields(r *schema.Requirement, res *Result) {
	f := e.in.Forms[r.Form]
	if f == nil {
		res.Status = Missing
		res.gap("gap.form-missing", r.Form)
		return
	}
	if !e.formAdopted(f, res) {
		return
	}
	fields := f.Fields()
	var missing []schema.Text
	for _, it := range r.Items {
		found := false
		for _, ff := range fields {
			if ff.ID == it.ID || matchLabel(ff.Label, it.Match) {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, it.Label)
		}
	}
	if len(missing) > 0 {
		res.gap("gap.form-fields", DocRef{ID: f.ID, Title: f.Title.In(e.lang())}, list(missing), len(r.Items)-len(missing), len(r.Items))
	}
	res.Status = verdict(len(missing) == 0, len(missing) < len(r.Items))
}

func matchLabel(label schema.Text, words []string) bool {
	for _, l := range label {
		if schema.MatchAny(l, words) {
			return true
		}
	}
	return false
}

// list checks that a list holds every member.
func (e *evaluator) list(r *schema.Requirement, res *Result) {
	items := r.Items
	if r.MembersFrom == "departments" && e.in.Hospital != nil {
		for _, d := range e.in.Hospital.Departments {
			items = append(items, schema.Item{ID: d, Label: schema.Text{schema.DefaultLang: d}, Match: []string{d}})
		}
	}
	if len(items) == 0 {
		res.Status = Missing
		res.gap("gap.no-members", r.MembersFrom)
		return
	}
	var docs []*model.Document
	if len(r.DocTypes()) > 0 {
		live, drafts := e.candidates(r.DocTypes(), r.Where)
		res.InProgress = evidenceList(e.scopedQuiet(r, drafts))
		docs = e.scoped(r, live, res)
		typed := false
		for _, it := range items {
			typed = typed || it.Type != ""
		}
		if len(docs) == 0 && !typed && r.Field != "" {
			res.Status = Missing
			if len(live) == 0 && !e.hollowGap(r.DocTypes(), r.Where, res) {
				res.gap("gap.no-doc", e.whatLabel(r.DocTypes(), r.Where))
			}
			return
		}
	}
	if r.Exclude != "" {
		skip := map[string]bool{}
		for _, d := range docs {
			for _, v := range e.values(d, r.Exclude) {
				skip[schema.Normalize(v)] = true
			}
		}
		kept := items[:0:0]
		for _, it := range items {
			if !skip[schema.Normalize(it.ID)] {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	var missing, present []schema.Text
	used := map[string]bool{}
	for _, it := range items {
		evs, limitGap := e.member(r, it, docs)
		if limitGap != nil && it.Limit.Advise {
			// A model value: advise, do not mark down.
			limitGap.Key = "note." + strings.TrimPrefix(limitGap.Key, "gap.")
			res.Notes = append(res.Notes, *limitGap)
		} else if limitGap != nil {
			res.Gaps = append(res.Gaps, *limitGap)
		}
		if len(evs) == 0 {
			missing = append(missing, it.Label)
			continue
		}
		present = append(present, it.Label)
		for _, ev := range evs {
			if !used[ev.ID+"|"+ev.Section] {
				used[ev.ID+"|"+ev.Section] = true
				res.Evidence = append(res.Evidence, ev)
			}
		}
	}
	if len(missing) > 0 {
		res.gap("gap.members", list(missing), len(present), len(items))
	}
	status := verdict(len(missing) == 0, len(present) > 0)
	if status == Met && len(res.Gaps) > 0 {
		status = Partial // a member is there but breaks its limit
	}
	res.Status = status
}

// member looks for one list member in the documents and returns every
// place that provides it, with a gap when a providing row breaks the
// member's limit.
func (e *evaluator) member(r *schema.Requirement, it schema.Item, docs []*model.Document) ([]Evidence, *diag.Msg) {
	var found []Evidence
	var limitGap *diag.Msg
	if it.Type != "" {
		live, _ := e.candidates([]string{it.Type}, it.Where)
		found = append(found, evidenceList(live)...)
	}
	if r.Field == "" {
		return found, nil
	}
	for _, d := range docs {
		want := map[string]bool{}
		for _, v := range append([]string{it.ID}, it.Match...) {
			want[e.canonical(d.Type, r.Field, v)] = true
		}
		table, col, dotted := strings.Cut(r.Field, ".")
		if !dotted {
			for _, v := range e.values(d, r.Field) {
				if want[v] {
					ev := evidenceOf(d)
					ev.Section = it.Label.In(e.lang())
					ev.Line = d.Pos(r.Field, true).Line
					found = append(found, ev)
					break
				}
			}
			continue
		}
	rows:
		for i, row := range d.Rows(table) {
			for _, v := range flat(row[col]) {
				got := e.canonical(d.Type, r.Field, str(v))
				if !want[got] && !(r.Contains && schema.MatchAny(str(v), it.Match)) &&
					!(r.MembersFrom == "departments" && e.sameDepartment(str(v), it.ID)) {
					continue
				}
				ev := evidenceOf(d)
				ev.Section = str(v)
				if !r.Contains {
					ev.Section = it.Label.In(e.lang())
				}
				ev.Line = d.Pos(table+"["+itoa(i)+"]", true).Line
				found = append(found, ev)
				if it.Limit != nil && limitGap == nil {
					limitGap = checkLimit(it, row, str(v))
				}
				break rows
			}
		}
	}
	if len(found) == 0 {
		found = e.textMember(r, it, docs)
	}
	return found, limitGap
}

func checkLimit(it schema.Item, row map[string]any, value string) *diag.Msg {
	l := it.Limit
	var x float64
	switch n := row[l.Field].(type) {
	case int64:
		x = float64(n)
	case float64:
		x = n
	default:
		return &diag.Msg{Key: "gap.limit-missing", Args: []any{value, l.Field}}
	}
	if l.Max != nil && x > *l.Max {
		return &diag.Msg{Key: "gap.limit-max", Args: []any{value, l.Field, str(x), str(*l.Max)}}
	}
	if l.Min != nil && x < *l.Min {
		return &diag.Msg{Key: "gap.limit-min", Args: []any{value, l.Field, str(x), str(*l.Min)}}
	}
	return nil
}

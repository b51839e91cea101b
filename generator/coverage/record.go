package coverage

import (
	"sort"
	"strings"

	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
)

// dated is one record date and where it came from.
type dated struct {
	date model.Date
	doc  *model.Document
	line int
}

// dates collects the record dates of a document: a date field, or a date
// column of a table ("revisions.date").
func dates(d *model.Document, field string) []dated {
	var out []dated
	if table, col, ok := strings.Cut(field, "."); ok {
		for i, row := range d.Rows(table) {
			if t, ok := model.AsDate(row[col]); ok {
				out = append(out, dated{t, d, d.Pos(table+"["+itoa(i)+"]."+col, true).Line})
			}
		}
		return out
	}
	if t, ok := d.Date(field); ok {
		out = append(out, dated{t, d, d.Pos(field, true).Line})
	}
	return out
}

// since returns every record dated from cutoff up to the as-of date, newest
// first: all of them are evidence of a recent record.
func (e *evaluator) since(docs []*model.Document, field string, cutoff model.Date) []Evidence {
	var all []dated
	for _, d := range docs {
		for _, x := range dates(d, field) {
			if !x.date.Before(cutoff) && !e.in.AsOf.Before(x.date) {
				all = append(all, x)
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[j].date.Before(all[i].date) })
	var out []Evidence
	for _, x := range all {
		out = append(out, x.evidence())
	}
	return out
}

// newest returns the latest record date not after the as-of date.
func (e *evaluator) newest(docs []*model.Document, field string) (dated, bool) {
	var best dated
	found := false
	for _, d := range docs {
		for _, x := range dates(d, field) {
			if e.in.AsOf.Before(x.date) {
				continue // dated in the future of the assessment
			}
			if !found || best.date.Before(x.date) {
				best, found = x, true
			}
		}
	}
	return best, found
}

func (x dated) evidence() Evidence {
	ev := evidenceOf(x.doc)
	ev.Date, ev.Line = x.date.String(), x.line
	return ev
}

// period is a period as a message argument ("12 个月", "12 months").
type period schema.Period

// Phrase implements diag.Phrase: the catalog words the unit, in the
// singular for one.
func (p period) Phrase() diag.Msg {
	key := "phrase.period-" + string(p.Unit)
	if p.N == 1 {
		key += "1"
	}
	return diag.Msg{Key: key, Args: []any{p.N}}
}

func (e *evaluator) record(r *schema.Requirement, res *Result) {
	if r.Window == "term" {
		e.termRecord(r, res)
		return
	}
	live, drafts := e.candidates(r.DocTypes(), r.Where)
	res.InProgress = evidenceList(drafts)
	w := e.recordWindow(r)
	if r.Per == nil {
		e.recentRecord(r, w, live, res)
		return
	}
	e.recordPerTarget(r, w, live, res)
}

// recordWindow is how recent a record must be (within, from cutoff on),
// how recent it is advised to be, and what the records are called.
type recordWindow struct {
	within, advise schema.Period
	hasAdvise      bool
	cutoff         model.Date
	label          diag.Items
}

func (e *evaluator) recordWindow(r *schema.Requirement) recordWindow {
	within, _ := schema.ParsePeriod(r.Within)
	advise, hasAdvise := schema.ParsePeriod(r.Advise)
	return recordWindow{
		within: within, advise: advise, hasAdvise: hasAdvise,
		cutoff: model.DateOf(within.Before(e.in.AsOf.Time())),
		label:  e.recordLabel(r),
	}
}

// advised reports whether a record dated x is older than advised.
func (e *evaluator) advised(w recordWindow, x model.Date) bool {
	return w.hasAdvise && x.Before(model.DateOf(w.advise.Before(e.in.AsOf.Time())))
}

// recentRecord asks for one recent record among live.
func (e *evaluator) recentRecord(r *schema.Requirement, w recordWindow, live []*model.Document, res *Result) {
	x, ok := e.newest(live, r.DateField)
	if !ok {
		res.Status = Missing
		e.noRecordGap(live, r.DateField, w.label, res)
		return
	}
	if x.date.Before(w.cutoff) {
		res.Evidence = []Evidence{x.evidence()}
		res.Status = Partial
		res.gap("gap.record-old", w.label, x.date.String(), period(w.within))
		return
	}
	res.Evidence = e.since(live, r.DateField, w.cutoff)
	res.Status = Met
	if e.advised(w, x.date) {
		res.note("note.advise", w.label, x.date.String(), period(w.advise))
	}
}

// recordPerTarget asks for one recent record per target document (a
// drill per emergency plan).
func (e *evaluator) recordPerTarget(r *schema.Requirement, w recordWindow, live []*model.Document, res *Result) {
	targets, _ := e.candidates([]string{r.Per.Type}, r.Per.Where)
	if len(targets) == 0 {
		res.Status = Missing
		res.gap("gap.no-doc", e.typeLabel([]string{r.Per.Type}))
		return
	}
	fresh, some := 0, 0
	for _, t := range targets {
		mine := recordsOf(live, r.Per.Field, t)
		x, ok := e.newest(mine, r.DateField)
		switch {
		case !ok:
			if e.noTargetRecord(r, w, t, mine, res) {
				fresh++
				some++
			}
		case x.date.Before(w.cutoff):
			some++
			res.Evidence = append(res.Evidence, x.evidence())
			res.gap("gap.per-old", docTitle(t), w.label, x.date.String(), period(w.within))
		default:
			fresh++
			some++
			res.Evidence = append(res.Evidence, e.since(mine, r.DateField, w.cutoff)...)
			if e.advised(w, x.date) {
				res.note("note.per-advise", docTitle(t), w.label, x.date.String(), period(w.advise))
			}
		}
	}
	res.Status = verdict(fresh == len(targets), some > 0)
}

// noTargetRecord says why target t has no record that counts among mine,
// its records; true when none is due yet (t has been in force for less
// than one period).
func (e *evaluator) noTargetRecord(r *schema.Requirement, w recordWindow, t *model.Document, mine []*model.Document, res *Result) bool {
	if since, due, notDue := e.firstDue(t, w.within, w.cutoff); notDue {
		res.Evidence = append(res.Evidence, evidenceOf(t))
		res.note("note.first-due", docTitle(t), since.String(), w.label, due.String())
		return true
	}
	if f, ok := e.earliestFuture(mine, r.DateField); ok {
		res.gap("gap.per-future", docTitle(t), w.label, f.date.String(), e.in.AsOf.String())
		return false
	}
	if len(mine) > 0 {
		// Records of the plan exist but none states this date
		// (a drill record without the date the plan was revised).
		name := schema.Text{schema.DefaultLang: r.DateField}
		if f := e.field(r.DocTypes()[0], r.DateField); f != nil {
			name = f.Label
		}
		res.gap("gap.per-undated", docTitle(t), w.label, name)
		return false
	}
	res.gap("gap.per-none", docTitle(t), w.label)
	return false
}

// termRecord asks for a record within the term of the document in force
// (a five-year plan's revision); a missing record only counts once the
// term is past its midpoint.
func (e *evaluator) termRecord(r *schema.Requirement, res *Result) {
	docs := e.selectDocs(r, res)
	if len(docs) == 0 {
		res.Status = Missing
		return
	}
	d := docs[0]
	from, _ := d.Meta[r.Term[0]].(int64)
	to, _ := d.Meta[r.Term[1]].(int64)
	start := model.Date{Year: int(from), Month: 1, Day: 1}
	end := model.Date{Year: int(to), Month: 12, Day: 31}
	var in []dated
	for _, x := range dates(d, r.DateField) {
		if !x.date.Before(start) && !end.Before(x.date) && !e.in.AsOf.Before(x.date) {
			in = append(in, x)
		}
	}
	if len(in) > 0 {
		res.Status = Met
		for _, x := range in {
			res.Evidence = append(res.Evidence, x.evidence())
		}
		return
	}
	res.Evidence = []Evidence{evidenceOf(d)}
	mid := midpoint(start, end)
	if r.Due == "midpoint" && e.in.AsOf.Before(mid) {
		res.Status = Met
		res.note("note.not-due", docTitle(d), mid.String())
		return
	}
	res.Status = Partial
	res.gap("gap.revision-due", docTitle(d), mid.String())
}

func midpoint(a, b model.Date) model.Date {
	ta, tb := a.Time(), b.Time()
	return model.DateOf(ta.Add(tb.Sub(ta) / 2))
}

// recordsOf returns the records of docs that name target in their field
// (a drill record's plan): the records a per-target requirement counts.
func recordsOf(docs []*model.Document, field string, target *model.Document) []*model.Document {
	var mine []*model.Document
	for _, d := range docs {
		for _, v := range model.Items(d.Meta[field]) {
			if str(v) == target.ID {
				mine = append(mine, d)
				break
			}
		}
	}
	return mine
}

package site

import (
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"time"

	"guifan/generator/markdown"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/tomlfile"
)

// kv is one labelled value of a control box or field list.
type kv struct {
	Label, Value, Href string
}

type table struct {
	Title   string
	Columns []string
	Rows    [][]string
}

type articleRef struct {
	Number int
	Title  string
	Status string
}

type docView struct {
	Doc      *model.Document
	Title    string
	Type     string
	TypePath string
	Control  []kv
	Articles []articleRef
	TOC      []markdown.Heading
	Body     template.HTML
	Fields   []kv
	Tables   []table
	Related  []kv
	PDF      string // link to the document's PDF, if there is one
}

func (w *writer) typeLabel(typ string) string {
	if t := w.in.Schemas.Types[typ]; t != nil {
		return t.Label.In(w.lang)
	}
	return typ
}

// format shows a front-matter value for people.
func (w *writer) format(typ string, f *schema.Field, v any) string {
	switch f.Type {
	case "enum":
		s, _ := v.(string)
		if ev, ok := f.Lookup(s); ok && len(ev.Label) > 0 {
			return ev.Label.In(w.lang)
		}
		return s
	case "date":
		if d, ok := model.AsDate(v); ok {
			return w.date(d.String())
		}
	case "bool":
		if b, _ := v.(bool); b {
			return w.t("site.yes")
		}
		return w.t("site.no")
	case "money":
		return w.t("site.money", groupDigits(v))
	case "ref":
		s, _ := v.(string)
		if d := w.byID[s]; d != nil {
			return d.Title()
		}
		// Validate has made sure the document exists: it is not public,
		// and the site names neither its title nor its id.
		return w.t("report.internal-doc")
	case "list", "refs", "articles":
		items, _ := v.([]any)
		var parts []string
		elem := &schema.Field{Type: "string", Values: f.Values}
		switch {
		case f.Type == "refs":
			elem.Type = "ref"
		case f.Of != "":
			elem.Type = f.Of
		}
		for _, it := range items {
			parts = append(parts, w.format(typ, elem, it))
		}
		return strings.Join(parts, w.t("site.list-sep"))
	}
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		if tomlfile.IsLocalDate(x) {
			return w.date(model.DateOf(x).String())
		}
		return x.Format("2006-01-02 15:04")
	}
	return fmt.Sprint(v)
}

// groupDigits writes 52000000 as 52,000,000.
func groupDigits(v any) string {
	var n float64
	switch x := v.(type) {
	case int64:
		n = float64(x)
	case float64:
		n = x
	default:
		return fmt.Sprint(v)
	}
	s := strconv.FormatFloat(n, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 && r != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

func (w *writer) documents() error {
	for _, d := range w.in.Docs {
		if err := w.document(d); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) document(d *model.Document) error {
	p := PagePath(d.ID)
	common := w.in.Schemas.Document
	str := func(name string) string {
		if f := common.Field(name); f != nil {
			if v, ok := d.Meta[name]; ok {
				return w.format(d.Type, f, v)
			}
		}
		return ""
	}
	v := docView{Doc: d, Title: d.Title(), Type: w.typeLabel(d.Type), TypePath: "types/" + d.Type + "/index.html"}
	if pdf := w.in.DocPDFs[d.ID]; pdf != "" {
		v.PDF = rel(p, pdf)
	}
	approval := str("approved_by")
	if on := str("approved_on"); on != "" {
		approval = strings.TrimSpace(approval + " " + on)
	}
	classification := w.in.Schemas.Label(d.Type, "classification", w.in.Schemas.Classification(d.Type, d.String("classification"))).In(w.lang)
	for _, c := range []kv{
		{Label: w.t("site.ctl.number"), Value: str("number")},
		{Label: w.t("site.ctl.version"), Value: str("version")},
		{Label: w.t("site.ctl.status"), Value: str("status")},
		{Label: w.t("site.ctl.effective"), Value: str("effective")},
		{Label: w.t("site.ctl.approval"), Value: approval},
		{Label: w.t("site.ctl.owner"), Value: str("owner")},
		{Label: w.t("site.ctl.review"), Value: str("review_by")},
		{Label: w.t("site.ctl.classification"), Value: classification},
	} {
		if c.Value != "" {
			v.Control = append(v.Control, c)
		}
	}
	// Articles: those the document names and those it is evidence for.
	seen := map[int]bool{}
	var nums []int
	for _, a := range flat(d.Meta["articles"]) {
		if n, ok := a.(int64); ok && !seen[int(n)] {
			seen[int(n)] = true
			nums = append(nums, int(n))
		}
	}
	for _, n := range w.served[d.ID] {
		if !seen[n] {
			seen[n] = true
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	for _, n := range nums {
		if a := w.article(n); a != nil {
			v.Articles = append(v.Articles, articleRef{Number: n, Title: a.Title, Status: a.Status})
		}
	}
	// The body, with links to other documents made relative to this page.
	r := markdown.Render(d.BodyWithoutTitle(), w.docLinks(p))
	w.render[d.ID] = r
	v.Body = template.HTML(r.HTML)
	v.TOC = r.TOC
	// Type-specific fields: scalars and lists first, then tables.
	if t := w.in.Schemas.Types[d.Type]; t != nil {
		for _, f := range t.Fields {
			val, ok := d.Meta[f.Name]
			if !ok {
				continue
			}
			if f.Type == "table" {
				tb := table{Title: f.Label.In(w.lang)}
				for _, c := range f.Columns {
					tb.Columns = append(tb.Columns, c.Label.In(w.lang))
				}
				for _, row := range d.Rows(f.Name) {
					var cells []string
					for _, c := range f.Columns {
						cell := ""
						if x, ok := row[c.Name]; ok {
							cell = w.format(d.Type, c, x)
						}
						cells = append(cells, cell)
					}
					tb.Rows = append(tb.Rows, cells)
				}
				v.Tables = append(v.Tables, tb)
				continue
			}
			kvv := kv{Label: f.Label.In(w.lang), Value: w.format(d.Type, f, val)}
			if f.Type == "ref" {
				if id, _ := val.(string); w.byID[id] != nil {
					kvv.Href = rel(p, PagePath(id))
				}
			}
			v.Fields = append(v.Fields, kvv)
		}
	}
	for _, id := range flat(d.Meta["related"]) {
		s, _ := id.(string)
		if o := w.byID[s]; o != nil {
			v.Related = append(v.Related, kv{Label: o.Title(), Href: rel(p, PagePath(s))})
		}
	}
	crumbs := []navItem{{w.t("site.nav.home"), "index.html"}, {w.typeLabel(d.Type), v.TypePath}}
	return w.emit("doc", p, d.Title(), crumbs, v.TypePath, v)
}

func flat(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	}
	return []any{v}
}

func (w *writer) article(n int) *articleView {
	for _, a := range w.in.Report.Articles {
		if a.Number == n {
			return &articleView{Number: a.Number, Chapter: a.Chapter, Title: a.Title, Summary: a.Summary, Status: a.Status}
		}
	}
	return nil
}

// docRow is a document in a list.
type docRow struct {
	Title, Path, Number, Version, Status, Effective, Owner, ReviewBy string
	Overdue                                                          bool
}

func (w *writer) row(d *model.Document) docRow {
	common := w.in.Schemas.Document
	get := func(name string) string {
		if v, ok := d.Meta[name]; ok {
			return w.format(d.Type, common.Field(name), v)
		}
		return ""
	}
	r := docRow{Title: d.Title(), Path: PagePath(d.ID), Number: get("number"), Version: get("version"),
		Status: get("status"), Effective: get("effective"), Owner: get("owner"), ReviewBy: get("review_by")}
	if rb, ok := d.Date("review_by"); ok && rb.Before(w.in.AsOf) {
		r.Overdue = true
	}
	return r
}

type listView struct {
	Title       string
	Description string
	Docs        []docRow
}

func (w *writer) typeLists() error {
	for _, n := range w.typeNames() {
		t := w.in.Schemas.Types[n]
		v := listView{Title: t.Label.In(w.lang), Description: t.Description.In(w.lang)}
		docs := append([]*model.Document(nil), w.byType[n]...)
		sort.SliceStable(docs, func(i, j int) bool {
			a, b := docs[i].String("number"), docs[j].String("number")
			if a != b {
				return a < b
			}
			return docs[i].Title() < docs[j].Title()
		})
		for _, d := range docs {
			v.Docs = append(v.Docs, w.row(d))
		}
		p := "types/" + n + "/index.html"
		if err := w.emit("list", p, v.Title, []navItem{{w.t("site.nav.home"), "index.html"}}, p, v); err != nil {
			return err
		}
	}
	return nil
}

type homeView struct {
	Score  float64
	Counts []kv
	Recent []docRow
	Due    []docRow
	Quick  []kv
	// Emergency is always empty: kept so that a site's own home.html
	// written for it still runs. Types listed on the home page are
	// declared in their schemas (home) and given by homeLists.
	Emergency []docRow
}

func (w *writer) home() error {
	s := w.in.Report.Summary
	v := homeView{Score: s.Score}
	for _, st := range []struct {
		key string
		n   int
	}{{"met", s.Met}, {"partial", s.Partial}, {"missing", s.Missing}, {"manual", s.Manual}, {"not_applicable", s.NotApplicable}, {"info", s.Info}} {
		v.Counts = append(v.Counts, kv{Label: w.t("status." + st.key), Value: strconv.Itoa(st.n), Href: st.key})
	}
	// Recent changes: by the latest of effective and approval dates.
	type dated struct {
		d    *model.Document
		when model.Date
	}
	var all []dated
	for _, d := range w.in.Docs {
		var when model.Date
		for _, f := range []string{"effective", "approved_on", "date"} {
			if x, ok := d.Date(f); ok && when.Before(x) && !w.in.AsOf.Before(x) {
				when = x
			}
		}
		if !when.IsZero() {
			all = append(all, dated{d, when})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].when != all[j].when {
			return all[j].when.Before(all[i].when)
		}
		return all[i].d.Path < all[j].d.Path
	})
	for i, x := range all {
		if i == 8 {
			break
		}
		r := w.row(x.d)
		r.Effective = w.date(x.when.String())
		v.Recent = append(v.Recent, r)
	}
	soon := model.DateOf(w.in.AsOf.Time().AddDate(0, 0, 90))
	var due []dated
	for _, d := range w.in.Docs {
		if rb, ok := d.Date("review_by"); ok && rb.Before(soon) {
			due = append(due, dated{d, rb})
		}
	}
	sort.SliceStable(due, func(i, j int) bool { return due[i].when.Before(due[j].when) })
	for i, x := range due {
		if i == 10 {
			break
		}
		v.Due = append(v.Due, w.row(x.d))
	}
	v.Quick = []kv{
		{Label: w.t("site.nav.forms"), Href: "forms/index.html"},
		{Label: w.t("site.nav.report"), Href: "report/index.html"},
		{Label: w.t("site.nav.articles"), Href: "articles/index.html"},
		{Label: w.t("site.nav.downloads"), Href: "downloads/index.html"},
	}
	return w.emit("home", "index.html", w.in.Hospital.Name, nil, "index.html", v)
}

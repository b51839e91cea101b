package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"guifan/generator/schema"
)

// The planning documents are tied together as a hospital's are: each
// five-year plan lists its main tasks (tasks table) and its drafting
// steps in order with rising dates; each annual plan follows one
// five-year plan, for a year of its term, and its projects name the
// tasks they serve, so that every task of every plan is served by some
// project (guifan check warns about a task no project serves and refuses
// a project naming a task its plan does not list).
const (
	typeFiveYear = "five-year-plan"
	typeAnnual   = "annual-plan"
)

// task is one main task of a five-year plan.
type task struct{ id, name, years string }

// planning is what plan decides for the planning documents before any is
// written.
type planning struct {
	tasks  map[string][]task   // five-year plan id → its tasks
	follow map[string]*doc     // annual plan id → the five-year plan it follows
	year   map[string]int      // annual plan id → its year
	serves map[string][]string // annual plan id → task ids its projects must serve
}

// termStart is the first year of the i-th document's term when it is a
// five-year plan: three terms, 2016–2020, 2021–2025 and 2026–2030.
func termStart(i int) int { return 2016 + 5*(i%3) }

// planPlans decides the five-year plans' tasks and which annual plan
// follows which plan in which year and serves which tasks. Annual plans
// go round the five-year plans; a plan's k-th annual plan is for the
// k-th year of its term (a sixth and later are for the last year again,
// so they do not count for the plan: check follows one annual plan a
// year). Each task is given to one of the plan's counted annual plans.
func (g *gen) planPlans() {
	p := planning{tasks: map[string][]task{}, follow: map[string]*doc{}, year: map[string]int{}, serves: map[string][]string{}}
	g.plans = p
	fyps := g.byType[typeFiveYear]
	for _, f := range fyps {
		r := g.rng(3, f.i)
		start := termStart(f.i)
		n := 3 + r.IntN(4)
		seen := map[string]bool{}
		for k := 0; k < n; k++ {
			name := pick(r, areas) + pick(r, systems) + pick(r, works)
			for seen[name] {
				name = pick(r, areas) + pick(r, systems) + pick(r, works)
			}
			seen[name] = true
			a := r.IntN(3)
			years := fmt.Sprintf("%d–%d年", start+a, start+a+1+r.IntN(4-a))
			p.tasks[f.id] = append(p.tasks[f.id], task{id: fmt.Sprintf("FYP-%03d", k+1), name: name, years: years})
		}
	}
	if len(fyps) == 0 {
		return
	}
	counted := map[string][]*doc{} // five-year plan id → its counted annual plans
	for k, a := range g.byType[typeAnnual] {
		f := fyps[k%len(fyps)]
		nth := k / len(fyps)
		p.follow[a.id] = f
		p.year[a.id] = termStart(f.i) + min(nth, 4)
		if nth < 5 {
			counted[f.id] = append(counted[f.id], a)
		}
	}
	for _, f := range fyps {
		as := counted[f.id]
		if len(as) == 0 {
			// No annual plan follows it yet: it lists no tasks, so none
			// is left unserved.
			delete(p.tasks, f.id)
			continue
		}
		for k, t := range p.tasks[f.id] {
			a := as[k%len(as)]
			p.serves[a.id] = append(p.serves[a.id], t.id)
		}
	}
}

// planDoc tells whether d is a planning document, which plan keeps public
// and in force: the plans are published to the whole hospital, and check
// follows only plans in force.
func planDoc(tp *schema.DocType) bool { return tp.Name == typeFiveYear || tp.Name == typeAnnual }

// planValue is the value of a planning document's field, ok false when
// the field is not one planPlans decides.
func (g *gen) planValue(r *rand.Rand, d *doc, f *schema.Field) (string, bool) {
	switch d.tp.Name + "." + f.Name {
	case "five-year-plan.term_start":
		return strconv.Itoa(termStart(d.i)), true
	case "five-year-plan.term_end":
		return strconv.Itoa(termStart(d.i) + 4), true
	case "annual-plan.year":
		if y, ok := g.plans.year[d.id]; ok {
			return strconv.Itoa(y), true
		}
	case "annual-plan.five_year_plan":
		if f := g.plans.follow[d.id]; f != nil {
			return strconv.Quote(f.id), true
		}
	case "annual-plan.medical_revenue":
		// A large hospital's medical revenue: 8 to 30 hundred million yuan.
		return strconv.Itoa((8 + r.IntN(23)) * 100000000), true
	}
	return "", false
}

// planTable writes a planning document's table field, ok false when the
// field is not one planPlans decides.
func (g *gen) planTable(b *strings.Builder, r *rand.Rand, d *doc, f *schema.Field) bool {
	switch d.tp.Name + "." + f.Name {
	case "five-year-plan.tasks":
		for _, t := range g.plans.tasks[d.id] {
			fmt.Fprintf(b, "\n[[%s]]\nid = %q\nname = %q\nyears = %q\n", f.Name, t.id, t.name, t.years)
		}
		return true
	case "five-year-plan.drafting":
		g.drafting(b, r, d, f)
		return true
	case "annual-plan.projects":
		g.projects(b, r, d, f)
		return true
	case "annual-plan.budget":
		g.budget(b, r, f)
		return true
	}
	return false
}

// drafting writes the five drafting steps in order, each approved a month
// or three after the last, from early in the year before the term to its
// issue by the spring of the term's first year.
func (g *gen) drafting(b *strings.Builder, r *rand.Rand, d *doc, f *schema.Field) {
	var steps []string
	for _, c := range f.Columns {
		if c.Name == "step" {
			for _, v := range c.Values {
				steps = append(steps, v.Value)
			}
		}
	}
	y, m := termStart(d.i)-1, 1+r.IntN(2)
	for _, s := range steps {
		fmt.Fprintf(b, "\n[[%s]]\nstep = %q\ndate = %s\n", f.Name, s, date(y, m, 1+r.IntN(28)))
		if r.IntN(3) > 0 {
			fmt.Fprintf(b, "approved_by = %q\n", "信息化工作领导小组")
		}
		m += 1 + r.IntN(3)
		if m > 12 {
			y, m = y+1, m-12
		}
	}
}

// projects writes an annual plan's projects: one for each task planPlans
// gave it, and a few more serving a task of the plan at random; a project
// now and then has a sub-project.
func (g *gen) projects(b *strings.Builder, r *rand.Rand, d *doc, f *schema.Field) {
	must := g.plans.serves[d.id]
	var all []task
	if fp := g.plans.follow[d.id]; fp != nil {
		all = g.plans.tasks[fp.id]
	}
	rows := max(len(must), 2+r.IntN(4))
	for k := 0; k < rows; k++ {
		name := pick(r, systems) + pick(r, projectKinds)
		var served []string
		switch {
		case k < len(must):
			served = []string{must[k]}
		case len(all) > 0:
			served = []string{all[r.IntN(len(all))].id}
		}
		g.project(b, r, d, f, name, "", served)
		if r.IntN(4) == 0 {
			g.project(b, r, d, f, name+pick(r, []string{"一期", "二期", "接口改造", "数据迁移"}), name, nil)
		}
	}
}

func (g *gen) project(b *strings.Builder, r *rand.Rand, d *doc, f *schema.Field, name, parent string, served []string) {
	fmt.Fprintf(b, "\n[[%s]]\n", f.Name)
	for _, c := range f.Columns {
		var v string
		switch c.Name {
		case "name":
			v = strconv.Quote(name)
		case "parent":
			if parent != "" {
				v = strconv.Quote(parent)
			}
		case "quarters":
			q := []string{"立项论证", "需求调研", "招标采购", "部署实施", "验收上线"}
			s := r.IntN(2)
			v = "[" + quoteList(q[s:s+4]) + "]"
		case "budget":
			v = strconv.Itoa((5 + r.IntN(200)) * 10000)
		case "tasks":
			if len(served) > 0 {
				v = "[" + quoteList(served) + "]"
			}
		case "lead":
			v = strconv.Quote("信息中心")
		case "partners":
			v = "[" + quoteList([]string{pick(r, departments)}) + "]"
		default:
			if !c.Required && r.IntN(4) == 0 {
				continue
			}
			v = g.value(r, d, c)
		}
		if v != "" {
			fmt.Fprintf(b, "%s = %s\n", c.Name, v)
		}
	}
}

// budget writes the year's budget by item, in ten-thousands of yuan as
// a hospital's are.
func (g *gen) budget(b *strings.Builder, r *rand.Rand, f *schema.Field) {
	var items []string
	for _, c := range f.Columns {
		if c.Name == "item" {
			for _, v := range c.Values {
				items = append(items, v.Value)
			}
		}
	}
	for _, it := range items {
		if r.IntN(4) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n[[%s]]\nitem = %q\namount = %d\n", f.Name, it, (10+r.IntN(900))*10000)
		if r.IntN(3) == 0 {
			fmt.Fprintf(b, "note = %q\n", phrase(r))
		}
	}
}

var (
	areas        = []string{"网络环境", "信息安全", "信息资源整合", "应用系统", "信息标准化", "人才队伍", "数据治理"}
	works        = []string{"升级改造", "建设", "整合", "等级保护", "容灾建设", "标准化", "集成"}
	projectKinds = []string{"升级项目", "建设项目", "改造项目", "扩容项目", "安全加固项目", "集成项目"}
)

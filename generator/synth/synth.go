// Package synth makes a synthetic site for measuring guifan (guifan synth,
// the build benchmarks, scripts/bench-compare.sh): N documents over every
// document type of the schemas, with Chinese text assembled from a
// vocabulary of hospital-IT terms (our own words), headings, lists, tables,
// doc: links, registers and records, about a tenth of them restricted. The
// same N and seed give the same bytes. The site passes guifan check, and
// its Markdown has TOML front matter between +++ lines, so Hugo can build
// the same content for comparison.
//
// The documents are made from the schemas: every type gets documents, every
// field a value of its type, every document the sections its type knows;
// a type added as data gets synthetic documents with no code change.
package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"guifan/generator/schema"
	"guifan/schemas"
)

// Builtin is Site over guifan's built-in schemas.
func Builtin(n int, seed uint64) (map[string][]byte, error) {
	set, diags := schema.Load(schemas.FS)
	if diags.Errors() > 0 {
		return nil, fmt.Errorf("synth: the built-in schemas have %d errors", diags.Errors())
	}
	return Site(set, n, seed)
}

// MinDocs is the smallest site Site makes: one document of each built-in
// type.
func MinDocs(set *schema.Set) int { return len(set.TypeNames()) }

// share is how much of a site each type makes up, in parts; a type the
// table does not name gets one part.
var share = map[string]int{
	"regulation": 20, "procedure": 16, "job-duty": 8, "emergency-plan": 8, "faq": 8,
	"drill-record": 8, "training-record": 8, "inspection-record": 5, "review-record": 5,
	"glossary": 2, "asset-register": 2, "risk-assessment": 2, "annual-plan": 2, "five-year-plan": 1,
	"organisation": 0, "service-desk": 0, // one each
}

// prefix is the id prefix of a type's documents.
var prefix = map[string]string{
	"regulation": "reg", "procedure": "proc", "job-duty": "duty", "emergency-plan": "ep", "faq": "faq",
	"drill-record": "drill", "training-record": "training", "inspection-record": "inspection",
	"review-record": "review", "glossary": "glossary", "asset-register": "assets", "risk-assessment": "risk",
	"annual-plan": "plan", "five-year-plan": "fyp", "organisation": "org", "service-desk": "service-desk",
}

// doc is one document planned before any is written, so that links and
// references can point forward.
type doc struct {
	i          int
	id         string
	tp         *schema.DocType
	title      string
	restricted bool
}

type gen struct {
	set    *schema.Set
	seed   uint64
	docs   []*doc
	byType map[string][]*doc
	byID   map[string]*doc
	public map[string][]*doc // public documents by type
	pub    []*doc            // every public document
	titles map[string]int
	qn     int // FAQ questions made so far, for unique questions
	plans  planning
}

// Site returns the files of a synthetic site of n documents (n >=
// MinDocs), keyed by slash path under the site: hospital.toml and
// content/. The same n and seed give the same files.
func Site(set *schema.Set, n int, seed uint64) (map[string][]byte, error) {
	if n < MinDocs(set) {
		return nil, fmt.Errorf("synth: %d documents is fewer than the %d types", n, MinDocs(set))
	}
	g := &gen{set: set, seed: seed, byType: map[string][]*doc{}, byID: map[string]*doc{}, public: map[string][]*doc{}, titles: map[string]int{}}
	g.plan(n)
	files := map[string][]byte{"hospital.toml": g.hospital()}
	for _, d := range g.docs {
		path, data := g.write(d)
		files[path] = data
	}
	return files, nil
}

// rng is the random source of one part of the site: the same part gets
// the same numbers whatever else the site holds.
func (g *gen) rng(part, i int) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed^0x9e3779b97f4a7c15, uint64(part)<<40|uint64(i)))
}

// plan decides each document's type, id, title and classification.
func (g *gen) plan(n int) {
	names := g.set.TypeNames()
	slices.SortStableFunc(names, func(a, b string) int { return g.set.Types[a].Order - g.set.Types[b].Order })
	counts := map[string]int{}
	parts := 0
	for _, name := range names {
		counts[name] = 1
		p, ok := share[name]
		if !ok {
			p = 1
		}
		parts += p
	}
	left := n - len(names)
	given := 0
	for _, name := range names {
		p, ok := share[name]
		if !ok {
			p = 1
		}
		k := left * p / parts
		counts[name] += k
		given += k
	}
	// What rounding left goes to the largest share, regulations.
	counts[names[0]] += left - given
	r := g.rng(0, 0)
	var kinds []string
	for _, name := range names {
		for k := 0; k < counts[name]; k++ {
			kinds = append(kinds, name)
		}
	}
	// Documents of each type are spread over the site, not in blocks.
	r.Shuffle(len(kinds), func(a, b int) { kinds[a], kinds[b] = kinds[b], kinds[a] })
	// A tenth restricted, chosen by a shuffle; the one organisation and
	// service desk stay public, and each type keeps a public document.
	order := r.Perm(n)
	restricted := map[int]bool{}
	for _, i := range order {
		if len(restricted) == n/10 {
			break
		}
		// Plans are published to the whole hospital.
		if !planDoc(g.set.Types[kinds[i]]) {
			restricted[i] = true
		}
	}
	seenPublic := map[string]bool{}
	for i, name := range kinds {
		tp := g.set.Types[name]
		d := &doc{i: i, tp: tp, id: fmt.Sprintf("%s-%05d", idPrefix(name), i+1)}
		d.restricted = restricted[i] && counts[name] > 1
		g.docs = append(g.docs, d)
	}
	// Each type's first document is public; a type's public documents
	// are what a public document may link to.
	for _, d := range g.docs {
		if !seenPublic[d.tp.Name] && d.restricted {
			d.restricted = false
			// Keep the share: restrict another document of a type that
			// has public ones already.
			for _, o := range g.docs[d.i+1:] {
				if !o.restricted && seenPublic[o.tp.Name] && counts[o.tp.Name] > 1 && !planDoc(o.tp) {
					o.restricted = true
					break
				}
			}
		}
		if !d.restricted {
			seenPublic[d.tp.Name] = true
		}
	}
	for _, d := range g.docs {
		d.title = g.title(d)
		g.byType[d.tp.Name] = append(g.byType[d.tp.Name], d)
		g.byID[d.id] = d
		if !d.restricted {
			g.public[d.tp.Name] = append(g.public[d.tp.Name], d)
			g.pub = append(g.pub, d)
		}
	}
	g.planPlans()
}

func idPrefix(name string) string {
	if p, ok := prefix[name]; ok {
		return p
	}
	return name
}

// title names a document; a title made before gets an ordinal.
func (g *gen) title(d *doc) string {
	r := g.rng(1, d.i)
	label := d.tp.Label.In(schema.DefaultLang)
	var t string
	switch d.tp.Name {
	case "regulation":
		t = pick(r, systems) + pick(r, objects) + pick(r, []string{"管理制度", "管理办法", "安全规定", "管理规定"})
	case "procedure":
		t = pick(r, systems) + pick(r, objects) + pick(r, []string{"操作规程", "维护规程", "处理规程", "巡检规程"})
	case "job-duty":
		t = pick(r, posts) + "岗位职责"
	case "emergency-plan":
		t = pick(r, systems) + pick(r, incidents) + "应急预案"
	case "faq":
		t = "常见问题：" + pick(r, systems) + pick(r, objects) + "使用"
	case "drill-record":
		t = pick(r, systems) + pick(r, incidents) + "应急演练记录"
	case "training-record":
		t = pick(r, systems) + pick(r, objects) + "培训记录"
	case "inspection-record":
		t = pick(r, systems) + "制度执行情况检查记录"
	case "review-record":
		t = pick(r, systems) + pick(r, []string{"工作单统计分析", "变更评审", "问题根源分析", "项目需求评审"}) + "记录"
	default:
		t = "信息中心" + label
	}
	g.titles[t]++
	if k := g.titles[t]; k > 1 {
		t += fmt.Sprintf("（%d）", k)
	}
	return t
}

// hospital is the site's hospital.toml.
func (g *gen) hospital() []byte {
	var b strings.Builder
	b.WriteString("# 合成站点：guifan synth 生成，用于性能测量。全部内容均为虚构。\n")
	b.WriteString("name = \"合成示范医院\"\n")
	b.WriteString("short = \"合成医院\"\n")
	b.WriteString("level = \"三级甲等\"\n")
	fws := g.set.FrameworkIDs()
	fw := ""
	if len(fws) > 0 {
		fw = fws[0]
	}
	fmt.Fprintf(&b, "framework = %s\n", strconv.Quote(fw))
	b.WriteString("languages = [\"zh-CN\"]\n")
	b.WriteString("contact = \"信息中心服务台 8000\"\n")
	b.WriteString("forms = [\"service-request\", \"work-order\", \"operation-log\"]\n")
	b.WriteString("departments = [" + quoteList(departments) + "]\n")
	return []byte(b.String())
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// skewed picks with a Zipf-like skew: earlier words are more frequent, as
// in real text.
func skewed(r *rand.Rand, xs []string) string {
	return xs[int(float64(len(xs))*r.Float64()*r.Float64())]
}

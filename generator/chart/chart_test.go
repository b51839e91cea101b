package chart

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"guifan/generator/model"
	"guifan/generator/report"
)

// words stands in for the catalog: the key and its arguments.
func words() Words {
	return Words{T: func(key string, args ...any) string { return key + fmt.Sprint(args...) }}
}

// node is an element of a parsed picture.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n node) hasClass(c string) bool { return strings.Contains(" "+n.attr("class")+" ", " "+c+" ") }

// all returns the elements under n (n included) that pass keep.
func (n node) all(keep func(node) bool) []node {
	var out []node
	if keep(n) {
		out = append(out, n)
	}
	for _, c := range n.Nodes {
		out = append(out, c.all(keep)...)
	}
	return out
}

// text is all the character data under n.
func (n node) text() string {
	s := n.Text
	for _, c := range n.Nodes {
		s += c.text()
	}
	return s
}

// parse checks that a figure is well-formed XML and returns it, with its
// svg element.
func parse(t *testing.T, html string) (fig, svg node) {
	t.Helper()
	if err := xml.Unmarshal([]byte(html), &fig); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, html)
	}
	svgs := fig.all(func(n node) bool { return n.XMLName.Local == "svg" })
	if len(svgs) != 1 {
		t.Fatalf("%d svg elements, want 1", len(svgs))
	}
	svg = svgs[0]
	start := strings.Index(html, "<svg")
	end := strings.Index(html, "</svg>") + len("</svg>")
	var alone node
	if err := xml.Unmarshal([]byte(html[start:end]), &alone); err != nil || alone.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Errorf("the svg alone is not a standalone SVG document: %v, namespace %q", err, alone.XMLName.Space)
	}
	return fig, svg
}

// accessible checks a picture's name, description and text alternative:
// aria-labelledby names its title and desc, which say something, and the
// figure holds a table with a caption and one row per want.
func accessible(t *testing.T, fig, svg node, role string, rows int) {
	t.Helper()
	if svg.attr("role") != role {
		t.Errorf("role = %q, want %q", svg.attr("role"), role)
	}
	ids := strings.Fields(svg.attr("aria-labelledby"))
	if len(ids) != 2 {
		t.Fatalf("aria-labelledby = %q", svg.attr("aria-labelledby"))
	}
	for i, want := range []string{"title", "desc"} {
		got := svg.all(func(n node) bool { return n.attr("id") == ids[i] })
		if len(got) != 1 || got[0].XMLName.Local != want || strings.TrimSpace(got[0].text()) == "" {
			t.Errorf("%s (id %s) missing or empty", want, ids[i])
		}
	}
	tables := fig.all(func(n node) bool { return n.XMLName.Local == "table" })
	if len(tables) == 0 {
		t.Fatal("no text alternative (table)")
	}
	body := tables[0].all(func(n node) bool { return n.XMLName.Local == "tbody" })[0]
	if got := len(body.Nodes); got != rows {
		t.Errorf("text alternative has %d rows, want %d", got, rows)
	}
	if len(tables[0].all(func(n node) bool { return n.XMLName.Local == "caption" })) != 1 {
		t.Error("text alternative has no caption")
	}
}

func sample() *report.Report {
	r := &report.Report{Chapters: []report.Chapter{{Number: 1, Title: "总则"}, {Number: 2, Title: "组织"}, {Number: 3, Title: "空章"}}}
	statuses := []string{"met", "partial", "missing", "manual", "not_applicable", "info", "met", "met"}
	for i, s := range statuses {
		ch := 1
		if i >= 3 {
			ch = 2
		}
		r.Articles = append(r.Articles, report.Article{Number: i + 1, Chapter: ch, Title: fmt.Sprintf("条<%d>&", i+1), Status: s})
	}
	return r
}

func TestChapters(t *testing.T) {
	t.Parallel()
	r := sample()
	fig, svg := parse(t, ChaptersHTML("c", Chapters(r), words()))
	accessible(t, fig, svg, "img", len(r.Chapters))
	marks := svg.all(func(n node) bool { return n.hasClass("mark") })
	if len(marks) != len(r.Chapters) {
		t.Fatalf("%d marks, want one per chapter (%d)", len(marks), len(r.Chapters))
	}
	for i, ch := range r.Chapters {
		if marks[i].attr("data-chapter") != fmt.Sprint(ch.Number) {
			t.Errorf("mark %d is of chapter %s", i, marks[i].attr("data-chapter"))
		}
		want := map[string]int{}
		for _, a := range r.Articles {
			if a.Chapter == ch.Number {
				want["status-"+a.Status]++
			}
		}
		got := map[string]int{}
		for _, seg := range marks[i].all(func(n node) bool { return n.XMLName.Local == "rect" && strings.HasPrefix(n.attr("class"), "status-") }) {
			var k int
			fmt.Sscan(seg.attr("data-n"), &k)
			got[seg.attr("class")] += k
			if fill, _, _ := barColours(strings.TrimPrefix(seg.attr("class"), "status-")); seg.attr("fill") != fill {
				t.Errorf("chapter %d: %s drawn in %s", ch.Number, seg.attr("class"), seg.attr("fill"))
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("chapter %d: segments %v, want %v", ch.Number, got, want)
		}
	}
}

func TestGrid(t *testing.T) {
	t.Parallel()
	r := sample()
	fig, svg := parse(t, GridHTML("g", Grid(r), func(n int) string { return fmt.Sprintf("../articles/%d/index.html", n) }, words()))
	accessible(t, fig, svg, "group", len(r.Articles))
	marks := svg.all(func(n node) bool { return n.hasClass("mark") })
	if len(marks) != len(r.Articles) {
		t.Fatalf("%d marks, want one per article (%d)", len(marks), len(r.Articles))
	}
	for i, a := range r.Articles {
		m := marks[i]
		if m.XMLName.Local != "a" || m.attr("href") != fmt.Sprintf("../articles/%d/index.html", a.Number) {
			t.Errorf("article %d: <%s href=%q>, want a link to its page", a.Number, m.XMLName.Local, m.attr("href"))
		}
		rects := m.all(func(n node) bool { return n.XMLName.Local == "rect" })
		if len(rects) != 1 || rects[0].attr("class") != "status-"+a.Status {
			t.Errorf("article %d: cell class %q, want status-%s", a.Number, rects[0].attr("class"), a.Status)
		}
		name := m.all(func(n node) bool { return n.XMLName.Local == "title" })
		if len(name) != 1 || !strings.Contains(name[0].text(), a.Title) || !strings.Contains(name[0].text(), "status."+a.Status) {
			t.Errorf("article %d: the link's title (its accessible name) lacks its title or verdict", a.Number)
		}
	}
}

func TestRatio(t *testing.T) {
	t.Parallel()
	c := RatioChart{Title: "占比", Met: 0.02, Partial: 0.01, Years: []RatioYear{
		{Year: 2025, Doc: "计划 2025", Items: []Amount{{"人员费", "100 元"}, {"设备费", "50 元"}}, Total: "150 元", Revenue: "10000 元", Ratio: 0.015, Status: "partial"},
		{Year: 2026, Doc: "计划 2026", Items: []Amount{{"人员费", "300 元"}}, Total: "300 元", Revenue: "10000 元", Ratio: 0.03, Status: "met"},
	}}
	w := words()
	html := RatioHTML("r", c, w)
	fig, svg := parse(t, html)
	if svg.attr("role") != "img" {
		t.Errorf("role %q", svg.attr("role"))
	}
	marks := svg.all(func(n node) bool { return n.hasClass("mark") })
	if len(marks) != 2 {
		t.Fatalf("%d marks, want one per year", len(marks))
	}
	for i, y := range c.Years {
		rect := marks[i].all(func(n node) bool { return n.XMLName.Local == "rect" })
		if marks[i].attr("data-year") != fmt.Sprint(y.Year) || rect[0].attr("class") != "status-"+y.Status {
			t.Errorf("year %d: mark %v", y.Year, marks[i].Attrs)
		}
		if !strings.Contains(marks[i].text(), Percent(y.Ratio)) {
			t.Errorf("year %d: the column does not say %s", y.Year, Percent(y.Ratio))
		}
	}
	if n := len(svg.all(func(n node) bool { return n.hasClass("threshold") })); n != 2 {
		t.Errorf("%d threshold lines, want 2", n)
	}
	// The inputs are shown, not hidden: each item, the total, the revenue
	// and the ratio, for each year.
	tables := fig.all(func(n node) bool { return n.XMLName.Local == "table" })
	if len(tables) != 2 || tables[0].hasClass("sr-only") {
		t.Fatalf("%d input tables (want 2, visible)", len(tables))
	}
	for _, want := range []string{"人员费", "100 元", "设备费", "chart.total", "150 元", "chart.revenue", "10000 元", "1.50%", "3.00%"} {
		if !strings.Contains(fig.text(), want) {
			t.Errorf("inputs lack %q", want)
		}
	}
}

func TestTimeline(t *testing.T) {
	t.Parallel()
	d := func(y, m, dd int) model.Date { return model.Date{Year: y, Month: time.Month(m), Day: dd} }
	c := TimelineChart{Title: "演练", Period: "12 个月", AsOf: d(2026, 11, 25), Rows: []TimelineRow{
		{Label: "网络", Dates: []model.Date{d(2025, 12, 1), d(2026, 6, 1)}, Due: d(2027, 6, 1)},
		{Label: "电源", Dates: []model.Date{d(2025, 4, 1)}, Due: d(2026, 4, 1), Overdue: true},
		{Label: "新预案"},
		{Label: "机房", Dates: []model.Date{d(2026, 11, 1)}, Due: d(2027, 11, 1)},
	}}
	fig, svg := parse(t, TimelineHTML("t", c, words()))
	accessible(t, fig, svg, "img", len(c.Rows))
	marks := svg.all(func(n node) bool { return n.hasClass("mark") })
	if len(marks) != len(c.Rows) {
		t.Fatalf("%d marks, want one per row", len(marks))
	}
	for i, r := range c.Rows {
		if !marks[i].hasClass("status-" + r.Status()) {
			t.Errorf("row %s: class %q, want status-%s", r.Label, marks[i].attr("class"), r.Status())
		}
		if n := len(marks[i].all(func(n node) bool { return n.hasClass("record") })); n != len(r.Dates) {
			t.Errorf("row %s: %d records drawn, want %d", r.Label, n, len(r.Dates))
		}
		if n := len(marks[i].all(func(n node) bool { return n.hasClass("due") })); n != map[bool]int{true: 0, false: 1}[r.Due.IsZero()] {
			t.Errorf("row %s: %d due marks", r.Label, n)
		}
	}
	if got := []string{c.Rows[0].Status(), c.Rows[1].Status(), c.Rows[2].Status()}; fmt.Sprint(got) != "[met missing missing]" {
		t.Errorf("statuses %v", got)
	}
	// The years' labels stay inside the drawing (a year's line near the
	// right edge ends its label there): the axis ends three months past
	// the last due date, so 2028's line is a month from the edge.
	years := svg.all(func(n node) bool { return n.XMLName.Local == "text" && len(n.Text) == 4 && n.Text[:2] == "20" })
	if len(years) < 3 {
		t.Fatalf("%d year labels", len(years))
	}
	for _, n := range years {
		x, _ := strconv.ParseFloat(n.attr("x"), 64)
		lo, hi := x, x+28
		if n.attr("text-anchor") == "end" {
			lo, hi = x-28, x
		}
		if lo < 0 || hi > width {
			t.Errorf("year %s drawn from %.0f to %.0f, outside 0–%.0f", n.Text, lo, hi, width)
		}
	}
}

// The same data draw the same bytes.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	r := sample()
	a := ChaptersHTML("c", Chapters(r), words()) + GridHTML("g", Grid(r), func(int) string { return "x" }, words())
	b := ChaptersHTML("c", Chapters(r), words()) + GridHTML("g", Grid(r), func(int) string { return "x" }, words())
	if a != b {
		t.Error("two drawings of the same data differ")
	}
}

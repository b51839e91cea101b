package build

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"guifan/generator/i18n"
	"guifan/generator/model"
)

// TestPlanAmountsPresented: every amount of the plan pages prints through
// the presenter, in each language of the interface: the five-year plan's
// years (budget and revenue), the annual plan's budget table (items,
// total, revenue), the annual plan's PDF and the article 17 picture's
// inputs. No amount prints as a bare number (45 for 45 万元, 6800 for
// 6,800 万元), and the amount columns are right-aligned (class num).
func TestPlanAmountsPresented(t *testing.T) {
	t.Parallel()
	dir := copySiteDir(t, filepath.Join("..", "..", "examples", "community-hospital"))
	s, diags, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	asOf := model.Date{Year: 2026, Month: 11, Day: 25}
	diags.Append(s.Check(asOf))
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	m, _ := s.Assess(asOf)
	// plan-2026: budget items 180000 … 15000, total 450000, revenue
	// 68000000 (ratio 0.66%).
	want := map[string][]string{
		"zh-CN": {"45 万元", "6,800 万元", "0.66%"},
		"en":    {"450,000 yuan", "68,000,000 yuan", "0.66%"},
	}
	items := map[string][]string{
		"zh-CN": {"18 万元", "8.5 万元", "12 万元", "5 万元", "1.5 万元"},
		"en":    {"180,000 yuan", "85,000 yuan", "120,000 yuan", "50,000 yuan", "15,000 yuan"},
	}
	bare := regexp.MustCompile(`<td[^>]*>\s*(45|6800|18|8\.5|12|5|1\.5|450000|68000000)\s*</td>`)
	for _, lang := range []string{"zh-CN", "en"} {
		cat, err := i18n.Load(s.ThemeFS, lang)
		if err != nil {
			t.Fatal(err)
		}
		kinds := []string{"site"}
		if lang == "zh-CN" {
			kinds = append(kinds, "pdf")
		}
		files, od, err := s.Outputs(m, asOf, cat, kinds)
		if err != nil || od.Errors() > 0 {
			t.Fatal(err, od)
		}
		five := string(files["site/docs/plan-2024-2028.html"])
		track := section(t, five, `class="plan-track"`)
		annual := string(files["site/docs/plan-2026.html"])
		budget := section(t, annual, `class="data-table plan-budget"`)
		art17 := string(files["site/articles/17/index.html"])
		for _, w := range want[lang] {
			if !strings.Contains(track, w) {
				t.Errorf("%s: the five-year plan's years lack %q", lang, w)
			}
			if !strings.Contains(budget, w) {
				t.Errorf("%s: the annual plan's budget table lacks %q", lang, w)
			}
		}
		for _, w := range append(items[lang], want[lang]...) {
			if !strings.Contains(art17, w) {
				t.Errorf("%s: article 17's picture inputs lack %q", lang, w)
			}
		}
		for _, w := range items[lang] {
			if !strings.Contains(budget, w) {
				t.Errorf("%s: the annual plan's budget table lacks item %q", lang, w)
			}
		}
		for name, html := range map[string]string{"five-year plan": track, "budget": budget, "article 17": art17} {
			if m := bare.FindString(html); m != "" {
				t.Errorf("%s: %s prints a bare amount: %s", lang, name, m)
			}
		}
		for _, cell := range []string{`<td class="num">` + want[lang][0], `<td class="num">` + want[lang][1]} {
			if !strings.Contains(track, cell) {
				t.Errorf("%s: the five-year plan's years have no right-aligned cell %q", lang, cell)
			}
		}
		if lang == "zh-CN" {
			pdf := strings.Join(strings.Fields(pdfText(t, files["site/pdf/docs/plan-2026.pdf"])), "")
			for _, w := range append(items[lang], want[lang]...) {
				if !strings.Contains(pdf, strings.Join(strings.Fields(w), "")) {
					t.Errorf("the annual plan's PDF lacks %q", w)
				}
			}
		}
	}
}

// section is the element of page that opens with attr, to its closing
// </section>.
func section(t *testing.T, page, attr string) string {
	t.Helper()
	i := strings.Index(page, attr)
	if i < 0 {
		t.Fatalf("the page has no %s", attr)
	}
	j := strings.Index(page[i:], "</section>")
	if j < 0 {
		t.Fatalf("%s is not closed", attr)
	}
	return page[i : i+j]
}

package pdf

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The oracle below is written from the house rules, independently of the
// breaker's own tables.
const (
	lbTestClosing = "，。、；：？！）」』》】〕〗〉”’…—～·%‰°℃,.;:?!)]}，．：；？！）］｝" + "―⸺⋯"
	lbTestOpening = "（「『《【〔〖〈“‘([{（［｛"
)

// lbTestJoined reports whether a line break between the visible characters
// a and b is against the rules (or inside a character), so that the breaker
// may take it only when nothing else fits.
func lbTestJoined(a, b rune) bool {
	return strings.ContainsRune(lbTestClosing, b) || strings.ContainsRune(lbTestOpening, a) ||
		lbTestInside(a, b)
}

// lbTestInside reports whether a and b are parts of one printed character.
func lbTestInside(a, b rune) bool {
	return a == '\u200d' || unicode.In(b, unicode.Mn, unicode.Me, unicode.Mc) ||
		b >= 0xfe00 && b <= 0xfe0f || b >= 0xe0100 && b <= 0xe01ef || b >= 0x1f3fb && b <= 0x1f3ff ||
		b >= 0xe0020 && b <= 0xe007f || strings.ContainsRune("\u200c\u200d\u2060\ufeff", b)
}

// lbTestUnbreakable reports whether the visible text of a line has no
// boundary a break may be taken at under the rules: it is one group that
// had to be cut against them.
func lbTestUnbreakable(vis []rune) bool {
	for k := 1; k < len(vis); k++ {
		if !lbTestJoined(vis[k-1], vis[k]) {
			return false
		}
	}
	return true
}

// lbTestMeasure is a fixed-width stand-in for a font: ASCII is 5pt (6pt in
// style 1, a "bold" style), everything else 10pt.
func lbTestMeasure(s string, style int) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r < 0x80 && style == 1:
			w += 6
		case r < 0x80:
			w += 5
		default:
			w += 10
		}
	}
	return w
}

// lbTestParagraph is a realistic paragraph: punctuation of every kind,
// standard numbers, Latin abbreviations, percentages, times, a long URL.
const lbTestParagraph = "根据《GB/T 22239-2019 信息安全技术 网络安全等级保护基本要求》（以下简称“等保2.0”），" +
	"医院信息系统（HIS）、电子病历系统（HIS-EMR）及影像归档和通信系统（PACS）应当达到第三级要求。" +
	"机房须配置不间断电源（UPS），后备时间不少于30分钟；核心交换机采用双机热备，年可用率不低于99.95%。" +
	"每日10:30前完成数据备份——包括全量备份和增量备份……备份介质应异地存放，详见附录A.3或访问" +
	"https://example.org/his/emr/backup/policy/v2。温度控制在20℃至24℃，湿度40%～60%；" +
	"“重要数据”须加密存储，密钥长度不少于 256 位（AES-256），并在「安全管理制度」『第5.2条』中载明。"

// Latin words and numbers of lbTestParagraph that must never be split when
// they fit on a line.
var lbTestWords = []string{"GB/T", "22239-2019", "HIS", "HIS-EMR", "PACS", "UPS", "99.95%", "10:30", "A.3", "2.0", "AES-256", "256", "5.2"}

const lbTestURL = "https://example.org/his/emr/backup/policy/v2"

type lbTestRun struct {
	text  string
	style int
}

func lbTestAtoms(runs []lbTestRun) []Atom {
	var atoms []Atom
	for _, r := range runs {
		atoms = append(atoms, Atoms(r.text, r.style, lbTestMeasure)...)
	}
	return atoms
}

type lbStyled struct {
	r     rune
	style int
}

// lbIsSpace reports white space, which the breaker may turn into a Space atom
// or drop at a line's edge; a zero-width space counts as one.
func lbIsSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b'
}

// lbWantRunes is every non-space character of the input with its style.
func lbWantRunes(runs []lbTestRun) []lbStyled {
	var out []lbStyled
	for _, run := range runs {
		for _, r := range run.text {
			if !lbIsSpace(r) {
				out = append(out, lbStyled{r, run.style})
			}
		}
	}
	return out
}

// lbGotRunes is every non-space character of the lines with its style. Atoms
// are decoded one by one, so that invalid UTF-8 cannot merge across them.
func lbGotRunes(lines [][]Atom) []lbStyled {
	var out []lbStyled
	for _, l := range lines {
		for _, a := range l {
			for _, r := range a.Text {
				if !lbIsSpace(r) {
					out = append(out, lbStyled{r, a.Style})
				}
			}
		}
	}
	return out
}

func lbLineText(l []Atom) string {
	var b strings.Builder
	for _, a := range l {
		b.WriteString(a.Text)
	}
	return b.String()
}

func lbShow(lines [][]Atom) string {
	var s []string
	for _, l := range lines {
		s = append(s, lbLineText(l))
	}
	return strings.Join(s, " | ")
}

func lbVisible(s string) []rune {
	var out []rune
	for _, r := range s {
		if !lbIsSpace(r) {
			out = append(out, r)
		}
	}
	return out
}

// lbCheckInvariants checks what must hold for any input and any width: no
// character lost, added or reordered, styles kept, no empty line, spaces
// trimmed, and no line starting with a closing mark or ending with an opening
// one, except at the very start or end of the paragraph, where nothing else
// is possible, and where the rules leave no choice: after a line that is one
// group bound by the rules, too wide for a line, cut where it had to be.
func lbCheckInvariants(t *testing.T, name string, runs []lbTestRun, lines [][]Atom) {
	t.Helper()
	want, got := lbWantRunes(runs), lbGotRunes(lines)
	if fmt.Sprint(want) != fmt.Sprint(got) {
		t.Fatalf("%s: characters changed\nwant %q\ngot  %q", name, lbStyledString(want), lbStyledString(got))
	}
	seen := 0
	var prev []rune // visible text of the previous line with any
	for i, l := range lines {
		if len(l) == 0 {
			t.Fatalf("%s: line %d is empty: %s", name, i, lbShow(lines))
		}
		if l[0].Space || l[len(l)-1].Space {
			t.Errorf("%s: line %d %q keeps a space at an edge", name, i, lbLineText(l))
		}
		vis := lbVisible(lbLineText(l))
		if len(vis) == 0 {
			continue
		}
		if seen > 0 && lbTestJoined(prev[len(prev)-1], vis[0]) && !lbTestUnbreakable(prev) {
			t.Errorf("%s: line %d %q breaks before %q although line %q could be cut: %s", name, i, string(vis), vis[0], string(prev), lbShowShort(lines, i))
		}
		seen += len(vis)
		prev = vis
	}
}

// lbShowShort shows the lines around line i.
func lbShowShort(lines [][]Atom, i int) string {
	return lbShow(lines[max(0, i-3):min(len(lines), i+3)])
}

func lbStyledString(s []lbStyled) string {
	var b strings.Builder
	for _, c := range s {
		fmt.Fprintf(&b, "%c%d", c.r, c.style)
	}
	return b.String()
}

// lbCheckWidths checks that a line is wider than the space available only
// when it cannot be cut at all: it is a single character (with its combining
// marks), or one or two closing marks hang past its end. Text much wider
// than its box would run off the page or over the next table cell.
func lbCheckWidths(t *testing.T, name string, lines [][]Atom, width, indent float64) {
	t.Helper()
	for i, l := range lines {
		avail := width
		if i == 0 {
			avail -= indent
		}
		// Widths as the breaker has them: measured for whole atoms,
		// estimated for the pieces of an atom it cut (see Break), and the
		// same estimates for the characters of an atom (lbItems).
		w := 0.0
		for _, a := range l {
			w += a.Width
		}
		if w <= avail+1e-9 {
			continue
		}
		vis := lbVisible(lbLineText(l))
		// One or two closing marks (and any spaces or combining marks
		// before them) may hang.
		items := lbItems(l)
		est, hang, marks := w, 0.0, 0
		for k := len(items) - 1; k > 0; k-- {
			r := items[k].r
			if strings.ContainsRune(lbTestClosing, r) {
				if marks == 2 {
					break
				}
				marks++
			} else if !lbIsSpace(r) && !lbTestInside(items[k-1].r, r) {
				break
			}
			hang += items[k].width
		}
		if marks > 0 && est-hang <= avail+1e-9 {
			continue // hanging punctuation
		}
		for k := 1; k < len(vis); k++ {
			if !lbTestInside(vis[k-1], vis[k]) {
				t.Errorf("%s: line %d %q is %gpt wide, more than %gpt, but could be cut before %q", name, i, lbLineText(l), w, avail, vis[k])
				break
			}
		}
	}
}

func TestAtoms(t *testing.T) {
	tests := []struct {
		in   string
		want []string // atom texts; "_" marks a Space atom
	}{
		{"", nil},
		{"中文。", []string{"中", "文。"}},
		{"（中文）", []string{"（中", "文）"}},
		{"说：“好。”", []string{"说：", "“好。”"}},
		{"书名《GB/T 22239-2019》。", []string{"书", "名", "《GB/T", "_", "22239-2019》。"}},
		{"3.5 10:30 99.95% HIS-EMR", []string{"3.5", "_", "10:30", "_", "99.95%", "_", "HIS-EMR"}},
		{"1,000 a, b end.", []string{"1,000", "_", "a,", "_", "b", "_", "end."}},
		{"使用UPS电源", []string{"使", "用", "UPS", "电", "源"}},
		{"等待——然后……好", []string{"等", "待——", "然", "后……", "好"}},
		{"——开头", []string{"——", "开", "头"}},
		{"结束。」", []string{"结", "束。」"}},
		{"a\t\n b", []string{"a", "_", "b"}},
		{"  前后  ", []string{"_", "前", "后", "_"}},
		{"（ 中", []string{"（", "_", "中"}},
		{"中 ）", []string{"中", "_", "）"}},
		{"见（", []string{"见", "（"}},
		{"（）。", []string{"（）。"}},
		{"f(x) don’t", []string{"f", "(x)", "_", "don’t"}},
		{"かな한글①→", []string{"か", "な", "한", "글", "①", "→"}},
		{"ＡＢ", []string{"Ａ", "Ｂ"}},
		{"10\u00a0kg", []string{"10\u00a0kg"}},
		{"e\u0301t 中\u0301文", []string{"e\u0301t", "_", "中\u0301", "文"}},
		{"2019–2020", []string{"2019–2020"}},
		{"20℃至24℃，", []string{"20℃", "至", "24℃，"}},
		{"40%～60%", []string{"40%～", "60%"}},
	}
	for _, tt := range tests {
		atoms := Atoms(tt.in, 3, lbTestMeasure)
		var got []string
		for _, a := range atoms {
			if a.Style != 3 {
				t.Errorf("%q: atom %q has style %d", tt.in, a.Text, a.Style)
			}
			if a.Width != lbTestMeasure(a.Text, 3) {
				t.Errorf("%q: atom %q has width %g", tt.in, a.Text, a.Width)
			}
			if a.Space != (strings.TrimSpace(a.Text) == "") {
				t.Errorf("%q: atom %q has Space %v", tt.in, a.Text, a.Space)
			}
			if a.Space {
				if a.Text != " " {
					t.Errorf("%q: space atom prints %q", tt.in, a.Text)
				}
				got = append(got, "_")
				continue
			}
			got = append(got, a.Text)
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("Atoms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAtomsSpecialSpaces(t *testing.T) {
	atoms := Atoms("中\u3000文\u200b字", 0, lbTestMeasure)
	var got []string
	for _, a := range atoms {
		got = append(got, fmt.Sprintf("%q/%v", a.Text, a.Space))
	}
	want := []string{`"中"/false`, `"\u3000"/true`, `"文"/false`, `""/true`, `"字"/false`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestBreakCases(t *testing.T) {
	tests := []struct {
		name          string
		in            string
		width, indent float64
		want          []string
	}{
		{"fill", "一二三四五六七八九十", 50, 0, []string{"一二三四五", "六七八九十"}},
		{"indent", "一二三四五六七八九十", 50, 20, []string{"一二三", "四五六七八", "九十"}},
		{"closing pulls back", "一二三四。五六", 40, 0, []string{"一二三", "四。五六"}},
		{"closing fits", "一二三。四五六", 40, 0, []string{"一二三。", "四五六"}},
		{"closing run", "一二三四。」五", 40, 0, []string{"一二三", "四。」五"}},
		{"opening pushed", "一二三（四）五", 40, 0, []string{"一二三", "（四）五"}},
		{"opening at end of line", "一二三（四五", 40, 0, []string{"一二三", "（四五"}},
		{"dash kept", "一二三——四", 40, 0, []string{"一二", "三——四"}},
		{"ellipsis kept", "一二三……四", 40, 0, []string{"一二", "三……四"}},
		{"spaces trimmed", "aaa bbb ccc", 35, 0, []string{"aaa bbb", "ccc"}},
		{"leading spaces", "   一二  ", 100, 0, []string{"一二"}},
		{"word moves whole", "中文ABCDEFGH", 50, 0, []string{"中文", "ABCDEFGH"}},
		{"word fits exactly", "ABCDEFGH中文", 40, 0, []string{"ABCDEFGH", "中文"}},
		{"long word cut", "ABCDEFGHIJKL", 25, 0, []string{"ABCDE", "FGHIJ", "KL"}},
		{"long word after text", "中 ABCDEFGHIJKL", 25, 0, []string{"中", "ABCDE", "FGHIJ", "KL"}},
		{"long word with brackets", "（ABCDEFGH）", 30, 0, []string{"（ABCD", "EFGH）"}},
		{"unsplittable fits", "（中。」", 40, 0, []string{"（中。」"}},
		{"closing marks hang", "一（中。」", 20, 0, []string{"一", "（中。」"}},
		{"cut where it must", "一（（中。", 20, 0, []string{"一", "（（", "中。"}},
		{"run of opening marks", "（（（（（中", 20, 0, []string{"（（", "（（", "（中"}},
		{"run of closing marks", "中。。。。。", 30, 0, []string{"中。。。", "。。"}},
		{"combining marks stay", "e\u0301\u0301\u0301", 5, 0, []string{"e\u0301\u0301\u0301"}},
		{"space before closing", "aaaa ）bb", 40, 0, []string{"aaaa ）", "bb"}},
		{"space after opening", "aa （ bbbb", 40, 0, []string{"aa", "（ bbbb"}},
		{"number", "共计99.95%可用", 35, 0, []string{"共计", "99.95%", "可用"}},
		{"standard", "见GB/T 22239-2019。", 60, 0, []string{"见GB/T", "22239-2019。"}},
		// Narrower than any character: each gets a line of its own, since
		// keeping "一。" together would not make it fit either.
		{"zero width", "一。二", 0, 0, []string{"一", "。", "二"}},
		{"negative first line", "一二三", 30, 50, []string{"一", "二三"}},
		{"empty", "", 100, 0, nil},
		{"only spaces", " \t\n ", 100, 0, nil},
	}
	for _, tt := range tests {
		runs := []lbTestRun{{tt.in, 0}}
		lines := Break(lbTestAtoms(runs), tt.width, tt.indent)
		var got []string
		for _, l := range lines {
			got = append(got, lbLineText(l))
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("%s: Break(%q, %g, %g) = %q, want %q", tt.name, tt.in, tt.width, tt.indent, got, tt.want)
		}
		lbCheckInvariants(t, tt.name, runs, lines)
		lbCheckWidths(t, tt.name, lines, tt.width, tt.indent)
	}
}

// TestBreakParagraph sweeps a realistic paragraph over many widths.
func TestBreakParagraph(t *testing.T) {
	source := lbTestParagraph + " " + lbTestParagraph
	for _, indent := range []float64{0, 20} {
		for width := 30.0; width <= 400; width += 7 {
			name := fmt.Sprintf("width %g indent %g", width, indent)
			runs := []lbTestRun{{source, 0}}
			lines := Break(lbTestAtoms(runs), width, indent)
			lbCheckInvariants(t, name, runs, lines)
			lbCheckWidths(t, name, lines, width, indent)
			lbCheckWords(t, name, source, lines, width-indent)
			if width < lbTestMeasure(lbTestURL, 0) {
				for _, l := range lines {
					if strings.Contains(lbLineText(l), lbTestURL) {
						t.Errorf("%s: the URL wider than the line was not cut: %q", name, lbLineText(l))
					}
				}
			}
		}
	}
}

// lbCheckWords checks that the Latin words of the paragraph stay whole when
// they fit on any line with room to spare for the punctuation glued to them.
func lbCheckWords(t *testing.T, name, source string, lines [][]Atom, avail float64) {
	t.Helper()
	for _, word := range append(lbTestWords, lbTestURL) {
		if lbTestMeasure(word, 0)+60 > avail {
			continue
		}
		n := 0
		for _, l := range lines {
			n += strings.Count(lbLineText(l), word)
		}
		if want := strings.Count(source, word); n != want {
			t.Errorf("%s: %q is split (%d of %d whole): %s", name, word, n, want, lbShow(lines))
		}
	}
}

// TestBreakMixedStyles breaks text made of several styled runs: glue must
// work across run boundaries without changing any atom.
func TestBreakMixedStyles(t *testing.T) {
	t.Run("closing mark in the next run", func(t *testing.T) {
		runs := []lbTestRun{{"一二三四", 0}, {"。五六", 1}}
		lines := Break(lbTestAtoms(runs), 40, 0)
		if got := lbShow(lines); got != "一二三 | 四。五六" {
			t.Fatalf("got %s", got)
		}
		if a := lines[1][1]; a.Text != "。" || a.Style != 1 || a.Width != 10 {
			t.Errorf("closing atom changed: %+v", a)
		}
		lbCheckInvariants(t, "closing", runs, lines)
	})
	t.Run("opening mark in the previous run", func(t *testing.T) {
		runs := []lbTestRun{{"一二三（", 0}, {"四五", 1}}
		lines := Break(lbTestAtoms(runs), 40, 0)
		if got := lbShow(lines); got != "一二三 | （四五" {
			t.Fatalf("got %s", got)
		}
	})
	t.Run("word split over styles", func(t *testing.T) {
		runs := []lbTestRun{{"一二三四", 0}, {"HIS", 1}, {"-EMR", 0}, {"系统", 1}}
		for width := 20.0; width <= 120; width++ {
			lines := Break(lbTestAtoms(runs), width, 0)
			lbCheckInvariants(t, "word", runs, lines)
			if width >= 38 && !strings.Contains(lbShow(lines), "HIS-EMR") {
				t.Errorf("width %g: word split: %s", width, lbShow(lines))
			}
		}
	})
	t.Run("paragraph in alternating styles", func(t *testing.T) {
		// Cut the paragraph into runs at every few characters, so run
		// boundaries fall before closing marks, after opening ones and
		// inside words.
		for step := 1; step <= 9; step++ {
			var runs []lbTestRun
			rs := []rune(lbTestParagraph)
			for i := 0; i < len(rs); i += step {
				runs = append(runs, lbTestRun{string(rs[i:min(i+step, len(rs))]), (i / step) % 2})
			}
			for width := 30.0; width <= 300; width += 13 {
				name := fmt.Sprintf("step %d width %g", step, width)
				lines := Break(lbTestAtoms(runs), width, 20)
				lbCheckInvariants(t, name, runs, lines)
				lbCheckWidths(t, name, lines, width, 20)
			}
		}
	})
}

// TestBreakDegenerateWidths: zero, negative and huge widths still terminate
// and lose nothing.
func TestBreakDegenerateWidths(t *testing.T) {
	runs := []lbTestRun{{lbTestParagraph, 0}}
	for _, width := range []float64{-10, 0, 1, 9.99, 1e9} {
		lines := Break(lbTestAtoms(runs), width, 20)
		lbCheckInvariants(t, fmt.Sprint("width ", width), runs, lines)
	}
	if lines := Break(lbTestAtoms(runs), 1e9, 0); len(lines) != 1 {
		t.Errorf("a huge width gives %d lines", len(lines))
	}
}

// TestBreakCallerAtoms: atoms not made by Atoms (several CJK characters in one
// atom, empty atoms) are cut between characters when too wide.
func TestBreakCallerAtoms(t *testing.T) {
	atoms := []Atom{
		{Text: "一二三四五六", Width: 60},
		{Text: ""},
		{Text: "。", Width: 10, Style: 1},
	}
	lines := Break(atoms, 30, 0)
	if got := lbShow(lines); got != "一二三 | 四五 | 六。" {
		t.Errorf("got %s", got)
	}
	for _, l := range lines {
		for _, a := range l {
			if a.Text != "" && a.Width != lbTestMeasure(a.Text, 0) {
				t.Errorf("piece %q has width %g", a.Text, a.Width)
			}
		}
	}
	// Inside a too-wide atom, CJK boundaries are taken before a Latin word
	// is cut.
	lines = Break([]Atom{{Text: "一二ABCDEF三四", Width: 70, Style: 2}}, 40, 0)
	if got := lbShow(lines); got != "一二 | ABCDEF三 | 四" {
		t.Errorf("got %s", got)
	}
	for _, l := range lines {
		for _, a := range l {
			if a.Style != 2 || a.Width != lbTestMeasure(a.Text, 0) {
				t.Errorf("piece %+v", a)
			}
		}
	}
}

// FuzzLineBreak: for any text in two styled runs and any width, every
// character comes out once and in order, no line starts with a closing
// mark (or ends with an opening one) unless the rules left no choice, no
// line is wider than allowed but for a character wider than the line or
// hanging punctuation, and the work is linear in the length of the text.
//
//	go test ./generator/pdf -run XXX -fuzz FuzzLineBreak -fuzztime 20s
func FuzzLineBreak(f *testing.F) {
	f.Add(lbTestParagraph, uint16(120), uint8(20), uint8(7))
	f.Add("（中。」——……", uint16(10), uint8(0), uint8(3))
	f.Add("a ( b ) c 「 」 “”", uint16(5), uint8(0), uint8(2))
	f.Add("\xe4 \xb8\xad。", uint16(1), uint8(0), uint8(1))
	f.Add("e\u0301\u200d中\ufe0f。\u00a0）", uint16(0), uint8(30), uint8(4))
	f.Add("\u200b", uint16(80), uint8(96), uint8(95))
	f.Add(strings.Repeat("（", 50)+"中"+strings.Repeat("。", 50), uint16(40), uint8(0), uint8(9))
	f.Add("0\x8f。\x8d中\xef \u03010000000", uint16(0), uint8(14), uint8(3))
	f.Fuzz(func(t *testing.T, s string, w uint16, ind, cut uint8) {
		width, indent := float64(w%600), float64(ind%64)
		// Two styled runs, cut at a character boundary.
		k := int(cut) % (len(s) + 1)
		for k > 0 && k < len(s) && !utf8.RuneStart(s[k]) {
			k--
		}
		runs := []lbTestRun{{s[:k], 0}, {s[k:], 1}}
		atoms := lbTestAtoms(runs)
		lines, work := lbBreak(atoms, width, indent)
		name := fmt.Sprintf("width %g indent %g", width, indent)
		lbCheckInvariants(t, name, runs, lines)
		lbCheckWidths(t, name, lines, width, indent)
		if limit := lbWorkPerRune * (utf8.RuneCountInString(s) + 1); work > limit {
			t.Errorf("%s: %d steps for %d characters", name, work, utf8.RuneCountInString(s))
		}
	})
}

// lbWorkPerRune bounds the steps Break takes per character: each is
// grouped once and looked at once per kind of boundary when its group is
// too wide for a line.
const lbWorkPerRune = 16

// TestBreakLinear: the work of breaking grows linearly with the text,
// whatever its shape, including the worst ones (a single group thousands
// of characters long that must be cut against the rules).
func TestBreakLinear(t *testing.T) {
	shapes := map[string]string{
		"paragraph":     lbTestParagraph,
		"cjk":           "数据备份管理制度，",
		"one word":      "a",
		"words":         "ab ",
		"opening marks": "（",
		"closing marks": "。",
		"spaced marks":  " ）",
		"brackets":      "(a",
		"combining":     "e\u0301",
	}
	for name, unit := range shapes {
		var prev int
		for _, n := range []int{2000, 20000} {
			s := strings.Repeat(unit, n/utf8.RuneCountInString(unit)+1)
			_, work := lbBreak(Atoms(s, 0, lbTestMeasure), 200, 20)
			if work > lbWorkPerRune*utf8.RuneCountInString(s) {
				t.Errorf("%s: %d steps for %d characters", name, work, utf8.RuneCountInString(s))
			}
			if prev > 0 && work > 11*prev {
				t.Errorf("%s: %d steps for %d characters, %d for a tenth: not linear", name, work, n, prev)
			}
			prev = work
		}
	}
}

// BenchmarkBreak measures the breaker on 20,000, 200,000 and 1,000,000
// characters of a realistic paragraph (ns/char should stay flat):
//
//	go test ./generator/pdf -run XXX -bench Break -benchmem
func BenchmarkBreak(b *testing.B) {
	for _, n := range []int{20000, 200000, 1000000} {
		s := strings.Repeat(lbTestParagraph, n/utf8.RuneCountInString(lbTestParagraph)+1)
		s = string([]rune(s)[:n])
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for range b.N {
				Break(Atoms(s, 0, lbTestMeasure), 440, 22)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/char")
		})
	}
}

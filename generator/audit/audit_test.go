package audit

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"guifan/generator/coverage"
	"guifan/generator/model"
	"guifan/generator/schema"
)

var asOf = model.Date{Year: 2026, Month: 11, Day: 25}

// framework has the requirements the tests attest.
var framework = &schema.Framework{Articles: []*schema.Article{{Number: 26, Requirements: []*schema.Requirement{
	{ID: "26.practice"}, {ID: "34.archive"}, {ID: "40.practice"}, {ID: "45.drill"},
}}}}

func parse(t *testing.T, text string) []coverage.Attestation {
	t.Helper()
	atts, _, diags := Parse([]byte(text), framework, asOf)
	if diags.Errors() > 0 {
		t.Fatalf("does not read back: %v\n%s", diags, text)
	}
	return atts
}

// handWritten is a file as an auditor might keep it: comments everywhere,
// keys in their own order, an inline comment, a Chinese verdict, a quoted
// date, a multi-line note and a justification.
const handWritten = `# 审核确认记录（区卫生健康委信息化检查组，2026 年 11 月）
# 这个文件可以直接编辑。

# 第二十六条：服务台
[[attestations]]
requirement = "26.practice"
auditor = "周宏"   # 组长
verdict = "满足"   # 现场抽查
date = "2026-11-12"
note = """抽查 10 月服务记录 25 条。
两次周末来电无人接听。"""

# 第三十四条：档案室（一级中心不适用）
[[attestations]]
requirement = "34.archive"
verdict = "not_applicable"
justification = "无单独房间。"
auditor = "周宏"
date = 2026-11-12
# 结尾的注释
`

// TestEditKeepsEverythingElse changes one entry and adds one; only the
// changed value's line differs and the new entry is appended.
func TestEditKeepsEverythingElse(t *testing.T) {
	before := parse(t, handWritten)
	changed := before[0]
	changed.Verdict = coverage.Partial
	added := Incoming("40.practice", coverage.Missing, "9 月 3 日上午升级了挂号系统。", "郑文静", model.Date{Year: 2026, Month: 11, Day: 20})
	out, err := Edit([]byte(handWritten), []coverage.Attestation{changed, before[1], added})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(handWritten, `verdict = "满足"   # 现场抽查`, `verdict = "partial"   # 现场抽查`, 1) + `
[[attestations]]
requirement = "40.practice"
verdict = "missing"
auditor = "郑文静"
date = 2026-11-20
note = "9 月 3 日上午升级了挂号系统。"
`
	if string(out) != want {
		t.Errorf("edited file:\n%s\nwant:\n%s", out, want)
	}
	got := parse(t, string(out))
	if len(got) != 3 || got[0].Verdict != coverage.Partial || got[0].Note != before[0].Note {
		t.Errorf("read back %+v", got)
	}
}

// TestEditKeys replaces a multi-line note by a one-line one, drops a
// justification, adds a note, changes a date, in a file with CRLF line
// ends and a byte-order mark, which are kept.
func TestEditKeys(t *testing.T) {
	src := "\uFEFF" + strings.ReplaceAll(handWritten, "\n", "\r\n")
	before := parse(t, src)
	a, b := before[0], before[1]
	a.Note = "改为一行。"
	a.Date = model.Date{Year: 2026, Month: 11, Day: 13}
	b.Verdict, b.Justification, b.Note = coverage.Met, "", "已设档案室。"
	out, err := Edit([]byte(src), []coverage.Attestation{a, b})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if !strings.HasPrefix(s, "\uFEFF") || strings.Count(s, "\r\n") != strings.Count(s, "\n") {
		t.Errorf("byte-order mark or CRLF line ends lost:\n%q", s)
	}
	want := strings.ReplaceAll(`# 审核确认记录（区卫生健康委信息化检查组，2026 年 11 月）
# 这个文件可以直接编辑。

# 第二十六条：服务台
[[attestations]]
requirement = "26.practice"
auditor = "周宏"   # 组长
verdict = "满足"   # 现场抽查
date = 2026-11-13
note = "改为一行。"

# 第三十四条：档案室（一级中心不适用）
[[attestations]]
requirement = "34.archive"
verdict = "met"
auditor = "周宏"
date = 2026-11-12
note = "已设档案室。"
# 结尾的注释
`, "\n", "\r\n")
	if s != "\uFEFF"+want {
		t.Errorf("edited file:\n%s\nwant:\n%s", s, want)
	}
	got := parse(t, s)
	if !same(got[0], a) || !same(got[1], b) {
		t.Errorf("read back %+v, want %+v %+v", got, a, b)
	}
}

// TestEditUnchanged: the same attestations leave the text as it was.
func TestEditUnchanged(t *testing.T) {
	out, err := Edit([]byte(handWritten), parse(t, handWritten))
	if err != nil || string(out) != handWritten {
		t.Errorf("an unchanged edit changed the file (%v):\n%s", err, out)
	}
}

// TestWriteInlineArray: a file that keeps its entries in an inline array
// cannot be edited entry by entry; it is written anew.
func TestWriteInlineArray(t *testing.T) {
	src := `attestations = [{requirement = "26.practice", verdict = "met", auditor = "周宏", date = 2026-11-12}]` + "\n"
	before := parse(t, src)
	b := before[0]
	b.Verdict = coverage.Missing
	out, rewritten, err := Write([]byte(src), "头", []coverage.Attestation{b})
	if err != nil || !rewritten {
		t.Fatalf("rewritten %v, %v", rewritten, err)
	}
	if got := parse(t, string(out)); len(got) != 1 || got[0].Verdict != coverage.Missing {
		t.Errorf("read back %+v", got)
	}
}

// TestEmptyFile: an empty attestations file, which an interrupted write
// leaves, is an error, not "no attestations".
func TestEmptyFile(t *testing.T) {
	for _, text := range []string{"", "\uFEFF", " \r\n\n"} {
		fsys := fstest.MapFS{File: {Data: []byte(text)}}
		_, _, diags := Load(fsys, framework, asOf)
		if diags.Errors() != 1 || diags[0].Code != "attest.empty" {
			t.Errorf("%q: %v, want attest.empty", text, diags)
		}
	}
	// A file with only comments is a valid file with no attestations.
	fsys := fstest.MapFS{File: {Data: []byte("# 尚无审核确认\n")}}
	if atts, _, diags := Load(fsys, framework, asOf); len(diags) > 0 || len(atts) != 0 {
		t.Errorf("a file of comments: %v %v", atts, diags)
	}
	// No file: no attestations, no error.
	if atts, _, diags := Load(fstest.MapFS{}, framework, asOf); len(diags) > 0 || len(atts) != 0 {
		t.Errorf("no file: %v %v", atts, diags)
	}
	big := fstest.MapFS{File: {Data: []byte("# " + strings.Repeat("x", model.MaxFileBytes) + "\n")}}
	if _, _, diags := Load(big, framework, asOf); diags.Errors() != 1 || diags[0].Code != "file.too-large" {
		t.Errorf("a file over MaxFileBytes: %v", diags)
	}
}

// TestQuoteControlCharacters writes every control character (and the
// characters quote escapes besides) and reads them back.
func TestQuoteControlCharacters(t *testing.T) {
	var all []rune
	for r := rune(0); r < 0x20; r++ {
		all = append(all, r)
	}
	all = append(all, 0x7F, 0x80, 0x9F, 0x2028, 0x202E, 0xFEFF, '"', '\\', '\'', '#', '中')
	note := string(all)
	for _, r := range all {
		roundTrip(t, coverage.Attestation{Requirement: "26.practice", Verdict: coverage.Met, Auditor: "周" + string(r), Date: asOf, Note: string(r) + note})
	}
	q := quote(string(all))
	for _, r := range q {
		if r < 0x20 || r == 0x7F {
			t.Errorf("quote left control character U+%04X raw: %q", r, q)
		}
	}
}

func roundTrip(t *testing.T, a coverage.Attestation) {
	t.Helper()
	text := Format("审核确认", []coverage.Attestation{a})
	got := parse(t, string(text))
	if len(got) != 1 || !same(got[0], a) {
		t.Fatalf("Format: wrote %+v, read back %+v\n%s", a, got, text)
	}
	// Through Edit too: changing an entry of a hand-written file.
	a.Requirement = "26.practice"
	out, err := Edit([]byte(handWritten), []coverage.Attestation{a})
	if err != nil {
		t.Fatalf("Edit: %v", err)
	}
	got = parse(t, string(out))
	if len(got) != 2 || !same(got[0], a) {
		t.Fatalf("Edit: wrote %+v, read back %+v\n%s", a, got, out)
	}
	// And adding it as a new entry.
	a.Requirement = "45.drill"
	out, err = Edit([]byte(handWritten), []coverage.Attestation{a})
	if err != nil {
		t.Fatalf("Edit: %v", err)
	}
	got = parse(t, string(out))
	if len(got) != 3 || !same(got[2], a) {
		t.Fatalf("Edit (new entry): wrote %+v, read back %+v\n%s", a, got, out)
	}
}

// FuzzAttestationRoundTrip writes an attestation with arbitrary note,
// justification and auditor and reads it back with Parse.
func FuzzAttestationRoundTrip(f *testing.F) {
	f.Add("抽查 60 份。", "", "周宏")
	f.Add("a\x7fb\x00c\"\\'''\"\"\"", "理由\n第二行", "王\t审核")
	f.Add("\u2028\u202e#", "x\r\ny", "'''")
	f.Fuzz(func(t *testing.T, note, justification, auditor string) {
		if !utf8.ValidString(note) || !utf8.ValidString(justification) || !utf8.ValidString(auditor) || strings.TrimSpace(auditor) == "" {
			t.Skip() // refused before writing: invalid UTF-8, no auditor
		}
		a := coverage.Attestation{Requirement: "34.archive", Verdict: coverage.Partial, Note: note, Justification: justification, Auditor: auditor, Date: asOf}
		if justification != "" && strings.TrimSpace(justification) == "" {
			a.Verdict = coverage.Met
		} else if justification != "" {
			a.Verdict = coverage.NotApplicable
		}
		roundTrip(t, a)
	})
}

// FuzzEdit edits arbitrary attestations files that read without errors:
// the edit either succeeds and reads back (Edit checks that itself) or
// says the layout cannot be edited entry by entry; it never fails to read
// back, and it never changes a file whose entries stay the same.
func FuzzEdit(f *testing.F) {
	f.Add(handWritten, "新的意见", uint8(0))
	f.Add(strings.ReplaceAll(handWritten, "\n", "\r\n"), "x", uint8(1))
	f.Add("[[attestations]]\nrequirement='26.practice'\nverdict='met' # c\nauditor='''周'''\ndate=2026-11-12 # 日期\nnote='''a\"b\n#c'''\n", "y\"\"\"", uint8(2))
	f.Add("[[attestations]]\n\"requirement\" = \"26.practice\"\n\"verdict\"=\"met\"\nauditor = \"周\\\"宏\"\ndate = 2026-11-12T10:00:00\nnote = \"\"\"\\\n  续行 \\\"\"\" \"\"\"\"\n[[ attestations ]]\nrequirement = \"34.archive\"\nverdict = \"met\"\nauditor = \"x\"\ndate = 2026-11-12", "", uint8(3))
	f.Add("# 只有注释\n", "z", uint8(4))
	f.Fuzz(func(t *testing.T, src, note string, how uint8) {
		atts, _, diags := Parse([]byte(src), framework, asOf)
		if diags.Errors() > 0 || !utf8.ValidString(note) {
			t.Skip()
		}
		if out, err := Edit([]byte(src), atts); err == nil && string(out) != src {
			t.Fatalf("an edit without changes changed the file:\n%q\n%q", src, out)
		}
		var want []coverage.Attestation
		switch {
		case len(atts) == 0 || how%3 == 0:
			want = append(atts, coverage.Attestation{Requirement: "45.drill", Verdict: coverage.Met, Auditor: "周", Date: asOf, Note: note})
			if len(atts) == 4 {
				t.Skip()
			}
			for _, a := range atts {
				if a.Requirement == "45.drill" {
					t.Skip()
				}
			}
		default:
			a := atts[int(how)%len(atts)]
			a.Note = note
			a.Date = model.Date{Year: 2026, Month: 1, Day: 1 + int(how)%28}
			if how%2 == 0 {
				a.Verdict, a.Justification = coverage.Missing, ""
			}
			want = []coverage.Attestation{a}
		}
		out, err := Edit([]byte(src), want)
		if errors.Is(err, ErrLayout) {
			return
		}
		if err != nil {
			t.Fatalf("%v\nsource:\n%s", err, src)
		}
		if _, _, diags := Parse(out, framework, asOf); diags.Errors() > 0 {
			t.Fatalf("edited file does not parse: %v\n%s", diags, out)
		}
	})
}

// TestKeyCaseAndImplausibleDates: the TOML decoder matches "Auditor" to
// auditor, so a file could hold both spellings; and a date such as
// 0000-01-01 parses. Both are errors.
func TestKeyCaseAndImplausibleDates(t *testing.T) {
	for text, code := range map[string]string{
		"[[attestations]]\nrequirement = \"26.practice\"\nverdict = \"met\"\nAuditor = \"周宏\"\ndate = 2026-11-12\n": "attest.key-case",
		"[[Attestations]]\nrequirement = \"26.practice\"\nverdict = \"met\"\nauditor = \"周宏\"\ndate = 2026-11-12\n": "attest.key-case",
		"[[attestations]]\nrequirement = \"26.practice\"\nverdict = \"met\"\nauditor = \"周宏\"\ndate = 0000-01-01\n": "attest.date",
		"[[attestations]]\nrequirement = \"26.practice\"\nverdict = \"met\"\nauditor = \"周宏\"\ndate = 2173-10-13\n": "attest.date",
	} {
		_, _, diags := Parse([]byte(text), framework, asOf)
		if diags.Errors() != 1 || diags[0].Code != code {
			t.Errorf("%s: %v, want %s", text, diags, code)
		}
	}
}

// TestEditCRLineEnds: a file with the lone CR line ends of old Mac
// editors is read, and edited with CR line ends kept.
func TestEditCRLineEnds(t *testing.T) {
	src := strings.ReplaceAll(handWritten, "\n", "\r")
	before := parse(t, src)
	a := before[1]
	a.Auditor = "王审核"
	added := Incoming("40.practice", coverage.Met, "", "郑文静", asOf)
	out, err := Edit([]byte(src), []coverage.Attestation{a, added})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "\n") {
		t.Errorf("LF line ends in a CR file:\n%q", out)
	}
	want := strings.ReplaceAll(strings.Replace(handWritten, "auditor = \"周宏\"\ndate = 2026-11-12\n# 结尾", "auditor = \"王审核\"\ndate = 2026-11-12\n# 结尾", 1)+
		"\n[[attestations]]\nrequirement = \"40.practice\"\nverdict = \"met\"\nauditor = \"郑文静\"\ndate = 2026-11-25\n", "\n", "\r")
	if string(out) != want {
		t.Errorf("edited:\n%q\nwant:\n%q", out, want)
	}
	if got := parse(t, string(out)); len(got) != 3 || got[1].Auditor != "王审核" {
		t.Errorf("read back %+v", got)
	}
}

// TestParseGBK: an attestations file saved as GBK gets the advice a
// document gets, not a TOML syntax error.
func TestParseGBK(t *testing.T) {
	gbk := []byte("[[attestations]]\nrequirement = \"26.practice\"\nverdict = \"met\"\nauditor = \"\xd6\xdc\xba\xea\"\ndate = 2026-11-12\n") // 周宏
	_, _, diags := Parse(gbk, framework, asOf)
	if diags.Errors() != 1 || diags[0].Code != "file.gbk" {
		t.Errorf("%v, want file.gbk", diags)
	}
}

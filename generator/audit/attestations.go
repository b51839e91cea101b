// Package audit reads and writes the auditor's file, audit/attestations.toml:
// one entry per requirement the auditor has judged, with the verdict, a
// note, the auditor's name and the date. Manual requirements need it; any
// requirement can be declared not applicable there, with a justification
// (the statement of applicability).
//
//	[[attestations]]
//	requirement = "26.practice"
//	verdict = "met"            # met / partial / missing / not_applicable (or 满足 / 部分满足 / 不满足 / 不适用)
//	auditor = "王审核"
//	date = 2026-11-10
//	note = "抽查 9—11 月工作单 60 份，响应均在时限内。"
package audit

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"

	"guifan/generator/coverage"
	"guifan/generator/diag"
	"guifan/generator/fsutil"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/textfile"
	"guifan/generator/tomlfile"
)

// File is where a site keeps its attestations.
const File = "audit/attestations.toml"

type fileData struct {
	Attestations []entry `toml:"attestations"`
}

// Load reads the attestations of a site. A site without the file has none;
// an empty file is an error (it is what an interrupted write leaves, and
// it must not pass as "no attestations"). Problems are reported against
// the framework: unknown requirement ids, verdicts, dates, a
// not-applicable verdict without a justification.
func Load(siteFS fs.FS, fw *schema.Framework, asOf model.Date, words ...Verdicts) ([]coverage.Attestation, *diag.Source, diag.List) {
	raw, diags := Read(siteFS)
	if raw == nil || diags.Errors() > 0 {
		return nil, nil, diags
	}
	atts, src, more := Parse(raw, fw, asOf, words...)
	diags.Append(more)
	return atts, src, diags
}

// Read returns the text of a site's attestations file, or nil when there
// is none. It reads as every file of a site is read (fsutil.ReadFile):
// only a regular file of at most model.MaxFileBytes; a refusal is reported
// at the file (fsutil.Report).
func Read(siteFS fs.FS) ([]byte, diag.List) {
	raw, err := fsutil.ReadFile(siteFS, File, model.MaxFileBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		var diags diag.List
		fsutil.Report(&diags, File, err)
		return nil, diags
	}
	return raw, nil
}

// Parse reads the text of an attestations file (see Load). Text that is
// not UTF-8 (GBK, UTF-16) gets the advice documents get (textfile.Decode).
func Parse(raw []byte, fw *schema.Framework, asOf model.Date, words ...Verdicts) ([]coverage.Attestation, *diag.Source, diag.List) {
	data, diags := textfile.Decode(File, raw)
	if diags.Errors() > 0 {
		return nil, nil, diags
	}
	src := diag.NewSource(File, data)
	if len(bytes.TrimSpace(data)) == 0 {
		diags.Add(diag.Pos{File: File, Line: 1, Col: 1}, "attest.empty", File, File+".bak")
		return nil, src, diags
	}
	var fd fileData
	for _, p := range tomlfile.DecodeStrict(data, &fd) {
		pos := diag.Pos{File: File, Line: p.Line, Col: p.Col}
		switch p.Kind {
		case tomlfile.ProblemSyntax:
			diags.Add(pos, "toml.syntax", p.Message)
			return nil, src, diags
		case tomlfile.ProblemType:
			diags.Add(pos, "attest.type", p.Key)
			return nil, src, diags
		default:
			diags.Add(pos, "attest.unknown", p.Key)
		}
	}
	doc, _ := tomlfile.Parse(data)
	diags.Append(keyCase(doc))
	c := entryChecker{doc: doc, asOf: asOf, words: words, seen: map[string]int{}, diags: &diags}
	c.ids, c.all = requirementIDs(fw)
	var out []coverage.Attestation
	for i, a := range fd.Attestations {
		if att, ok := c.check(i, a); ok {
			out = append(out, att)
		}
	}
	return out, src, diags
}

// entry is one [[attestations]] table as the file holds it.
type entry struct {
	Requirement   string `toml:"requirement"`
	Verdict       string `toml:"verdict"`
	Note          string `toml:"note"`
	Auditor       string `toml:"auditor"`
	Date          any    `toml:"date"`
	Justification string `toml:"justification"`
}

// requirementIDs returns the ids of the framework's requirements, as a
// set and in order (for suggestions).
func requirementIDs(fw *schema.Framework) (map[string]bool, []string) {
	ids := map[string]bool{}
	var all []string
	if fw != nil {
		for _, a := range fw.Articles {
			for _, r := range a.Requirements {
				ids[r.ID] = true
				all = append(all, r.ID)
			}
		}
	}
	return ids, all
}

// entryChecker checks the entries of one attestations file in order.
type entryChecker struct {
	doc   *tomlfile.Doc
	asOf  model.Date
	words []Verdicts
	ids   map[string]bool
	all   []string
	seen  map[string]int // requirement → index of its first entry
	diags *diag.List
}

// at is where the value of key in entry i is written, or the entry's
// header, or else the start of the file.
func (c *entryChecker) at(i int, key string) diag.Pos {
	p := diag.Pos{File: File, Line: 1, Col: 1}
	if c.doc != nil {
		if l, ok := c.doc.Loc("attestations[" + strconv.Itoa(i) + "]." + key); ok {
			p.Line, p.Col = l.ValLine, l.ValCol
		} else if l, ok := c.doc.Loc("attestations[" + strconv.Itoa(i) + "]"); ok {
			p.Line, p.Col = l.Line, l.Col
		}
	}
	return p
}

// check reports the problems of entry i and returns its attestation when
// it has none that make it unusable.
func (c *entryChecker) check(i int, a entry) (coverage.Attestation, bool) {
	ok := true
	if !c.ids[a.Requirement] {
		c.diags.Add(c.at(i, "requirement"), "attest.requirement", a.Requirement, diag.DidYouMean(diag.Suggest(a.Requirement, c.all)))
		ok = false
	}
	v, known := ParseVerdict(a.Verdict, c.words...)
	if !known {
		c.diags.Add(c.at(i, "verdict"), "attest.verdict", a.Verdict)
		ok = false
	}
	date, hasDate := model.AsDate(a.Date)
	if !hasDate || !date.Plausible() {
		c.diags.Add(c.at(i, "date"), "attest.date")
		ok = false
	} else if c.asOf.Before(date) {
		c.diags.Warn(c.at(i, "date"), "attest.future", date.String(), c.asOf.String())
	}
	if strings.TrimSpace(a.Auditor) == "" {
		c.diags.Add(c.at(i, "auditor"), "attest.auditor")
	}
	if v == coverage.NotApplicable && strings.TrimSpace(a.Justification) == "" {
		c.diags.Add(c.at(i, "verdict"), "attest.justification")
		ok = false
	}
	if prev, dup := c.seen[a.Requirement]; dup && a.Requirement != "" {
		c.diags.Add(c.at(i, "requirement"), "attest.duplicate", a.Requirement, c.at(prev, "requirement").Line)
		ok = false
	}
	c.seen[a.Requirement] = i
	if !ok {
		return coverage.Attestation{}, false
	}
	return coverage.Attestation{
		Requirement: a.Requirement, Verdict: v, Note: a.Note, Auditor: a.Auditor,
		Date: date, Justification: a.Justification, Pos: c.at(i, "requirement"),
	}, true
}

// fieldNames are the keys of an attestation.
var fieldNames = map[string]bool{"requirement": true, "verdict": true, "note": true, "auditor": true, "date": true, "justification": true}

// keyCase reports keys written in other letter case than guifan's
// ("Auditor" for auditor): the TOML decoder matches them to the fields
// regardless of case, so they would be read, yet they are other keys to
// TOML and to every other program, and two spellings of one key could
// both be present.
func keyCase(doc *tomlfile.Doc) diag.List {
	var diags diag.List
	if doc == nil {
		return nil
	}
	report := func(path, key, want string) {
		p := diag.Pos{File: File, Line: 1, Col: 1}
		if l, ok := doc.Loc(path); ok {
			p.Line, p.Col = l.Line, l.Col
		}
		diags.Add(p, "attest.key-case", key, want)
	}
	for _, k := range slices.Sorted(maps.Keys(doc.Data)) {
		if k != "attestations" && strings.EqualFold(k, "attestations") {
			report(k, k, "attestations")
		}
	}
	entries, _ := doc.Data["attestations"].([]map[string]any)
	for i, e := range entries {
		for _, k := range slices.Sorted(maps.Keys(e)) {
			if lower := strings.ToLower(k); !fieldNames[k] && fieldNames[lower] {
				report("attestations["+strconv.Itoa(i)+"]."+k, k, lower)
			}
		}
	}
	return diags
}

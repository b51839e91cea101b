package schema

import (
	"io/fs"
	"strings"

	"guifan/generator/diag"
)

// SectionRules say how sections of a document are recognised and when a
// section says something. They are data, in schemas/sections.toml.
type SectionRules struct {
	// MinChars is how many characters of text (letters and digits, not
	// punctuation or spaces) a section needs to count, unless it has a
	// list item or a table row. A section's own min_chars overrides it.
	MinChars int `toml:"min_chars"`
	// Infer is the share of a heading's words (weighted by how rare they
	// are among the type's sections) that a section's label, keywords and
	// description must explain for the heading to be inferred as that
	// section. A section's own infer overrides it.
	Infer float64 `toml:"infer"`
	// Placeholders are the words of text left to be written ("请填写",
	// "待补充", "TODO"): a line that is one of them, or starts or ends
	// with one and is shorter than MinChars, is not content.
	Placeholders []string `toml:"placeholders"`
	// Guidance are the words that open a block quote of drafting
	// guidance ("> 编写提示：……"): the whole block quote is not content.
	Guidance []string `toml:"guidance"`
	// Absence are the words that begin a field value saying the thing is
	// not there ("暂无", "未设立专门的技术档案室"); AbsenceAlone are words
	// that say so only standing alone ("无", "no": "无锡路" is an address).
	Absence      []string `toml:"absence"`
	AbsenceAlone []string `toml:"absence_alone"`
	// Departments say how people shorten department names.
	Departments DeptNames `toml:"departments"`
	// ListItems say how list items are written besides Markdown's markers.
	ListItems ListMarkers `toml:"list_items"`
	// Versions say how version numbers are written.
	Versions Versions `toml:"versions"`
}

// Default section rules, used when schemas/sections.toml leaves a value out.
const (
	DefaultMinChars = 20
	DefaultInfer    = 0.5
)

// loadSectionRules reads sections.toml if there is one; a schema tree
// without it gets the defaults.
func (s *Set) loadSectionRules(fsys fs.FS, diags *diag.List) {
	if _, err := fs.Stat(fsys, "sections.toml"); err == nil {
		var r SectionRules
		if s.decode(fsys, "sections.toml", &r, diags) {
			s.Sections = r
		}
	}
	if s.Sections.MinChars <= 0 {
		s.Sections.MinChars = DefaultMinChars
	}
	if s.Sections.Infer <= 0 {
		s.Sections.Infer = DefaultInfer
	}
}

// MinCharsOf is the amount of text that makes section sec substantive.
func (r SectionRules) MinCharsOf(sec *Section) int {
	if sec != nil && sec.MinChars > 0 {
		return sec.MinChars
	}
	if r.MinChars > 0 {
		return r.MinChars
	}
	return DefaultMinChars
}

// InferOf is the inference threshold of sec; negative means never.
func (r SectionRules) InferOf(sec *Section) float64 {
	if sec != nil && sec.Infer != 0 {
		return sec.Infer
	}
	if r.Infer > 0 {
		return r.Infer
	}
	return DefaultInfer
}

// StatesAbsence reports whether a field value says there is none: it is
// one of AbsenceAlone, or begins with one of Absence (after Normalize,
// without a final full stop).
func (r SectionRules) StatesAbsence(v any) bool {
	str, ok := v.(string)
	if !ok {
		return false
	}
	n := strings.TrimRight(Normalize(str), "。.")
	if n == "" {
		return false
	}
	for _, w := range r.AbsenceAlone {
		if n == Normalize(w) {
			return true
		}
	}
	for _, w := range r.Absence {
		if w := Normalize(w); w != "" && strings.HasPrefix(n, w) {
			return true
		}
	}
	return false
}

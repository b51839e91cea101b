// Package config reads hospital.toml, the settings of one hospital's site.
// Defaults come from one constructor; the file is decoded over them and then
// checked, so a site with a three-line hospital.toml works.
package config

import (
	"io/fs"
	"net/url"
	"strconv"
	"strings"

	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/generator/textfile"
	"guifan/generator/tomlfile"
	"guifan/themes"
)

// FileName is the name of the settings file at the root of a site.
const FileName = "hospital.toml"

// Hospital is the content of hospital.toml.
type Hospital struct {
	Name      string   `toml:"name"`      // 北京示范医院
	Code      string   `toml:"code"`      // registration code (统一社会信用代码), optional: the roll-up tells hospitals apart by it
	NameEn    string   `toml:"name_en"`   // English name, for the English interface
	Short     string   `toml:"short"`     // short name for headers
	Level     string   `toml:"level"`     // 三级甲等, 一级, ...
	Region    string   `toml:"region"`    // 北京市海淀区
	Framework string   `toml:"framework"` // id of the framework assessed against
	Languages []string `toml:"languages"` // first is the default language of outputs
	Theme     string   `toml:"theme"`     // theme name under themes/
	// Departments lists the hospital's departments; article 13 asks for a
	// liaison in each.
	Departments []string `toml:"departments"`
	// Forms lists the built-in blank forms (schemas/forms/) the hospital
	// has adopted: only adopted forms are evidence of its practice. The
	// build checks that each names a form.
	Forms []string `toml:"forms"`
	// Outputs lists what guifan build makes; nil makes every output. The
	// outputs and their names are build's table (build.OutputKinds), which
	// also checks this list.
	Outputs []string `toml:"outputs"`
	Fonts   Fonts    `toml:"fonts"`
	// Contact is the information centre's service phone, shown on outputs.
	Contact   string `toml:"contact"`
	ContactEn string `toml:"contact_en"` // the same for the English interface
	// Subtitle is the line beside the hospital's name in the site's
	// header (信息科 · 规章制度与操作规程), Intro the sentence under the
	// name on the home page; the _en forms are the English interface's.
	// Empty: the theme's words, which name no department.
	Subtitle   string `toml:"subtitle"`
	SubtitleEn string `toml:"subtitle_en"`
	Intro      string `toml:"intro"`
	IntroEn    string `toml:"intro_en"`
	// SiteURL is the address the intranet site is served at
	// (http://intranet.example/guifan/), if it has one. The audit
	// workbook links documents by it, so that its links still work in a
	// copy opened from a download folder.
	SiteURL string `toml:"site_url"`

	source *tomlfile.Doc
}

// Fonts lists font files for PDF output, tried in order for each character.
type Fonts struct {
	Serif []string `toml:"serif"` // body text (Song/Ming)
	Sans  []string `toml:"sans"`  // headings (Hei)
}

// BuiltinLanguages are the languages the built-in theme has catalogs for
// (themes/default/i18n/*.toml, see i18n.Languages).
func BuiltinLanguages() []string {
	theme, err := fs.Sub(themes.FS, "default")
	if err != nil {
		return []string{i18n.Default}
	}
	return i18n.Languages(theme)
}

// Default returns the settings used where hospital.toml is silent.
func Default() *Hospital {
	return &Hospital{
		Framework: "beijing-2008",
		Languages: []string{i18n.Default},
		Theme:     "default",
	}
}

// InLang returns a setting that has an English form (subtitle,
// subtitle_en) in language lang: the English form for an English
// interface (empty when not given), else the setting as written.
func InLang(lang, zh, en string) string {
	if strings.HasPrefix(lang, "en") {
		return en
	}
	return zh
}

// Lang returns the default language of the site's outputs.
func (h *Hospital) Lang() string {
	if len(h.Languages) == 0 {
		return i18n.Default
	}
	return h.Languages[0]
}

// Pos returns the position of a key in hospital.toml.
func (h *Hospital) Pos(key string) diag.Pos {
	p := diag.Pos{File: FileName, Line: 1, Col: 1}
	if h.source != nil {
		if l, ok := h.source.Loc(key); ok {
			p.Line, p.Col = l.ValLine, l.ValCol
		}
	}
	return p
}

// Parse reads the bytes of hospital.toml (the caller reads the file, with
// the site's limits). It returns the settings (defaults where the file is
// silent) and the problems found in the file. A file that is not UTF-8
// text gives the defaults, no source and the encoding diagnostic.
// Languages are checked against the built-in theme's catalogs.
func Parse(raw []byte) (*Hospital, *diag.Source, diag.List) {
	return ParseFor(raw, BuiltinLanguages())
}

// ParseFor is Parse for a site whose theme has catalogs for languages
// (i18n.Languages of the theme the site uses).
func ParseFor(raw []byte, languages []string) (*Hospital, *diag.Source, diag.List) {
	h := Default()
	data, diags := textfile.Decode(FileName, raw)
	if diags.Errors() > 0 {
		return h, nil, diags
	}
	src := diag.NewSource(FileName, data)
	for _, p := range tomlfile.DecodeStrict(data, h) {
		pos := diag.Pos{File: FileName, Line: p.Line, Col: p.Col}
		switch p.Kind {
		case tomlfile.ProblemSyntax:
			diags.Add(pos, "toml.syntax", p.Message)
		case tomlfile.ProblemType:
			diags.Add(pos, "config.type", p.Key)
		default:
			diags.Add(pos, "config.unknown", p.Key, suggest(p.Key))
		}
	}
	if doc, err := tomlfile.Parse(data); err == nil {
		h.source = doc
	}
	// Unknown keys do not stop the checks; a syntax or type error leaves
	// nothing trustworthy to check.
	decoded := true
	for _, d := range diags {
		decoded = decoded && d.Code == "config.unknown"
	}
	if decoded {
		h.check(&diags, languages)
	}
	return h, src, diags
}

func (h *Hospital) check(diags *diag.List, languages []string) {
	if strings.TrimSpace(h.Name) == "" {
		diags.Add(h.Pos("name"), "config.required", "name")
	}
	for i, l := range h.Languages {
		if !contains(languages, l) {
			diags.Add(h.Pos(Index("languages", i)), "config.language", l, strings.Join(languages, ", "))
		}
	}
	if h.SiteURL != "" {
		if u, err := url.Parse(h.SiteURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			diags.Add(h.Pos("site_url"), "config.site-url", h.SiteURL)
		}
	}
	seen := map[string]bool{}
	for i, d := range h.Departments {
		if seen[d] {
			diags.Warn(h.Pos(Index("departments", i)), "config.duplicate-department", d)
		}
		seen[d] = true
	}
}

// SiteLink returns the address of a page of the site (a path under
// site/) by SiteURL, or "" when the site has no address.
func (h *Hospital) SiteLink(page string) string {
	if h.SiteURL == "" {
		return ""
	}
	return strings.TrimRight(h.SiteURL, "/") + "/" + page
}

// FontFile returns the file of a font setting: "fonts/simsun.ttc#1" names
// face 1 of fonts/simsun.ttc.
func FontFile(spec string) string {
	if i := strings.LastIndex(spec, "#"); i > 0 {
		return spec[:i]
	}
	return spec
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// Index returns the key path of element i of a list setting: "fonts.serif[0]".
func Index(key string, i int) string { return key + "[" + strconv.Itoa(i) + "]" }

// knownKeys are the keys hospital.toml accepts, for "did you mean".
var knownKeys = []string{"name", "code", "name_en", "short", "level", "region", "framework", "languages", "theme", "departments", "outputs", "fonts", "contact", "forms", "fonts.serif", "fonts.sans", "site_url", "subtitle", "subtitle_en", "intro", "intro_en", "contact_en"}

func suggest(key string) diag.Msg { return diag.DidYouMean(diag.Suggest(key, knownKeys)) }

// Package model is the plain data guifan works on: a hospital's site, its
// documents, their front matter and headings. It does no I/O and holds no
// rules; the loader (package content) fills it and the validator and the
// outputs read it.
package model

import (
	"bytes"
	"strings"

	"guifan/generator/config"
	"guifan/generator/diag"
	"guifan/generator/tomlfile"
)

// Project is one hospital's site: its settings and its documents.
type Project struct {
	Hospital *config.Hospital
	Docs     []*Document             // sorted by path
	Sources  map[string]*diag.Source // every file read, for printing diagnostics
}

// Doc returns the document with the given id, or nil.
func (p *Project) Doc(id string) *Document {
	for _, d := range p.Docs {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// Document is one file under content/: a Markdown file with TOML front
// matter, or a pure TOML file (registers).
type Document struct {
	Path   string // slash path relative to the site, e.g. "content/regulations/backup.md"
	Format string // "markdown" or "toml"
	Type   string // resolved document type; "" if it could not be resolved
	ID     string // from front matter, or the file name

	// Meta is the decoded front matter. Values are as TOML gives them:
	// string, int64, float64, bool, time.Time, []any, map[string]any and
	// []map[string]any.
	Meta map[string]any
	// Control is the document-control data of Meta, canonical (aliases
	// resolved, the type's defaults applied), filled by the loader.
	Control Control

	Body     []byte    // Markdown body, line endings normalised to \n
	BodyLine int       // file line on which Body starts
	Headings []Heading // body headings, with file lines
	// Analysis is what checking Body needs of it (its links and its parts
	// over the limits, a *markdown.Analysis; never its syntax tree), kept
	// by content.Parse from the parse that found Headings so that the body
	// is parsed once for loading and checking. Set and read through
	// markdown.Keep and markdown.AnalysisOf only; nil: not kept (a
	// document made otherwise), and AnalysisOf parses Body.
	Analysis any

	Source *diag.Source
	front  *tomlfile.Doc
	fmLine int // file line on which the front-matter text starts
}

// Heading is a heading of a document body.
type Heading struct {
	Level int
	Text  string // plain text, without a section tag
	Line  int    // file line
	Col   int
	// Tag is the section id the author named with "{#id}" at the end of
	// the heading ("## 处置步骤 {#activation}"), or "".
	Tag string
}

// SplitTag cuts a section tag "{#id}" off the end of a heading's text:
// "处置步骤 {#activation}" gives "处置步骤" and "activation". Text without a
// tag comes back unchanged with an empty tag.
func SplitTag(text string) (string, string) {
	t := strings.TrimRight(text, " \t")
	if !strings.HasSuffix(t, "}") {
		return text, ""
	}
	open := strings.LastIndex(t, "{#")
	if open < 0 {
		return text, ""
	}
	tag := strings.TrimSpace(t[open+2 : len(t)-1])
	if tag == "" || strings.ContainsAny(tag, " \t{}#") {
		return text, ""
	}
	return strings.TrimRight(t[:open], " \t"), tag
}

// SectionHeadings returns the headings that can name a section: all but a
// leading level-1 heading, which is the document's title ("数据库管理岗岗位
// 职责" must not count as the section 岗位职责).
func (d *Document) SectionHeadings() []Heading {
	if len(d.Headings) > 0 && d.Headings[0].Level == 1 {
		return d.Headings[1:]
	}
	return d.Headings
}

// BodyWithoutTitle returns the body without a leading level-1 heading,
// which repeats the title that pages and search results already show.
// Line numbers are kept (the heading's line is left blank).
func (d *Document) BodyWithoutTitle() []byte {
	if len(d.Headings) == 0 || d.Headings[0].Level != 1 {
		return d.Body
	}
	line := d.Headings[0].Line - d.BodyLine // 0-based line within the body
	if line < 0 {
		return d.Body
	}
	// The title's line: from the start of line number line to just after
	// its newline (or the end); replaced by a bare newline, in one copy.
	start := 0
	for range line {
		i := bytes.IndexByte(d.Body[start:], '\n')
		if i < 0 {
			return d.Body
		}
		start += i + 1
	}
	if start == len(d.Body) && line > 0 {
		return d.Body // the body ends with the line before
	}
	end := len(d.Body)
	if i := bytes.IndexByte(d.Body[start:], '\n'); i >= 0 {
		end = start + i + 1
	}
	if !bytes.HasPrefix(bytes.TrimSpace(d.Body[start:end]), []byte("#")) {
		return d.Body
	}
	out := make([]byte, 0, len(d.Body)-(end-start)+1)
	out = append(out, d.Body[:start]...)
	out = append(out, '\n')
	return append(out, d.Body[end:]...)
}

// SetFront records the front matter's key positions; line is the file line
// on which the front-matter text starts.
func (d *Document) SetFront(front *tomlfile.Doc, line int) {
	d.front, d.fmLine = front, line
}

// Pos returns the file position of a front-matter key path such as
// "projects[2].budget": its value, or the key itself when key is true. An
// unknown path gives the start of the front matter.
func (d *Document) Pos(path string, key bool) diag.Pos {
	p := diag.Pos{File: d.Path, Line: 1, Col: 1}
	if d.front == nil {
		return p
	}
	if l, ok := d.front.Loc(path); ok {
		if key {
			p.Line, p.Col = l.Line+d.fmLine-1, l.Col
		} else {
			p.Line, p.Col = l.ValLine+d.fmLine-1, l.ValCol
		}
	}
	return p
}

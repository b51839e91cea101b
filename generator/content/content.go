// Package content reads a hospital's site into the model.
//
// A site is a folder with hospital.toml and content/. Under content/, every
// .md file is a document: TOML front matter between two "+++" lines, then
// the Markdown body. Every .toml file is a document too, all front matter
// and no body (registers such as the asset register). Other files (images,
// attachments) are left alone.
//
// A document's type is its front matter's "type", or else the type whose
// conventional folder (schemas/types/*.toml "dir") holds the file. Its id is
// the front matter's "id", or else the file name without extension.
//
// The loader accepts what Windows editors write (UTF-8 with a byte-order
// mark, CRLF line endings, and CR alone as old Mac editors did) and refuses,
// with a precise message, what it cannot read safely (GBK, UTF-16, UTF-32,
// invalid UTF-8; see textfile.Decode). It reads only regular files, of at
// most model.MaxFileBytes, and given fsutil.SiteFS nothing outside the site.
// Every diagnostic carries the file line and column, front-matter positions
// shifted to file lines.
package content

import (
	"bytes"
	"io/fs"
	"path"
	"sort"
	"strings"

	"guifan/generator/diag"
	"guifan/generator/fsutil"
	"guifan/generator/markdown"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/textfile"
	"guifan/generator/tomlfile"
)

// Dir is the folder of a site that holds the documents.
const Dir = "content"

// Load reads every document under content/ in fsys. Documents that cannot
// be read at all are reported and left out; the rest are returned even when
// they have problems, so that one bad file does not hide the others.
func Load(fsys fs.FS, set *schema.Set) ([]*model.Document, map[string]*diag.Source, diag.List) {
	return LoadCached(fsys, set, nil)
}

// LoadCached is Load, taking each file that c holds from c instead of
// reading it again, and keeping in c what it reads (see Cache). A nil c
// reads every file.
func LoadCached(fsys fs.FS, set *schema.Set, c *Cache) ([]*model.Document, map[string]*diag.Source, diag.List) {
	var diags diag.List
	sources := map[string]*diag.Source{}
	var docs []*model.Document
	st, err := fs.Stat(fsys, Dir)
	if _, refused := fsutil.IsRefused(err); refused {
		fsutil.Report(&diags, Dir, err)
		return nil, sources, diags
	}
	if err != nil || !st.IsDir() {
		diags.Warn(diag.Pos{File: Dir}, "content.missing")
		return nil, sources, diags
	}
	// The walk finds the files (and reports what it cannot walk); reading
	// and parsing them runs on every core, each file into its own slot,
	// gathered in the walk's order so diagnostics come out as they would
	// one file after another.
	files, pending, err := c.walk(fsys)
	c.load(files, fsys, set)
	for _, f := range files {
		diags.Append(f.diags)
		if f.src != nil {
			sources[f.path] = f.src
		}
		if f.doc != nil {
			docs = append(docs, f.doc)
		}
	}
	diags.Append(pending)
	if err != nil {
		fsutil.Report(&diags, Dir, err)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	return docs, sources, diags
}

// contentFile is a file of content/ as the walk found it, and what
// reading it gave.
type contentFile struct {
	path, format string
	diags        diag.List // the walk's own, before this file, then the file's
	doc          *model.Document
	src          *diag.Source
}

// walk lists the document files under content/, in the walk's order,
// skipping hidden names; what it cannot walk or follow is reported with
// the next file (pending: after the last).
func walk(fsys fs.FS) (files []contentFile, pending diag.List, err error) {
	err = fs.WalkDir(fsys, Dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			fsutil.Report(&pending, p, err)
			return nil
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") && p != Dir {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		format := formatOf(name)
		if format == "" {
			if e.Type()&fs.ModeSymlink != 0 {
				// A link to a folder (or out of the site) is not
				// followed: say so, in case documents are behind it.
				if st, err := fs.Stat(fsys, p); err != nil || st.IsDir() {
					pending.Warn(diag.Pos{File: p}, "content.link-skipped")
				}
			}
			return nil
		}
		files = append(files, contentFile{path: p, format: format, diags: pending})
		pending = nil
		return nil
	})
	return files, pending, err
}

// load reads and parses the file, resolves its type and reads its
// document control.
func (f *contentFile) load(fsys fs.FS, set *schema.Set) {
	data, err := fsutil.ReadFile(fsys, f.path, fsutil.LimitFor(f.path))
	if err != nil {
		fsutil.Report(&f.diags, f.path, err)
		return
	}
	doc, src, ds := Parse(f.path, f.format, data)
	f.diags.Append(ds)
	f.src = src
	if doc != nil {
		resolveType(doc, set, &f.diags)
		doc.Control = Control(set, doc)
		f.doc = doc
	}
}

func formatOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown":
		return "markdown"
	case ".toml":
		return "toml"
	}
	return ""
}

// Parse reads one document. It returns nil when the file cannot be read as
// a document at all (wrong encoding, broken front matter).
func Parse(name, format string, raw []byte) (*model.Document, *diag.Source, diag.List) {
	data, diags := textfile.Decode(name, raw)
	if diags.Errors() > 0 {
		return nil, nil, diags
	}
	src := diag.NewSource(name, data)
	if len(bytes.TrimSpace(data)) == 0 {
		diags.Add(diag.Pos{File: name, Line: 1, Col: 1}, "file.empty")
		return nil, src, diags
	}
	doc := &model.Document{Path: name, Format: format, Source: src}
	var front []byte
	frontLine := 1
	if format == "toml" {
		front = data
	} else {
		var ok bool
		front, doc.Body, doc.BodyLine, ok = splitFrontMatter(data, src, &diags)
		if !ok {
			return nil, src, diags
		}
		frontLine = 2
	}
	fm, err := tomlfile.Parse(front)
	if err != nil {
		se := err.(*tomlfile.SyntaxError)
		diags.Add(diag.Pos{File: name, Line: se.Line + frontLine - 1, Col: se.Col}, "toml.syntax", se.Msg)
		return nil, src, diags
	}
	doc.Meta = fm.Data
	doc.SetFront(fm, frontLine)
	doc.ID = doc.String("id")
	if doc.ID == "" {
		doc.ID = defaultID(name)
	}
	if format == "toml" {
		return doc, src, diags // all front matter, no body
	}
	// One parse gives the headings and what validate checks in the body.
	heads, analysis := markdown.Read(doc.Body)
	markdown.Keep(doc, analysis)
	for _, h := range heads {
		text, tag := model.SplitTag(h.Text) // markdown takes the tag off already; this is belt and braces
		if h.Tag != "" {
			tag = h.Tag
		}
		doc.Headings = append(doc.Headings, model.Heading{Level: h.Level, Text: text, Tag: tag, Line: h.Line + doc.BodyLine - 1, Col: h.Col})
	}
	return doc, src, diags
}

// splitFrontMatter separates "+++" front matter from the body.
func splitFrontMatter(data []byte, src *diag.Source, diags *diag.List) (front, body []byte, bodyLine int, ok bool) {
	first := src.Line(1)
	switch strings.TrimRight(first, " \t") {
	case "+++":
	case "---":
		diags.Add(diag.Pos{File: src.Name, Line: 1, Col: 1}, "front.yaml")
		return nil, nil, 0, false
	default:
		diags.Add(diag.Pos{File: src.Name, Line: 1, Col: 1}, "front.missing")
		return nil, nil, 0, false
	}
	for n := 2; n <= src.Lines(); n++ {
		if strings.TrimRight(src.Line(n), " \t") == "+++" {
			start := src.Offset(2)
			end := src.Offset(n)
			bodyStart := len(data)
			if n < src.Lines() {
				bodyStart = src.Offset(n + 1)
			}
			return data[start:end], data[bodyStart:], n + 1, true
		}
	}
	diags.Add(diag.Pos{File: src.Name, Line: 1, Col: 1}, "front.unclosed")
	return nil, nil, 0, false
}

// defaultID derives an id from the file name: "backup.md" -> "backup";
// "drills/index.md" -> "drills".
func defaultID(p string) string {
	base := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if base == "index" || base == "_index" {
		base = path.Base(path.Dir(p))
	}
	return base
}

// resolveType sets doc.Type from the front matter or the folder.
func resolveType(doc *model.Document, set *schema.Set, diags *diag.List) {
	if v, present := doc.Meta["type"]; present {
		name, _ := v.(string)
		if _, ok := set.Types[name]; ok {
			doc.Type = name
			return
		}
		if name == "" {
			return // a wrong type of value is the validator's to report
		}
		diags.Add(doc.Pos("type", false), "type.unknown", name, diag.DidYouMean(diag.Suggest(name, set.TypeNames())))
		return
	}
	rel := strings.TrimPrefix(doc.Path, Dir+"/")
	var found []string
	best := -1
	for _, name := range set.TypeNames() {
		dir := set.Types[name].Dir
		if dir == "" || !strings.HasPrefix(rel, dir+"/") {
			continue
		}
		switch {
		case len(dir) > best:
			found, best = []string{name}, len(dir)
		case len(dir) == best:
			found = append(found, name)
		}
	}
	switch len(found) {
	case 1:
		doc.Type = found[0]
		reportMisfiled(doc, set, set.Types[found[0]], diags)
	case 0:
		diags.Add(diag.Pos{File: doc.Path, Line: 1, Col: 1}, "type.missing", strings.Join(set.TypeNames(), ", "))
	default:
		diags.Add(diag.Pos{File: doc.Path, Line: 1, Col: 1}, "type.ambiguous", strings.Join(found, ", "))
	}
}

package build

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"guifan/generator/config"
	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/skeleton"
	"guifan/schemas"
)

// Problem is a refusal of init or new, in the catalog's terms: one or
// more messages (key and arguments), each printed on a line of its own.
type Problem struct {
	Lines []diag.Msg
}

func (p *Problem) Error() string { return p.Lines[0].Key }

func problem(key string, args ...any) *Problem {
	return &Problem{Lines: []diag.Msg{{Key: key, Args: args}}}
}

// InitSite creates a new site in dir: hospital.toml for the hospital
// name, the content folders, and a draft of every document the framework
// requires (skeleton.Required), each with its guidance, with the built-in
// schemas. It refuses a
// folder that has a hospital.toml already, and writes no file that
// exists (CreateFiles).
func InitSite(dir, name string, t func(string, ...any) string) error {
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		return problem("cmd.init.exists", filepath.Join(dir, config.FileName))
	}
	set, _ := schema.Load(schemas.FS)
	files := skeleton.Site(set, name, t)
	if ids := set.FrameworkIDs(); len(ids) > 0 {
		drafts := skeleton.Required(set, set.Frameworks[ids[0]], schema.DefaultLang, t, time.Now())
		maps.Copy(files, skeleton.Files(set, drafts, t))
	}
	return CreateFiles(dir, files)
}

// NewDocument writes a draft of a document of type typ with id into the
// site in dir, from the type's schema: the front matter with every
// required field and the body with every section the type knows. It
// returns the file's path relative to the site.
func NewDocument(dir, typ, id string, t func(string, ...any) string) (string, error) {
	return NewDocumentWith(dir, typ, id, NewOptions{}, t)
}

// NewOptions are what guifan new may be told besides the type and id.
type NewOptions struct {
	// Term gives the years of year fields taken from the id (--term
	// 2027-2031); nil: the years in the id.
	Term []int
	// Values are enum fields' values as the user wrote them (a value or
	// an alias), by field name: --post dba. They override what the id
	// names (skeleton.ValuesFromID).
	Values map[string]string
}

// NewDocumentWith is NewDocument with options.
func NewDocumentWith(dir, typ, id string, opts NewOptions, t func(string, ...any) string) (string, error) {
	if key, args := model.IDProblem(id); key != "" {
		return "", problem(key, args...)
	}
	s, _, err := LoadDir(dir)
	if err != nil {
		return "", err
	}
	ty := s.Schemas.Types[typ]
	if ty == nil {
		return "", &Problem{Lines: []diag.Msg{
			{Key: "type.unknown", Args: []any{typ, diag.DidYouMean(diag.Suggest(typ, s.Schemas.TypeNames()))}},
			{Key: "cmd.new.types", Args: []any{strings.Join(s.Schemas.TypeNames(), ", ")}},
		}}
	}
	// Ids that differ only in case name the same file on a Windows share
	// (check reports them as duplicates), so such an id exists already.
	for _, d := range s.Project.Docs {
		if model.FoldID(d.ID) == model.FoldID(id) {
			return "", problem("cmd.new.exists", id, d.Path)
		}
	}
	pick := func(types []string) string {
		for _, d := range s.Project.Docs {
			for _, want := range types {
				if d.Type == want {
					return d.ID
				}
			}
		}
		return ""
	}
	// The id, or a flag, may name a guided value (a job duty's post):
	// the draft then carries its guidance, as init's drafts do.
	values := skeleton.ValuesFromID(ty, id)
	for _, name := range slices.Sorted(maps.Keys(opts.Values)) {
		v := opts.Values[name]
		f := ty.Field(name)
		if f == nil || f.Type != "enum" {
			return "", problem("cmd.new.no-field", typ, name)
		}
		ev, ok := f.Lookup(v)
		if !ok {
			var words []string
			for _, x := range f.Values {
				words = append(words, x.Value)
				words = append(words, x.Aliases...)
			}
			return "", problem("field.enum", name, v, valueList{f}, diag.DidYouMean(diag.Suggest(v, words)))
		}
		values[name] = strconv.Quote(ev.Value)
	}
	spec := skeleton.Spec{ID: id, Lang: s.Project.Hospital.Lang(), Years: opts.Term, Values: values, Now: time.Now()}
	rel, data := skeleton.Write(s.Schemas, ty, spec, t, pick)
	target := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Lstat(target); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return "", problem("cmd.new.exists", id, rel)
	}
	if err := CreateFiles(dir, map[string][]byte{rel: data}); err != nil {
		return rel, err
	}
	return rel, nil
}

// valueList shows an enum's values in a message, each with its label in
// the reader's language: "dba（数据库管理岗）, ...".
type valueList struct{ f *schema.Field }

// In implements diag.Localized.
func (l valueList) In(lang string) string {
	parts := make([]string, len(l.f.Values))
	for i, v := range l.f.Values {
		parts[i] = v.Value
		if x := v.Label.In(lang); x != "" {
			parts[i] += "（" + x + "）"
		}
	}
	return strings.Join(parts, ", ")
}

// TypesOf returns the schemas of the site in dir, or the built-in ones
// when dir holds no site (guifan new --list before init).
func TypesOf(dir string) (*schema.Set, error) {
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err != nil {
		set, _ := schema.Load(schemas.FS)
		return set, nil
	}
	s, _, err := LoadDir(dir)
	if err != nil {
		return nil, err
	}
	return s.Schemas, nil
}

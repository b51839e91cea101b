package site

import (
	"errors"
	"html/template"
	"io/fs"
	"regexp"
	"strconv"
	texttemplate "text/template"
	"text/template/parse"
)

// LayoutProblem is a layout that cannot be used: one that does not parse
// (Detail holds the template library's words, Line and Col where it says;
// Col is 0 when it names the line only), or a page that calls a template
// ({{template "main"}}) that none of its files defines (Missing).
type LayoutProblem struct {
	Name      string // the layout file, e.g. "home.html"
	Line, Col int
	Detail    string
	Missing   string
}

var reTemplateErr = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// CheckLayouts parses the layouts Write uses, as Write does (each page
// with base.html and the partials; a type's own page layout too),
// without running them, so that guifan
// check finds a broken template before guifan build does. theme and
// layouts are as in Input.
func CheckLayouts(theme, layouts fs.FS) []LayoutProblem {
	w := &writer{in: Input{Theme: theme, Layouts: layouts}}
	read := func(name string) ([]byte, error) {
		if layouts != nil {
			if b, err := fs.ReadFile(layouts, name); err == nil {
				return b, nil
			}
		}
		return fs.ReadFile(theme, "layouts/"+name)
	}
	var probs []LayoutProblem
	bodies := map[string]string{}
	broken := map[string]bool{}
	pages := layoutNames(theme, layouts)
	files := append([]string{"base.html"}, partials...)
	for _, p := range pages {
		files = append(files, p+".html")
	}
	for _, name := range files {
		b, err := read(name)
		if err != nil {
			probs = append(probs, LayoutProblem{Name: name, Detail: err.Error()})
			broken[name] = true
			continue
		}
		bodies[name] = string(b)
		if _, err := template.New(name).Funcs(w.funcs()).Parse(string(b)); err != nil {
			probs = append(probs, parseProblem(name, err))
			broken[name] = true
		}
	}
	for _, p := range pages {
		page := p + ".html"
		set := []string{"base.html"}
		set = append(set, partials...)
		set = append(set, page)
		t := template.New(p).Funcs(w.funcs())
		ok := true
		for _, name := range set {
			if broken[name] {
				ok = false
				break
			}
			if _, err := t.New(name).Parse(bodies[name]); err != nil {
				ok = false // a clash between files; reported by Write
				break
			}
		}
		if !ok {
			continue
		}
		missing := map[string]bool{}
		for _, tt := range t.Templates() {
			if tt.Tree == nil {
				continue
			}
			walkTemplates(tt.Tree.Root, func(n *parse.TemplateNode) {
				if t.Lookup(n.Name) == nil && !missing[n.Name] {
					missing[n.Name] = true
					probs = append(probs, LayoutProblem{Name: page, Missing: n.Name})
				}
			})
		}
	}
	return probs
}

func parseProblem(name string, err error) LayoutProblem {
	m := reTemplateErr.FindStringSubmatch(err.Error())
	if m == nil {
		return LayoutProblem{Name: name, Detail: err.Error()}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return LayoutProblem{Name: name, Line: line, Col: col, Detail: m[4]}
}

// walkTemplates calls f for every {{template}} action under n.
func walkTemplates(n parse.Node, f func(*parse.TemplateNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkTemplates(c, f)
		}
	case *parse.TemplateNode:
		f(n)
	case *parse.IfNode:
		walkTemplates(n.List, f)
		walkTemplates(n.ElseList, f)
	case *parse.RangeNode:
		walkTemplates(n.List, f)
		walkTemplates(n.ElseList, f)
	case *parse.WithNode:
		walkTemplates(n.List, f)
		walkTemplates(n.ElseList, f)
	}
}

var reExecErr = regexp.MustCompile(`template: ([^:\s]+):(\d+):(\d+): (executing .*)$`)

// ExecProblem recognises in an error of Write a layout that parsed but
// failed when run (a field that does not exist, a function given the wrong
// arguments), and says where: the layout file, line and column (as the
// template library counts it: bytes from 0).
func ExecProblem(err error) (LayoutProblem, bool) {
	var ee texttemplate.ExecError
	if err == nil || !errors.As(err, &ee) {
		return LayoutProblem{}, false
	}
	m := reExecErr.FindStringSubmatch(ee.Error())
	if m == nil {
		return LayoutProblem{}, false
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return LayoutProblem{Name: m[1], Line: line, Col: col, Detail: m[4]}, true
}

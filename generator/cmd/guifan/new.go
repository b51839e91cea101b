package main

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"guifan/generator/build"
	"guifan/generator/skeleton"
)

// initFlags declares --name, the new site's hospital.
func initFlags(fs *flag.FlagSet) *string { return fs.String("name", "", "cmd.init.name") }

// runInit creates a new site: hospital.toml and the content folders.
func runInit(e *env, args []string) int {
	flags := newFlags(e, "init")
	name := initFlags(flags)
	positional, code, ok := parseFlags(e, flags, args)
	if !ok {
		return code
	}
	dir := "."
	if len(positional) > 1 {
		e.errorf("cli.too-many-args", strings.Join(positional[1:], " "), "init")
		return exitMisuse
	}
	if len(positional) == 1 {
		dir = positional[0]
	}
	if err := build.InitSite(dir, *name, e.cat.T); err != nil {
		e.scaffoldError(dir, err)
		return exitMisuse
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.init.done", dir))
	return exitOK
}

// newDocFlags declares new's --term (the years of a plan), --post (a job
// duty's post) and --list.
func newDocFlags(fs *flag.FlagSet) (term, post *string, list *bool) {
	return fs.String("term", "", "cmd.new.term"), fs.String("post", "", "cmd.new.post"), fs.Bool("list", false, "cmd.new.list")
}

// listTypes prints every document type with its name and what it is for.
func listTypes(e *env, dir string) int {
	set, err := build.TypesOf(dir)
	if err != nil {
		e.scaffoldError(dir, err)
		return exitMisuse
	}
	for _, n := range set.TypeNames() {
		tp := set.Types[n]
		fmt.Fprintln(e.stdout, e.cat.T("cmd.new.list-line", n, tp.Label.In(e.cat.Lang), tp.Description.In(e.cat.Lang)))
	}
	return exitOK
}

// runNew writes a new document of a type from its schema: the front
// matter with every required field and the body with every section the
// type knows, ready to fill in.
func runNew(e *env, args []string) int {
	flags := newFlags(e, "new")
	term, post, list := newDocFlags(flags)
	positional, code, ok := parseFlags(e, flags, args)
	if !ok {
		return code
	}
	if *list {
		dir := "."
		if len(positional) == 1 {
			dir = positional[0]
		}
		return listTypes(e, dir)
	}
	var opts build.NewOptions
	if *term != "" {
		if opts.Term = skeleton.ParseTerm(*term); opts.Term == nil {
			e.errorf("cmd.new.bad-term", *term)
			return exitMisuse
		}
	}
	if *post != "" {
		opts.Values = map[string]string{"post": *post}
	}
	if len(positional) < 2 || len(positional) > 3 {
		flags.Usage()
		return exitMisuse
	}
	typ, id := positional[0], positional[1]
	dir := "."
	if len(positional) == 3 {
		dir = positional[2]
	}
	rel, err := build.NewDocumentWith(dir, typ, id, opts, e.cat.T)
	if err != nil {
		target := dir
		if rel != "" {
			target = filepath.Join(dir, filepath.FromSlash(rel))
		}
		e.scaffoldError(target, err)
		return exitMisuse
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.new.done", rel))
	return exitOK
}

// scaffoldError prints why init or new refused or failed.
func (e *env) scaffoldError(path string, err error) {
	var p *build.Problem
	switch {
	case errors.As(err, &p):
		for _, l := range p.Lines {
			e.errorf(l.Key, l.Args...)
		}
	case errors.Is(err, build.ErrNoSite):
		e.errorf("cli.no-site", path)
	default:
		e.outputError(path, err)
	}
}

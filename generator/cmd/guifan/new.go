package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"guifan/generator/build"
	"guifan/generator/config"
	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/skeleton"
	"guifan/schemas"
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
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		e.errorf("cmd.init.exists", filepath.Join(dir, config.FileName))
		return exitMisuse
	}
	set, _ := schema.Load(schemas.FS)
	files := skeleton.Site(set, *name, e.cat.T)
	if err := build.CreateFiles(dir, files); err != nil {
		e.outputError(dir, err)
		return exitMisuse
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.init.done", dir))
	return exitOK
}

// runNew writes a new document of a type from its schema: the front
// matter with every required field and the body with every section the
// type knows, ready to fill in.
func runNew(e *env, args []string) int {
	flags := newFlags(e, "new")
	positional, code, ok := parseFlags(e, flags, args)
	if !ok {
		return code
	}
	if len(positional) < 2 || len(positional) > 3 {
		flags.Usage()
		return exitMisuse
	}
	typ, id := positional[0], positional[1]
	if key, args := model.IDProblem(id); key != "" {
		e.errorf(key, args...)
		return exitMisuse
	}
	dir := "."
	if len(positional) == 3 {
		dir = positional[2]
	}
	site, _, err := build.LoadDir(dir)
	if errors.Is(err, build.ErrNoSite) {
		e.errorf("cli.no-site", dir)
		return exitMisuse
	}
	if err != nil {
		e.errorf("cli.internal", err.Error())
		return exitMisuse
	}
	t := site.Schemas.Types[typ]
	if t == nil {
		e.errorf("type.unknown", typ, diag.DidYouMean(diag.Suggest(typ, site.Schemas.TypeNames())))
		e.errorf("cmd.new.types", strings.Join(site.Schemas.TypeNames(), ", "))
		return exitMisuse
	}
	// Ids that differ only in case name the same file on a Windows share
	// (check reports them as duplicates), so such an id exists already.
	for _, d := range site.Project.Docs {
		if model.FoldID(d.ID) == model.FoldID(id) {
			e.errorf("cmd.new.exists", id, d.Path)
			return exitMisuse
		}
	}
	pick := func(types []string) string {
		for _, d := range site.Project.Docs {
			for _, want := range types {
				if d.Type == want {
					return d.ID
				}
			}
		}
		return ""
	}
	rel, data := skeleton.Document(site.Schemas, t, id, site.Project.Hospital.Lang(), e.cat.T, pick)
	target := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Lstat(target); err == nil || !errors.Is(err, fs.ErrNotExist) {
		e.errorf("cmd.new.exists", id, rel)
		return exitMisuse
	}
	if err := build.CreateFiles(dir, map[string][]byte{rel: data}); err != nil {
		e.outputError(target, err)
		return exitMisuse
	}
	fmt.Fprintln(e.stdout, e.cat.T("cmd.new.done", rel))
	return exitOK
}

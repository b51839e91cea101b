package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"guifan/generator/diag"
	"guifan/generator/i18n"
	"guifan/themes"
)

// Exit codes.
const (
	exitOK      = 0
	exitInvalid = 1 // the content has errors
	exitMisuse  = 2 // bad arguments, not a site, or an internal failure
)

// command is one subcommand. Commands register themselves in commands; the
// order there is the order of "guifan help".
type command struct {
	name  string
	run   func(e *env, args []string) int
	flags func(fs *flag.FlagSet) // declares the command's flags, for its help; nil for none
	more  func(e *env)           // prints what the help says after the flags; nil for nothing
}

var commands []command

func init() {
	commands = []command{
		{"check", runCheck, func(fs *flag.FlagSet) { formatFlags(fs) }, nil},
		{"report", runReport, func(fs *flag.FlagSet) { formatFlags(fs); submitFlag(fs) }, nil},
		{"build", runBuild, func(fs *flag.FlagSet) { buildFlags(fs) }, buildHelp},
		{"serve", runServe, func(fs *flag.FlagSet) { serveFlags(fs) }, nil},
		{"new", runNew, func(fs *flag.FlagSet) { newDocFlags(fs) }, nil},
		{"init", runInit, func(fs *flag.FlagSet) { initFlags(fs) }, nil},
		{"audit", runAudit, func(fs *flag.FlagSet) { auditFlags(fs) }, nil},
		{"synth", runSynth, func(fs *flag.FlagSet) { synthFlags(fs) }, nil},
		{"rollup", runRollup, func(fs *flag.FlagSet) { rollupFlags(fs) }, nil},
		{"help", runHelp, nil, nil},
	}
}

// env is what every command gets: the catalog in the interface language
// and the output streams.
type env struct {
	cat    *i18n.Catalog
	stdout io.Writer
	stderr io.Writer
}

func (e *env) errorf(key string, args ...any) {
	fmt.Fprintln(e.stderr, e.cat.T(key, args...))
}

// run is main without os.Exit, so tests can call it.
func run(args []string, stdout, stderr io.Writer) (code int) {
	lang := i18n.FromEnv()
	// --lang may come before or after the command.
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--lang" || a == "-lang":
			if i+1 < len(args) {
				lang = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
			lang = a[strings.Index(a, "=")+1:]
		default:
			rest = append(rest, a)
		}
	}
	theme, _ := fs.Sub(themes.FS, "default")
	langs := i18n.Languages(theme)
	badLang := ""
	if !slices.Contains(langs, lang) {
		badLang, lang = lang, i18n.Default
	}
	cat, err := i18n.Load(theme, lang)
	if err != nil {
		fmt.Fprintln(stderr, "guifan:", err)
		return exitMisuse
	}
	e := &env{cat: cat, stdout: stdout, stderr: stderr}
	if badLang != "" {
		e.errorf("cli.bad-lang", badLang, strings.Join(langs, cat.T("list.sep")))
		return exitMisuse
	}
	defer func() {
		// No input may crash guifan with a stack trace; say what happened
		// in one line and exit as an internal failure.
		if r := recover(); r != nil {
			e.errorf("cli.internal", fmt.Sprint(r))
			code = exitMisuse
		}
	}()
	if len(rest) == 0 {
		runHelp(e, nil)
		return exitMisuse
	}
	name := rest[0]
	if name == "-h" || name == "--help" || name == "-help" {
		return runHelp(e, nil)
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(e, rest[1:])
		}
	}
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	e.errorf("cli.unknown-command", name, diag.DidYouMean(diag.Suggest(name, names)))
	return exitMisuse
}

func runHelp(e *env, args []string) int {
	if len(args) > 0 {
		for _, c := range commands {
			if c.name == args[0] {
				fs := newFlags(e, c.name)
				if c.flags != nil {
					c.flags(fs)
				}
				fs.Usage()
				return exitOK
			}
		}
		names := make([]string, len(commands))
		for i, c := range commands {
			names[i] = c.name
		}
		e.errorf("cli.unknown-command", args[0], diag.DidYouMean(diag.Suggest(args[0], names)))
		return exitMisuse
	}
	var list strings.Builder
	for _, c := range commands {
		list.WriteString(e.cat.T("cli.command-line", c.name, e.cat.T("cmd."+c.name+".summary")))
	}
	fmt.Fprint(e.stdout, e.cat.T("cli.usage", list.String()))
	return exitOK
}

// newFlags returns a flag set whose help and errors speak the catalog's
// language. Flag descriptions are catalog keys ("cmd.check.format").
func newFlags(e *env, cmd string) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprint(e.stdout, e.cat.T("cmd."+cmd+".usage"))
		has := false
		fs.VisitAll(func(*flag.Flag) { has = true })
		if !has {
			return
		}
		fmt.Fprintln(e.stdout, "\n"+e.cat.T("cli.flags"))
		fs.VisitAll(func(f *flag.Flag) {
			name := "--" + f.Name
			if len(f.Name) == 1 {
				name = "-" + f.Name
			}
			fmt.Fprintf(e.stdout, "  %-12s %s\n", name, e.cat.T(f.Usage))
		})
		for _, c := range commands {
			if c.name == cmd && c.more != nil {
				c.more(e)
			}
		}
	}
	return fs
}

// parseFlags parses args, allowing flags after the positional site folder
// ("guifan check examples/x --format json"). It returns the positional
// arguments, or an exit code when parsing failed or help was asked for.
func parseFlags(e *env, fs *flag.FlagSet, args []string) ([]string, int, bool) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false // Parse has printed the usage
			}
			e.errorf("cli.bad-flag", err.Error(), fs.Name())
			return nil, exitMisuse, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, 0, true
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// siteDir turns the positional arguments into the site folder.
func siteDir(e *env, cmd string, positional []string) (string, int, bool) {
	dir := "."
	switch len(positional) {
	case 0:
	case 1:
		dir = positional[0]
	default:
		e.errorf("cli.too-many-args", strings.Join(positional[1:], " "), cmd)
		return "", exitMisuse, false
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		e.errorf("cli.not-dir", dir)
		return "", exitMisuse, false
	}
	return dir, 0, true
}

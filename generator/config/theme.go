package config

import (
	"io/fs"
	"path"
	"strconv"
	"strings"

	"guifan/generator/diag"
	"guifan/generator/textfile"
	"guifan/generator/tomlfile"
)

// ThemeFile is the manifest at the root of a theme folder.
const ThemeFile = "theme.toml"

// Theme is a theme's manifest: what the theme brings that guifan's Go code
// does not name.
type Theme struct {
	// Fonts are the theme's fonts for PDFs, by path in the theme folder
	// ("fonts/wqy-microhei.ttc#0": face 0), tried after hospital.toml's.
	Fonts Fonts `toml:"fonts"`

	source *tomlfile.Doc
	shown  string
}

// ParseTheme reads the bytes of a theme's manifest; shown is the file as
// the user knows it (themes/default/theme.toml), for positions. A font
// entry that is not a usable path in the theme is reported at the entry
// and dropped; a file that does not decode gives an empty manifest and
// the problems.
func ParseTheme(raw []byte, shown string) (*Theme, diag.List) {
	th := &Theme{shown: shown}
	data, diags := textfile.Decode(shown, raw)
	if diags.Errors() > 0 {
		return th, diags
	}
	for _, p := range tomlfile.DecodeStrict(data, th) {
		pos := diag.Pos{File: shown, Line: p.Line, Col: p.Col}
		switch p.Kind {
		case tomlfile.ProblemSyntax:
			diags.Add(pos, "toml.syntax", p.Message)
		case tomlfile.ProblemType:
			diags.Add(pos, "theme.manifest-type", p.Key, p.Message)
		default:
			diags.Add(pos, "theme.manifest-unknown", p.Key, diag.DidYouMean(diag.Suggest(p.Key, themeKeys)))
		}
	}
	if diags.Errors() > 0 {
		return &Theme{shown: shown}, diags
	}
	if doc, err := tomlfile.Parse(data); err == nil {
		th.source = doc
	}
	for _, list := range []struct {
		key   string
		specs *[]string
	}{{"fonts.serif", &th.Fonts.Serif}, {"fonts.sans", &th.Fonts.Sans}} {
		var kept []string
		for i, spec := range *list.specs {
			if _, _, problem := FontSpec(spec); problem != "" {
				diags.Warn(th.Pos(Index(list.key, i)), "theme."+problem, spec)
				continue
			}
			kept = append(kept, spec)
		}
		*list.specs = kept
	}
	return th, diags
}

// ReadTheme reads the manifest of the theme folder fsys (ThemeFile at its
// root); shown is the folder as the user knows it (themes/default). A
// theme without a manifest has an empty one.
func ReadTheme(fsys fs.FS, shown string) (*Theme, diag.List) {
	file := path.Join(shown, ThemeFile)
	raw, err := fs.ReadFile(fsys, ThemeFile)
	if err != nil {
		return &Theme{shown: file}, nil
	}
	return ParseTheme(raw, file)
}

// Pos returns the position of a key in the manifest.
func (th *Theme) Pos(key string) diag.Pos {
	p := diag.Pos{File: th.shown, Line: 1, Col: 1}
	if th.source != nil {
		if l, ok := th.source.Loc(key); ok {
			p.Line, p.Col = l.ValLine, l.ValCol
		}
	}
	return p
}

// Over returns the fonts of a site's own theme (th) where it names them,
// and those of the theme it overrides (base) where it does not.
func (th *Theme) Over(base *Theme) Fonts {
	f := base.Fonts
	if len(th.Fonts.Serif) > 0 {
		f.Serif = th.Fonts.Serif
	}
	if len(th.Fonts.Sans) > 0 {
		f.Sans = th.Fonts.Sans
	}
	return f
}

// FontSpec splits a font entry ("fonts/simsun.ttc#1") into its file and
// face. problem is "" for a usable entry, else the last part of the
// message key that says what is wrong ("font-face": the face is not a
// number; "font-path": not a relative path with / inside the folder).
func FontSpec(spec string) (file string, face int, problem string) {
	file = FontFile(spec)
	if rest, ok := strings.CutPrefix(spec, file+"#"); ok {
		n, err := strconv.Atoi(rest)
		if err != nil || n < 0 {
			return file, 0, "font-face"
		}
		face = n
	}
	if !fs.ValidPath(file) || file == "." || strings.Contains(file, `\`) || path.IsAbs(file) {
		return file, face, "font-path"
	}
	return file, face, ""
}

// themeKeys are the keys a theme manifest accepts, for "did you mean".
var themeKeys = []string{"fonts", "fonts.serif", "fonts.sans"}

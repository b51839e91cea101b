// Package themes embeds guifan's built-in themes: templates, styles,
// scripts, fonts and the message catalogs (default/i18n/*.toml). A site's
// own themes/ folder overrides files by path.
package themes

import "embed"

// FS holds the default theme.
//
//go:embed default
var FS embed.FS

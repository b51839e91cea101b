// Package schemas embeds guifan's built-in schemas: the frameworks, the
// document types and the common document fields. A site's own schemas/
// folder overrides or adds files by name.
package schemas

import "embed"

// FS holds document.toml, sections.toml, levels.toml, frameworks/*.toml,
// types/*.toml and forms/*.toml.
//
//go:embed document.toml sections.toml levels.toml frameworks types forms
var FS embed.FS

package model

// Limits on what guifan reads. Every reader checks against these constants
// and reports a diagnostic naming the limit, so a runaway file (a 50 MB
// export, a workbook that inflates to gigabytes) is refused with a clear
// message instead of exhausting memory. They are generous for real
// documents: the longest regulation of the demo hospital is 12 KB.
const (
	// MaxFileBytes bounds one file read from a site: a document, a
	// register, hospital.toml, attestations, a form or schema file, a
	// template or asset of a theme.
	MaxFileBytes = 4 << 20 // 4 MiB
	// MaxFontBytes bounds one font file named in hospital.toml.
	MaxFontBytes = 64 << 20
	// MaxTitleRunes bounds a document's or form's title.
	MaxTitleRunes = 200
	// MaxParagraphRunes bounds one paragraph, list item or table cell of a
	// document body.
	MaxParagraphRunes = 20000
	// MaxNesting bounds how deeply lists and quotes may nest in a body;
	// deeper text is reported, never dropped silently.
	MaxNesting = 12
	// MaxFootnotes bounds the footnote definitions of one body; further
	// ones stay text and are reported.
	MaxFootnotes = 500
	// MaxWorkbookBytes bounds an audit workbook file; MaxWorkbookUnzipped
	// bounds what its parts inflate to.
	MaxWorkbookBytes    = 32 << 20
	MaxWorkbookUnzipped = 256 << 20
	// MaxIDRunes bounds an id (document, form, type, requirement).
	MaxIDRunes = 100
	// MinYear and MaxYear bound every date guifan accepts, in content and
	// in workbooks: earlier or later dates are typing errors. MaxYear is
	// below 2173, the year a spreadsheet shows for the serial number 99999
	// (a number typed into a date cell), so such a slip is refused too.
	MinYear = 1950
	MaxYear = 2100
)

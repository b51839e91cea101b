package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The id rule. An id (of a document, a form, a document type, a framework
// requirement) names files in every output — site pages, PDFs, workbooks —
// so it must be safe as one path segment on every system a hospital uses,
// including Windows shares:
//
//   - 1 to MaxIDRunes characters;
//   - ASCII letters and digits, Chinese characters, "-", "_" and ".";
//   - it does not start with "." or "-" and does not end with ".";
//   - it is not a name Windows reserves (CON, NUL, COM1, ...).
//
// Ids that differ only in letter case name the same file on Windows; the
// validator reports them as duplicates (see FoldID).

// Reasons CheckID gives; each is a message key "id.<reason>" in the catalog.
const (
	IDEmpty    = "empty"
	IDTooLong  = "too-long"
	IDChar     = "char"
	IDLeading  = "leading"
	IDTrailing = "trailing"
	IDReserved = "reserved"
)

// CheckID returns "" when id is a valid id, else the reason it is not, and
// for IDChar and IDLeading the offending character (-1 for the others).
func CheckID(id string) (reason string, bad rune) {
	if id == "" {
		return IDEmpty, -1
	}
	if !utf8.ValidString(id) {
		return IDChar, utf8.RuneError
	}
	if utf8.RuneCountInString(id) > MaxIDRunes {
		return IDTooLong, -1
	}
	for _, r := range id {
		if !idRune(r) {
			return IDChar, r
		}
	}
	switch {
	case id[0] == '.' || id[0] == '-':
		return IDLeading, rune(id[0])
	case strings.HasSuffix(id, "."):
		return IDTrailing, -1
	}
	base := strings.ToUpper(id)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	switch base {
	case "CON", "PRN", "AUX", "NUL",
		"COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return IDReserved, -1
	}
	return "", -1
}

// ValidID reports whether id satisfies the id rule.
func ValidID(id string) bool {
	r, _ := CheckID(id)
	return r == ""
}

func idRune(r rune) bool {
	switch {
	case r == '-' || r == '_' || r == '.':
		return true
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	// Chinese characters, but no other script: a Cyrillic "а" or a
	// full-width "ｒ" looks like the ASCII letter and would make two ids a
	// reviewer cannot tell apart. No marks, spaces, format characters
	// (zero-width joiners and the like), symbols or full-width forms.
	return unicode.Is(unicode.Han, r)
}

// FoldID is the key under which two ids collide as file names: ids with
// the same FoldID name the same file on a case-insensitive file system.
func FoldID(id string) string { return strings.ToLower(id) }

// ShowID returns an id as a message may print it: invisible and control
// characters spelt as \u escapes, so a look-alike id shows its difference
// and a terminal never receives raw control bytes.
func ShowID(id string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(id, "\uFFFD") {
		if unicode.IsGraphic(r) && !unicode.Is(unicode.Cf, r) {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "\\u%04X", r)
		}
	}
	return b.String()
}

// ShowRune returns a character as a message may print it, with its code
// point: "“#” (U+0023)"; "" for a negative r (no character).
func ShowRune(r rune) string {
	if r < 0 {
		return ""
	}
	if unicode.IsGraphic(r) && !unicode.Is(unicode.Cf, r) && r != ' ' {
		return fmt.Sprintf("“%c” (U+%04X)", r, r)
	}
	return fmt.Sprintf("U+%04X", r)
}

// IDProblem applies the id rule for a message: it returns "" when id is
// valid, else the catalog key ("id.char", ...) and its arguments (the id
// as shown, the offending character, the length limit).
func IDProblem(id string) (key string, args []any) {
	reason, r := CheckID(id)
	if reason == "" {
		return "", nil
	}
	return "id." + reason, []any{ShowID(id), ShowRune(r), strconv.Itoa(MaxIDRunes)}
}

package tomlfile

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"guifan/generator/diag"
)

// The TOML library words its errors in English for programmers ("invalid
// datetime", "expected value but found '“' instead"). explain turns the
// kinds a person editing a document actually meets into catalog messages
// ("toml.*") with arguments and a fix. What it does not recognise becomes
// "toml.other", which keeps the library's words only as an argument.

var (
	reInvalidDatetime = regexp.MustCompile(`^invalid datetime: "(.*)"$`)
	reExpectedValue   = regexp.MustCompile(`^expected value but found (?:'(.*)'|"(.*)") instead$`)
	reExpectedEquals  = regexp.MustCompile(`^expected '\.' or '=', but got '(.*)' instead$`)
	reTrailing        = regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got '(.*)' instead$`)
	reDuplicate       = regexp.MustCompile(`^Key '(.*)' has already been defined\.$`)
	reUnclosedMulti   = regexp.MustCompile(`^unexpected EOF; expected ['"](.*)['"]$`)
	reEscape          = regexp.MustCompile(`^invalid escape in string '(.*)'$`)
	reNumber          = regexp.MustCompile(`^(?i:invalid (?:integer|float))(?: value)?:? ["'](.*?)["']`)
	reRange           = regexp.MustCompile(`^(\S+) is out of range for`)
	reDate            = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	reLooseDate       = regexp.MustCompile(`^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?$`)
)

// quotes are the quotation marks a Chinese input method types.
const quotes = "“”‘’「」『』＂＇"

// explain returns the catalog message for a syntax error whose library
// message is msg, found at byte offset off of src. key is the last key the
// library had read ("" when none).
func explain(src []byte, off int, msg, key string) diag.Msg {
	line := lineAt(src, off)
	if m := reInvalidDatetime.FindStringSubmatch(msg); m != nil {
		return explainDate(m[1])
	}
	if m := reExpectedValue.FindStringSubmatch(msg); m != nil {
		found := m[1] + m[2]
		switch {
		case found == `\n` || found == "":
			return diag.Msg{Key: "toml.missing-value", Args: []any{lastSegment(key)}}
		case strings.Contains(quotes, firstRune(found)):
			return diag.Msg{Key: "toml.curly-quote", Args: []any{firstRune(found)}}
		case m[2] != "" && (strings.EqualFold(found, "true") || strings.EqualFold(found, "false")):
			return diag.Msg{Key: "toml.bool", Args: []any{found, strings.ToLower(found)}}
		case m[2] != "":
			return diag.Msg{Key: "toml.bare-word", Args: []any{bareValue(src, off, found), lastSegment(key)}}
		}
	}
	if m := reExpectedEquals.FindStringSubmatch(msg); m != nil {
		got := m[1]
		before := strings.TrimSpace(beforeOffset(src, off))
		switch {
		case got == ":" || got == "：":
			return diag.Msg{Key: "toml.colon", Args: []any{before}}
		case got == "＝":
			return diag.Msg{Key: "toml.fullwidth-equals"}
		case before == "" && got != `\n` && !isASCII(got):
			return diag.Msg{Key: "toml.key-chars", Args: []any{keyText(line)}}
		case before == "":
			break
		default:
			return diag.Msg{Key: "toml.missing-equals", Args: []any{before}}
		}
	}
	if m := reTrailing.FindStringSubmatch(msg); m != nil {
		if _, value, ok := strings.Cut(line, "="); ok {
			value = strings.TrimSpace(stripComment(value))
			if reLooseDate.MatchString(value) {
				return diag.Msg{Key: "toml.date-format", Args: []any{value}}
			}
		}
		if strings.Contains("#＃", m[1]) && m[1] != "#" {
			return diag.Msg{Key: "toml.fullwidth-hash"}
		}
		return diag.Msg{Key: "toml.trailing", Args: []any{m[1]}}
	}
	if msg == "strings cannot contain newlines" {
		return diag.Msg{Key: "toml.unterminated"}
	}
	if m := reUnclosedMulti.FindStringSubmatch(msg); m != nil {
		return diag.Msg{Key: "toml.unterminated-multiline", Args: []any{m[1]}}
	}
	if m := reDuplicate.FindStringSubmatch(msg); m != nil {
		return diag.Msg{Key: "toml.duplicate", Args: []any{m[1]}}
	}
	if strings.HasPrefix(msg, "expected a comma (',') or array terminator (']')") {
		return diag.Msg{Key: "toml.array"}
	}
	if strings.HasPrefix(msg, "expected a comma or an inline table terminator") {
		return diag.Msg{Key: "toml.inline-table"}
	}
	if strings.HasPrefix(msg, "expected '.' or ']' to end table name") ||
		strings.HasPrefix(msg, "expected end of table array name delimiter") ||
		strings.HasPrefix(msg, "unexpected end of table name") {
		return diag.Msg{Key: "toml.table-name"}
	}
	if m := reEscape.FindStringSubmatch(msg); m != nil {
		return diag.Msg{Key: "toml.escape", Args: []any{m[1]}}
	}
	if m := reNumber.FindStringSubmatch(msg); m != nil {
		return diag.Msg{Key: "toml.number", Args: []any{m[1]}}
	}
	if m := reRange.FindStringSubmatch(msg); m != nil {
		return diag.Msg{Key: "toml.number-range", Args: []any{m[1]}}
	}
	return diag.Msg{Key: "toml.other", Args: []any{msg}}
}

// explainDate says what is wrong with a date the library refused.
func explainDate(s string) diag.Msg {
	m := reDate.FindStringSubmatch(s)
	if m == nil {
		if strings.ContainsAny(s, "Tt ") {
			return diag.Msg{Key: "toml.datetime", Args: []any{s}}
		}
		return diag.Msg{Key: "toml.date-format", Args: []any{s}}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	switch {
	case mo < 1 || mo > 12:
		return diag.Msg{Key: "toml.date-month", Args: []any{s, mo}}
	case d < 1:
		return diag.Msg{Key: "toml.date-day", Args: []any{s, mo, d}}
	}
	days := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d > days {
		if mo == 2 && d == 29 {
			return diag.Msg{Key: "toml.date-leap", Args: []any{s, y}}
		}
		return diag.Msg{Key: "toml.date-day", Args: []any{s, mo, d}}
	}
	return diag.Msg{Key: "toml.date-format", Args: []any{s}}
}

var reTypes = regexp.MustCompile(`TOML value has type (\S+); destination has type (\S+)`)
var reMismatch = regexp.MustCompile(`type mismatch for .*: expected (\S+) but found (\S+)`)

// explainType turns the library's message for a value of the wrong type
// into "toml.type" (wanted, found), or "toml.other".
func explainType(msg string) diag.Msg {
	if m := reTypes.FindStringSubmatch(msg); m != nil {
		return diag.Msg{Key: "toml.type", Args: []any{typeWord(m[2]), typeWord(m[1])}}
	}
	if m := reMismatch.FindStringSubmatch(msg); m != nil {
		return diag.Msg{Key: "toml.type", Args: []any{typeWord(m[1]), typeWord(m[2])}}
	}
	return diag.Msg{Key: "toml.other", Args: []any{msg}}
}

// typeWord names a Go or TOML type of the library's messages as a catalog
// key ("type.integer"), or returns it as it is.
func typeWord(t string) any {
	switch {
	case t == "string":
		return diag.Key("type.string")
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"), t == "integer":
		return diag.Key("type.integer")
	case strings.HasPrefix(t, "float"):
		return diag.Key("type.float")
	case t == "bool":
		return diag.Key("type.boolean")
	case t == "slice", t == "array", strings.HasPrefix(t, "[]"):
		return diag.Key("type.array")
	case t == "table", t == "struct", t == "map", strings.HasPrefix(t, "map["):
		return diag.Key("type.table")
	case strings.Contains(t, "Time"), t == "datetime":
		return diag.Key("type.datetime")
	}
	return t
}

// bareValue returns the whole unquoted value that starts at byte offset off
// of src, of which the library names only the letters it read before it
// stopped (found): "V" of V2.0. It ends at a comma, bracket, brace, comment
// or the end of the line; found is returned when src does not start so.
func bareValue(src []byte, off int, found string) string {
	if off > len(src) || !strings.HasPrefix(string(src[off:]), found) {
		return found
	}
	rest := lineAt(src, off)[len(beforeOffset(src, off)):]
	if i := strings.IndexAny(rest, ",]}#"); i >= 0 {
		rest = rest[:i]
	}
	if v := strings.TrimSpace(rest); v != "" {
		return v
	}
	return found
}

// lineAt returns the line of src holding byte offset off.
func lineAt(src []byte, off int) string {
	if off > len(src) {
		off = len(src)
	}
	start := strings.LastIndexByte(string(src[:off]), '\n') + 1
	end := strings.IndexByte(string(src[off:]), '\n')
	if end < 0 {
		return string(src[start:])
	}
	return string(src[start : off+end])
}

// beforeOffset returns the text of off's line before off.
func beforeOffset(src []byte, off int) string {
	if off > len(src) {
		off = len(src)
	}
	start := strings.LastIndexByte(string(src[:off]), '\n') + 1
	return string(src[start:off])
}

// keyText returns what stands before "=" (or the whole line) on a line.
func keyText(line string) string {
	k, _, _ := strings.Cut(line, "=")
	k, _, _ = strings.Cut(k, "＝")
	return strings.TrimSpace(k)
}

func stripComment(s string) string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		return s[:i]
	}
	return s
}

func lastSegment(key string) string {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[i+1:]
	}
	return key
}

func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}

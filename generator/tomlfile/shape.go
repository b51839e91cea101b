package tomlfile

import "guifan/generator/diag"

// MaxDepth bounds how deeply TOML may nest: arrays and inline tables
// inside each other, and the parts of one dotted key or table header
// (a.b.c is three). Real files nest a few levels; the TOML library's time
// grows with the square of the depth (a 48 KB key of 25,000 parts took
// it a minute, 39 KB of inline tables inside each other 20 s), so a
// deeper file is refused before the library reads it (shape).
const MaxDepth = 32

// MaxKeyBytes bounds a key's full path: its table header's key, the keys
// of the inline tables it is in and its own, as written. The library
// spells out every key's full path, so a long header over many keys took
// time of their product (a 200 KB header over 10,000 keys: 10 s).
const MaxKeyBytes = 1024

// shape scans src for nesting deeper than MaxDepth or a key path longer
// than MaxKeyBytes, in one pass that follows only what nests: strings
// (whose brackets and dots are text), comments, table headers, keys and
// the brackets of values. It returns the byte offset where a limit is
// passed and the message saying which, or -1. Anything else wrong is
// left to the library, which reports it with its position.
func shape(src string) (int, diag.Msg) {
	tooDeep := diag.Msg{Key: "toml.too-deep", Args: []any{MaxDepth}}
	tooLong := diag.Msg{Key: "toml.key-too-long", Args: []any{MaxKeyBytes}}
	// skip returns the offset just after the string that starts at i.
	skip := func(i int) int {
		sc := scanner{src: src, i: i}
		sc.stringValue()
		return min(sc.i, len(src))
	}
	type level struct {
		kind byte // '[' or '{'
		key  int  // bytes of the key whose value it opens (0 inside an array)
	}
	var open []level
	outer := 0  // bytes of the keys of the open levels
	header := 0 // bytes of the current table header's key
	// The key being read: in a key, its dot-separated parts, its bytes
	// and where it starts; last is the key whose value is being read.
	key, parts, cur, start, last, afterEq := true, 1, 0, 0, 0, false
	newKey := func(i int) { key, parts, cur, start = true, 1, 0, i }
	push := func(kind byte) bool {
		k := 0
		if afterEq {
			k = last
		}
		open = append(open, level{kind, k})
		outer += k
		return len(open) <= MaxDepth
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		wasAfterEq := afterEq
		if c != ' ' && c != '\t' && c != '\r' {
			afterEq = false
		}
		switch c {
		case ' ', '\t', '\r':
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i-- // the newline is read next
		case '"', '\'':
			end := skip(i)
			if key {
				cur += end - i
			}
			i = end - 1
		case '\n':
			if len(open) == 0 {
				newKey(i + 1)
			}
		case '=':
			if key {
				key, last, afterEq = false, cur, true
				if header+outer+cur > MaxKeyBytes {
					return start, tooLong
				}
			}
		case '.':
			if key {
				cur++
				if parts++; parts > MaxDepth {
					return i, tooDeep
				}
			}
		case '[':
			if key && len(open) == 0 {
				// A table header, [a.b] or [[a.b]]: its dots are parts.
				hs, n := i, 1
				for i++; i < len(src) && src[i] != ']' && src[i] != '\n'; i++ {
					switch src[i] {
					case '"', '\'':
						i = skip(i) - 1
					case '.':
						if n++; n > MaxDepth {
							return i, tooDeep
						}
					}
				}
				brackets := 1
				if hs+1 < len(src) && src[hs+1] == '[' {
					brackets = 2
				}
				if header = i - hs - brackets; header > MaxKeyBytes {
					return hs, tooLong
				}
				for i < len(src) && src[i] != '\n' && src[i] != '#' {
					i++
				}
				i--
				continue
			}
			afterEq = wasAfterEq
			if !push('[') {
				return i, tooDeep
			}
			afterEq = false
		case '{':
			afterEq = wasAfterEq
			if !push('{') {
				return i, tooDeep
			}
			afterEq = false
			newKey(i + 1)
		case ']', '}':
			if n := len(open); n > 0 {
				outer -= open[n-1].key
				open = open[:n-1]
			}
			key = false
		case ',':
			// In an inline table a key follows; in an array a value.
			if n := len(open); n > 0 && open[n-1].kind == '{' {
				newKey(i + 1)
			}
		default:
			if key {
				cur++
			}
		}
	}
	return -1, diag.Msg{}
}

// beyondLimits is the syntax error of a file that passes a limit of
// shape (msg) at byte offset off.
func beyondLimits(src []byte, off int, msg diag.Msg) *SyntaxError {
	line, col := lineCol(src, off)
	return &SyntaxError{Line: line, Col: col, Message: msg.Key, Msg: msg}
}

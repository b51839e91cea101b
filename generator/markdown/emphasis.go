package markdown

import (
	"unicode"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// CommonMark decides whether ** opens or closes emphasis by what is on
// either side, with rules made for languages that put spaces between words.
// In Chinese, "**规定（重要）**必须" does not close: the closing ** follows
// punctuation and is followed by a letter. cjkEmphasis relaxes the rule
// the way the CJK-friendly amendment does: a Chinese, Japanese or Korean
// character next to the delimiter counts like a space for that check. It
// replaces goldmark's emphasis parser and changes nothing else.
type cjkEmphasis struct{}

func (cjkEmphasis) Trigger() []byte { return []byte{'*', '_'} }

func (cjkEmphasis) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	d := scanDelimiter(line, before)
	if d == nil {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

type emphasisProcessor struct{}

func (emphasisProcessor) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisProcessor) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

// cjkStrikethrough is GFM's ~~strikethrough~~ with the same relaxed
// rule: "~~（旧）~~新" strikes. Like GFM, it takes runs of one or two ~.
type cjkStrikethrough struct{}

func (cjkStrikethrough) Trigger() []byte { return []byte{'~'} }

func (cjkStrikethrough) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	d := scanDelimiter(line, before)
	if d == nil || d.OriginalLength > 2 || before == '~' {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

type strikethroughProcessor struct{}

func (strikethroughProcessor) IsDelimiter(b byte) bool { return b == '~' }

func (strikethroughProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (strikethroughProcessor) OnMatch(consumes int) ast.Node { return extast.NewStrikethrough() }

func scanDelimiter(line []byte, before rune) *parser.Delimiter {
	if len(line) == 0 || (line[0] != '*' && line[0] != '_' && line[0] != '~') {
		return nil
	}
	c := line[0]
	j := 0
	for j < len(line) && line[j] == c {
		j++
	}
	after := ' '
	if j < len(line) {
		after = util.ToRune(line, j)
	}
	beforePunct, beforeSpace := util.IsPunctRune(before), util.IsSpaceRune(before)
	afterPunct, afterSpace := util.IsPunctRune(after), util.IsSpaceRune(after)
	isLeft := !afterSpace && (!afterPunct || beforeSpace || beforePunct || isCJK(before))
	isRight := !beforeSpace && (!beforePunct || afterSpace || afterPunct || isCJK(after))
	var canOpen, canClose bool
	if c == '_' {
		canOpen = isLeft && (!isRight || beforePunct || isCJK(before))
		canClose = isRight && (!isLeft || afterPunct || isCJK(after))
	} else {
		canOpen, canClose = isLeft, isRight
	}
	if c == '~' {
		return parser.NewDelimiter(canOpen, canClose, j, c, strikethroughProcessor{})
	}
	return parser.NewDelimiter(canOpen, canClose, j, c, emphasisProcessor{})
}

// isCJK reports whether r is a Han, kana or Hangul character, or CJK or
// full-width punctuation.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// inlineParsers are goldmark's defaults with the emphasis parser replaced.
func inlineParsers() []util.PrioritizedValue {
	def := parser.NewEmphasisParser()
	var out []util.PrioritizedValue
	for _, p := range parser.DefaultInlineParsers() {
		if p.Value == def {
			out = append(out, util.Prioritized(cjkEmphasis{}, p.Priority))
			continue
		}
		out = append(out, p)
	}
	return out
}

// Heading ids: readable anchors for Chinese headings.

package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"guifan/generator/model"

	"github.com/yuin/goldmark/ast"
)

// ids makes heading ids that stay readable for Chinese headings: the
// heading's letters, digits and Han characters, joined by hyphens, unique
// within the document ("总则", "总则-2").
type ids struct{ used map[string]int }

func newIDs() *ids { return &ids{used: map[string]int{}} }

// Slug turns heading text into an id.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

func (x *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	words, _ := model.SplitTag(string(bytes.TrimSpace(value))) // a section tag is no part of the anchor (tags.go)
	base := Slug(words)
	id := base
	if n := x.used[base]; n > 0 {
		for {
			n++
			id = base + "-" + strconv.Itoa(n)
			if x.used[id] == 0 {
				break
			}
		}
		x.used[base] = n
	}
	x.used[id]++
	return []byte(id)
}

func (x *ids) Put(value []byte) { x.used[string(value)]++ }

// The parts of a document's page that repeat per item (the control box's
// and the fields' lists, the data tables, the contents list) written in Go, byte for byte as
// doc.html's templates write them: the template runs a few actions per
// item, each a reflective call with its escaper, which made the templates
// most of a page's cost. Each returns "" when it cannot be sure to write
// what the template writes (a link that html/template would rewrite); the
// template then writes the part itself. TestFastPartsSameAsTemplates
// holds them to the templates.

package site

import (
	"html/template"
	"strconv"
	"strings"
)

// escHTML writes s as html/template writes a string in text and in a
// quoted attribute (its htmlEscaper and attrEscaper): the same seven
// characters replaced, everything else as it is.
func escHTML(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(r)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// plainHref reports whether html/template writes href as it is in an
// href attribute: letters, digits, - . _ ~ / # and escapes (%XX) only.
func plainHref(href string) bool {
	for i := 0; i < len(href); i++ {
		c := href[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			continue
		}
		switch c {
		case '-', '.', '_', '~', '/', '#':
			continue
		case '%':
			if i+2 < len(href) && isHex(href[i+1]) && isHex(href[i+2]) {
				continue
			}
		}
		return false
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// escURL writes s as html/template writes it in a URL's query or
// fragment inside a quoted attribute (its urlEscaper, then attrEscaper,
// which then finds nothing to escape): every byte but letters, digits and
// - . _ ~ as %xx.
func escURL(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		last = i + 1
	}
	b.WriteString(s[last:])
}

// toc writes a contents list as doc.html's toc-list does.
func (w *writer) toc(items []tocItem) template.HTML {
	if w.slowParts {
		return ""
	}
	var b strings.Builder
	writeTOC(&b, items)
	return template.HTML(b.String())
}

func writeTOC(b *strings.Builder, items []tocItem) {
	b.WriteString("<ol>")
	for _, it := range items {
		b.WriteString(`<li class="toc-`)
		b.WriteString(strconv.Itoa(it.Level))
		if it.Own {
			b.WriteString(" own")
		}
		b.WriteString(`"><a href="#`)
		escURL(b, it.ID)
		b.WriteString(`">`)
		escHTML(b, it.Text)
		b.WriteString("</a>")
		if len(it.Children) > 0 {
			writeTOC(b, it.Children)
		}
		b.WriteString("</li>")
	}
	b.WriteString("\n</ol>")
}

// items writes the items of a control box or field list as doc.html's
// lists do; "" for none, or when a link is not plain.
func (w *writer) items(list []kv) template.HTML {
	if w.slowParts || len(list) == 0 {
		return ""
	}
	var b strings.Builder
	for _, it := range list {
		b.WriteString("\n      <div><dt>")
		escHTML(&b, it.Label)
		b.WriteString("</dt><dd>")
		if it.Href != "" {
			if !plainHref(it.Href) {
				return ""
			}
			b.WriteString(`<a href="`)
			b.WriteString(it.Href)
			b.WriteString(`">`)
			escHTML(&b, it.Value)
			b.WriteString("</a>")
		} else {
			b.WriteString(string(keepDates(it.Value)))
		}
		if it.Hint != "" {
			b.WriteString(` <small class="hint">`)
			escHTML(&b, it.Hint)
			b.WriteString("</small>")
		}
		b.WriteString("</dd></div>")
	}
	return template.HTML(b.String())
}

// tables writes a document's data tables as doc.html's data-tables does;
// "" for none.
func (w *writer) tables(ts []table) template.HTML {
	if w.slowParts || len(ts) == 0 {
		return ""
	}
	var b strings.Builder
	for _, t := range ts {
		b.WriteString("\n  <section class=\"data-table\">\n    <h2>")
		escHTML(&b, t.Title)
		b.WriteString("</h2>\n    <div class=\"scroll\" role=\"region\" aria-label=\"")
		escHTML(&b, t.Title)
		b.WriteString("\" tabindex=\"0\">\n    <table>\n      <thead><tr>")
		for i, c := range t.Columns {
			b.WriteString(`<th scope="col"`)
			if i < len(t.Hints) && t.Hints[i] != "" {
				b.WriteString(` title="`)
				escHTML(&b, t.Hints[i])
				b.WriteString(`"`)
			}
			b.WriteString(">")
			escHTML(&b, c)
			b.WriteString("</th>")
		}
		b.WriteString("</tr></thead>\n      <tbody>")
		for _, row := range t.Rows {
			b.WriteString("\n        <tr>")
			for _, cell := range row {
				b.WriteString("<td>")
				escHTML(&b, cell)
				b.WriteString("</td>")
			}
			b.WriteString("</tr>")
		}
		b.WriteString("\n      </tbody>\n    </table>\n    </div>\n  </section>")
	}
	return template.HTML(b.String())
}

// Hyperlinks, written into the workbook's parts after excelize has written
// them: excelize's SetCellHyperLink looks through every link and
// relationship of the sheet at each call, which takes seconds for the few
// thousand links of a large site's evidence sheet.

package excel

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"
)

// maxSheetLinks is the most links a sheet may hold (Excel's limit); past
// it, cells keep their text without a link.
const maxSheetLinks = 65530

// sheetLink is a link of a cell: to an address (external) or to a place
// in the workbook.
type sheetLink struct {
	ref, target string
	external    bool
}

// addLink records a cell's link, written by finish.
func (b *book) addLink(sh, ref, target string, external bool) {
	if b.err != nil || len(b.links[sh]) >= maxSheetLinks {
		return
	}
	if b.links == nil {
		b.links = map[string][]sheetLink{}
	}
	b.links[sh] = append(b.links[sh], sheetLink{ref, target, external})
}

// defaultRE is a Default element of [Content_Types].xml.
var defaultRE = regexp.MustCompile(`<Default [^>]*?(?:/>|></Default>)`)

// afterLinks are the elements that follow hyperlinks in a worksheet, in
// the schema's order; the links go before the first of them present.
var afterLinks = []string{"<printOptions", "<pageMargins", "<pageSetup", "<headerFooter", "<rowBreaks", "<colBreaks",
	"<customProperties", "<cellWatches", "<ignoredErrors", "<smartTags", "<drawing", "<legacyDrawing", "<picture",
	"<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"}

// finish rewrites the workbook excelize wrote: each sheet's links go into
// its part and its relationships, and the Default elements of
// [Content_Types].xml are sorted (excelize adds a chart's image types in
// map order; the same workbook must give the same bytes). The other parts
// are copied as they are, in their order.
func finish(data []byte, links map[string][]sheetLink) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	parts := map[string][]byte{}
	var names []string
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		parts[zf.Name] = part
		names = append(names, zf.Name)
	}
	ct := parts["[Content_Types].xml"]
	defaults := defaultRE.FindAll(ct, -1)
	sorted := slices.Clone(defaults)
	slices.SortStableFunc(sorted, bytes.Compare)
	i := 0
	parts["[Content_Types].xml"] = defaultRE.ReplaceAllFunc(ct, func([]byte) []byte { i++; return sorted[i-1] })
	sheets, err := sheetParts(parts)
	if err != nil {
		return nil, err
	}
	for _, sh := range slices.Sorted(mapKeys(links)) {
		part, ok := sheets[sh]
		if !ok {
			return nil, fmt.Errorf("excel: no part for sheet %q", sh)
		}
		relsName := path.Dir(part) + "/_rels/" + path.Base(part) + ".rels"
		var hl, rels strings.Builder
		hl.WriteString("<hyperlinks>")
		for n, l := range links[sh] {
			if l.external {
				id := fmt.Sprintf("rIdLink%d", n+1)
				fmt.Fprintf(&hl, `<hyperlink ref="%s" r:id="%s"/>`, l.ref, id)
				fmt.Fprintf(&rels, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="%s" TargetMode="External"/>`, id, escapeAttr(l.target))
			} else {
				fmt.Fprintf(&hl, `<hyperlink ref="%s" location="%s"/>`, l.ref, escapeAttr(l.target))
			}
		}
		hl.WriteString("</hyperlinks>")
		x := string(parts[part])
		if strings.Contains(x, "<hyperlinks>") {
			return nil, fmt.Errorf("excel: sheet %q already has links", sh)
		}
		at := -1
		for _, tag := range afterLinks {
			if k := strings.Index(x, tag); k >= 0 {
				at = k
				break
			}
		}
		if at < 0 {
			return nil, fmt.Errorf("excel: sheet %q has no end", sh)
		}
		parts[part] = []byte(x[:at] + hl.String() + x[at:])
		if rels.Len() == 0 {
			continue
		}
		if old, ok := parts[relsName]; ok {
			r := string(old)
			k := strings.LastIndex(r, "</Relationships>")
			if k < 0 {
				return nil, fmt.Errorf("excel: %s has no end", relsName)
			}
			parts[relsName] = []byte(r[:k] + rels.String() + r[k:])
		} else {
			parts[relsName] = []byte(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`)
			names = append(names, relsName)
		}
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(parts[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// sheetParts finds each sheet's part through the workbook and its
// relationships.
func sheetParts(parts map[string][]byte) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(parts["xl/workbook.xml"], &wb); err != nil {
		return nil, err
	}
	if err := xml.Unmarshal(parts["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				t := r.Target
				if strings.HasPrefix(t, "/") {
					t = strings.TrimPrefix(t, "/")
				} else {
					t = path.Join("xl", t)
				}
				out[s.Name] = t
			}
		}
	}
	return out, nil
}

func escapeAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // escapes <, >, &, ' and ", and line ends
	return b.String()
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

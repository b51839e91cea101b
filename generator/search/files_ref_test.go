package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestFilesSameAsReference: the index's files, written without
// reflection, are byte for byte those encoding/json wrote before (the
// reference below, Files as it was), for entries whose words need
// escaping in JSON, invalid bytes, long texts, and for an empty index.
func TestFilesSameAsReference(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("数据备份 “引号” a\"b\\c ", 400)
	entries := []Entry{
		{Doc: "a", URL: "docs/a/index.html", Title: "标题 \"引号\" \\ <b>&", Type: "regulation", Body: "正文\t制表\n换行\u2028分隔\u2029段 \x01控制 \xff\xfe无效 \ufffd替换"},
		{Doc: "b\"", URL: "docs/b/index.html#x", Title: "", Type: "form", Body: long},
		{Doc: "c", URL: "u", Title: "\xffbad", Type: "other", Body: "\xff" + long},
		{Doc: "d", Title: "短", Body: "  多   空白\u3000全角  "},
		{Doc: "e", Title: "e"},
	}
	labels := map[string]string{"regulation": "规章制度", "form": "表单\"", "other": "x"}
	checked := 0
	for _, es := range [][]Entry{entries, nil, entries[:1]} {
		// The entries' files are made before Build (the site writes them
		// while the postings are made) and share no name with the
		// postings' files, which are written beside them.
		early := EntryFiles(es, labels)
		idx := Build(es, Synonyms{{"数据备份", "备份"}})
		got, want := map[string][]byte{}, idx.referenceFiles(labels)
		for p, b := range idx.PostingFiles(labels) {
			if _, ok := early[p]; ok {
				t.Errorf("%d entries: %s is both an entry file and a posting file", len(es), p)
			}
			got[p] = b
		}
		maps.Copy(got, early)
		if all := idx.Files(labels); !maps.EqualFunc(all, got, bytes.Equal) {
			t.Errorf("%d entries: Files differs from EntryFiles and PostingFiles together", len(es))
		}
		if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
			t.Fatalf("%d entries: files %v, want %v", len(es), slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
		for p := range want {
			if !bytes.Equal(got[p], want[p]) {
				t.Errorf("%d entries: %s = %.300s, want %.300s", len(es), p, got[p], want[p])
			}
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("only %d files compared", checked)
	}
}

func (idx *Index) referenceFiles(typeLabels map[string]string) map[string][]byte {
	files := map[string][]byte{}
	types := sortedTypes(typeLabels)
	files["search/meta.js"] = idx.Meta(typeLabels)

	// Postings: [entries with the token, entry gap, weight, entry gap,
	// weight, ...], entries delta-encoded.
	shards := make([]map[string][]int, idx.Shards)
	for i := range shards {
		shards[i] = map[string][]int{}
	}
	for t, ps := range idx.Postings {
		flat := []int{idx.DF[t]}
		prev := 0
		for _, p := range ps {
			flat = append(flat, p.Entry-prev, p.W)
			prev = p.Entry
		}
		shards[shardOf(t, idx.Shards)][t] = flat
	}
	for i, s := range shards {
		files[fmt.Sprintf("search/s/%03d.js", i)] = referenceScript("shard", i, s)
	}
	// Entry blocks.
	typeIndex := map[string]int{}
	for i, k := range types {
		typeIndex[k] = i
	}
	for start := 0; start < len(idx.Entries); start += blockSize {
		var block [][]any
		for _, e := range idx.Entries[start:min(start+blockSize, len(idx.Entries))] {
			text := []rune(strings.Join(strings.Fields(e.Body), " "))
			if len(text) > snippetChars {
				text = text[:snippetChars]
			}
			block = append(block, []any{e.Title, e.URL, typeIndex[e.Type], string(text), e.Doc})
		}
		files[fmt.Sprintf("search/d/%04d.js", start/blockSize)] = referenceScript("block", start/blockSize, block)
	}
	// The rest of the longer texts, a block's in one file, null for an
	// entry with no more.
	for start := 0; start < len(idx.Entries); start += textBlock {
		var rest []any
		some := false
		for _, e := range idx.Entries[start:min(start+textBlock, len(idx.Entries))] {
			text := []rune(strings.Join(strings.Fields(e.Body), " "))
			if len(text) <= snippetChars {
				rest = append(rest, nil)
				continue
			}
			rest = append(rest, string(text[snippetChars:min(len(text), fullChars)]))
			some = true
		}
		if some {
			files[TextFile(start/textBlock)] = referenceScript("text", start/textBlock, rest)
		}
	}
	// Titles for suggestions, only while they stay small.
	var titles [][]any
	size := 0
	for i, e := range idx.Entries {
		titles = append(titles, []any{i, e.Title})
		size += len(e.Title) + 8
	}
	if size < 64*1024 {
		files["search/titles.js"] = referenceScript("titles", -1, titles)
	}
	return files
}

func referenceScript(kind string, n int, data any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(data)
	arg := ""
	if n >= 0 {
		arg = strconv.Itoa(n) + ","
	}
	return []byte("guifanSearch." + kind + "(" + arg + strings.TrimSpace(buf.String()) + ");\n")
}

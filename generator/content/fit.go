package content

import (
	"sort"

	"guifan/generator/diag"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/sections"
)

// misfiled looks at a document whose type comes from its folder and asks
// whether its front matter fits another type better: a regulation with
// kind = "backup" saved in faq/ would otherwise be checked as an FAQ and
// get one "unknown field" message per key. It returns the better type and
// the first key the folder's type does not know (or whose value is not one
// of its choices), or nil when the folder's
// type fits as well as any (a stray key is then a typo, for the field
// check to explain).
//
// The fit of a type is a score over the front-matter keys that are not
// common document fields: a key that is one of the type's fields scores 1,
// and 1 more when its value is one of the field's enum values; headings
// that match the type's sections break ties. A type fits better when it
// knows every key, the folder's type does not know one or refuses its
// value, and it scores higher; when two types fit equally well, nothing is
// said. No I/O: schema data only.
func misfiled(doc *model.Document, set *schema.Set, folder *schema.DocType) (*schema.DocType, string) {
	keys := ownKeys(doc, set)
	if len(keys) == 0 {
		return nil, ""
	}
	firstUnknown := ""
	for _, k := range keys {
		if folder.Field(k) == nil || !validEnum(doc, folder.Field(k), k) {
			firstUnknown = k
			break
		}
	}
	if firstUnknown == "" {
		return nil, ""
	}
	folderScore := fitScore(doc, folder, keys)
	var best *schema.DocType
	bestScore, bestSections, tie := 0, 0, false
	for _, name := range set.TypeNames() {
		t := set.Types[name]
		if t == folder || !knowsAll(t, keys) || !t.HasFormat(doc.Format) {
			continue
		}
		score := fitScore(doc, t, keys)
		if score <= folderScore {
			continue
		}
		secs := sectionHits(doc, t, set.Sections)
		switch {
		case best == nil || score > bestScore || (score == bestScore && secs > bestSections):
			best, bestScore, bestSections, tie = t, score, secs, false
		case score == bestScore && secs == bestSections:
			tie = true
		}
	}
	if best == nil || tie {
		return nil, ""
	}
	return best, firstUnknown
}

// ownKeys lists the front-matter keys that are not common document fields,
// sorted, so the result never depends on map order.
func ownKeys(doc *model.Document, set *schema.Set) []string {
	var keys []string
	for k := range doc.Meta {
		if k == "type" || (set.Document != nil && set.Document.Field(k) != nil) {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func knowsAll(t *schema.DocType, keys []string) bool {
	for _, k := range keys {
		if t.Field(k) == nil {
			return false
		}
	}
	return true
}

func fitScore(doc *model.Document, t *schema.DocType, keys []string) int {
	score := 0
	for _, k := range keys {
		f := t.Field(k)
		if f == nil {
			continue
		}
		score++
		if f.Type == "enum" && validEnum(doc, f, k) {
			score++
		}
	}
	return score
}

// validEnum reports whether the value of key is one of the enum field's
// values (true for fields that are not enums).
func validEnum(doc *model.Document, f *schema.Field, key string) bool {
	if f.Type != "enum" {
		return true
	}
	s, ok := doc.Meta[key].(string)
	if !ok {
		return false
	}
	_, ok = f.Lookup(s)
	return ok
}

// sectionHits counts the type's sections found in doc (package sections,
// as check and coverage find them).
func sectionHits(doc *model.Document, t *schema.DocType, rules schema.SectionRules) int {
	n := 0
	for _, s := range sections.Find(doc, t, rules).Sections {
		if s.Found() {
			n++
		}
	}
	return n
}

// reportMisfiled tells the author where a misfiled document belongs and
// leaves its type unset, so that it is neither checked nor assessed as the
// folder's type. It reports whether the document was misfiled.
func reportMisfiled(doc *model.Document, set *schema.Set, folder *schema.DocType, diags *diag.List) bool {
	better, key := misfiled(doc, set, folder)
	if better == nil {
		return false
	}
	where := Dir + "/" + better.Dir + "/"
	if better.Dir == "" {
		where = Dir + "/"
	}
	diags.Add(doc.Pos(key, true), "type.misfiled", better.Label, better.Name, folder.Dir+"/", where)
	doc.Type = ""
	return true
}

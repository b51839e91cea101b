package content

import (
	"guifan/generator/model"
	"guifan/generator/schema"
)

// Control reads d's document-control fields from its front matter, once,
// into their typed, canonical form: status and classification by value or
// alias (schemas/document.toml), the classification defaulting to the
// type's when none is written and to internal otherwise, dates that are dates. d.Type must be
// resolved first. A value of the wrong kind is left out here; validate
// reports it from Meta.
func Control(set *schema.Set, d *model.Document) model.Control {
	c := model.Control{
		Number:     d.String("number"),
		Version:    d.String("version"),
		ApprovedBy: d.String("approved_by"),
		Owner:      d.String("owner"),
		Articles:   ints(d.Meta["articles"]),
		Keywords:   strs(d.Meta["keywords"]),
		Supersedes: strs(d.Meta["supersedes"]),
		Related:    strs(d.Meta["related"]),
	}
	c.Effective, _ = d.Date("effective")
	c.ApprovedOn, _ = d.Date("approved_on")
	c.ReviewBy, _ = d.Date("review_by")
	c.RetiredOn, _ = d.Date("retired_on")
	if t := set.Types[d.Type]; t != nil {
		c.Record = t.Record
	}
	if set.Document != nil {
		if f := set.Document.Field("status"); f != nil {
			if ev, ok := f.Lookup(d.String("status")); ok {
				c.Status = model.Status(ev.Value)
			}
		}
		c.Classification = classification(set, d)
	}
	if c.Status == "" && c.Record {
		c.Status = model.StatusInForce // a record is in force unless it says otherwise
	}
	if c.Classification == "" {
		c.Classification = model.Internal
	}
	return c
}

// classification is the value written, by value or alias; the type's
// default when none is written; else internal. A value written but not
// known ("内部资料", a typo) is internal, not the type's default: a
// misspelt restriction must not publish the document.
func classification(set *schema.Set, d *model.Document) model.Classification {
	v, written := d.Meta["classification"]
	if s, _ := v.(string); written && s != "" {
		if f := set.Document.Field("classification"); f != nil {
			if ev, ok := f.Lookup(s); ok {
				return model.Classification(ev.Value)
			}
		}
		return model.Internal
	} else if written {
		return model.Internal // a value of the wrong kind, or empty
	}
	return model.Classification(set.Classification(d.Type, ""))
}

// ints reads article numbers: one integer or a list of them.
func ints(v any) []int {
	var out []int
	for _, e := range model.Items(v) {
		if n, ok := e.(int64); ok {
			out = append(out, int(n))
		}
	}
	return out
}

// strs reads one string or a list of them.
func strs(v any) []string {
	var out []string
	for _, e := range model.Items(v) {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Package card makes the action card of a document whose type asks for one
// (schema.DocType.Card: the emergency plans): what a ward pins up for an
// outage, on one screen and one A4 page. It is built from the plan's
// structured data, never from its prose: the scenario, the warning levels
// (who to report to, within how many minutes), who to call with their
// numbers (the service desk's phones, the organisation's emergency
// groups), the minutes after which each business step goes to paper, and
// the first actions. The site shows it first on the plan's page, the PDFs
// first in the plan's PDF and on a page of their own.
//
// A card also says when its plan is not in force (a draft, not yet
// effective, incomplete, retired: model.Control.Stage), so that nobody
// acts on a plan that does not apply.
package card

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"guifan/generator/model"
	"guifan/generator/present"
	"guifan/generator/schema"
)

// Card is one plan's action card, printed in the catalog's language.
type Card struct {
	DocID    string
	Title    string // the plan's title
	Scenario string
	// Banner is the warning that the plan does not apply (a draft, not
	// yet in force, retired); "" when it is in force.
	Banner   string
	Levels   []Level
	Calls    []Call
	Fallback []Step
	First    []string // first actions, in order
	Labels   Labels
}

// Level is one warning level: its name, when it applies, whom to report
// to and within what time.
type Level struct {
	Name, Criteria, ReportTo, Within string
}

// Call is someone to call: who, their numbers, and a note (hours, office).
type Call struct {
	Who, Note string
	Numbers   []string
}

// Step is a business step and when it goes to paper.
type Step struct {
	Process, After string
}

// Labels are the card's headings, in the catalog's language.
type Labels struct {
	Card, Scenario, Levels, Calls, Fallback, First, Print string
	// ScenarioLine is the scenario with its label, as one line reads it
	// (适用场景：…, Scenario: …).
	ScenarioLine                                         string
	Level, ReportTo, Within, Process, After, Who, Number string
}

// Input is what cards are made from: the documents this copy of the
// outputs shows (their phones and groups are named on the card), and how
// to print.
type Input struct {
	Schemas *schema.Set
	Present *present.Presenter
	T       func(key string, args ...any) string
	Docs    []*model.Document
	// Contact is the hospital's contact line (hospital.toml contact),
	// called when no service desk document gives a phone.
	Contact string
	AsOf    model.Date
	// calls is whom to call, worked out once by Prepare; nil until then.
	calls *[]Call
}

// Prepare returns in with whom to call worked out once, for making many
// cards from the same documents: For otherwise goes through every
// document for each card, which makes a site's cards take time quadratic
// in its size.
func Prepare(in Input) Input {
	c := calls(in)
	in.calls = &c
	return in
}

// Has reports whether documents of d's type have a card.
func Has(set *schema.Set, d *model.Document) bool {
	t := set.Types[d.Type]
	return t != nil && t.Card
}

// Banner is the warning a document carries wherever it is shown when it
// does not apply on asOf ("" when it is in force): a draft, incomplete,
// not yet effective or retired, by model.Control.Stage.
func Banner(d *model.Document, asOf model.Date, t func(string, ...any) string) string {
	switch d.Control.Stage(asOf) {
	case model.StageInForce:
		return ""
	case model.StageNotYet:
		return t("card.banner.not-yet", t("value.date", d.Control.Effective.Year, int(d.Control.Effective.Month), d.Control.Effective.Day))
	case model.StageRetired:
		return t("card.banner.retired")
	case model.StageIncomplete:
		return t("card.banner.incomplete")
	}
	return t("card.banner.draft")
}

// Mark is the short word for why a document does not apply on asOf
// (草稿, 未生效, 已废止), for lists; "" when it is in force. Banner says
// the same at length.
func Mark(d *model.Document, asOf model.Date, t func(string, ...any) string) string {
	switch d.Control.Stage(asOf) {
	case model.StageInForce:
		return ""
	case model.StageNotYet:
		return t("card.mark.not-yet")
	case model.StageRetired:
		return t("card.mark.retired")
	case model.StageIncomplete:
		return t("card.mark.incomplete")
	}
	return t("card.mark.draft")
}

// For returns d's card, or nil when its type has none.
func For(d *model.Document, in Input) *Card {
	if !Has(in.Schemas, d) {
		return nil
	}
	t := in.T
	c := &Card{DocID: d.ID, Title: d.Title(), Scenario: d.String("scenario"), Banner: Banner(d, in.AsOf, t)}
	c.Labels = Labels{
		Card: t("card.title"), Scenario: t("card.scenario"), ScenarioLine: t("card.scenario-line", c.Scenario), Levels: t("card.levels"), Calls: t("card.calls"),
		Fallback: t("card.fallback"), First: t("card.first"), Print: t("card.print"),
		Level: t("card.col.level"), ReportTo: t("card.col.report-to"), Within: t("card.col.within"),
		Process: t("card.col.process"), After: t("card.col.after"), Who: t("card.col.who"), Number: t("card.col.number"),
	}
	// A copy: the document's own rows stay in their order (the workbook
	// and the PDF list them as written, and may be made after the card).
	rows := slices.Clone(d.Rows("levels"))
	// The most severe level (1) first: that is the one to find quickly.
	sort.SliceStable(rows, func(i, j int) bool { return intOf(rows[i]["level"]) < intOf(rows[j]["level"]) })
	for _, r := range rows {
		l := Level{Name: str(r["name"]), Criteria: str(r["criteria"]), ReportTo: str(r["report_to"])}
		if l.Name == "" {
			l.Name = t("card.level-n", intOf(r["level"]))
		}
		if _, ok := r["report_within_minutes"]; ok {
			l.Within = t("card.within", intOf(r["report_within_minutes"]))
		}
		c.Levels = append(c.Levels, l)
	}
	steps := slices.Clone(d.Rows("fallback"))
	sort.SliceStable(steps, func(i, j int) bool { return intOf(steps[i]["after_minutes"]) < intOf(steps[j]["after_minutes"]) })
	for _, r := range steps {
		c.Fallback = append(c.Fallback, Step{Process: str(r["process"]), After: t("card.after", intOf(r["after_minutes"]))})
	}
	if in.calls != nil {
		c.Calls = slices.Clone(*in.calls)
	} else {
		c.Calls = calls(in)
	}
	if v, ok := d.Meta["first_actions"].([]any); ok {
		for _, x := range v {
			if s := strings.TrimSpace(str(x)); s != "" {
				c.First = append(c.First, s)
			}
		}
	}
	if len(c.First) == 0 && len(c.Calls) > 0 && len(c.Calls[0].Numbers) > 0 {
		// No first actions written: the one that always applies.
		c.First = []string{t("card.first-call", c.Calls[0].Who, c.Calls[0].Numbers[0])}
	}
	return c
}

// phoneRE finds a phone number in free text (an office "值班电话 8000").
var phoneRE = regexp.MustCompile(`(?:\d{3,4}-)?\d{4,8}`)

// calls are whom to call: each service desk (a document whose type has a
// phone field) with its numbers and hours, then the organisation's
// emergency groups (emergency_groups rows) with their lead and office.
// With neither, the hospital's contact line.
func calls(in Input) []Call {
	var out []Call
	docs := append([]*model.Document(nil), in.Docs...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	for _, d := range docs {
		t := in.Schemas.Types[d.Type]
		if t == nil {
			continue
		}
		if f := t.Field("phone"); f != nil {
			if v, ok := d.Meta["phone"]; ok {
				c := Call{Who: t.Label.In(in.Present.Catalog.Lang), Note: d.String("hours")}
				switch x := v.(type) {
				case []any:
					for _, n := range x {
						if s := strings.TrimSpace(in.Present.Value(f.Elem(), n)); s != "" {
							c.Numbers = append(c.Numbers, s)
						}
					}
				default:
					c.Numbers = []string{in.Present.Value(f, v)}
				}
				out = append(out, c)
			}
		}
	}
	for _, d := range docs {
		t := in.Schemas.Types[d.Type]
		if t == nil || t.Field("emergency_groups") == nil {
			continue
		}
		f := t.Field("emergency_groups")
		var group *schema.Field
		for _, col := range f.Columns {
			if col.Name == "group" {
				group = col
			}
		}
		for _, r := range d.Rows("emergency_groups") {
			who := str(r["group"])
			if group != nil {
				who = in.Present.Value(group, r["group"])
			}
			office := str(r["office"])
			c := Call{Who: who, Note: strings.TrimSpace(str(r["lead"]) + " · " + office)}
			if lead := str(r["lead"]); lead == "" {
				c.Note = office
			}
			if n := phoneRE.FindString(office); n != "" {
				c.Numbers = []string{n}
			}
			out = append(out, c)
		}
	}
	if len(out) == 0 && in.Contact != "" {
		c := Call{Who: in.Contact}
		if n := phoneRE.FindString(in.Contact); n != "" {
			c.Numbers = []string{n}
		}
		out = append(out, c)
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func intOf(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case float64:
		return int(x)
	case string:
		n, _ := strconv.Atoi(x)
		return n
	}
	return 0
}

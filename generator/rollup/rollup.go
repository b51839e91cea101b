// Package rollup is the health commission's view over many hospitals'
// submissions (package submission): it reads them from folders,
// subfolders and zips one at a time, checks each, and writes an offline
// site, a workbook and a JSON summary. Memory holds the summary only (a
// row and a verdict per article and requirement for each report); each
// report's detail (its page's part and its workbook rows) is appended to a
// spool file as it is read, and read back once per hospital at the end, so
// that a hospital's page holds all its reports and the workbook's detail
// sheet holds each hospital's latest report, older ones on a sheet of
// their own.
package rollup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"guifan/generator/i18n"
	"guifan/generator/model"
	"guifan/generator/schema"
	"guifan/generator/submission"
	"guifan/generator/tomlfile"
	"guifan/schemas"
)

// SummarySchema names the format of summary.json.
const SummarySchema = "guifan-rollup/1"

// Level says what a notice means for the file it names.
type Level string

const (
	// Error: the file was skipped.
	Error Level = "error"
	// Warning: the file was read, with a remark (edited by hand), or a
	// part of it was skipped.
	Warning Level = "warning"
	// Info: a file that is no submission was left alone.
	Info Level = "info"
)

// Notice is one message about one input file: a catalog key and its
// arguments after the file name.
type Notice struct {
	File  string `json:"file"`
	Level Level  `json:"level"`
	Key   string `json:"key"`
	Args  []any  `json:"-"`
	// Text is the message in the catalog's language.
	Text string `json:"message"`
}

// Options are what the roll-up is asked.
type Options struct {
	// Framework is the framework every submission must be assessed
	// against, in the version FrameworkVersion names.
	Framework *schema.Framework
	// AsOf is the roll-up's date: reports dated after it are refused.
	// The clock is read by the command, never here.
	AsOf model.Date
	// Catalog is the language of the site, workbook and messages.
	Catalog *i18n.Catalog
	// Theme is the theme folder whose style.css the site uses.
	Theme fs.FS
	// Out is the folder written: site/, rollup.xlsx, summary.json.
	Out string
	// Notify, when set, is told each notice as it is found.
	Notify func(Notice)
}

// Summary is summary.json: everything the roll-up found, small enough to
// hold for any number of hospitals.
type Summary struct {
	Schema           string `json:"schema"`
	Framework        string `json:"framework"`
	FrameworkTitle   string `json:"framework_title"`
	FrameworkVersion string `json:"framework_version"`
	AsOf             string `json:"as_of"`
	Lang             string `json:"lang"`
	Files            int    `json:"files"`
	Accepted         int    `json:"accepted"`
	Skipped          int    `json:"skipped"`
	Edited           int    `json:"edited"`
	// AmbiguousNames are the names that several hospitals share (told
	// apart by their code, or their district).
	AmbiguousNames []string       `json:"ambiguous_names"`
	Hospitals      []*Hospital    `json:"hospitals"`
	Articles       []*ArticleStat `json:"articles"`
	Districts      []*GroupStat   `json:"districts"`
	Levels         []*GroupStat   `json:"levels"`
	Notices        []Notice       `json:"notices"`
}

// Hospital is one hospital: its latest report and the history of its
// reports, oldest first. Hospitals are told apart by their code when the
// submission gives one, else by name and region; Ambiguous says that
// another hospital has the same name.
type Hospital struct {
	ID        string    `json:"id"`
	Page      int       `json:"page"` // its page: r/<page>.html
	Code      string    `json:"code,omitempty"`
	Name      string    `json:"name"`
	NameEn    string    `json:"name_en,omitempty"`
	Ambiguous bool      `json:"ambiguous_name,omitempty"`
	Level     string    `json:"level"`
	Class     string    `json:"level_class"`
	District  string    `json:"district"`
	Latest    *Report   `json:"latest"`
	History   []*Report `json:"history"`
	key       string
}

// Report is one accepted submission as the summary keeps it.
type Report struct {
	Page           int     `json:"page"` // its hospital's page: r/<page>.html
	File           string  `json:"file"`
	AsOf           string  `json:"as_of"`
	Score          float64 `json:"score"`
	Met            int     `json:"met"`
	Partial        int     `json:"partial"`
	Missing        int     `json:"missing"`
	Manual         int     `json:"manual"`
	OverdueDrills  int     `json:"overdue_drills"`
	OverdueReviews int     `json:"overdue_reviews"`
	Edited         bool    `json:"edited,omitempty"`
	// Verdicts are the articles' verdicts, in the framework's order
	// (verdict codes, see statuses); Gaps the interned gap of each of
	// the framework's requirements (0: none).
	Verdicts []byte   `json:"-"`
	Gaps     []uint32 `json:"-"`
	// html and rows locate the report's page part and workbook rows in
	// the spool.
	html, rows span
}

// ArticleStat is one article over the hospitals' latest reports.
type ArticleStat struct {
	Number  int        `json:"number"`
	Title   string     `json:"title"`
	Counts  [7]int     `json:"-"`
	Met     int        `json:"met"`
	Partial int        `json:"partial"`
	Missing int        `json:"missing"`
	Scored  int        `json:"scored"`
	Share   float64    `json:"share_met"`
	TopGaps []GapCount `json:"top_gaps"`
}

// GapCount is a gap text and how many hospitals have it.
type GapCount struct {
	Requirement string `json:"requirement"`
	Text        string `json:"text"`
	Hospitals   int    `json:"hospitals"`
}

// GroupStat compares the hospitals of one district or level.
type GroupStat struct {
	Name      string  `json:"name"`
	Hospitals int     `json:"hospitals"`
	Score     float64 `json:"mean_score"`
	Met       int     `json:"met"`
	Partial   int     `json:"partial"`
	Missing   int     `json:"missing"`
	Drills    int     `json:"overdue_drills"`
	Reviews   int     `json:"overdue_reviews"`
}

// statuses are the verdict codes, in the order Report.Verdicts numbers
// them (0 is "no verdict": the article is not in the report).
var statuses = []string{"", "met", "partial", "missing", "manual", "not_applicable", "info"}

func statusCode(s string) byte {
	for i, x := range statuses {
		if i > 0 && x == s {
			return byte(i)
		}
	}
	return 0
}

// maxGapTexts bounds the distinct gap texts remembered per requirement;
// later new texts count as one "other" text.
const maxGapTexts = 200

// state is the roll-up in progress.
type state struct {
	opt     Options
	sum     *Summary
	version string
	// framework order
	artIndex map[int]int
	reqIndex map[string]int
	reqIDs   []string
	// gap texts: gapText[id-1]; gapIDs per requirement index
	gapText []string
	gapIDs  []map[string]uint32
	seen    map[string]string // hospital + as-of -> file
	byKey   map[string]*Hospital
	// byName finds a hospital by name and region, for a report without a
	// code of a hospital whose other reports have one (and back).
	byName map[string]*Hospital
	site   *siteWriter
	book   *book
	spool  *spool
}

// Run rolls up the submissions under args (folders, zips or files) into
// opt.Out. An error is an internal failure (the output could not be
// written); every problem with an input is a notice in the summary.
func Run(args []string, opt Options) (*Summary, error) {
	f := opt.Framework
	s := &state{opt: opt, version: submission.FrameworkVersion(f),
		artIndex: map[int]int{}, reqIndex: map[string]int{}, seen: map[string]string{},
		byKey: map[string]*Hospital{}, byName: map[string]*Hospital{}}
	lang := opt.Catalog.Lang
	s.sum = &Summary{Schema: SummarySchema, Framework: f.ID, FrameworkTitle: f.Title.In(lang), FrameworkVersion: s.version,
		AsOf: opt.AsOf.String(), Lang: lang, AmbiguousNames: []string{}, Hospitals: []*Hospital{}, Notices: []Notice{}}
	for i, a := range f.Articles {
		s.artIndex[a.Number] = i
		for _, q := range a.Requirements {
			s.reqIndex[q.ID] = len(s.reqIDs)
			s.reqIDs = append(s.reqIDs, q.ID)
		}
	}
	s.gapIDs = make([]map[string]uint32, len(s.reqIDs))
	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return nil, err
	}
	var err error
	if s.site, err = newSiteWriter(s); err != nil {
		return nil, err
	}
	s.book = newBook(s)
	if s.spool, err = newSpool(); err != nil {
		return nil, err
	}
	defer s.spool.close()
	if err := s.stream(args); err != nil {
		return nil, err
	}
	if err := s.spool.done(); err != nil {
		return nil, err
	}
	s.finish()
	// The site and the workbook read the summary and the spool only:
	// they are written at the same time.
	bookErr := make(chan error, 1)
	go func() { bookErr <- s.book.finish() }()
	err = s.site.finish()
	if berr := <-bookErr; err == nil {
		err = berr
	}
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s.sum); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(opt.Out, "summary.json"), b.Bytes(), 0o644); err != nil {
		return nil, err
	}
	return s.sum, nil
}

// note records a notice, in the catalog's language.
func (s *state) note(n Notice) {
	n.Text = s.opt.Catalog.T(n.Key, append([]any{n.File}, n.Args...)...)
	if n.Level == Error {
		s.sum.Skipped++
	}
	s.sum.Notices = append(s.sum.Notices, n)
	if s.opt.Notify != nil {
		s.opt.Notify(n)
	}
}

// job is one input, or one notice of the walk, numbered in walk order.
type job struct {
	seq  int
	in   input
	note *Notice
}

// decoded is a job after the work that needs no order: decoding,
// checking the hash, rendering the report's part of its hospital's page
// and encoding its workbook rows.
type decoded struct {
	job
	sub     *submission.Submission
	problem *submission.Problem
	edited  bool
	page    []byte
	rows    []byte
}

// stream reads the inputs: one goroutine walks the folders and zips,
// workers decode and render, and this one takes the results in walk
// order, so that the roll-up is the same whatever the timing. At most a
// few inputs are in memory at once.
func (s *state) stream(args []string) error {
	rp := newReportPage(s.site)
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan job, 2*workers)
	results := make(chan decoded, 2*workers)
	go func() {
		seq := 0
		walk(args, s.opt.Out, func(n Notice) {
			jobs <- job{seq: seq, note: &n}
			seq++
		}, func(in input) {
			jobs <- job{seq: seq, in: in}
			seq++
		})
		close(jobs)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- decode(j, rp, s.book)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	pending := map[int]decoded{}
	next := 0
	var failed error
	for r := range results {
		pending[r.seq] = r
		for {
			d, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if failed == nil {
				failed = s.take(d)
			}
		}
	}
	return failed
}

// decode does the work on one input that needs no order.
func decode(j job, rp *reportPage, k *book) decoded {
	d := decoded{job: j}
	if j.note != nil {
		return d
	}
	if len(j.in.data) > submission.MaxSize {
		d.problem = &submission.Problem{Key: "rollup.too-big", Args: []any{submission.MaxSize >> 20}}
		return d
	}
	sub, err := submission.Decode(j.in.data)
	d.in.data = nil
	if err != nil {
		p, ok := err.(*submission.Problem)
		if !ok {
			p = &submission.Problem{Key: "rollup.read"}
		}
		d.problem = p
		return d
	}
	d.sub = sub
	d.edited = !sub.Sealed()
	d.page = rp.render(sub, j.in.name, d.edited)
	d.rows = k.encode(sub)
	return d
}

// take checks one decoded input against the others and adds it to the
// roll-up, in walk order.
func (s *state) take(d decoded) error {
	if d.note != nil {
		s.note(*d.note)
		return nil
	}
	s.sum.Files++
	name := d.in.name
	if d.problem != nil {
		s.note(Notice{File: name, Level: Error, Key: d.problem.Key, Args: d.problem.Args})
		return nil
	}
	sub := d.sub
	f := s.opt.Framework
	if sub.Framework != f.ID {
		s.note(Notice{File: name, Level: Error, Key: "rollup.framework", Args: []any{sub.Framework, f.ID}})
		return nil
	}
	if sub.FrameworkVersion != s.version {
		s.note(Notice{File: name, Level: Error, Key: "rollup.framework-version", Args: []any{sub.FrameworkVersion, s.version}})
		return nil
	}
	asOf, ok := model.ParseDate(sub.AsOf)
	if !ok {
		s.note(Notice{File: name, Level: Error, Key: "rollup.bad-date", Args: []any{sub.AsOf}})
		return nil
	}
	if !s.opt.AsOf.IsZero() && s.opt.AsOf.Before(asOf) {
		s.note(Notice{File: name, Level: Error, Key: "rollup.future", Args: []any{sub.AsOf, s.opt.AsOf.String()}})
		return nil
	}
	hname := strings.TrimSpace(sub.Hospital.Name)
	h := s.hospital(sub.Hospital)
	hkey := sub.Hospital.Key()
	if h != nil {
		hkey = h.key
	}
	key := hkey + "\x00" + sub.AsOf
	if first, dup := s.seen[key]; dup {
		s.note(Notice{File: name, Level: Error, Key: "rollup.duplicate", Args: []any{first, hname, sub.AsOf}})
		return nil
	}
	s.seen[key] = name
	if d.edited {
		s.sum.Edited++
		s.note(Notice{File: name, Level: Warning, Key: "rollup.edited"})
	}
	s.sum.Accepted++
	if h == nil {
		h = &Hospital{ID: hospitalID(hkey), Page: len(s.sum.Hospitals) + 1, Name: hname, key: hkey}
		s.sum.Hospitals = append(s.sum.Hospitals, h)
		s.byKey[hkey] = h
		h.Code = strings.TrimSpace(sub.Hospital.Code)
		nk := submission.Hospital{Name: hname, Region: sub.Hospital.Region}.Key()
		if s.byName[nk] == nil {
			s.byName[nk] = h
		}
	} else if h.Code == "" && sub.Hospital.Code != "" {
		// The first reports had no code, this one has.
		h.Code = strings.TrimSpace(sub.Hospital.Code)
		s.byKey[sub.Hospital.Key()] = h
	}
	sm := sub.Summary
	r := &Report{Page: h.Page, File: name, AsOf: sub.AsOf, Score: sm.Score, Met: sm.Met, Partial: sm.Partial,
		Missing: sm.Missing, Manual: sm.Manual, OverdueDrills: sm.OverdueDrills, OverdueReviews: sm.OverdueReviews, Edited: d.edited,
		Verdicts: make([]byte, len(f.Articles)), Gaps: make([]uint32, len(s.reqIDs))}
	for _, a := range sub.Articles {
		i, ok := s.artIndex[a.Number]
		if !ok {
			continue
		}
		r.Verdicts[i] = statusCode(a.Status)
		for _, q := range a.Requirements {
			if j, ok := s.reqIndex[q.ID]; ok && q.Gap != "" && (q.Status == "missing" || q.Status == "partial") {
				r.Gaps[j] = s.intern(j, q.Gap)
			}
		}
	}
	h.History = append(h.History, r)
	if h.Latest == nil || h.Latest.AsOf < r.AsOf {
		h.Latest = r
		h.Name, h.NameEn = hname, strings.TrimSpace(sub.Hospital.NameEn)
		h.Level, h.Class, h.District = sub.Hospital.Level, LevelClass(sub.Hospital.Level, hname), district(sub.Hospital.Region)
	}
	var err error
	if r.html, err = s.spool.add(d.page); err != nil {
		return err
	}
	r.rows, err = s.spool.add(d.rows)
	return err
}

// hospital finds the hospital a submission is of, or nil for a new one:
// by its code when it has one, else by name and region; a report without
// a code joins the hospital of that name and region, and a report with a
// code joins one of that name and region whose reports have had none.
func (s *state) hospital(sh submission.Hospital) *Hospital {
	if h := s.byKey[sh.Key()]; h != nil {
		return h
	}
	byName := submission.Hospital{Name: sh.Name, Region: sh.Region}.Key()
	h := s.byName[byName]
	if h == nil || (submission.NormCode(sh.Code) != "" && h.Code != "") {
		return nil
	}
	return h
}

// intern numbers a gap text of requirement j.
func (s *state) intern(j int, text string) uint32 {
	m := s.gapIDs[j]
	if m == nil {
		m = map[string]uint32{}
		s.gapIDs[j] = m
	}
	if id, ok := m[text]; ok {
		return id
	}
	if len(m) >= maxGapTexts {
		text = ""
		if id, ok := m[text]; ok {
			return id
		}
	}
	s.gapText = append(s.gapText, text)
	id := uint32(len(s.gapText))
	m[text] = id
	return id
}

// finish computes the per-article, per-district and per-level figures
// from each hospital's latest report.
func (s *state) finish() {
	f := s.opt.Framework
	lang := s.opt.Catalog.Lang
	hs := s.sum.Hospitals
	sort.Slice(hs, func(i, j int) bool {
		if hs[i].District != hs[j].District {
			return hs[i].District < hs[j].District
		}
		return hs[i].Name < hs[j].Name
	})
	names := map[string]int{}
	for _, h := range hs {
		sort.Slice(h.History, func(i, j int) bool { return h.History[i].AsOf < h.History[j].AsOf })
		names[h.Name]++
	}
	for _, h := range hs {
		if names[h.Name] > 1 {
			h.Ambiguous = true
		}
	}
	for name, n := range names {
		if n > 1 {
			s.sum.AmbiguousNames = append(s.sum.AmbiguousNames, name)
		}
	}
	sort.Strings(s.sum.AmbiguousNames)
	reqArticle := make([]int, len(s.reqIDs))
	for i, a := range f.Articles {
		st := &ArticleStat{Number: a.Number, Title: a.Title.In(lang), TopGaps: []GapCount{}}
		s.sum.Articles = append(s.sum.Articles, st)
		for _, q := range a.Requirements {
			reqArticle[s.reqIndex[q.ID]] = i
		}
	}
	gapCount := map[uint32]int{}
	for _, h := range hs {
		for i, v := range h.Latest.Verdicts {
			s.sum.Articles[i].Counts[v%7]++
		}
		for _, g := range h.Latest.Gaps {
			if g != 0 {
				gapCount[g]++
			}
		}
	}
	gapReq := map[uint32]int{}
	for j, m := range s.gapIDs {
		for _, id := range m {
			gapReq[id] = j
		}
	}
	perArticle := make([][]GapCount, len(f.Articles))
	for id, n := range gapCount {
		text := s.gapText[id-1]
		if text == "" {
			continue // the "other" bucket
		}
		j := gapReq[id]
		perArticle[reqArticle[j]] = append(perArticle[reqArticle[j]], GapCount{Requirement: s.reqIDs[j], Text: text, Hospitals: n})
	}
	for i, st := range s.sum.Articles {
		st.Met, st.Partial, st.Missing = st.Counts[1], st.Counts[2], st.Counts[3]
		st.Scored = st.Counts[1] + st.Counts[2] + st.Counts[3] + st.Counts[4]
		if st.Scored > 0 {
			st.Share = round4(float64(st.Met) / float64(st.Scored))
		}
		g := perArticle[i]
		sort.Slice(g, func(a, b int) bool {
			if g[a].Hospitals != g[b].Hospitals {
				return g[a].Hospitals > g[b].Hospitals
			}
			return g[a].Text < g[b].Text
		})
		if len(g) > 3 {
			g = g[:3]
		}
		st.TopGaps = append(st.TopGaps, g...)
	}
	s.sum.Districts = groups(hs, func(h *Hospital) string { return h.District })
	s.sum.Levels = groups(hs, func(h *Hospital) string { return h.Class })
	sort.SliceStable(s.sum.Levels, func(i, j int) bool { return levelRank(s.sum.Levels[i].Name) < levelRank(s.sum.Levels[j].Name) })
}

func groups(hs []*Hospital, key func(*Hospital) string) []*GroupStat {
	by := map[string]*GroupStat{}
	var out []*GroupStat
	for _, h := range hs {
		k := key(h)
		g := by[k]
		if g == nil {
			g = &GroupStat{Name: k}
			by[k] = g
			out = append(out, g)
		}
		r := h.Latest
		g.Hospitals++
		g.Score += r.Score
		g.Met += r.Met
		g.Partial += r.Partial
		g.Missing += r.Missing
		g.Drills += r.OverdueDrills
		g.Reviews += r.OverdueReviews
	}
	for _, g := range out {
		g.Score = round4(g.Score / float64(g.Hospitals))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	if out == nil {
		out = []*GroupStat{}
	}
	return out
}

func round4(x float64) float64 {
	return float64(int64(x*10000+0.5)) / 10000
}

// Level classes, as the commission compares them.
const (
	Level3         = "3"
	Level2         = "2"
	Level1         = "1"
	LevelCommunity = "community"
	LevelOther     = "other"
)

func levelRank(c string) int {
	return strings.Index("321co", c[:1])
}

// levelClass is a class of schemas/levels.toml: the words of the
// hospital levels (and names) it holds.
type levelClass struct {
	ID        string   `toml:"id"`
	Words     []string `toml:"words"`
	Prefixes  []string `toml:"prefixes"`
	NameWords []string `toml:"name_words"`
}

// levelClasses reads schemas/levels.toml once; a damaged built-in file is
// a defect of guifan itself (a test reads it).
var levelClasses = sync.OnceValue(func() []levelClass {
	var f struct {
		Class []levelClass `toml:"class"`
	}
	if src, err := fs.ReadFile(schemas.FS, "levels.toml"); err == nil {
		if probs := tomlfile.DecodeStrict(src, &f); len(probs) > 0 {
			return nil
		}
	}
	return f.Class
})

// LevelClass sorts a hospital into a class of schemas/levels.toml (三级,
// 二级, 一级 or 社区) by its level and name: the first class whose words
// its level contains (or starts with one of its prefixes), or whose name
// words its name contains; LevelOther when none does.
func LevelClass(level, name string) string {
	low := strings.ToLower(level)
	for _, c := range levelClasses() {
		for _, w := range c.Words {
			if strings.Contains(low, strings.ToLower(w)) {
				return c.ID
			}
		}
		for _, p := range c.Prefixes {
			if strings.HasPrefix(level, p) {
				return c.ID
			}
		}
		for _, w := range c.NameWords {
			if strings.Contains(name, w) {
				return c.ID
			}
		}
	}
	return LevelOther
}

// district is the region a hospital names, as the commission groups it.
func district(region string) string { return strings.TrimSpace(region) }

// hospitalID is a stable identifier of a hospital, from its key
// (submission.Hospital.Key).
func hospitalID(name string) string {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return fmt.Sprintf("%016x", h)
}

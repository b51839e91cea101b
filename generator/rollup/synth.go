package rollup

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path"

	"guifan/generator/schema"
	"guifan/generator/submission"
)

// Beijing's districts, for made-up hospitals.
var synthDistricts = []string{"东城区", "西城区", "朝阳区", "丰台区", "石景山区", "海淀区", "门头沟区", "房山区",
	"通州区", "顺义区", "昌平区", "大兴区", "怀柔区", "平谷区", "密云区", "延庆区"}

// synthKinds are the kinds of made-up hospitals: level, name pattern and
// share (in parts) of all.
var synthKinds = []struct {
	level, pattern string
	parts          int
	quality        float64 // mean share of requirements met
}{
	{"三级甲等", "北京市%s第%d医院", 6, 0.78},
	{"三级乙等", "%s中医医院第%d分院", 4, 0.70},
	{"二级甲等", "%s第%d人民医院", 14, 0.62},
	{"二级", "%s妇幼保健院第%d院区", 6, 0.58},
	{"一级", "%s第%d门诊部", 20, 0.45},
	{"一级", "%s第%d社区卫生服务中心", 50, 0.40},
}

// synthGaps are gap texts, %s being the requirement's title.
var synthGaps = []string{
	"没有找到与“%s”对应的现行文件。",
	"相关文件中没有写明“%s”的内容。",
	"“%s”的记录超过 12 个月未更新。",
	"文件尚未批准生效，不能作为“%s”的证据。",
}

var synthPublicDocs = []string{"信息系统安全管理制度", "数据备份与恢复规程", "信息中心岗位职责", "机房管理制度",
	"信息系统应急预案", "信息化建设五年规划", "网络安全等级保护实施方案", "信息系统变更管理制度"}

// Synthesize makes n hospitals' submissions against framework f, written
// one at a time by write (name is a slash path: district/hospital/file):
// varied levels, districts, quality and gaps; about one hospital in twenty
// has two or three reports of different dates. The same n and seed give
// the same files. lang is the language of titles; internal the catalog's
// word for a restricted document.
func Synthesize(f *schema.Framework, n int, seed uint64, lang, internal string, write func(name string, data []byte) error) (int, error) {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	total := 0
	for _, k := range synthKinds {
		total += k.parts
	}
	counters := map[string]int{}
	files := 0
	for i := 0; i < n; i++ {
		d := synthDistricts[rng.IntN(len(synthDistricts))]
		pick := rng.IntN(total)
		k := synthKinds[0]
		for _, kk := range synthKinds {
			if pick < kk.parts {
				k = kk
				break
			}
			pick -= kk.parts
		}
		counters[d+k.pattern]++
		name := fmt.Sprintf(k.pattern, d, counters[d+k.pattern])
		q := k.quality + rng.NormFloat64()*0.15
		dates := []string{"2026-11-25"}
		if rng.IntN(20) == 0 {
			dates = []string{"2025-11-25", "2026-05-25", "2026-11-25"}[rng.IntN(2):]
		}
		for j, date := range dates {
			qq := q - 0.08*float64(len(dates)-1-j) // hospitals improve
			sub := synthOne(f, rng, qq, lang, internal)
			sub.Hospital = submission.Hospital{Name: name, Level: k.level, Region: "北京市" + d}
			sub.AsOf = date
			data, err := marshal(sub)
			if err != nil {
				return files, err
			}
			if err := write(path.Join(d, fmt.Sprintf("%05d", i), "submission-"+date+".json"), data); err != nil {
				return files, err
			}
			files++
		}
	}
	return files, nil
}

func synthOne(f *schema.Framework, rng *rand.Rand, q float64, lang, internal string) *submission.Submission {
	s := &submission.Submission{Schema: submission.Schema, Framework: f.ID, FrameworkTitle: f.Title.In(lang),
		FrameworkVersion: submission.FrameworkVersion(f), Lang: lang, Articles: []submission.Article{}}
	s.Summary.Requirements = map[string]int{}
	for _, st := range statuses[1:] {
		s.Summary.Requirements[st] = 0
	}
	var credits float64
	scored := 0
	for _, a := range f.Articles {
		art := submission.Article{Number: a.Number, Chapter: a.Chapter, Title: a.Title.In(lang), Requirements: []submission.Requirement{}}
		// Some articles are hard for everyone.
		hard := float64((a.Number*37)%11) / 40
		var sum float64
		n, met, missing, manual := 0, 0, 0, 0
		for _, r := range a.Requirements {
			req := submission.Requirement{ID: r.ID, Kind: r.Kind, Title: r.Title.In(lang)}
			x := rng.Float64()
			switch {
			case r.Kind == "info":
				req.Status = "info"
			case r.Kind == "manual" && x < 0.5:
				req.Status = "manual"
			case x < q-hard:
				req.Status = "met"
			case x < q-hard+0.15:
				req.Status = "partial"
			default:
				req.Status = "missing"
			}
			if req.Status == "partial" || req.Status == "missing" {
				req.Gap = fmt.Sprintf(synthGaps[rng.IntN(len(synthGaps))], req.Title)
			}
			if req.Status == "met" || req.Status == "partial" {
				if rng.IntN(5) == 0 {
					req.Evidence = append(req.Evidence, submission.Evidence{Title: internal, Internal: 1 + rng.IntN(3)})
				} else {
					req.Evidence = append(req.Evidence, submission.Evidence{ID: fmt.Sprintf("doc-%d", rng.IntN(40)), Title: synthPublicDocs[rng.IntN(len(synthPublicDocs))]})
				}
			}
			if r.Kind == "manual" && req.Status != "manual" {
				req.Attestation = &submission.Attestation{Verdict: req.Status, Auditor: "王审核", Date: "2026-11-20", Justification: "现场查看记录。"}
			}
			if r.Type == "drill-record" && (req.Status == "missing" || req.Status == "partial") {
				s.Summary.OverdueDrills++
			}
			s.Summary.Requirements[req.Status]++
			switch req.Status {
			case "met":
				sum++
				n++
				met++
			case "partial":
				sum += 0.5
				n++
			case "missing":
				n++
				missing++
			case "manual":
				n++
				manual++
			}
			art.Requirements = append(art.Requirements, req)
		}
		switch {
		case n == 0:
			art.Status = "info"
			s.Summary.Info++
		case met == n:
			art.Status, art.Credit = "met", 1
			s.Summary.Met++
		case manual > 0 && met+manual == n:
			art.Status = "manual"
			s.Summary.Manual++
		case missing == n:
			art.Status = "missing"
			s.Summary.Missing++
		default:
			art.Status = "partial"
			s.Summary.Partial++
		}
		if n > 0 {
			art.Credit = math.Round(sum/float64(n)*10000) / 10000
			credits += art.Credit
			scored++
		}
		s.Articles = append(s.Articles, art)
	}
	if scored > 0 {
		s.Summary.Score = math.Round(credits/float64(scored)*10000) / 10000
	}
	s.Summary.OverdueReviews = rng.IntN(4) * rng.IntN(2)
	return s
}

func marshal(s *submission.Submission) ([]byte, error) {
	var b bytesBuffer
	if err := s.WriteJSON(&b); err != nil {
		return nil, err
	}
	return b.data, nil
}

// bytesBuffer is a minimal io.Writer collecting bytes.
type bytesBuffer struct{ data []byte }

func (b *bytesBuffer) Write(p []byte) (int, error) {
	b.data = append(b.data, p...)
	return len(p), nil
}

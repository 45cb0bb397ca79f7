package demo

import (
	"cmp"
	"slices"

	"github.com/tdkt/tdkt/domain"
)

// schemeInfo is a scoring table. The items follow the shape of QĐ
// 424/QĐ-VKSTC (points per field of work, a bonus and a penalty); the
// points themselves are illustrative (DOMAIN.md §3.2: [U]).
type schemeInfo struct {
	key, id, table string
	version        int
	items          []domain.SchemeItem
}

func (b *builder) publishScheme(key, table string, items []domain.SchemeItem, basis *Basis) {
	s := b.schemes()[key]
	if s == nil {
		s = &schemeInfo{key: key, id: b.id("scheme", key)}
		b.schemes()[key] = s
	}
	s.version++
	s.table, s.items = table, items
	b.add(domain.PublishScoringScheme{SchemeID: s.id, Version: s.version, Table: table, Items: items}, b.asOffice(), basis,
		"Ban hành "+table+" (phiên bản "+itoa(s.version)+")")
}

func (b *builder) schemes() map[string]*schemeInfo {
	if b.schemeMap == nil {
		b.schemeMap = map[string]*schemeInfo{}
	}
	return b.schemeMap
}

func item(code, title string, maxPoints domain.Points) domain.SchemeItem {
	return domain.SchemeItem{Code: code, Title: title, MaxPoints: maxPoints}
}

func bonus(code, title string, maxPoints domain.Points) domain.SchemeItem {
	return domain.SchemeItem{Code: code, Title: title, MaxPoints: maxPoints, Bonus: true}
}

func penalty(code, title string, maxPoints domain.Points) domain.SchemeItem {
	return domain.SchemeItem{Code: code, Title: title, MaxPoints: maxPoints, Penalty: true}
}

// scoreEntry is one member's current score in a cluster.
type scoreEntry struct {
	unit, scoreID, card string
	items               []domain.ItemScore
	total               domain.Points
}

// scoreCluster records a cluster-stage score by criteria for every member
// of ck, each against its table (a VKSND cấp cao in Cụm 1 is scored on
// the cấp cao table). Points are drawn from the seed: 80–98% of each
// item's maximum, in quarter points, a bonus of 0–3 points, no penalty.
func (b *builder) scoreCluster(ck string) {
	c := b.clusters[ck]
	for _, m := range c.members {
		s := b.schemes()[c.scheme]
		if b.units[m].level == domain.LevelHigh {
			s = b.schemes()["caocao"]
		}
		var items []domain.ItemScore
		var total domain.Points
		for _, it := range s.items {
			var p domain.Points
			switch {
			case it.Penalty:
				p = 0
			case it.Bonus:
				p = domain.Points(b.rng.IntN(13)) * 25
			default:
				lo, hi := it.MaxPoints*80/100, it.MaxPoints*98/100
				p = (lo + domain.Points(b.rng.Int64N(int64(hi-lo+1)))) / 25 * 25
			}
			items = append(items, domain.ItemScore{Code: it.Code, Points: p})
			total += p
		}
		key := ck + "/" + m
		e := &scoreEntry{unit: m, scoreID: b.id("score", key), card: b.id("scorecard", key), items: items, total: total}
		b.scoresOf(ck)[m] = e
		b.add(domain.RecordScore{ScoreID: e.scoreID, ScorecardID: e.card, SubjectUnitID: b.uid(m), ClusterID: c.id, Year: c.year,
			SchemeID: s.id, SchemeVersion: s.version, Stage: domain.StageCluster, Items: items,
			EvidenceRefs: []string{"Báo cáo tự chấm điểm của " + b.units[m].short}},
			b.asCluster(ck), nil, "Chấm điểm thi đua năm "+itoa(c.year)+": "+b.units[m].short)
	}
}

func (b *builder) scoresOf(ck string) map[string]*scoreEntry {
	if b.scoreMap == nil {
		b.scoreMap = map[string]map[string]*scoreEntry{}
	}
	if b.scoreMap[ck] == nil {
		b.scoreMap[ck] = map[string]*scoreEntry{}
	}
	return b.scoreMap[ck]
}

// correctScore supersedes unit's score in ck with one item changed.
func (b *builder) correctScore(ck, unit, code string, delta domain.Points, reason string) {
	e := b.scoresOf(ck)[unit]
	i := slices.IndexFunc(e.items, func(it domain.ItemScore) bool { return it.Code == code })
	if i < 0 {
		b.fail("correct: no item %q", code)
		return
	}
	fixed := domain.ItemScore{Code: code, Points: e.items[i].Points + delta}
	id := b.id("score", ck+"/"+unit+"/corrected")
	b.add(domain.CorrectScore{ScoreID: id, ScorecardID: e.card, ClusterID: b.clusters[ck].id, SupersedesScoreID: e.scoreID,
		Items: []domain.ItemScore{fixed}, Reason: reason, CorrectedByUnitID: b.uid(b.office)},
		b.asOffice(), nil, "Điều chỉnh điểm của "+b.units[unit].short)
	e.items[i] = fixed
	e.scoreID = id
	e.total += delta
}

// ranking returns ck's members by total, best first (ties by unit key).
func (b *builder) ranking(ck string) []*scoreEntry {
	var out []*scoreEntry
	for _, e := range b.scoresOf(ck) {
		out = append(out, e)
	}
	slices.SortFunc(out, func(x, y *scoreEntry) int {
		if c := cmp.Compare(y.total, x.total); c != 0 {
			return c
		}
		return cmp.Compare(x.unit, y.unit)
	})
	return out
}

// publishRanking publishes and finalizes ck's ranking; it returns the
// leading unit.
func (b *builder) publishRanking(ck string, finalizeOn string) string {
	c := b.clusters[ck]
	r := b.ranking(ck)
	var entries []domain.RankEntry
	for i, e := range r {
		entries = append(entries, domain.RankEntry{UnitID: b.uid(e.unit), Total: e.total, Rank: i + 1})
	}
	id := b.id("ranking", ck)
	b.add(domain.PublishClusterRanking{RankingID: id, ClusterID: c.id, Year: c.year, Ranking: entries,
		Method: "Tổng điểm chấm theo bảng tiêu chí; bằng điểm xếp theo thứ tự danh sách"}, b.asCluster(ck), nil,
		"Công bố kết quả chấm điểm, xếp hạng "+c.name+" năm "+itoa(c.year))
	_ = finalizeOn
	return r[0].unit
}

func (b *builder) finalizeRanking(ck string) {
	c := b.clusters[ck]
	b.add(domain.FinalizeClusterRanking{RankingID: b.id("ranking", ck), ClusterID: c.id, Year: c.year}, b.asOffice(), nil,
		"Chốt kết quả xếp hạng "+c.name+" năm "+itoa(c.year))
}

// clusterBallot records a cluster members' vote (show of hands) on ref.
func (b *builder) clusterBallot(ck, key, ref string, votesFor int, rule, note string) string {
	c := b.clusters[ck]
	id := b.id("ballot", key)
	n := len(c.members)
	b.add(domain.RecordBallot{BallotID: id, MeetingID: b.id("meeting", key), ClusterID: c.id, SubjectRef: ref, Kind: domain.BallotShowOfHands,
		Eligible: n, Cast: n, For: votesFor, Against: n - votesFor, Rule: rule}, b.asCluster(ck), nil, note)
	return id
}

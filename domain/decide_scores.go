package domain

import "slices"

// Deciders of scheme and scorecard streams. Rankings and acclamation are in
// the cluster's stream (decide_clusters.go).

func decideScheme(s SchemeState, cmd Command, _ decision) ([]Event, error) {
	c, ok := cmd.(PublishScoringScheme)
	if !ok {
		return nil, unknownCommand(s, cmd)
	}
	if old, ok := s.versions[c.Version]; ok {
		if same(old, c.event()) {
			return nil, nil
		}
		return nil, conflictf("version: phiên bản %d của bảng điểm đã công bố với nội dung khác", c.Version)
	}
	if c.Version != s.latest+1 {
		return nil, fieldErr("version", "phiên bản tiếp theo phải là %d", s.latest+1)
	}
	return []Event{c.event()}, nil
}

func decideScorecard(s ScorecardState, cmd Command, d decision) ([]Event, error) {
	switch c := cmd.(type) {
	case RecordScore:
		e := c.event()
		if old, ok := s.scores[c.ScoreID]; ok {
			if old.recorded != nil && same(*old.recorded, e) {
				return nil, nil
			}
			return nil, conflictf("scoreId: điểm %s đã được ghi", c.ScoreID)
		}
		var p problems
		if s.version > 0 && (s.unit != c.SubjectUnitID || s.cluster != c.ClusterID || s.year != c.Year) {
			p.add(fieldErr("scorecardId", "phiếu điểm %s là của đơn vị %s, cụm %s, năm %d", c.ScorecardID, s.unit, s.cluster, s.year))
		}
		cl, _ := d.env.read("cluster-" + c.ClusterID).(ClusterState)
		switch {
		case !cl.Exists():
			p.add(notFoundf("clusterId: cụm, khối %s chưa được thành lập", c.ClusterID))
		case cl.Year() != c.Year:
			p.add(fieldErr("year", "cụm, khối %s được thành lập cho năm %d, không phải %d", c.ClusterID, cl.Year(), c.Year))
		case !cl.IsMember(c.SubjectUnitID) || movedAway(d.env.Reads, c.SubjectUnitID, c.ClusterID):
			p.add(fieldErr("subjectUnitId", "đơn vị %s không phải thành viên cụm, khối %s năm %d", c.SubjectUnitID, c.ClusterID, c.Year))
		}
		if cl.Finalized() {
			p.add(conflictf("kết quả xếp hạng năm %d của cụm, khối %s đã chốt; không ghi thêm điểm", c.Year, c.ClusterID))
		}
		sc, _ := d.env.read("scheme-" + c.SchemeID).(SchemeState)
		items, ok := sc.Items(c.SchemeVersion)
		if !ok {
			p.add(notFoundf("schemeVersion: bảng điểm %s chưa có phiên bản %d", c.SchemeID, c.SchemeVersion))
		} else {
			for i, it := range c.Items {
				j := slices.IndexFunc(items, func(si SchemeItem) bool { return si.Code == it.Code })
				switch {
				case j < 0:
					p.add(fieldErr(idx("items", i)+".code", "không có tiêu chí %q trong bảng điểm", it.Code))
				case it.Points < 0 || it.Points > items[j].MaxPoints:
					p.add(fieldErr(idx("items", i)+".points", "ngoài khoảng 0–%d", items[j].MaxPoints))
				}
			}
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		return []Event{e}, nil
	case CorrectScore:
		if s.version == 0 {
			return nil, notFoundf("phiếu điểm %s chưa có điểm", c.ScorecardID)
		}
		if old, ok := s.scores[c.ScoreID]; ok {
			if old.corrected != nil && same(*old.corrected, c.event(old.total)) {
				return nil, nil
			}
			return nil, conflictf("scoreId: điểm %s đã được ghi", c.ScoreID)
		}
		var p problems
		if c.ClusterID != s.cluster {
			p.add(fieldErr("clusterId", "phiếu điểm thuộc cụm, khối %s", s.cluster))
		}
		old, ok := s.scores[c.SupersedesScoreID]
		switch {
		case !ok:
			p.add(notFoundf("supersedesScoreId: không có điểm %s trong phiếu điểm", c.SupersedesScoreID))
		default:
			if by, done := s.superseded[c.SupersedesScoreID]; done {
				p.add(conflictf("supersedesScoreId: điểm %s đã được thay bằng %s", c.SupersedesScoreID, by))
			}
		}
		if cl, _ := d.env.read("cluster-" + s.cluster).(ClusterState); cl.Finalized() {
			p.add(conflictf("kết quả xếp hạng năm %d của cụm, khối %s đã chốt; không sửa điểm", s.year, s.cluster))
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		return []Event{c.event(sumItems(applyCorrections(old.items, c.Items)))}, nil
	}
	return nil, unknownCommand(s, cmd)
}

// movedAway reports whether a cluster state in reads shows unit moved away
// from cluster.
func movedAway(reads map[string]State, unit, cluster string) bool {
	for _, st := range reads {
		if c, ok := st.(ClusterState); ok {
			if from, ok := c.MovedIn(unit); ok && from == cluster {
				return true
			}
		}
	}
	return false
}

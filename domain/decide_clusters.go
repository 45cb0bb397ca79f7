package domain

import "slices"

// Deciders of cluster and plan streams.

func decideCluster(s ClusterState, cmd Command, d decision) ([]Event, error) {
	if _, ok := cmd.(FormCluster); !ok {
		switch {
		case !s.Exists():
			return nil, notFoundf("cụm, khối %s chưa được thành lập", s.ID())
		case s.Dissolved():
			if _, ok := cmd.(DissolveCluster); ok {
				return nil, nil
			}
			return nil, conflictf("cụm, khối %s đã giải thể", s.ID())
		}
	}
	switch c := cmd.(type) {
	case FormCluster:
		if s.formed != nil {
			if same(*s.formed, c.event()) {
				return nil, nil
			}
			return nil, conflictf("cụm, khối %s đã tồn tại với nội dung khác", c.ClusterID)
		}
		var p problems
		if c.OrganizerCouncilID != "" {
			if co, _ := d.env.read("council-" + c.OrganizerCouncilID).(CouncilState); !co.Exists() {
				p.add(notFoundf("organizerCouncilId: hội đồng %s chưa được thành lập", c.OrganizerCouncilID))
			}
		}
		if c.OrganizerUnitID != "" {
			if u, _ := d.env.read("unit-" + c.OrganizerUnitID).(UnitState); !u.Active() {
				p.add(notFoundf("organizerUnitId: đơn vị %s không tồn tại hoặc đã giải thể", c.OrganizerUnitID))
			}
		}
		for i, u := range c.MemberUnitIDs {
			p.add(joinable(i, u, c.Year, c.Kind, c.ClusterID, d))
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		return []Event{c.event()}, nil
	case RenameCluster:
		if s.name == c.NewName && (c.NewNumber == 0 || c.NewNumber == s.formed.Number) {
			return nil, nil
		}
		return []Event{ClusterRenamed{ClusterID: c.ClusterID, OldName: s.name, NewName: c.NewName, NewNumber: c.NewNumber}}, nil
	case AssignUnitToCluster:
		if c.Year != s.Year() {
			return nil, fieldErr("year", "cụm, khối %s được thành lập cho năm %d, không phải %d", c.ClusterID, s.Year(), c.Year)
		}
		if s.IsMember(c.UnitID) {
			return nil, nil
		}
		if err := joinable(-1, c.UnitID, s.Year(), s.Kind(), c.ClusterID, d); err != nil {
			return nil, err
		}
		return []Event{UnitAssignedToCluster{ClusterID: c.ClusterID, UnitID: c.UnitID}}, nil
	case RemoveUnitFromCluster:
		if !s.IsMember(c.UnitID) {
			return nil, notFoundf("unitId: %s không phải thành viên cụm, khối", c.UnitID)
		}
		return []Event{c.event()}, nil
	case MoveUnitBetweenClusters:
		if from, ok := s.MovedIn(c.UnitID); ok && from == c.FromClusterID {
			return nil, nil
		}
		var p problems
		if c.Year != s.Year() {
			p.add(fieldErr("year", "cụm, khối %s được thành lập cho năm %d, không phải %d", c.ToClusterID, s.Year(), c.Year))
		}
		if s.IsMember(c.UnitID) {
			p.add(conflictf("unitId: %s đã là thành viên cụm, khối %s", c.UnitID, c.ToClusterID))
		}
		src, _ := d.env.read("cluster-" + c.FromClusterID).(ClusterState)
		switch {
		case !src.Exists():
			p.add(notFoundf("fromClusterId: cụm, khối %s chưa được thành lập", c.FromClusterID))
		case !src.IsMember(c.UnitID):
			p.add(notFoundf("unitId: %s không phải thành viên cụm, khối %s", c.UnitID, c.FromClusterID))
		case src.Year() != s.Year() || src.Kind() != s.Kind():
			p.add(fieldErr("fromClusterId", "cụm, khối %s khác năm hoặc khác loại với %s", c.FromClusterID, c.ToClusterID))
		}
		if u, _ := d.env.read("unit-" + c.UnitID).(UnitState); !u.Active() {
			p.add(notFoundf("unitId: đơn vị %s không tồn tại hoặc đã giải thể", c.UnitID))
		}
		if other, ok := clusterOf(d.env.Reads, c.UnitID, s.Year(), s.Kind(), c.FromClusterID); ok && other != c.ToClusterID {
			p.add(conflictf("unitId: %s đang ở cụm, khối %s năm %d; mỗi đơn vị chỉ ở một cụm và một khối mỗi năm", c.UnitID, other, s.Year()))
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		return []Event{c.event()}, nil
	case AssignClusterLeadership:
		return decideLeadership(s, c, d)
	case DissolveCluster:
		return []Event{c.event()}, nil
	case PublishClusterRanking:
		var p problems
		if c.Year != s.Year() {
			p.add(fieldErr("year", "cụm, khối %s được thành lập cho năm %d, không phải %d", c.ClusterID, s.Year(), c.Year))
		}
		if s.Finalized() {
			p.add(conflictf("kết quả xếp hạng năm %d của cụm, khối đã chốt", s.Year()))
		}
		for i, r := range c.Ranking {
			if !s.IsMember(r.UnitID) {
				p.add(fieldErr(idx("ranking", i)+".unitId", "%s không phải thành viên cụm, khối", r.UnitID))
			}
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		if old, ok := s.rankings[c.RankingID]; ok && same(old, c.event()) {
			return nil, nil
		}
		return []Event{c.event()}, nil
	case FinalizeClusterRanking:
		if s.finalized != nil {
			if s.finalized.RankingID == c.RankingID {
				return nil, nil
			}
			return nil, conflictf("kết quả xếp hạng năm %d đã chốt theo bảng %s", s.Year(), s.finalized.RankingID)
		}
		r, ok := s.rankings[c.RankingID]
		if !ok {
			return nil, notFoundf("rankingId: chưa công bố bảng xếp hạng %s", c.RankingID)
		}
		if r.Year != c.Year {
			return nil, fieldErr("year", "bảng xếp hạng %s là của năm %d", c.RankingID, r.Year)
		}
		return []Event{ClusterRankingFinalized{RankingID: c.RankingID, ClusterID: c.ClusterID, Year: c.Year, BasedOnSeq: d.env.BasedOnSeq}}, nil
	case AcclaimClusterLeader:
		return decideAcclaim(s, c, d)
	case RecordBallot:
		if old, ok := s.ballots[c.BallotID]; ok {
			if same(old, c.event()) {
				return nil, nil
			}
			return nil, conflictf("ballotId: phiếu %s đã được ghi với nội dung khác", c.BallotID)
		}
		if c.Eligible > len(s.members) {
			return nil, fieldErr("eligible", "%d lớn hơn số thành viên cụm, khối (%d)", c.Eligible, len(s.members))
		}
		return []Event{c.event()}, nil
	}
	return nil, unknownCommand(s, cmd)
}

// joinable checks that unit may join a cluster of kind for year: an active
// unit, not already in another cluster of that kind that year among the
// states read. i is the member's index in a list, or -1.
func joinable(i int, unit string, year int, kind ClusterKind, cluster string, d decision) *Error {
	field := "unitId"
	if i >= 0 {
		field = idx("memberUnitIds", i)
	}
	if u, _ := d.env.read("unit-" + unit).(UnitState); !u.Active() {
		return notFoundf("%s: đơn vị %s không tồn tại hoặc đã giải thể", field, unit)
	}
	if other, ok := clusterOf(d.env.Reads, unit, year, kind, cluster); ok {
		return conflictf("%s: đơn vị %s đã ở %s %s năm %d; mỗi đơn vị chỉ ở một cụm và một khối mỗi năm", field, unit, kind.Label(), other, year)
	}
	return nil
}

func decideLeadership(s ClusterState, c AssignClusterLeadership, d decision) ([]Event, error) {
	e := c.event()
	if s.leadership != nil {
		if same(*s.leadership, e) {
			return nil, nil
		}
		return nil, violation(ECONFLICT, "R28", "cụm, khối %s đã có cụm trưởng %s và cụm phó %s năm %d; mỗi năm chỉ có một trưởng và một phó",
			s.ID(), s.leadership.LeaderUnitID, s.leadership.DeputyUnitID, s.leadership.Year)
	}
	var p problems
	if c.Year != s.Year() {
		p.add(fieldErr("year", "cụm, khối %s được thành lập cho năm %d, không phải %d", c.ClusterID, s.Year(), c.Year))
	}
	if !s.IsMember(c.LeaderUnitID) {
		p.add(violation(EINVALID, "R28", "đơn vị trưởng %s không phải thành viên cụm, khối", c.LeaderUnitID))
	}
	if !s.IsMember(c.DeputyUnitID) {
		p.add(violation(EINVALID, "R28", "đơn vị phó %s không phải thành viên cụm, khối", c.DeputyUnitID))
	}
	for _, u := range []struct{ role, id string }{{"trưởng", c.LeaderUnitID}, {"phó", c.DeputyUnitID}} {
		st, _ := d.env.read("unit-" + u.id).(UnitState)
		if r, ok := st.Rating(c.Year - 1); ok && r == RatingNotCompleted {
			p.add(violation(EINVALID, "R26", "đơn vị %s (%s) không được xét thi đua năm %d (xếp loại %s)", u.role, u.id, c.Year-1, r.Label()))
		}
	}
	if c.PreviousClusterID != "" {
		prev, _ := d.env.read("cluster-" + c.PreviousClusterID).(ClusterState)
		if leader, _, ok := prev.Leadership(); ok && leader == c.LeaderUnitID && prev.Year() == c.Year-1 {
			p.add(flagged(c.AcknowledgedRules, EINVALID, "R27", "đơn vị %s đã làm cụm trưởng năm %d; cụm trưởng luân phiên hằng năm", c.LeaderUnitID, prev.Year()))
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return []Event{e}, nil
}

func decideAcclaim(s ClusterState, c AcclaimClusterLeader, d decision) ([]Event, error) {
	if s.acclaimed != nil {
		prev := *s.acclaimed
		prev.BasedOnSeq = 0
		if same(prev, c.event(0)) {
			return nil, nil
		}
		return nil, violation(ECONFLICT, "R16", "cụm, khối %s đã suy tôn đơn vị dẫn đầu %s năm %d", s.ID(), s.acclaimed.LeadingUnitID, s.acclaimed.Year)
	}
	var p problems
	if c.Year != s.Year() {
		p.add(fieldErr("year", "cụm, khối %s được thành lập cho năm %d, không phải %d", c.ClusterID, s.Year(), c.Year))
	}
	if !s.IsMember(c.LeadingUnitID) {
		p.add(violation(EINVALID, "R16", "đơn vị dẫn đầu %s không phải thành viên cụm, khối", c.LeadingUnitID))
	}
	if u, _ := d.env.read("unit-" + c.LeadingUnitID).(UnitState); !u.Active() {
		p.add(notFoundf("leadingUnitId: đơn vị %s không tồn tại hoặc đã giải thể", c.LeadingUnitID))
	}
	var ballot BallotRecorded
	hasBallot := false
	if c.BallotID != "" {
		ballot, hasBallot = s.Ballot(c.BallotID)
		if !hasBallot {
			p.add(notFoundf("ballotId: cụm, khối chưa ghi phiếu %s", c.BallotID))
		}
	}
	if slices.Contains(c.ProposedTitles, TitleSectorEmulationFlag) && (c.BallotID == "" || hasBallot) {
		share := d.env.policy().At(d.now).SectorFlagClusterVote
		switch {
		case !hasBallot:
			p.add(flagged(c.AcknowledgedRules, EINVALID, "R15", "đề nghị Cờ thi đua của ngành cần kết quả biểu quyết của cụm, khối"))
		case share.Known() && !share.Value.Reached(ballot.For, len(s.members)):
			p.add(flagged(c.AcknowledgedRules, EINVALID, "R15", "%d/%d thành viên đồng ý, chưa đạt %s", ballot.For, len(s.members), share.Value))
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return []Event{c.event(d.env.BasedOnSeq)}, nil
}

func decidePlan(s PlanState, cmd Command, d decision) ([]Event, error) {
	switch c := cmd.(type) {
	case SubmitReorganizationPlan:
		if co, _ := d.env.read("council-" + c.RecipientCouncilID).(CouncilState); !co.Exists() {
			return nil, notFoundf("recipientCouncilId: hội đồng %s chưa được thành lập", c.RecipientCouncilID)
		}
		var stored Event
		if s.submitted != nil {
			stored = *s.submitted
		}
		return created(s.Version(), stored, c.event(), "phương án "+c.PlanID)
	case DecideReorganizationPlan:
		if s.submitted == nil {
			return nil, notFoundf("phương án %s chưa được trình", c.PlanID)
		}
		if s.decided != nil {
			prev := *s.decided
			prev.BasedOnSeq = 0
			if same(prev, c.event(0)) {
				return nil, nil
			}
			return nil, conflictf("phương án %s đã được quyết định (%s)", c.PlanID, s.decided.Decision.Label())
		}
		return []Event{c.event(d.env.BasedOnSeq)}, nil
	}
	return nil, unknownCommand(s, cmd)
}

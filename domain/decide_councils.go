package domain

import "slices"

// Decider of council streams.

func decideCouncil(s CouncilState, cmd Command, d decision) ([]Event, error) {
	if _, ok := cmd.(ConstituteCouncil); !ok && !s.Exists() {
		return nil, notFoundf("hội đồng %s chưa được thành lập", s.ID())
	}
	switch c := cmd.(type) {
	case ConstituteCouncil:
		if u, _ := d.env.read("unit-" + c.OwnerUnitID).(UnitState); !u.Active() {
			return nil, notFoundf("ownerUnitId: đơn vị %s không tồn tại hoặc đã giải thể", c.OwnerUnitID)
		}
		var stored Event
		if s.constituted != nil {
			stored = *s.constituted
		}
		return created(s.Version(), stored, c.event(), "hội đồng "+c.CouncilID)
	case ReconstituteCouncil:
		if c.DecisionNo == s.decisionNo {
			if slices.Equal(c.Members, s.members) {
				return nil, nil
			}
			return nil, conflictf("decisionNo: quyết định %s đã được áp dụng với thành phần khác", c.DecisionNo)
		}
		return []Event{CouncilReconstituted{CouncilID: c.CouncilID, DecisionNo: c.DecisionNo, SupersedesDecision: s.decisionNo, Members: c.Members}}, nil
	case AppointCouncilMember:
		if m, ok := s.Member(c.Member.PersonID); ok {
			if m == c.Member {
				return nil, nil
			}
			return nil, conflictf("member.personId: %s đã là thành viên hội đồng với chức danh %s", m.PersonID, m.Role.Label())
		}
		if c.Member.Role == RoleChair && s.Chair() != "" {
			return nil, conflictf("member.role: hội đồng đã có Chủ tịch; thay Chủ tịch bằng kiện toàn hội đồng")
		}
		return []Event{c.event()}, nil
	case RemoveCouncilMember:
		m, ok := s.Member(c.PersonID)
		if !ok {
			return nil, notFoundf("personId: %s không phải thành viên hội đồng", c.PersonID)
		}
		if m.Role == RoleChair {
			return nil, conflictf("personId: không thể miễn nhiệm Chủ tịch riêng lẻ; hội đồng phải có đúng một Chủ tịch — dùng kiện toàn hội đồng")
		}
		return []Event{c.event()}, nil
	case DesignateStandingOffice:
		if u, _ := d.env.read("unit-" + c.OfficeUnitID).(UnitState); !u.Active() {
			return nil, notFoundf("officeUnitId: đơn vị %s không tồn tại hoặc đã giải thể", c.OfficeUnitID)
		}
		if s.office == c.OfficeUnitID {
			return nil, nil
		}
		return []Event{c.event()}, nil
	case AssignCouncilMemberToCluster:
		var p problems
		if _, ok := s.Member(c.PersonID); !ok {
			p.add(notFoundf("personId: %s không phải thành viên hội đồng", c.PersonID))
		}
		cl, _ := d.env.read("cluster-" + c.ClusterID).(ClusterState)
		switch {
		case !cl.Exists():
			p.add(notFoundf("clusterId: cụm, khối %s chưa được thành lập", c.ClusterID))
		case cl.Year() != c.Year:
			p.add(fieldErr("year", "cụm, khối %s được thành lập cho năm %d, không phải %d", c.ClusterID, cl.Year(), c.Year))
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		if _, ok := s.assignments[c.ClusterID+"/"+itoa(c.Year)+"/"+c.PersonID]; ok {
			return nil, nil
		}
		return []Event{c.event()}, nil
	case HoldCouncilMeeting:
		if old, ok := s.meetings[c.MeetingID]; ok {
			if same(old, c.event()) {
				return nil, nil
			}
			return nil, conflictf("meetingId: cuộc họp %s đã được ghi với nội dung khác", c.MeetingID)
		}
		var p problems
		for i, id := range c.Present {
			if _, ok := s.Member(id); !ok {
				p.add(fieldErr(idx("present", i), "%s không phải thành viên hội đồng", id))
			}
		}
		for i, id := range c.AbsentWithWrittenOpinion {
			if _, ok := s.Member(id); !ok {
				p.add(fieldErr(idx("absentWithWrittenOpinion", i), "%s không phải thành viên hội đồng", id))
			}
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		return []Event{c.event()}, nil
	case RecordBallot:
		if old, ok := s.ballots[c.BallotID]; ok {
			if same(old, c.event()) {
				return nil, nil
			}
			return nil, conflictf("ballotId: phiếu %s đã được ghi với nội dung khác", c.BallotID)
		}
		m, ok := s.meetings[c.MeetingID]
		if !ok {
			return nil, notFoundf("meetingId: hội đồng chưa ghi cuộc họp %s", c.MeetingID)
		}
		var p problems
		if c.Eligible > len(s.members) {
			p.add(fieldErr("eligible", "%d lớn hơn số thành viên hội đồng (%d)", c.Eligible, len(s.members)))
		}
		if voters := len(m.Present) + len(m.AbsentWithWrittenOpinion); c.Cast > voters {
			p.add(fieldErr("cast", "%d lớn hơn số thành viên có mặt hoặc có ý kiến bằng văn bản (%d)", c.Cast, voters))
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		return []Event{c.event()}, nil
	}
	return nil, unknownCommand(s, cmd)
}

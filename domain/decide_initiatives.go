package domain

import "slices"

// Deciders of initiative and research streams.

func decideInitiative(s InitiativeState, cmd Command, d decision) ([]Event, error) {
	if _, ok := cmd.(SubmitInitiative); !ok && !s.Submitted() {
		return nil, notFoundf("sáng kiến %s chưa được nộp", s.id)
	}
	switch c := cmd.(type) {
	case SubmitInitiative:
		if u, _ := d.env.read("unit-" + c.UnitID).(UnitState); !u.Active() {
			return nil, notFoundf("unitId: đơn vị %s không tồn tại hoặc đã giải thể", c.UnitID)
		}
		var stored Event
		if s.submitted != nil {
			stored = *s.submitted
		}
		return created(s.Version(), stored, c.event(), "sáng kiến "+c.InitiativeID)
	case ApplyInitiative:
		if slices.ContainsFunc(s.applied, func(a InitiativeApplied) bool { return same(a, c.event()) }) {
			return nil, nil
		}
		if u, _ := d.env.read("unit-" + c.UnitID).(UnitState); !u.Active() {
			return nil, notFoundf("unitId: đơn vị %s không tồn tại hoặc đã giải thể", c.UnitID)
		}
		return []Event{c.event()}, nil
	case EvaluateInitiative:
		if slices.ContainsFunc(s.evaluations, func(e InitiativeEvaluated) bool { return same(e, c.event()) }) {
			return nil, nil
		}
		co, _ := d.env.read("council-" + c.CouncilID).(CouncilState)
		if !co.Exists() {
			return nil, notFoundf("councilId: hội đồng %s chưa được thành lập", c.CouncilID)
		}
		var p problems
		if co.Kind() != CouncilKindInitiative {
			p.add(fieldErr("councilId", "hội đồng %s không phải Hội đồng sáng kiến", c.CouncilID))
		}
		b, ok := co.Ballot(c.BallotID)
		switch {
		case !ok:
			p.add(notFoundf("ballotId: hội đồng chưa ghi phiếu %s", c.BallotID))
		case b.SubjectRef != c.InitiativeID:
			p.add(fieldErr("ballotId", "phiếu %s không phải về sáng kiến này", c.BallotID))
		default:
			share := d.env.policy().At(d.now).InitiativeCouncilVote
			members := len(co.Members())
			if c.Result == VerdictPass && share.Known() && !share.Value.Reached(b.For, members) {
				p.add(violation(EINVALID, "R31", "%d/%d thành viên Hội đồng đồng ý, chưa đạt %s", b.For, members, share.Value))
			}
			if m, ok := co.Meeting(b.MeetingID); ok {
				for _, a := range s.submitted.AuthorIDs {
					if slices.Contains(m.Present, a) || slices.Contains(m.AbsentWithWrittenOpinion, a) {
						p.add(violation(EINVALID, "R31", "tác giả %s tham gia xét sáng kiến của mình", a))
					}
				}
			}
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		return []Event{c.event()}, nil
	case RecognizeInitiative:
		if old, ok := s.recognized[c.Scope]; ok {
			if same(old, c.event()) {
				return nil, nil
			}
			return nil, conflictf("sáng kiến đã được công nhận ở phạm vi %s", c.Scope.Label())
		}
		var p problems
		if !s.Applied() {
			p.add(violation(EINVALID, "R30", "sáng kiến chưa được áp dụng hoặc áp dụng thử trước ngày công nhận %s", d.now))
		}
		if !s.Passed() {
			p.add(violation(EINVALID, "R31", "sáng kiến chưa được Hội đồng sáng kiến đánh giá đạt"))
		}
		if below, ok := scopeBelow(c.Scope); ok && !s.RecognizedAt(below) {
			p.add(violation(EINVALID, "R32", "phải được công nhận phạm vi %s trước khi công nhận phạm vi %s", below.Label(), c.Scope.Label()))
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		return []Event{c.event()}, nil
	case RevokeInitiativeRecognition:
		if !s.RecognizedAt(c.Scope) {
			return nil, notFoundf("scope: sáng kiến không được công nhận ở phạm vi %s", c.Scope.Label())
		}
		for sc := range s.recognized {
			if sc.Compare(c.Scope) > 0 {
				return nil, violation(ECONFLICT, "R32", "sáng kiến còn được công nhận ở phạm vi %s; thu hồi phạm vi rộng hơn trước", sc.Label())
			}
		}
		return []Event{c.event()}, nil
	}
	return nil, unknownCommand(s, cmd)
}

// scopeBelow returns the scope an initiative must hold before scope.
func scopeBelow(scope InitiativeScope) (InitiativeScope, bool) {
	switch scope {
	case ScopeSector:
		return ScopeGrassroots, true
	case ScopeNational:
		return ScopeSector, true
	}
	return InitiativeScope{}, false
}

func decideResearch(s ResearchState, cmd Command, d decision) ([]Event, error) {
	c, ok := cmd.(AcceptResearchWork)
	if !ok {
		return nil, unknownCommand(s, cmd)
	}
	if u, _ := d.env.read("unit-" + c.UnitID).(UnitState); !u.Active() {
		return nil, notFoundf("unitId: đơn vị %s không tồn tại hoặc đã giải thể", c.UnitID)
	}
	var stored Event
	if s.accepted != nil {
		stored = *s.accepted
	}
	return created(s.Version(), stored, c.event(), "đề tài "+c.WorkID)
}

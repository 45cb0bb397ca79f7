package domain

import "slices"

// Deciders of unit and person streams.

func decideUnit(s UnitState, cmd Command, d decision) ([]Event, error) {
	if c, ok := cmd.(subjectCommand); ok {
		if !s.Exists() {
			return nil, notFoundf("đơn vị %s chưa được thành lập", s.ID())
		}
		return decideSubject(s.subjectState, c)
	}
	switch c := cmd.(type) {
	case EstablishUnit:
		if c.ParentUnitID != "" {
			if p, _ := d.env.read("unit-" + c.ParentUnitID).(UnitState); !p.Active() {
				return nil, notFoundf("parentUnitId: đơn vị cấp trên %s không tồn tại hoặc đã giải thể", c.ParentUnitID)
			}
		}
		var stored Event
		if s.established != nil {
			stored = *s.established
		}
		return created(s.Version(), stored, c.event(), "đơn vị "+c.UnitID)
	case RenameUnit:
		if err := activeUnit(s); err != nil {
			return nil, err
		}
		if s.name == c.NewName {
			return nil, nil
		}
		return []Event{UnitRenamed{UnitID: c.UnitID, OldName: s.name, NewName: c.NewName}}, nil
	case MergeUnits:
		if err := activeUnit(s); err != nil {
			return nil, err
		}
		if s.merged != nil {
			if same(*s.merged, c.event()) {
				return nil, nil
			}
			return nil, conflictf("đơn vị %s đã là kết quả của một lần hợp nhất khác", c.ResultUnitID)
		}
		var p problems
		for _, src := range c.SourceUnitIDs {
			if src == c.ResultUnitID {
				continue
			}
			u, _ := d.env.read("unit-" + src).(UnitState)
			if !u.Active() {
				p.add(notFoundf("sourceUnitIds: đơn vị %s không tồn tại hoặc đã giải thể", src))
			}
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		return []Event{c.event()}, nil
	case SplitUnit:
		if err := activeUnit(s); err != nil {
			return nil, err
		}
		if s.split != nil {
			if same(*s.split, c.event()) {
				return nil, nil
			}
			return nil, conflictf("đơn vị %s đã được chia, tách", c.SourceUnitID)
		}
		return []Event{c.event()}, nil
	case DissolveUnit:
		if !s.Exists() {
			return nil, notFoundf("đơn vị %s chưa được thành lập", c.UnitID)
		}
		if s.dissolved != nil {
			if same(*s.dissolved, c.event()) {
				return nil, nil
			}
			return nil, conflictf("đơn vị %s đã giải thể", c.UnitID)
		}
		return []Event{c.event()}, nil
	case ReparentUnit:
		if err := activeUnit(s); err != nil {
			return nil, err
		}
		if c.NewParentUnitID == c.UnitID {
			return nil, fieldErr("newParentUnitId", "trùng với unitId")
		}
		if p, _ := d.env.read("unit-" + c.NewParentUnitID).(UnitState); !p.Active() {
			return nil, notFoundf("newParentUnitId: đơn vị %s không tồn tại hoặc đã giải thể", c.NewParentUnitID)
		}
		if s.parent == c.NewParentUnitID {
			return nil, nil
		}
		return []Event{UnitReparented{UnitID: c.UnitID, OldParentUnitID: s.parent, NewParentUnitID: c.NewParentUnitID}}, nil
	}
	return nil, unknownCommand(s, cmd)
}

func activeUnit(s UnitState) error {
	switch {
	case !s.Exists():
		return notFoundf("đơn vị %s chưa được thành lập", s.ID())
	case s.Dissolved():
		return conflictf("đơn vị %s đã giải thể", s.ID())
	}
	return nil
}

func decidePerson(s PersonState, cmd Command, d decision) ([]Event, error) {
	if c, ok := cmd.(subjectCommand); ok {
		if !s.Exists() {
			return nil, notFoundf("cá nhân %s chưa có trong sổ", s.ID())
		}
		return decideSubject(s.subjectState, c)
	}
	if _, ok := cmd.(RecruitPerson); !ok && !s.Exists() {
		return nil, notFoundf("cá nhân %s chưa có trong sổ", s.ID())
	}
	switch c := cmd.(type) {
	case RecruitPerson:
		if u, _ := d.env.read("unit-" + c.UnitID).(UnitState); !u.Active() {
			return nil, notFoundf("unitId: đơn vị %s không tồn tại hoặc đã giải thể", c.UnitID)
		}
		var stored Event
		if s.recruited != nil {
			stored = *s.recruited
		}
		return created(s.Version(), stored, c.event(), "cá nhân "+c.PersonID)
	case TransferPerson:
		if s.unitID == c.ToUnitID {
			return nil, nil
		}
		if u, _ := d.env.read("unit-" + c.ToUnitID).(UnitState); !u.Active() {
			return nil, notFoundf("toUnitId: đơn vị %s không tồn tại hoặc đã giải thể", c.ToUnitID)
		}
		return []Event{PersonTransferred{PersonID: c.PersonID, FromUnitID: s.unitID, ToUnitID: c.ToUnitID}}, nil
	case SecondPerson:
		if s.unitID == c.ToUnitID {
			return nil, fieldErr("toUnitId", "trùng với đơn vị hiện tại của cá nhân")
		}
		if u, _ := d.env.read("unit-" + c.ToUnitID).(UnitState); !u.Active() {
			return nil, notFoundf("toUnitId: đơn vị %s không tồn tại hoặc đã giải thể", c.ToUnitID)
		}
		e := PersonSeconded{PersonID: c.PersonID, FromUnitID: s.unitID, ToUnitID: c.ToUnitID, Period: c.Period}
		if slices.ContainsFunc(s.secondments, func(x PersonSeconded) bool { return same(x, e) }) {
			return nil, nil
		}
		return []Event{e}, nil
	case RecordLeave:
		if old, ok := s.leaves[c.LeaveID]; ok {
			if same(old, c.event()) {
				return nil, nil
			}
			return nil, conflictf("leaveId: kỳ nghỉ %s đã được ghi với nội dung khác", c.LeaveID)
		}
		return []Event{c.event()}, nil
	case ImposeDiscipline:
		if old, ok := s.disciplines[c.DisciplineID]; ok {
			if same(old, c.event()) {
				return nil, nil
			}
			return nil, conflictf("disciplineId: quyết định kỷ luật %s đã được ghi với nội dung khác", c.DisciplineID)
		}
		return []Event{c.event()}, nil
	case EndDiscipline:
		if _, ok := s.disciplines[c.DisciplineID]; !ok {
			return nil, notFoundf("disciplineId: không có quyết định kỷ luật %s", c.DisciplineID)
		}
		if s.ended[c.DisciplineID] {
			return nil, nil
		}
		return []Event{DisciplineEnded{DisciplineID: c.DisciplineID, PersonID: c.PersonID}}, nil
	}
	return nil, unknownCommand(s, cmd)
}

// subjectCommand is a command on a subject's own stream, whichever kind of
// subject it is.
type subjectCommand interface {
	Command
	subject() Subject
}

func (c RatePerformance) subject() Subject       { return c.Subject }
func (c OpenReviewProceeding) subject() Subject  { return c.Subject }
func (c CloseReviewProceeding) subject() Subject { return c.Subject }
func (c PlaceAwardHold) subject() Subject        { return c.Subject }
func (c LiftAwardHold) subject() Subject         { return c.Subject }

func decideSubject(s subjectState, cmd subjectCommand) ([]Event, error) {
	switch c := cmd.(type) {
	case RatePerformance:
		if s.ratingIDs[c.RatingID] {
			if cur, ok := s.ratings[c.Year]; ok && same(cur, c.event()) {
				return nil, nil
			}
			return nil, conflictf("ratingId: xếp loại %s đã được ghi", c.RatingID)
		}
		cur, ok := s.ratings[c.Year]
		switch {
		case ok && c.Supersedes == "":
			return nil, conflictf("supersedes: năm %d đã có xếp loại %s; phải nêu xếp loại được thay thế", c.Year, cur.RatingID)
		case ok && c.Supersedes != cur.RatingID:
			return nil, conflictf("supersedes: xếp loại hiện hành của năm %d là %s, không phải %s", c.Year, cur.RatingID, c.Supersedes)
		case !ok && c.Supersedes != "":
			return nil, notFoundf("supersedes: năm %d chưa có xếp loại để thay thế", c.Year)
		}
		return []Event{c.event()}, nil
	case OpenReviewProceeding:
		if old, ok := s.proceedings[c.ProceedingID]; ok {
			if same(old, c.event()) {
				return nil, nil
			}
			return nil, conflictf("proceedingId: vụ việc %s đã mở với nội dung khác", c.ProceedingID)
		}
		if s.closedProcs[c.ProceedingID] {
			return nil, conflictf("proceedingId: vụ việc %s đã đóng", c.ProceedingID)
		}
		return []Event{c.event()}, nil
	case CloseReviewProceeding:
		if s.closedProcs[c.ProceedingID] {
			return nil, nil
		}
		if _, ok := s.proceedings[c.ProceedingID]; !ok {
			return nil, notFoundf("proceedingId: không có vụ việc %s đang mở", c.ProceedingID)
		}
		return []Event{c.event()}, nil
	case PlaceAwardHold:
		if old, ok := s.holds[c.HoldID]; ok {
			if same(old, c.event()) {
				return nil, nil
			}
			return nil, conflictf("holdId: tạm dừng khen thưởng %s đã có với nội dung khác", c.HoldID)
		}
		if s.liftedHolds[c.HoldID] {
			return nil, conflictf("holdId: tạm dừng khen thưởng %s đã được gỡ", c.HoldID)
		}
		return []Event{c.event()}, nil
	case LiftAwardHold:
		if s.liftedHolds[c.HoldID] {
			return nil, nil
		}
		if _, ok := s.holds[c.HoldID]; !ok {
			return nil, notFoundf("holdId: không có tạm dừng khen thưởng %s đang mở", c.HoldID)
		}
		return []Event{c.event()}, nil
	}
	return nil, Errorf(EINVALID, "%s: không áp dụng cho luồng %s", cmd.CommandName(), s.stream)
}

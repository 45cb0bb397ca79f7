package domain

import "slices"

// Deciders of movement, emulation plan, registration and covenant streams.

func decideMovement(s MovementState, cmd Command, d decision) ([]Event, error) {
	if _, ok := cmd.(LaunchMovement); !ok && !s.Launched() {
		return nil, notFoundf("phong trào %s chưa được phát động", s.id)
	}
	switch c := cmd.(type) {
	case LaunchMovement:
		if u, _ := d.env.read("unit-" + c.LaunchedByUnitID).(UnitState); !u.Active() {
			return nil, notFoundf("launchedByUnitId: đơn vị %s không tồn tại hoặc đã giải thể", c.LaunchedByUnitID)
		}
		var stored Event
		if s.launched != nil {
			stored = *s.launched
		}
		return created(s.Version(), stored, c.event(), "phong trào "+c.MovementID)
	case AdoptMovement:
		if old, ok := s.adopted[c.UnitID]; ok {
			if same(old, c.event()) {
				return nil, nil
			}
			return nil, conflictf("unitId: đơn vị %s đã hưởng ứng phong trào", c.UnitID)
		}
		if u, _ := d.env.read("unit-" + c.UnitID).(UnitState); !u.Active() {
			return nil, notFoundf("unitId: đơn vị %s không tồn tại hoặc đã giải thể", c.UnitID)
		}
		return []Event{c.event()}, nil
	case HoldMovementReview:
		if slices.ContainsFunc(s.reviews, func(r MovementReviewHeld) bool { return same(r, c.event()) }) {
			return nil, nil
		}
		p := s.launched.Period
		if c.PeriodCovered.From.Before(p.From) || (!p.To.IsZero() && c.PeriodCovered.To.After(p.To)) {
			return nil, fieldErr("periodCovered", "nằm ngoài thời gian của phong trào (%s – %s)", p.From, p.To)
		}
		return []Event{c.event()}, nil
	}
	return nil, unknownCommand(s, cmd)
}

func decideEmulationPlan(s EmulationPlanState, cmd Command, d decision) ([]Event, error) {
	c, ok := cmd.(AdoptEmulationPlan)
	if !ok {
		return nil, unknownCommand(s, cmd)
	}
	if u, _ := d.env.read("unit-" + c.UnitID).(UnitState); !u.Active() {
		return nil, notFoundf("unitId: đơn vị %s không tồn tại hoặc đã giải thể", c.UnitID)
	}
	var stored Event
	if s.adopted != nil {
		stored = *s.adopted
	}
	return created(s.Version(), stored, c.event(), "kế hoạch "+c.PlanID)
}

func decideRegistration(s RegistrationState, cmd Command, d decision) ([]Event, error) {
	switch c := cmd.(type) {
	case SubmitRegistration:
		if s.withdrawn {
			return nil, conflictf("đăng ký thi đua năm %d của đối tượng này đã rút; không đăng ký lại", c.Year)
		}
		if s.submitted != nil {
			if same(*s.submitted, c.event()) {
				return nil, nil
			}
			return nil, conflictf("đối tượng đã đăng ký thi đua năm %d; dùng AmendRegistration để thay đổi", c.Year)
		}
		st := d.env.read(c.Subject.stream())
		if !subjectExists(st) {
			return nil, notFoundf("subject: %s %s chưa có trong sổ", c.Subject.Kind.Label(), c.Subject.ID)
		}
		return []Event{c.event()}, nil
	case AmendRegistration:
		if err := openRegistration(s); err != nil {
			return nil, err
		}
		var k checker
		validateTargets(&k, "targets", c.Targets, s.submitted.Subject.Kind)
		if err := k.err(); err != nil {
			return nil, err
		}
		if slices.Equal(c.Targets, s.targets) {
			return nil, nil
		}
		return []Event{EmulationRegistrationAmended{RegistrationID: c.RegistrationID, SubjectKind: s.submitted.Subject.Kind, Targets: c.Targets, Reason: c.Reason}}, nil
	case WithdrawRegistration:
		if s.withdrawn {
			return nil, nil
		}
		if err := openRegistration(s); err != nil {
			return nil, err
		}
		return []Event{EmulationRegistrationWithdrawn{RegistrationID: c.RegistrationID, Reason: c.Reason}}, nil
	}
	return nil, unknownCommand(s, cmd)
}

func openRegistration(s RegistrationState) error {
	switch {
	case s.submitted == nil:
		return notFoundf("đăng ký %s không tồn tại", s.id)
	case s.withdrawn:
		return conflictf("đăng ký %s đã rút", s.id)
	}
	return nil
}

// subjectExists reports whether a unit or person state shows the subject
// established or recruited.
func subjectExists(st State) bool {
	switch s := st.(type) {
	case UnitState:
		return s.Exists()
	case PersonState:
		return s.Exists()
	}
	return false
}

func decideCovenant(s CovenantState, cmd Command, d decision) ([]Event, error) {
	c, ok := cmd.(SignCovenant)
	if !ok {
		return nil, unknownCommand(s, cmd)
	}
	cl, _ := d.env.read("cluster-" + c.ClusterID).(ClusterState)
	var p problems
	switch {
	case !cl.Exists():
		p.add(notFoundf("clusterId: cụm, khối %s chưa được thành lập", c.ClusterID))
	case cl.Year() != c.Year:
		p.add(fieldErr("year", "cụm, khối %s được thành lập cho năm %d, không phải %d", c.ClusterID, cl.Year(), c.Year))
	default:
		for i, sg := range c.Signatories {
			if !cl.IsMember(sg.UnitID) {
				p.add(fieldErr(idx("signatories", i)+".unitId", "%s không phải thành viên cụm, khối", sg.UnitID))
			}
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	var stored Event
	if s.signed != nil {
		stored = *s.signed
	}
	return created(s.Version(), stored, c.event(), "giao ước "+c.CovenantID)
}

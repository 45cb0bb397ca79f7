package domain

// Deciders of award proposal, consultation, decision and deadline streams.

func decideProposal(s ProposalState, cmd Command, d decision) ([]Event, error) {
	if _, ok := cmd.(ProposeAward); !ok {
		switch {
		case !s.Proposed():
			return nil, notFoundf("đề nghị khen thưởng %s không tồn tại", s.id)
		case s.Rejected():
			if _, ok := cmd.(RejectAward); ok {
				return nil, nil
			}
			return nil, conflictf("đề nghị khen thưởng %s đã bị từ chối", s.id)
		}
	}
	switch c := cmd.(type) {
	case ProposeAward:
		if s.proposed != nil {
			if same(*s.proposed, c.event()) {
				return nil, nil
			}
			return nil, conflictf("đề nghị khen thưởng %s đã tồn tại với nội dung khác", c.ProposalID)
		}
		var p problems
		if u, _ := d.env.read("unit-" + c.ProposerUnitID).(UnitState); !u.Active() {
			p.add(notFoundf("proposerUnitId: đơn vị %s không tồn tại hoặc đã giải thể", c.ProposerUnitID))
		}
		p = append(p, subjectBars(d.env.read(c.Subject.stream()), c.Subject, "subject")...)
		if err := p.err(); err != nil {
			return nil, err
		}
		return []Event{c.event()}, nil
	case FileDossier:
		if co, _ := d.env.read("council-" + c.FiledToCouncilID).(CouncilState); !co.Exists() {
			return nil, notFoundf("filedToCouncilId: hội đồng %s chưa được thành lập", c.FiledToCouncilID)
		}
		if s.filed != nil && same(*s.filed, c.event()) {
			return nil, nil
		}
		return []Event{c.event()}, nil
	case ReturnDossier:
		if s.filed == nil {
			return nil, notFoundf("đề nghị %s chưa nộp hồ sơ", c.ProposalID)
		}
		return []Event{c.event()}, nil
	case AppraiseDossier:
		if s.filed == nil {
			return nil, notFoundf("đề nghị %s chưa nộp hồ sơ", c.ProposalID)
		}
		if s.appraised != nil && same(*s.appraised, c.event()) {
			return nil, nil
		}
		return []Event{c.event()}, nil
	case RejectAward:
		return []Event{c.event(d.env.BasedOnSeq)}, nil
	}
	return nil, unknownCommand(s, cmd)
}

// subjectBars returns the R23 and R36 failures for a subject whose stream
// is folded in st: not in the ledger, an open hold or proceeding, a
// dissolved unit.
func subjectBars(st State, subj Subject, field string) []error {
	var p problems
	if !subjectExists(st) {
		p.add(notFoundf("%s: %s %s chưa có trong sổ", field, subj.Kind.Label(), subj.ID))
		return p
	}
	var ss subjectState
	switch s := st.(type) {
	case UnitState:
		ss = s.subjectState
		if s.Dissolved() {
			p.add(violation(EINVALID, "R36", "đơn vị %s đã giải thể, hợp nhất hoặc sáp nhập; không đề nghị, quyết định khen thưởng mới", subj.ID))
		}
	case PersonState:
		ss = s.subjectState
	}
	if ss.Barred() {
		p.add(violation(EINVALID, "R23", "%s %s đang bị xem xét (vụ việc %v, tạm dừng %v)", subj.Kind.Label(), subj.ID, ss.OpenProceedings(), ss.OpenHolds()))
	}
	return p
}

func decideConsultation(s ConsultationState, cmd Command, d decision) ([]Event, error) {
	switch c := cmd.(type) {
	case OpenPublicConsultation:
		var p problems
		for i, id := range c.ProposalIDs {
			if pr, _ := d.env.read("award-" + id).(ProposalState); !pr.Proposed() || pr.Rejected() {
				p.add(notFoundf("%s: đề nghị %s không tồn tại hoặc đã bị từ chối", idx("proposalIds", i), id))
			}
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		var stored Event
		if s.opened != nil {
			stored = *s.opened
		}
		return created(s.Version(), stored, c.event(), "đợt lấy ý kiến "+c.ConsultationID)
	case ClosePublicConsultation:
		switch {
		case s.opened == nil:
			return nil, notFoundf("đợt lấy ý kiến %s chưa mở", c.ConsultationID)
		case s.closed != nil:
			if same(*s.closed, c.event()) {
				return nil, nil
			}
			return nil, conflictf("đợt lấy ý kiến %s đã đóng", c.ConsultationID)
		case d.now.Before(s.opened.Window.To):
			return nil, violation(EINVALID, "R10", "chưa hết thời gian lấy ý kiến (đến %s)", s.opened.Window.To)
		}
		return []Event{c.event()}, nil
	}
	return nil, unknownCommand(s, cmd)
}

func decideDecision(s DecisionState, cmd Command, d decision) ([]Event, error) {
	if _, ok := cmd.(DecideAward); !ok && !s.Decided() {
		return nil, notFoundf("quyết định khen thưởng %s không tồn tại", s.id)
	}
	switch c := cmd.(type) {
	case DecideAward:
		return decideAward(s, c, d)
	case ConferAward:
		if s.conferred != nil {
			if same(*s.conferred, c.event()) {
				return nil, nil
			}
			return nil, conflictf("quyết định %s đã được trao tặng", c.DecisionID)
		}
		return []Event{c.event()}, nil
	case RevokeAward:
		var p problems
		if c.Ground.IsZero() {
			p.add(violation(EINVALID, "R25", "ground: phải nêu căn cứ hủy bỏ tại một trong các điểm a–d khoản 2 Điều 93"))
		}
		if c.InsigniaRecovered == nil {
			p.add(violation(EINVALID, "R25", "insigniaRecovered: phải ghi nhận việc thu hồi hiện vật khen thưởng"))
		}
		if c.CashRecoveredVND == nil {
			p.add(violation(EINVALID, "R25", "cashRecoveredVnd: phải ghi nhận số tiền thưởng thu hồi"))
		}
		all := true
		for i, a := range c.AwardIDs {
			switch {
			case !s.hasAward(a):
				p.add(notFoundf("%s: quyết định không có khen thưởng %s", idx("awardIds", i), a))
			case !s.Revoked(a):
				all = false
			}
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		if all {
			return nil, nil
		}
		return []Event{AwardRevoked{DecisionID: c.DecisionID, AwardIDs: c.AwardIDs, RevokingDecisionNo: c.RevokingDecisionNo, Ground: c.Ground,
			InsigniaRecovered: *c.InsigniaRecovered, CashRecoveredVND: *c.CashRecoveredVND, ConsequentialReviews: c.ConsequentialReviews}}, nil
	case AmendAward:
		if c.AwardID != "" && !s.hasAward(c.AwardID) {
			return nil, notFoundf("awardId: quyết định không có khen thưởng %s", c.AwardID)
		}
		for _, a := range s.amended {
			if same(a, c.event()) {
				return nil, nil
			}
		}
		return []Event{c.event()}, nil
	}
	return nil, unknownCommand(s, cmd)
}

func (s DecisionState) hasAward(id string) bool {
	for _, a := range s.Awards() {
		if a.AwardID == id {
			return true
		}
	}
	return false
}

// AwardID returns the id of the award a decision grants on a proposal.
func AwardID(decisionID, proposalID string) string { return deriveID("award", decisionID, proposalID) }

func decideAward(s DecisionState, c DecideAward, d decision) ([]Event, error) {
	var p problems
	if u, _ := d.env.read("unit-" + c.IssuerUnitID).(UnitState); !u.Active() {
		p.add(notFoundf("issuerUnitId: đơn vị %s không tồn tại hoặc đã giải thể", c.IssuerUnitID))
	}
	th := d.env.policy().At(d.now)
	var awards []DecidedAward
	for i, it := range c.Items {
		f := idx("items", i)
		pr, _ := d.env.read("award-" + it.ProposalID).(ProposalState)
		prop, ok := pr.Proposal()
		switch {
		case !ok:
			p.add(notFoundf("%s.proposalId: đề nghị %s không tồn tại", f, it.ProposalID))
			continue
		case pr.Rejected():
			p.add(conflictf("%s.proposalId: đề nghị %s đã bị từ chối", f, it.ProposalID))
			continue
		case prop.Subject != it.Subject:
			p.add(fieldErr(f+".subject", "đề nghị %s là cho %s %s", it.ProposalID, prop.Subject.Kind.Label(), prop.Subject.ID))
			continue
		}
		for stream, st := range d.env.Reads {
			if ds, ok := st.(DecisionState); ok && stream != s.stream && ds.Covers(it.ProposalID) {
				p.add(conflictf("%s.proposalId: đề nghị %s đã được quyết định tại %s", f, it.ProposalID, stream))
			}
		}
		p = append(p, subjectBars(d.env.read(it.Subject.stream()), it.Subject, f+".subject")...)
		p = append(p, ballotChecks(it, prop.AwardKind, f, th, c.AcknowledgedRules, d)...)
		awards = append(awards, DecidedAward{AwardID: AwardID(c.DecisionID, it.ProposalID), ProposalID: it.ProposalID, Subject: prop.Subject, AwardKind: prop.AwardKind, Year: prop.Year})
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	e := AwardDecided{DecisionID: c.DecisionID, DecisionNo: c.DecisionNo, IssuerUnitID: c.IssuerUnitID, IssuerRole: c.IssuerRole, Awards: awards, CashMultiplier: c.CashMultiplier, BasedOnSeq: d.env.BasedOnSeq}
	if s.decided != nil {
		prev := *s.decided
		prev.BasedOnSeq = e.BasedOnSeq
		if same(prev, e) {
			return nil, nil
		}
		return nil, conflictf("quyết định %s đã được ghi với nội dung khác", c.DecisionID)
	}
	return []Event{e}, nil
}

// ballotChecks checks the ballot and consultation an award kind requires.
func ballotChecks(it DecisionItem, kind AwardKind, f string, th Thresholds, ack []string, d decision) []error {
	var p problems
	// find returns the ballot and the number of members of the body that
	// voted.
	find := func() (BallotRecorded, int, bool) {
		switch {
		case it.BallotID == "":
		case it.BallotCouncilID != "":
			co, _ := d.env.read("council-" + it.BallotCouncilID).(CouncilState)
			if b, ok := co.Ballot(it.BallotID); ok && b.SubjectRef == it.ProposalID {
				return b, len(co.Members()), true
			}
		case it.BallotClusterID != "":
			cl, _ := d.env.read("cluster-" + it.BallotClusterID).(ClusterState)
			if b, ok := cl.Ballot(it.BallotID); ok && b.SubjectRef == it.ProposalID {
				return b, len(cl.Members()), true
			}
		}
		return BallotRecorded{}, 0, false
	}
	switch kind {
	case TitleSectorEmulationFighter:
		b, n, ok := find()
		switch {
		case !ok || it.BallotCouncilID == "":
			p.add(violation(EINVALID, "R8", "%s: cần kết quả bỏ phiếu kín của Hội đồng TĐKT ngành về đề nghị %s", f, it.ProposalID))
		case b.Kind != BallotSecret:
			p.add(violation(EINVALID, "R8", "%s: phải bỏ phiếu kín", f))
		case th.SectorFighterVote.Known() && !th.SectorFighterVote.Value.Reached(b.For, n):
			p.add(violation(EINVALID, "R8", "%s: %d/%d thành viên Hội đồng đồng ý, chưa đạt %s", f, b.For, n, th.SectorFighterVote.Value))
		}
	case TitleSectorEmulationFlag:
		b, n, ok := find()
		switch {
		case !ok || it.BallotClusterID == "":
			p.add(flagged(ack, EINVALID, "R15", "%s: cần kết quả biểu quyết của cụm, khối về đề nghị %s", f, it.ProposalID))
		case th.SectorFlagClusterVote.Known() && !th.SectorFlagClusterVote.Value.Reached(b.For, n):
			p.add(flagged(ack, EINVALID, "R15", "%s: %d/%d thành viên cụm, khối đồng ý, chưa đạt %s", f, b.For, n, th.SectorFlagClusterVote.Value))
		}
	case TitleNationalEmulationFighter, TitleGovernmentEmulationFlag:
		if b, _, ok := find(); !ok || b.Kind != BallotSecret {
			p.add(violation(EINVALID, "R33", "%s: hồ sơ %s cần kết quả bỏ phiếu kín", f, kind.Label()))
		}
	}
	switch kind {
	case TitleNationalEmulationFighter, AwardLabourOrderFirstClass, AwardLabourOrderSecondClass, AwardLabourOrderThirdClass:
		cs, _ := d.env.read("consultation-" + it.ConsultationID).(ConsultationState)
		if it.ConsultationID == "" || !cs.Covers(it.ProposalID) || !cs.Closed() {
			p.add(violation(EINVALID, "R10", "%s: %s cần đợt lấy ý kiến nhân dân về đề nghị %s đã kết thúc", f, kind.Label(), it.ProposalID))
		}
	}
	return p
}

func decideDeadlines(s DeadlinesState, cmd Command, _ decision) ([]Event, error) {
	c, ok := cmd.(PublishDeadlineSet)
	if !ok {
		return nil, unknownCommand(s, cmd)
	}
	if old, ok := s.sets[c.DeadlineSetID]; ok {
		if same(old, c.event()) {
			return nil, nil
		}
		return nil, conflictf("deadlineSetId: bộ thời hạn %s đã công bố với nội dung khác", c.DeadlineSetID)
	}
	return []Event{c.event()}, nil
}

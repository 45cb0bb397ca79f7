package demo

import (
	"slices"

	"github.com/tdkt/tdkt/domain"
)

// ---------------------------------------------------------------------------
// Units and people.

func (b *builder) establish(d unitDef, basis *Basis, note string) {
	if _, ok := b.units[d.key]; ok {
		b.fail("unit %q twice", d.key)
	}
	u := &unitInfo{key: d.key, id: b.id("unit", d.key), name: d.name, short: d.short, level: d.level, kind: d.kind, parent: d.parent}
	b.units[d.key] = u
	parent := ""
	if d.parent != "" {
		parent = b.uid(d.parent)
	}
	if note == "" {
		note = "Ghi nhận đơn vị " + d.name
	}
	b.add(domain.EstablishUnit{UnitID: u.id, Name: d.name, ShortName: d.short, Level: d.level, Kind: d.kind, ParentUnitID: parent}, b.asOfficeOr(d.parent), basis, note)
}

// asOfficeOr is the standing office once it exists; before that (the
// Supreme Procuracy itself, its departments) the recorder acts as the
// sector's administrator.
func (b *builder) asOfficeOr(string) Actor {
	if b.office != "" && b.units[b.office] != nil && b.people[b.officer] != nil {
		return b.asOffice()
	}
	return Actor{Subject: "demo/quan-tri", Name: "Quản trị hệ thống" + fictitiousMark, Role: "admin"}
}

func (b *builder) recruit(key, unit, title string) *personInfo {
	if _, ok := b.people[key]; ok {
		b.fail("person %q twice", key)
	}
	p := &personInfo{key: key, id: b.id("person", key), name: b.personName(), unit: unit, title: title}
	b.people[key] = p
	b.add(domain.RecruitPerson{PersonID: p.id, FullName: p.name, UnitID: b.uid(unit), PositionTitle: title}, b.asUnit0(unit), nil,
		"Ghi nhận cán bộ "+p.name+", "+title)
	return p
}

// asUnit0 is asUnit for a unit that may have no head yet.
func (b *builder) asUnit0(unit string) Actor {
	u := b.units[unit]
	if u == nil {
		b.fail("no unit %q", unit)
		return Actor{}
	}
	if u.head == "" {
		return Actor{Subject: "demo/don-vi/" + unit, Name: "Cán bộ tổ chức" + fictitiousMark, Role: "unit", Unit: u.id}
	}
	return b.asUnit(unit)
}

// recruitHead recruits the head of unit.
func (b *builder) recruitHead(unit, title string) {
	b.recruit("head:"+unit, unit, title)
	b.units[unit].head = "head:" + unit
}

func (b *builder) transfer(person, to string, basis *Basis, note string) {
	p := b.people[person]
	b.add(domain.TransferPerson{PersonID: p.id, ToUnitID: b.uid(to)}, b.asUnit0(to), basis, note)
	p.unit = to
}

func (b *builder) dissolve(unit string, successors []string, reason string, basis *Basis) {
	b.add(domain.DissolveUnit{UnitID: b.uid(unit), SuccessorUnitIDs: b.uids(successors...), Reason: reason}, b.asOffice(), basis,
		"Kết thúc hoạt động: "+b.units[unit].name)
}

func (b *builder) rate(subject domain.Subject, key string, year int, r domain.PerformanceRating, supersedes string, actor Actor) string {
	id := b.id("rating", key)
	b.add(domain.RatePerformance{RatingID: id, Subject: subject, Year: year, Rating: r, Supersedes: supersedes}, actor, nil,
		"Xếp loại năm "+itoa(year)+": "+r.Label())
	return id
}

// ---------------------------------------------------------------------------
// Councils.

func (b *builder) constitute(key, name string, kind domain.CouncilKind, owner string, members []domain.CouncilMember, basis *Basis) {
	c := &councilInfo{key: key, id: b.id("council", key), name: name, owner: owner, members: members}
	b.councils[key] = c
	b.add(domain.ConstituteCouncil{CouncilID: c.id, Kind: kind, Name: name, OwnerUnitID: b.uid(owner), DecisionNo: basis.Number, Members: members},
		b.asUnit(owner), basis, "Thành lập "+name)
}

func (b *builder) reconstitute(key string, members []domain.CouncilMember, basis *Basis, note string) {
	c := b.councils[key]
	c.members = members
	b.add(domain.ReconstituteCouncil{CouncilID: c.id, DecisionNo: basis.Number, Members: members}, b.asUnit(c.owner), basis, note)
}

// meeting records a council meeting of every member but absent, who send
// a written opinion.
func (b *builder) meeting(council, key string, agenda []string, absent ...string) string {
	c := b.councils[council]
	id := b.id("meeting", key)
	var present, written []string
	for _, m := range c.members {
		if slices.Contains(absent, m.PersonID) {
			written = append(written, m.PersonID)
		} else {
			present = append(present, m.PersonID)
		}
	}
	b.add(domain.HoldCouncilMeeting{MeetingID: id, CouncilID: c.id, Present: present, AbsentWithWrittenOpinion: written, Agenda: agenda,
		MinutesRef: "Biên bản họp " + c.name}, b.asCouncil(council), nil, "Họp "+c.name)
	return id
}

// ballot records a council ballot on subjectRef; cast is every member.
func (b *builder) ballot(council, meeting, key, subjectRef string, kind domain.BallotKind, votesFor int, rule, note string) string {
	c := b.councils[council]
	id := b.id("ballot", key)
	n := len(c.members)
	b.add(domain.RecordBallot{BallotID: id, MeetingID: meeting, CouncilID: c.id, SubjectRef: subjectRef, Kind: kind,
		Eligible: n, Cast: n, For: votesFor, Against: n - votesFor, Rule: rule}, b.asCouncil(council), nil, note)
	return id
}

// ---------------------------------------------------------------------------
// Clusters and blocks.

func (b *builder) formCluster(c *clusterInfo, basis *Basis) {
	if _, ok := b.clusters[c.key]; ok {
		b.fail("cluster %q twice", c.key)
	}
	c.id = b.id("cluster", c.key)
	b.clusters[c.key] = c
	cmd := domain.FormCluster{ClusterID: c.id, Kind: c.kind, Name: c.name, Number: c.number, Year: c.year, MemberUnitIDs: b.uids(c.members...)}
	actor := b.asOffice()
	if c.council != "" {
		cmd.OrganizerCouncilID = b.councils[c.council].id
	}
	if c.organizer != "" {
		cmd.OrganizerUnitID = b.uid(c.organizer)
		actor = b.asUnit(c.organizer)
	}
	b.add(cmd, actor, basis, "Thành lập "+c.name+" năm "+itoa(c.year))
}

func (b *builder) lead(ck, leader, deputy string, method domain.LeadershipMethod, prev string, basis *Basis, ack ...string) {
	c := b.clusters[ck]
	cmd := domain.AssignClusterLeadership{ClusterID: c.id, Year: c.year, LeaderUnitID: b.uid(leader), DeputyUnitID: b.uid(deputy), Method: method,
		MinutesRef: "Biên bản họp " + c.name + " năm " + itoa(c.year), AcknowledgedRules: ack}
	if prev != "" {
		cmd.PreviousClusterID = b.clusters[prev].id
	}
	c.leader, c.deputy = leader, deputy
	b.add(cmd, b.leadActor(c), basis, c.name+" năm "+itoa(c.year)+": trưởng "+b.units[leader].short+", phó "+b.units[deputy].short)
}

func (b *builder) leadActor(c *clusterInfo) Actor {
	if c.organizer != "" {
		return b.asUnit(c.organizer)
	}
	return b.asOffice()
}

// covenant records the giao ước of a cluster, signed by each member's head.
func (b *builder) covenant(ck string, targets []string) {
	c := b.clusters[ck]
	var sig []domain.Signatory
	for _, m := range c.members {
		sig = append(sig, domain.Signatory{UnitID: b.uid(m), PersonID: b.pid(b.units[m].head)})
	}
	b.add(domain.SignCovenant{CovenantID: b.id("covenant", ck), ClusterID: c.id, Year: c.year, Signatories: sig, Targets: targets,
		CriteriaRefs: []domain.DocNumber{b.doc("139/QĐ-VKSTC"), b.doc("424/QĐ-VKSTC")}},
		b.asCluster(ck), nil, "Ký kết giao ước thi đua "+c.name+" năm "+itoa(c.year))
}

// registerUnits records each member's đăng ký thi đua through the cluster.
func (b *builder) registerUnits(ck string, targets ...domain.AwardKind) {
	c := b.clusters[ck]
	for _, m := range c.members {
		if b.registered[m+"/"+itoa(c.year)] {
			continue // already registered this year through another cluster
		}
		b.registered[m+"/"+itoa(c.year)] = true
		b.add(domain.SubmitRegistration{Subject: domain.Unit(b.uid(m)), Year: c.year, Targets: targets, ViaClusterID: c.id},
			b.asCluster(ck), nil, "Đăng ký thi đua năm "+itoa(c.year)+" của "+b.units[m].short)
	}
}

func (b *builder) registerPerson(person string, year int, targets ...domain.AwardKind) {
	p := b.people[person]
	b.add(domain.SubmitRegistration{Subject: domain.Person(p.id), Year: year, Targets: targets, ViaUnitID: b.uid(p.unit)},
		b.asUnit(p.unit), nil, "Đăng ký thi đua năm "+itoa(year)+" của "+p.name)
}

func (b *builder) assignInCharge(council, person, ck string) {
	c := b.clusters[ck]
	b.add(domain.AssignCouncilMemberToCluster{CouncilID: b.councils[council].id, PersonID: b.pid(person), ClusterID: c.id, Year: c.year},
		b.asCouncil(council), nil, "Phân công "+b.people[person].name+" phụ trách "+c.name+" năm "+itoa(c.year))
}

func (b *builder) removeFromCluster(ck, unit, reason string) {
	c := b.clusters[ck]
	b.add(domain.RemoveUnitFromCluster{ClusterID: c.id, UnitID: b.uid(unit), Reason: reason}, b.leadActor(c), nil,
		"Đưa "+b.units[unit].short+" ra khỏi "+c.name)
	c.members = slices.DeleteFunc(c.members, func(m string) bool { return m == unit })
}

func (b *builder) assignToCluster(ck, unit string) {
	c := b.clusters[ck]
	b.add(domain.AssignUnitToCluster{ClusterID: c.id, UnitID: b.uid(unit), Year: c.year}, b.leadActor(c), nil,
		"Bổ sung "+b.units[unit].short+" vào "+c.name)
	c.members = append(c.members, unit)
}

func (b *builder) moveUnit(unit, from, to, reason string) {
	f, t := b.clusters[from], b.clusters[to]
	b.add(domain.MoveUnitBetweenClusters{UnitID: b.uid(unit), FromClusterID: f.id, ToClusterID: t.id, Year: t.year, Reason: reason},
		b.leadActor(t), nil, "Chuyển "+b.units[unit].short+" từ "+f.name+" sang "+t.name)
	f.members = slices.DeleteFunc(f.members, func(m string) bool { return m == unit })
	t.members = append(t.members, unit)
}

func (b *builder) dissolveCluster(ck, reason string) {
	c := b.clusters[ck]
	b.add(domain.DissolveCluster{ClusterID: c.id, Reason: reason}, b.leadActor(c), nil, "Giải thể "+c.name+" năm "+itoa(c.year))
	c.dissolved = true
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

package synth

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// writer writes one pass of the sector's history.
type writer struct {
	o     Options
	s     *Sector
	r     *rand.Rand
	id    ids
	clk   clock
	yield func(Append, error) bool

	revs  map[string]uint64 // stream → next revision
	n     uint64            // events yielded: the next seq in an empty ledger
	unit  []int             // person → current unit
	staff [][]int           // unit → current people
	// lastDecision is each council's latest constituting decision.
	lastDecision map[string]domain.DocNumber
	docNo        map[string]int // issuer code/year → last number
	schemes      [3]string      // scoring scheme per table: central, provincial, regional
}

func newWriter(o Options, s *Sector, yield func(Append, error) bool) *writer {
	r := rand.New(rand.NewPCG(o.Seed, 0xE7E2))
	w := &writer{o: o, s: s, r: r, id: ids{r}, yield: yield, revs: map[string]uint64{},
		lastDecision: map[string]domain.DocNumber{}, docNo: map[string]int{}}
	w.clk.t = date(o.FirstYear, time.January, 2)
	w.unit = make([]int, len(s.People))
	w.staff = make([][]int, len(s.Units))
	for i, p := range s.People {
		w.unit[i] = p.Unit
		w.staff[p.Unit] = append(w.staff[p.Unit], i)
	}
	for i := range w.schemes {
		w.schemes[i] = w.id.next()
	}
	return w
}

// emit appends evs (one stream) with the envelope fields the API would set.
func (w *writer) emit(eff eventstore.Effective, actor *eventstore.Actor, basis *eventstore.Basis, evs ...domain.Event) {
	stream := evs[0].StreamID()
	out := make([]eventstore.Event, len(evs))
	corr := w.eventID()
	for i, ev := range evs {
		if ev.StreamID() != stream {
			panic(stopSignal{fmt.Errorf("synth: %s and %s in one append", stream, ev.StreamID())})
		}
		typ, schema, data, err := domain.Encode(ev)
		if err != nil {
			panic(stopSignal{fmt.Errorf("synth: %w", err)})
		}
		out[i] = eventstore.Event{ID: w.eventID(), Type: typ, Schema: schema, Effective: eff, Actor: actor, Basis: basis, Correlation: corr, Data: data}
	}
	rev, ok := w.revs[stream]
	exp := eventstore.NoStream
	if ok {
		exp = eventstore.Exact(rev - 1)
	}
	w.revs[stream] = rev + uint64(len(evs))
	w.n += uint64(len(evs))
	if !w.yield(Append{Stream: stream, Expected: exp, Events: out}, nil) {
		panic(stopSignal{})
	}
}

// eventID is a UUIDv7 (time-ordered, like the server's ids) on the
// synthetic clock, with seeded random bits.
func (w *writer) eventID() uuid.UUID {
	var b [16]byte
	ms := uint64(w.clk.tick().UnixMilli())
	binary.BigEndian.PutUint64(b[8:], w.r.Uint64())
	binary.BigEndian.PutUint64(b[:8], ms<<16|uint64(w.r.Uint32()&0xffff))
	b[6] = b[6]&0x0f | 0x70
	b[8] = b[8]&0x3f | 0x80
	return uuid.UUID(b)
}

func (w *writer) doc(issuer, kind string, year int) domain.DocNumber {
	// Numbers run on across years, so a decision never repeats an earlier
	// one's number (the year is in its date, as the sector writes them).
	_ = year
	k := issuer + "/" + kind
	w.docNo[k]++
	d, err := domain.ParseDocNumber(fmt.Sprintf("%d/%s-%s", w.docNo[k], kind, issuer))
	if err != nil {
		panic(stopSignal{fmt.Errorf("synth: %w", err)})
	}
	return d
}

// issuer is the document code of a unit's acts: VKSTC for the Supreme
// People's Procuracy (and the acts of its departments), a code per
// province or regional procuracy otherwise.
func (w *writer) issuer(u int) string {
	switch unit := w.s.Units[u]; unit.Level {
	case domain.LevelSupreme:
		return "VKSTC"
	case domain.LevelProvincial:
		return fmt.Sprintf("VKS-T%02d", unit.Province+1)
	}
	return fmt.Sprintf("VKS-KV%03d", u)
}

func (w *writer) basis(d domain.DocNumber, day time.Time, u int) *eventstore.Basis {
	return &eventstore.Basis{Number: d.String(), Date: iso(day), Issuer: w.s.Units[u].Short}
}

func (w *writer) actor(role string, u int) *eventstore.Actor {
	return &eventstore.Actor{Subject: fmt.Sprintf("%s-%s", role, w.s.Units[u].ID[:8]), Role: role, Unit: w.s.Units[u].ID}
}

func dated(t time.Time) eventstore.Effective { return eventstore.Effective{Date: iso(t)} }

func yearly(t time.Time, y int) eventstore.Effective {
	return eventstore.Effective{Date: iso(t), Year: y}
}

// day returns a date in month m of year y, spread by the random source.
func (w *writer) day(y int, m time.Month) time.Time {
	t := date(y, m, 1+w.r.IntN(28))
	w.clk.at(t)
	return t
}

func (w *writer) tableOf(u int) int {
	switch {
	case u == 0 || slices.Contains(w.s.Central, u):
		return 0
	case w.s.Units[u].Level == domain.LevelProvincial:
		return 1
	}
	return 2
}

var tableNames = [3]string{"Bảng 3: Đơn vị thuộc VKSND tối cao", "Bảng 1: VKSND cấp tỉnh", "Bảng 2: VKSND khu vực"}

func (w *writer) run() {
	s, y0 := w.s, w.o.FirstYear
	admin := w.actor("admin", 0)
	// The sector: units, then staff, then councils.
	start := date(y0, time.January, 2)
	est := w.doc("VKSTC", "QĐ", y0)
	for u, unit := range s.Units {
		kind := domain.UnitKindProcuracy
		if slices.Contains(s.Central, u) {
			kind = centralKind(unit.Name)
		}
		w.emit(dated(start), admin, w.basis(est, start, 0), domain.UnitEstablished{UnitID: unit.ID, Name: unit.Name, ShortName: unit.Short,
			Level: unit.Level, Kind: kind, ParentUnitID: unit.Parent})
	}
	for _, p := range s.People {
		w.emit(dated(start), w.actor("unit", p.Unit), nil, domain.PersonRecruited{PersonID: p.ID, FullName: p.Name, UnitID: s.Units[p.Unit].ID, PositionTitle: p.Title})
	}
	for _, c := range s.Councils {
		d := w.doc(w.issuer(c.Owner), "QĐ", y0)
		w.lastDecision[c.ID] = d
		w.emit(dated(start), w.actor("admin", c.Owner), w.basis(d, start, c.Owner), domain.CouncilConstituted{CouncilID: c.ID, Kind: domain.CouncilKindTDKT,
			Name: c.Name, OwnerUnitID: s.Units[c.Owner].ID, DecisionNo: d, Members: w.members(c.Owner)})
	}
	for y := y0; y < y0+w.o.Years; y++ {
		w.year(y)
	}
}

func centralKind(name string) domain.UnitKind {
	switch {
	case len(name) >= 3 && name[:3] == "Cục":
		return domain.UnitKindBureau
	case name == "Văn phòng VKSND tối cao":
		return domain.UnitKindOffice
	case name == "Thanh tra VKSND tối cao":
		return domain.UnitKindInspectorate
	case len(name) > 6 && name[:6] == "Trường":
		return domain.UnitKindSchool
	case name == "Báo Bảo vệ pháp luật" || name == "Tạp chí Kiểm sát":
		return domain.UnitKindPress
	case name == "Viện Khoa học kiểm sát":
		return domain.UnitKindInstitute
	case name == "Viện Kiểm sát quân sự trung ương":
		return domain.UnitKindProcuracy
	}
	return domain.UnitKindDept
}

// members draws a council from the owner unit's current leaders.
func (w *writer) members(owner int) []domain.CouncilMember {
	staff := w.staff[owner]
	n := min(len(staff), 5+w.r.IntN(3))
	roles := []domain.CouncilRole{domain.RoleChair, domain.RoleStandingViceChair, domain.RoleStandingMember, domain.RoleSecretary}
	out := make([]domain.CouncilMember, 0, n)
	for i := range n {
		role := domain.RoleMember
		if i < len(roles) {
			role = roles[i]
		}
		p := w.s.People[staff[i]]
		out = append(out, domain.CouncilMember{PersonID: p.ID, Role: role, PositionTitle: p.Title + " " + w.s.Units[owner].Short, ExOfficio: i == 0})
	}
	return out
}

// cluster is one cluster or block of a year.
type cluster struct {
	id      string
	members []int
	council string
	leader  int
}

func (w *writer) year(y int) {
	s := w.s
	admin := w.actor("admin", 0)
	jan := w.day(y, time.January)
	// Councils are reconstituted every year after the first (kiện toàn).
	if y > w.o.FirstYear {
		for _, c := range s.Councils {
			d := w.doc(w.issuer(c.Owner), "QĐ", y)
			prev := w.lastDecision[c.ID]
			w.lastDecision[c.ID] = d
			w.emit(dated(jan), w.actor("admin", c.Owner), w.basis(d, jan, c.Owner), domain.CouncilReconstituted{CouncilID: c.ID, DecisionNo: d,
				SupersedesDecision: prev, Members: w.members(c.Owner)})
		}
	}
	// A new version of each scoring table.
	for t, id := range w.schemes {
		items := make([]domain.SchemeItem, len(criteria))
		for i, c := range criteria {
			items[i] = domain.SchemeItem{Code: c.code, Title: c.title, MaxPoints: domain.Points(c.max), Bonus: c.bonus, Penalty: c.pen}
		}
		d := w.doc("VKSTC", "HD", y)
		w.emit(yearly(jan, y), admin, w.basis(d, jan, 0), domain.ScoringSchemePublished{SchemeID: id, Version: y - w.o.FirstYear + 1, Table: tableNames[t], Items: items})
	}
	clusters, clusterOf := w.formClusters(y, jan)

	// First quarter: plans and registrations.
	for u := range s.Units {
		d := w.day(y, time.February)
		plan := w.doc(w.issuer(u), "KH", y)
		w.emit(yearly(d, y), w.actor("unit", u), w.basis(plan, d, u), domain.EmulationPlanAdopted{PlanID: w.id.next(), UnitID: s.Units[u].ID, Year: y,
			DocNo: plan, Targets: []string{"100% công chức hoàn thành tốt nhiệm vụ", "Đơn vị đạt danh hiệu Tập thể lao động xuất sắc"}})
		targets := []domain.AwardKind{domain.TitleAdvancedCollective}
		if w.r.IntN(3) == 0 {
			targets = append(targets, domain.TitleExcellentCollective)
		}
		sub := domain.Subject{Kind: domain.SubjectUnit, ID: s.Units[u].ID}
		w.emit(yearly(d, y), w.actor("unit", u), nil, domain.EmulationRegistrationSubmitted{RegistrationID: domain.RegistrationID(sub, y), Subject: sub, Year: y,
			Targets: targets, ViaClusterID: clusters[clusterOf[u]].id})
	}
	wantsCSTD := make([]bool, len(s.People))
	for _, p := range w.r.Perm(len(s.People)) {
		u := w.unit[p]
		d := w.day(y, time.Month(1+w.r.IntN(3)))
		targets := []domain.AwardKind{domain.TitleAdvancedWorker}
		if w.r.IntN(5) == 0 {
			targets = append(targets, domain.TitleGrassrootsEmulationFighter)
			wantsCSTD[p] = true
		}
		sub := domain.Subject{Kind: domain.SubjectPerson, ID: s.People[p].ID}
		w.emit(yearly(d, y), w.actor("unit", u), nil, domain.EmulationRegistrationSubmitted{RegistrationID: domain.RegistrationID(sub, y), Subject: sub, Year: y,
			Targets: targets, ViaUnitID: s.Units[u].ID})
	}
	// Through the year: amended registrations, leave, transfers, initiatives.
	for _, p := range w.r.Perm(len(s.People)) {
		u := w.unit[p]
		sub := domain.Subject{Kind: domain.SubjectPerson, ID: s.People[p].ID}
		switch k := w.r.IntN(100); {
		case k < 12:
			d := w.day(y, time.July)
			targets := []domain.AwardKind{domain.TitleAdvancedWorker}
			if !wantsCSTD[p] {
				targets = append(targets, domain.TitleGrassrootsEmulationFighter)
			}
			wantsCSTD[p] = !wantsCSTD[p]
			w.emit(yearly(d, y), w.actor("unit", u), nil, domain.EmulationRegistrationAmended{RegistrationID: domain.RegistrationID(sub, y), SubjectKind: domain.SubjectPerson,
				Targets: targets, Reason: "Điều chỉnh đăng ký theo kết quả sơ kết 6 tháng."})
		case k < 22:
			from := w.day(y, time.Month(2+w.r.IntN(8)))
			to := from.AddDate(0, 0, 5+w.r.IntN(170))
			reason := []domain.LeaveReason{domain.LeaveMaternity, domain.LeaveSickness, domain.LeaveStudy, domain.LeaveOther}[w.r.IntN(4)]
			w.emit(dated(from), w.actor("unit", u), nil, domain.PersonLeaveRecorded{PersonID: s.People[p].ID, LeaveID: w.id.next(),
				Period: domain.Period{From: mustDate(from), To: mustDate(to)}, Reason: reason, Note: "Nghỉ theo chế độ."})
		case k < 24:
			to := w.transferTarget(u)
			if to == u {
				continue
			}
			d := w.day(y, time.Month(3+w.r.IntN(6)))
			w.emit(dated(d), w.actor("admin", 0), w.basis(w.doc("VKSTC", "QĐ", y), d, 0), domain.PersonTransferred{PersonID: s.People[p].ID, FromUnitID: s.Units[u].ID, ToUnitID: s.Units[to].ID})
			w.move(p, to)
		case k < 36:
			d := w.day(y, time.Month(4+w.r.IntN(6)))
			authors := []string{s.People[p].ID}
			if st := w.staff[u]; len(st) > 1 && w.r.IntN(2) == 0 {
				if q := st[w.r.IntN(len(st))]; q != p {
					authors = append(authors, s.People[q].ID)
				}
			}
			in := domain.InitiativeSubmitted{InitiativeID: w.id.next(), Title: initiativeTitles[w.r.IntN(len(initiativeTitles))], AuthorIDs: authors,
				UnitID: s.Units[u].ID, Description: "Áp dụng trong thực hành quyền công tố và kiểm sát hoạt động tư pháp tại đơn vị.", ClaimedBenefits: "Rút ngắn thời gian xử lý hồ sơ."}
			w.emit(dated(d), w.actor("unit", u), nil, in)
			if w.r.IntN(10) < 7 {
				rec := w.recognizer(u)
				dn := w.doc(w.issuer(rec), "QĐ", y)
				d2 := w.day(y, time.November)
				w.emit(dated(d2), w.actor("council", rec), w.basis(dn, d2, rec), domain.InitiativeRecognized{InitiativeID: in.InitiativeID, Scope: domain.ScopeGrassroots,
					RecognizedByUnitID: s.Units[rec].ID, RecognizerRole: "Viện trưởng " + s.Units[rec].Short, DecisionNo: dn})
			}
		}
	}
	// Year end: scores by criteria, self then cluster (then the standing
	// office for the provinces and central units).
	scoreOf := make([]int64, len(s.Units))
	for u := range s.Units {
		c := clusters[clusterOf[u]]
		card := w.id.next()
		ver := y - w.o.FirstYear + 1
		items, total := w.scoreItems()
		d := w.day(y, time.November)
		w.emit(yearly(d, y), w.actor("unit", u), nil, domain.ScoreRecorded{ScoreID: w.id.next(), ScorecardID: card, SubjectUnitID: s.Units[u].ID, ClusterID: c.id,
			Year: y, SchemeID: w.schemes[w.tableOf(u)], SchemeVersion: ver, Stage: domain.StageSelf, Items: items, Total: total,
			EvidenceRefs: []string{fmt.Sprintf("Báo cáo tổng kết công tác kiểm sát năm %d", y)}})
		items, total = w.adjust(items)
		d = w.day(y, time.December)
		w.emit(yearly(d, y), w.actor("cluster", c.leader), nil, domain.ScoreRecorded{ScoreID: w.id.next(), ScorecardID: card, SubjectUnitID: s.Units[u].ID, ClusterID: c.id,
			Year: y, SchemeID: w.schemes[w.tableOf(u)], SchemeVersion: ver, Stage: domain.StageCluster, Items: items, Total: total})
		if w.tableOf(u) < 2 {
			items, total = w.adjust(items)
			w.emit(yearly(d, y), w.actor("council", 0), nil, domain.ScoreRecorded{ScoreID: w.id.next(), ScorecardID: card, SubjectUnitID: s.Units[u].ID, ClusterID: c.id,
				Year: y, SchemeID: w.schemes[w.tableOf(u)], SchemeVersion: ver, Stage: domain.StageStandingOffice, Items: items, Total: total})
		}
		scoreOf[u] = int64(total)
	}
	for _, c := range clusters {
		d := w.day(y, time.December)
		w.emit(yearly(d, y), w.actor("cluster", c.leader), nil, domain.ClusterRankingFinalized{RankingID: w.id.next(), ClusterID: c.id, Year: y, BasedOnSeq: w.n - 1})
	}
	// Ratings, then proposals with their dossiers.
	ratings := make([]string, len(s.People))
	rated := make([]domain.PerformanceRating, len(s.People))
	for _, p := range w.r.Perm(len(s.People)) {
		u := w.unit[p]
		var r domain.PerformanceRating
		switch k := w.r.IntN(100); {
		case k < 20:
			r = domain.RatingExcellent
		case k < 85:
			r = domain.RatingGood
		case k < 97:
			r = domain.RatingCompleted
		default:
			r = domain.RatingNotCompleted
		}
		rated[p] = r
		ratings[p] = w.id.next()
		d := w.day(y, time.December)
		w.emit(yearly(d, y), w.actor("unit", u), nil, domain.PerformanceRated{RatingID: ratings[p], Subject: domain.Subject{Kind: domain.SubjectPerson, ID: s.People[p].ID}, Year: y, Rating: r})
	}
	type proposal struct {
		id   string
		p    int // person, or -1
		u    int
		kind domain.AwardKind
	}
	var props []proposal
	propose := func(p, u int, kind domain.AwardKind, level domain.AwardLevel, refs []string) {
		sub := domain.Subject{Kind: domain.SubjectPerson, ID: ""}
		if p >= 0 {
			sub.ID = s.People[p].ID
		} else {
			sub = domain.Subject{Kind: domain.SubjectUnit, ID: s.Units[u].ID}
		}
		pr := proposal{id: w.id.next(), p: p, u: u, kind: kind}
		d := w.day(y, time.December)
		w.emit(yearly(d, y), w.actor("unit", u), nil, domain.AwardProposed{ProposalID: pr.id, Subject: sub, AwardKind: kind, Year: y, Basis: domain.BasisMerit,
			ProposerUnitID: s.Units[u].ID, Level: level, JustificationRefs: refs})
		council := s.Units[u].Council
		name := s.Units[u].Name
		if p >= 0 {
			name = s.People[p].Name
		}
		w.emit(yearly(d, y), w.actor("unit", u), nil, domain.DossierFiled{ProposalID: pr.id, FiledToCouncilID: council, Copies: 1, Items: []domain.DossierItem{
			{Kind: domain.DossierSubmission, DocNo: w.doc(w.issuer(u), "TTr", y), Title: fmt.Sprintf("Tờ trình đề nghị xét tặng %s năm %d", kind.String(), y)},
			{Kind: domain.DossierAchievementReport, Title: "Báo cáo thành tích của " + name},
		}})
		owner := w.councilOwner(council)
		w.emit(yearly(d, y), w.actor("council", owner), nil, domain.DossierAppraised{ProposalID: pr.id, AppraiserUnitID: s.Units[owner].ID, Result: domain.VerdictPass,
			Findings: []string{"Hồ sơ đầy đủ, đúng thẩm quyền."}})
		props = append(props, pr)
	}
	for _, p := range w.r.Perm(len(s.People)) {
		u := w.unit[p]
		if rated[p] != domain.RatingExcellent && rated[p] != domain.RatingGood {
			continue
		}
		propose(p, u, domain.TitleAdvancedWorker, domain.AwardLevelUnit, []string{ratings[p]})
		if rated[p] == domain.RatingExcellent && wantsCSTD[p] {
			propose(p, u, domain.TitleGrassrootsEmulationFighter, w.level(u), []string{ratings[p]})
		}
		if w.r.IntN(20) < 9 {
			propose(p, u, domain.AwardUnitCommendation, domain.AwardLevelUnit, []string{ratings[p]})
		}
	}
	for u := range s.Units {
		if scoreOf[u] > 0 {
			propose(-1, u, domain.TitleAdvancedCollective, w.level(u), nil)
		}
	}
	// Councils meet and vote on the fighters, then decisions by unit.
	meetings := map[string]string{}
	for _, c := range s.Councils {
		d := w.day(y, time.December)
		meetings[c.ID] = w.id.next()
		var present []string
		for _, m := range w.members(c.Owner) {
			present = append(present, m.PersonID)
		}
		w.emit(yearly(d, y), w.actor("council", c.Owner), nil, domain.CouncilMeetingHeld{MeetingID: meetings[c.ID], CouncilID: c.ID, Present: present,
			Agenda: []string{fmt.Sprintf("Xét đề nghị danh hiệu thi đua và hình thức khen thưởng năm %d", y)}, MinutesRef: fmt.Sprintf("Biên bản họp Hội đồng ngày 20/12/%d", y)})
	}
	for _, pr := range props {
		if pr.kind != domain.TitleGrassrootsEmulationFighter {
			continue
		}
		council := s.Units[pr.u].Council
		n := len(w.members(w.councilOwner(council)))
		d := w.day(y, time.December)
		w.emit(yearly(d, y), w.actor("council", w.councilOwner(council)), nil, domain.BallotRecorded{BallotID: w.id.next(), MeetingID: meetings[council], CouncilID: council,
			SubjectRef: pr.id, Kind: domain.BallotSecret, Eligible: n, Cast: n, For: n, Rule: "R8"})
	}
	byIssuer := map[[2]int][]proposal{}
	var keys [][2]int
	for _, pr := range props {
		issuer := pr.u
		if pr.kind != domain.TitleAdvancedWorker && pr.kind != domain.AwardUnitCommendation {
			issuer = w.councilOwner(s.Units[pr.u].Council)
		}
		k := [2]int{issuer, kindIndex(pr.kind)}
		if byIssuer[k] == nil {
			keys = append(keys, k)
		}
		byIssuer[k] = append(byIssuer[k], pr)
	}
	for _, k := range keys {
		issuer, list := k[0], byIssuer[k]
		dec := w.id.next()
		dn := w.doc(w.issuer(issuer), "QĐ", y+1)
		d := w.day(y+1, time.January)
		awards := make([]domain.DecidedAward, len(list))
		var present []string
		for i, pr := range list {
			sub := domain.Subject{Kind: domain.SubjectUnit, ID: s.Units[pr.u].ID}
			if pr.p >= 0 {
				sub = domain.Subject{Kind: domain.SubjectPerson, ID: s.People[pr.p].ID}
				if len(present) < 20 {
					present = append(present, sub.ID)
				}
			}
			awards[i] = domain.DecidedAward{AwardID: domain.AwardID(dec, pr.id), ProposalID: pr.id, Subject: sub, AwardKind: pr.kind, Year: y}
		}
		w.emit(yearly(d, y), w.actor("council", issuer), w.basis(dn, d, issuer), domain.AwardDecided{DecisionID: dec, DecisionNo: dn, IssuerUnitID: s.Units[issuer].ID,
			IssuerRole: "Viện trưởng " + s.Units[issuer].Short, Awards: awards, BasedOnSeq: w.n - 1})
		w.emit(yearly(d, y), w.actor("council", issuer), nil, domain.AwardConferred{DecisionID: dec, Place: "Hội trường " + s.Units[issuer].Short,
			Presenter: "Viện trưởng " + s.Units[issuer].Short, RecipientsPresent: present})
	}
}

func kindIndex(k domain.AwardKind) int {
	switch k {
	case domain.TitleAdvancedWorker:
		return 0
	case domain.TitleGrassrootsEmulationFighter:
		return 1
	case domain.AwardUnitCommendation:
		return 2
	}
	return 3
}

func (w *writer) level(u int) domain.AwardLevel {
	if w.s.Units[u].Level == domain.LevelSupreme {
		return domain.AwardLevelSector
	}
	return domain.AwardLevelProvince
}

func (w *writer) councilOwner(council string) int {
	for _, c := range w.s.Councils {
		if c.ID == council {
			return c.Owner
		}
	}
	return 0
}

// recognizer is the unit whose head recognizes a unit's initiatives.
func (w *writer) recognizer(u int) int {
	if w.s.Units[u].Level == domain.LevelRegional {
		return w.s.Provincial[w.s.Units[u].Province]
	}
	if w.s.Units[u].Level == domain.LevelProvincial {
		return u
	}
	return 0
}

// transferTarget picks another unit of the same province (or of the
// centre) for a transfer.
func (w *writer) transferTarget(u int) int {
	var pool []int
	switch unit := w.s.Units[u]; {
	case unit.Province >= 0:
		pool = append(pool, w.s.Provincial[unit.Province])
		for _, r := range w.s.Regional {
			if w.s.Units[r].Province == unit.Province {
				pool = append(pool, r)
			}
		}
	default:
		pool = append([]int{0}, w.s.Central...)
	}
	to := pool[w.r.IntN(len(pool))]
	if len(w.staff[u]) <= 4 {
		return u // keep councils and small units staffed
	}
	return to
}

func (w *writer) move(p, to int) {
	from := w.unit[p]
	w.staff[from] = slices.DeleteFunc(w.staff[from], func(q int) bool { return q == p })
	w.staff[to] = append(w.staff[to], p)
	w.unit[p] = to
}

func (w *writer) scoreItems() ([]domain.ItemScore, domain.Points) {
	items := make([]domain.ItemScore, len(criteria))
	var total domain.Points
	for i, c := range criteria {
		var pts int64
		switch {
		case c.pen:
			if w.r.IntN(4) == 0 {
				pts = -int64(w.r.IntN(int(c.max/4) + 1))
			}
		case c.bonus:
			pts = int64(w.r.IntN(int(c.max) + 1))
		default:
			pts = c.max*7/10 + int64(w.r.IntN(int(c.max*3/10)+1))
		}
		items[i] = domain.ItemScore{Code: c.code, Points: domain.Points(pts)}
		total += domain.Points(pts)
	}
	return items, total
}

// adjust is a later stage's score: most items kept, a few moved.
func (w *writer) adjust(in []domain.ItemScore) ([]domain.ItemScore, domain.Points) {
	items := slices.Clone(in)
	var total domain.Points
	for i := range items {
		if c := criteria[i]; !c.pen && !c.bonus && w.r.IntN(4) == 0 {
			items[i].Points = max(0, items[i].Points-domain.Points(w.r.IntN(int(c.max/20)+1)))
		}
		total += items[i].Points
	}
	return items, total
}

// formClusters forms the year's clusters and blocks: the provinces in
// clusters of about six (the order rotates a little each year, so
// memberships change), the central units in blocks, and each province's
// regional procuracies in clusters of up to six organized by the
// province's council.
func (w *writer) formClusters(y int, day time.Time) ([]cluster, map[int]int) {
	s := w.s
	var out []cluster
	of := map[int]int{}
	group := func(units []int, size int, council string, kind domain.ClusterKind, name func(n int) string, organizer int) {
		for i, n := 0, 1; i < len(units); i, n = i+size, n+1 {
			members := units[i:min(i+size, len(units))]
			c := cluster{id: w.id.next(), members: members, council: council, leader: members[(y+n)%len(members)]}
			ids := make([]string, len(members))
			for j, u := range members {
				ids[j] = s.Units[u].ID
				of[u] = len(out)
			}
			// All but the last member are named at formation; the last
			// joins by an assignment, as late decisions do.
			formed := domain.ClusterFormed{ClusterID: c.id, Kind: kind, Name: name(n), Number: n, Year: y, OrganizerCouncilID: council, MemberUnitIDs: ids[:max(1, len(ids)-1)]}
			evs := []domain.Event{formed}
			if len(ids) > 1 {
				evs = append(evs, domain.UnitAssignedToCluster{ClusterID: c.id, UnitID: ids[len(ids)-1]})
			}
			deputy := members[(y+n+1)%len(members)]
			if len(members) > 1 {
				evs = append(evs, domain.ClusterLeadershipAssigned{ClusterID: c.id, Year: y, LeaderUnitID: s.Units[c.leader].ID, DeputyUnitID: s.Units[deputy].ID,
					Method: domain.LeadershipRotation, MinutesRef: fmt.Sprintf("Biên bản hội nghị Cụm ngày %s", day.Format("02/01/2006"))})
			}
			dn := w.doc(w.issuer(organizer), "QĐ", y)
			w.emit(yearly(day, y), w.actor("admin", organizer), w.basis(dn, day, organizer), evs...)
			out = append(out, c)
		}
	}
	supreme := s.Units[0].Council
	provs := slices.Clone(s.Provincial)
	if len(provs) > 6 {
		k := (y - w.o.FirstYear) % 3
		for i := 0; i+6+k < len(provs); i += 6 {
			provs[i+k], provs[i+6+k] = provs[i+6+k], provs[i+k]
		}
	}
	group(provs, 6, supreme, domain.ClusterKindCluster, func(n int) string { return fmt.Sprintf("Cụm thi đua số %d", n) }, 0)
	group(append([]int{0}, s.Central...), 7, supreme, domain.ClusterKindBlock, func(n int) string { return fmt.Sprintf("Khối thi đua các đơn vị trực thuộc số %d", n) }, 0)
	for pi, pu := range s.Provincial {
		var regs []int
		for _, r := range s.Regional {
			if s.Units[r].Province == pi {
				regs = append(regs, r)
			}
		}
		if len(regs) == 0 {
			continue
		}
		group(regs, 6, s.Units[pu].Council, domain.ClusterKindCluster, func(n int) string { return fmt.Sprintf("Cụm thi đua số %d - %s", n, provinceName(pi)) }, pu)
	}
	return out, of
}

func mustDate(t time.Time) domain.Date {
	d, err := domain.NewDate(t.Year(), t.Month(), t.Day())
	if err != nil {
		panic(stopSignal{fmt.Errorf("synth: %w", err)})
	}
	return d
}

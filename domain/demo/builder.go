package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/google/uuid"

	"github.com/tdkt/tdkt/domain"
)

// namespace is the namespace of the demo's name-based (v5) ids.
var namespace = uuid.MustParse("6f1d2c3a-8b7e-4d05-9c41-2a7b5e0d9f13")

type unitInfo struct {
	key, id, name, short string
	level                domain.UnitLevel
	kind                 domain.UnitKind
	parent               string // unit key
	head                 string // person key
}

type personInfo struct {
	key, id, name, unit, title string
}

type clusterInfo struct {
	key, id, name string
	kind          domain.ClusterKind
	number        int
	year          int
	council       string // organiser council key, or ""
	organizer     string // organiser unit key, or ""
	scheme        string // scheme key for its members
	members       []string
	leader        string
	deputy        string
	dissolved     bool
}

type councilInfo struct {
	key, id, name string
	owner         string
	members       []domain.CouncilMember
}

// builder accumulates the script. It never panics: a malformed constant
// (a date, a document number) is recorded in errs and returned by Sector.
type builder struct {
	seed     int64
	rng      *rand.Rand
	steps    []Step
	errs     []error
	today    domain.Date
	units    map[string]*unitInfo
	people   map[string]*personInfo
	clusters map[string]*clusterInfo
	councils map[string]*councilInfo
	names    map[string]bool
	office   string // unit key of the sector council's standing office
	officer  string // person key of the standing office's TĐKT officer

	schemeMap  map[string]*schemeInfo
	scoreMap   map[string]map[string]*scoreEntry
	proposals  map[string]domain.Subject // proposal key → subject
	registered map[string]bool           // unit key/year registered
}

func newBuilder(seed int64) *builder {
	return &builder{
		seed:       seed,
		rng:        rand.New(rand.NewPCG(uint64(seed), 0x7464_6b74_2d64_656d)),
		units:      map[string]*unitInfo{},
		people:     map[string]*personInfo{},
		clusters:   map[string]*clusterInfo{},
		councils:   map[string]*councilInfo{},
		names:      map[string]bool{},
		registered: map[string]bool{},
	}
}

// id returns the deterministic id of the thing of kind named key.
func (b *builder) id(kind, key string) string {
	return uuid.NewSHA1(namespace, []byte("tdkt-demo/"+strconv.FormatInt(b.seed, 10)+"/"+kind+"/"+key)).String()
}

func (b *builder) fail(format string, args ...any) {
	b.errs = append(b.errs, fmt.Errorf(format, args...))
}

// date parses an ISO date.
func (b *builder) date(s string) domain.Date {
	d, err := domain.ParseDate(s)
	if err != nil {
		b.fail("date %q: %v", s, err)
	}
	return d
}

// on moves the script's clock to s; the script never goes back in time.
func (b *builder) on(s string) {
	d := b.date(s)
	if d.Before(b.today) {
		b.fail("date %s before %s", d, b.today)
	}
	b.today = d
}

// doc parses a document number.
func (b *builder) doc(s string) domain.DocNumber {
	d, err := domain.ParseDocNumber(s)
	if err != nil {
		b.fail("document number %q: %v", s, err)
	}
	return d
}

// act returns a Basis: a real act named by DOMAIN.md or the guidance.
func (b *builder) act(no, date, issuer string) *Basis {
	return &Basis{Number: b.doc(no), Date: b.date(date), Issuer: issuer}
}

// illus returns a Basis whose number or date is made up for the demo.
func (b *builder) illus(no, date, issuer string) *Basis {
	x := b.act(no, date, issuer)
	x.Illustrative = true
	return x
}

func (b *builder) add(cmd domain.Command, a Actor, basis *Basis, note string) {
	b.steps = append(b.steps, Step{Command: cmd, Date: b.today, Actor: a, Basis: basis, Note: note})
}

// refuse adds an intended failure.
func (b *builder) refuse(cmd domain.Command, a Actor, rule, code, why string) {
	b.steps = append(b.steps, Step{Command: cmd, Date: b.today, Actor: a, Note: why, Expect: &Expected{Rule: rule, Code: code, Why: why}})
}

// ---------------------------------------------------------------------------
// People's names: fictitious, generated from the seed, unique, marked.

var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Mai", "Trịnh"}
	maleMiddle  = []string{"Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Xuân", "Thanh", "Đình", "Trọng"}
	femaleMid   = []string{"Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Kim", "Mỹ"}
	maleGiven   = []string{"An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hoàng", "Hùng", "Khánh", "Long", "Minh", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Hưng"}
	femaleGiven = []string{"Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngân", "Nhung", "Phương", "Quỳnh", "Thảo", "Trang", "Vân", "Yến", "Thủy"}
)

// fictitiousMark ends every person's name in the demo.
const fictitiousMark = " (hư cấu)"

// personName returns a new fictitious name.
func (b *builder) personName() string {
	for range 1000 {
		fam := familyNames[b.rng.IntN(len(familyNames))]
		var mid, giv string
		if b.rng.IntN(2) == 0 {
			mid, giv = maleMiddle[b.rng.IntN(len(maleMiddle))], maleGiven[b.rng.IntN(len(maleGiven))]
		} else {
			mid, giv = femaleMid[b.rng.IntN(len(femaleMid))], femaleGiven[b.rng.IntN(len(femaleGiven))]
		}
		n := fam + " " + mid + " " + giv + fictitiousMark
		if !b.names[n] {
			b.names[n] = true
			return n
		}
	}
	b.fail("no fresh name")
	return "Người thứ " + strconv.Itoa(len(b.names)) + fictitiousMark
}

// ---------------------------------------------------------------------------
// Actors.

func (b *builder) personName0(key string) string {
	if p, ok := b.people[key]; ok {
		return p.name
	}
	return "Cán bộ thi đua" + fictitiousMark
}

// asOffice is the sector council's standing office (Vụ 16 in 2024, the
// Phòng TĐKT of Văn phòng in 2025): the "admin" role of the api.
func (b *builder) asOffice() Actor {
	return Actor{Subject: "demo/thuong-truc-hdtdkt-nganh", Name: b.personName0(b.officer), Role: "admin", Unit: b.units[b.office].id}
}

// asUnit is a unit's TĐKT officer acting for its head.
func (b *builder) asUnit(key string) Actor {
	u := b.units[key]
	if u == nil {
		b.fail("actor: no unit %q", key)
		return Actor{}
	}
	return Actor{Subject: "demo/don-vi/" + key, Name: b.personName0(u.head), Role: "unit", Unit: u.id}
}

// asCouncil is a council's secretary.
func (b *builder) asCouncil(key string) Actor {
	c := b.councils[key]
	name := ""
	for _, m := range c.members {
		if m.Role == domain.RoleSecretary || name == "" {
			name = b.nameOfID(m.PersonID)
		}
	}
	return Actor{Subject: "demo/hoi-dong/" + key, Name: name, Role: "council", Unit: b.units[c.owner].id}
}

// asCluster is the cluster leader's officer; the api scopes a cluster
// token by the cluster's id.
func (b *builder) asCluster(key string) Actor {
	c := b.clusters[key]
	lead := c.leader
	if lead == "" {
		lead = c.organizer
	}
	name := "Cán bộ thi đua" + fictitiousMark
	if u := b.units[lead]; u != nil {
		name = b.personName0(u.head)
	}
	return Actor{Subject: "demo/cum-khoi/" + key, Name: name, Role: "cluster", Unit: c.id}
}

func (b *builder) nameOfID(id string) string {
	for _, p := range b.people {
		if p.id == id {
			return p.name
		}
	}
	return ""
}

// ---------------------------------------------------------------------------
// Small helpers.

func (b *builder) uid(key string) string {
	u := b.units[key]
	if u == nil {
		b.fail("no unit %q", key)
		return ""
	}
	return u.id
}

func (b *builder) pid(key string) string {
	p := b.people[key]
	if p == nil {
		b.fail("no person %q", key)
		return ""
	}
	return p.id
}

func (b *builder) uids(keys ...string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = b.uid(k)
	}
	return out
}

func (b *builder) member(person string, role domain.CouncilRole, title string) domain.CouncilMember {
	return domain.CouncilMember{PersonID: b.pid(person), Role: role, PositionTitle: title}
}

package projections_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/projections"
)

// awardsLedger records two decisions with amendments of a whole decision
// and of one award, a ceremony and a revocation of two awards at once.
func awardsLedger(tb testing.TB) (*ledger, map[string]uint64) {
	l := newLedger(tb)
	seq := map[string]uint64{}
	l.at(day("2024-01-02"))
	l.add(domain.UnitEstablished{UnitID: id("tc"), Name: nameTC, Level: domain.LevelSupreme, Kind: domain.UnitKindProcuracy}, "1960-07-26", "")
	for _, u := range []struct{ k, n string }{{"hg", nameHG}, {"tq", nameTQ}} {
		l.add(domain.UnitEstablished{UnitID: id(u.k), Name: u.n, Level: domain.LevelProvincial, Kind: domain.UnitKindProcuracy, ParentUnitID: id("tc")}, "1960-07-26", "")
	}
	l.add(domain.PersonRecruited{PersonID: id("p1"), FullName: "Nguyễn Thị Hòa", UnitID: id("tq")}, "2010-09-01", "")
	l.add(domain.PersonRecruited{PersonID: id("p2"), FullName: "Trần Văn Bình", UnitID: id("hg")}, "2012-09-01", "")
	l.at(day("2025-01-20"))
	seq["d1"] = l.add(domain.AwardDecided{DecisionID: id("d1"), DecisionNo: doc("15/QĐ-VKSTC"), IssuerUnitID: id("tc"), IssuerRole: "Viện trưởng VKSND tối cao",
		Awards: []domain.DecidedAward{
			{AwardID: id("x-tq"), ProposalID: id("pr-tq"), Subject: domain.Unit(id("tq")), AwardKind: domain.TitleExcellentCollective, Year: 2024},
			{AwardID: id("x-hg"), Subject: domain.Unit(id("hg")), AwardKind: domain.TitleAdvancedCollective, Year: 2023},
			{AwardID: id("x-p1"), ProposalID: id("pr-p1"), Subject: domain.Person(id("p1")), AwardKind: domain.TitleGrassrootsEmulationFighter, Year: 2024},
			{AwardID: id("x-p2"), Subject: domain.Person(id("p2")), AwardKind: domain.TitleAdvancedWorker, Year: 2024},
		}, BasedOnSeq: 5}, "2025-01-20", "15/QĐ-VKSTC").Seq
	l.at(day("2025-01-25"))
	// No basis: decidedOn is the valid date.
	seq["d2"] = l.add(domain.AwardDecided{DecisionID: id("d2"), DecisionNo: doc("16/QĐ-VKSTC"), IssuerUnitID: id("tq"), IssuerRole: "Viện trưởng VKSND tỉnh",
		Awards: []domain.DecidedAward{
			{AwardID: id("y-p1"), Subject: domain.Person(id("p1")), AwardKind: domain.TitleAdvancedWorker, Year: 2024},
		}, BasedOnSeq: 6}, "2025-01-24", "").Seq
	l.at(day("2025-02-01"))
	l.add(domain.AwardAmended{DecisionID: id("d1"), Field: "issuerRole", OldValue: "Viện trưởng", NewValue: "Viện trưởng VKSND tối cao", CorrectingDecisionNo: doc("17/QĐ-VKSTC")}, "2025-02-01", "")
	l.add(domain.AwardAmended{DecisionID: id("d1"), AwardID: id("x-p1"), Field: "fullName", OldValue: "Nguyễn Thị Hoà", NewValue: "Nguyễn Thị Hòa"}, "2025-02-02", "")
	l.add(domain.AwardAmended{DecisionID: id("d1"), Field: "decisionNo", OldValue: "15/QĐ-VKS", NewValue: "15/QĐ-VKSTC"}, "2025-02-03", "")
	l.add(domain.AwardAmended{DecisionID: id("d2"), AwardID: id("y-p1"), Field: "year", OldValue: "2023", NewValue: "2024"}, "2025-02-04", "")
	// Amendments of a decision never recorded change nothing.
	l.add(domain.AwardAmended{DecisionID: id("d9"), Field: "year", OldValue: "2023", NewValue: "2024"}, "2025-02-04", "")
	l.at(day("2025-02-10"))
	seq["conferred"] = l.add(domain.AwardConferred{DecisionID: id("d1"), Place: "Hội trường VKSND tối cao", Presenter: "Viện trưởng VKSND tối cao"}, "2025-02-09", "").Seq
	l.add(domain.AwardConferred{DecisionID: id("d9"), Place: "Hà Nội", Presenter: "Viện trưởng"}, "2025-02-09", "")
	l.at(day("2025-03-01"))
	seq["revoked"] = l.add(domain.AwardRevoked{DecisionID: id("d1"), AwardIDs: []string{id("x-hg"), id("x-p2")}, RevokingDecisionNo: doc("30/QĐ-VKSTC"),
		Ground: domain.GroundFalseDossier, InsigniaRecovered: true, CashRecoveredVND: 1_872_000}, "2025-03-01", "30/QĐ-VKSTC").Seq
	return l, seq
}

// TestAwardsRegisterShapes pins the whole JSON of the register's answers:
// decision data on every award, amendments of the decision and of one
// award in recorded order, the ceremony, a revocation of two awards, the
// filters, and the same answers from a saved and reloaded state.
func TestAwardsRegisterShapes(t *testing.T) {
	l, seq := awardsLedger(t)
	ctx := t.Context()
	store := projections.NewMemStateStore()
	r := newRunner(t, l, store)
	runToEnd(t, r)
	reloaded := newRunner(t, l, store)
	if err := reloaded.Load(ctx); err != nil {
		t.Fatal(err)
	}
	type query struct {
		name string
		asOf projections.AsOf
		f    projections.AwardFilter
		get  string
	}
	queries := []query{
		{name: "all", asOf: projections.Latest()},
		{name: "year 2023", asOf: projections.Latest(), f: projections.AwardFilter{Year: 2023}},
		{name: "unit tq", asOf: projections.Latest(), f: projections.AwardFilter{UnitID: id("tq")}},
		{name: "person p1", asOf: projections.Latest(), f: projections.AwardFilter{PersonID: id("p1")}},
		{name: "title LDTT in force", asOf: projections.Latest(), f: projections.AwardFilter{Title: domain.TitleAdvancedWorker, InForceOnly: true}},
		{name: "before the ceremony", asOf: projections.AtSeq(seq["conferred"] - 1)},
		{name: "get x-p1", asOf: projections.Latest(), get: id("x-p1")},
		{name: "get x-hg", asOf: projections.Latest(), get: id("x-hg")},
		{name: "get x-hg before revocation", asOf: projections.AtSeq(seq["revoked"] - 1), get: id("x-hg")},
	}
	answers := map[string]json.RawMessage{}
	for _, rr := range []struct {
		name string
		r    *projections.Runner
	}{{"folded", r}, {"reloaded", reloaded}} {
		aw := projections.NewAwards(rr.r)
		for _, q := range queries {
			var (
				v   any
				err error
			)
			if q.get != "" {
				v, err = aw.Get(ctx, q.asOf, q.get)
			} else {
				v, err = aw.List(ctx, q.asOf, q.f)
			}
			if err != nil {
				t.Fatalf("%s %s: %v", rr.name, q.name, err)
			}
			b, _ := json.MarshalIndent(v, "", "  ")
			if rr.name == "folded" {
				answers[q.name] = b
			} else if string(b) != string(answers[q.name]) {
				t.Errorf("%s: reloaded answer differs:\n%s\nwant\n%s", q.name, b, answers[q.name])
			}
		}
	}
	got, _ := json.MarshalIndent(answers, "", "  ")
	golden := filepath.Join("testdata", "awards_register.json")
	if os.Getenv("TDKT_UPDATE_AWARDS") != "" {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(golden, append(got, '\n'), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(got)+"\n" != string(want) {
		t.Errorf("answers differ from %s:\n%s", golden, got)
	}
}

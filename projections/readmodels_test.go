package projections_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/projections"
	"github.com/xuri/excelize/v2"
)

func unitOrder(cs projections.ClusterStandings) []string {
	var out []string
	for _, u := range cs.Units {
		out = append(out, u.Unit.Name)
	}
	return out
}

func TestStandings(t *testing.T) {
	l, mk := demo(t)
	r := newRunner(t, l, nil)
	runToEnd(t, r)
	ctx := t.Context()
	st := projections.NewStandings(r, nil)

	t.Run("LatestCorrectionApplied", func(t *testing.T) {
		cs, err := st.Cluster(ctx, projections.Latest(), 2024, id("cl1"))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{nameHG, nameBK, nameTQ, nameTN} // 1010; 950 tie broken by name; 900
		if got := unitOrder(cs); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("order = %v, want %v", got, want)
		}
		hg := cs.Units[0]
		if hg.Total != 1010 || len(hg.Corrections) != 1 || hg.Corrections[0].OldTotal != 940 || hg.Corrections[0].Recorded.Seq != mk.correction.Seq {
			t.Errorf("hg = %+v", hg)
		}
		if hg.Items[1].Points != 520 || hg.Items[1].Title != "Công tác kiểm sát" {
			t.Errorf("hg items = %+v", hg.Items)
		}
		if len(hg.Achieved) != 0 {
			t.Errorf("revoked award still achieved: %+v", hg.Achieved)
		}
		tq := cs.Units[2]
		if tq.Stage != domain.StageCluster.String() || tq.Total != 950 {
			t.Errorf("tq should use the cluster stage: %+v", tq)
		}
		if len(tq.Registered) != 2 || len(tq.Achieved) != 1 || tq.Achieved[0].Label != "Tập thể lao động xuất sắc" || tq.TargetsMet || !tq.FlagProposed {
			t.Errorf("tq targets = %+v / %+v met=%v flag=%v", tq.Registered, tq.Achieved, tq.TargetsMet, tq.FlagProposed)
		}
		if cs.Leader == nil || cs.Leader.ID != id("tq") || !cs.FlagProposed || cs.Cluster.KindLabel != "Cụm thi đua" {
			t.Errorf("cluster = %+v", cs)
		}
	})

	t.Run("WhatWeBelievedOn15January2025", func(t *testing.T) {
		asOf := projections.AtTime(time.Date(2025, 1, 15, 23, 59, 59, 0, time.UTC))
		cs, err := st.Cluster(ctx, asOf, 2024, id("cl1"))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{nameBK, nameTQ, nameHG, nameTN}
		if got := unitOrder(cs); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("order = %v, want %v", got, want)
		}
		if cs.Units[2].Total != 940 || len(cs.Units[2].Corrections) != 0 {
			t.Errorf("hg before the correction = %+v", cs.Units[2])
		}
		// The same point by seq: just before the correction.
		bySeq, err := st.Cluster(ctx, projections.AtSeq(mk.correction.Seq-1), 2024, id("cl1"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(unitOrder(bySeq), "|") != strings.Join(want, "|") {
			t.Errorf("by seq = %v", unitOrder(bySeq))
		}
		if bySeq.AsOfSeq != mk.correction.Seq {
			t.Errorf("asOfSeq = %d, want %d", bySeq.AsOfSeq, mk.correction.Seq)
		}
	})

	t.Run("CustomTieBreak", func(t *testing.T) {
		// Ties go to the unit scored first.
		st := projections.NewStandings(r, &projections.StandingsOptions{TieBreak: func(a, b projections.UnitStanding) int {
			if a.Total != b.Total {
				return int(b.Total - a.Total)
			}
			return int(a.Recorded.Seq) - int(b.Recorded.Seq)
		}})
		cs, err := st.Cluster(ctx, projections.Latest(), 2024, id("cl1"))
		if err != nil {
			t.Fatal(err)
		}
		if cs.Units[1].Unit.ID != id("tq") {
			t.Errorf("order = %v", unitOrder(cs))
		}
	})

	t.Run("Sector", func(t *testing.T) {
		s, err := st.Sector(ctx, projections.Latest(), 2024)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Clusters) != 1 || s.Clusters[0].Cluster.ID != id("cl1") || len(s.Clusters[0].Units) != 4 {
			t.Errorf("sector = %+v", s)
		}
	})

	t.Run("ErrFutureSeq", func(t *testing.T) {
		_, err := st.Cluster(ctx, projections.AtSeq(1_000_000), 2024, id("cl1"))
		if domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("err = %v", err)
		}
	})
}

func TestParseAsOf(t *testing.T) {
	for in, want := range map[string]string{"": "latest", "42": "42", "2025-01-15T00:00:00+07:00": "2025-01-14T17:00:00Z"} {
		a, err := projections.ParseAsOf(in)
		if err != nil || a.String() != want {
			t.Errorf("ParseAsOf(%q) = %v, %v; want %s", in, a, err, want)
		}
	}
	if _, err := projections.ParseAsOf("15/01/2025"); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("err = %v", err)
	}
}

func TestReorganizationReport(t *testing.T) {
	l, mk := demo(t)
	r := newRunner(t, l, nil)
	runToEnd(t, r)
	rep, err := projections.NewReorganization(r).Report(t.Context(), projections.Latest(), 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Before) != 2 || len(rep.After) != 2 {
		t.Fatalf("before %d after %d", len(rep.Before), len(rep.After))
	}
	b1 := rep.Before[0]
	if b1.Name != "Cụm thi đua số 1" || len(b1.Members) != 4 || b1.Members[0].Name != nameBK || b1.Leader == nil || b1.Leader.Name != nameTQ ||
		b1.Deputy.Name != nameHG || b1.InCharge == nil || b1.InCharge.Name != "Nguyễn Thị Hòa" {
		t.Errorf("before[0] = %+v", b1)
	}
	a1 := rep.After[0]
	wantAfter := []string{nameCB, nameLS, nameTN, nameTQ}
	var got []string
	for _, m := range a1.Members {
		got = append(got, m.Name)
	}
	if a1.Name != "Cụm thi đua khu vực Đông Bắc" || strings.Join(got, "|") != strings.Join(wantAfter, "|") || a1.Leader.Name != nameTN {
		t.Errorf("after[0] = %s %v leader %+v", a1.Name, got, a1.Leader)
	}
	if rep.After[1].KindLabel != "Khối thi đua" {
		t.Errorf("after[1] = %+v", rep.After[1])
	}
	s := rep.Summary
	if s.ClustersBefore != 2 || s.ClustersAfter != 1 || s.BlocksAfter != 1 || s.Formed != 1 || s.Dissolved != 1 || s.Renamed != 1 ||
		s.UnitsMerged != 4 || s.UnitsMoved != 4 || s.UnitsWithoutCluster != 1 || s.UnitsInSeveralClusters != 1 ||
		s.PlansSubmitted != 1 || s.PlansApproved != 1 {
		t.Errorf("summary = %+v", s)
	}
	if len(rep.Plans) != 1 || rep.Plans[0].DocNo != "45/BC-VKS" || rep.Plans[0].Decision == nil || rep.Plans[0].Decision.DocNo != "12/QĐ-VKSTC" ||
		rep.Plans[0].Decision.Label != "Phê duyệt" || rep.Plans[0].Decision.Recorded.Seq != mk.planDecision.Seq {
		t.Errorf("plans = %+v", rep.Plans)
	}
	var flagged []string
	for _, f := range rep.Flags {
		flagged = append(flagged, f.When+":"+f.Problem+":"+f.Unit.Name)
	}
	wantFlags := "before:noCluster:" + nameVP + "|after:noCluster:" + nameVP + "|after:severalClusters:" + nameCB
	if strings.Join(flagged, "|") != wantFlags {
		t.Errorf("flags = %v", flagged)
	}

	// As of before the reform was recorded, 2025 looks like 2024.
	early, err := projections.NewReorganization(r).Report(t.Context(), projections.AtTime(day("2025-06-01")), 2025)
	if err != nil {
		t.Fatal(err)
	}
	if early.Summary.Formed != 0 || early.Summary.UnitsMerged != 0 || len(early.Plans) != 0 || len(early.After) != 2 {
		t.Errorf("early summary = %+v", early.Summary)
	}

	t.Run("JSON", func(t *testing.T) {
		b, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{`"beforeDate":"2024-12-31"`, `"unitsWithoutCluster":1`, `"kindLabel":"Khối thi đua"`} {
			if !bytes.Contains(b, []byte(k)) {
				t.Errorf("JSON lacks %s", k)
			}
		}
	})
	t.Run("CSV", func(t *testing.T) {
		var buf bytes.Buffer
		if err := rep.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF")) {
			t.Fatal("no BOM")
		}
		cr := csv.NewReader(bytes.NewReader(buf.Bytes()[3:]))
		cr.FieldsPerRecord = -1
		recs, err := cr.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if recs[0][0] != "BÁO CÁO PHƯƠNG ÁN TỔ CHỨC LẠI CỤM, KHỐI THI ĐUA NĂM 2025" {
			t.Errorf("title = %q", recs[0][0])
		}
		found := false
		for _, rec := range recs {
			if len(rec) == 10 && rec[1] == nameTQ && rec[2] == "45/BC-VKS" && rec[3] == "20/06/2025" && rec[6] == "Phê duyệt" && rec[7] == "12/QĐ-VKSTC" && rec[8] == "01/08/2025" {
				found = true
			}
		}
		if !found {
			t.Errorf("plan row missing in %q", recs)
		}
	})
	t.Run("HTML", func(t *testing.T) {
		var buf bytes.Buffer
		if err := rep.WriteHTML(&buf); err != nil {
			t.Fatal(err)
		}
		h := buf.String()
		for _, s := range []string{`<html lang="vi">`, "BÁO CÁO PHƯƠNG ÁN TỔ CHỨC LẠI CỤM, KHỐI THI ĐUA NĂM 2025", "Cụm, khối thi đua trước tổ chức lại (tại ngày 31/12/2024)",
			"Phương án gửi Thường trực Hội đồng Thi đua - Khen thưởng Ngành", "01/07/2025", "@media print", nameCB} {
			if !strings.Contains(h, s) {
				t.Errorf("HTML lacks %q", s)
			}
		}
		if strings.Contains(h, "<script") {
			t.Error("HTML has a script")
		}
	})
	t.Run("XLSX", func(t *testing.T) {
		var buf bytes.Buffer
		if err := rep.WriteXLSX(&buf); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := f.GetSheetList(); len(got) != 6 || got[0] != "Tổng hợp" || got[5] != "Phương án" {
			t.Errorf("sheets = %v", got)
		}
		checks := map[[2]string]string{
			{"Tổng hợp", "A1"}:        "Tổng hợp",
			{"Tổng hợp", "A3"}:        "Nội dung",
			{"Tổng hợp", "B4"}:        "2",
			{"Sau tổ chức lại", "C4"}: "Cụm thi đua khu vực Đông Bắc",
			{"Phương án", "C4"}:       "45/BC-VKS",
			{"Phương án", "H4"}:       "12/QĐ-VKSTC",
		}
		for k, want := range checks {
			if v, err := f.GetCellValue(k[0], k[1]); err != nil || v != want {
				t.Errorf("%s!%s = %q, %v; want %q", k[0], k[1], v, err, want)
			}
		}
	})
}

func TestAwardsRegister(t *testing.T) {
	l, mk := demo(t)
	r := newRunner(t, l, nil)
	runToEnd(t, r)
	ctx := t.Context()
	aw := projections.NewAwards(r)
	all, err := aw.List(ctx, projections.Latest(), projections.AwardFilter{Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Fatalf("awards = %+v", all)
	}
	hg, err := aw.Get(ctx, projections.Latest(), id("a-hg"))
	if err != nil {
		t.Fatal(err)
	}
	if hg.Status != "revoked" || hg.Revocation == nil || hg.Revocation.DecisionNo != "30/QĐ-VKSTC" || hg.Revocation.Recorded.Seq != mk.revocation.Seq ||
		hg.Title.Label != "Tập thể lao động tiên tiến" || hg.DecisionNo != "15/QĐ-VKSTC" || hg.DecidedOn != "2025-01-20" {
		t.Errorf("hg = %+v", hg)
	}
	inForce, _ := aw.List(ctx, projections.Latest(), projections.AwardFilter{InForceOnly: true})
	if len(inForce) != 2 {
		t.Errorf("in force = %d", len(inForce))
	}
	p, _ := aw.List(ctx, projections.Latest(), projections.AwardFilter{PersonID: id("p1")})
	if len(p) != 1 || p[0].Subject.Name != "Nguyễn Thị Hòa" || p[0].Subject.Kind != "CA_NHAN" {
		t.Errorf("person awards = %+v", p)
	}
	byTitle, _ := aw.List(ctx, projections.Latest(), projections.AwardFilter{Title: domain.TitleExcellentCollective, UnitID: id("tq")})
	if len(byTitle) != 1 {
		t.Errorf("by title = %+v", byTitle)
	}
	// Before the revocation was recorded the award was in force.
	before, err := aw.Get(ctx, projections.AtSeq(mk.revocation.Seq-1), id("a-hg"))
	if err != nil || before.Status != "inForce" {
		t.Errorf("before = %+v, %v", before, err)
	}
	if _, err := aw.Get(ctx, projections.Latest(), id("nope")); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("err = %v", err)
	}
}

func TestAuditTrail(t *testing.T) {
	l, mk := demo(t)
	r := newRunner(t, l, nil)
	runToEnd(t, r)
	au := projections.NewAudit(r)
	ctx := t.Context()
	trail, err := au.Stream(ctx, projections.Latest(), "plan-"+id("plan1"))
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != 2 || trail[1].Type != domain.EventClusterReorganizationPlanDecided || trail[1].Basis == nil ||
		trail[1].Basis.Number != "12/QĐ-VKSTC" || trail[1].Actor == nil || trail[1].Actor.Subject != "can-bo-v16" ||
		trail[1].EventID != mk.planDecision.ID.String() || trail[1].Revision != 1 || !trail[1].RecordedAt.Equal(day("2025-08-01")) {
		t.Errorf("trail = %+v", trail)
	}
	early, err := au.Stream(ctx, projections.AtSeq(mk.planDecision.Seq-1), "plan-"+id("plan1"))
	if err != nil || len(early) != 1 {
		t.Errorf("early = %+v, %v", early, err)
	}
	if _, err := au.Stream(ctx, projections.Latest(), "plan-none"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("err = %v", err)
	}
}

func TestUnitsAndClusters(t *testing.T) {
	l, _ := demo(t)
	r := newRunner(t, l, nil)
	runToEnd(t, r)
	ctx := t.Context()
	hg, err := projections.NewUnits(r).Get(ctx, projections.Latest(), id("hg"))
	if err != nil {
		t.Fatal(err)
	}
	if hg.Status != "merged" || hg.MergedInto == nil || hg.MergedInto.Name != nameTQ || hg.Ended != "2025-07-01" || hg.LevelLabel == "" {
		t.Errorf("hg = %+v", hg)
	}
	tq, _ := projections.NewUnits(r).Get(ctx, projections.Latest(), id("tq"))
	if len(tq.MergedFrom) != 1 || tq.MergedFrom[0].ID != id("hg") || tq.Status != "active" {
		t.Errorf("tq = %+v", tq)
	}
	all, _ := projections.NewUnits(r).List(ctx, projections.Latest())
	if len(all) != 8 || all[0].Name != nameTC && all[0].Name != nameVP {
		t.Errorf("units = %d, first %s", len(all), all[0].Name)
	}
	cs, err := projections.NewClusters(r).List(ctx, projections.Latest(), 2024)
	if err != nil || len(cs) != 2 || len(cs[0].Members) != 4 {
		t.Errorf("clusters 2024 = %+v, %v", cs, err)
	}
}

func TestDossierDeadlines(t *testing.T) {
	l, _ := demo(t)
	l.at(day("2025-01-05"))
	l.add(domain.DeadlineSetPublished{DeadlineSetID: id("dl2024"), Regime: domain.RegimeTT02_2024, Year: 2024, SourceDocNo: doc("05/HD-VKSTC"),
		Deadlines: []domain.Deadline{{AwardKind: domain.TitleSectorEmulationFlag, Level: domain.AwardLevelSector, DueOn: mustDate("2025-01-31")},
			{AwardKind: domain.AwardSectorCertificateOfMerit, Level: domain.AwardLevelSector, DueOn: mustDate("2025-01-20")}}}, "2025-01-05", "05/HD-VKSTC")
	l.add(domain.AwardProposed{ProposalID: id("prop-bk"), Subject: domain.Person(id("p1")), AwardKind: domain.AwardSectorCertificateOfMerit, Year: 2024,
		Basis: domain.BasisMerit, ProposerUnitID: id("vp"), Level: domain.AwardLevelSector}, "2025-01-06", "")
	l.at(day("2025-01-25"))
	l.add(domain.DossierFiled{ProposalID: id("prop-bk"), FiledToCouncilID: id("c1"), Copies: 2,
		Items: []domain.DossierItem{{Kind: domain.DossierSubmission, Title: "Tờ trình"}}}, "2025-01-25", "")
	r := newRunner(t, l, nil)
	runToEnd(t, r)
	got, err := projections.NewDeadlines(r).Year(t.Context(), projections.Latest(), 2024, mustDate("2025-02-05"))
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, d := range got {
		status[d.ProposalID] = d.Status
	}
	if status[id("prop-bk")] != "late" || status[id("prop-flag")] != "overdue" {
		t.Errorf("statuses = %v", status)
	}
	early, _ := projections.NewDeadlines(r).Year(t.Context(), projections.Latest(), 2024, mustDate("2025-01-21"))
	for _, d := range early {
		if d.ProposalID == id("prop-flag") && (d.Status != "due" || d.DaysLeft != 10 || d.StatusLabel != "Chưa đến hạn") {
			t.Errorf("flag on 21/01 = %+v", d)
		}
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"github.com/tdkt/tdkt/projections"
)

// rid returns a stable UUID for a readable name.
func rid(name string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("tdkt-report-test:"+name)).String()
}

func rdoc(s string) domain.DocNumber {
	d, err := domain.ParseDocNumber(s)
	if err != nil {
		panic(err)
	}
	return d
}

const (
	rNameHG = "Viện kiểm sát nhân dân tỉnh Hà Giang"
	rNameTQ = "Viện kiểm sát nhân dân tỉnh Tuyên Quang"
	rNameBK = "Viện kiểm sát nhân dân tỉnh Bắc Kạn"
	rNameTN = "Viện kiểm sát nhân dân tỉnh Thái Nguyên"
)

// sectorLedger writes a small sector to a sqlite store in a temporary
// directory with real domain events: four provincial procuracies in one
// cluster for 2024, their scores, a correction recorded on 10/02/2025, and
// the 2025 reform (Hà Giang merged into Tuyên Quang, a new block). It
// returns the directory and the correction's seq.
func sectorLedger(t *testing.T) (dir string, correction uint64) {
	t.Helper()
	dir = t.TempDir()
	var now time.Time
	s, err := sqlite.Open(dir, &sqlite.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := 0
	add := func(at string, ev domain.Event, date, basis string) eventstore.RecordedEvent {
		t.Helper()
		now, err = time.Parse(time.RFC3339, at)
		if err != nil {
			t.Fatal(err)
		}
		typ, schema, data, err := domain.Encode(ev)
		if err != nil {
			t.Fatal(err)
		}
		n++
		e := eventstore.Event{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte("report-test-"+string(rune('a'+n)))), Type: typ, Schema: schema,
			Effective: eventstore.Effective{Date: date}, Actor: &eventstore.Actor{Subject: "thuong-truc-1", Role: "thuong-truc", Unit: rid("tc")}, Data: data}
		if y, ok := ev.(domain.YearScoped); ok {
			e.Effective.Year = y.EvalYear()
		}
		if basis != "" {
			e.Basis = &eventstore.Basis{Number: basis, Date: date, Issuer: "VKSND tối cao"}
		}
		res, err := s.Append(t.Context(), ev.StreamID(), eventstore.Any, e)
		if err != nil {
			t.Fatal(err)
		}
		return res.Events[0]
	}
	const t0 = "2024-01-02T02:00:00Z"
	add(t0, domain.UnitEstablished{UnitID: rid("tc"), Name: "Viện kiểm sát nhân dân tối cao", Level: domain.LevelSupreme, Kind: domain.UnitKindProcuracy}, "1960-07-26", "")
	for _, u := range []struct{ k, n string }{{"hg", rNameHG}, {"tq", rNameTQ}, {"bk", rNameBK}, {"tn", rNameTN}} {
		add(t0, domain.UnitEstablished{UnitID: rid(u.k), Name: u.n, Level: domain.LevelProvincial, Kind: domain.UnitKindProcuracy, ParentUnitID: rid("tc")}, "1960-07-26", "")
	}
	add(t0, domain.CouncilConstituted{CouncilID: rid("c1"), Kind: domain.CouncilKindTDKT, Name: "Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân",
		OwnerUnitID: rid("tc"), DecisionNo: rdoc("01/QĐ-VKSTC"), Members: []domain.CouncilMember{{PersonID: rid("p0"), Role: domain.RoleChair, PositionTitle: "Viện trưởng"}}}, "2024-01-02", "01/QĐ-VKSTC")
	add("2024-03-01T02:00:00Z", domain.ClusterFormed{ClusterID: rid("cl1"), Kind: domain.ClusterKindCluster, Name: "Cụm thi đua số 1", Number: 1, Year: 2024,
		OrganizerCouncilID: rid("c1"), MemberUnitIDs: []string{rid("hg"), rid("tq"), rid("bk"), rid("tn")}}, "2024-03-01", "09/HD-VKSTC")
	add("2024-03-01T02:00:00Z", domain.ScoringSchemePublished{SchemeID: rid("s1"), Version: 1, Table: "VKSND cấp tỉnh",
		Items: []domain.SchemeItem{{Code: "I.1", Title: "Công tác thực hành quyền công tố", MaxPoints: 600}, {Code: "I.2", Title: "Công tác kiểm sát", MaxPoints: 600}}}, "2024-01-01", "424/QĐ-VKSTC")
	for _, sc := range []struct {
		unit string
		a, b domain.Points
	}{{"tq", 500, 450}, {"hg", 490, 450}, {"bk", 480, 470}, {"tn", 450, 450}} {
		add("2025-01-10T02:00:00Z", domain.ScoreRecorded{ScoreID: rid("score-" + sc.unit), ScorecardID: rid("card-" + sc.unit), SubjectUnitID: rid(sc.unit),
			ClusterID: rid("cl1"), Year: 2024, SchemeID: rid("s1"), SchemeVersion: 1, Stage: domain.StageCluster,
			Items: []domain.ItemScore{{Code: "I.1", Points: sc.a}, {Code: "I.2", Points: sc.b}}, Total: sc.a + sc.b}, "2025-01-10", "")
	}
	add("2025-01-12T02:00:00Z", domain.ClusterLeaderAcclaimed{ClusterID: rid("cl1"), Year: 2024, LeadingUnitID: rid("bk"),
		ProposedTitles: []domain.AwardKind{domain.TitleSectorEmulationFlag}, BasedOnSeq: 10}, "2025-01-12", "")
	fix := add("2025-02-10T02:00:00Z", domain.ScoreCorrected{ScoreID: rid("score-hg-fix"), ScorecardID: rid("card-hg"), SupersedesScoreID: rid("score-hg"),
		Items: []domain.ItemScore{{Code: "I.2", Points: 520}}, Total: 1010, Reason: "Cộng điểm chỉ tiêu bị bỏ sót", CorrectedByUnitID: rid("tc")}, "2025-02-10", "")
	add("2025-06-20T02:00:00Z", domain.ClusterReorganizationPlanSubmitted{PlanID: rid("plan1"), SubmitterUnitID: rid("tq"), RecipientCouncilID: rid("c1"), Year: 2025,
		ProposedClusters: []domain.ProposedCluster{{Kind: domain.ClusterKindBlock, Name: "Khối thi đua số 1", MemberUnitIDs: []string{rid("tn")}}}, DocNo: rdoc("45/BC-VKS")}, "2025-06-20", "")
	add("2025-07-01T02:00:00Z", domain.UnitsMerged{SourceUnitIDs: []string{rid("hg"), rid("tq")}, ResultUnitID: rid("tq"), Mode: domain.MergeAbsorption}, "2025-07-01", "84/2025/UBTVQH15")
	add("2025-08-01T02:00:00Z", domain.ClusterReorganizationPlanDecided{PlanID: rid("plan1"), Decision: domain.PlanApproved, DecidedByUnitID: rid("tc"), BasedOnSeq: 14}, "2025-08-01", "12/QĐ-VKSTC")
	add("2025-08-01T02:00:00Z", domain.UnitRemovedFromCluster{ClusterID: rid("cl1"), UnitID: rid("tn")}, "2025-09-01", "12/QĐ-VKSTC")
	add("2025-09-01T02:00:00Z", domain.ClusterFormed{ClusterID: rid("blk1"), Kind: domain.ClusterKindBlock, Name: "Khối thi đua số 1", Number: 1, Year: 2025,
		OrganizerCouncilID: rid("c1"), MemberUnitIDs: []string{rid("tn")}}, "2025-09-01", "12/QĐ-VKSTC")
	return dir, fix.Seq
}

// unitOrder returns the unit names in the order they appear in out.
func unitOrder(out string, names ...string) []string {
	type pos struct {
		i    int
		name string
	}
	var ps []pos
	for _, n := range names {
		if i := strings.Index(out, n); i >= 0 {
			ps = append(ps, pos{i, n})
		}
	}
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			if ps[j].i < ps[i].i {
				ps[i], ps[j] = ps[j], ps[i]
			}
		}
	}
	var order []string
	for _, p := range ps {
		order = append(order, p.name)
	}
	return order
}

func TestStandingsCommand(t *testing.T) {
	dir, correction := sectorLedger(t)
	names := []string{rNameHG, rNameTQ, rNameBK, rNameTN}

	t.Run("Table", func(t *testing.T) {
		code, out, errs := execMain(t.Context(), "standings", "--data", dir, "--year", "2024")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, want := range []string{"BẢNG XẾP HẠNG THI ĐUA NĂM 2024", "Hạng", "Đơn vị", "Tổng điểm", "I.1", "Cụm thi đua số 1", "10,1",
			"Đính chính điểm " + rNameHG + ": 9,4 → 10,1", "Đơn vị dẫn đầu (suy tôn): " + rNameBK} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
		want := []string{rNameHG, rNameBK, rNameTQ, rNameTN}
		if got := unitOrder(out[strings.Index(out, "Hạng"):], names...); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("order = %v, want %v\n%s", got, want, out)
		}
	})

	t.Run("AsOfSeqBeforeCorrection", func(t *testing.T) {
		code, out, errs := execMain(t.Context(), "standings", "--data", dir, "--year", "2024", "--as-of", itoaU(correction-1))
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		want := []string{rNameBK, rNameTQ, rNameHG, rNameTN} // 9,5, 9,5 (by name), 9,4, 9
		if got := unitOrder(out[strings.Index(out, "Hạng"):], names...); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("order = %v, want %v\n%s", got, want, out)
		}
		if strings.Contains(out, "Đính chính điểm") {
			t.Errorf("correction shown before it was recorded:\n%s", out)
		}
	})

	t.Run("AsOfDate", func(t *testing.T) {
		// 09/02/2025 in Vietnam is before the correction (10/02/2025 09:00 ICT).
		for _, date := range []string{"09/02/2025", "2025-02-09"} {
			code, out, errs := execMain(t.Context(), "standings", "--data", dir, "--year", "2024", "--as-of", date, "--format", "json", "--cluster", rid("cl1"))
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var cs projections.ClusterStandings
			if err := json.Unmarshal([]byte(out), &cs); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if cs.AsOfSeq != correction || len(cs.Units) != 4 || cs.Units[0].Unit.Name != rNameBK || cs.Cluster.ID != rid("cl1") {
				t.Errorf("as of %s = %+v", date, cs)
			}
		}
	})

	t.Run("JSONSector", func(t *testing.T) {
		code, out, errs := execMain(t.Context(), "standings", "--data", dir, "--year", "2024", "--format", "json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var s projections.SectorStandings
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatal(err)
		}
		if len(s.Clusters) != 1 || s.Clusters[0].Units[0].Total != 1010 || len(s.Clusters[0].Units[0].Corrections) != 1 {
			t.Errorf("sector = %+v", s)
		}
	})

	t.Run("ErrAsOfNotRecorded", func(t *testing.T) {
		code, _, errs := execMain(t.Context(), "standings", "--data", dir, "--year", "2024", "--as-of", "999999")
		if code != 1 || !strings.Contains(errs, "not recorded yet") {
			t.Errorf("exit %d: %s", code, errs)
		}
	})
}

func itoaU(n uint64) string { return strconv.FormatUint(n, 10) }

func TestReportCommand(t *testing.T) {
	dir, _ := sectorLedger(t)

	t.Run("JSON", func(t *testing.T) {
		code, out, errs := execMain(t.Context(), "report", "reorganization", "--data", dir, "--year", "2025")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var rep projections.ReorganizationReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Year != 2025 || len(rep.Before) != 1 || len(rep.After) != 2 || rep.Summary.UnitsMerged != 2 || rep.Summary.BlocksAfter != 1 ||
			rep.Summary.PlansApproved != 1 || len(rep.Plans) != 1 || rep.Plans[0].DocNo != "45/BC-VKS" {
			t.Errorf("report = %+v", rep.Summary)
		}
	})

	t.Run("AsOfBeforeReform", func(t *testing.T) {
		code, out, errs := execMain(t.Context(), "report", "--data", dir, "--year", "2025", "--as-of", "2025-06-30T00:00:00+07:00", "reorganization")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var rep projections.ReorganizationReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Summary.UnitsMerged != 0 || rep.Summary.PlansPending != 1 || rep.Summary.PlansApproved != 0 || len(rep.After) != 1 {
			t.Errorf("before the reform = %+v", rep.Summary)
		}
	})

	t.Run("CSV", func(t *testing.T) {
		code, out, errs := execMain(t.Context(), "report", "reorganization", "--data", dir, "--year", "2025", "--format", "csv")
		if code != 0 || !strings.Contains(out, "Khối thi đua số 1") || !strings.Contains(out, rNameTQ) {
			t.Errorf("exit %d: %s\n%s", code, errs, out)
		}
	})

	t.Run("HTML", func(t *testing.T) {
		code, out, errs := execMain(t.Context(), "report", "reorganization", "--data", dir, "--year", "2025", "--format", "html")
		if code != 0 || !strings.Contains(out, "<html") || !strings.Contains(out, "Cụm thi đua số 1") {
			t.Errorf("exit %d: %s\n%.300s", code, errs, out)
		}
	})

	t.Run("XLSXOut", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "bao-cao.xlsx")
		code, out, errs := execMain(t.Context(), "report", "reorganization", "--data", dir, "--year", "2025", "--format", "xlsx", "--out", file)
		if code != 0 || out != "" {
			t.Fatalf("exit %d: %s\n%s", code, errs, out)
		}
		b, err := os.ReadFile(file)
		if err != nil || !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
			t.Errorf("not an xlsx (zip) file: %v %.8q", err, b)
		}
	})

	t.Run("XLSXToPipe", func(t *testing.T) {
		code, out, errs := execMain(t.Context(), "report", "reorganization", "--data", dir, "--year", "2025", "--format", "xlsx")
		if code != 0 || !strings.HasPrefix(out, "PK\x03\x04") {
			t.Errorf("exit %d: %s", code, errs)
		}
	})
}

func TestReportCommandLine(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"NoYear", []string{"standings", "--data", dir}, "invalid --year"},
		{"BadYear", []string{"report", "reorganization", "--data", dir, "--year", "hai nghìn"}, "invalid value"},
		{"UnknownReport", []string{"report", "awards", "--data", dir, "--year", "2025"}, `unknown report "awards": want reorganization`},
		{"NoReport", []string{"report", "--data", dir, "--year", "2025"}, "want 1 argument(s) (reorganization)"},
		{"BadFormat", []string{"report", "reorganization", "--data", dir, "--year", "2025", "--format", "pdf"}, "invalid --format \"pdf\": want json, csv, html, xlsx"},
		{"StandingsCSV", []string{"standings", "--data", dir, "--year", "2024", "--format", "csv"}, "want text, json"},
		{"BadAsOf", []string{"standings", "--data", dir, "--year", "2024", "--as-of", "hôm qua"}, "invalid --as-of"},
		{"EmptyData", []string{"standings", "--data", "", "--year", "2024"}, "invalid --data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := execMain(t.Context(), tt.args...)
			if code != 2 || !strings.Contains(errs, tt.stderr) {
				t.Errorf("exit %d, stderr %q, want 2 and %q", code, errs, tt.stderr)
			}
		})
	}
	t.Run("Help", func(t *testing.T) {
		code, out, _ := execMain(t.Context(), "help", "standings")
		if code != 0 || !strings.Contains(out, "-cluster ID") || !strings.Contains(out, "end of that day in Vietnam") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
}

func TestParseAsOfFlag(t *testing.T) {
	endOfDay := time.Date(2025, 1, 15, 23, 59, 59, 999999999, vietnamZone)
	for in, want := range map[string]projections.AsOf{
		"":                          projections.Latest(),
		"42":                        projections.AtSeq(42),
		"15/01/2025":                projections.AtTime(endOfDay),
		"2025-01-15":                projections.AtTime(endOfDay),
		"2025-01-15T08:00:00+07:00": projections.AtTime(time.Date(2025, 1, 15, 1, 0, 0, 0, time.UTC)),
	} {
		got, err := parseAsOfFlag(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		gt, _ := got.Time()
		wt, _ := want.Time()
		gs, _ := got.Seq()
		ws, _ := want.Seq()
		if got.IsLatest() != want.IsLatest() || !gt.Equal(wt) || gs != ws {
			t.Errorf("%q = %v, want %v", in, got, want)
		}
	}
}

func TestFmtPoints(t *testing.T) {
	for in, want := range map[int64]string{9575: "95,75", 9500: "95", 9550: "95,5", 5: "0,05", 0: "0", -125: "-1,25", 10100: "101"} {
		if got := fmtPoints(in); got != want {
			t.Errorf("fmtPoints(%d) = %q, want %q", in, got, want)
		}
	}
}

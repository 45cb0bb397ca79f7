package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/memstore"
	"github.com/tdkt/tdkt/projections"
)

func qid(name string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("tdkt-query-test:"+name)).String()
}

const (
	nameHG = "Viện kiểm sát nhân dân tỉnh Hà Giang"
	nameTQ = "Viện kiểm sát nhân dân tỉnh Tuyên Quang"
	nameBK = "Viện kiểm sát nhân dân tỉnh Bắc Kạn"
	nameLS = "Viện kiểm sát nhân dân tỉnh Lạng Sơn"
)

// queryEnv is a server with read models over a small ledger built from
// the domain's own events, the projections running in the background.
type queryEnv struct {
	srv    *api.Server
	store  *memstore.Store
	runner *projections.Runner
	tokens map[api.Role]string

	mu  sync.Mutex
	now time.Time
	n   int

	// correction is the seq of the score correction; beforeCorrection the
	// RFC 3339 time between it and what precedes it.
	correction uint64
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(2 * time.Hour) // 09:00 in Hà Nội
}

func (e *queryEnv) at(t time.Time) {
	e.mu.Lock()
	e.now = t
	e.mu.Unlock()
}

// add appends ev, domain.Encode'd, effective on date with legal basis
// number basis ("" for none).
func (e *queryEnv) add(tb testing.TB, ev domain.Event, date, basis string) eventstore.RecordedEvent {
	tb.Helper()
	typ, schema, data, err := domain.Encode(ev)
	if err != nil {
		tb.Fatal(err)
	}
	e.n++
	rec := eventstore.Event{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte{byte(e.n >> 8), byte(e.n)}), Type: typ, Schema: schema,
		Effective: eventstore.Effective{Date: date},
		Actor:     &eventstore.Actor{Subject: "can-bo-v16", Role: "admin", Unit: qid("tc")}, Data: data}
	if y, ok := ev.(domain.YearScoped); ok {
		rec.Effective.Year = y.EvalYear()
	}
	if basis != "" {
		rec.Basis = &eventstore.Basis{Number: basis, Date: date, Issuer: "VKSND tối cao"}
	}
	res, err := e.store.Append(context.Background(), ev.StreamID(), eventstore.Any, rec)
	if err != nil {
		tb.Fatal(err)
	}
	return res.Events[0]
}

func mustDoc(s string) domain.DocNumber {
	d, err := domain.ParseDocNumber(s)
	if err != nil {
		panic(err)
	}
	return d
}

// MustOpenQueryEnv records the ledger, starts the projections and the
// server, and waits until /readyz says ready.
func MustOpenQueryEnv(tb testing.TB, configure func(*api.Server)) *queryEnv {
	tb.Helper()
	e := &queryEnv{tokens: map[api.Role]string{}, now: day("2024-01-02")}
	e.store = memstore.New(&memstore.Options{Now: func() time.Time {
		e.mu.Lock()
		defer e.mu.Unlock()
		return e.now
	}})
	e.record(tb)
	r, err := projections.NewRunner(e.store, projections.NewMemStateStore(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	if err := projections.RegisterAll(r); err != nil {
		tb.Fatal(err)
	}
	e.runner = r
	var recs []api.TokenRecord
	units := map[api.Role][]string{api.RoleCouncil: {qid("tc")}, api.RoleCluster: {qid("cl1")}, api.RoleUnit: {qid("tq")}}
	for _, role := range api.Roles() {
		tok, rec := api.GenerateToken(role, "test-"+string(role), units[role])
		e.tokens[role] = tok
		recs = append(recs, rec)
	}
	e.srv = newServerOn(tb, e.store, recs, func(s *api.Server) {
		s.Queries = queriesOf(r)
		s.ClusterStreams = api.ClusterStreamsFrom(s.Queries.Clusters, e.store)
		if configure != nil {
			configure(s)
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = r.Run(ctx)
	}()
	tb.Cleanup(func() {
		cancel()
		<-done
	})
	e.waitReady(tb)
	return e
}

func queriesOf(r *projections.Runner) api.Queries {
	return api.Queries{
		Standings:      projections.NewStandings(r, nil),
		Reorganization: projections.NewReorganization(r),
		Units:          projections.NewUnits(r),
		Clusters:       projections.NewClusters(r),
		Awards:         projections.NewAwards(r),
		Audit:          projections.NewAudit(r),
		Deadlines:      projections.NewDeadlines(r),
		Councils:       projections.NewCouncils(r),
		Registrations:  projections.NewRegistrations(r),
		Initiatives:    projections.NewInitiatives(r),
		Eligibility:    projections.NewEligibility(r, nil),
		Projections:    r,
	}
}

// waitReady waits until every projection has folded the whole ledger.
func (e *queryEnv) waitReady(tb testing.TB) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		lag, err := e.runner.Lag(context.Background())
		if err != nil {
			tb.Fatal(err)
		}
		behind := false
		for _, n := range lag {
			behind = behind || n > 0
		}
		if !behind {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	tb.Fatal("projections did not catch up")
}

// record writes the test sector: six provinces in two clusters for 2024,
// scores, a correction on 10/02/2025, awards, and the 2025 reorganization.
func (e *queryEnv) record(tb testing.TB) {
	e.at(day("2024-01-02"))
	e.add(tb, domain.UnitEstablished{UnitID: qid("tc"), Name: "Viện kiểm sát nhân dân tối cao", Level: domain.LevelSupreme, Kind: domain.UnitKindProcuracy}, "1960-07-26", "")
	for _, u := range []struct{ k, n string }{{"hg", nameHG}, {"tq", nameTQ}, {"bk", nameBK}, {"ls", nameLS}} {
		e.add(tb, domain.UnitEstablished{UnitID: qid(u.k), Name: u.n, Level: domain.LevelProvincial, Kind: domain.UnitKindProcuracy, ParentUnitID: qid("tc")}, "1960-07-26", "")
	}
	e.add(tb, domain.CouncilConstituted{CouncilID: qid("c1"), Kind: domain.CouncilKindTDKT, Name: "Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân",
		OwnerUnitID: qid("tc"), DecisionNo: mustDoc("01/QĐ-VKSTC"), Members: []domain.CouncilMember{{PersonID: qid("p0"), Role: domain.RoleChair, PositionTitle: "Viện trưởng"}}}, "2024-01-02", "01/QĐ-VKSTC")
	e.at(day("2024-03-01"))
	e.add(tb, domain.ClusterFormed{ClusterID: qid("cl1"), Kind: domain.ClusterKindCluster, Name: "Cụm thi đua số 1", Number: 1, Year: 2024,
		OrganizerCouncilID: qid("c1"), MemberUnitIDs: []string{qid("hg"), qid("tq"), qid("bk")}}, "2024-03-01", "09/HD-VKSTC")
	e.add(tb, domain.ClusterFormed{ClusterID: qid("cl2"), Kind: domain.ClusterKindCluster, Name: "Cụm thi đua số 2", Number: 2, Year: 2024,
		OrganizerCouncilID: qid("c1"), MemberUnitIDs: []string{qid("ls")}}, "2024-03-01", "09/HD-VKSTC")
	e.add(tb, domain.ScoringSchemePublished{SchemeID: qid("s1"), Version: 1, Table: "VKSND cấp tỉnh",
		Items: []domain.SchemeItem{{Code: "I.1", Title: "Công tác thực hành quyền công tố", MaxPoints: 600}, {Code: "I.2", Title: "Công tác kiểm sát", MaxPoints: 600}}}, "2024-01-01", "424/QĐ-VKSTC")
	e.at(day("2025-01-10"))
	for _, sc := range []struct {
		unit string
		a, b domain.Points
	}{{"tq", 500, 450}, {"hg", 490, 450}, {"bk", 480, 470}} {
		e.add(tb, domain.ScoreRecorded{ScoreID: qid("score-" + sc.unit), ScorecardID: qid("card-" + sc.unit), SubjectUnitID: qid(sc.unit),
			ClusterID: qid("cl1"), Year: 2024, SchemeID: qid("s1"), SchemeVersion: 1, Stage: domain.StageCluster,
			Items: []domain.ItemScore{{Code: "I.1", Points: sc.a}, {Code: "I.2", Points: sc.b}}, Total: sc.a + sc.b}, "2025-01-10", "")
	}
	e.at(day("2025-01-20"))
	e.add(tb, domain.AwardDecided{DecisionID: qid("dec1"), DecisionNo: mustDoc("15/QĐ-VKSTC"), IssuerUnitID: qid("tc"), IssuerRole: "Viện trưởng VKSND tối cao",
		Awards: []domain.DecidedAward{
			{AwardID: qid("a-tq"), Subject: domain.Unit(qid("tq")), AwardKind: domain.TitleExcellentCollective, Year: 2024},
			{AwardID: qid("a-hg"), Subject: domain.Unit(qid("hg")), AwardKind: domain.TitleAdvancedCollective, Year: 2024},
			{AwardID: qid("a-bk"), Subject: domain.Unit(qid("bk")), AwardKind: domain.TitleAdvancedCollective, Year: 2024},
		}, BasedOnSeq: 12}, "2025-01-20", "15/QĐ-VKSTC")
	e.at(day("2025-02-10"))
	e.correction = e.add(tb, domain.ScoreCorrected{ScoreID: qid("score-hg-fix"), ScorecardID: qid("card-hg"), SupersedesScoreID: qid("score-hg"),
		Items: []domain.ItemScore{{Code: "I.2", Points: 520}}, Total: 1010, Reason: "Cộng điểm chỉ tiêu bị bỏ sót", CorrectedByUnitID: qid("tc")}, "2025-02-10", "").Seq
	// The 2025 reorganization: cluster 2 dissolved, Lạng Sơn into cluster 1.
	e.at(day("2025-06-20"))
	e.add(tb, domain.ClusterReorganizationPlanSubmitted{PlanID: qid("plan1"), SubmitterUnitID: qid("tq"), RecipientCouncilID: qid("c1"), Year: 2025,
		ProposedClusters: []domain.ProposedCluster{{Kind: domain.ClusterKindCluster, Name: "Cụm thi đua khu vực Đông Bắc",
			MemberUnitIDs: []string{qid("tq"), qid("hg"), qid("bk"), qid("ls")}}}, DocNo: mustDoc("45/BC-VKS")}, "2025-06-20", "")
	e.at(day("2025-08-01"))
	e.add(tb, domain.ClusterReorganizationPlanDecided{PlanID: qid("plan1"), Decision: domain.PlanApproved, DecidedByUnitID: qid("tc"), BasedOnSeq: 14}, "2025-08-01", "12/QĐ-VKSTC")
	e.add(tb, domain.ClusterDissolved{ClusterID: qid("cl2"), Reason: "Tổ chức lại theo phương án được phê duyệt"}, "2025-08-01", "12/QĐ-VKSTC")
	e.add(tb, domain.UnitAssignedToCluster{ClusterID: qid("cl1"), UnitID: qid("ls")}, "2025-08-01", "12/QĐ-VKSTC")
	e.add(tb, domain.ClusterRenamed{ClusterID: qid("cl1"), OldName: "Cụm thi đua số 1", NewName: "Cụm thi đua khu vực Đông Bắc"}, "2025-08-01", "12/QĐ-VKSTC")
}

// fetch sends a GET with role's token ("" for none) and extra headers.
func (e *queryEnv) fetch(tb testing.TB, path string, role api.Role, header http.Header) (*http.Response, []byte) {
	tb.Helper()
	req, err := http.NewRequest("GET", e.srv.URL()+path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[role])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp, body
}

func (e *queryEnv) ok(tb testing.TB, path string, v any) *http.Response {
	tb.Helper()
	resp, body := e.fetch(tb, path, api.RoleAuditor, nil)
	if resp.StatusCode != 200 {
		tb.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			tb.Fatalf("GET %s: %v: %s", path, err, body)
		}
	}
	return resp
}

type standingsBody struct {
	Year     int `json:"year"`
	AsOfSeq  uint64
	Clusters []struct {
		Cluster struct{ ID, Name string }
		Units   []struct {
			Rank  int
			Total int64
			Unit  struct{ ID, Name string }
		}
	}
}

func totalOf(b standingsBody, unit string) int64 {
	for _, c := range b.Clusters {
		for _, u := range c.Units {
			if u.Unit.ID == unit {
				return u.Total
			}
		}
	}
	return -1
}

type listBody struct {
	AsOfSeq uint64            `json:"asOfSeq"`
	Items   []json.RawMessage `json:"items"`
	Next    string            `json:"next"`
}

func TestQueryRoutes(t *testing.T) {
	e := MustOpenQueryEnv(t, nil)
	head := e.store.Head
	h, _ := head(context.Background())
	latestTag := `"seq-` + itoa(h-1) + `"`

	t.Run("StandingsOK", func(t *testing.T) {
		var b standingsBody
		resp := e.ok(t, "/api/v1/standings?year=2024", &b)
		if got := resp.Header.Get("ETag"); got != latestTag {
			t.Errorf("ETag = %s, want %s", got, latestTag)
		}
		if len(b.Clusters) == 0 || b.Clusters[0].Units[0].Unit.Name != nameHG || totalOf(b, qid("hg")) != 1010 {
			t.Errorf("standings = %+v", b)
		}
		var one standingsBody
		e.ok(t, "/api/v1/standings?year=2024&cluster="+qid("cl1"), &one)
		if len(one.Clusters) != 1 || one.Clusters[0].Cluster.ID != qid("cl1") {
			t.Errorf("one cluster = %+v", one)
		}
	})

	t.Run("AsOfSeq", func(t *testing.T) {
		var b standingsBody
		resp := e.ok(t, "/api/v1/standings?year=2024&asOf="+itoa(e.correction-1), &b)
		if totalOf(b, qid("hg")) != 940 || b.Clusters[0].Units[0].Unit.Name != nameBK {
			t.Errorf("before the correction: %+v", b)
		}
		if got, want := resp.Header.Get("ETag"), `"seq-`+itoa(e.correction-1)+`"`; got != want {
			t.Errorf("ETag = %s, want %s", got, want)
		}
	})

	t.Run("AsOfTime", func(t *testing.T) {
		// What we believed on 15/01/2025 (Hà Nội): before the correction.
		var b standingsBody
		at := url.QueryEscape("2025-01-15T23:59:59+07:00")
		resp := e.ok(t, "/api/v1/standings?year=2024&asOf="+at, &b)
		if totalOf(b, qid("hg")) != 940 {
			t.Errorf("hg on 15/01/2025 = %d, want 940", totalOf(b, qid("hg")))
		}
		// The last event recorded by then is the last score (the award
		// decision of 20/01 and the correction of 10/02 come after).
		if got, want := resp.Header.Get("ETag"), `"seq-`+itoa(e.correction-2)+`"`; got != want {
			t.Errorf("ETag = %s, want %s", got, want)
		}
		resp, body := e.fetch(t, "/api/v1/standings?year=2024&asOf=2000-01-01T00:00:00Z", api.RoleAuditor, nil)
		if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"seq-none"` {
			t.Errorf("before the ledger: %d %s %s", resp.StatusCode, resp.Header.Get("ETag"), body)
		}
	})

	t.Run("NotModified", func(t *testing.T) {
		for _, path := range []string{"/api/v1/standings?year=2024", "/api/v1/units", "/api/v1/units/" + qid("hg"),
			"/api/v1/awards?year=2024", "/api/v1/streams/unit-" + qid("hg"), "/api/v1/reports/reorganization?year=2025",
			"/api/v1/standings?year=2024&asOf=" + itoa(e.correction-1)} {
			resp, _ := e.fetch(t, path, api.RoleAuditor, nil)
			tag := resp.Header.Get("ETag")
			if tag == "" {
				t.Errorf("%s: no ETag", path)
				continue
			}
			resp, body := e.fetch(t, path, api.RoleAuditor, http.Header{"If-None-Match": {tag}})
			if resp.StatusCode != http.StatusNotModified || len(body) != 0 || resp.Header.Get("ETag") != tag {
				t.Errorf("%s with If-None-Match %s: %d %q", path, tag, resp.StatusCode, body)
			}
			resp, _ = e.fetch(t, path, api.RoleAuditor, http.Header{"If-None-Match": {`"seq-0"`}})
			if resp.StatusCode != 200 {
				t.Errorf("%s with a stale tag: %d", path, resp.StatusCode)
			}
		}
	})

	t.Run("Units", func(t *testing.T) {
		var u struct {
			ID, Name string
			AsOfSeq  uint64 `json:"asOfSeq"`
		}
		e.ok(t, "/api/v1/units/"+qid("tq"), &u)
		if u.Name != nameTQ || u.AsOfSeq != h {
			t.Errorf("unit = %+v", u)
		}
		resp, body := e.fetch(t, "/api/v1/units/"+qid("nope"), api.RoleAuditor, nil)
		if resp.StatusCode != 404 {
			t.Errorf("unknown unit: %d %s", resp.StatusCode, body)
		}
	})

	t.Run("Clusters", func(t *testing.T) {
		var b struct {
			Items []struct {
				ID, Name string
				Members  []struct{ ID string }
			}
		}
		e.ok(t, "/api/v1/clusters?year=2024", &b)
		if len(b.Items) != 2 || b.Items[0].Name != "Cụm thi đua khu vực Đông Bắc" && b.Items[0].Name != "Cụm thi đua số 1" {
			t.Errorf("clusters 2024 = %+v", b)
		}
		var c struct {
			ID      string
			Members []struct{ ID string }
		}
		e.ok(t, "/api/v1/clusters/"+qid("cl1")+"?year=2025", &c)
		if len(c.Members) != 4 {
			t.Errorf("cluster 1 in 2025 = %+v", c)
		}
	})

	t.Run("Awards", func(t *testing.T) {
		var b listBody
		e.ok(t, "/api/v1/awards?year=2024&unit="+qid("tq"), &b)
		if len(b.Items) != 1 {
			t.Errorf("awards of tq = %s", b.Items)
		}
		e.ok(t, "/api/v1/awards?title=TTLDTT", &b)
		var a struct {
			AwardID string `json:"awardId"`
			Status  string
		}
		e.ok(t, "/api/v1/awards/"+qid("a-tq"), &a)
		if a.AwardID != qid("a-tq") || a.Status != "inForce" {
			t.Errorf("award = %+v", a)
		}
	})

	t.Run("StreamAudit", func(t *testing.T) {
		var b struct {
			Items []struct {
				Seq   uint64
				Type  string
				Label string
				Basis *struct{ Number string }
			}
		}
		e.ok(t, "/api/v1/streams/cluster-"+qid("cl1"), &b)
		if len(b.Items) < 3 || b.Items[0].Label != "Thành lập cụm, khối thi đua" || b.Items[0].Basis == nil || b.Items[0].Basis.Number != "09/HD-VKSTC" {
			t.Errorf("audit = %+v", b)
		}
		resp, _ := e.fetch(t, "/api/v1/streams/nope-1", api.RoleAuditor, nil)
		if resp.StatusCode != 404 {
			t.Errorf("unknown stream: %d", resp.StatusCode)
		}
	})

	t.Run("Deadlines", func(t *testing.T) {
		resp := e.ok(t, "/api/v1/deadlines?year=2024&on=2025-03-01", nil)
		if tag := resp.Header.Get("ETag"); !strings.HasSuffix(tag, `-2025-03-01"`) {
			t.Errorf("ETag = %s: must name the date judged on", tag)
		}
	})

	t.Run("Report", func(t *testing.T) {
		var rep struct {
			Year    int
			AsOfSeq uint64 `json:"asOfSeq"`
			Before  []struct{ Name string }
			After   []struct{ Name string }
		}
		e.ok(t, "/api/v1/reports/reorganization?year=2025", &rep)
		if rep.Year != 2025 || len(rep.Before) != 2 || len(rep.After) != 1 {
			t.Errorf("report = %+v", rep)
		}
		for _, c := range []struct{ format, ctype, disp string }{
			{"csv", "text/csv; charset=utf-8", "attachment"},
			{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"},
			{"html", "text/html; charset=utf-8", "inline"},
		} {
			resp, body := e.fetch(t, "/api/v1/reports/reorganization?year=2025&format="+c.format, api.RoleAuditor, nil)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != c.ctype || len(body) == 0 {
				t.Errorf("%s: %d %s", c.format, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			want := c.disp + `; filename="Bao-cao-phuong-an-to-chuc-lai-cum-khoi-thi-dua-nam-2025.` + c.format + `"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20ph%C6%B0%C6%A1ng%20%C3%A1n%20t%E1%BB%95%20ch%E1%BB%A9c%20l%E1%BA%A1i%20c%E1%BB%A5m%2C%20kh%E1%BB%91i%20thi%20%C4%91ua%20n%C4%83m%202025.` + c.format
			if got := resp.Header.Get("Content-Disposition"); got != want {
				t.Errorf("%s: Content-Disposition = %s\nwant %s", c.format, got, want)
			}
			if c.format == "html" {
				csp := resp.Header.Get("Content-Security-Policy")
				if !strings.Contains(csp, "style-src 'sha256-") || strings.Contains(csp, "unsafe-inline") {
					t.Errorf("html CSP = %s", csp)
				}
			}
		}
	})

	t.Run("CouncilsRegistrationsInitiatives", func(t *testing.T) {
		var cs struct {
			Items []struct{ ID, Name string }
		}
		e.ok(t, "/api/v1/councils", &cs)
		if len(cs.Items) != 1 || cs.Items[0].ID != qid("c1") {
			t.Errorf("councils = %+v", cs)
		}
		e.ok(t, "/api/v1/councils/"+qid("c1")+"?on=2024-06-01", nil)
		var regs listBody
		e.ok(t, "/api/v1/registrations?year=2024&unit="+qid("tq"), &regs)
		e.ok(t, "/api/v1/initiatives?year=2024", nil)
		if resp, _ := e.fetch(t, "/api/v1/initiatives/"+qid("nope"), api.RoleAuditor, nil); resp.StatusCode != 404 {
			t.Errorf("unknown initiative: %d", resp.StatusCode)
		}
	})

	t.Run("EligibilityAndReconstruction", func(t *testing.T) {
		var el struct {
			Eligible bool
			Rules    []struct {
				ID       string `json:"id"`
				Citation string
				Passed   bool
				Inputs   []string
			}
		}
		e.ok(t, "/api/v1/eligibility?subject=unit:"+qid("tq")+"&title=TTLDXS&year=2024", &el)
		if len(el.Rules) == 0 || el.Rules[0].ID == "" || el.Rules[0].Citation == "" {
			t.Errorf("eligibility = %+v", el)
		}
		var rc struct {
			AsOfSeq uint64 `json:"asOfSeq"`
		}
		resp := e.ok(t, "/api/v1/awards/"+qid("dec1")+"/reconstruction", &rc)
		if resp.Header.Get("ETag") == "" || rc.AsOfSeq == 0 {
			t.Errorf("reconstruction: ETag %q, asOfSeq %d", resp.Header.Get("ETag"), rc.AsOfSeq)
		}
		for _, c := range []struct{ path, field string }{
			{"/api/v1/eligibility?title=TTLDXS&year=2024", "subject"},
			{"/api/v1/eligibility?subject=robot:1&title=TTLDXS&year=2024", "subject"},
			{"/api/v1/eligibility?subject=unit:" + qid("tq") + "&year=2024", "title"},
			{"/api/v1/eligibility?subject=unit:" + qid("tq") + "&title=TTLDXS", "year"},
			{"/api/v1/councils?on=mai", "on"},
			{"/api/v1/initiatives?scope=VU_TRU", "scope"},
		} {
			resp, body := e.fetch(t, c.path, api.RoleAuditor, nil)
			if p := decodeFullProblem(t, resp, body); resp.StatusCode != 400 || p.Field != c.field {
				t.Errorf("%s: %d field %q, want 400 naming %q: %s", c.path, resp.StatusCode, p.Field, c.field, body)
			}
		}
	})

	t.Run("AcclaimAndPlanReconstruction", func(t *testing.T) {
		// Bắc Kạn ties Tuyên Quang on 950 and ranks first by name when the
		// cluster acclaims it, having seen the three scores (seqs 9–11);
		// the correction at seq 13 has since put Hà Giang first.
		e.at(day("2025-09-02"))
		acc := e.add(t, domain.ClusterLeaderAcclaimed{ClusterID: qid("cl1"), Year: 2024, LeadingUnitID: qid("bk"),
			MinutesRef: "Biên bản họp cụm", BasedOnSeq: 11}, "2025-01-12", "")
		e.waitReady(t)
		var rc struct {
			Decision struct {
				EventID string `json:"eventId"`
			} `json:"decision"`
			SeenEvents uint64 `json:"seenEvents"`
			Changed    bool   `json:"changed"`
			Then, Now  struct {
				LeaderRank int `json:"leaderRank"`
			}
			DifferingRules []struct {
				ID string `json:"id"`
			} `json:"differingRules"`
			InputsAdded []struct {
				Seq uint64 `json:"seq"`
			} `json:"inputsAdded"`
		}
		resp := e.ok(t, "/api/v1/clusters/"+qid("cl1")+"/acclaims/2024/reconstruction", &rc)
		if resp.Header.Get("ETag") == "" || rc.Decision.EventID != acc.ID.String() || rc.SeenEvents != 12 {
			t.Errorf("ETag %q decision %s seen %d", resp.Header.Get("ETag"), rc.Decision.EventID, rc.SeenEvents)
		}
		if !rc.Changed || rc.Then.LeaderRank != 1 || rc.Now.LeaderRank == 1 || len(rc.DifferingRules) != 1 || rc.DifferingRules[0].ID != projections.CheckAcclaimRank {
			t.Errorf("changed %v rank %d → %d differing %+v", rc.Changed, rc.Then.LeaderRank, rc.Now.LeaderRank, rc.DifferingRules)
		}
		if !slices.ContainsFunc(rc.InputsAdded, func(in struct {
			Seq uint64 `json:"seq"`
		}) bool {
			return in.Seq == e.correction
		}) {
			t.Errorf("the correction (seq %d) is not among the inputs added: %+v", e.correction, rc.InputsAdded)
		}
		// As the ledger stood before the acclamation: not found.
		if resp, body := e.fetch(t, fmt.Sprintf("/api/v1/clusters/%s/acclaims/2024/reconstruction?asOf=%d", qid("cl1"), acc.Seq-1), api.RoleAuditor, nil); resp.StatusCode != 404 ||
			resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("before the acclamation: %d %s", resp.StatusCode, body)
		}

		var pc struct {
			PlanID   string `json:"planId"`
			Changed  bool   `json:"changed"`
			Proposed []struct {
				Members []struct{ ID string }
			} `json:"proposed"`
			Now struct {
				Rules []struct {
					ID     string `json:"id"`
					Passed bool   `json:"passed"`
				} `json:"rules"`
			} `json:"now"`
		}
		resp = e.ok(t, "/api/v1/reorganization-plans/"+qid("plan1")+"/reconstruction", &pc)
		if resp.Header.Get("ETag") == "" || pc.PlanID != qid("plan1") || pc.Changed || len(pc.Proposed) != 1 || len(pc.Proposed[0].Members) != 4 || len(pc.Now.Rules) == 0 {
			t.Errorf("plan reconstruction: ETag %q %+v", resp.Header.Get("ETag"), pc)
		}
		for _, path := range []string{
			"/api/v1/reorganization-plans/" + qid("nope") + "/reconstruction",
			"/api/v1/clusters/" + qid("cl2") + "/acclaims/2024/reconstruction",
			"/api/v1/clusters/" + qid("cl1") + "/acclaims/2023/reconstruction",
		} {
			if resp, body := e.fetch(t, path, api.RoleAuditor, nil); resp.StatusCode != 404 || resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s: %d %s, want 404 problem", path, resp.StatusCode, body)
			}
		}
		if resp, _ := e.fetch(t, "/api/v1/clusters/"+qid("cl1")+"/acclaims/20244/reconstruction", api.RoleAuditor, nil); resp.StatusCode != 400 {
			t.Errorf("year 20244: %d, want 400", resp.StatusCode)
		}
	})

	t.Run("Paging", func(t *testing.T) {
		var first listBody
		resp := e.ok(t, "/api/v1/units?limit=2", &first)
		if len(first.Items) != 2 || first.Next == "" || !strings.Contains(resp.Header.Get("Link"), `rel="next"`) {
			t.Fatalf("first page = %+v", first)
		}
		// The ledger grows between pages: the cursor keeps the first
		// page's point, so nothing shifts or appears.
		e.at(day("2025-09-01"))
		e.add(t, domain.UnitEstablished{UnitID: qid("aa"), Name: "Viện kiểm sát nhân dân tỉnh An Giang", Level: domain.LevelProvincial, Kind: domain.UnitKindProcuracy, ParentUnitID: qid("tc")}, "2025-09-01", "")
		e.waitReady(t)
		var all []string
		for _, it := range first.Items {
			var u struct{ Name string }
			_ = json.Unmarshal(it, &u)
			all = append(all, u.Name)
		}
		next := first.Next
		for next != "" {
			var p listBody
			resp := e.ok(t, next, &p)
			if p.AsOfSeq != first.AsOfSeq || resp.Header.Get("ETag") != `"seq-`+itoa(first.AsOfSeq-1)+`"` {
				t.Errorf("page asOfSeq %d, want %d", p.AsOfSeq, first.AsOfSeq)
			}
			for _, it := range p.Items {
				var u struct{ Name string }
				_ = json.Unmarshal(it, &u)
				all = append(all, u.Name)
			}
			next = p.Next
		}
		if len(all) != 5 || strings.Contains(strings.Join(all, "|"), "An Giang") {
			t.Errorf("pages = %v", all)
		}
		var fresh listBody
		e.ok(t, "/api/v1/units?limit=1000", &fresh)
		if len(fresh.Items) != 6 || fresh.Next != "" {
			t.Errorf("fresh list = %d items, next %q", len(fresh.Items), fresh.Next)
		}
		var audit listBody
		e.ok(t, "/api/v1/streams/cluster-"+qid("cl1")+"?limit=1", &audit)
		if len(audit.Items) != 1 || audit.Next == "" {
			t.Errorf("audit page = %+v", audit)
		}
		var awards listBody
		e.ok(t, "/api/v1/awards?limit=2", &awards)
		if len(awards.Items) != 2 || awards.Next == "" {
			t.Errorf("awards page = %+v", awards)
		}
	})

	t.Run("BadParameters", func(t *testing.T) {
		for _, c := range []struct{ path, field string }{
			{"/api/v1/standings", "year"},
			{"/api/v1/standings?year=abc", "year"},
			{"/api/v1/standings?year=2024&asOf=yesterday", "asOf"},
			{"/api/v1/reports/reorganization?year=2025&format=pdf", "format"},
			{"/api/v1/units?limit=0", "limit"},
			{"/api/v1/units?limit=100000", "limit"},
			{"/api/v1/units?cursor=bogus", "cursor"},
			{"/api/v1/units?cursor=" + "MS4w" + "&asOf=1", "asOf"},
			{"/api/v1/awards?title=NOPE", "title"},
			{"/api/v1/clusters?year=20x4", "year"},
			{"/api/v1/deadlines?year=2024&on=31/12/2024", "on"},
		} {
			resp, body := e.fetch(t, c.path, api.RoleAuditor, nil)
			p := decodeFullProblem(t, resp, body)
			if resp.StatusCode != 400 || p.Field != c.field {
				t.Errorf("%s: %d field %q, want 400 naming %q: %s", c.path, resp.StatusCode, p.Field, c.field, body)
			}
		}
		resp, body := e.fetch(t, "/api/v1/standings?year=2024&asOf=999999", api.RoleAuditor, nil)
		if p := decodeFullProblem(t, resp, body); resp.StatusCode != 404 || p.Field != "asOf" {
			t.Errorf("asOf beyond the head: %d %s", resp.StatusCode, body)
		}
	})

	t.Run("Access", func(t *testing.T) {
		for _, path := range []string{"/api/v1/standings?year=2024", "/api/v1/reports/reorganization?year=2025", "/api/v1/units",
			"/api/v1/clusters", "/api/v1/awards", "/api/v1/streams/unit-" + qid("hg"), "/api/v1/deadlines?year=2024",
			"/api/v1/councils", "/api/v1/registrations", "/api/v1/initiatives", "/api/v1/awards/" + qid("dec1") + "/reconstruction"} {
			resp, _ := e.fetch(t, path, "", nil)
			if resp.StatusCode != 401 {
				t.Errorf("anonymous %s: %d, want 401", path, resp.StatusCode)
			}
			for _, role := range api.Roles() {
				if resp, body := e.fetch(t, path, role, nil); resp.StatusCode != 200 {
					t.Errorf("%s %s: %d %s", role, path, resp.StatusCode, body)
				}
			}
		}
	})
}

func TestQueryPublicStandings(t *testing.T) {
	e := MustOpenQueryEnv(t, func(s *api.Server) { s.PublicStandings = true })
	for path, want := range map[string]int{
		"/api/v1/standings?year=2024":              200,
		"/api/v1/reports/reorganization?year=2025": 200,
		"/api/v1/units":                            401,
		"/api/v1/streams/unit-" + qid("hg"):        401,
	} {
		if resp, _ := e.fetch(t, path, "", nil); resp.StatusCode != want {
			t.Errorf("anonymous %s: %d, want %d", path, resp.StatusCode, want)
		}
	}
	req, _ := http.NewRequest("GET", e.srv.URL()+"/api/v1/standings?year=2024", nil)
	req.Header.Set("Authorization", "Bearer wrong")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("a wrong token on a public route: %d, want 401", resp.StatusCode)
	}
}

func TestQueryRealResponsesValidate(t *testing.T) {
	e := MustOpenQueryEnv(t, nil)
	doc := loadOpenAPI(t, e.srv)
	e.at(day("2025-09-02"))
	e.add(t, domain.ClusterLeaderAcclaimed{ClusterID: qid("cl1"), Year: 2024, LeadingUnitID: qid("bk"), BallotID: qid("no-such-ballot"),
		ProposedTitles: []domain.AwardKind{domain.TitleSectorEmulationFlag}, BasedOnSeq: 11}, "2025-01-12", "")
	e.waitReady(t)
	for _, c := range []struct{ path, tmpl string }{
		{"/api/v1/standings?year=2024", "/api/v1/standings"},
		{"/api/v1/reports/reorganization?year=2025", "/api/v1/reports/reorganization"},
		{"/api/v1/units", "/api/v1/units"},
		{"/api/v1/units/" + qid("hg"), "/api/v1/units/{id}"},
		{"/api/v1/clusters?year=2025", "/api/v1/clusters"},
		{"/api/v1/clusters/" + qid("cl1") + "?year=2025", "/api/v1/clusters/{id}"},
		{"/api/v1/awards", "/api/v1/awards"},
		{"/api/v1/awards/" + qid("a-tq"), "/api/v1/awards/{id}"},
		{"/api/v1/streams/cluster-" + qid("cl1"), "/api/v1/streams/{stream}"},
		{"/api/v1/deadlines?year=2024", "/api/v1/deadlines"},
		{"/api/v1/councils", "/api/v1/councils"},
		{"/api/v1/councils/" + qid("c1"), "/api/v1/councils/{id}"},
		{"/api/v1/registrations", "/api/v1/registrations"},
		{"/api/v1/initiatives", "/api/v1/initiatives"},
		{"/api/v1/eligibility?subject=unit:" + qid("tq") + "&title=TTLDXS&year=2024", "/api/v1/eligibility"},
		{"/api/v1/awards/" + qid("dec1") + "/reconstruction", "/api/v1/awards/{id}/reconstruction"},
		{"/api/v1/clusters/" + qid("cl1") + "/acclaims/2024/reconstruction", "/api/v1/clusters/{id}/acclaims/{year}/reconstruction"},
		{"/api/v1/reorganization-plans/" + qid("plan1") + "/reconstruction", "/api/v1/reorganization-plans/{id}/reconstruction"},
	} {
		resp, body := e.fetch(t, c.path, api.RoleAuditor, nil)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", c.path, resp.StatusCode, body)
			continue
		}
		item := doc.Paths.Find(c.tmpl)
		if item == nil || item.Get == nil {
			t.Errorf("%s: not described", c.tmpl)
			continue
		}
		mt := item.Get.Responses.Status(200).Value.Content["application/json"]
		if mt == nil || mt.Schema == nil {
			t.Errorf("%s: no 200 schema", c.tmpl)
			continue
		}
		validateJSON(t, mt.Schema.Value, body)
	}
}

func TestReadyzWaitsForProjections(t *testing.T) {
	e := &queryEnv{now: day("2024-01-02")}
	e.store = memstore.New(&memstore.Options{Now: func() time.Time { return e.now }})
	e.record(t)
	store := e.store
	h, _ := store.Head(context.Background())
	r, err := projections.NewRunner(store, projections.NewMemStateStore(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := projections.RegisterAll(r); err != nil {
		t.Fatal(err)
	}
	srv := newServerOn(t, store, nil, func(s *api.Server) { s.Queries = queriesOf(r) })
	resp, body := get(t, "GET", srv.URL()+"/readyz", nil)
	if resp.StatusCode != 503 || !strings.Contains(string(body), "projections catching up: "+itoa(h)+" events behind") {
		t.Fatalf("before the projections run: %d %s", resp.StatusCode, body)
	}
	if err := r.RunToEnd(context.Background()); err != nil {
		t.Fatal(err)
	}
	resp, body = get(t, "GET", srv.URL()+"/readyz", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("after catching up: %d %s", resp.StatusCode, body)
	}
	// Caught up once: new events the projections have not folded yet do
	// not make the server unready again.
	e.add(t, domain.UnitRenamed{UnitID: qid("hg"), OldName: nameHG, NewName: "Viện kiểm sát nhân dân tỉnh Hà Giang mới"}, "2025-09-01", "")
	if resp, body = get(t, "GET", srv.URL()+"/readyz", nil); resp.StatusCode != 200 {
		t.Fatalf("later lag: %d %s", resp.StatusCode, body)
	}
}

func TestClusterStreamsFrom(t *testing.T) {
	e := MustOpenQueryEnv(t, nil)
	streams, err := api.ClusterStreamsFrom(e.srv.Queries.Clusters, e.store)(context.Background(), 2024)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(streams, ",")
	for _, c := range []string{"cluster-" + qid("cl1"), "cluster-" + qid("cl2")} {
		if !strings.Contains(got, c) {
			t.Errorf("streams of 2024 = %v, missing %s", streams, c)
		}
	}
	// A cluster formed after the projection's checkpoint is seen too: the
	// hook reads the ledger's head.
	e.at(day("2025-10-01"))
	e.add(t, domain.ClusterFormed{ClusterID: qid("blk"), Kind: domain.ClusterKindBlock, Name: "Khối thi đua số 1", Number: 1, Year: 2026,
		OrganizerCouncilID: qid("c1"), MemberUnitIDs: []string{qid("bk")}}, "2026-01-01", "")
	streams, err = api.ClusterStreamsFrom(e.srv.Queries.Clusters, e.store)(context.Background(), 2026)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(streams, ","), "cluster-"+qid("blk")) {
		t.Errorf("streams of 2026 = %v", streams)
	}
}

func itoa(n uint64) string { return strconv.FormatUint(n, 10) }

// TestStandingsAnswerCache: the same request twice gives the same body and
// ETag (the second from the answer cache); once the ledger moves, the
// answer moves with it — the cache never serves a stale answer as latest.
func TestStandingsAnswerCache(t *testing.T) {
	e := MustOpenQueryEnv(t, nil)
	get := func() (string, []byte) {
		resp, body := e.fetch(t, "/api/v1/standings?year=2024", api.RoleAuditor, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		return resp.Header.Get("ETag"), body
	}
	tag1, body1 := get()
	tag2, body2 := get()
	if tag1 != tag2 || !bytes.Equal(body1, body2) {
		t.Fatalf("the same request twice: %s vs %s", tag1, tag2)
	}
	e.add(t, domain.UnitEstablished{UnitID: qid("new"), Name: "Viện kiểm sát nhân dân khu vực 7 - Hà Giang", Level: domain.LevelRegional,
		Kind: domain.UnitKindProcuracy, ParentUnitID: qid("tc")}, "2025-07-01", "")
	e.waitReady(t)
	tag3, body3 := get()
	if tag3 == tag1 || bytes.Equal(body3, body1) {
		t.Fatalf("after an append the answer did not move: %s, %s", tag1, tag3)
	}
	if resp, _ := e.fetch(t, "/api/v1/standings?year=2024", api.RoleAuditor, http.Header{"If-None-Match": {tag3}}); resp.StatusCode != http.StatusNotModified {
		t.Fatalf("If-None-Match on a cached answer: %d", resp.StatusCode)
	}
}

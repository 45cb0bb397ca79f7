package projections_test

import (
	"context"
	"testing"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/projections"
)

// standingsHistory is the demo ledger and, after it, the changes the
// standings model keeps by seq: a second cluster's scores under a scheme
// published after them, corrections (one of a correction), a registration
// amended, another submitted then withdrawn, an award decided then revoked,
// a flag proposed, a second acclaim of the same cluster and year, a unit
// renamed and a cluster renamed and renumbered.
func standingsHistory(t *testing.T) *ledger {
	t.Helper()
	l, _ := demo(t)
	l.at(day("2025-09-10"))
	score := func(id, unit, cluster, scheme string, a, b domain.Points) {
		l.add(domain.ScoreRecorded{ScoreID: id, ScorecardID: id2(id, "card"), SubjectUnitID: unit,
			ClusterID: cluster, Year: 2024, SchemeID: scheme, SchemeVersion: 1, Stage: domain.StageCluster,
			Items: []domain.ItemScore{{Code: "I.1", Points: a}, {Code: "I.2", Points: b}}, Total: a + b}, "2025-01-10", "")
	}
	score(id("score-ls"), id("ls"), id("cl2"), id("s2"), 400, 410)
	score(id("score-cb"), id("cb"), id("cl2"), id("s2"), 420, 380)
	l.add(domain.ScoringSchemePublished{SchemeID: id("s2"), Version: 1, Table: "Cụm 2",
		Items: []domain.SchemeItem{{Code: "I.1", Title: "Công tố", MaxPoints: 600}, {Code: "I.2", Title: "Kiểm sát", MaxPoints: 600}}}, "2024-01-01", "")
	l.add(domain.ScoreCorrected{ScoreID: id("score-hg-fix2"), ScorecardID: id("card-hg"), SupersedesScoreID: id("score-hg-fix"),
		Items: []domain.ItemScore{{Code: "I.1", Points: 400}}, Total: 920, Reason: "Trừ điểm tính trùng", CorrectedByUnitID: id("vp")}, "2025-09-10", "")
	l.add(domain.ScoreCorrected{ScoreID: id("score-cb-fix"), ScorecardID: id2(id("score-cb"), "card"), SupersedesScoreID: id("score-cb"),
		Items: []domain.ItemScore{{Code: "I.2", Points: 300}}, Total: 720, Reason: "Sai số liệu", CorrectedByUnitID: id("tc")}, "2025-09-10", "")
	l.add(domain.EmulationRegistrationAmended{RegistrationID: id("r-tq"), SubjectKind: domain.SubjectUnit,
		Targets: []domain.AwardKind{domain.TitleExcellentCollective}, Reason: "Rút chỉ tiêu cờ thi đua"}, "2025-09-11", "")
	l.add(domain.EmulationRegistrationSubmitted{RegistrationID: id("r-ls"), Subject: domain.Unit(id("ls")), Year: 2024,
		Targets: []domain.AwardKind{domain.TitleAdvancedCollective}, ViaClusterID: id("cl2")}, "2025-09-11", "")
	l.add(domain.EmulationRegistrationAmended{RegistrationID: id("r-ls"), SubjectKind: domain.SubjectUnit,
		Targets: []domain.AwardKind{domain.TitleExcellentCollective}, Reason: "Nâng chỉ tiêu"}, "2025-09-12", "")
	l.add(domain.EmulationRegistrationWithdrawn{RegistrationID: id("r-ls"), Reason: "Rút đăng ký"}, "2025-09-13", "")
	l.add(domain.AwardDecided{DecisionID: id("dec2"), DecisionNo: doc("40/QĐ-VKSTC"), IssuerUnitID: id("tc"), IssuerRole: "Viện trưởng VKSND tối cao",
		Awards:     []domain.DecidedAward{{AwardID: id("a-cb"), Subject: domain.Unit(id("cb")), AwardKind: domain.TitleAdvancedCollective, Year: 2024}},
		BasedOnSeq: 40}, "2025-09-14", "40/QĐ-VKSTC")
	l.add(domain.AwardProposed{ProposalID: id("prop-flag-cb"), Subject: domain.Unit(id("cb")), AwardKind: domain.TitleSectorEmulationFlag, Year: 2024,
		Basis: domain.BasisMerit, ProposerUnitID: id("cb"), Level: domain.AwardLevelSector}, "2025-09-15", "")
	l.add(domain.AwardRevoked{DecisionID: id("dec2"), AwardIDs: []string{id("a-cb")}, RevokingDecisionNo: doc("41/QĐ-VKSTC"),
		Ground: domain.GroundFalseDossier}, "2025-09-16", "41/QĐ-VKSTC")
	l.add(domain.ClusterLeaderAcclaimed{ClusterID: id("cl1"), Year: 2024, LeadingUnitID: id("bk"), MinutesRef: "Biên bản họp lại",
		ProposedTitles: []domain.AwardKind{domain.TitleExcellentCollective}, BasedOnSeq: 45}, "2025-09-17", "")
	l.add(domain.ClusterLeaderAcclaimed{ClusterID: id("cl2"), Year: 2024, LeadingUnitID: id("ls"), BasedOnSeq: 46}, "2025-09-17", "")
	l.add(domain.UnitRenamed{UnitID: id("tn"), OldName: nameTN, NewName: "Viện kiểm sát nhân dân tỉnh Thái Nguyên (mới)"}, "2025-09-18", "")
	l.add(domain.ClusterRenamed{ClusterID: id("cl1"), OldName: "Cụm thi đua khu vực Đông Bắc", NewName: "Cụm thi đua số 5", NewNumber: 5}, "2025-09-19", "")
	l.add(domain.ClusterLeaderAcclaimed{ClusterID: id("cl1"), Year: 2024, LeadingUnitID: id("tn"), BasedOnSeq: 50}, "2025-09-20", "")
	return l
}

// TestStandingsAsOfEverySeqEqualsTruncatedLedger asks the standings as of
// every seq of a history with corrections, amendments, withdrawals,
// revocations, repeated acclaims and renames, and compares each answer with
// the latest answer of a ledger truncated there, byte for byte. The live
// model answers as-of queries by filtering (appendOnly), so a fact or change
// the filter lets through too early shows here.
func TestStandingsAsOfEverySeqEqualsTruncatedLedger(t *testing.T) {
	ctx := t.Context()
	l := standingsHistory(t)
	full := newRunner(t, l, nil)
	runToEnd(t, full)
	live := projections.NewStandings(full, nil)
	head, err := l.store.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var recs []eventstore.RecordedEvent
	for rec, err := range l.store.ReadAll(ctx, 0) {
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	type query func(ctx context.Context, s *projections.Standings, asOf projections.AsOf) (any, error)
	queries := map[string]query{
		"sector 2024": func(ctx context.Context, s *projections.Standings, a projections.AsOf) (any, error) {
			return s.Sector(ctx, a, 2024)
		},
		"sector 2025": func(ctx context.Context, s *projections.Standings, a projections.AsOf) (any, error) {
			return s.Sector(ctx, a, 2025)
		},
		"cl1 2024": func(ctx context.Context, s *projections.Standings, a projections.AsOf) (any, error) {
			return s.Cluster(ctx, a, 2024, id("cl1"))
		},
		"cl2 2024": func(ctx context.Context, s *projections.Standings, a projections.AsOf) (any, error) {
			return s.Cluster(ctx, a, 2024, id("cl2"))
		},
	}
	trunc := newLedger(t)
	distinct := map[string]bool{}
	for cut := range head {
		rec := recs[cut]
		trunc.at(rec.RecordedAt)
		if _, err := trunc.store.Append(ctx, rec.Stream, eventstore.Any, rec.Event); err != nil {
			t.Fatal(err)
		}
		folded := newRunner(t, trunc, nil)
		runToEnd(t, folded)
		want := projections.NewStandings(folded, nil)
		for name, q := range queries {
			a, err := q(ctx, want, projections.Latest())
			if err != nil {
				t.Fatal(err)
			}
			b, err := q(ctx, live, projections.AtSeq(cut))
			if err != nil {
				t.Fatal(err)
			}
			if ja, jb := mustJSON(t, a), mustJSON(t, b); ja != jb {
				t.Errorf("%s as of seq %d (%s) differs from the ledger truncated there:\ntruncated %s\nas of     %s", name, cut, rec.Type, ja, jb)
			} else if name == "sector 2024" {
				distinct[ja] = true
			}
		}
	}
	// The history changes the 2024 standings at most of its seqs: the test
	// compares many different answers, not one empty one.
	if len(distinct) < 25 {
		t.Errorf("only %d distinct 2024 sector answers over %d seqs", len(distinct), head)
	}
}

// id2 derives a stable UUID from another id.
func id2(base, suffix string) string { return id(base + "/" + suffix) }

// TestStandingsStateOfOlderFormatIsFoldedAgain: a standings state saved
// before the model tagged its facts with seqs (no "format") is not loaded
// (it could not answer as of an earlier seq, and does not decode into the
// new shapes); the runner folds standings again from seq 0.
func TestStandingsStateOfOlderFormatIsFoldedAgain(t *testing.T) {
	ctx := t.Context()
	l, mk := demo(t)
	fresh := newRunner(t, l, nil)
	runToEnd(t, fresh)
	head, err := l.store.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	old := `{"names":{"units":{},"persons":{},"clusters":{},"councils":{}},"kinds":{"x":"cluster"},"numbers":{"x":1},` +
		`"schemeTitles":{},"scores":{},"regs":{},"awards":{},"acclaimed":{},"flags":{"u/2024":"p"}}`
	store := projections.NewMemStateStore()
	// Saved by version 0 of the model, in the runner's state format 2.
	if err := store.Save(ctx, projections.StandingsName, head, []byte("tdkt-state 2 0\n"+old)); err != nil {
		t.Fatal(err)
	}
	r := newRunner(t, l, store)
	if err := r.RunToEnd(ctx); err != nil {
		t.Fatal(err)
	}
	for _, asOf := range []projections.AsOf{projections.Latest(), projections.AtSeq(mk.correction.Seq - 1), projections.AtSeq(mk.correction.Seq)} {
		want, err := projections.NewStandings(fresh, nil).Sector(ctx, asOf, 2024)
		if err != nil {
			t.Fatal(err)
		}
		got, err := projections.NewStandings(r, nil).Sector(ctx, asOf, 2024)
		if err != nil {
			t.Fatalf("as of %s: %v", asOf, err)
		}
		if a, b := mustJSON(t, want), mustJSON(t, got); a != b {
			t.Errorf("as of %s:\nfresh %s\nstale %s", asOf, a, b)
		}
	}
}

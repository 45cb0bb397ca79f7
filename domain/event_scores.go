package domain

// Scores and rankings (DOMAIN.md §b): schemes in scheme-<schemeId>, a unit's
// scores for one cluster and year in scorecard-<scorecardId>, rankings and
// acclamation in cluster-<clusterId>.

// Wire names of score and ranking events.
const (
	EventScoringSchemePublished  = "ScoringSchemePublished"
	EventScoreRecorded           = "ScoreRecorded"
	EventScoreCorrected          = "ScoreCorrected"
	EventClusterRankingPublished = "ClusterRankingPublished"
	EventClusterRankingFinalized = "ClusterRankingFinalized"
	EventClusterLeaderAcclaimed  = "ClusterLeaderAcclaimed"
)

// Points are scores in hundredths of a point, so 97.25 is 9725: sums are
// exact and encode without floating point.
type Points int64

// SchemeItem is one criterion of a scoring table. MaxPoints is the most it
// can add; a penalty item subtracts up to MaxPoints, a bonus item adds on top
// of the table's base total.
type SchemeItem struct {
	Code      string `json:"code"`
	Title     string `json:"title"`
	MaxPoints Points `json:"maxPoints"`
	Bonus     bool   `json:"bonus,omitzero"`
	Penalty   bool   `json:"penalty,omitzero"`
}

// ScoringSchemePublished records a version of a scoring table (e.g. one of
// the six tables of QĐ 424/QĐ-VKSTC). A new version is a new event in the
// same stream.
type ScoringSchemePublished struct {
	SchemeID string       `json:"schemeId"`
	Version  int          `json:"version"`
	Table    string       `json:"table"`
	Items    []SchemeItem `json:"items"`
}

// EventType returns the wire name, EventScoringSchemePublished.
func (ScoringSchemePublished) EventType() string { return EventScoringSchemePublished }

// SchemaVersion returns the schema version of the data, 1.
func (ScoringSchemePublished) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ScoringSchemePublished) StreamID() string { return "scheme-" + e.SchemeID }

// Validate reports every missing or malformed field.
func (e ScoringSchemePublished) Validate() error {
	var c checker
	c.id("schemeId", e.SchemeID)
	if e.Version < 1 {
		c.fail("version", "at least 1 required")
	}
	c.name("table", e.Table)
	if len(e.Items) == 0 {
		c.fail("items", "at least 1 required")
	}
	seen := map[string]bool{}
	for i, it := range e.Items {
		f := idx("items", i)
		c.name(f+".code", it.Code)
		c.name(f+".title", it.Title)
		if it.MaxPoints <= 0 {
			c.fail(f+".maxPoints", "must be positive")
		}
		if it.Bonus && it.Penalty {
			c.fail(f+".penalty", "an item cannot be both bonus and penalty")
		}
		if seen[it.Code] && it.Code != "" {
			c.fail(f+".code", "duplicate")
		}
		seen[it.Code] = true
	}
	return c.err()
}

// ItemScore is the points given for one scheme item.
type ItemScore struct {
	Code   string `json:"code"`
	Points Points `json:"points"`
}

func validateItemScores(c *checker, field string, items []ItemScore) {
	seen := map[string]bool{}
	for i, it := range items {
		f := idx(field, i)
		c.name(f+".code", it.Code)
		if seen[it.Code] && it.Code != "" {
			c.fail(f+".code", "duplicate")
		}
		seen[it.Code] = true
	}
}

// ScoreRecorded records a unit's score at one stage (self, cluster,
// standing office) against a scheme version. Total is the sum of the item
// points as scored; the scheme's rules for bonus and penalty are applied by
// the rules, not here.
type ScoreRecorded struct {
	ScoreID       string      `json:"scoreId"`
	ScorecardID   string      `json:"scorecardId"`
	SubjectUnitID string      `json:"subjectUnitId"`
	ClusterID     string      `json:"clusterId"`
	Year          int         `json:"year"`
	SchemeID      string      `json:"schemeId"`
	SchemeVersion int         `json:"schemeVersion"`
	Stage         ScoreStage  `json:"stage"`
	Items         []ItemScore `json:"items"`
	Total         Points      `json:"total"`
	EvidenceRefs  []string    `json:"evidenceRefs,omitempty"`
}

// EventType returns the wire name, EventScoreRecorded.
func (ScoreRecorded) EventType() string { return EventScoreRecorded }

// SchemaVersion returns the schema version of the data, 1.
func (ScoreRecorded) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ScoreRecorded) StreamID() string { return "scorecard-" + e.ScorecardID }

// EvalYear returns the evaluation year the event is about.
func (e ScoreRecorded) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e ScoreRecorded) Validate() error {
	var c checker
	c.id("scoreId", e.ScoreID)
	c.id("scorecardId", e.ScorecardID)
	c.id("subjectUnitId", e.SubjectUnitID)
	c.id("clusterId", e.ClusterID)
	c.year("year", e.Year)
	c.id("schemeId", e.SchemeID)
	if e.SchemeVersion < 1 {
		c.fail("schemeVersion", "at least 1 required")
	}
	c.set("stage", e.Stage.IsZero())
	if len(e.Items) == 0 {
		c.fail("items", "at least 1 required")
	}
	validateItemScores(&c, "items", e.Items)
	var sum Points
	for _, it := range e.Items {
		sum += it.Points
	}
	if sum != e.Total {
		c.fail("total", "%d is not the sum of items (%d)", e.Total, sum)
	}
	for i, r := range e.EvidenceRefs {
		c.reqText(idx("evidenceRefs", i), r)
	}
	return c.err()
}

// ScoreCorrected records a new score that supersedes an earlier one; the
// earlier event is never changed. Items holds only the corrected items;
// Total is the new total of the whole score.
type ScoreCorrected struct {
	ScoreID           string      `json:"scoreId"`
	ScorecardID       string      `json:"scorecardId"`
	SupersedesScoreID string      `json:"supersedesScoreId"`
	Items             []ItemScore `json:"items"`
	Total             Points      `json:"total"`
	Reason            string      `json:"reason"`
	CorrectedByUnitID string      `json:"correctedByUnitId"`
}

// EventType returns the wire name, EventScoreCorrected.
func (ScoreCorrected) EventType() string { return EventScoreCorrected }

// SchemaVersion returns the schema version of the data, 1.
func (ScoreCorrected) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ScoreCorrected) StreamID() string { return "scorecard-" + e.ScorecardID }

// Validate reports every missing or malformed field.
func (e ScoreCorrected) Validate() error {
	var c checker
	c.id("scoreId", e.ScoreID)
	c.id("scorecardId", e.ScorecardID)
	c.id("supersedesScoreId", e.SupersedesScoreID)
	if e.ScoreID != "" && e.ScoreID == e.SupersedesScoreID {
		c.fail("supersedesScoreId", "same as scoreId")
	}
	if len(e.Items) == 0 {
		c.fail("items", "at least 1 required")
	}
	validateItemScores(&c, "items", e.Items)
	c.reqText("reason", e.Reason)
	c.id("correctedByUnitId", e.CorrectedByUnitID)
	return c.err()
}

// RankEntry is one unit's place in a cluster ranking.
type RankEntry struct {
	UnitID string `json:"unitId"`
	Total  Points `json:"total"`
	Rank   int    `json:"rank"`
}

// ClusterRankingPublished records a ranking of a cluster's units for a
// year. It may be republished; ClusterRankingFinalized closes it.
type ClusterRankingPublished struct {
	RankingID string      `json:"rankingId"`
	ClusterID string      `json:"clusterId"`
	Year      int         `json:"year"`
	Ranking   []RankEntry `json:"ranking"`
	Method    string      `json:"method"`
}

// EventType returns the wire name, EventClusterRankingPublished.
func (ClusterRankingPublished) EventType() string { return EventClusterRankingPublished }

// SchemaVersion returns the schema version of the data, 1.
func (ClusterRankingPublished) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ClusterRankingPublished) StreamID() string { return "cluster-" + e.ClusterID }

// EvalYear returns the evaluation year the event is about.
func (e ClusterRankingPublished) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e ClusterRankingPublished) Validate() error {
	var c checker
	c.id("rankingId", e.RankingID)
	c.id("clusterId", e.ClusterID)
	c.year("year", e.Year)
	if len(e.Ranking) == 0 {
		c.fail("ranking", "at least 1 required")
	}
	seen := map[string]bool{}
	for i, r := range e.Ranking {
		f := idx("ranking", i)
		c.id(f+".unitId", r.UnitID)
		if seen[r.UnitID] && r.UnitID != "" {
			c.fail(f+".unitId", "duplicate")
		}
		seen[r.UnitID] = true
		if r.Rank < 1 || r.Rank > len(e.Ranking) {
			c.fail(f+".rank", "out of range 1–%d", len(e.Ranking))
		}
		if i > 0 && r.Rank < e.Ranking[i-1].Rank {
			c.fail(f+".rank", "ranking not in rank order")
		}
	}
	c.reqText("method", e.Method)
	return c.err()
}

// ClusterRankingFinalized closes a published ranking. BasedOnSeq is the last
// ledger seq the cluster saw when it finalized.
type ClusterRankingFinalized struct {
	RankingID  string `json:"rankingId"`
	ClusterID  string `json:"clusterId"`
	Year       int    `json:"year"`
	BasedOnSeq uint64 `json:"basedOnSeq"`
}

// EventType returns the wire name, EventClusterRankingFinalized.
func (ClusterRankingFinalized) EventType() string { return EventClusterRankingFinalized }

// SchemaVersion returns the schema version of the data, 1.
func (ClusterRankingFinalized) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ClusterRankingFinalized) StreamID() string { return "cluster-" + e.ClusterID }

// EvalYear returns the evaluation year the event is about.
func (e ClusterRankingFinalized) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e ClusterRankingFinalized) Validate() error {
	var c checker
	c.id("rankingId", e.RankingID)
	c.id("clusterId", e.ClusterID)
	c.year("year", e.Year)
	return c.err()
}

// ClusterLeaderAcclaimed records the unit a cluster acclaimed (suy tôn) as
// its leader for the year, with the titles proposed for it (TT 02/2024
// Điều 17; rules R14–R16). BasedOnSeq is the last ledger seq the cluster
// saw when it voted.
type ClusterLeaderAcclaimed struct {
	ClusterID      string      `json:"clusterId"`
	Year           int         `json:"year"`
	LeadingUnitID  string      `json:"leadingUnitId"`
	BallotID       string      `json:"ballotId,omitzero"`
	MinutesRef     string      `json:"minutesRef,omitzero"`
	ProposedTitles []AwardKind `json:"proposedTitles,omitempty"`
	BasedOnSeq     uint64      `json:"basedOnSeq"`
}

// EventType returns the wire name, EventClusterLeaderAcclaimed.
func (ClusterLeaderAcclaimed) EventType() string { return EventClusterLeaderAcclaimed }

// SchemaVersion returns the schema version of the data, 1.
func (ClusterLeaderAcclaimed) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ClusterLeaderAcclaimed) StreamID() string { return "cluster-" + e.ClusterID }

// EvalYear returns the evaluation year the event is about.
func (e ClusterLeaderAcclaimed) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e ClusterLeaderAcclaimed) Validate() error {
	var c checker
	c.id("clusterId", e.ClusterID)
	c.year("year", e.Year)
	c.id("leadingUnitId", e.LeadingUnitID)
	c.optID("ballotId", e.BallotID)
	c.text("minutesRef", e.MinutesRef)
	if len(e.ProposedTitles) > 0 {
		validateTargets(&c, "proposedTitles", e.ProposedTitles, SubjectUnit)
	}
	return c.err()
}

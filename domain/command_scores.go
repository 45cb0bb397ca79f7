package domain

// Commands on scoring schemes (scheme-<id>), scorecards (scorecard-<id>)
// and cluster rankings and acclamation (cluster-<id>).

// PublishScoringScheme publishes a version of a scoring table; versions go
// up by one.
type PublishScoringScheme struct {
	SchemeID string       `json:"schemeId"`
	Version  int          `json:"version"`
	Table    string       `json:"table"`
	Items    []SchemeItem `json:"items"`
}

func (PublishScoringScheme) CommandName() string { return "PublishScoringScheme" }
func (c PublishScoringScheme) Stream() string    { return "scheme-" + c.SchemeID }
func (PublishScoringScheme) Reads() []string     { return nil }
func (c PublishScoringScheme) Validate() error   { return c.event().Validate() }
func (c PublishScoringScheme) normalized() Command {
	c.Table = nn(c.Table)
	if c.Items != nil {
		items := make([]SchemeItem, len(c.Items))
		for i, it := range c.Items {
			it.Code, it.Title = nn(it.Code), nn(it.Title)
			items[i] = it
		}
		c.Items = items
	}
	return c
}
func (c PublishScoringScheme) event() ScoringSchemePublished {
	return ScoringSchemePublished{SchemeID: c.SchemeID, Version: c.Version, Table: c.Table, Items: c.Items}
}

// RecordScore records a unit's score for a cluster and year at one stage
// against a scheme version. The total is computed from the items. Refused
// for a unit that is not a member of the cluster that year, against a
// scheme version that does not exist or with items outside it, and once
// the cluster's ranking for the year is finalized. A scorecard holds one
// unit's scores for one cluster and year. Reads the cluster and the
// scheme.
type RecordScore struct {
	ScoreID       string      `json:"scoreId"`
	ScorecardID   string      `json:"scorecardId"`
	SubjectUnitID string      `json:"subjectUnitId"`
	ClusterID     string      `json:"clusterId"`
	Year          int         `json:"year"`
	SchemeID      string      `json:"schemeId"`
	SchemeVersion int         `json:"schemeVersion"`
	Stage         ScoreStage  `json:"stage"`
	Items         []ItemScore `json:"items"`
	EvidenceRefs  []string    `json:"evidenceRefs,omitempty"`
}

func (RecordScore) CommandName() string { return "RecordScore" }
func (c RecordScore) Stream() string    { return "scorecard-" + c.ScorecardID }
func (c RecordScore) Reads() []string {
	return []string{"cluster-" + c.ClusterID, "scheme-" + c.SchemeID}
}
func (c RecordScore) Validate() error { return c.event().Validate() }
func (c RecordScore) normalized() Command {
	c.Items = normItems(c.Items)
	if c.EvidenceRefs != nil {
		refs := make([]string, len(c.EvidenceRefs))
		for i, r := range c.EvidenceRefs {
			refs[i] = nt(r)
		}
		c.EvidenceRefs = refs
	}
	return c
}
func (c RecordScore) event() ScoreRecorded {
	var total Points
	for _, it := range c.Items {
		total += it.Points
	}
	return ScoreRecorded{ScoreID: c.ScoreID, ScorecardID: c.ScorecardID, SubjectUnitID: c.SubjectUnitID, ClusterID: c.ClusterID, Year: c.Year, SchemeID: c.SchemeID, SchemeVersion: c.SchemeVersion, Stage: c.Stage, Items: c.Items, Total: total, EvidenceRefs: c.EvidenceRefs}
}

func normItems(items []ItemScore) []ItemScore {
	if items == nil {
		return nil
	}
	out := make([]ItemScore, len(items))
	for i, it := range items {
		it.Code = nn(it.Code)
		out[i] = it
	}
	return out
}

// CorrectScore supersedes a score (which must exist in the scorecard and
// not be superseded already) with corrected items; the new total is the
// superseded score's items with the corrections applied. ClusterID must be
// the scorecard's cluster (it is read to refuse corrections after the
// ranking is finalized).
type CorrectScore struct {
	ScoreID           string      `json:"scoreId"`
	ScorecardID       string      `json:"scorecardId"`
	ClusterID         string      `json:"clusterId"`
	SupersedesScoreID string      `json:"supersedesScoreId"`
	Items             []ItemScore `json:"items"`
	Reason            string      `json:"reason"`
	CorrectedByUnitID string      `json:"correctedByUnitId"`
}

func (CorrectScore) CommandName() string { return "CorrectScore" }
func (c CorrectScore) Stream() string    { return "scorecard-" + c.ScorecardID }
func (c CorrectScore) Reads() []string   { return []string{"cluster-" + c.ClusterID} }
func (c CorrectScore) normalized() Command {
	c.Items, c.Reason = normItems(c.Items), nt(c.Reason)
	return c
}
func (c CorrectScore) Validate() error {
	var k checker
	k.id("clusterId", c.ClusterID)
	return joinErr(c.event(0).Validate(), k.err())
}
func (c CorrectScore) event(total Points) ScoreCorrected {
	return ScoreCorrected{ScoreID: c.ScoreID, ScorecardID: c.ScorecardID, SupersedesScoreID: c.SupersedesScoreID, Items: c.Items, Total: total, Reason: c.Reason, CorrectedByUnitID: c.CorrectedByUnitID}
}

// PublishClusterRanking publishes (or republishes) the year's ranking of a
// cluster's members; refused once finalized.
type PublishClusterRanking struct {
	RankingID string      `json:"rankingId"`
	ClusterID string      `json:"clusterId"`
	Year      int         `json:"year"`
	Ranking   []RankEntry `json:"ranking"`
	Method    string      `json:"method"`
}

func (PublishClusterRanking) CommandName() string   { return "PublishClusterRanking" }
func (c PublishClusterRanking) Stream() string      { return "cluster-" + c.ClusterID }
func (PublishClusterRanking) Reads() []string       { return nil }
func (c PublishClusterRanking) Validate() error     { return c.event().Validate() }
func (c PublishClusterRanking) normalized() Command { c.Method = nt(c.Method); return c }
func (c PublishClusterRanking) event() ClusterRankingPublished {
	return ClusterRankingPublished{RankingID: c.RankingID, ClusterID: c.ClusterID, Year: c.Year, Ranking: c.Ranking, Method: c.Method}
}

// FinalizeClusterRanking closes a published ranking; scores for the cluster
// and year are locked from then on. The ledger head read is recorded.
type FinalizeClusterRanking struct {
	RankingID string `json:"rankingId"`
	ClusterID string `json:"clusterId"`
	Year      int    `json:"year"`
}

func (FinalizeClusterRanking) CommandName() string { return "FinalizeClusterRanking" }
func (c FinalizeClusterRanking) Stream() string    { return "cluster-" + c.ClusterID }
func (FinalizeClusterRanking) Reads() []string     { return nil }
func (c FinalizeClusterRanking) Validate() error {
	return ClusterRankingFinalized{RankingID: c.RankingID, ClusterID: c.ClusterID, Year: c.Year}.Validate()
}

// AcclaimClusterLeader records the unit the cluster acclaimed as its
// leading unit for the year: one per cluster and year (R16), a member. If
// the proposed titles include the sector flag, the cluster ballot BallotID
// must reach the policy's share of the members (R15, a flag rule: list
// "R15" in AcknowledgedRules to record anyway). The ledger head read is
// recorded.
type AcclaimClusterLeader struct {
	ClusterID         string      `json:"clusterId"`
	Year              int         `json:"year"`
	LeadingUnitID     string      `json:"leadingUnitId"`
	BallotID          string      `json:"ballotId,omitzero"`
	MinutesRef        string      `json:"minutesRef,omitzero"`
	ProposedTitles    []AwardKind `json:"proposedTitles,omitempty"`
	AcknowledgedRules []string    `json:"acknowledgedRules,omitempty"`
}

func (AcclaimClusterLeader) CommandName() string   { return "AcclaimClusterLeader" }
func (c AcclaimClusterLeader) Stream() string      { return "cluster-" + c.ClusterID }
func (c AcclaimClusterLeader) Reads() []string     { return []string{"unit-" + c.LeadingUnitID} }
func (c AcclaimClusterLeader) normalized() Command { c.MinutesRef = nt(c.MinutesRef); return c }
func (c AcclaimClusterLeader) Validate() error {
	var k checker
	validateAck(&k, c.AcknowledgedRules)
	return joinErr(c.event(0).Validate(), k.err())
}
func (c AcclaimClusterLeader) event(seq uint64) ClusterLeaderAcclaimed {
	return ClusterLeaderAcclaimed{ClusterID: c.ClusterID, Year: c.Year, LeadingUnitID: c.LeadingUnitID, BallotID: c.BallotID, MinutesRef: c.MinutesRef, ProposedTitles: c.ProposedTitles, BasedOnSeq: seq}
}
